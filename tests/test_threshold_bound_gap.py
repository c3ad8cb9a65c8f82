"""A new tag whose yes examples scored yes stand clear of every unanswered photo is bound to none
of them (ml/selection_aware.positives_bound): "pigs" taught on det-photos' 5 swine and 5 "no"
(goldfish, banana, violin, lemon, tiger) with plain `train` was cut at 0.39 and tagged 23 photos,
none a pig (4 horses, 4 cattle, 2 sheep, 3 antelope, a camel, a bear, a fox, ...). Held out, 4
swine scored 0.999 or more and the fifth, which the tagger reads as a platypus 0.14, 0.11; the
folds scored 49 unanswered photos 0.5-0.84. Read at 0.5 alone the bound allowed 69 tag photos
(49 / (5 / 7)), the calibration, pulled down by the 0.11, expected 70, and the cut took them.
No unanswered photo scores as high as the lowest of the 4: the tag's photos, scored like its
examples, would be there. The answers' scores below are that training's; the unanswered
photos' are drawn to match its figures (49 of 990 held out at 0.5-0.84, none a pig)."""

from __future__ import annotations

import numpy as np
import pytest

from phototagger.core.tag_threshold import tag_threshold
from phototagger.ml.selection_aware import positives_bound

YES = np.array([0.1115, 0.9999, 1.0, 0.9993, 1.0])  # held out; the first is the half guess
NO = np.array([0.0009, 0.0013, 0.0048, 0.0004, 0.0004])
FINAL_YES = np.array([0.9383, 0.9999, 1.0, 1.0, 1.0])  # the saved model's
FINAL_NO = np.array([0.0363, 0.0026, 0.005, 0.0005, 0.0005])


def unanswered(rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    """990 unanswered photos, none a pig: held out, 49 scored 0.5-0.84 (horses, cattle, sheep,
    bears: a hog's probability or a hoofed kind's in them), the rest under 0.5; the saved
    model scores them a little higher (its top 0.98), in the same order."""
    held = np.r_[rng.uniform(0.5, 0.84, 49), np.exp(rng.uniform(np.log(2e-4), np.log(0.5), 941))]
    final = 1 / (1 + np.exp(-(np.log(held / (1 - held)) * 1.2 + 0.8)))
    return held, final


def answers() -> tuple[np.ndarray, np.ndarray]:
    return np.r_[YES, NO], np.r_[np.ones(5, bool), np.zeros(5, bool)]


def test_no_unanswered_photo_near_the_examples_scored_yes_bounds_the_tag_to_none() -> None:
    held, _ = unanswered(np.random.default_rng(0))
    scores, y = answers()
    assert positives_bound(scores, y, held) == 0.0
    # One unanswered photo as high as the lowest of them: the bound is read at 0.5, as before
    # (49 + 1 photos, 4 of 5 examples: 50 / (5 / 7)).
    assert positives_bound(scores, y, np.r_[held, 0.9995]) == pytest.approx(70.0)
    # So too where a review answer (not an example) scores there.
    examples = np.r_[np.ones(9, bool), False]
    high_no = np.r_[YES, NO[:4], 0.9995]
    assert positives_bound(high_no, y, held, 1.0, examples) == pytest.approx(50 / (5 / 7))


def test_pigs_is_cut_above_every_unanswered_photo() -> None:
    held, final = unanswered(np.random.default_rng(0))
    scores, y = answers()
    cut = tag_threshold(
        0.5,
        False,
        y,
        np.ones(10),
        (scores, held),
        len(held),
        np.ones(10, bool),
        final,
        same_scale=True,
        final_labelled=np.r_[FINAL_YES, FINAL_NO],
    )
    # Before: cut at 0.74, 41 of the 990 photos tagged "pigs", none a pig (in the training
    # itself: 0.39, 23 photos).
    assert (final >= cut).sum() == 0, cut
