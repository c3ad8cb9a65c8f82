"""Tag names: case-insensitive identity, trimmed, never empty."""

from __future__ import annotations

import pytest
import sqlite_utils

from phototagger.store.tags import all_tags, ensure_tag, model_scores, tag_id, write_model_tags
from tests.store_helpers import add_photo


def test_ensure_tag_is_case_insensitive_and_trims(db: sqlite_utils.Database) -> None:
    first = ensure_tag(db, "  Beach ")
    assert ensure_tag(db, "beach") == first
    assert ensure_tag(db, "BEACH", origin="vocabulary") == first
    assert tag_id(db, "bEaCh") == first
    assert all_tags(db) == [("Beach", "user")]


def test_non_ascii_names_are_distinct_tags(db: sqlite_utils.Database) -> None:
    # SQLite's NOCASE folds ASCII only; the store must agree with it, not with str.lower().
    assert ensure_tag(db, "été") != ensure_tag(db, "ÉTÉ")
    assert tag_id(db, "Été") is None


def test_bad_names_and_origins_are_refused(db: sqlite_utils.Database) -> None:
    with pytest.raises(ValueError):
        ensure_tag(db, "   ")
    with pytest.raises(ValueError):
        ensure_tag(db, "cat", origin="robot")


def test_unknown_tag_has_no_id(db: sqlite_utils.Database) -> None:
    assert tag_id(db, "nothing") is None


def test_model_scores(db: sqlite_utils.Database) -> None:
    ids = [add_photo(db, f"/p/{i}.jpg") for i in range(3)]
    write_model_tags(db, ids[0], {"cat": 0.9}, ["cat"], "v1")
    write_model_tags(db, ids[1], {"cat": 0.2}, [], "v1")
    write_model_tags(db, ids[2], {"cat": 0.7}, ["cat"], "v1")
    assert model_scores(db, "Cat") == {ids[0]: 0.9, ids[2]: 0.7}
    assert model_scores(db, "unknown") == {}
