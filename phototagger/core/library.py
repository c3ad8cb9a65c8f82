"""Opening the user's library: the database plus the caches that go with it."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import sqlite_utils

from phototagger import paths
from phototagger.core.library_guard import (
    FileIdentity,
    ensure_unchanged,
    identity,
    refuse_if_vanished,
    remember,
)
from phototagger.store.connection import open_database
from phototagger.store.settings import get_setting

DEVICE_SETTING = "device"


@dataclass
class Library:
    db: sqlite_utils.Database
    database_path: Path
    thumbnails_dir: Path
    # (device, inode) of the database when opened: long jobs check it is still the same file.
    identity: FileIdentity | None = None

    def ensure_unchanged(self) -> None:
        """Raise LibraryGoneError if the database was deleted or replaced since it was opened."""
        ensure_unchanged(self.database_path, self.identity)

    def close(self) -> None:
        self.db.conn.close()

    def __enter__(self) -> Library:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def open_library(database: Path | None = None) -> Library:
    """Open (creating and migrating if needed) the library; paths come from paths.py."""
    db_path = database or paths.database_path()
    refuse_if_vanished(db_path)
    db = open_database(db_path)
    remember(db_path)
    return Library(db, db_path, paths.thumbnails_dir(), identity(db_path))


def device_setting(db: sqlite_utils.Database) -> str:
    value = get_setting(db, DEVICE_SETTING, "auto")
    return value if value in ("auto", "cpu", "gpu") else "auto"
