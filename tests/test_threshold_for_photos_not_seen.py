"""Once review has found every photo of a tag, no unanswered photo is likely the tag's and any
cut above them tags the same library photos. The cut is then placed for the photos scanned next
(core/tag_threshold.py): where the tag's fitted P(yes | score) reaches MOSTLY_RIGHT, or, on the
saved model's scale, midway across the gap below its yes answers. Before, it sat just above the
likeliest unanswered photo: taught "monkeys" was cut at 0.153 over a bear at 0.146, and a dog
scanned next at 0.16 would have been tagged "monkeys"."""

from __future__ import annotations

import numpy as np
import pytest

from phototagger.core.tag_threshold import ABOVE, MOSTLY_RIGHT, gap_cut, tag_threshold
from phototagger.ml.selection_aware import fit_library_calibration, midway


def _all_found(seed: int = 0) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(answers, their held-out scores, the 960 unanswered photos' scores): 13 yes scored 0.9 or
    more, 37 no up to 0.5, nothing unanswered above 0.12."""
    rng = np.random.default_rng(seed)
    y = np.r_[np.ones(13, bool), np.zeros(37, bool)]
    held = np.r_[rng.uniform(0.9, 1.0, 13), rng.uniform(0.0, 0.5, 37)]
    return y, held, np.sort(rng.uniform(0.0, 0.12, 960))


def test_on_its_own_scale_the_cut_is_where_the_fit_says_yes_is_likelier() -> None:
    y, held, unlabelled = _all_found()
    no_examples = np.zeros(len(y), bool)
    threshold = tag_threshold(0.5, False, y, np.ones(len(y)), (held, unlabelled), 960, no_examples)
    calibration = fit_library_calibration(held, y, no_examples, unlabelled)
    assert calibration is not None
    # The fitted P(yes | score) is MOSTLY_RIGHT at the cut (the old rule: 0.13, just above the
    # likeliest unanswered photo, where the fit gives a photo a few percent).
    assert calibration.probability(np.array([threshold]))[0] == pytest.approx(MOSTLY_RIGHT)
    old_rule = float(unlabelled.max()) + ABOVE
    assert threshold > old_rule + 0.1
    assert calibration.probability(np.array([old_rule]))[0] < 0.1
    # The library is tagged as before: no unanswered photo.
    assert not (unlabelled >= threshold).any()


def test_on_the_saved_models_scale_the_cut_is_midway_across_the_gap() -> None:
    y, held, unlabelled = _all_found(1)
    rng = np.random.default_rng(1)
    # The saved model's scores: its yes answers from 0.97, its no answers low, but one no (an
    # ape answered no to "monkeys") scored among the yes; the unanswered up to 0.146 (a bear).
    final_unlabelled = np.sort(rng.uniform(0.0, 0.14, 960))
    final_unlabelled[-1] = 0.146
    final_labelled = np.where(y, rng.uniform(0.97, 1.0, len(y)), rng.uniform(0.0, 0.1, len(y)))
    final_labelled[np.flatnonzero(y)[0]] = 0.97
    final_labelled[-1] = 0.99
    threshold = tag_threshold(
        0.5,
        False,
        y,
        np.ones(len(y)),
        (held, unlabelled),
        960,
        np.zeros(len(y), bool),
        final_unlabelled,
        final_labelled=final_labelled,
    )
    # Midway in logit space between 0.146 and 0.97: about 0.7 (the old rule: 0.156). The no
    # answer at 0.99 cannot be parted from the yes ones, so it does not close the gap.
    assert threshold == pytest.approx(midway(0.146, 0.97))
    assert 0.65 < threshold < 0.75
    assert not (final_unlabelled >= threshold).any()
    # A photo scanned next, scored 0.16 (a dog): tagged by the old rule, not now.
    assert 0.146 + ABOVE < 0.16 < threshold


def test_no_gap_no_move() -> None:
    y = np.array([True, True, False])
    # The lowest yes answer is under every unanswered photo: nothing to part.
    assert gap_cut(np.array([0.9, 0.2, 0.1]), y, np.array([0.3, 0.25])) == 0.0
    assert gap_cut(np.array([0.9, 0.8, 0.1]), y, np.array([0.3, 0.25])) == pytest.approx(
        midway(0.3, 0.8)
    )
