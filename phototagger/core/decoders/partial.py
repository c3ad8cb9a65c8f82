"""A JPEG or PNG cut short (an interrupted copy, a card pulled out too soon): the part that is
there.

digiKam shows such a file with its missing lower part grey; refusing it left the user nothing.
libjpeg fills what the file no longer holds with mid-grey (128 in every band), so the rows that
are there are those above the last run of all-grey rows. Pillow leaves a PNG's missing rows
zero (black, or transparent), which a dark photo's own rows can be too: a PNG's rows there are
counted from its compressed data instead (each whole row the file holds is one Pillow decodes),
and the rows below are painted grey (imaging.py), as a JPEG's are. The tagger is shown only the
rows there (the grey would be tagged too), the thumbnail the whole frame, so the user sees what
is missing.

A WebP cut short stays refused: Pillow's WebP decoder decodes a whole file or nothing (libwebp's
incremental decoder is not reachable through it), whatever LOAD_TRUNCATED_IMAGES says. It is
said to be truncated (riff_cut_short), not "damaged … (could not create decoder object)".
"""

from __future__ import annotations

import contextlib
import struct
import threading
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import numpy as np
from PIL import Image, ImageFile

from phototagger.core.errors import TRUNCATED, PhotoError

# Under half the picture, the tags would speak of a strip of it (a sky, a ceiling): the file is
# refused as before, and listed in Problems.
MIN_VISIBLE = 0.5
_FILL = 128
GREY = (_FILL, _FILL, _FILL)  # the missing part, in an RGB picture
RECOPY = "re-copy it from the camera or a backup if you have one"


class _PerThread(threading.local):
    """Pillow's LOAD_TRUNCATED_IMAGES as read by one thread: true only inside allowed()."""

    allowed = False

    def __bool__(self) -> bool:
        return self.allowed


_FLAG = _PerThread()
_INSTALL = threading.Lock()
_inside = 0  # decodes now inside _truncated_allowed (under _INSTALL)


@contextlib.contextmanager
def _truncated_allowed() -> Iterator[None]:
    """Let Pillow load a truncated file in this thread only, for this decode: decodes run on
    several threads at once, and a global True would let another thread's damaged PNG pass as
    whole. Pillow's switch is a per-thread flag while any such decode runs, False again after
    the last (left alone if the application set it otherwise)."""
    global _inside
    with _INSTALL:
        if _inside == 0 and ImageFile.LOAD_TRUNCATED_IMAGES is False:
            setattr(ImageFile, "LOAD_TRUNCATED_IMAGES", _FLAG)  # noqa: B010 (typed bool)
        _inside += 1
    _FLAG.allowed = True
    try:
        yield
    finally:
        _FLAG.allowed = False
        with _INSTALL:
            _inside -= 1
            if _inside == 0 and ImageFile.LOAD_TRUNCATED_IMAGES is _FLAG:
                setattr(ImageFile, "LOAD_TRUNCATED_IMAGES", False)  # noqa: B010


@dataclass(frozen=True)
class Cut:
    """How much of a truncated picture its file still holds (in decoded rows)."""

    rows: int
    height: int
    grey_below: bool = False  # the rows below `rows` are still to be painted grey (a PNG's)

    @property
    def percent(self) -> int:
        return int(100 * self.rows / self.height)

    def note(self) -> PhotoError:
        return PhotoError(
            TRUNCATED,
            f"the lower part is missing: the file is truncated ({self.percent} % of the picture "
            f"is there, and its tags come from that part); {RECOPY}",
        )


def is_truncation(im: Image.Image, exc: BaseException, data: bytes) -> bool:
    """Whether a load failed only because the file stops short, in a format whose part there is
    can be shown: a JPEG, or a PNG whose rows are stored top to bottom (an interlaced PNG holds
    a coarse whole picture first, not its upper rows: refused as before)."""
    if "truncated" not in str(exc).lower():
        return False
    return im.format == "JPEG" or (im.format == "PNG" and _png_layout(data) is not None)


def load_rest(im: Image.Image, data: bytes) -> Cut:
    """Load a JPEG or PNG whose load just failed as truncated (`data`: the file's bytes), with
    what it holds; refuse it (PhotoError) when under MIN_VISIBLE of the picture is there."""
    with _truncated_allowed():
        im.load()
    height = im.size[1]
    if im.format == "PNG":
        cut = Cut(min(_png_rows_there(data), height), height, grey_below=True)
    else:
        cut = Cut(_rows_there(im), height)
    if cut.rows < MIN_VISIBLE * height:
        raise PhotoError(
            TRUNCATED,
            f"{im.format} data is truncated: only {cut.percent} % of the picture is there, too "
            f"little to tag (the file is incomplete; {RECOPY})",
        )
    return cut


def _rows_there(im: Image.Image) -> int:
    pixels = np.asarray(im)
    grey = (pixels == _FILL).reshape(len(pixels), -1).all(axis=1)
    filled = np.flatnonzero(~grey)
    return int(filled[-1]) + 1 if filled.size else 0


# PNG: bands per pixel of each colour type (greyscale, RGB, palette, grey + alpha, RGBA)
_PNG_BANDS = {0: 1, 2: 3, 3: 1, 4: 2, 6: 4}
_PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def _png_layout(data: bytes) -> int | None:
    """Bytes per stored row of a PNG stored top to bottom (its filter byte included); None for
    an interlaced one, or a header this cannot read."""
    if not data.startswith(_PNG_SIGNATURE) or data[12:16] != b"IHDR" or len(data) < 29:
        return None
    width, _, depth, colour, _, _, interlace = struct.unpack(">IIBBBBB", data[16:29])
    if interlace != 0 or colour not in _PNG_BANDS:
        return None
    return 1 + (width * _PNG_BANDS[colour] * depth + 7) // 8


def _png_rows_there(data: bytes) -> int:
    """How many whole rows a PNG cut short still holds: its image data (IDAT chunks, the last
    one perhaps cut) inflated as far as it goes, in stored rows. These are the rows Pillow
    decodes; it leaves the others zero."""
    row_bytes = _png_layout(data)
    if row_bytes is None:
        return 0
    inflate = zlib.decompressobj()
    inflated = 0
    at = len(_PNG_SIGNATURE)
    while at + 8 <= len(data):
        length, kind = struct.unpack(">I4s", data[at : at + 8])
        if kind == b"IDAT":
            try:
                inflated += _inflated_size(inflate, data[at + 8 : at + 8 + length])
            except zlib.error:  # damaged past this point: the rows inflated so far are there
                break
        at += 12 + length
    return inflated // row_bytes


def _inflated_size(inflate: Any, compressed: bytes, piece: int = 1 << 20) -> int:
    """How many bytes `compressed` inflates to, a MiB at a time (only the count is kept: one
    IDAT chunk can hold a whole large picture)."""
    size = 0
    while compressed:
        size += len(inflate.decompress(compressed, piece))
        compressed = inflate.unconsumed_tail
    return size


def riff_cut_short(data: bytes) -> bool:
    """A WebP whose RIFF header promises more bytes than the file holds: one cut short."""
    if data[:4] != b"RIFF" or data[8:12] != b"WEBP":
        return False
    return len(data) < 8 + int.from_bytes(data[4:8], "little")
