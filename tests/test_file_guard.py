"""Only regular files are read, never past a size cap, hashed as they are read (issue 9.5)."""

from __future__ import annotations

import hashlib
import os
import threading
from pathlib import Path

import pytest
import xxhash

from phototagger.core import errors
from phototagger.core.errors import PhotoError
from phototagger.core.file_guard import legacy_hash, read_photo_file
from phototagger.core.imaging import decode_photo, thumbnail_path
from tests.photo_factory import real_photo


def _decode_within(path: Path, seconds: float = 60) -> PhotoError:
    """decode_photo in a thread: a hang shows as a thread still alive, not a stuck test run."""
    outcome: list[BaseException | object] = []

    def run() -> None:
        try:
            outcome.append(decode_photo(path))
        except BaseException as exc:  # noqa: BLE001 - handed to the test
            outcome.append(exc)

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    thread.join(seconds)
    assert not thread.is_alive(), f"decoding {path.name} hung"
    [result] = outcome
    assert isinstance(result, PhotoError), result
    return result


def test_a_fifo_named_like_a_photo_is_refused_without_blocking(tmp_path: Path) -> None:
    fifo = tmp_path / "x.jpg"
    os.mkfifo(fifo)
    error = _decode_within(fifo)
    assert error.code == errors.UNREADABLE and "not a regular file" in error.message


def test_a_link_to_dev_zero_is_refused(tmp_path: Path) -> None:
    link = tmp_path / "zero.jpg"
    link.symlink_to("/dev/zero")
    error = _decode_within(link)
    assert error.code == errors.UNREADABLE and "link to one" in error.message


def test_a_huge_sparse_file_is_refused_before_it_is_read(tmp_path: Path) -> None:
    big = tmp_path / "big.jpg"
    with open(big, "wb") as f:
        f.truncate(12 * 2**30)  # 12 GB announced, no blocks on disk
    error = _decode_within(big)
    assert error.code == errors.TOO_LARGE and "12,288 MB" in error.message


def test_a_file_over_a_small_cap_is_refused(tmp_path: Path) -> None:
    path = real_photo(tmp_path / "cat.jpg")
    with pytest.raises(PhotoError) as caught:
        read_photo_file(path, max_bytes=path.stat().st_size - 1)
    assert caught.value.code == errors.TOO_LARGE


def test_hashes_are_xxh3_128_with_a_prefix_and_old_ones_still_computable(tmp_path: Path) -> None:
    path = real_photo(tmp_path / "cat.jpg")
    data, content_hash = read_photo_file(path)
    assert data == path.read_bytes()
    assert content_hash == "x3" + xxhash.xxh3_128(data).hexdigest()
    assert legacy_hash(path) == hashlib.blake2b(data, digest_size=16).hexdigest()
    # Thumbnails of both kinds fan out on the hex digits.
    assert thumbnail_path(tmp_path, content_hash).parent.name == content_hash[2:4]
    old = legacy_hash(path)
    assert thumbnail_path(tmp_path, old).parent.name == old[:2]
