"""Settings keep their JSON types."""

from __future__ import annotations

from pathlib import Path

import sqlite_utils

from phototagger.store.connection import open_database
from phototagger.store.settings import get_setting, set_setting


def test_values_keep_their_types(db: sqlite_utils.Database) -> None:
    value = {"threshold": 0.5, "tags": ["été", "cat"], "on": True, "n": 3, "none": None}
    set_setting(db, "prefs", value)
    assert get_setting(db, "prefs") == value
    set_setting(db, "prefs", [1, 2])
    assert get_setting(db, "prefs") == [1, 2]


def test_default_when_unset(db: sqlite_utils.Database) -> None:
    assert get_setting(db, "missing") is None
    assert get_setting(db, "missing", 7) == 7


def test_settings_persist(tmp_path: Path) -> None:
    db = open_database(tmp_path / "library.db")
    set_setting(db, "grid.order", "taken")
    db.close()
    db = open_database(tmp_path / "library.db")
    try:
        assert get_setting(db, "grid.order") == "taken"
    finally:
        db.close()
