"""Photoshop's digest of the IPTC in a TIFF, found byte by byte: exiv2 writes the IPTC (tag
33723) and leaves the digest, in the image resources of tag 34377, as it was. The IPTC is taken
as the tag's whole data, as exiftool and Adobe's XMP toolkit take it. (A DNG has the same
structure, but its keywords go to a sidecar: phototagger never writes into one.)
"""

from __future__ import annotations

from typing import BinaryIO, Literal

from phototagger.core.metadata.jpeg import IptcDigest, photoshop_resources

_IPTC, _IMAGE_RESOURCES = 33723, 34377
_IPTC_NAA_DIGEST = 0x0425
# Bytes a value of each TIFF type takes (BYTE, ASCII, SHORT, LONG, RATIONAL, ... IFD).
_ORDERS: dict[bytes, Literal["little", "big"]] = {b"II": "little", b"MM": "big"}
_TYPE_SIZES = {1: 1, 2: 1, 3: 2, 4: 4, 5: 8, 6: 1, 7: 1, 8: 2, 9: 4, 10: 8, 11: 4, 12: 8, 13: 4}


def _first_ifd_tags(handle: BinaryIO, wanted: set[int]) -> dict[int, tuple[int, int, int]]:
    """The `wanted` tags of the TIFF's first IFD: tag -> (file offset of its data, its length
    in bytes, the size of one of its values); {} for a file that is not a (classic) TIFF."""
    handle.seek(0, 2)
    file_size = handle.tell()
    handle.seek(0)
    head = handle.read(8)
    order = _ORDERS.get(head[:2])
    if order is None or len(head) < 8:
        return {}

    def number(data: bytes) -> int:
        return int.from_bytes(data, order)

    if number(head[2:4]) != 42:
        return {}
    ifd = number(head[4:8])
    handle.seek(ifd)
    count = number(handle.read(2))
    entries = handle.read(12 * count)
    found: dict[int, tuple[int, int, int]] = {}
    for pos in range(0, len(entries) - 11, 12):
        entry = entries[pos : pos + 12]
        tag, kind, values = number(entry[0:2]), number(entry[2:4]), number(entry[4:8])
        if tag not in wanted or kind not in _TYPE_SIZES:
            continue
        length = values * _TYPE_SIZES[kind]
        at = ifd + 2 + pos + 8 if length <= 4 else number(entry[8:12])
        if at + length <= file_size:
            found.setdefault(tag, (at, length, _TYPE_SIZES[kind]))
    return found


def iptc_digest(handle: BinaryIO) -> IptcDigest | None:
    """The TIFF's IPTCDigest, or None where it has none (or no Photoshop resources)."""
    tags = _first_ifd_tags(handle, {_IPTC, _IMAGE_RESOURCES})
    if _IMAGE_RESOURCES not in tags:
        return None
    start, length, _ = tags[_IMAGE_RESOURCES]
    handle.seek(start)
    stream = handle.read(length)
    at, size = photoshop_resources(stream).get(_IPTC_NAA_DIGEST, (0, 0))
    if size != 16:
        return None
    iptc, unit = None, 1
    if _IPTC in tags:
        iptc_start, iptc_length, unit = tags[_IPTC]
        handle.seek(iptc_start)
        iptc = handle.read(iptc_length)
    return IptcDigest(stream[at : at + 16], ((start + at, 16),), iptc, unit)
