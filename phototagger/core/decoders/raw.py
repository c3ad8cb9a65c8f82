"""Camera RAW through LibRaw (rawpy): the camera's own JPEG preview, else a half-size decode.

The preview is what the camera showed and what most viewers show; it decodes in milliseconds,
where demosaicing the sensor data takes a second or more. Files without a usable preview (some
DNGs, damaged previews) fall back to LibRaw's half-size decode, which skips demosaicing by
taking each 2x2 Bayer block as one pixel: a quarter of the pixels, a fraction of the time, and
still far more than the model's 224 px.

LibRaw reads a file cut short (an interrupted card copy) as far as it goes and makes up the
rest: a Panasonic RW2's loader decodes noise without a word, a DNG's lossless JPEG tiles a grey
band. So the file's own structure is asked first whether it holds all the data its header points
to (the strips and tiles of a TIFF-based RAW, a RW2's sensor data from its offset and packing, a
CR3's boxes, a RAF's blocks): reading that from the bytes already in memory takes microseconds.
A file cut short is shown and tagged from its embedded JPEG preview where that is whole, noted in
Problems as cut short; without one it is refused as truncated.
"""

from __future__ import annotations

import io
import struct
from collections.abc import Iterator
from dataclasses import dataclass
from typing import IO, Any

from PIL import Image

from phototagger.core.decoders.partial import RECOPY
from phototagger.core.errors import CORRUPT, TRUNCATED, UNSUPPORTED, PhotoError, ends_early
from phototagger.core.metadata.jpeg import segments

# A preview smaller than this (on its short side) is a thumbnail, too small to tag from.
MIN_PREVIEW_SIDE = 256

# LibRaw's `flip` (rotation it would apply) as the EXIF orientation of the unrotated pixels.
_FLIP_TO_ORIENTATION = {0: 1, 3: 3, 5: 8, 6: 6}
_EXIF_IFD = 0x8769
# How the note of a RAW cut short shown from its preview begins (Problems heads it so).
FROM_PREVIEW = "shown from its embedded preview"


@dataclass(frozen=True)
class RawPicture:
    data: bytes  # an image file Pillow opens: the preview JPEG, or the half-size decode as BMP
    orientation: int  # EXIF orientation that displays `data` upright
    exif: Image.Exif | None  # the RAW's own EXIF (dates): see _header_exif
    source: str  # "preview" or "half-size decode"
    size: tuple[int, int]  # the photo's own size, upright: the sensor's, not the preview's
    damage: PhotoError | None = None  # a file cut short, shown from its preview: a note


def open_raw(data: bytes) -> RawPicture:
    """The picture inside a RAW file's bytes; raises PhotoError for a file LibRaw cannot use."""
    import rawpy

    try:
        raw = rawpy.imread(io.BytesIO(data))
    except rawpy.LibRawFileUnsupportedError:
        raise PhotoError(
            UNSUPPORTED,
            "LibRaw does not recognise this RAW file (a camera newer than LibRaw 0.22, or not a "
            "RAW file at all)",
        ) from None
    except (rawpy.LibRawError, OSError) as exc:
        raise _damaged(exc) from None
    with raw:
        exif = _header_exif(io.BytesIO(data))
        orientation, size = _upright(raw)
        cut = data_end(data, raw.sizes.raw_width, raw.sizes.raw_height) > len(data)
        preview = _preview(raw)
        if preview is not None:
            note = _shown_from_preview() if cut else None
            return RawPicture(preview, orientation, exif, "preview", size, note)
        if cut:
            raise PhotoError(
                TRUNCATED,
                "RAW data is truncated: the file stops before the end of its sensor data, and "
                f"it holds no whole preview to show instead (the file is incomplete; {RECOPY})",
            )
        try:
            # LibRaw rotates the decoded pixels itself, so no orientation is left to apply.
            pixels = raw.postprocess(half_size=True, use_camera_wb=True, output_bps=8)
        except (rawpy.LibRawError, OSError, ValueError) as exc:
            raise _damaged(exc) from None
    buf = io.BytesIO()
    # BMP: uncompressed, so the hand-over to the shared pipeline costs one copy, no encoding.
    Image.fromarray(pixels).save(buf, "BMP")
    return RawPicture(buf.getvalue(), 1, exif, "half-size decode", size)


@dataclass(frozen=True)
class RawHeader:
    """What open_raw will find in a RAW file (but for a picture LibRaw must decode itself:
    orientation 1 then), read from its header without the sensor data or the preview."""

    orientation: int
    size: tuple[int, int]
    exif: Image.Exif | None


def read_header(path: str) -> RawHeader | None:
    """The header alone: LibRaw's parse of it (no unpack: 0.35 ms for a DNG, where rawpy's
    `other.timestamp` unpacks the sensor data first, 12 ms) and the EXIF (0.9 ms). None
    where LibRaw cannot open it, or for a name that is not UTF-8 (rawpy passes names as UTF-8):
    the decode fills them in, or says what is wrong."""
    import rawpy

    raw = rawpy.RawPy()
    try:
        raw.open_file(path)
        orientation, size = _upright(raw)
        # Unbuffered: Pillow seeks from tag to tag, and each seek threw away an 8 KB buffer
        # (a DNG's EXIF read 910 KB so, 135 KB unbuffered).
        with open(path, "rb", buffering=0) as f:
            exif = _header_exif(f)
    except Exception:  # noqa: BLE001 - whatever LibRaw says, the decode says it well
        return None
    finally:
        raw.close()
    return RawHeader(orientation, size, exif)


def _upright(raw: Any) -> tuple[int, tuple[int, int]]:
    """(EXIF orientation, upright size) from LibRaw's `flip` and sensor size."""
    orientation = _FLIP_TO_ORIENTATION.get(raw.sizes.flip, 1)
    width, height = raw.sizes.width, raw.sizes.height
    return orientation, ((height, width) if orientation >= 5 else (width, height))


def _preview(raw: object) -> bytes | None:
    """The embedded JPEG preview if it exists, opens, and is large enough to tag from."""
    import rawpy

    try:
        thumb = raw.extract_thumb()  # type: ignore[attr-defined]
    except (rawpy.LibRawError, OSError):
        return None  # no preview, or one in a format LibRaw cannot hand out
    if thumb.format != rawpy.ThumbFormat.JPEG:
        return None  # a bitmap preview is tiny (old cameras); the half-size decode is better
    jpeg = bytes(thumb.data)
    try:
        with Image.open(io.BytesIO(jpeg), formats=("JPEG",)) as im:
            if min(im.size) < MIN_PREVIEW_SIDE:
                return None
            im.load()  # a damaged preview must fall back now, not fail later in the pipeline
    except Exception:
        return None
    return jpeg


def _header_exif(f: IO[bytes]) -> Image.Exif | None:
    """The RAW's EXIF (its dates) from its header, in each container's own place: the TIFF
    structure most formats use (DNG, CR2, NEF, ARW, PEF...), the same under a magic number of
    its own (ORF, RW2, RWL), a CR3's CMT boxes, a RAF's embedded JPEG. None for other
    containers, or a header that is cut short or damaged: the photo is then undated, and the
    decode says what is wrong with the file."""
    head = f.read(16)
    f.seek(0)
    try:
        if head.startswith((b"II*\x00", b"MM\x00*")):
            return _tiff_exif(f)
        if head.startswith(_OWN_MAGIC):
            return _own_magic_exif(f, head)
        if head[4:12] == b"ftypcrx ":
            return _cr3_exif(f)
        if head == b"FUJIFILMCCD-RAW ":
            return _raf_exif(f)
    except Exception:
        return None
    return None


def _tiff_exif(f: IO[bytes]) -> Image.Exif:
    """EXIF as Pillow reads a TIFF's; its Exif IFD (the dates) read now, so `f` may close."""
    exif = Image.Exif()
    exif.load_from_fp(f)
    exif.get_ifd(_EXIF_IFD)
    return exif


# Olympus's ORF (`IIRO`, `IIRS`, `MMOR`) and Panasonic's RW2 and Leica's RWL (`IIU\x00`): a TIFF
# structure under a magic number of its own where a TIFF has 42, which Pillow refuses.
_OWN_MAGIC = (b"IIRO", b"IIRS", b"MMOR", b"IIU\x00")
_DATETIME = 0x0132
_ASCII = 2
# Bytes per value of each TIFF type (BYTE, ASCII, SHORT, LONG, RATIONAL, ... IFD).
_TYPE_SIZE = {1: 1, 2: 1, 3: 2, 4: 4, 5: 8, 6: 1, 7: 1, 8: 2, 9: 4, 10: 8, 11: 4, 12: 8, 13: 4}
_MAX_ENTRIES = 1024


def _own_magic_exif(f: IO[bytes], head: bytes) -> Image.Exif:
    """An ORF's or a RW2's EXIF (the dates): IFD0's DateTime and Exif IFD pointer read here,
    the Exif IFD by Pillow, told the byte order and where it is (no magic number to check then).
    Pillow would read IFD0 only with every value in it, and a RW2's holds the camera's JPEG (a
    megabyte or more): 8 ms for 1.4 MB, where the dates alone take 0.5."""
    endian = "<" if head.startswith(b"II") else ">"
    end = f.seek(0, io.SEEK_END)
    exif = Image.Exif()
    exif.endian = endian
    for tag, kind, count, value in _ifd(f, endian, struct.unpack(endian + "I", head[4:8])[0]):
        (offset,) = struct.unpack(endian + "I", value)
        if tag == _EXIF_IFD:
            for entry in _ifd(f, endian, offset):
                _value_fits(entry, endian, end)  # cut short: no date rather than ModifyDate's
            exif_ifd = Image.Exif()
            exif_ifd.endian = endian
            exif_ifd.load_from_fp(f, offset)
            exif.get_ifd(_EXIF_IFD).update(exif_ifd)
        elif tag == _DATETIME and kind == _ASCII and 4 < count <= 64:
            exif[_DATETIME] = _read(f, offset, offset + count).decode("ascii", "replace")
    return exif


def _ifd(f: IO[bytes], endian: str, at: int) -> list[tuple[int, int, int, bytes]]:
    """(tag, type, count, value or its offset) of each entry of the IFD at `at`; raises
    ValueError where the IFD is cut short or damaged."""
    f.seek(at)
    (count,) = struct.unpack(endian + "H", f.read(2))
    table = f.read(12 * count) if count <= _MAX_ENTRIES else b""
    if len(table) != 12 * count:
        raise ValueError(f"IFD of {count} entries at {at} cut short or damaged")
    return [struct.unpack_from(endian + "HHI4s", table, 12 * i) for i in range(count)]


def _value_fits(entry: tuple[int, int, int, bytes], endian: str, end: int) -> None:
    tag, kind, count, value = entry
    size = count * _TYPE_SIZE.get(kind, 0)
    if size > 4 and struct.unpack(endian + "I", value)[0] + size > end:
        raise ValueError(f"the value of tag {tag:#06x} runs past the end of the file")


# Canon's CR3 (ISO base media, as an MP4) keeps its EXIF in a box of its own inside `moov`, as
# TIFF structures: CMT1 the main IFD (ModifyDate), CMT2 the Exif IFD (DateTimeOriginal).
_CANON_UUID = bytes.fromhex("85c0b687820f11e08111f4ce462b6a48")
_MAX_EXIF = 1 << 20  # a box or a JPEG segment larger than this is no EXIF: damaged
_MAX_BOXES = 64


def _cr3_exif(f: IO[bytes]) -> Image.Exif | None:
    end = f.seek(0, io.SEEK_END)
    moov = next((box for box in _boxes(f, 0, end) if box[0] == b"moov"), None)
    if moov is None:
        return None
    canon = None
    for kind, start, stop in _boxes(f, moov[1], moov[2]):
        f.seek(start)
        if kind == b"uuid" and f.read(16) == _CANON_UUID:
            canon = start + 16, stop
            break
    if canon is None:
        return None
    tiffs = {kind: _read(f, start, stop) for kind, start, stop in _boxes(f, *canon)}
    if b"CMT1" not in tiffs:
        return None
    exif = Image.Exif()
    exif.load(tiffs[b"CMT1"])
    if b"CMT2" in tiffs:
        exif_ifd = Image.Exif()
        exif_ifd.load(tiffs[b"CMT2"])
        # The Exif IFD stands in its own box, not at an offset within CMT1's TIFF.
        exif.get_ifd(_EXIF_IFD).update(exif_ifd)
    return exif


def _boxes(f: IO[bytes], at: int, end: int) -> Iterator[tuple[bytes, int, int]]:
    """(kind, payload start, payload end) of each ISO-BMFF box from `at` to `end`; raises
    ValueError for one that runs past `end` (a file cut short) or cannot be (a damaged one)."""
    for _ in range(_MAX_BOXES):
        if at + 8 > end:
            return
        f.seek(at)
        size, kind = struct.unpack(">I4s", f.read(8))
        start = at + 8
        if size == 1:  # a 64-bit size follows
            (size,) = struct.unpack(">Q", f.read(8))
            start += 8
        elif size == 0:  # to the end of the file
            size = end - at
        if size < start - at or at + size > end:
            raise ValueError(f"box {kind!r} of {size} bytes at {at} does not fit")
        yield kind, start, at + size
        at += size


def _read(f: IO[bytes], start: int, stop: int) -> bytes:
    if stop - start > _MAX_EXIF:
        raise ValueError(f"{stop - start} bytes of EXIF at {start}")
    f.seek(start)
    data = f.read(stop - start)
    if len(data) != stop - start:
        raise ValueError(f"EXIF at {start} cut short")
    return data


def _raf_exif(f: IO[bytes]) -> Image.Exif | None:
    """A RAF's EXIF: in the APP1 segment of the JPEG whose offset its header gives (at 84)."""
    f.seek(84)
    (jpeg,) = struct.unpack(">I", f.read(4))
    for segment in segments(f, jpeg):
        if segment.marker == 0xE1:
            data = _read(f, segment.data_start, segment.end)
            if data.startswith(b"Exif\x00\x00"):
                exif = Image.Exif()
                exif.load(data)
                exif.get_ifd(_EXIF_IFD)
                return exif
    return None


def _shown_from_preview() -> PhotoError:
    return PhotoError(
        TRUNCATED,
        f"{FROM_PREVIEW}; the raw data is cut short (the file is incomplete, and its tags come "
        f"from the preview; {RECOPY})",
    )


def data_end(data: bytes, raw_width: int, raw_height: int) -> int:
    """Where the data a RAW file's header points to ends (its sensor data, previews), as far as
    its container says it (0 where it does not, or the header cannot be read): a file shorter
    than that was cut short. `raw_width` and `raw_height`: LibRaw's sensor size, which gives a
    RW2's packed sensor data its length."""
    head = data[:16]
    try:
        if head.startswith((b"II*\x00", b"MM\x00*", b"IIRO", b"IIRS", b"MMOR")):
            endian = "<" if head.startswith(b"II") else ">"
            return _tiff_data_end(data, endian, struct.unpack(endian + "I", head[4:8])[0])
        if head.startswith(b"IIU\x00"):
            return _rw2_data_end(data, raw_width, raw_height)
        if head[4:12] == b"ftypcrx ":
            return _boxes_end(data)
        if head == b"FUJIFILMCCD-RAW ":
            # The JPEG's offset and length (at 84), then the CFA header's and the CFA's (at 100).
            jpeg, jpeg_size, _, _, cfa, cfa_size = struct.unpack_from(">6I", data, 84)
            return max(jpeg + jpeg_size, cfa + cfa_size)
    except (struct.error, ValueError):
        return 0  # a header damaged: LibRaw says what is wrong
    return 0


# The (offsets, byte counts) tag pairs of a TIFF's data: strips, tiles, a JPEG in an IFD.
_DATA_TAGS = ((0x0111, 0x0117), (0x0144, 0x0145), (0x0201, 0x0202))
_SUB_IFDS = 0x014A
_WANTED = frozenset({_SUB_IFDS, *(tag for pair in _DATA_TAGS for tag in pair)})
_INTEGERS = {3: "H", 4: "I", 13: "I"}  # SHORT, LONG, IFD
_MAX_IFDS = 32
_MAX_VALUES = 1 << 16


def _tiff_data_end(data: bytes, endian: str, first: int) -> int:
    """The end of a TIFF structure's sensor data: of the strips, tiles or JPEG that hold the most
    bytes among those its IFDs point to (IFD0 and those chained after it, a CR2's sensor data in
    its fourth, and their SubIFDs, a NEF's, an ARW's, a DNG's). Past the end of the file where
    the file is cut short in it or before it. A whole file is never called cut short for what
    is not its sensor data: a preview's or a thumbnail's length that overshoots the end (some
    cameras and programs write one), an entry of no bytes, or a pointer to no IFD (a next-IFD
    pointer into the sensor data, as some cameras write); an IFD or values that run past the
    end say nothing either way (LibRaw says what is wrong)."""
    best, end = 0, 0
    todo, seen = [first], set[int]()
    while todo and len(seen) < _MAX_IFDS:
        at = todo.pop()
        if at in seen or not at:
            continue
        seen.add(at)
        if at + 2 > len(data):
            continue
        (count,) = struct.unpack_from(endian + "H", data, at)
        if count > _MAX_ENTRIES or at + 2 + 12 * count + 4 > len(data):
            continue
        values = {}
        for i in range(count):
            tag, kind, n, value = struct.unpack_from(endian + "HHI4s", data, at + 2 + 12 * i)
            if tag in _WANTED and kind in _INTEGERS and 0 < n <= _MAX_VALUES:
                values[tag] = _integers(data, endian, _INTEGERS[kind], n, value)
        for offsets_tag, counts_tag in _DATA_TAGS:
            pairs = [
                (o, c)
                for o, c in zip(
                    values.get(offsets_tag, ()), values.get(counts_tag, ()), strict=False
                )
                if c
            ]
            total = sum(c for _, c in pairs)
            if total > best:
                best, end = total, max(o + c for o, c in pairs)
        todo.extend(values.get(_SUB_IFDS, ()))
        (following,) = struct.unpack_from(endian + "I", data, at + 2 + 12 * count)
        todo.append(following)
    return end


def _integers(data: bytes, endian: str, kind: str, n: int, value: bytes) -> tuple[int, ...]:
    """An entry's SHORT or LONG values: in its value field where they fit, else at its
    offset (none where they would run past the end of the file)."""
    size = struct.calcsize(kind) * n
    if size <= 4:
        return struct.unpack_from(f"{endian}{n}{kind}", value)
    (at,) = struct.unpack(endian + "I", value)
    if at + size > len(data):
        return ()
    return struct.unpack_from(f"{endian}{n}{kind}", data, at)


# Panasonic's RW2 (Leica's RWL): IFD0 gives the sensor data's offset (RawDataOffset), its
# packing (RawFormat) and bits per pixel; its StripByteCounts is the unpacked size (2 bytes a
# pixel), not what the file holds. LibRaw's loaders read 16-byte blocks of pixels of one row:
# 14 pixels a block in RawFormat 1 to 4 (most cameras), 10 (12 bits) or 9 (14 bits) in 5 and
# 7, 14 or 11 in 6. The fewest bytes any of these can take is the length asked of the file.
_RW2_OFFSET, _RW2_FORMAT, _RW2_BITS = 0x0118, 0x002D, 0x000A
_RW2_PIXELS_PER_BLOCK = {5: (10, 9), 6: (14, 14), 7: (10, 9)}


def _rw2_data_end(data: bytes, raw_width: int, raw_height: int) -> int:
    (first,) = struct.unpack_from("<I", data, 4)
    tags = {tag: value for tag, _, _, value in _ifd(io.BytesIO(data), "<", first)}
    if _RW2_OFFSET not in tags or not raw_width or not raw_height:
        return 0
    (offset,) = struct.unpack("<I", tags[_RW2_OFFSET])
    (encoding,) = struct.unpack_from("<H", tags.get(_RW2_FORMAT, b"\x04\x00"))
    (bits,) = struct.unpack_from("<H", tags.get(_RW2_BITS, b"\x0c\x00"))
    if encoding > 7:
        return 0  # RawFormat 8 (GH6, S5 II): LibRaw checks its stripes against the file itself
    twelve, more = _RW2_PIXELS_PER_BLOCK.get(encoding, (14, 14))
    per_block = twelve if bits <= 12 else more
    return offset + raw_height * (raw_width // per_block) * 16


def _boxes_end(data: bytes) -> int:
    """Where a CR3's last top-level box ends (its sensor data is in `mdat`)."""
    at = 0
    for _ in range(_MAX_BOXES):
        if at + 8 > len(data):
            break
        size, _ = struct.unpack_from(">I4s", data, at)
        if size == 1:
            (size,) = struct.unpack_from(">Q", data, at + 8)
        elif size == 0:  # to the end of the file
            return len(data)
        if size < 8:
            return 0  # damaged, not cut short
        at += size
    return at


def _damaged(exc: BaseException) -> PhotoError:
    import rawpy

    detail = exc.args[0] if exc.args else ""
    if isinstance(detail, bytes):  # rawpy passes LibRaw's C message through as bytes
        detail = detail.decode("utf-8", "replace")
    detail = str(detail) or type(exc).__name__
    # LibRaw reports reading past the end of the data as an I/O error.
    if isinstance(exc, rawpy.LibRawIOError) or "eof" in detail.lower():
        return PhotoError(
            TRUNCATED,
            ends_early("RAW"),
        )
    return PhotoError(
        CORRUPT,
        f"RAW data is damaged and cannot be decoded ({detail}); re-copy it from the camera or a "
        "backup if you have one",
    )
