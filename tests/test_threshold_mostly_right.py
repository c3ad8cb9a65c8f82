"""A taught tag's threshold never tags unanswered photos that are expected to be mostly wrong
(core/tag_threshold.mostly_right_cut), also when review has already found every photo of it."""

from __future__ import annotations

import numpy as np
import pytest

from phototagger.core.tag_threshold import mostly_right_cut, tag_threshold


def test_the_cut_keeps_the_photos_expected_mostly_right() -> None:
    scores = np.array([0.9, 0.8, 0.7, 0.6, 0.5])
    probability = np.array([0.9, 0.6, 0.3, 0.1, 0.05])
    # Mean probability of the top 1, 2, 3: 0.9, 0.75, 0.6; of the top 4: 0.475.
    assert mostly_right_cut(scores, probability) == pytest.approx(0.65)
    # None likely at all: above every score (nothing unanswered is tagged).
    cut = mostly_right_cut(scores, np.full(5, 0.01))
    assert cut > 0.9 and not (scores >= cut).any()
    # Ties are cut together or not at all.
    assert mostly_right_cut(np.array([0.8, 0.8, 0.2]), np.array([0.9, 0.2, 0.0])) == 0.5


def test_a_tag_whose_photos_are_all_answered_tags_no_unlikely_photo() -> None:
    # Review has found every photo of the tag: the held-out answers separate well, and no
    # unanswered photo looks like the positives (scores at most 0.12 on 960 unanswered photos).
    rng = np.random.default_rng(0)
    y = np.r_[np.ones(13, bool), np.zeros(37, bool)]
    held = np.r_[rng.uniform(0.9, 1.0, 13), rng.uniform(0.0, 0.5, 37)]
    unlabelled = np.sort(rng.uniform(0.0, 0.12, 960))
    weights = np.ones(len(y))
    threshold = tag_threshold(
        0.5, False, y, weights, (held, unlabelled), 960, np.zeros(len(y), bool)
    )
    assert (unlabelled >= threshold).sum() == 0
    # Where unanswered photos do look like the positives, they are still tagged.
    alike = np.r_[unlabelled[:-20], rng.uniform(0.92, 1.0, 20)]
    threshold = tag_threshold(0.5, False, y, weights, (held, alike), 960, np.zeros(len(y), bool))
    assert (alike >= threshold).sum() >= 15
