"""Reading a user's file safely: only regular files, never more than a cap, hashed as it is read.

A name ending in .jpg can be a FIFO (opening it blocks forever), a link to /dev/zero (reading
never ends) or a 12 GB sparse file: the type and size are checked on the open descriptor, before
a byte is read, and the read stops at the cap even if the file grows meanwhile.

Content hashes are XXH3-128, streamed in chunks. They serve change detection (with size and
mtime) and matching a moved file to its old row (with its size): a non-cryptographic hash is
enough there, because the files are the user's own, an accidental collision among a million
photos has odds near 1e-27, and a forged one could at worst re-attach labels to a look-alike
file (never run code or drop data: a move merges decisions, it does not delete them). XXH3
reads at memory speed, where BLAKE2b cost 1-2 ms per MB on the scan's critical path.
Libraries hash with BLAKE2b before: those 32-hex-digit hashes stay valid (legacy_hash
recomputes one on demand to recognise an old photo that moved); new ones carry an "x3" prefix.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import os
import stat
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

import xxhash

from phototagger.core.decode_budget import FILE_BUDGET_BYTES, MemoryBudget
from phototagger.core.errors import (
    EMPTY,
    EMPTY_FILE,
    LINK_LOOP,
    NOT_REGULAR,
    TOO_LARGE,
    UNREADABLE,
    VANISHED,
    PhotoError,
)

# Far above a photo one can decode within the pixel budget (decode_budget.py), far below what
# would exhaust memory.
MAX_FILE_BYTES = FILE_BUDGET_BYTES - 1
XXH3_PREFIX = "x3"
_CHUNK = 1 << 20
_RECOPY = "re-copy it from the camera or a backup if you have one"


def content_hash_of(data: bytes) -> str:
    """The library's content hash of bytes already in memory (chunked like a streamed file)."""
    digest = xxhash.xxh3_128()
    view = memoryview(data)
    for start in range(0, len(view), _CHUNK):
        digest.update(view[start : start + _CHUNK])
    return XXH3_PREFIX + digest.hexdigest()


def is_legacy_hash(content_hash: str | None) -> bool:
    """A BLAKE2b hash from a library made before XXH3: 32 hex digits, no prefix."""
    return content_hash is not None and not content_hash.startswith(XXH3_PREFIX)


def hash_digits(content_hash: str) -> str:
    """The hex digits of a content hash of either kind (thumbnail file names fan out on them)."""
    return content_hash.removeprefix(XXH3_PREFIX)


def read_photo_file(path: str | Path, max_bytes: int = MAX_FILE_BYTES) -> tuple[bytes, str]:
    """(the file's bytes, their content hash); raises PhotoError for anything but a regular,
    non-empty file of at most `max_bytes`."""
    with held_photo_file(path, None, max_bytes) as read:
        return read


@contextlib.contextmanager
def held_photo_file(
    path: str | Path, budget: MemoryBudget | None, max_bytes: int = MAX_FILE_BYTES
) -> Iterator[tuple[bytes, str]]:
    """read_photo_file, with the file's size reserved from `budget` before a byte is read and
    for as long as the block holds the bytes."""
    fd = _open(path)
    try:
        size = _checked_size(fd, max_bytes)
        with budget.reserve(size + 1) if budget else contextlib.nullcontext():
            data = _read(fd, size, max_bytes)
            os.close(fd)
            fd = -1
            yield data, content_hash_of(data)
    finally:
        if fd >= 0:
            os.close(fd)


@contextlib.contextmanager
def opened_photo_file(path: str | Path) -> Iterator[BinaryIO]:
    """The file open for reading, checked as held_photo_file checks it (a regular file within
    the cap) but not read: for a caller that needs its header only."""
    fd = _open(path)
    try:
        _checked_size(fd, MAX_FILE_BYTES)
    except BaseException:
        os.close(fd)
        raise
    with os.fdopen(fd, "rb") as f:
        yield f


def _read(fd: int, size: int, max_bytes: int) -> bytes:
    try:
        with os.fdopen(os.dup(fd), "rb", buffering=0) as f:
            # One allocation of the announced size plus a byte, which tells if it grew.
            data = f.read(size + 1)
    except MemoryError:
        raise PhotoError(TOO_LARGE, "the file is too large to load into memory") from None
    except OSError as exc:
        raise _os_error(exc) from None
    if len(data) > max_bytes:
        raise _too_large(len(data), max_bytes)
    if len(data) > size:
        raise PhotoError(
            UNREADABLE,
            "the file grew while it was read (is it still being "
            "copied?); scan again once it is complete",
        )
    if not data:
        raise PhotoError(EMPTY, EMPTY_FILE)
    return data


def hash_file(path: str | Path) -> tuple[str, int]:
    """(content hash, size) of a regular file of any size, streamed: a clip can be larger than
    memory, and is decoded from its path rather than from bytes held here."""
    fd = _open(path)
    try:
        _checked_size(fd, 1 << 62)
        digest = xxhash.xxh3_128()
        size = 0
        while chunk := os.read(fd, _CHUNK):
            size += len(chunk)
            digest.update(chunk)
    except OSError as exc:
        raise _os_error(exc) from None
    finally:
        os.close(fd)
    if size == 0:
        raise PhotoError(EMPTY, EMPTY_FILE)
    return XXH3_PREFIX + digest.hexdigest(), size


def legacy_hash(path: str | Path, max_bytes: int = MAX_FILE_BYTES) -> str:
    """The BLAKE2b content hash older libraries stored, streamed from the file in chunks."""
    fd = _open(path)
    try:
        _checked_size(fd, max_bytes)
        digest = hashlib.blake2b(digest_size=16)
        read = 0
        while chunk := os.read(fd, _CHUNK):
            read += len(chunk)
            if read > max_bytes:
                raise _too_large(read, max_bytes)
            digest.update(chunk)
    except OSError as exc:
        raise _os_error(exc) from None
    finally:
        os.close(fd)
    return digest.hexdigest()


def _open(path: str | Path) -> int:
    # O_NONBLOCK: opening a FIFO with no writer returns at once instead of blocking; it has no
    # effect on regular files. O_NOCTTY: a terminal device never becomes ours.
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
    try:
        return os.open(path, flags | getattr(os, "O_CLOEXEC", 0))
    except OSError as exc:
        raise _os_error(exc) from None


def _checked_size(fd: int, max_bytes: int) -> int:
    st = os.fstat(fd)
    if stat.S_ISDIR(st.st_mode):
        raise PhotoError(UNREADABLE, "this is a folder, not a photo file")
    if not stat.S_ISREG(st.st_mode):
        raise PhotoError(UNREADABLE, NOT_REGULAR)
    if st.st_size > max_bytes:
        raise _too_large(st.st_size, max_bytes)
    return st.st_size


def _too_large(size: int, max_bytes: int) -> PhotoError:
    return PhotoError(
        TOO_LARGE,
        f"the file is {size / 2**20:,.0f} MB, over the limit of {max_bytes / 2**20:,.0f} MB "
        "for one photo, and is left out: save a smaller copy of it (a JPEG) to have that tagged",
    )


# A photo's file gone since the library listed it, as a scan, the viewer, the details panel and
# the app's file actions (gui/file_gone.py) say it: no "during the scan".
GONE_WORDS = "no longer there (it was moved or deleted)"


def _os_error(exc: OSError) -> PhotoError:
    if isinstance(exc, FileNotFoundError):
        return PhotoError(VANISHED, f"the file is {GONE_WORDS}")
    if isinstance(exc, IsADirectoryError):
        return PhotoError(UNREADABLE, "this is a folder, not a photo file")
    if isinstance(exc, PermissionError):
        return PhotoError(
            UNREADABLE,
            "phototagger is not allowed to read this file: check its permissions or owner "
            "(permission denied)",
        )
    if exc.errno == errno.ELOOP:  # "too many levels of symbolic links": no failing disk
        return PhotoError(UNREADABLE, LINK_LOOP)
    reason = exc.strerror or str(exc)
    return PhotoError(
        UNREADABLE,
        f"the file could not be read ({reason}); the disk, card or network share may be failing",
    )
