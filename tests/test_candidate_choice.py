"""A later base candidate replaces an earlier one only when its held-out AP is higher by the
margin and by more than the noise of the answers (core/candidate_choice.py)."""

from __future__ import annotations

import numpy as np

from phototagger.core.candidate_choice import clearly_better, paired_ap_error
from phototagger.ml.metrics import average_precision

MARGIN = 0.05


def _answers(positives: int, negatives: int) -> np.ndarray:
    return np.r_[np.ones(positives, bool), np.zeros(negatives, bool)]


def test_a_gain_one_positive_of_ten_makes_is_not_clear() -> None:
    # Ten yes, thirty no. The incumbent ranks every positive first but one, which falls below
    # 25 rejections; the challenger ranks that one right but puts another just below the top
    # rejection. AP gains 0.06, more than the margin, from one answer against another.
    y = _answers(10, 30)
    rejections = np.linspace(1.0, 0.0, 30)
    incumbent = np.r_[2.0 + np.arange(10) * 1e-3, rejections]
    incumbent[9] = (rejections[24] + rejections[25]) / 2
    challenger = np.r_[2.0 + np.arange(10) * 1e-3, rejections]
    challenger[0] = 0.99
    gain = average_precision(y, challenger) - average_precision(y, incumbent)
    assert gain > MARGIN  # the fixed margin alone took the challenger
    assert paired_ap_error(y, challenger, incumbent) > gain
    assert not clearly_better(y, challenger, incumbent, MARGIN)


def test_the_same_gain_over_many_answers_is_clear() -> None:
    # A hundred yes: the incumbent puts ten of them (one in ten, as above) below most
    # rejections. Same kind of gain, now made by many answers: its error is small.
    y = _answers(100, 300)
    incumbent = np.where(y, 2.0, 0.0) + np.arange(len(y)) * 1e-3
    incumbent[np.arange(0, 100, 10)] = 0.1
    challenger = np.where(y, 2.0, 0.0) + np.arange(len(y)) * 1e-3
    assert average_precision(y, challenger) - average_precision(y, incumbent) > MARGIN
    assert clearly_better(y, challenger, incumbent, MARGIN)
    assert not clearly_better(y, incumbent, challenger, MARGIN)


def test_never_better_within_the_margin_and_always_the_same_answer() -> None:
    y = _answers(40, 60)
    rng = np.random.default_rng(0)
    a = y + rng.normal(0, 0.8, len(y))
    b = a + rng.normal(0, 0.01, len(y))  # a hair's difference
    assert not clearly_better(y, b, a, MARGIN)
    assert paired_ap_error(y, a, b) == paired_ap_error(y, a, b)
