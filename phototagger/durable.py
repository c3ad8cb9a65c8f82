"""Writing a file so that a crash, a kill or a power cut leaves the old one or the new one, never
an empty or half-written one; and clearing the temporary copies a killed writer left behind.

A file is written whole into a temporary file beside it, which then takes its name in one
rename. The rename alone is not enough: after a power cut, ext4, XFS, btrfs and APFS may have
put the rename on disk before the new file's data, leaving a file of zero length (or of zeros)
under the photo's name. So the temporary file is flushed to disk first, and the folder after
the rename (where the system lets a folder be flushed: not on Windows, whose NTFS journals the
rename with its data).

Every layer writes files (the store its backups, core the user's photos and sidecars, ml its
model versions), so this module imports nothing of phototagger's.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import time
from collections.abc import Iterable, Iterator
from pathlib import Path

# A temporary file nobody has written to for this long was left by a process that died while
# writing it (a kill, a crash, a power cut): no write of a photo, a sidecar or a cache file
# takes a minute, let alone an hour.
ABANDONED_S = 3600.0

# What a file system that cannot flush at all answers (some FUSE file systems and network
# shares): the data is as durable as that file system makes it, the write goes on. Any other
# error (EIO: a failing disk) means the data may not be on disk, and the write fails.
_CANNOT_FLUSH = frozenset(
    {errno.EINVAL, errno.ENOSYS, errno.ENOTSUP, getattr(errno, "EOPNOTSUPP", errno.ENOTSUP)}
)


def sync_file(path: str | os.PathLike[str]) -> None:
    """Flush the file's data to disk (an error, a failing disk, is raised: nothing was kept;
    a file system that cannot flush at all is taken at its word, as sync_folder does)."""
    # Windows flushes a file only through a handle that may write it.
    fd = os.open(path, (os.O_RDWR | getattr(os, "O_BINARY", 0)) if os.name == "nt" else os.O_RDONLY)
    try:
        os.fsync(fd)
    except OSError as exc:
        if exc.errno not in _CANNOT_FLUSH:
            raise
    finally:
        os.close(fd)


def sync_folder(folder: str | os.PathLike[str]) -> None:
    """Flush a folder's entries (a rename into it) to disk, where the system allows it."""
    if os.name == "nt":
        return  # a folder cannot be opened as a file on Windows; NTFS journals the rename
    try:
        fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError:
        return
    try:
        # Some file systems (network shares, FUSE) refuse to flush a folder: the rename stands,
        # as durable as that file system makes it.
        with contextlib.suppress(OSError):
            os.fsync(fd)
    finally:
        os.close(fd)


@contextlib.contextmanager
def naming(target: str | os.PathLike[str]) -> Iterator[None]:
    """Writes to `target` (or to a temporary file that takes its name): an OSError the system
    raises without a file name (a write() or flush() refused: a full disk, a file size limit)
    is raised again naming `target`, so that the message names the file being written, not
    only the library's folder ("cannot write a file in …/data: it would be larger …")."""
    try:
        yield
    except OSError as exc:
        if exc.filename is not None or exc.errno is None:
            raise
        raise OSError(exc.errno, exc.strerror, os.fspath(target)) from exc


def replace_durably(temporary: str | os.PathLike[str], target: str | os.PathLike[str]) -> None:
    """Give `temporary`, written whole, the name `target`: its data on disk first, then the
    rename, then the folder's new entry. `temporary` must be closed (or flushed) already."""
    sync_file(temporary)
    os.replace(temporary, target)
    sync_folder(os.path.dirname(os.path.abspath(target)))


def is_abandoned(path: str | os.PathLike[str], now: float | None = None) -> bool:
    """Nobody has written to the file at `path` for ABANDONED_S. (A writer keeps its
    temporary file's own modified time until the rename: it gives the file its final times
    only under its final name.)"""
    return (time.time() if now is None else now) - os.stat(path).st_mtime > ABANDONED_S


def mark_abandoned(path: str | os.PathLike[str]) -> None:
    """Date the temporary file at `path` as abandoned (is_abandoned): its writer gave up on it
    and could not remove it, so that every scan and write takes it for the dead copy it is and
    removes it once it can, rather than leave it for an hour as another process's live write."""
    then = time.time() - ABANDONED_S - 60.0
    os.utime(path, (then, then))


def remove_abandoned(
    folder: Path,
    temporary: re.Pattern[str],
    names: Iterable[str] | None = None,
) -> dict[str, OSError]:
    """Remove the files in `folder` whose names `temporary` matches whole and that are
    abandoned (is_abandoned): left by a process that died while writing them. `names`: the
    folder's names where the caller listed it already (else it is listed here). Returns those
    abandoned that stay, by name, with why (a read-only folder, a file of another user, a
    folder of that name)."""
    now = time.time()
    stayed: dict[str, OSError] = {}
    if names is None:
        try:
            with os.scandir(folder) as listing:
                names = [entry.name for entry in listing]
        except OSError:
            return stayed  # a folder that cannot be listed: nothing is removed, the writer goes on
    for name in names:
        if not temporary.fullmatch(name):
            continue
        try:
            if not is_abandoned(folder / name, now):
                continue
        except OSError:
            continue  # gone since it was listed (another scan removed it), or unreadable
        try:
            (folder / name).unlink()
        except FileNotFoundError:
            continue
        except OSError as exc:
            stayed[name] = exc
    return stayed
