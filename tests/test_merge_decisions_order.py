"""A photo's row folded into another (a file moved: the row the scan made for its new path
joins the old one, store/merge.merge_decisions) keeps the decision the user made last, told by
the order the decisions were made in, and each decision keeps its order number.

Times are kept to the second: two answers on the same photo in one second, on its old row and
on the new one, were told apart by time alone, the new row's winning the tie whichever came
last; and the triggers numbered every decision copied as one made now, so a decision a model
version had learned from counted after it as a correction since it."""

from __future__ import annotations

import sqlite_utils

from phototagger.store import tags as tag_store
from phototagger.store.merge import merge_decisions
from tests.store_helpers import add_photo

SECOND = "2026-06-01T00:00:00+00:00"


def _row(db: sqlite_utils.Database, photo: int, tag: str) -> tuple[str | None, int | None]:
    tid = tag_store.tag_id(db, tag)
    row = db.execute(
        "SELECT state, decided_seq FROM photo_tags WHERE photo_id = ? AND tag_id = ?",
        [photo, tid],
    ).fetchone()
    return (row[0], row[1]) if row else (None, None)


def _in_one_second(db: sqlite_utils.Database, *photos: int) -> None:
    """Every decision on these photos dated `SECOND`, photo by photo (each renumbered so)."""
    for photo in photos:
        db.execute("UPDATE photo_tags SET decided_at = ? WHERE photo_id = ?", [SECOND, photo])


def test_the_answer_given_last_wins_in_the_same_second(db: sqlite_utils.Database) -> None:
    old, new = add_photo(db, "/p/a.jpg"), add_photo(db, "/p/renamed_a.jpg")
    tag_store.reject_tag(db, new, "dog")  # on the new row first...
    tag_store.add_user_tag(db, old, "dog")  # ... then on the old row: the last word
    tag_store.add_user_tag(db, new, "mine")
    _in_one_second(db, new, old)
    said_last = _row(db, old, "dog")
    assert said_last[1] is not None and said_last[1] > _row(db, new, "dog")[1]  # type: ignore[operator]
    mine = _row(db, new, "mine")

    merge_decisions(db, new, old)
    assert _row(db, old, "dog") == said_last  # the old code: ('rejected', a new number)
    assert _row(db, old, "mine") == mine  # copied with its own number (the old code: a new one)


def test_a_decision_made_after_wins_whatever_its_time(db: sqlite_utils.Database) -> None:
    """By number, not by the clock: the answer given last wins though its time reads earlier
    (a clock set back), on either row."""
    old, new = add_photo(db, "/p/b.jpg"), add_photo(db, "/p/renamed_b.jpg")
    tag_store.add_user_tag(db, old, "cat")
    tag_store.reject_tag(db, new, "cat")
    db.execute(
        "UPDATE photo_tags SET decided_at = '2020-01-01T00:00:00+00:00' WHERE photo_id = ?", [new]
    )
    merge_decisions(db, new, old)
    assert _row(db, old, "cat")[0] == "rejected"
