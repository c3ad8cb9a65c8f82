"""The review queue takes in turn: unsure "probably yes", most confident, likely misses."""

from __future__ import annotations

from phototagger.core.review_mix import (
    CONFIDENT,
    FAR_BELOW,
    MISSED,
    UNSEEN,
    UNSURE,
    WHY_CODE,
    WHY_WORDS,
    mixed_order,
    of_settled_kinds,
    settled_kinds,
)


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


def test_a_kind_comes_twice_in_a_round_only_when_no_line_offers_another() -> None:
    scored = [(i, i / 100) for i in range(100)]
    kinds = {i: i % 3 for i in range(100)}  # three kinds only
    chosen = [pid for pid, _ in mixed_order(scored, 0.6, 10, kind_of=kinds)]
    assert [kinds[p] for p in chosen[:3]] == [0, 2, 1]  # 99 repeats 60's kind, 59 98's
    assert chosen[:3] == [60, 98, 58]
    assert len(chosen) == len(set(chosen)) == 10  # then the lines take any kind again
    # Confident photos left out are still offered by the other lines.
    skipped = mixed_order(scored, 0.6, 100, not_confident={99, 98})
    assert [p for p, _ in skipped][1] == 97 and {99, 98} <= {p for p, _ in skipped}


def test_each_photo_says_which_line_it_came_from() -> None:
    scored = [(1, 0.95), (2, 0.62), (3, 0.55), (4, 0.7)]
    why: dict[int, str] = {}
    chosen = mixed_order(scored, 0.6, 10, unseen=[(9, 0.1)], why=why)
    assert [p for p, _ in chosen] == [2, 9, 1, 3, 4]
    assert why == {2: UNSURE, 9: UNSEEN, 1: CONFIDENT, 3: MISSED, 4: UNSURE}

    # Past the photos just above the threshold, the unsure line reaches sure ones: said so.
    why.clear()
    mixed_order([(1, 0.55), (2, 0.95), (3, 0.9)], 0.5, 3, why=why)
    assert why == {1: UNSURE, 2: CONFIDENT, 3: CONFIDENT}


def test_only_a_yes_on_a_photo_of_a_clear_kind_settles_its_kind() -> None:
    # Photos 1-3 are the tagger's 'hammer' (kind 7), 4 a 'toaster' (kind 8). The user said yes
    # to photo 1, a can opener the tagger half took for a hammer (not clear), and to photo 4.
    kind_of = {1: 7, 2: 7, 3: 7, 4: 8, 5: 8}
    clear = {2, 3, 4, 5}
    assert settled_kinds(kind_of, [1, 4]) == {7, 8}  # every yes counted
    assert settled_kinds(kind_of, [1, 4], clear) == {8}
    # So the confident line still asks about the hammers the tag is sure of (2, 3), the
    # confident mistake that answer may have made, and leaves out the other toaster (5).
    skip = of_settled_kinds(kind_of, [1, 4], [2, 3, 5], clear)
    assert skip == {5}
    scored = [(2, 0.99), (3, 0.98), (5, 0.97)]
    assert [p for p, _ in mixed_order(scored, 0.5, 3, not_confident=skip)][1] == 2


def test_a_photo_far_below_the_threshold_is_not_called_just_below() -> None:
    # A small library, or a late round: the likely-misses line reaches photos scored 0%, and
    # `review` said of them "likely missed: just below where it starts tagging".
    why: dict[int, str] = {}
    mixed_order([(1, 0.95), (2, 0.87), (3, 0.0), (4, 0.02)], 0.9, 4, why=why)
    assert why[2] == MISSED
    assert why[3] == why[4] == FAR_BELOW
    words = WHY_WORDS[why[3]]
    assert "just below" not in words and "likely" not in words
    assert WHY_CODE[why[3]] == "missed"  # review --json's code stays
