"""The review queue takes in turn: unsure "probably yes", most confident, likely misses."""

from __future__ import annotations

from phototagger.core.review_mix import mixed_order


def test_the_queue_mixes_unsure_confident_and_likely_misses() -> None:
    scored = [(i, i / 100) for i in range(100)]  # photo i has confidence i / 100
    chosen = [pid for pid, _ in mixed_order(scored, threshold=0.6, limit=9)]
    assert chosen[:3] == [60, 99, 59]  # just above, most confident, just below
    assert chosen == [60, 99, 59, 61, 98, 58, 62, 97, 57]


def test_a_short_line_leaves_room_for_the_others() -> None:
    scored = [(1, 0.9), (2, 0.2), (3, 0.1), (4, 0.05)]
    assert [p for p, _ in mixed_order(scored, threshold=0.5, limit=10)] == [1, 2, 3, 4]


def test_kinds_no_answer_showed_take_two_turns_in_five() -> None:
    scored = [(i, i / 100) for i in range(100)]
    unseen = [(3, 0.03), (7, 0.07), (61, 0.61), (11, 0.11)]  # 61 comes in the "above" line
    chosen = [pid for pid, _ in mixed_order(scored, threshold=0.6, limit=10, unseen=unseen)]
    assert chosen == [60, 3, 99, 7, 59, 61, 11, 98, 58, 62]
    # With no such line, the order is the three lines' own.
    assert [p for p, _ in mixed_order(scored, 0.6, 9, unseen=[])] == [
        p for p, _ in mixed_order(scored, 0.6, 9)
    ]
