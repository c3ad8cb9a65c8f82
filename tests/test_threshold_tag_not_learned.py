"""A tag the model cannot learn does not land on most of the library (core/tag_threshold.py).
accept30 taught 'my test' from 5 random yes photos (an abacus, a Leonberg, a pineapple, a chime,
a black swan) and 5 random no photos on 300 ImageNet sample photos: out of fold, the yes answers
scored no higher than the no answers, the calibration's P(yes | score) came out nearly flat at
about the answers' share of yes (slope 0.18), and the cut fell to 0.24, below the median score:
232 of 300 photos tagged. The figures below are that training's out-of-fold scores (the real
model's, on the real photos), the 290 unanswered photos spread as theirs were."""

from __future__ import annotations

import numpy as np

from phototagger.core.tag_threshold import ranks_yes_higher, tag_threshold

SCORES = np.array([0.128, 0.168, 0.419, 0.72, 0.21, 0.837, 0.902, 0.314, 0.285, 0.865])
YES = np.array([1, 1, 1, 0, 0, 1, 1, 0, 0, 0], bool)
# The 290 unanswered photos' out-of-fold scores at each tenth of their ranking.
DECILES = [0.011, 0.17, 0.277, 0.352, 0.434, 0.508, 0.571, 0.638, 0.714, 0.818, 0.983]


def unanswered() -> np.ndarray:
    return np.interp(np.linspace(0, 1, 290), np.linspace(0, 1, 11), DECILES)


def test_a_tag_the_answers_do_not_rank_lands_on_no_unanswered_photo() -> None:
    scores = unanswered()
    cut = tag_threshold(0.5, False, YES, np.ones(10), (SCORES, scores), 290, np.ones(10, bool))
    # The old cut (0.24, here as in the app: 242 of the 290 tagged) fell below the median
    # score. Now above every unanswered photo but for the ceiling: the 6 scored over 0.95 (in
    # the app 11 of 290, where the old cut had 227).
    assert cut == 0.95
    assert (scores >= cut).sum() == 6


def test_the_answers_rank_yes_higher_only_above_chance() -> None:
    # 12 of the 25 yes-no pairs in order: below chance.
    assert not ranks_yes_higher(YES, SCORES)
    assert ranks_yes_higher(YES, np.where(YES, SCORES + 0.5, SCORES))
    assert ranks_yes_higher(np.ones(3, bool), np.array([0.1, 0.2, 0.3]))  # no answers of one kind
    assert not ranks_yes_higher(np.array([True, False]), np.array([0.4, 0.4]))  # a tie
