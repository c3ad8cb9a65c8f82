"""known_files finds exactly the photos below a folder, whatever the characters in it."""

from __future__ import annotations

import os

import sqlite_utils

from phototagger.store.connection import transaction
from phototagger.store.photos import known_files
from tests.store_helpers import add_photo


def _p(*parts: str) -> str:
    return os.sep + os.sep.join(parts)


def _add(db: sqlite_utils.Database, path: str, size: int = 1) -> int:
    return add_photo(db, path, status="pending", size=size, mtime=1.5)


def test_sibling_with_a_longer_name_is_not_inside(db: sqlite_utils.Database) -> None:
    inside = [_p("a", "b", "x.jpg"), _p("a", "b", "deep", "y.jpg")]
    outside = [_p("a", "bc", "z.jpg"), _p("a", "b.jpg"), _p("a", "b_", "w.jpg")]
    for path in inside + outside:
        _add(db, path)
    assert sorted(known_files(db, _p("a", "b"))) == sorted(inside)
    assert sorted(known_files(db, _p("a", "b") + os.sep)) == sorted(inside)


def test_like_wildcards_in_folder_names_are_literal(db: sqlite_utils.Database) -> None:
    _add(db, _p("100%_done", "a.jpg"))
    _add(db, _p("100xxdone", "b.jpg"))
    assert list(known_files(db, _p("100%_done"))) == [_p("100%_done", "a.jpg")]


def test_non_ascii_paths(db: sqlite_utils.Database) -> None:
    photo = _p("Café", "été 2024", "über.jpg")
    photo_id = _add(db, photo, size=42)
    _add(db, _p("Cafés", "x.jpg"))
    assert known_files(db, _p("Café")) == {photo: (42, 1.5, photo_id, "pending")}
    assert list(known_files(db, _p("Café", "été 2024"))) == [photo]


def test_case_matters_like_on_the_file_system(db: sqlite_utils.Database) -> None:
    _add(db, _p("Photos", "a.jpg"))
    assert known_files(db, _p("photos")) == {}


def test_a_folders_photos_are_listed_from_the_path_index(db: sqlite_utils.Database) -> None:
    # The speed comes from a range search on the unique path index, never a scan of the table
    # (timed in benchmarks/scan.py: a rescan of 20,000 unchanged files); the plan says which.
    with transaction(db):
        for i in range(2_000):
            _add(db, _p("lib", f"{i % 50}", f"{i}.jpg"))
        for i in range(500):
            _add(db, _p("libx", f"{i}.jpg"))
    found = known_files(db, _p("lib"))
    assert len(found) == 2_000
    plan = " ".join(
        str(row[-1])
        for row in db.execute(
            "EXPLAIN QUERY PLAN SELECT path, size, mtime, id, status FROM photos "
            "WHERE path >= ? AND path < ?",
            ["a", "b"],
        )
    )
    assert "USING INDEX" in plan and "SCAN" not in plan, plan
