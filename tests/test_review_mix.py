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


def test_every_fifth_place_goes_to_a_random_photo_the_lines_did_not_offer() -> None:
    scored = [(i, i / 1000) for i in range(1000)]
    lines = [p for p, _ in mixed_order(scored, threshold=0.6, limit=8)]
    chosen = [p for p, _ in mixed_order(scored, 0.6, 10, random_every=5, seed=7)]
    assert len(chosen) == len(set(chosen)) == 10
    assert [p for k, p in enumerate(chosen) if k not in (4, 9)] == lines
    assert chosen[4] not in lines and chosen[9] not in lines
    assert chosen == [p for p, _ in mixed_order(scored, 0.6, 10, random_every=5, seed=7)]
    others = {tuple(p for p, _ in mixed_order(scored, 0.6, 10, 5, seed)) for seed in range(20)}
    assert len({(q[4], q[9]) for q in others}) > 15  # drawn, not a fixed pick


def test_random_places_are_skipped_when_no_photo_is_left() -> None:
    scored = [(1, 0.9), (2, 0.2), (3, 0.1)]
    assert [p for p, _ in mixed_order(scored, 0.5, 10, random_every=5, seed=1)] == [1, 2, 3]
