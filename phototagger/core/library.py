"""Opening the user's library: the database, its model versions and the caches that go with it,
all named by one LibraryHome that the front built."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import sqlite_utils

from phototagger.core.errors import UpgradeWaitStopped
from phototagger.core.library_guard import (
    FileIdentity,
    ensure_unchanged,
    identity,
    refuse_if_vanished,
    remember,
)
from phototagger.ml.registry import ModelVersions
from phototagger.paths import LibraryHome
from phototagger.store.connection import close_database, open_count, open_database
from phototagger.store.migrations import UpgradeWaitInterrupted
from phototagger.store.settings import get_setting
from phototagger.store.tags import number_past

DEVICE_SETTING = "device"


@dataclass
class Library:
    """Everything that belongs to one library: its folders, its database, its model versions."""

    home: LibraryHome
    db: sqlite_utils.Database
    models: ModelVersions
    # (device, inode) of the database when opened: long jobs check it is still the same file.
    identity: FileIdentity | None = None

    @property
    def database_path(self) -> Path:
        return self.home.database

    @property
    def thumbnails_dir(self) -> Path:
        return self.home.thumbnails

    def ensure_unchanged(self) -> None:
        """Raise LibraryGoneError if the database was deleted or replaced since it was opened."""
        ensure_unchanged(self.database_path, self.identity)

    def close(self) -> None:
        """Close the database. Its writes not copied from its log into the file at close (a
        file size limit) are kept for the front to say once the command is done
        (unfinished_closes): what the command did and said stands, nothing of it is lost."""
        failed = close_database(self.db)
        if failed is not None:
            _unfinished.setdefault(self.database_path, failed)

    def __enter__(self) -> Library:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


# The databases whose log could not be copied into them at close, with SQLite's error.
_unfinished: dict[Path, sqlite3.Error] = {}


def unfinished_closes() -> list[tuple[Path, sqlite3.Error]]:
    """The libraries closed since the last call whose writes stayed in their log, the copy into
    the database file refused (Library.close): each once."""
    found = list(_unfinished.items())
    _unfinished.clear()
    return found


def unfinished_close_lines() -> list[str]:
    """What a front says, once, of the libraries closed with their writes left in their log
    (unfinished_closes): under `ulimit -f`, "cannot write …/library.db: the file size limit of
    this session (`ulimit -f`: 10 MB) was reached; everything done until now is kept: start
    phototagger again without that limit …", the words of a write refused by the limit."""
    from phototagger.core.failures import explain_database

    lines = (explain_database(exc, path) for path, exc in unfinished_closes())
    return [line for line in lines if line is not None]


def open_library(
    home: LibraryHome,
    waiting: Callable[[str], None] | None = None,
    tick: Callable[[], None] | None = None,
    upgrading: Callable[[str], None] | None = None,
    upgrade_tick: Callable[[], None] | None = None,
) -> Library:
    """Open (creating and migrating if needed) the library that `home` names. `waiting` is
    told, once and in a line for the user, when another phototagger's upgrade of the library
    has kept this one waiting a second (a large library's upgrade takes minutes); `tick` is
    then called about ten times a second until the wait ends, for a front end to run (the app
    paints its notice). What `tick` raises ends the wait, and Ctrl-C does (UpgradeWaitStopped):
    nothing written, the other phototagger's upgrade goes on. `upgrading` is told, once and in
    a line (upgrade_words), when this phototagger starts upgrading the library (10 s for
    500,000 photos, most of it the copy kept first); `upgrade_tick` is then called between
    pieces of that work (4 MB of the copy, a migration)."""
    db_path = home.database
    refuse_if_vanished(db_path)
    told = None if waiting is None else lambda: waiting(upgrade_wait(db_path))
    ours = None if upgrading is None else _UpgradeTold(db_path, upgrading, upgrade_tick)
    try:
        db = open_database(db_path, told, tick, ours)
    except UpgradeWaitInterrupted as exc:
        raise UpgradeWaitStopped() from exc
    remember(db_path)
    models = ModelVersions(home.model_versions)
    # Restored from a copy older than the versions beside it, the library's decisions would be
    # numbered as ones those versions had read (store.tags.number_past).
    number_past(db, models.decisions_read())
    return Library(home, db, models, identity(db_path))


@dataclass(frozen=True)
class _UpgradeTold:
    """A front end's line and tick, as the store's upgrade tells them (migrations.Upgrading)."""

    db_path: Path
    told: Callable[[str], None]
    tick: Callable[[], None] | None

    def started(self, copy: Path | None) -> None:
        self.told(upgrade_words(self.db_path, copy))

    def between(self) -> None:
        if self.tick is not None:
            self.tick()


def upgrade_words(db_path: Path, copy: Path | None) -> str:
    """What the user is told while this phototagger upgrades the library at `db_path`, the
    library as it was copied to `copy` first."""
    kept = f" A copy of it as it was is kept first, at {copy}." if copy is not None else ""
    return f"Upgrading the library ({db_path}) for this version of phototagger…{kept}"


def upgrade_wait(db_path: Path) -> str:
    """What the user is told while another phototagger upgrades the library at `db_path`."""
    return f"Waiting for another phototagger to finish upgrading the library ({db_path})…"


def libraries_open() -> int:
    """How many library databases this process opened are not closed yet."""
    return open_count()


def device_setting(db: sqlite_utils.Database) -> str:
    value = get_setting(db, DEVICE_SETTING, "auto")
    return value if value in ("auto", "cpu", "gpu") else "auto"
