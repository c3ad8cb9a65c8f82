"""One scan per library at a time, across processes (GUI and CLI) and threads.

Two scans of one library would both decode and embed every new photo, and could race to insert
the same path. The lock is held on a file beside the database, and the system drops it when the
holder exits, however it exits, so a killed scan never leaves a stale lock behind.

On Linux and macOS it is an advisory flock, which belongs to the open file, not to the process:
a child forked while a scan held it shared it, and kept the library locked after the scan was
killed until that child ended too. OpenVINO's usage report did that: `import openvino` forks the
scan (multiprocessing) to post to Google Analytics, a post that never ends where the network
does not answer; a force-quit scan left "another scan of the library is running" behind. Every
fork now closes its copy of a held lock (os.register_at_fork), and programs started with exec
never get one (the descriptor is not inheritable). A fork from C code that bypasses Python's
os.fork is not seen; nothing a scan runs does that.

On Windows it is a byte-range lock (msvcrt.locking) on the same file: per handle, so two scans
in one process exclude each other too, as with flock.
"""

from __future__ import annotations

import contextlib
import os
import sys
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

from phototagger.core.errors import PhototaggerError

_PID_WIDTH = 20  # the holder's pid, padded: written over the last one, never truncated


class ScanBusyError(PhototaggerError):
    """Another scan of the same library is running."""


def lock_path(database_path: Path) -> Path:
    return database_path.with_name(database_path.name + ".scan-lock")


if sys.platform == "win32":
    import msvcrt

    _LOCKED_BYTE = 64  # past the pid, so that a refused scan can still read who holds it

    def _try_lock(fd: int) -> bool:
        os.lseek(fd, _LOCKED_BYTE, os.SEEK_SET)
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True

    def _unlock(fd: int) -> None:
        os.lseek(fd, _LOCKED_BYTE, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _try_lock(fd: int) -> bool:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        return True

    def _unlock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)


_OPEN: set[int] = set()  # this process's lock-file descriptors, each from open to close
_FORK_GUARD = threading.Lock()  # held by a fork, and while a descriptor joins or leaves _OPEN


def _close_in_child() -> None:
    """In a forked child: close (never unlock: that would free the parent's lock) every copy."""
    for fd in _OPEN:
        with contextlib.suppress(OSError):
            os.close(fd)
    _OPEN.clear()
    with contextlib.suppress(RuntimeError):  # taken by the parent's `before`, in this thread
        _FORK_GUARD.release()


if sys.platform != "win32":
    os.register_at_fork(
        before=_FORK_GUARD.acquire,
        after_in_parent=_FORK_GUARD.release,
        after_in_child=_close_in_child,
    )


@contextlib.contextmanager
def scan_lock(database_path: Path) -> Iterator[None]:
    """Hold the library's scan lock for the block, or raise ScanBusyError at once."""
    with _file_lock(lock_path(database_path), ScanBusyError, _busy_message, database_path):
        yield


class ModelBusyError(PhototaggerError):
    """Another phototagger is training or switching the model of the same library."""


def model_lock_path(database_path: Path) -> Path:
    return database_path.with_name(database_path.name + ".model-lock")


# The model locks this process holds, each with the thread that took it; and per library a
# thread lock, so another thread of this process (the app's jobs) waits its turn briefly, then
# is refused as another process is.
_OWNER: dict[Path, int] = {}
_THREAD_LOCKS: dict[Path, threading.Lock] = {}
_HELD_GUARD = threading.Lock()
IN_PROCESS_WAIT = 5.0  # seconds another thread of this process waits for the holder


@contextlib.contextmanager
def model_lock(database_path: Path) -> Iterator[None]:
    """Hold the library's model lock for the block, or raise ModelBusyError: one training or
    switch of a library's model at a time, across processes and threads. Two `train` runs at
    once both named their version v5 (the next free name when each started), both said "v5 is
    now active", and the one saved last replaced the other's; two `models use` at once both
    said "is now active" and one of them was not. Nested in the same thread (`train` holds it
    around train_candidate and activate_version, which take it too) it is held once. Another
    thread of this process waits up to IN_PROCESS_WAIT seconds for it, then is refused: a
    scan's check for a killed switch (the app's scan job) had passed as nested while the app's
    Apply switched the model in another thread, and could put its photos back midway."""
    path = model_lock_path(database_path)
    me = threading.get_ident()
    with _HELD_GUARD:
        if _OWNER.get(path) == me:
            nested = True
        else:
            nested = False
            turn = _THREAD_LOCKS.setdefault(path, threading.Lock())
    if nested:  # the holder, further out in this thread, releases it
        yield
        return
    if not turn.acquire(timeout=IN_PROCESS_WAIT):
        raise ModelBusyError(
            f"the model of the library {database_path} is being trained or switched by another "
            "job of this phototagger; wait for it to finish, then try again"
        )
    try:
        with _file_lock(path, ModelBusyError, _model_busy_message, database_path):
            with _HELD_GUARD:
                _OWNER[path] = me
            try:
                yield
            finally:
                with _HELD_GUARD:
                    _OWNER.pop(path, None)
    finally:
        turn.release()


@contextlib.contextmanager
def _file_lock(
    path: Path,
    error: type[PhototaggerError],
    busy: Callable[[str, Path], str],
    database_path: Path,
) -> Iterator[None]:
    """Hold the lock on `path` for the block, or raise `error` with busy(holder's pid, library)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with _FORK_GUARD:  # no fork between the open and the child's list of what to close
        fd = os.open(path, os.O_RDWR | os.O_CREAT | getattr(os, "O_BINARY", 0), 0o644)
        _OPEN.add(fd)
    try:
        if not _try_lock(fd):
            raise error(busy(_holder(fd), database_path))
        try:
            os.lseek(fd, 0, os.SEEK_SET)
            os.write(fd, f"{os.getpid():<{_PID_WIDTH}}".encode())
            yield
        finally:
            _unlock(fd)
    finally:
        with _FORK_GUARD:
            _OPEN.discard(fd)
            os.close(fd)


def scan_running(database_path: Path) -> bool:
    """Whether a scan of the library holds its lock now (another phototagger's, say)."""
    try:
        with scan_lock(database_path):
            return False
    except ScanBusyError:
        return True


def _holder(fd: int) -> str:
    """The pid the lock's holder wrote into the file, '' where it cannot be read."""
    try:
        os.lseek(fd, 0, os.SEEK_SET)
        holder = os.read(fd, _PID_WIDTH).decode("ascii", "replace").strip()
    except OSError:
        return ""
    return holder if holder.isdigit() else ""


def _busy_message(holder: str, database_path: Path) -> str:
    who = f" (process {holder})" if holder else ""
    return (
        f"another scan of the library {database_path} is running{who}; "
        "wait for it to finish, or stop it, then scan again"
    )


def _model_busy_message(holder: str, database_path: Path) -> str:
    who = f" (process {holder})" if holder else ""
    return (
        f"the model of the library {database_path} is being trained or switched by another "
        f"phototagger{who}, a command or the desktop app; wait for it to finish, or stop it, "
        "then try again"
    )
