"""Opening the library database and grouping writes into transactions."""

from __future__ import annotations

import itertools
import os
import sqlite3
import weakref
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar
from urllib.parse import quote

import sqlite_utils

from phototagger.store import migrations

BUSY_TIMEOUT_MS = 10_000

# Caches derived from table contents (tag ids), per Database; dropped whenever a transaction
# rolls back, because an id cached inside it may no longer exist.
_caches: weakref.WeakKeyDictionary[sqlite_utils.Database, dict[str, Any]] = (
    weakref.WeakKeyDictionary()
)
# Every library database this process opened (a connection takes no weak reference; its
# Database does): the command line leaves at once only when each is closed (see open_count).
_opened: weakref.WeakSet[sqlite_utils.Database] = weakref.WeakSet()
# Those opened for reading only (_open_read_only): nothing of theirs to copy at close.
_read_only: weakref.WeakSet[sqlite_utils.Database] = weakref.WeakSet()
_savepoint_names = itertools.count()
# Ids bound per IN (...) list: far below SQLITE_MAX_VARIABLE_NUMBER on every build (999 on old).
IN_CHUNK = 500


def open_database(
    path: Path,
    waiting: Callable[[], None] | None = None,
    tick: Callable[[], None] | None = None,
    upgrading: migrations.Upgrading | None = None,
) -> sqlite_utils.Database:
    """Open (creating if needed) and migrate the library at `path` (`waiting`: called once
    when another process's upgrade of it has kept this one waiting a second; `tick`: then
    about ten times a second until it ends; `upgrading`: told while this process upgrades it;
    see migrations.migrate).

    WAL and a busy timeout let the GUI and a CLI run share one library.
    """
    if path.exists() and not _writable(path):
        return _open_read_only(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    # Python's default isolation level is kept, as sqlite-utils requires; transaction() issues
    # BEGIN itself, and sqlite-utils' execute() commits lone writes made outside of one.
    conn = sqlite3.connect(str(path), timeout=BUSY_TIMEOUT_MS / 1000, check_same_thread=False)
    try:
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        conn.execute("PRAGMA foreign_keys=ON")
        # NORMAL is durable in WAL mode except for the last commits on power loss, and far
        # cheaper than FULL for a scan that commits every batch.
        conn.execute("PRAGMA synchronous=NORMAL")
        db = sqlite_utils.Database(conn)
        migrations.migrate(db, path, waiting, tick, upgrading)
    except BaseException:
        conn.close()
        raise
    _opened.add(db)
    return db


def open_count() -> int:
    """How many library databases this process opened are still open."""
    return sum(1 for db in list(_opened) if _is_open(db.conn))


def _is_open(conn: sqlite3.Connection) -> bool:
    try:
        conn.total_changes  # noqa: B018 - raises once the connection is closed
    except sqlite3.ProgrammingError:
        return False
    return True


def _writable(path: Path) -> bool:
    """Can this process change the database (its file, and its folder for the WAL files)?"""
    return os.access(path, os.W_OK) and os.access(path.parent, os.W_OK)


def _open_read_only(path: Path) -> sqlite_utils.Database:
    """A library the user cannot write (a read-only folder, disk or mount): opened for reading.

    SQLite needs the WAL's shared-memory file to read a WAL database; in a folder it cannot
    write, and with none left behind, only `immutable` opens it. Nobody can be writing to it
    meanwhile, since nobody can write there. Writes fail with "readonly database", which the
    front ends turn into a message. A library that needs a schema upgrade cannot be opened.
    """
    uri = f"file:{quote(str(path.resolve()))}?mode=ro"
    conn = sqlite3.connect(uri, uri=True, check_same_thread=False)
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlite3.OperationalError:
        conn.close()
        conn = sqlite3.connect(uri + "&immutable=1", uri=True, check_same_thread=False)
    db = sqlite_utils.Database(conn)
    if migrations.user_version(db) != migrations.LATEST_VERSION:
        conn.close()
        raise ReadOnlyLibraryError(
            f"the library {path} is read-only and was made by another phototagger version; "
            "it can be opened once its folder is writable"
        )
    _opened.add(db)
    _read_only.add(db)
    return db


def close_database(db: sqlite_utils.Database) -> sqlite3.Error | None:
    """Close `db`, its writes first copied from the write-ahead log (library.db-wal) into the
    database file: a checkpoint, which SQLite makes itself when the last connection closes,
    but silently. Under a file size limit (`ulimit -f`) just over library.db's size the writes
    went into the log and succeeded, and that copy failed without a word, leaving the log
    behind: nothing lost (the next open without the limit finishes the copy), nothing said.
    The copy's failure to write (a file size limit, a full disk, an I/O error) is returned,
    for the front to say (core/failures.explain_database); a copy put off by another
    connection's readers is no failure (the last one to close makes it)."""
    if not _is_open(db.conn):
        return None
    failed: sqlite3.Error | None = None
    if db not in _read_only:
        try:
            db.conn.execute("PRAGMA wal_checkpoint(PASSIVE)")
        except sqlite3.Error as exc:
            failed = exc
    db.conn.close()
    return failed if failed is not None and _write_refused(failed) else None


def _write_refused(exc: sqlite3.Error) -> bool:
    """Whether `exc` is SQLite failing to write a file (SQLITE_IOERR_*, SQLITE_FULL), not a
    lock or a transaction still open."""
    code = getattr(exc, "sqlite_errorcode", None)
    return code is not None and code & 0xFF in (sqlite3.SQLITE_IOERR, sqlite3.SQLITE_FULL)


class ReadOnlyLibraryError(RuntimeError):
    """The library cannot be written, and this use needs to write it."""


def cache(db: sqlite_utils.Database) -> dict[str, Any]:
    """A scratch dict tied to `db`, emptied when one of its transactions rolls back.

    Only transaction() knows to empty it: roll back through transaction(), never by hand.
    """
    found = _caches.get(db)
    if found is None:
        found = _caches[db] = {}
    return found


@contextmanager
def transaction(db: sqlite_utils.Database) -> Iterator[None]:
    """One write transaction: BEGIN IMMEDIATE ... COMMIT, ROLLBACK if the block raises.

    Taking the write lock up front means a busy database makes us wait (busy timeout) at the
    start rather than fail half way. Nested use joins the outer transaction through a
    savepoint, so a store function may use it internally and still commit only with its caller.
    """
    conn = db.conn
    if conn.in_transaction:
        name = f"phototagger_{next(_savepoint_names)}"
        conn.execute(f"SAVEPOINT {name}")
        try:
            yield
        except BaseException:
            # An error may already have ended the whole transaction, savepoint included.
            if conn.in_transaction:
                conn.execute(f"ROLLBACK TO {name}")
                conn.execute(f"RELEASE {name}")
            _caches.pop(db, None)
            raise
        conn.execute(f"RELEASE {name}")
        return

    conn.execute("BEGIN IMMEDIATE")
    try:
        yield
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        _caches.pop(db, None)
        raise
    try:
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        _caches.pop(db, None)
        raise


def data_version(db: sqlite_utils.Database) -> int:
    """A number that changes whenever another connection commits to the library: a reader
    can keep what it computed until it does (SQLite's PRAGMA data_version)."""
    return int(db.execute("PRAGMA data_version").fetchone()[0])


_Key = TypeVar("_Key", int, str)


def in_chunks(ids: Sequence[_Key], size: int = IN_CHUNK) -> Iterator[tuple[list[_Key], str]]:
    """`ids` in slices small enough for one IN (...) list, each with its "?, ?, ..." marks."""
    for start in range(0, len(ids), size):
        chunk = list(ids[start : start + size])
        yield chunk, ", ".join("?" * len(chunk))


def database_file(db: sqlite_utils.Database) -> str:
    """The main database's file path ('' for an in-memory database)."""
    for _, name, file in db.execute("PRAGMA database_list").fetchall():
        if name == "main":
            return str(file or "")
    return ""
