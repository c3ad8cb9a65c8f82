"""Failures that are the world's doing, not a bug: each gets one line that says what to do.

The CLI prints the line and exits 3; the GUI shows it. Anything not recognised here is a bug.
"""

from __future__ import annotations

import errno
import os
import sqlite3
from pathlib import Path

from phototagger.core.errors import (
    DamagedModel,
    DeviceUnavailable,
    LibraryTooNew,
    LibraryUnwritable,
    PhotoError,
    PhototaggerError,
    UnknownVersion,
)
from phototagger.ml.device import DeviceUnavailableError
from phototagger.ml.registry import UnknownVersionError
from phototagger.ml.version_check import DamagedModelError
from phototagger.paths import LibraryHome
from phototagger.store.connection import ReadOnlyLibraryError
from phototagger.store.migrations import DatabaseTooNewError

# The exceptions of store and ml (which cannot import core) that are expected failures, each
# with the domain error it means (core/boundary.py translates). Exact classes only: a ValueError
# or KeyError from below is a bug, not a user's mistake.
TRANSLATED: tuple[tuple[type[Exception], type[PhototaggerError]], ...] = (
    (DatabaseTooNewError, LibraryTooNew),
    (UnknownVersionError, UnknownVersion),
    (DamagedModelError, DamagedModel),
    (DeviceUnavailableError, DeviceUnavailable),
    (ReadOnlyLibraryError, LibraryUnwritable),
)
_EXPECTED: tuple[type[BaseException], ...] = (
    PhototaggerError,  # a scan already running, the database vanished, nothing to learn...
    PhotoError,
    *(kind for kind, _ in TRANSLATED),
)
_KEPT = "everything done until now is kept"


def explain(exc: BaseException, home: LibraryHome) -> str | None:
    """A one-line message for an expected failure (naming `home`'s folders), or None for a bug."""
    if isinstance(exc, _EXPECTED):
        return str(exc)
    return explain_world(exc, home)


def damaged_version(exc: BaseException) -> tuple[str, str, bool] | None:
    """(version, why, met by a training as the active version) when `exc` is a model version
    refused as damaged (or the domain error raised from one), so a front can say what to do its
    own way; else None."""
    seen: BaseException | None = exc
    while seen is not None:
        if isinstance(seen, DamagedModelError):
            return seen.version, seen.reason, seen.training
        seen = seen.__cause__
    return None


def explain_world(exc: BaseException, home: LibraryHome) -> str | None:
    """A one-line message for a failure of the disk or the database file, or None."""
    if isinstance(exc, sqlite3.OperationalError | sqlite3.DatabaseError):
        return explain_database(exc, home.database)
    if isinstance(exc, OSError):
        return _disk(exc, home)
    return None


def explain_database(exc: sqlite3.Error, where: Path) -> str | None:
    """A one-line message for the database file `where` refusing a write, or None. (A copy of
    it being made, an upgrade's backup, names itself: store/migrations._copy_aside.)"""
    text = str(exc).lower()
    if "readonly database" in text or "read-only" in text:
        return read_only_message(str(where))
    full = "disk is full" in text or getattr(exc, "sqlite_errorcode", None) == sqlite3.SQLITE_FULL
    if (full or "disk i/o error" in text) and (limit := _size_limit_reached(where)) is not None:
        # Under `ulimit -f` a write past the limit fails (EFBIG; Python ignores SIGXFSZ), which
        # SQLite reports as an I/O error (or a full disk): "the disk … reported an I/O error"
        # sent the user to check a sound disk.
        return size_limit_message(str(where), limit)
    if full:
        return disk_full_message(str(where))  # the file being written, not only its folder
    if "disk i/o error" in text:
        return (
            f"the disk holding the library ({where.parent}) reported an I/O error; "
            f"{_KEPT}; check the disk, then run the command again"
        )
    return None


# The most a database write adds to a file at once: a page of 64 KB at most, with a log frame's
# header. A file within that of the size limit is one a write could not grow.
_LARGEST_WRITE = 65536 + 24
# The largest file a FAT32 disk holds: a file stopped under it by a limit was stopped by that.
_FAT32_LARGEST = 2**32 - 1


def file_size_limit() -> int | None:
    """The size in bytes past which this process may not write a file (`ulimit -f`), or None
    where there is no such limit."""
    try:
        import resource
    except ImportError:  # Windows: no such limit
        return None
    soft, _hard = resource.getrlimit(resource.RLIMIT_FSIZE)
    return None if soft == resource.RLIM_INFINITY else soft


def _size_limit_reached(database: Path) -> int | None:
    """The file size limit (file_size_limit) where the database at `database`, its write-ahead
    log or its journal has grown to it, so that a write failed there; else None."""
    limit = file_size_limit()
    if limit is None:
        return None
    for suffix in ("", "-wal", "-journal"):
        try:
            size = os.path.getsize(f"{database}{suffix}")
        except OSError:
            continue
        if size + _LARGEST_WRITE > limit:
            return limit
    return None


# What every size_limit_message says, whatever the file: a front that has said one need not
# say another, whose way out is the same (cli._tell_unfinished_close).
SIZE_LIMIT_WORDS = "the file size limit of this session"


def size_limit_message(where: str, limit: int, a_file: bool = True) -> str:
    """`where` could not grow past the file size limit of this session (`limit` bytes); or
    (`a_file` False) a file in the folder `where`."""
    what = where if a_file else f"a file in {where}"
    return (
        f"cannot write {what}: {SIZE_LIMIT_WORDS} (`ulimit -f`: "
        f"{_size(limit)}) was reached; {_KEPT}: start phototagger again without that limit "
        "(`ulimit -f unlimited`) to carry on where it stopped"
    )


def _size(size: int) -> str:
    """A size in bytes as `ulimit -f` counts it (KB of 1,024 bytes), or MB, GB."""
    for unit, scale in (("GB", 2**30), ("MB", 2**20)):
        if size >= scale:
            return f"{size / scale:,.1f}".removesuffix(".0") + f" {unit}"
    return f"{size / 1024:,.0f} KB"


# The errors of a disk (or a user's quota on it) with no room left.
DISK_FULL = (errno.ENOSPC, errno.EDQUOT)


def _disk(exc: OSError, home: LibraryHome) -> str | None:
    # The file being written, where the writer named it (durable.naming); else its folder.
    where = exc.filename or home.data
    if exc.errno in DISK_FULL:
        return disk_full_message(str(where))
    if exc.errno == errno.EFBIG:
        # A FAT32 disk's 4 GB, a `ulimit -f`: reported as a bug ("please report"), a training
        # cut short writing its version. A limit under 4 GB is what stopped it: said plainly.
        limit = file_size_limit()
        if limit is not None and limit < _FAT32_LARGEST:
            return size_limit_message(str(where), limit, bool(exc.filename))
        return too_large_message(str(where), bool(exc.filename))
    if exc.errno in (errno.EROFS, errno.EACCES, errno.EPERM) and exc.filename:
        return read_only_message(str(where))
    if exc.errno in (errno.ENOENT, errno.ENOTDIR) and _on_the_way(exc.filename, home):
        # `--home ~/notes.txt/lib`: a folder of the home itself cannot be made. It was reported
        # as a bug (exit 70, "please report"), a traceback in a log for a mistyped path.
        folder = Path(os.fsdecode(exc.filename))
        found = next((p for p in folder.parents if p.exists()), None)
        why = (
            f"{found} is a file, not a folder"
            if found is not None and not found.is_dir()
            else (exc.strerror or "").lower()
        )
        return (
            f"cannot create the library folder {folder} ({why}): choose another with --home DIR "
            "or PHOTOTAGGER_HOME"
        )
    return None


def _on_the_way(filename: object, home: LibraryHome) -> bool:
    """Whether `filename` is one of `home`'s folders or a folder above them."""
    if not isinstance(filename, str | bytes):
        return False
    folder = Path(os.fsdecode(filename))
    return any(p.is_relative_to(folder) for p in (home.database.parent, home.thumbnails))


def read_only_message(where: str) -> str:
    return (
        f"cannot write {where}: the library is read-only (a read-only folder, disk or "
        "mount); reading commands (stats, search, tags, export) work, changes cannot be "
        "saved until it is writable"
    )


def too_large_message(where: str, a_file: bool = True) -> str:
    """`where`: the file that could not grow, or (`a_file` False) the folder it was in."""
    what = f"cannot write {where}: it" if a_file else f"cannot write a file in {where}: it"
    return (
        f"{what} would be larger than its disk or this session allows "
        f"(a FAT32 disk takes 4 GB at most; `ulimit -f` sets a limit); {_KEPT}: lift the "
        "limit, or keep the library on a disk that takes larger files, and run the command "
        "again"
    )


def disk_full_message(where: str) -> str:
    return (
        f"the disk is full (writing {where}); {_KEPT}: free some space and run the "
        "command again to carry on where it stopped"
    )


def cache_unwritten_message(
    what: str,
    where: Path,
    exc: OSError,
    instead: str = "each is made again from its photo when shown",
) -> str:
    """What the app says, once and not per file, of a cache it could not write (`what`: its
    name, "Thumbnails"), whose files are made again from the photos when needed: nothing is
    lost, but each is made again every time it is shown (`instead`: what is done without it).
    `where`: the file being written."""
    if exc.errno in DISK_FULL:
        cause, fix = f"the disk is full (writing {where})", ": free some space on that disk"
    else:
        cause, fix = f"cannot write {where} ({(exc.strerror or str(exc)).lower()})", ""
    return f"{what} cannot be saved: {cause}; {instead}, which is slower{fix}"
