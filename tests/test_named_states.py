"""Photo status, tag state and tag origin are named states: what the store writes, what its SQL
compares with and what its records hand out are members of the enums, and nothing else gets in."""

from __future__ import annotations

import re
from enum import StrEnum
from pathlib import Path
from typing import Any

import pytest
import sqlite_utils

import phototagger.store
from phototagger.core import states as core_states
from phototagger.store import tag_merge
from phototagger.store.file_metadata import apply_file_keywords
from phototagger.store.photos import (
    all_photos,
    count_by_status,
    mark_missing,
    set_status,
    update_photo,
)
from phototagger.store.records import Photo, PhotoTag
from phototagger.store.states import POSITIVE_STATES, PhotoStatus, TagOrigin, TagSource, TagState
from phototagger.store.tags import (
    add_user_tag,
    ensure_tag,
    reject_tag,
    remove_tag,
    set_user_state,
    tags_of_photo,
    write_model_tags,
)
from tests.store_helpers import add_photo

STORE = Path(phototagger.store.__file__).parent
# A column compared with (or set to) quoted text in the store's SQL: the text must be a state.
_COMPARED = re.compile(
    r"\b(status|state|origin)\s*(?:=|!=|<>|IS NOT|IS|NOT IN|IN)\s*(\([^)]*\)|'[^']*')", re.I
)
_ENUM_OF_COLUMN: dict[str, type[StrEnum]] = {
    "status": PhotoStatus,
    "state": TagState,
    "origin": TagOrigin,
}


def _values(enum: type[StrEnum]) -> set[str]:
    return {member.value for member in enum}


def _write_every_state(db: sqlite_utils.Database) -> list[int]:
    """Every path by which the store writes a status, a state or an origin."""
    ids = [add_photo(db, f"/p/{n}.jpg", status=PhotoStatus.PENDING) for n in range(6)]
    update_photo(db, ids[1], status=PhotoStatus.TAGGED)
    set_status(db, [ids[2]], PhotoStatus.PROBLEM)
    mark_missing(db, [ids[3]])
    write_model_tags(db, ids[0], {"cat": 0.9, "dog": 0.2, "sky": 0.8}, {"cat", "sky"}, "v1")
    add_user_tag(db, ids[0], "cat")  # a suggestion confirmed: accepted
    add_user_tag(db, ids[0], "holiday")  # a new tag: added
    reject_tag(db, ids[0], "dog")
    add_user_tag(db, ids[1], "beach")
    remove_tag(db, ids[1], "beach")
    apply_file_keywords(db, ids[4], ["Pets/Chelsea"], [])
    ensure_tag(db, "Anna", TagOrigin.DETECTOR)
    return ids


def test_every_value_the_store_writes_is_a_member(db: sqlite_utils.Database) -> None:
    _write_every_state(db)

    def column(sql: str) -> set[str]:
        return {row[0] for row in db.execute(sql) if row[0] is not None}

    assert column("SELECT DISTINCT status FROM photos") == _values(PhotoStatus)
    assert column("SELECT DISTINCT state FROM photo_tags") == _values(TagState)
    assert column("SELECT DISTINCT origin FROM tags") == _values(TagOrigin)


def test_records_hand_out_members_not_bare_text(db: sqlite_utils.Database) -> None:
    ids = _write_every_state(db)
    photos = list(all_photos(db))
    assert {type(p.status) for p in photos} == {PhotoStatus}
    assert {p.status for p in photos} == set(PhotoStatus)
    rows = tags_of_photo(db, ids[0])
    assert {type(t.state) for t in rows} == {TagState, type(None)}
    by_name = {t.name: t for t in rows}
    assert by_name["cat"].state is TagState.ACCEPTED and by_name["cat"].source is TagSource.USER
    assert by_name["dog"].state is TagState.REJECTED and not by_name["dog"].present
    assert by_name["holiday"].state is TagState.ADDED
    assert by_name["sky"].state is None and by_name["sky"].source is TagSource.MODEL
    assert set(count_by_status(db)) == set(PhotoStatus)


def test_members_are_their_own_text() -> None:
    # StrEnum: a member goes into SQL, JSON and messages as its value, and equals the text
    # SQLite hands back, so callers that still hold plain text keep working.
    assert PhotoStatus.MISSING == "missing" and f"{PhotoStatus.MISSING}" == "missing"
    assert TagState("file") is TagState.FILE
    assert POSITIVE_STATES == {TagState.ADDED, TagState.ACCEPTED, TagState.FILE}
    # The fronts take them from core, the one door; they are the store's own objects.
    assert core_states.PhotoStatus is PhotoStatus and core_states.TagState is TagState


def test_the_store_refuses_text_that_is_not_a_state(db: sqlite_utils.Database) -> None:
    photo = add_photo(db, "/p/a.jpg")
    with pytest.raises(ValueError, match="unknown photo status 'done'"):
        update_photo(db, photo, status="done")
    with pytest.raises(ValueError, match="unknown photo status"):
        add_photo(db, "/p/b.jpg", status="Tagged")
    with pytest.raises(ValueError, match="unknown tag state 'maybe'"):
        set_user_state(db, photo, "cat", "maybe")
    with pytest.raises(ValueError, match="unknown tag origin 'robot'"):
        ensure_tag(db, "cat", "robot")


def test_a_row_with_an_unknown_state_is_not_read_as_one() -> None:
    gone: Any = "gone"  # e.g. written by a newer version, or by hand
    with pytest.raises(KeyError):
        Photo(
            1, "/a.jpg", "/", "a.jpg", 1, 1.0, None, None, None, None, None, gone, None, None, None
        )
    with pytest.raises(KeyError):
        PhotoTag("cat", 0.5, "v1", "liked")  # type: ignore[arg-type]


def test_every_state_the_store_sql_compares_with_is_a_member() -> None:
    found: set[tuple[str, str]] = set()
    for source in sorted(STORE.glob("*.py")):
        for column, literal in _COMPARED.findall(source.read_text(encoding="utf-8")):
            for value in re.findall(r"'([^']*)'", literal):
                found.add((column.lower(), value))
                assert value in _values(_ENUM_OF_COLUMN[column.lower()]), (source.name, value)
    # The scan does see the store's SQL (a pattern that matched nothing would prove nothing).
    assert {("status", "missing"), ("status", "pending"), ("state", "rejected")} <= found
    assert ("state", "file") in found


def test_merge_ranks_every_state() -> None:
    # A state missing from the merge's ranking would fail the merge (it did for 'file').
    assert set(tag_merge.RANK) == set(TagState) | {None}
    assert set(tag_merge.SAME_TAG_RANK) == set(TagState) | {None}


def test_the_schema_has_no_check_that_disagrees(db: sqlite_utils.Database) -> None:
    # No CHECK constraint holds these columns today (the store checks on write); one added by a
    # migration must allow exactly the enum's values.
    for (sql,) in db.execute("SELECT sql FROM sqlite_master WHERE sql IS NOT NULL"):
        for check in re.findall(r"CHECK\s*\(([^)]*\))", sql, re.I):
            for column, literal in _COMPARED.findall(check):
                values = set(re.findall(r"'([^']*)'", literal))
                assert values == _values(_ENUM_OF_COLUMN[column.lower()]), check
