"""A library is created at the latest schema, and an older one is upgraded after a backup."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from phototagger.store import migrations
from phototagger.store.connection import open_database
from phototagger.store.photos import get_photo_by_path
from tests.store_helpers import library_at_version


def _version(path: Path) -> int:
    conn = sqlite3.connect(str(path))
    try:
        return int(conn.execute("PRAGMA user_version").fetchone()[0])
    finally:
        conn.close()


def _make_v1_library(path: Path) -> None:
    db = library_at_version(path, 1)
    # As phototagger 1 wrote it: today's insert_photo fills columns v1 did not have.
    db.execute(
        "INSERT INTO photos (path, folder, name, size, mtime, content_hash, status)"
        " VALUES ('/p/a.jpg', '/p', 'a.jpg', 1, 2.0, 'h', 'pending')"
    )
    db.close()


def test_new_library_is_at_latest_version_without_backup(tmp_path: Path) -> None:
    path = tmp_path / "lib" / "library.db"
    db = open_database(path)
    db.close()
    assert _version(path) == migrations.LATEST_VERSION
    assert not list(path.parent.glob("*.bak"))


def test_v1_library_is_upgraded_and_backed_up(tmp_path: Path) -> None:
    path = tmp_path / "library.db"
    _make_v1_library(path)
    assert _version(path) == 1

    db = open_database(path)
    try:
        assert migrations.user_version(db) == migrations.LATEST_VERSION
        assert get_photo_by_path(db, "/p/a.jpg") is not None
        index_names = {row[0] for row in db.execute("SELECT name FROM sqlite_master")}
        assert "photo_tags_tag_state" in index_names
    finally:
        db.close()

    backup = tmp_path / "library.db.v1.bak"
    assert backup.exists()
    assert _version(backup) == 1
    conn = sqlite3.connect(str(backup))
    try:
        assert conn.execute("SELECT path FROM photos").fetchall() == [("/p/a.jpg",)]
    finally:
        conn.close()


def test_migrating_again_changes_nothing(tmp_path: Path) -> None:
    db = open_database(tmp_path / "library.db")
    try:
        assert migrations.migrate(db, tmp_path / "library.db") == migrations.LATEST_VERSION
    finally:
        db.close()
    assert not list(tmp_path.glob("*.bak"))


def test_failed_migration_leaves_old_version(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "library.db"
    _make_v1_library(path)
    broken = [*migrations.MIGRATIONS[:1], ("CREATE INDEX x ON photos(path)", "NOT SQL")]
    monkeypatch.setattr(migrations, "MIGRATIONS", broken)
    with pytest.raises(sqlite3.OperationalError):
        open_database(path)
    assert _version(path) == 1
    conn = sqlite3.connect(str(path))
    try:
        assert conn.execute("SELECT count(*) FROM sqlite_master WHERE name = 'x'").fetchone() == (
            0,
        )
    finally:
        conn.close()


def test_library_from_a_newer_version_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "library.db"
    conn = sqlite3.connect(str(path))
    conn.execute(f"PRAGMA user_version = {migrations.LATEST_VERSION + 1}")
    conn.close()
    with pytest.raises(migrations.DatabaseTooNewError):
        open_database(path)


def test_v15_change_log_goes_on_stamped(tmp_path: Path) -> None:
    """Migration 16 stamps each embedding change at random: the log of a v15 library goes on
    from its last number, its rows kept, each change after it stamped, one trigger an event."""
    from phototagger.store.connection import transaction
    from phototagger.store.embeddings import embedding_log, put_embeddings
    from tests.store_helpers import add_photo

    path = tmp_path / "library.db"
    db = library_at_version(path, 15)
    with transaction(db):
        ids = [add_photo(db, f"/p/{i}.jpg") for i in range(3)]
    put_embeddings(db, "b", [(i, b"v1") for i in ids])
    tag = db.execute("SELECT tag FROM embedding_log").fetchone()[0]
    db.close()
    db = open_database(path)
    try:
        assert embedding_log(db, "b") == (tag, 3, ids[2], 0)
        put_embeddings(db, "b", [(ids[0], b"v2")])
        db.execute("DELETE FROM photos WHERE id = ?", [ids[1]])
        rows = db.execute("SELECT photo_id, change, stamp FROM embedding_changes").fetchall()
        assert sorted((p, c) for p, c, _ in rows) == [(ids[0], 4), (ids[1], 5), (ids[2], 3)]
        assert all(s != 0 for p, _, s in rows if p != ids[2])
        triggers = db.execute(
            "SELECT name FROM sqlite_master WHERE type = 'trigger'"
            " AND name LIKE 'embedding_change%'"
        ).fetchall()
        assert len(triggers) == 3
    finally:
        db.close()
