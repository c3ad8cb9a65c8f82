"""Whether a taught tag's base may be moved by a correction from the embedding, judged per tag
on the answers held out.

A tag the user invented starts from a base (a WordNet class set's probability mass, the face
detector's signals) and a regularised correction from 64 directions of the embedding is fitted
on top (ml/few_shot.py). On a few dozen answers that correction can only learn what tells these
answers apart, and on the photos never answered it may rank worse than the base it corrects:
taught "kitchenware" after 3 review rounds (benchmarks/new_tags.py) ranked the photos never
answered at AP 0.76, its base alone at 0.82.

So for a base that is a WordNet class set (the "node" candidate: a prior the examples did not
shape), the two are candidates like the bases themselves (core/tag_learning.py): the set alone,
recalibrated (its scale and bias only: the set's own ranking), and the set with the correction.
Both are scored out of fold, and the richer one is kept only if it ranks the held-out answers
clearly better (core/candidate_choice.py: the one-standard-error rule, preferring the simpler
model). benchmarks/new_tags.py, 6 seeds, mean F1 on unanswered photos over 7 tags and 4 steps:
0.751 -> 0.766 (seaside +0.10 after each review round, no tag's mean down more than 0.02).
The same choice for every kind of base (faces, sets built from the examples' own classes) made
0.762, but "garment persons" lost 0.05; a ten times stronger L2 on the correction instead of
none made 0.752.

A base built from the examples' own classes ("own", "weighted") makes that choice the other way
round (correction_helps): the correction stays unless the base alone separates the held-out
answers clearly better at its best threshold (F1, beyond one standard error). Holding it to the
WordNet set's rule lifted kitchenware but cost "garment persons" (a tag its classes cannot say:
the person comes from the correction) 0.08; this rule, benchmarks/new_tags.py, 10 seeds, F1 on
unanswered photos: kitchenware +0.040/+0.027/+0.029/+0.004 per step, seaside +0.011 at first,
garment persons -0.014 after 3 rounds, every other tag unchanged.
"""

from __future__ import annotations

import numpy as np

from phototagger.core.candidate_choice import clearly_better, paired_ap_error
from phototagger.ml.metrics import best_f1

MARGIN = 0.0  # beyond one standard error of the paired AP difference is all it must be


def keeps_correction(y: np.ndarray, corrected: np.ndarray, base_alone: np.ndarray) -> bool:
    """Whether the out-of-fold scores with the correction (`corrected`) rank the answers `y`
    clearly better than those of the recalibrated base alone (`base_alone`)."""
    return clearly_better(y, corrected, base_alone, MARGIN)


def correction_helps(y: np.ndarray, corrected: np.ndarray, base_alone: np.ndarray) -> bool:
    """Whether the correction is kept on a base built from the examples' own classes: unless
    it ranks the answers `y` clearly better (keeps_correction), it goes only when the base
    alone clearly separates them better at its best threshold (F1, beyond one standard
    error of the paired difference)."""
    if keeps_correction(y, corrected, base_alone):
        return True
    y = y.astype(bool)
    gain = best_f1(y, base_alone) - best_f1(y, corrected)
    return gain <= paired_ap_error(y, base_alone, corrected, best_f1)
