"""A new tag's base from the ImageNet classes its examples show, each weighted by how strongly.

A union no WordNet node names ("kitchenware": can openers, stoves, mugs, ladles) is best described
by the classes the user's own examples look like. Taking only each example's likeliest class
(core/concepts.py, with_own_classes) misses the photos the tagger is unsure about: a bowl it calls
"pitcher 0.70, vase 0.19", a ladle it calls "strainer 0.14, ladle 0.12". Here every class an
example shows counts, weighted by the most any example gives it; a class some rejection shows more
strongly than any example says nothing about the tag and is left out. A photo's base is then its
probability mass weighted that way: high when it looks like one of the examples.

On det-photos (10 yes + 30 no, 3 seeds, AP on the photos not answered, class mass alone), this
ranked kitchenware 0.55 against 0.38 for the likeliest classes and 0.15 for the best WordNet
set; for tags that are one WordNet node the node is far better (music 0.97 against 0.82). These
weights, spread to their WordNet neighbours (core/class_neighbours.py), are what a tag's base
is widened by; which base a tag uses is chosen by out-of-fold scores (core/tag_learning.py).
"""

from __future__ import annotations

import numpy as np

from phototagger.core.concepts import COVERED_MASS, ConceptFit
from phototagger.ml.metrics import average_precision

# Weights below this are dropped: it keeps ~25 classes instead of ~200 at no loss in ranking
# (0.55 against 0.56).
WEIGHT_FLOOR = 0.02


def example_class_weights(probs: np.ndarray, positive: np.ndarray) -> ConceptFit | None:
    """The weighted class set of the positives among the labelled photos' ImageNet `probs`;
    None without positives or when every class shown is shown more strongly by a rejection."""
    positive = positive.astype(bool)
    if not positive.any():
        return None
    weights = probs[positive].max(axis=0).astype(np.float32)
    if (~positive).any():
        weights[probs[~positive].max(axis=0) > weights] = 0.0
    weights[weights < WEIGHT_FLOOR] = 0.0
    if not weights.any():
        return None
    final = probs @ weights
    ap = average_precision(positive, final) if (~positive).any() else 1.0
    coverage = float((final[positive] >= COVERED_MASS).mean())
    return ConceptFit((), (), weights, ap, coverage, own=int((weights > 0).sum()), weighted=True)
