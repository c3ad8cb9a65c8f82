"""A whole RAW is never called cut short for what is not its sensor data. The check of a file's
structure (core/decoders/raw.py, data_end) took the end of every strip, tile and JPEG its IFDs
point to, and any IFD its pointers reach: a thumbnail whose length overshoots the end of the
file (as some cameras and programs write it) or a next-IFD pointer into the sensor data made a
whole file 'cut short', shown from its preview with a Problems note telling the user to copy it
again. Now the sensor data (the strips or tiles holding the most bytes) decides; a file cut in
it, or before it, still is cut short.

The real DNG of tests/data (Canon EOS 6D), its header changed as those writers leave it."""

from __future__ import annotations

import struct
from pathlib import Path

from phototagger.core.decoders.raw import data_end
from phototagger.core.imaging import decode_photo
from tests import media_factory as mf

_STRIP_OFFSETS, _STRIP_BYTE_COUNTS = 0x0111, 0x0117


def _ifd0(data: bytes) -> tuple[int, int]:
    """IFD0's offset and its entry count (the DNG is little-endian)."""
    (at,) = struct.unpack_from("<I", data, 4)
    (count,) = struct.unpack_from("<H", data, at)
    return at, count


def _with_thumbnail_last(data: bytes, overshoot: int) -> bytes:
    """The file with its thumbnail (IFD0's strip) copied to its end, as writers that put it
    after the sensor data do, and its length said `overshoot` bytes longer than the file holds
    (a length rounded up to a word, padding not written)."""
    at, count = _ifd0(data)
    entries = {}
    for i in range(count):
        tag, kind, n, value = struct.unpack_from("<HHII", data, at + 2 + 12 * i)
        if tag in (_STRIP_OFFSETS, _STRIP_BYTE_COUNTS):
            assert (kind, n) == (4, 1)
            entries[tag] = (at + 2 + 12 * i + 8, value)
    (offset_at, offset), (length_at, length) = entries[_STRIP_OFFSETS], entries[_STRIP_BYTE_COUNTS]
    out = bytearray(data + data[offset : offset + length])
    struct.pack_into("<I", out, offset_at, len(data))
    struct.pack_into("<I", out, length_at, length + overshoot)
    return bytes(out)


def _with_next_ifd(data: bytes, pointer: int) -> bytes:
    at, count = _ifd0(data)
    (before,) = struct.unpack_from("<I", data, at + 2 + 12 * count)
    assert before == 0
    return data[: at + 2 + 12 * count] + struct.pack("<I", pointer) + data[at + 6 + 12 * count :]


def _into_the_sensor_data(data: bytes) -> int:
    """A place near the end of the sensor data whose two bytes read as an IFD of entries that
    would run past the end of the file."""
    for at in range(len(data) - 200, len(data) - 10_000, -1):
        (count,) = struct.unpack_from("<H", data, at)
        if 0 < count <= 1024 and at + 2 + 12 * count + 4 > len(data):
            return at
    raise AssertionError("no such place")


def test_a_thumbnail_length_past_the_end_leaves_a_whole_raw_whole(tmp_path: Path) -> None:
    data = mf.RAW_DNG.read_bytes()
    whole = _with_thumbnail_last(data, 2)
    assert 0 < data_end(whole, 1224, 816) <= len(whole)
    path = tmp_path / "IMG_0003.DNG"
    path.write_bytes(whole)
    photo = decode_photo(path)
    assert photo.damage is None
    assert (photo.width, photo.height) == (1224, 816)
    # Cut in its sensor data, the same file still is cut short.
    for cut in (len(data) - 2, len(data) - 100_000):
        assert data_end(whole[:cut], 1224, 816) > cut


def test_a_next_ifd_pointer_into_the_sensor_data_leaves_a_whole_raw_whole(
    tmp_path: Path,
) -> None:
    data = mf.RAW_DNG.read_bytes()
    whole = _with_next_ifd(data, _into_the_sensor_data(data))
    assert 0 < data_end(whole, 1224, 816) <= len(whole)
    path = tmp_path / "IMG_0004.DNG"
    path.write_bytes(whole)
    assert decode_photo(path).damage is None
    assert data_end(whole[: len(data) - 2], 1224, 816) > len(data) - 2
