"""A new tag's class weights spread to the WordNet neighbours of the classes its examples show.

Ten examples of "kitchenware" (15 kinds of things) show seven or eight kinds; a kind no example
showed gets no weight from core/class_weights.py, so neither the tag nor its review queue ever
reaches it. WordNet says which classes are near: 'microwave' and 'toaster' meet at 'kitchen
appliance', 'frying pan' and 'wok' at 'pan', but 'microwave' and 'drum' only at 'instrumentality'.
How near is the information content of the lowest common hypernym (Resnik), from the shipped
closure (models/wordnet_closure.json): log(1000 / classes below it), over log(1000), so a node
with one class is 1 and the root 0. A class then weighs as much as the most any example's class
lends it: that class's weight times similarity ** SPREAD_POWER (0.74, 'kitchen appliance',
lends 0.17; 0.90, 'pan', 0.53; 0.3, 'instrumentality', 0.001, under the floor: nothing). A class
the rejections lend more to than the examples do says nothing about the tag and is left out.

On det-photos (10 yes + 30 no, 6 draws, AP of the class mass alone on the photos not answered),
against the examples' weighted classes: things to eat 0.97 against 0.71, music 0.92 against 0.70,
vehicles 0.73 against 0.72, seaside 0.54 against 0.49, kitchenware 0.64 against 0.62, persons
0.42 against 0.42; a WordNet node widened this way rather than by the weighted classes alone:
seaside 0.55 against 0.50, things to eat 0.95 against 0.92, kitchenware 0.46 against 0.45,
music 0.97 and vehicles 0.93 against 0.94. A power of 4 ranked alike but lent weak classes
(every ball, for a volleyball) enough to put them above a tag's threshold. Which base a tag
uses is still for out-of-fold scores to say (core/tag_learning.py).
"""

from __future__ import annotations

import functools

import numpy as np

from phototagger.core.class_weights import WEIGHT_FLOOR, example_class_weights
from phototagger.core.concepts import ConceptFit, load_concepts, widened_fit

SPREAD_POWER = 6.0  # sharpens the similarity: only specific common hypernyms lend much weight


@functools.lru_cache(maxsize=1)
def class_similarity() -> np.ndarray:
    """(1000, 1000) float32: the information content of each pair of classes' lowest common
    hypernym in the shipped WordNet closure, in [0, 1] (1 on the diagonal)."""
    members = load_concepts().members  # (1000, K) 0/1; every class's own synset is a column
    n = members.shape[0]
    sizes = members.sum(axis=0)
    content = np.log(n / sizes) / np.log(n)
    similarity = np.zeros((n, n), np.float32)
    # From the widest node to the narrowest: each pair ends with its most specific common node.
    for k in np.argsort(content, kind="stable"):
        inside = np.flatnonzero(members[:, k])
        similarity[np.ix_(inside, inside)] = content[k]
    np.fill_diagonal(similarity, 1.0)
    return similarity


def lent_weights(weights: np.ndarray, similarity: np.ndarray, power: float = 1.0) -> np.ndarray:
    """(C,) float32: the most any weighted class lends each class, its weight times their
    `similarity` ((C, C): WordNet's here, the tagger's class kinship in core/class_kinship.py)
    to the `power`."""
    used = np.flatnonzero(weights > 0)
    if len(used) == 0:
        return np.zeros(len(weights), np.float32)
    return (weights[used][None, :] * similarity[:, used] ** power).max(axis=1).astype(np.float32)


def spread(weights: np.ndarray, against: np.ndarray | None = None) -> np.ndarray:
    """(1000,) `weights` lent to every class by WordNet similarity (the most any weighted class
    lends), kept where `against` (weights of what the rejections show) lends less; floored."""
    similarity = class_similarity()
    lent = lent_weights(weights, similarity, SPREAD_POWER)
    if against is not None:  # nothing shown by the rejections lends nothing
        lent[lent_weights(against, similarity, SPREAD_POWER) > lent] = 0.0
    lent = np.maximum(lent, weights)
    lent[lent < WEIGHT_FLOOR] = 0.0
    return lent.astype(np.float32)


def rejection_weights(probs: np.ndarray, positive: np.ndarray) -> np.ndarray | None:
    """(1000,) the most any rejection gives each class (floored); None without rejections."""
    if positive.all():
        return None
    shown = probs[~positive].max(axis=0).astype(np.float32)
    shown[shown < WEIGHT_FLOOR] = 0.0
    return shown


def neighbour_class_weights(
    probs: np.ndarray, positive: np.ndarray, fit: ConceptFit | None = None
) -> ConceptFit | None:
    """The classes the positives show (core/class_weights.py) and their WordNet neighbours,
    weighted; with `fit` (a WordNet set), that set kept in full besides. None when the examples
    show nothing a rejection does not show more strongly, or (with `fit`) when nothing is
    added to it."""
    positive = positive.astype(bool)
    weighted = example_class_weights(probs, positive)
    if weighted is None:
        return None
    classes = spread(weighted.classes, rejection_weights(probs, positive))
    before = fit.classes if fit is not None else np.zeros_like(classes)
    classes = np.maximum(classes, before)
    added = int((classes > before).sum())
    if fit is not None and added == 0:
        return None
    # The classes it weighs outside the WordNet groups (all of them, with none), the label's
    # "(5 classes outside 'dog')": "(5 classes)" beside 'dog' read as if 'dog' were 5 (walk43).
    index = load_concepts()
    groups = [index.wnids.index(w) for w in fit.wnids] if fit is not None else []
    inside = index.members[:, groups].any(axis=1)
    outside = int(((classes > 0) & ~inside).sum())
    return widened_fit(fit, classes, probs, positive, own=outside, weighted=True, neighbours=True)
