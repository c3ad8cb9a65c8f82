"""saved_rows + restore_rows put photo_tags rows back exactly: what the GUI's undo relies on."""

from __future__ import annotations

import pytest
import sqlite_utils

from phototagger.store.photos import mark_missing
from phototagger.store.tags import (
    add_user_tag,
    reject_tag,
    restore_rows,
    saved_rows,
    tags_of_photo,
    undecided_below,
    write_model_tags,
)
from tests.store_helpers import add_photo


def _photo(db: sqlite_utils.Database, name: str, status: str = "tagged") -> int:
    return add_photo(db, f"/p/{name}", status=status)


@pytest.fixture
def photo(db: sqlite_utils.Database) -> int:
    photo_id = _photo(db, "a.jpg")
    write_model_tags(db, photo_id, {"cat": 0.9, "dog": 0.3}, ["cat"], "v1")
    return photo_id


def test_an_accepted_suggestion_is_restored_as_a_suggestion(db, photo) -> None:
    before = saved_rows(db, [(photo, "cat")])
    add_user_tag(db, photo, "cat")
    assert tags_of_photo(db, photo)[0].state == "accepted"
    restore_rows(db, before)
    [cat] = tags_of_photo(db, photo)
    assert (cat.name, cat.confidence, cat.model_version, cat.state) == ("cat", 0.9, "v1", None)


def test_a_rejected_suggestion_comes_back(db, photo) -> None:
    before = saved_rows(db, [(photo, "cat")])
    reject_tag(db, photo, "cat")
    restore_rows(db, before)
    assert [(t.name, t.state) for t in tags_of_photo(db, photo)] == [("cat", None)]


def test_a_new_tag_is_taken_away_again(db, photo) -> None:
    before = saved_rows(db, [(photo, "grandma")])
    assert before == {(photo, "grandma"): None}
    add_user_tag(db, photo, "grandma")
    restore_rows(db, before)
    assert [t.name for t in tags_of_photo(db, photo)] == ["cat"]


def test_redo_puts_the_decision_back_with_its_time(db, photo) -> None:
    before = saved_rows(db, [(photo, "cat")])
    reject_tag(db, photo, "cat")
    after = saved_rows(db, [(photo, "cat")])
    restore_rows(db, before)
    restore_rows(db, after, keep_order=True)  # its order number too (core/labels._restore)
    assert saved_rows(db, [(photo, "cat")]) == after
    row = after[(photo, "cat")]
    assert row is not None and row.state == "rejected" and row.decided_at
    # Otherwise it is numbered as a decision made now, its state and time as saved.
    restore_rows(db, before)
    restore_rows(db, after)
    again = saved_rows(db, [(photo, "cat")])[(photo, "cat")]
    assert again is not None and (again.state, again.decided_at) == (row.state, row.decided_at)
    assert again.decided_seq is not None and row.decided_seq is not None
    assert again.decided_seq > row.decided_seq


def test_many_photos_are_saved_at_once(db) -> None:
    ids = [_photo(db, f"{i}.jpg") for i in range(1200)]
    for photo_id in ids[::2]:
        write_model_tags(db, photo_id, {"cat": 0.5}, ["cat"], "v1")
    rows = saved_rows(db, [(i, "cat") for i in ids])
    assert sum(row is not None for row in rows.values()) == 600


def test_undecided_below_finds_unsure_suggestions_only(db) -> None:
    unsure, sure, decided, gone = (_photo(db, n) for n in ("u.jpg", "s.jpg", "d.jpg", "g.jpg"))
    for photo_id in (unsure, decided, gone):
        write_model_tags(db, photo_id, {"cat": 0.45}, ["cat"], "v1")
    write_model_tags(db, sure, {"cat": 0.95}, ["cat"], "v1")
    add_user_tag(db, decided, "cat")
    mark_missing(db, [gone])
    assert undecided_below(db, 0.6) == [unsure]
