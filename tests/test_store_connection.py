"""The library opens in WAL mode with a busy timeout, and transactions are all or nothing."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
import sqlite_utils

from phototagger.store.connection import open_database, transaction
from phototagger.store.settings import get_setting, set_setting
from phototagger.store.tags import ensure_tag, tag_id
from tests.store_helpers import add_photo


def _pragma(db: sqlite_utils.Database, name: str) -> object:
    return db.execute(f"PRAGMA {name}").fetchone()[0]


def _add(db: sqlite_utils.Database, path: str) -> int:
    return add_photo(db, path, status="pending")


def _photo_count(path: Path) -> int:
    conn = sqlite3.connect(str(path))
    try:
        return int(conn.execute("SELECT count(*) FROM photos").fetchone()[0])
    finally:
        conn.close()


def test_pragmas(db: sqlite_utils.Database) -> None:
    assert _pragma(db, "journal_mode") == "wal"
    assert _pragma(db, "busy_timeout") == 10_000
    assert _pragma(db, "foreign_keys") == 1
    assert _pragma(db, "synchronous") == 1  # NORMAL


def test_parent_folders_are_created(tmp_path: Path) -> None:
    database = open_database(tmp_path / "a" / "b" / "library.db")
    database.close()
    assert (tmp_path / "a" / "b" / "library.db").exists()


def test_reader_is_not_blocked_by_an_open_write_transaction(
    db: sqlite_utils.Database, tmp_path: Path
) -> None:
    _add(db, "/p/before.jpg")
    with transaction(db):
        _add(db, "/p/during.jpg")
        # WAL: another connection reads the last committed state instead of waiting.
        assert _photo_count(tmp_path / "library.db") == 1
    assert _photo_count(tmp_path / "library.db") == 2


def test_rollback_on_exception_leaves_nothing(db: sqlite_utils.Database, tmp_path: Path) -> None:
    with pytest.raises(RuntimeError), transaction(db):
        _add(db, "/p/a.jpg")
        ensure_tag(db, "cat")
        set_setting(db, "k", 1)
        raise RuntimeError("interrupted scan")
    assert _photo_count(tmp_path / "library.db") == 0
    assert tag_id(db, "cat") is None
    assert get_setting(db, "k") is None
    assert not db.conn.in_transaction


def test_many_store_calls_in_one_transaction_commit_together(
    db: sqlite_utils.Database, tmp_path: Path
) -> None:
    with transaction(db):
        for i in range(5):
            _add(db, f"/p/{i}.jpg")
        assert db.conn.in_transaction
        assert _photo_count(tmp_path / "library.db") == 0
    assert _photo_count(tmp_path / "library.db") == 5


def test_nested_failure_rolls_back_only_the_inner_block(db: sqlite_utils.Database) -> None:
    with transaction(db):
        _add(db, "/p/outer.jpg")
        with pytest.raises(ValueError), transaction(db):
            _add(db, "/p/inner.jpg")
            raise ValueError
    paths = [row[0] for row in db.execute("SELECT path FROM photos")]
    assert paths == ["/p/outer.jpg"]


def test_tag_id_cache_forgets_rolled_back_tags(db: sqlite_utils.Database) -> None:
    with pytest.raises(RuntimeError), transaction(db):
        ensure_tag(db, "ghost")
        raise RuntimeError
    assert tag_id(db, "ghost") is None
    assert ensure_tag(db, "ghost") == tag_id(db, "ghost")


def test_second_connection_waits_for_the_writer(tmp_path: Path) -> None:
    first = open_database(tmp_path / "library.db")
    second = open_database(tmp_path / "library.db")
    try:
        second.conn.execute("PRAGMA busy_timeout = 50")
        with transaction(first):
            _add(first, "/p/a.jpg")
            # BEGIN IMMEDIATE: the second writer is refused at the start, not half way through.
            with pytest.raises(sqlite3.OperationalError, match="locked"), transaction(second):
                pass
        with transaction(second):
            _add(second, "/p/b.jpg")
    finally:
        first.close()
        second.close()
    assert _photo_count(tmp_path / "library.db") == 2
