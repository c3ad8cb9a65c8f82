"""A JPEG's metadata segments, read and mended byte by byte where exiv2 does not: an XMP
segment whose name was damaged, and Photoshop's digest of the IPTC (exiv2 writes the IPTC and
leaves the digest as it was).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import IO, BinaryIO

XMP_NAME = b"http://ns.adobe.com/xap/1.0/\0"
# 'XMP\0' over the 'http' of the name: written by some program into 17 of the 1,000
# det-photos (stock photos). exiv2 and Adobe's XMP toolkit skip such a segment, so a write adds
# a second packet beside it; exiftool still reads it (with a warning), and shows its old values.
DAMAGED_XMP_NAME = b"XMP\0://ns.adobe.com/xap/1.0/\0"
_APP1, _APP13 = 0xE1, 0xED
_PHOTOSHOP = b"Photoshop 3.0\0"
_IRB_TYPES = frozenset({b"8BIM", b"PHUT", b"AgHg", b"DCSR", b"MeSa"})
_IPTC_NAA, _IPTC_DIGEST = 0x0404, 0x0425
_FIRST_READ = 64 * 1024


@dataclass(frozen=True)
class Segment:
    marker: int
    start: int  # where its 0xFF is
    end: int  # just after it

    @property
    def data_start(self) -> int:
        return self.start + 4  # after the marker and the length


def segments(handle: IO[bytes], start: int = 0) -> list[Segment]:
    """The marker segments of a JPEG before its image data ([] for a file that is not one);
    `start`: where the JPEG starts in the file (a RAW's embedded one), offsets are the file's."""
    handle.seek(start)
    first = handle.read(_FIRST_READ)  # most photos' segments all start in it: one read
    if first[:2] != b"\xff\xd8":
        return []

    def at(pos: int) -> bytes:
        if pos - start + 4 <= len(first):
            return first[pos - start : pos - start + 4]
        handle.seek(pos)
        return handle.read(4)

    found = []
    pos = start + 2
    while True:
        head = at(pos)
        if len(head) < 2 or head[0] != 0xFF:
            break
        marker = head[1]
        if marker == 0xFF:  # fill byte
            pos += 1
            continue
        if marker == 0x01 or 0xD0 <= marker <= 0xD8:  # no length
            pos += 2
            continue
        if marker in (0xDA, 0xD9) or len(head) < 4:  # the image data (or the end) starts
            break
        length = int.from_bytes(head[2:4], "big")
        if length < 2:
            break
        found.append(Segment(marker, pos, pos + 2 + length))
        pos += 2 + length
    return found


def damaged_xmp(handle: BinaryIO) -> tuple[Segment, bytes] | None:
    """The one XMP segment whose name is exactly the damaged one, and its packet, in a JPEG
    with no XMP segment exiv2 reads (None otherwise: then it is not the photo's XMP)."""
    damaged = []
    for segment in segments(handle):
        if segment.marker != _APP1:
            continue
        handle.seek(segment.data_start)
        name = handle.read(len(XMP_NAME))
        if name == XMP_NAME:
            return None
        if name == DAMAGED_XMP_NAME:
            damaged.append(segment)
    if len(damaged) != 1:
        return None
    segment = damaged[0]
    start = segment.data_start + len(DAMAGED_XMP_NAME)
    handle.seek(start)
    return segment, handle.read(segment.end - start)


def copy_up_to(src: BinaryIO, out: BinaryIO, segment: Segment) -> None:
    """Copy `src` up to `segment` into `out`, and leave `src` just after it."""
    src.seek(0)
    out.write(src.read(segment.start))
    src.seek(segment.end)


@dataclass(frozen=True)
class IptcDigest:
    """Photoshop's IPTCDigest (image resource 0x0425) of a photo and the IPTC beside it."""

    stored: bytes
    places: tuple[tuple[int, int], ...]  # (file offset, length): where its 16 bytes lie
    iptc: bytes | None  # the IPTC-NAA resource's data (None: the file has no IPTC)
    # A TIFF's IPTC tag is a run of values of this many bytes, the last padded with zeros:
    # older Photoshops took the digest without the padding (Adobe's XMP toolkit accepts both).
    unit: int = 1

    @property
    def current(self) -> bool:
        """Whether it is the MD5 of the IPTC: the XMP was in step with it when last written."""
        if self.iptc is None:
            return False
        padding = len(self.iptc) - len(self.iptc.rstrip(b"\0"))
        unpadded = self.iptc[: len(self.iptc) - min(padding, self.unit - 1)]
        return self.stored in {hashlib.md5(self.iptc).digest(), hashlib.md5(unpadded).digest()}


def iptc_digest(handle: BinaryIO) -> IptcDigest | None:
    """The JPEG's IPTCDigest, or None where it has none (or no Photoshop resources)."""
    # Photoshop's resources run on across APP13 segments, each starting with its name.
    chunks: list[tuple[int, bytes]] = []
    for segment in segments(handle):
        if segment.marker != _APP13:
            continue
        handle.seek(segment.data_start)
        data = handle.read(segment.end - segment.data_start)
        if data.startswith(_PHOTOSHOP):
            chunks.append((segment.data_start + len(_PHOTOSHOP), data[len(_PHOTOSHOP) :]))
    stream = b"".join(data for _, data in chunks)
    resources = photoshop_resources(stream)
    if _IPTC_DIGEST not in resources:
        return None
    at, size = resources[_IPTC_DIGEST]
    if size != 16:
        return None
    iptc = resources.get(_IPTC_NAA)
    return IptcDigest(
        stream[at : at + 16],
        _file_places(chunks, at, 16),
        None if iptc is None else stream[iptc[0] : iptc[0] + iptc[1]],
    )


def photoshop_resources(stream: bytes) -> dict[int, tuple[int, int]]:
    """Each Photoshop 8BIM resource's id -> (offset of its data in `stream`, size); the first
    of an id counts, as exiftool and Photoshop read them."""
    found: dict[int, tuple[int, int]] = {}
    pos = 0
    while pos + 12 <= len(stream) and stream[pos : pos + 4] in _IRB_TYPES:
        kind = stream[pos : pos + 4]
        ident = int.from_bytes(stream[pos + 4 : pos + 6], "big")
        name_length = stream[pos + 6]
        at = pos + 6 + ((name_length + 2) & ~1)  # a Pascal string, padded to an even length
        size = int.from_bytes(stream[at : at + 4], "big")
        at += 4
        if at + size > len(stream):
            break
        if kind == b"8BIM":
            found.setdefault(ident, (at, size))
        pos = at + size + (size & 1)
    return found


def _file_places(
    chunks: list[tuple[int, bytes]], at: int, length: int
) -> tuple[tuple[int, int], ...]:
    """Where the bytes at..at+length of the joined `chunks` lie in the file."""
    places = []
    base = 0
    for offset, data in chunks:
        lo, hi = max(at, base), min(at + length, base + len(data))
        if lo < hi:
            places.append((offset + lo - base, hi - lo))
        base += len(data)
    return tuple(places)


def renew_iptc_digest(
    path: Path, read: Callable[[BinaryIO], IptcDigest | None] = iptc_digest
) -> None:
    """Set the photo's IPTCDigest to the MD5 of its IPTC now (in place: same length); `read`:
    where it lies in the file (this JPEG's reader, or the TIFF one in tiff.py)."""
    with open(path, "r+b") as handle:
        digest = read(handle)
        if digest is None or digest.iptc is None:
            return
        new = hashlib.md5(digest.iptc).digest()
        done = 0
        for offset, length in digest.places:
            handle.seek(offset)
            handle.write(new[done : done + length])
            done += length
