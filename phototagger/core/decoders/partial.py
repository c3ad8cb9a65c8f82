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
padding. Those are shown and tagged, the rest grey, as a JPEG's.

A lossless (VP8L) picture's rows follow each other in its data too, and a transparent one's
transparency (ALPH) comes whole before its VP8 frame: FFmpeg's WebP decoder decodes both, once
the picture's data is filled out past the size the file says, and the same two decodes tell the
rows there. An animated WebP is tagged from its first frame, as an animated GIF is: where that
frame is whole nothing the library uses is missing, and it is decoded by Pillow from the
animation up to it; one cut inside its first frame is shown from the part there, as a still.
Where too little is there, the message says where the file stops ("the file is cut short at N
of M bytes").
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
from phototagger.core.errors import TRUNCATED, PhotoError, ends_early

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
                f"{EVERY_OTHER_ROW} {lower} % is missing: the file ends early "
                f"({self.percent} % of the picture is there; an interlaced PNG stores every "
                "other row first, so the whole picture is shown and tagged, the missing rows "
                f"filled in from those around them); {RECOPY}",
            )
        return PhotoError(
            TRUNCATED,
            f"the lower part is missing: the file ends early ({self.percent} % of the picture "
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


def _enough(cut: Cut, kind: str, where: str = "") -> Cut:
    """`where`: where the file stops, where known ("at 5 of 9 bytes")."""
    if cut.fraction < MIN_VISIBLE:
        at = f" ({where})" if where else ""
        there = f"{at}, with only {cut.percent} % of the picture there, too little to tag"
        raise PhotoError(TRUNCATED, ends_early(kind, there))
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
    """What a WebP cut short still holds, for the shared pipeline, as a RAW's half-size decode
    is handed over: its picture (the rows it no longer holds grey) as a BMP, or a TIFF where it
    is transparent; or, of an animated one whose first frame is whole, the animation up to that
    frame, a WebP Pillow decodes."""

    data: bytes
    cut: Cut | None  # None: the whole picture is there (only what follows it is cut)
    # Of an animated one whose first frame is whole: the frames whole before the cut.
    frames: int = 0


@dataclass(frozen=True)
class _Chunk:
    """One RIFF chunk of a WebP as the file holds it."""

    kind: bytes
    start: int  # where its header is in the file
    size: int  # as its header says
    body: bytes  # what the file holds of it: under `size` bytes for a chunk cut short

    @property
    def whole(self) -> bool:
        return len(self.body) == self.size


def _chunks(data: bytes, at: int = 12, end: int | None = None) -> list[_Chunk]:
    """The chunks from `at` to `end` (the file's end), the last perhaps cut short."""
    end = len(data) if end is None else min(end, len(data))
    found = []
    while at + 8 <= end:
        kind, size = data[at : at + 4], int.from_bytes(data[at + 4 : at + 8], "little")
        found.append(_Chunk(kind, at, size, data[at + 8 : min(at + 8 + size, end)]))
        at += 8 + size + (size & 1)
    return found


_PICTURE = (b"ALPH", b"VP8 ", b"VP8L")


def webp_part(data: bytes, max_pixels: int) -> WebpPart:
    """The part a WebP cut short (riff_cut_short) still holds; PhotoError TRUNCATED, saying
    why and where the file stops, where none can be shown or under MIN_VISIBLE of it is there.

    An animated one is shown and tagged from its first frame, as an animated GIF is: where
    that frame is whole, nothing is missing that the library uses."""
    chunks = _chunks(data)
    if {chunk.kind for chunk in chunks} & {b"ANIM", b"ANMF"}:
        return _first_frame(data, chunks, max_pixels)
    pixels, rows = _picture_part(data, [c for c in chunks if c.kind in _PICTURE], max_pixels)
    return _shown(pixels, rows, data)


def _picture_part(data: bytes, picture: list[_Chunk], max_pixels: int) -> tuple[np.ndarray, int]:
    """A picture's pixels (RGB, or RGBA where it is transparent) decoded from its chunks, the
    last perhaps cut short, and how many of its rows from the top the file holds."""
    if not picture or picture[-1].kind == b"ALPH":
        raise _webp_refused("the file stops before its picture", data)
    width, height = _picture_size(picture[-1], data, max_pixels)
    if [chunk.kind for chunk in picture] == [b"VP8 "]:
        # Two decodes, and their RGB copies, at once.
        with pixel_budget().reserve(2 * decode_cost("RGB", width, height)):
            zeros, ones = (_vp8_decode(picture[0].body + pad * 4096) for pad in _PADS[:2])
        if zeros is None or ones is None or zeros.shape != (height, width, 3) != ones.shape:
            raise _webp_refused("what is there of its picture cannot be decoded", data)
        return zeros, _same_rows(zeros, ones)
    # A lossless (VP8L) or transparent (ALPH + VP8) one: FFmpeg's WebP decoder refuses a
    # picture whose data stops short, or runs out before its last row, so it is filled out,
    # with two different bytes in turn, as a lossy one, to the size the file says and a byte a
    # pixel beyond: a lossless picture's rows past the cut read codes from the filling, which
    # can take more bits than those rows had. Filled to the size alone, 0xFF failed on a
    # 332x500 lossless photo cut at 30 and 70 %, every filling but 0xFF on a 2000x3012 one;
    # with the byte a pixel, each of the 256 decoded at 20, 60 and 90 % of four lossless files.
    missing = picture[-1].size - len(picture[-1].body)
    if missing > 5 * width * height + (1 << 20):
        raise _webp_refused("its picture's header is damaged", data)
    filled = len(picture[-1].body) + missing + width * height
    # Two decodes and their RGBA copies, FFmpeg's own picture, the file filled out (its
    # bytes, a copy being built and FFmpeg's), at once.
    with pixel_budget().reserve(3 * decode_cost("RGBA", width, height) + 3 * filled):
        decoded = []
        for pad in _PADS:
            pixels = _webp_decode(_webp_still(picture, width, height, pad, width * height))
            if pixels is not None and pixels.shape == (height, width, 4):
                decoded.append(pixels)
            if len(decoded) == 2:
                return decoded[0], _same_rows(*decoded)
    raise _webp_refused("what is there of its picture cannot be decoded", data)


# The fillings tried, until two decode (the first two always did, filled out as far as above).
_PADS = (b"\x00", b"\xff", b"\x55", b"\xaa")


def _first_frame(data: bytes, chunks: list[_Chunk], max_pixels: int) -> WebpPart:
    """An animated WebP's first frame: where it is whole, the animation up to it (a WebP of
    one frame, which Pillow decodes as it would the whole file's first); cut short, the part
    there of it, the picture's rows from the frame's cut down grey. A first frame that covers
    only part of the picture (libwebp's encoder keeps only the rectangle with something in it)
    is shown on the picture's background as Pillow shows the whole file: transparent, or black
    where the file says it has no transparency."""
    frames = [chunk for chunk in chunks if chunk.kind == b"ANMF"]
    if not frames or len(frames[0].body) < 16:
        raise _webp_refused("the file stops before its first frame", data)
    first = frames[0]
    if first.whole:
        kept = data[12 : first.start + 8 + first.size] + b"\x00" * (first.size & 1)
        return WebpPart(_riff(kept), None, sum(frame.whole for frame in frames))
    x, y = (2 * int.from_bytes(first.body[at : at + 3], "little") for at in (0, 3))
    picture = [
        chunk
        for chunk in _chunks(data, first.start + 24, first.start + 8 + first.size)
        if chunk.kind in _PICTURE
    ]
    pixels, rows = _picture_part(data, picture, max_pixels)
    height, width = pixels.shape[:2]
    vp8x = next((chunk.body for chunk in chunks if chunk.kind == b"VP8X"), b"")
    canvas_width, canvas_height = _canvas(vp8x)
    if x + width > canvas_width or y + height > canvas_height:
        raise _webp_refused("its first frame is damaged", data)
    if canvas_width * canvas_height > max_pixels:
        raise _webp_refused("its picture's header is damaged", data)
    if (x, y, width, height) == (0, 0, canvas_width, canvas_height):
        return _shown(pixels, rows, data)
    with pixel_budget().reserve(decode_cost("RGBA", canvas_width, canvas_height)):
        canvas = np.zeros((canvas_height, canvas_width, 4), np.uint8)
        if not vp8x[0] & 0x10:  # no transparency: Pillow shows the background black
            canvas[..., 3] = 255
        canvas[y : y + height, x : x + width, : pixels.shape[2]] = pixels
        if pixels.shape[2] == 3:
            canvas[y : y + height, x : x + width, 3] = 255
        return _shown(canvas, canvas_height if rows == height else y + rows, data)


def _canvas(vp8x: bytes) -> tuple[int, int]:
    """The picture's size a VP8X chunk gives ((0, 0) for one cut short)."""
    if len(vp8x) < 10:
        return 0, 0
    return 1 + int.from_bytes(vp8x[4:7], "little"), 1 + int.from_bytes(vp8x[7:10], "little")


def _picture_size(chunk: _Chunk, data: bytes, max_pixels: int) -> tuple[int, int]:
    """(width, height) from a VP8 or VP8L chunk's bitstream header."""
    head = chunk.body
    if chunk.kind == b"VP8L":
        if len(head) < 5 or head[0] != 0x2F:
            raise _webp_refused("its picture's header is cut off", data)
        bits = int.from_bytes(head[1:5], "little")
        width, height = 1 + (bits & 0x3FFF), 1 + ((bits >> 14) & 0x3FFF)
    else:
        if len(head) < 10 or head[3:6] != b"\x9d\x01\x2a":
            raise _webp_refused("its picture's header is cut off", data)
        width = int.from_bytes(head[6:8], "little") & 0x3FFF
        height = int.from_bytes(head[8:10], "little") & 0x3FFF
    if not width or not height or width * height > max_pixels:
        raise _webp_refused("its picture's header is damaged", data)
    return width, height


def _same_rows(one: np.ndarray, other: np.ndarray) -> int:
    """How many rows from the top two decodes of a picture agree on."""
    differ = np.flatnonzero((one != other).reshape(len(one), -1).any(axis=1))
    return int(differ[0]) if differ.size else len(one)


def _shown(pixels: np.ndarray, rows: int, data: bytes) -> WebpPart:
    """The picture decoded, the rows from `rows` down grey (and opaque): a BMP, or a TIFF where
    the rows there are transparent in places."""
    height = len(pixels)
    cut = None if rows == height else _enough(Cut(rows, height), "WebP", stops_at(data))
    pixels[rows:] = _FILL
    buf = io.BytesIO()
    if pixels.shape[2] == 4 and (pixels[:rows, :, 3] != 255).any():
        pixels[rows:, :, 3] = 255
        # Uncompressed: written and read in 0.03 s, a PNG (compress_level 1) in 1.4 s (6 MP).
        Image.fromarray(pixels).save(buf, "TIFF")
    else:
        Image.fromarray(np.ascontiguousarray(pixels[:, :, :3])).save(buf, "BMP")
    return WebpPart(buf.getvalue(), cut)


def _chunk_bytes(kind: bytes, body: bytes) -> bytes:
    return kind + len(body).to_bytes(4, "little") + body + b"\x00" * (len(body) & 1)


def _riff(chunks: bytes) -> bytes:
    return b"RIFF" + (4 + len(chunks)).to_bytes(4, "little") + b"WEBP" + chunks


def _webp_still(picture: list[_Chunk], width: int, height: int, pad: bytes, beyond: int) -> bytes:
    """A still WebP of `picture` (ALPH and VP8 chunks, or a VP8L), its last chunk's data filled
    out with `pad` to the size the file says and `beyond` bytes more."""
    parts = [_chunk_bytes(chunk.kind, chunk.body) for chunk in picture[:-1]]
    if any(chunk.kind == b"ALPH" for chunk in picture):
        size = (width - 1).to_bytes(3, "little") + (height - 1).to_bytes(3, "little")
        parts.insert(0, _chunk_bytes(b"VP8X", b"\x10\x00\x00\x00" + size))  # 0x10: transparent
    last = picture[-1]
    filled = last.size + beyond
    parts += [last.kind, filled.to_bytes(4, "little"), last.body, pad * (filled - len(last.body))]
    parts.append(b"\x00" * (filled & 1))
    chunks = sum(len(part) for part in parts)
    return b"".join([b"RIFF", (4 + chunks).to_bytes(4, "little"), b"WEBP", *parts])


def _webp_decode(still: bytes) -> np.ndarray | None:
    """A still WebP as RGBA, decoded by FFmpeg; None if refused."""
    return _ffmpeg_decode("webp", still, rgba=True)


def _vp8_decode(frame: bytes) -> np.ndarray | None:
    """A VP8 key frame as RGB, decoded by FFmpeg as far as its data goes; None if refused."""
    return _ffmpeg_decode("vp8", frame, rgba=False)


def _ffmpeg_decode(codec: str, packet: bytes, *, rgba: bool) -> np.ndarray | None:
    import av

    try:
        decoder = av.CodecContext.create(codec, "r")
        assert isinstance(decoder, av.VideoCodecContext)
        frames = decoder.decode(av.Packet(packet))
        if not frames:
            return None
        frame = frames[0]
        if not rgba or frame.format.name != "yuva420p":
            return frame.to_ndarray(format="rgba" if rgba else "rgb24")
        # A lossy picture with its transparency: swscale's own conversion to RGBA leaves a few
        # pixels to chance (12 of 30 decodes of one whole WebP differed, in 4 to 8 pixels, which
        # told rows there from rows not there wrongly); RGB and the alpha plane are read apart.
        plane = frame.planes[3]
        alpha = np.frombuffer(memoryview(plane), np.uint8)[: plane.line_size * frame.height]
        alpha = alpha.reshape(frame.height, plane.line_size)[:, : frame.width]
        return np.dstack([frame.to_ndarray(format="rgb24"), alpha])
    except Exception:  # noqa: BLE001 - whatever FFmpeg makes of it, no part can be shown
        return None


def stops_at(data: bytes) -> str:
    """Where a WebP stops, of the bytes its RIFF header says it holds: "at 5 of 9 bytes"."""
    whole = 8 + int.from_bytes(data[4:8], "little")
    return f"at {len(data):,} of {whole:,} bytes"


def _webp_refused(why: str, data: bytes) -> PhotoError:
    return PhotoError(
        TRUNCATED,
        ends_early("WebP", f" ({stops_at(data)}), and {why}"),
    )
