"""A JPEG, PNG or WebP cut short (an interrupted copy, a card pulled out too soon): the part
that is there.

digiKam shows such a file with its missing lower part grey; refusing it left the user nothing.
libjpeg fills what the file no longer holds with mid-grey (128 in every band), so the rows that
are there are those above the last run of all-grey rows. Pillow leaves a PNG's missing rows
zero (black, or transparent), which a dark photo's own rows can be too: a PNG's rows there are
counted from its compressed data instead (each whole row the file holds is one Pillow decodes),
and the rows below are painted grey (imaging.py), as a JPEG's are. The tagger is shown only the
rows there (the grey would be tagged too), the thumbnail the whole frame, so the user sees what
is missing.

An interlaced (Adam7) PNG stores its picture in seven passes, each finer than the last: its
first half holds a coarse whole picture, not its upper rows. Once the sixth pass is there, so
is every other row (all the even ones, in full): the odd rows the seventh pass had not reached
are filled in from the rows above and below, and the whole frame is shown and tagged. Cut
before that, under half of the picture is there, and it is refused as a baseline PNG would be.

Pillow's WebP decoder decodes a whole file or nothing (libwebp's incremental decoder is not
reachable through it), whatever LOAD_TRUNCATED_IMAGES says, and FFmpeg's WebP demuxer refuses a
cut RIFF. A lossy WebP's picture is one VP8 key frame, though, whose macroblock rows follow each
other in its data: FFmpeg's VP8 decoder (PyAV, already here for clips) decodes the frame as far
as it goes. Which rows the file still holds is found by decoding it twice, padded once with
zeros and once with 0xFF bytes: the rows that come out the same in both owe nothing to the
padding. Those are shown and tagged, the rest grey, as a JPEG's. A lossless (VP8L), animated or
transparent WebP cut short has no such decoder here: it is refused, and the message says so.
"""

from __future__ import annotations

import contextlib
import io
import struct
import threading
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import numpy as np
from PIL import Image, ImageFile

from phototagger.core.decode_budget import decode_cost, pixel_budget
from phototagger.core.errors import TRUNCATED, PhotoError

# Under half the picture, the tags would speak of a strip of it (a sky, a ceiling): the file is
# refused as before, and listed in Problems.
MIN_VISIBLE = 0.5
_FILL = 128
GREY = (_FILL, _FILL, _FILL)  # the missing part, in an RGB picture
RECOPY = "re-copy it from the camera or a backup if you have one"
# How an interlaced PNG's note begins: its lower part is there, but for every other row.
EVERY_OTHER_ROW = "every other row of the lower"


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

    rows: int  # the rows to show and tag from, from the top
    height: int
    grey_below: bool = False  # the rows below `rows` are still to be painted grey (a PNG's)
    # An interlaced PNG's: from this row down only every other row is there, the ones between
    # still to be filled in (fill_between); None for a picture whose rows there are whole.
    sparse_from: int | None = None
    share: float | None = None  # of the picture's pixels there, where not rows / height

    @property
    def fraction(self) -> float:
        return self.rows / self.height if self.share is None else self.share

    @property
    def percent(self) -> int:
        return int(100 * self.fraction)

    def note(self) -> PhotoError:
        if self.sparse_from is not None:
            lower = 100 - int(100 * self.sparse_from / self.height)
            return PhotoError(
                TRUNCATED,
                f"{EVERY_OTHER_ROW} {lower} % is missing: the file is truncated "
                f"({self.percent} % of the picture is there; an interlaced PNG stores every "
                "other row first, so the whole picture is shown and tagged, the missing rows "
                f"filled in from those around them); {RECOPY}",
            )
        return PhotoError(
            TRUNCATED,
            f"the lower part is missing: the file is truncated ({self.percent} % of the picture "
            f"is there, and its tags come from that part); {RECOPY}",
        )


def is_truncation(im: Image.Image, exc: BaseException, data: bytes) -> bool:
    """Whether a load failed only because the file stops short, in a format whose part there is
    can be shown: a JPEG, or a PNG (stored top to bottom or interlaced) whose header is read."""
    if "truncated" not in str(exc).lower():
        return False
    return im.format == "JPEG" or (im.format == "PNG" and _png_header(data) is not None)


def load_rest(im: Image.Image, data: bytes) -> Cut:
    """Load a JPEG or PNG whose load just failed as truncated (`data`: the file's bytes), with
    what it holds; refuse it (PhotoError) when under MIN_VISIBLE of the picture is there."""
    if isinstance(im, ImageFile.ImageFile) and im.format == "PNG":
        # Pillow adds an interlaced PNG's flag to decoderconfig each time it prepares a load:
        # twice, the decoder refuses its arguments ("takes at most 3 arguments (4 given)").
        im.decoderconfig = ()
    with _truncated_allowed():
        im.load()
    height = im.size[1]
    cut = _png_cut(data, height) if im.format == "PNG" else Cut(_rows_there(im), height)
    return _enough(cut, im.format or "image")


def _enough(cut: Cut, kind: str) -> Cut:
    if cut.fraction < MIN_VISIBLE:
        raise PhotoError(
            TRUNCATED,
            f"{kind} data is truncated: only {cut.percent} % of the picture is there, too "
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


def _png_header(data: bytes) -> tuple[int, int, int, bool] | None:
    """(width, height, bits per pixel, interlaced) from a PNG's header; None for a header this
    cannot read."""
    if not data.startswith(_PNG_SIGNATURE) or data[12:16] != b"IHDR" or len(data) < 29:
        return None
    width, height, depth, colour, _, _, interlace = struct.unpack(">IIBBBBB", data[16:29])
    if colour not in _PNG_BANDS or interlace not in (0, 1) or not width or not height:
        return None
    return width, height, _PNG_BANDS[colour] * depth, interlace == 1


def _row_bytes(width: int, bits: int) -> int:
    """Bytes per stored row (its filter byte included) of `width` pixels."""
    return 1 + (width * bits + 7) // 8


# Adam7's first six passes: (first column, first row, column step, row step). Together they
# hold the even rows; the seventh holds the odd ones, whole.
_ADAM7 = ((0, 0, 8, 8), (4, 0, 8, 8), (0, 4, 4, 8), (2, 0, 4, 4), (0, 2, 2, 4), (1, 0, 2, 2))


def _png_cut(data: bytes, height: int) -> Cut:
    """What a PNG cut short still holds: whole rows from the top of one stored top to bottom;
    of an interlaced one, every other row once its sixth pass is there, and the odd rows its
    seventh reached (a Cut whose share is under half otherwise)."""
    header = _png_header(data)
    if header is None:
        return Cut(0, height)
    width, _, bits, interlaced = header
    inflated = _png_inflated(data)
    if not interlaced:
        return Cut(min(inflated // _row_bytes(width, bits), height), height, grey_below=True)
    pixels = 0
    for x0, y0, dx, dy in _ADAM7:
        columns, rows = -(-(width - x0) // dx), -(-(height - y0) // dy)
        size = rows * _row_bytes(columns, bits) if columns > 0 and rows > 0 else 0
        if inflated < size:
            # Cut before every other row is there: only a coarse picture, refused.
            pixels += inflated // _row_bytes(columns, bits) * columns
            return Cut(0, height, share=pixels / (width * height))
        inflated -= size
        pixels += max(columns, 0) * max(rows, 0)
    # The seventh pass's rows are the odd ones: those it holds make the top rows whole.
    odd_rows = min(inflated // _row_bytes(width, bits), height // 2)
    share = (pixels + odd_rows * width) / (width * height)
    return Cut(height, height, sparse_from=2 * odd_rows, share=share)


def _png_inflated(data: bytes) -> int:
    """How many bytes a PNG's image data (IDAT chunks, the last one perhaps cut) inflates to,
    as far as it goes: Pillow decodes the stored rows these hold, and leaves the others zero."""
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
    return inflated


def fill_between(rgb: Image.Image, cut: Cut) -> Image.Image:
    """An interlaced PNG's picture with the odd rows its file no longer holds (from
    `cut.sparse_from` down) filled in, each the mean of the rows above and below it."""
    if cut.sparse_from is None:
        return rgb
    pixels = np.array(rgb)
    rows = np.arange(cut.sparse_from + 1, len(pixels), 2)
    below = np.where(rows + 1 < len(pixels), rows + 1, rows - 1)
    pixels[rows] = (pixels[rows - 1].astype(np.uint16) + pixels[below] + 1) // 2
    return Image.fromarray(pixels)


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


@dataclass(frozen=True)
class WebpPart:
    """What a lossy WebP cut short still holds: its picture (RGB, the rows it no longer holds
    grey) as a BMP for the shared pipeline, as a RAW's half-size decode is handed over."""

    data: bytes
    cut: Cut | None  # None: the whole picture is there (only what follows it is cut)


def webp_part(data: bytes, max_pixels: int) -> WebpPart:
    """The part a WebP cut short (riff_cut_short) still holds; PhotoError TRUNCATED, saying
    why, where none can be shown or under MIN_VISIBLE of it is there."""
    frame = _vp8_frame(data)
    if len(frame) < 10 or frame[3:6] != b"\x9d\x01\x2a":
        raise _webp_refused("its picture's header is cut off")
    width = int.from_bytes(frame[6:8], "little") & 0x3FFF
    height = int.from_bytes(frame[8:10], "little") & 0x3FFF
    if not width or not height or width * height > max_pixels:
        raise _webp_refused("its picture's header is damaged")
    # Two decodes, and their RGB copies, at once.
    with pixel_budget().reserve(2 * decode_cost("RGB", width, height)):
        zeros, ones = (_vp8_decode(frame + pad * 4096) for pad in (b"\x00", b"\xff"))
    if zeros is None or ones is None or zeros.shape != (height, width, 3) != ones.shape:
        raise _webp_refused("what is there of its picture cannot be decoded")
    differ = np.flatnonzero((zeros != ones).reshape(height, -1).any(axis=1))
    rows = int(differ[0]) if differ.size else height
    cut = None if rows == height else _enough(Cut(rows, height), "WebP")
    zeros[rows:] = _FILL
    buf = io.BytesIO()
    Image.fromarray(zeros).save(buf, "BMP")
    return WebpPart(buf.getvalue(), cut)


def _vp8_frame(data: bytes) -> bytes:
    """The part there is of a lossy WebP's one VP8 frame; PhotoError for any other WebP."""
    at = 12
    while at + 8 <= len(data):
        kind, size = data[at : at + 4], int.from_bytes(data[at + 4 : at + 8], "little")
        if kind == b"VP8 ":
            return data[at + 8 : at + 8 + size]
        if kind == b"VP8L":
            raise _webp_refused("it is a lossless WebP, which can only be decoded whole")
        if kind in (b"ANIM", b"ANMF"):
            raise _webp_refused("it is an animated WebP, which can only be decoded whole")
        if kind == b"ALPH":
            raise _webp_refused("its transparency can only be decoded whole")
        at += 8 + size + (size & 1)
    raise _webp_refused("the file stops before its picture")


def _vp8_decode(frame: bytes) -> np.ndarray | None:
    """A VP8 key frame as RGB, decoded by FFmpeg as far as its data goes; None if refused."""
    import av

    try:
        decoder = av.CodecContext.create("vp8", "r")
        frames = decoder.decode(av.Packet(frame))
        return frames[0].to_ndarray(format="rgb24") if frames else None
    except Exception:  # noqa: BLE001 - whatever FFmpeg makes of it, no part can be shown
        return None


def _webp_refused(why: str) -> PhotoError:
    return PhotoError(
        TRUNCATED,
        f"WebP data is truncated and this file cannot be shown in part: {why} (the file is "
        f"incomplete; {RECOPY})",
    )
