"""benchmarks/new_tags.py draws each seed's first answers (10 yes, N no) by photo: a corrected
hand label moves only its own photo between the draws. Drawn by index among the positives, the
two labels benchmarks/people.py corrected changed 9 of 10 seeds' yes draws of "persons", and the
benchmark's figures moved with them (persons31)."""

from __future__ import annotations

import numpy as np

from benchmarks.new_tags import YES, first_answers


def _paths(n: int) -> list[str]:
    return [f"/photos/n{i:08d}_{i}_thing.jpg" for i in range(n)]


def test_a_corrected_label_moves_only_its_own_photo() -> None:
    paths = _paths(300)
    truth = np.arange(300) % 4 == 0  # 75 positives
    corrected = truth.copy()
    corrected[[8, 13]] = ~corrected[[8, 13]]  # one yes corrected to no, one no to yes
    moved = {paths[8], paths[13]}
    for seed in range(10):
        before = first_answers(seed, "persons", paths, truth, 30)
        after = first_answers(seed, "persons", paths, corrected, 30)
        for old, new, k in zip(before, after, (YES, 30), strict=True):
            old_names = {paths[i] for i in old}
            new_names = {paths[i] for i in new}
            assert len(old_names) == len(new_names) == k
            # Another photo comes in only in the place of a corrected one that went out, and
            # goes out only for a corrected one that came in.
            assert len(new_names - old_names - moved) <= len((old_names - new_names) & moved)
            assert len(old_names - new_names - moved) <= len((new_names - old_names) & moved)


def test_the_draw_is_the_photos_not_their_order() -> None:
    paths = _paths(200)
    truth = np.arange(200) % 3 == 0
    order = np.random.default_rng(5).permutation(200)
    shuffled = [paths[i] for i in order]
    for seed in range(3):
        yes, no = first_answers(seed, "music", paths, truth, 30)
        yes2, no2 = first_answers(seed, "music", shuffled, truth[order], 30)
        assert {paths[i] for i in yes} == {shuffled[i] for i in yes2}
        assert {paths[i] for i in no} == {shuffled[i] for i in no2}
        assert truth[yes].all() and not truth[no].any()
    # Each seed and each tag has its own draw.
    draws = {tuple(sorted(first_answers(s, "music", paths, truth, 0)[0])) for s in range(5)}
    assert len(draws) == 5
    assert set(first_answers(0, "music", paths, truth, 0)[0]) != set(
        first_answers(0, "vehicles", paths, truth, 0)[0]
    )
