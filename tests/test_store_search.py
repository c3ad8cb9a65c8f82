"""Tag search: all-of, any-of and none-of, over the tags photos actually have."""

from __future__ import annotations

import pytest
import sqlite_utils

from phototagger.store.photos import mark_missing
from phototagger.store.tags import (
    add_user_tag,
    ensure_tag,
    reject_tag,
    search,
    tag_counts,
    untagged_photo_ids,
    write_model_tags,
)
from tests.store_helpers import add_photo

TAGS = {
    "beach": {"sea", "sky", "people"},
    "city": {"sky", "car", "people"},
    "cat": {"cat"},
    "empty": set(),
}


@pytest.fixture
def ids(db: sqlite_utils.Database) -> dict[str, int]:
    result = {}
    for name, tags in TAGS.items():
        photo_id = add_photo(db, f"/p/{name}.jpg")
        write_model_tags(db, photo_id, dict.fromkeys(tags, 0.9), tags, "v1")
        result[name] = photo_id
    return result


def test_all_of(db: sqlite_utils.Database, ids: dict[str, int]) -> None:
    assert search(db, all_of=["sky"]) == sorted([ids["beach"], ids["city"]])
    assert search(db, all_of=["sky", "sea"]) == [ids["beach"]]
    assert search(db, all_of=["SKY"]) == sorted([ids["beach"], ids["city"]])


def test_any_of(db: sqlite_utils.Database, ids: dict[str, int]) -> None:
    assert search(db, any_of=["sea", "cat"]) == sorted([ids["beach"], ids["cat"]])
    assert search(db, all_of=["people"], any_of=["car", "cat"]) == [ids["city"]]


def test_none_of(db: sqlite_utils.Database, ids: dict[str, int]) -> None:
    assert search(db, all_of=["sky"], none_of=["car"]) == [ids["beach"]]
    everything_but = sorted([ids["cat"], ids["empty"]])
    assert search(db, none_of=["people"]) == everything_but


def test_no_criteria_lists_every_present_photo(
    db: sqlite_utils.Database, ids: dict[str, int]
) -> None:
    assert search(db) == sorted(ids.values())


def test_unknown_tags(db: sqlite_utils.Database, ids: dict[str, int]) -> None:
    ensure_tag(db, "unused")
    assert search(db, all_of=["sky", "nonexistent"]) == []
    assert search(db, all_of=["unused"]) == []
    assert search(db, any_of=["nonexistent"]) == []
    assert search(db, any_of=["nonexistent", "cat"]) == [ids["cat"]]
    assert search(db, all_of=["cat"], none_of=["nonexistent"]) == [ids["cat"]]


def test_rejected_tags_do_not_count_and_user_tags_do(
    db: sqlite_utils.Database, ids: dict[str, int]
) -> None:
    reject_tag(db, ids["city"], "sky")
    add_user_tag(db, ids["cat"], "sky")
    assert search(db, all_of=["sky"]) == sorted([ids["beach"], ids["cat"]])
    assert search(db, all_of=["people"], none_of=["sky"]) == [ids["city"]]


def test_missing_photos_are_left_out(db: sqlite_utils.Database, ids: dict[str, int]) -> None:
    mark_missing(db, [ids["beach"]])
    assert search(db, all_of=["sky"]) == [ids["city"]]
    assert search(db, none_of=["cat"]) == sorted([ids["city"], ids["empty"]])
    assert untagged_photo_ids(db) == [ids["empty"]]


def test_untagged_counts_rejections_as_no_tag(
    db: sqlite_utils.Database, ids: dict[str, int]
) -> None:
    reject_tag(db, ids["cat"], "cat")
    assert untagged_photo_ids(db) == sorted([ids["cat"], ids["empty"]])


def test_tag_counts(db: sqlite_utils.Database, ids: dict[str, int]) -> None:
    reject_tag(db, ids["cat"], "cat")
    assert tag_counts(db) == [("people", 2), ("sky", 2), ("car", 1), ("sea", 1)]


def test_photos_not_tagged_yet_are_not_untagged(
    db: sqlite_utils.Database, ids: dict[str, int]
) -> None:
    for name, status in (("pending", "pending"), ("broken", "problem")):
        add_photo(db, f"/p/{name}.jpg", status=status)
    assert untagged_photo_ids(db) == [ids["empty"]]
