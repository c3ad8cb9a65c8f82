"""The binomial tail the yes-only check (core/tag_threshold.yes_above_cut_chance) and the face
base's share test (core/face_concepts.faces_clearly_more_often) both ask: one function,
ml/metrics.binomial_upper_tail. The check's own sum multiplied math.comb's exact integers by
floats, and past a few hundred held-out yes answers (a keyword on 1,200 photos) the integer was
too large for a float: OverflowError out of `train`."""

from __future__ import annotations

import math

import numpy as np

from phototagger.core.tag_threshold import yes_above_cut_chance
from phototagger.ml.metrics import binomial_upper_tail


def test_the_tail_is_the_binomial_sum() -> None:
    for n, p in ((10, 0.14), (8, 0.3), (25, 0.5)):
        for k in range(n + 1):
            exact = sum(math.comb(n, i) * p**i * (1 - p) ** (n - i) for i in range(k, n + 1))
            assert math.isclose(binomial_upper_tail(k, n, p), exact, rel_tol=1e-9), (n, p, k)
    assert binomial_upper_tail(0, 10, 0.0) == 1.0 and binomial_upper_tail(1, 10, 0.0) == 0.0
    assert binomial_upper_tail(10, 10, 1.0) == 1.0 and binomial_upper_tail(11, 10, 0.5) == 0.0


def test_many_yes_answers_have_a_chance() -> None:
    rng = np.random.default_rng(0)
    chance = yes_above_cut_chance(rng.random(1200), rng.random(5000), 0.3)
    assert 0.0 <= chance <= 1.0
