"""A threshold calibrated on fold models' scores is placed on the saved model's scale.

Fold models learn from fewer labels (and each searches its own class set), so they are less
sure than the saved model: the same photos score closer to 0.5. The calibration of their
held-out scores says how many unlabelled photos to tag; a cut read off their scale and applied
to the saved model's scores tags far more (or fewer) than that. A simulated library of 2,000
photos, 200 with the tag, scored by a saved model and, squashed towards 0.5 with some noise, by
the folds.
"""

from __future__ import annotations

import numpy as np

from phototagger.core.tag_threshold import tag_threshold
from phototagger.ml.selection_aware import by_rank

BETA = 0.5


def _library(seed: int) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """(truth, the saved model's scores, the folds' scores, the 40 labelled photos' indices)."""
    rng = np.random.default_rng(seed)
    truth = np.zeros(2000, bool)
    truth[:200] = True
    final = np.where(truth, 1.5, -2.0) + 1.0 * rng.standard_normal(2000)
    folds = 0.4 * final - 0.5 + 0.3 * rng.standard_normal(2000)
    labelled = np.r_[rng.choice(200, 10, replace=False), 200 + rng.choice(1800, 30, replace=False)]
    return truth, 1 / (1 + np.exp(-final)), 1 / (1 + np.exp(-folds)), labelled


def test_the_cut_lands_on_the_saved_models_scale() -> None:
    for seed in range(6):
        truth, final, folds, labelled = _library(seed)
        rest = np.setdiff1d(np.arange(2000), labelled)
        y = truth[labelled]
        examples = np.ones(len(labelled), bool)
        held_out = (folds[labelled], folds[rest])
        args = (0.5, False, y, np.where(y, 3.0, 1.0), held_out, len(rest), examples)
        on_folds = tag_threshold(*args)
        on_final = tag_threshold(*args, final[rest])
        # The saved model tags as many unlabelled photos as the calibration chose on the folds'
        # scale (its likeliest ones), where the folds' cut read as it is tags more.
        wanted = int((folds[rest] >= on_folds).sum())
        assert int((final[rest] >= on_final).sum()) == wanted, seed
        assert int((final[rest] >= on_folds).sum()) > wanted, seed


def test_probabilities_keep_their_ranks() -> None:
    rng = np.random.default_rng(0)
    held_out = rng.random(50)
    probability = held_out**2  # any increasing map: the calibration is monotone
    final = rng.random(50)
    carried = by_rank(probability, final)
    # The same probabilities, now decreasing along the saved model's order.
    assert np.allclose(np.sort(carried), np.sort(probability))
    assert np.all(np.diff(carried[np.argsort(-final)]) <= 0)
