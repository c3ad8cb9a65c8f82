"""A tag the default tagger had keeps its threshold unless the answers chosen by score are told
apart better by another: answers on either side of it say nothing about where in the gap
between them to cut (core/tag_threshold.py)."""

from __future__ import annotations

import numpy as np

from phototagger.core.tag_threshold import tag_threshold

CURRENT = 0.30


def _answers(extra: tuple[tuple[float, bool], ...] = ()) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(0)
    scores = np.r_[rng.uniform(0.75, 0.97, 10), rng.uniform(0.001, 0.02, 30)]
    y = np.r_[np.ones(10, bool), np.zeros(30, bool)]
    for score, answer in extra:
        scores, y = np.r_[scores, score], np.r_[y, answer]
    return scores, y


def _library() -> np.ndarray:
    rng = np.random.default_rng(1)
    # A few photos of the tag scored high, many others spread over the gap, most near 0.
    return np.r_[
        rng.uniform(0.7, 0.97, 20), rng.uniform(0.03, 0.29, 120), rng.uniform(0, 0.02, 860)
    ]


def _threshold(scores: np.ndarray, y: np.ndarray, examples: np.ndarray, known: bool) -> float:
    weights = np.where(y, 3.0, 1.0)
    return tag_threshold(
        CURRENT, known, y, weights, (scores, _library()), 1000, examples, same_scale=True
    )


def test_answers_on_both_sides_of_the_threshold_keep_it() -> None:
    scores, y = _answers()
    none = np.zeros(len(y), bool)
    assert _threshold(scores, y, none, known=True) == CURRENT
    # The same answers for a tag the user invented are calibrated as before: the rule is for
    # a threshold the default tagger was calibrated with.
    assert _threshold(scores, y, none, known=False) != CURRENT


def test_a_rejection_above_the_threshold_moves_it() -> None:
    # Two suggestions the user rejected, at 0.40 and 0.45.
    scores, y = _answers(((0.40, False), (0.45, False)))
    cut = _threshold(scores, y, np.zeros(len(y), bool), known=True)
    assert 0.45 < cut < 0.75


def test_a_photo_given_the_tag_where_it_was_not_suggested_does_not_pull_it_down() -> None:
    # The user added the tag (T) to one photo scored 0.05: some photos of the tag score low,
    # which says nothing about whether the 120 photos between 0.03 and 0.3 are mostly it.
    scores, y = _answers(((0.05, True),))
    examples = np.zeros(len(y), bool)
    examples[-1] = True
    assert _threshold(scores, y, examples, known=True) == CURRENT
