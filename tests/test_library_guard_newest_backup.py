"""A deleted library's message names the copy the last upgrade kept, not the one that sorts last
by name: `.v9.bak` sorted after `.v13.bak`, and `.v13.bak` after `.v13.2.bak`."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from phototagger.core.library_guard import LibraryGoneError, refuse_if_vanished, remember


def _library_copy(path: Path, version: int) -> None:
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {version}")
    conn.execute("CREATE TABLE photos (id INTEGER PRIMARY KEY)")
    conn.commit()
    conn.close()


def test_the_newest_version_and_copy_is_offered(tmp_path: Path) -> None:
    database = tmp_path / "library.db"
    _library_copy(database, 15)
    remember(database)
    for name, version in [
        ("library.db.v9.bak", 9),
        ("library.db.v13.bak", 13),
        ("library.db.v13.2.bak", 13),
        ("library.db.v13.10.bak", 13),
        ("library.db.v14.bak", 14),
        ("library.db.v14.3.bak", 14),
        ("library.db.v14.2.bak", 14),
        ("other.db.v99.bak", 99),  # another library's copy
    ]:
        _library_copy(tmp_path / name, version)
    (tmp_path / "library.db.v14.4.bak.partial").write_bytes(b"")  # a copy killed half way
    database.unlink()

    with pytest.raises(LibraryGoneError) as raised:
        refuse_if_vanished(database)
    assert f"(a copy from an upgrade is at {tmp_path / 'library.db.v14.3.bak'})" in str(
        raised.value
    )


def test_versions_past_nine_compare_as_numbers(tmp_path: Path) -> None:
    database = tmp_path / "library.db"
    _library_copy(database, 15)
    remember(database)
    for name, version in [("library.db.v9.bak", 9), ("library.db.v13.2.bak", 13)]:
        _library_copy(tmp_path / name, version)
    database.unlink()

    with pytest.raises(LibraryGoneError) as raised:
        refuse_if_vanished(database)
    assert str(tmp_path / "library.db.v13.2.bak") in str(raised.value)
    assert "v9.bak" not in str(raised.value)
