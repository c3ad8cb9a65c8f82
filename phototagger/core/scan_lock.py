"""One scan per library at a time, across processes (GUI and CLI) and threads.

Two scans of one library would both decode and embed every new photo, and could race to insert
the same path. The lock is an advisory flock on a file beside the database: the kernel drops it
when the holder exits, however it exits, so a killed scan never leaves a stale lock behind.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from pathlib import Path

from phototagger.core.errors import PhototaggerError

try:
    import fcntl
except ImportError:  # Windows: no flock; scans there are not serialised
    fcntl = None  # type: ignore[assignment]


class ScanBusyError(PhototaggerError):
    """Another scan of the same library is running."""


def lock_path(database_path: Path) -> Path:
    return database_path.with_name(database_path.name + ".scan-lock")


@contextlib.contextmanager
def scan_lock(database_path: Path) -> Iterator[None]:
    """Hold the library's scan lock for the block, or raise ScanBusyError at once."""
    if fcntl is None:
        yield
        return
    path = lock_path(database_path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise ScanBusyError(_busy_message(fd, database_path)) from None
        os.ftruncate(fd, 0)
        os.write(fd, str(os.getpid()).encode())
        try:
            yield
        finally:
            fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)


def _busy_message(fd: int, database_path: Path) -> str:
    try:
        holder = os.pread(fd, 32, 0).decode("ascii", "replace").strip()
    except OSError:
        holder = ""
    who = f" (process {holder})" if holder.isdigit() else ""
    return (
        f"another scan of the library {database_path} is running{who}; "
        "wait for it to finish, or stop it, then scan again"
    )
