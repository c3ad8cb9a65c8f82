"""Opening the user's library: the database plus the caches that go with it."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import sqlite_utils

from phototagger import paths
from phototagger.store.connection import open_database
from phototagger.store.settings import get_setting

DEVICE_SETTING = "device"


@dataclass
class Library:
    db: sqlite_utils.Database
    database_path: Path
    thumbnails_dir: Path

    def close(self) -> None:
        self.db.conn.close()

    def __enter__(self) -> Library:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def open_library(database: Path | None = None) -> Library:
    """Open (creating and migrating if needed) the library; paths come from paths.py."""
    db_path = database or paths.database_path()
    return Library(open_database(db_path), db_path, paths.thumbnails_dir())


def device_setting(db: sqlite_utils.Database) -> str:
    value = get_setting(db, DEVICE_SETTING, "auto")
    return value if value in ("auto", "cpu", "gpu") else "auto"
