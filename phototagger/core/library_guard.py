"""Noticing that the library database was deleted or replaced under a running program.

SQLite keeps writing to a deleted file's inode: a scan would report success into a file nobody
can open again, and the next command would silently start an empty library. So the database's
identity (device and inode) is taken at open and compared at each commit of a long job, and a
marker file beside the database remembers that a library existed there.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
from datetime import UTC, datetime
from pathlib import Path

from phototagger.core.errors import PhototaggerError

FileIdentity = tuple[int, int]


class LibraryGoneError(PhototaggerError):
    """The library database vanished or was replaced."""


def marker_path(database: Path) -> Path:
    return database.with_name(database.name + ".exists")


def identity(database: Path) -> FileIdentity | None:
    try:
        st = os.stat(database)
    except FileNotFoundError:
        return None
    return (st.st_dev, st.st_ino)


def refuse_if_vanished(database: Path) -> None:
    """Before opening: a library existed here (its marker says so) but its database is gone."""
    marker = marker_path(database)
    if database.exists() or not marker.exists():
        return
    newest = newest_backup(database)
    hint = f" (a copy from an upgrade is at {newest})" if newest is not None else ""
    raise LibraryGoneError(
        f"the library database {database} is gone, but a library was kept there; restore it "
        f"from a backup{hint}, or delete {marker} to start a new, empty library"
    )


def newest_backup(database: Path) -> Path | None:
    """The copy the last upgrade kept (store.migrations.backup_path: `<name>.v<N>.bak`, then
    `<name>.v<N>.2.bak` and on): the highest version, of it the highest copy. By name, v9 sorted
    after v13 and .v13.bak after .v13.2.bak, so the oldest copy was offered."""
    pattern = re.compile(re.escape(database.name) + r"\.v(\d+)(?:\.(\d+))?\.bak")
    found: list[tuple[int, int, Path]] = []
    with contextlib.suppress(OSError):
        for candidate in database.parent.iterdir():
            if (match := pattern.fullmatch(candidate.name)) is not None:
                found.append((int(match[1]), int(match[2] or 1), candidate))
    return max(found)[2] if found else None


def remember(database: Path) -> None:
    """Leave the marker that says a library exists here (once; quietly if it cannot)."""
    marker = marker_path(database)
    if marker.exists():
        return
    with contextlib.suppress(OSError):  # a read-only library: it has no marker to leave
        marker.write_text(
            json.dumps(
                {
                    "created": datetime.now(UTC).isoformat(timespec="seconds"),
                    "database": database.name,
                }
            )
            + "\n",
            encoding="utf-8",
        )


def ensure_unchanged(database: Path, opened: FileIdentity | None) -> None:
    """Stop if the database file is no longer the one opened as `opened`."""
    if opened is None:
        return
    now = identity(database)
    if now == opened:
        return
    what = "deleted" if now is None else "replaced by another file"
    raise LibraryGoneError(
        f"the library database {database} was {what} while phototagger was using it; stopped "
        "without writing more. Restore the library from a backup (or put the file back) and "
        "run the command again"
    )
