"""Decode a photo once: content hash, EXIF facts, the CNN input and a thumbnail from one read."""

from __future__ import annotations

import contextlib
import io
import math
import os
import re
import tempfile
import threading
import warnings
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import numpy as np
from PIL import Image, JpegImagePlugin, UnidentifiedImageError
from PIL.JpegImagePlugin import JpegImageFile

from phototagger.core.decode_budget import decode_cost, file_budget, pixel_budget
from phototagger.core.decoders import ALL_EXTENSIONS, MediaInfo, MediaKind, heif, kind_of, video
from phototagger.core.decoders.animation import cut_after_frames, gif_frames_before_cut
from phototagger.core.decoders.partial import (
    GREY,
    RECOPY,
    Cut,
    WebpPart,
    fill_between,
    is_truncation,
    load_rest,
    riff_cut_short,
    stops_at,
    webp_part,
)
from phototagger.core.decoders.raw import open_raw
from phototagger.core.decoders.raw import read_header as read_raw_header
from phototagger.core.errors import (
    CORRUPT,
    NOT_A_PICTURE,
    NOT_AN_IMAGE,
    TOO_LARGE,
    TRUNCATED,
    UNSUPPORTED,
    PhotoError,
    ends_early,
)
from phototagger.core.file_guard import hash_digits, held_photo_file, opened_photo_file
from phototagger.core.formats import claimed_format
from phototagger.core.names import os_path

SUPPORTED_EXTENSIONS = ALL_EXTENSIONS

# ImageNet evaluation convention: short side to model_size / 0.875, then a centre crop.
CROP_FRACTION = 0.875
THUMBNAIL_QUALITY = 85
# Pillow's own thumbnail filter. LANCZOS (support 3 against 2) took 5.1 ms of a det-photo's
# ~8 ms decode against 2.7-3.9 ms, the scan's CPU per photo 29.4 ms against 27.0 (1,000
# det-photos, faces off, interleaved runs); the face detector, which looks at the thumbnail,
# became mtcnn-1.1.1 (ml/faces.py) for it.
THUMBNAIL_RESAMPLE = Image.Resampling.BICUBIC
DEFAULT_MAX_PIXELS = 200_000_000

# Only these decoders ever see user files: a misnamed PNG still opens as a PNG, but the long tail
# of rarely used Pillow plugins (a common source of decoder bugs) is never reached. MPO (many
# phone photos) opens through the JPEG plugin.
_PILLOW_FORMATS = ("JPEG", "PNG", "WEBP", "TIFF", "BMP", "DIB", "GIF", "HEIF", "AVIF")

_EXIF_IFD = 0x8769
_ORIENTATION = 0x0112
_DATETIME = 0x0132
_DATETIME_ORIGINAL = 0x9003
_EXIF_DATE = re.compile(r"(\d{4})[:-](\d{2})[:-](\d{2})[ T](\d{1,2}):(\d{2}):(\d{2})")

# Same table as ImageOps.exif_transpose; 5-8 swap width and height.
_TRANSPOSE = {
    2: Image.Transpose.FLIP_LEFT_RIGHT,
    3: Image.Transpose.ROTATE_180,
    4: Image.Transpose.FLIP_TOP_BOTTOM,
    5: Image.Transpose.TRANSPOSE,
    6: Image.Transpose.ROTATE_270,
    7: Image.Transpose.TRANSVERSE,
    8: Image.Transpose.ROTATE_90,
}

_OPEN_LOCK = threading.Lock()

_RECOPY = RECOPY


@dataclass(frozen=True)
class DecodedPhoto:
    content_hash: str
    size: int
    width: int
    height: int
    orientation: int
    taken_at: str | None
    model_input: np.ndarray
    thumbnail: Image.Image
    media: MediaInfo = MediaInfo(MediaKind.PHOTO, "image")
    # A clip's sampled frames as model inputs (N x size x size x 3); None for a still photo.
    frames: np.ndarray | None = None
    # What is wrong with a file that could still be used (one cut short): a problem note.
    damage: PhotoError | None = None


def decode_photo(
    path: str | Path,
    *,
    model_size: int = 224,
    thumb_size: int = 320,
    max_pixels: int = DEFAULT_MAX_PIXELS,
) -> DecodedPhoto:
    """Read the file once and decode it once into everything the library stores about it.

    Raises PhotoError (never anything else) for a file that cannot be used.
    """
    if model_size < 1 or thumb_size < 1:
        raise ValueError(f"sizes must be positive, not {model_size} and {thumb_size}")
    resize_short = round(model_size / CROP_FRACTION)
    kind = kind_of(path)
    if kind is MediaKind.CLIP:
        return _decode_clip(os_path(os.fspath(path)), model_size, thumb_size, resize_short)
    with held_photo_file(os_path(os.fspath(path)), file_budget()) as (data, content_hash):
        size = len(data)
        raw = open_raw(data) if kind is MediaKind.RAW else None
        # A WebP cut short: the part there is, decoded as far as it goes.
        webp = webp_part(data, max_pixels) if raw is None and riff_cut_short(data) else None
        held, data = data, raw.data if raw is not None else webp.data if webp is not None else data
        with _translated_errors(data), _open_checked(data, max_pixels) as im:
            header_size = im.size
            file_format = im.format or "image"
            short, long_ = min(im.size), max(im.size)
            _draft(im, min(short / resize_short, long_ / max(thumb_size, resize_short)))
            with _pixels_reserved(im, header_size):
                im, orientation, taken_at, cut = _load(im, data)
                # Whole, but for the frames after the first of an animation: said all the same.
                damage = None if cut is not None else _frames_missing(held, file_format, webp)
                if webp is not None:
                    cut, file_format = webp.cut, "WEBP"
                if raw is not None:
                    orientation, taken_at = raw.orientation, _raw_taken_at(raw.exif)
                    file_format = Path(path).suffix.lstrip(".").upper()
                width, height = _oriented_size(header_size, orientation)
                if raw is not None:
                    width, height = raw.size
                rgb = _oriented_rgb(im, orientation)
                # The tagger sees only what the file holds, the thumbnail the whole frame.
                there = rgb if cut is None else _oriented_rgb(_rows(im, cut), orientation)
                model_input = _model_input(there, model_size, resize_short)
                rgb.thumbnail((thumb_size, thumb_size), THUMBNAIL_RESAMPLE, reducing_gap=3.0)
    return DecodedPhoto(
        content_hash=content_hash,
        size=size,
        width=width,
        height=height,
        orientation=orientation,
        taken_at=taken_at,
        model_input=model_input,
        thumbnail=rgb,
        media=MediaInfo(kind, file_format),
        damage=raw.damage if raw is not None else damage if cut is None else cut.note(),
    )


def _frames_missing(data: bytes, file_format: str, webp: WebpPart | None) -> PhotoError | None:
    """The note of an animated GIF or WebP cut short after its first frame (`data`: the file's
    bytes; `webp`: the part there of a WebP cut short); None for any other file."""
    if webp is not None:
        return cut_after_frames(webp.frames, f", {stops_at(data)}") if webp.frames else None
    frames = gif_frames_before_cut(data) if file_format == "GIF" else None
    return cut_after_frames(frames) if frames else None


@dataclass(frozen=True)
class HeaderFacts:
    """What a photo's header says, as decode_photo will find it: what the grid sorts by."""

    width: int | None  # None for a clip: its upright size is known from a decoded frame
    height: int | None
    orientation: int
    taken_at: str | None


def header_facts(path: str | Path, *, max_pixels: int = DEFAULT_MAX_PIXELS) -> HeaderFacts | None:
    """A photo's size, orientation and date taken from its header, without reading its pixels
    (a scan knows them when it finds the photo, not only once it is tagged): a RAW's from
    LibRaw's parse of its header, a clip's date from its container. None where the header
    cannot be read: the decode says why."""
    kind = kind_of(path)
    if kind is MediaKind.RAW:
        raw = read_raw_header(os_path(os.fspath(path)))
        if raw is None:
            return None
        return HeaderFacts(*raw.size, raw.orientation, _raw_taken_at(raw.exif))
    if kind is MediaKind.CLIP:
        clip = video.header_facts(os_path(os.fspath(path)))
        return None if clip is None else HeaderFacts(None, None, 1, clip.taken_at)
    heif.register()
    try:
        with opened_photo_file(os_path(os.fspath(path))) as f:
            with _OPEN_LOCK, warnings.catch_warnings():  # as _open_checked, for the same reason
                warnings.simplefilter("error", Image.DecompressionBombWarning)
                opened = Image.open(f, formats=_PILLOW_FORMATS)
            with opened as im:
                if im.size[0] * im.size[1] > max_pixels:
                    return None
                if im.format == "PNG" and "exif" not in im.info:
                    # An eXIf chunk after the pixels is read only by decoding them: left to the
                    # decode (cameras do not write PNG; an exported one has it in front).
                    orientation, taken_at = 1, None
                else:
                    orientation, taken_at = _exif_facts(im)
                if im.format == "TIFF":
                    # Pillow gives a TIFF's upright size from the header and turns its pixels
                    # upright as it loads them, orientation tag dropped: the decode stores 1.
                    width, height, orientation = *im.size, 1
                else:
                    width, height = _oriented_size(im.size, orientation)
    except Exception:  # noqa: BLE001 - whatever Pillow or the file says, the decode says it well
        return None
    return HeaderFacts(width, height, orientation, taken_at)


def _decode_clip(path: str, model_size: int, thumb_size: int, resize_short: int) -> DecodedPhoto:
    """A clip: its sampled frames become model inputs, the most representative its thumbnail."""
    content_hash, size = video.content_hash(path)
    sample = video.sample_clip(path, short_side=max(resize_short, thumb_size))
    frames = np.stack([_model_input(f, model_size, resize_short) for f in sample.frames])
    thumb = sample.frames[sample.shown].copy()
    thumb.thumbnail((thumb_size, thumb_size), THUMBNAIL_RESAMPLE, reducing_gap=3.0)
    return DecodedPhoto(
        content_hash=content_hash,
        size=size,
        width=sample.width,
        height=sample.height,
        orientation=1,
        taken_at=sample.taken_at,
        model_input=frames[sample.shown],
        thumbnail=thumb,
        media=MediaInfo(MediaKind.CLIP, sample.format, sample.duration),
        frames=frames,
    )


def load_full_image(
    path: str | Path, max_side: int | None = None, *, max_pixels: int = DEFAULT_MAX_PIXELS
) -> Image.Image:
    """The photo as it should be displayed (oriented RGB), its long side at most `max_side`."""
    if max_side is not None and max_side < 1:
        raise ValueError(f"max_side must be at least 1, not {max_side}")
    kind = kind_of(path)
    if kind is MediaKind.CLIP:
        still = video.still(os_path(os.fspath(path)), max_side)
        if max_side is not None and max(still.size) > max_side:
            still.thumbnail((max_side, max_side), Image.Resampling.LANCZOS)
        return still
    with held_photo_file(os_path(os.fspath(path)), file_budget()) as (data, _):
        raw = open_raw(data) if kind is MediaKind.RAW else None
        webp = webp_part(data, max_pixels) if raw is None and riff_cut_short(data) else None
        data = raw.data if raw is not None else webp.data if webp is not None else data
        with _translated_errors(data), _open_checked(data, max_pixels) as im:
            header_size = im.size
            if max_side is not None:
                _draft(im, max(im.size) / max_side)
            with _pixels_reserved(im, header_size):
                im, orientation, _, _ = _load(im, data)
                if raw is not None:
                    orientation = raw.orientation
                rgb = _oriented_rgb(im, orientation)
                if max_side is not None and max(rgb.size) > max_side:
                    rgb.thumbnail((max_side, max_side), Image.Resampling.LANCZOS, reducing_gap=3.0)
    return rgb


def _pixels_reserved(
    im: Image.Image, header_size: tuple[int, int]
) -> contextlib.AbstractContextManager[None]:
    """Reserve, before decoding, the memory the decode will take (after any JPEG draft).

    A progressive JPEG is the exception to drafting: libjpeg keeps every DCT coefficient of the
    full-size image (2 bytes per component per pixel) whatever the output scale, so a forged
    14100x14100 progressive header costs 1.2 GB even when decoded at 1/8.
    """
    cost = decode_cost(im.mode, *im.size)
    if isinstance(im, JpegImageFile) and ("progressive" in im.info or "progression" in im.info):
        cost += header_size[0] * header_size[1] * 2 * len(im.getbands())
    return pixel_budget().reserve(cost)


def save_thumbnail(img: Image.Image, dest: Path) -> None:
    """Write a JPEG atomically, so a crash never leaves a half-written thumbnail in the cache.

    Not flushed to disk before its rename: 3 ms a thumbnail against 0.3 ms (a scan of 100,000
    photos would wait minutes more, on a spinning disk most of an hour), for a file made again
    from the photo. So a power cut may leave one named but empty, cut short or zeros at its end
    (ext4's delayed allocation, XFS); a reader takes only a whole one (thumbnail_whole)."""
    dest.parent.mkdir(parents=True, exist_ok=True)
    if img.mode != "RGB":
        img = img.convert("RGB")
    # The leading dot keeps a leftover temp file out of a folder scan, should the cache be in one.
    fd, tmp = tempfile.mkstemp(prefix=f".{dest.name}.", suffix=".tmp", dir=dest.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            img.save(fh, "JPEG", quality=THUMBNAIL_QUALITY)
        os.replace(tmp, dest)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def thumbnail_whole(data: bytes) -> bool:
    """`data`, a cached thumbnail's bytes, are the whole JPEG save_thumbnail wrote: they end with
    its end-of-image marker. One cut short or ending in zeros does not, though Qt shows it (grey
    below the cut) and Pillow only fails when it decodes it; it is made again from the photo."""
    return data.startswith(b"\xff\xd8") and data.endswith(b"\xff\xd9")


def thumbnail_path(cache_root: Path, content_hash: str) -> Path:
    """Where the thumbnail for a content hash lives; two-level fan-out keeps folders small."""
    digits = hash_digits(content_hash)
    if len(digits) < 2 or digits.strip("0123456789abcdef"):
        raise ValueError(f"not a content hash: {content_hash!r}")
    return cache_root / digits[:2] / f"{content_hash}.jpg"


@contextlib.contextmanager
def _translated_errors(data: bytes) -> Iterator[None]:
    """Turn whatever Pillow raises into a PhotoError with a message for a person."""
    kind = claimed_format(data) or "image"
    try:
        yield
    except PhotoError:
        raise
    except UnidentifiedImageError:
        raise _unidentified(kind) from None
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise PhotoError(TOO_LARGE, _bomb_message(str(exc))) from None
    except MemoryError:
        raise PhotoError(TOO_LARGE, "there is not enough memory to decode this image") from None
    except EOFError:
        raise PhotoError(TRUNCATED, _truncated_message(kind)) from None
    except OSError as exc:
        if "truncated" in str(exc).lower() or riff_cut_short(data):
            raise PhotoError(TRUNCATED, _truncated_message(kind)) from None
        raise PhotoError(CORRUPT, _corrupt_message(kind, exc)) from None
    except Exception as exc:
        raise PhotoError(CORRUPT, _corrupt_message(kind, exc)) from None


def _unidentified(kind: str) -> PhotoError:
    if kind != "image":
        return PhotoError(
            CORRUPT,
            f"the file starts like a {kind} image but its header is damaged or cut short; "
            f"{_RECOPY}",
        )
    return PhotoError(NOT_AN_IMAGE, NOT_A_PICTURE)


def _truncated_message(kind: str) -> str:
    return ends_early(kind)


def _corrupt_message(kind: str, exc: BaseException) -> str:
    detail = str(exc) or type(exc).__name__
    return f"{kind} data is damaged and cannot be decoded ({detail}); {_RECOPY}"


def _bomb_message(text: str) -> str:
    pixels = re.search(r"\((\d+) pixels\)", text)
    size = f" ({int(pixels.group(1)) / 1e6:,.0f} megapixels)" if pixels else ""
    return (
        f"the image is too large to open safely{size}; it may be damaged or built to exhaust "
        "memory (a 'decompression bomb')"
    )


@contextlib.contextmanager
def _open_checked(data: bytes, max_pixels: int) -> Iterator[Image.Image]:
    """Open from memory and refuse, from the header alone, images over `max_pixels`.

    Pillow's own bomb check (Image.MAX_IMAGE_PIXELS, left as the application set it) runs inside
    Image.open and only warns below twice its limit; that warning is made an error here. Because
    warning filters are process-wide, the lock keeps concurrent decodes from restoring each
    other's filters out of order; Image.open reads only the header, so it is held briefly.
    """
    heif.register()
    with _OPEN_LOCK, warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        opened = Image.open(io.BytesIO(data), formats=_PILLOW_FORMATS)
    with opened as im:
        # Hand the JPEG decoder the whole file in one call, not in 64 KiB pieces: the bytes are
        # in memory already, and each piece is a GIL release and re-acquire. Beside a busy Python
        # thread (a GUI thread, the scan's commits) each re-acquire can wait out a switch
        # interval (5 ms): a 12 MP JPEG that decodes in 30 ms alone took 100-120 ms there in
        # pieces, about 60 ms in one call. Alone, it makes no difference. (Only JPEG: for an
        # uncompressed TIFF or BMP one piece would be one more copy of a large file.)
        if isinstance(im, JpegImagePlugin.JpegImageFile):
            im.decodermaxblock = max(im.decodermaxblock, len(data))
        width, height = im.size
        if width * height > max_pixels:
            raise PhotoError(
                TOO_LARGE,
                f"the image is {width}x{height} ({width * height / 1e6:,.0f} megapixels), "
                f"over the limit of {max_pixels / 1e6:,.0f} megapixels",
            )
        yield im


def _load(im: Image.Image, data: bytes) -> tuple[Image.Image, int, str | None, Cut | None]:
    """Decode the pixels, then read orientation and date; a JPEG or PNG cut short is decoded as
    far as it goes (its Cut says how far; None: the whole picture), the rows it no longer holds
    grey. The picture to use comes first: `im`, or for a PNG cut short an RGB copy with its
    missing rows grey (Pillow leaves them black), or for an interlaced one filled in.

    Decoding comes first: for PNG, reading EXIF decodes the pixels as a side effect (the eXIf
    chunk may follow the image data), and a failure there must not be mistaken for bad EXIF.
    """
    cut = None
    try:
        im.load()
    except OSError as exc:
        if not is_truncation(im, exc, data):
            raise
        cut = load_rest(im, data)
    facts = _exif_facts(im)
    if cut is None or not (cut.grey_below or cut.sparse_from is not None):
        return im, *facts, cut
    filled = _to_rgb(im)
    if cut.sparse_from is not None:
        return fill_between(filled, cut), *facts, cut
    filled.paste(GREY, (0, cut.rows, *filled.size))
    return filled, *facts, cut


def _rows(im: Image.Image, cut: Cut) -> Image.Image:
    return im.crop((0, 0, im.size[0], cut.rows))


@contextlib.contextmanager
def _exif_read() -> Iterator[None]:
    """Reading EXIF without Pillow's "UserWarning: Truncated File Read" on the terminal: an EXIF
    value that points past the end of its block (a damaged sub-IFD) warns as Pillow drops it, a
    line a photographer cannot act on; the rest is read as usual. Under the lock for the reason
    _open_checked gives: warning filters are process-wide, restored when the block ends."""
    with _OPEN_LOCK, warnings.catch_warnings():
        warnings.filterwarnings(
            "ignore", "Truncated File Read", UserWarning, r"PIL\.TiffImagePlugin"
        )
        yield


def _exif_facts(im: Image.Image) -> tuple[int, str | None]:
    """(orientation 1-8, taken_at); damaged EXIF counts as absent, since the pixels may be fine."""
    try:
        with _exif_read():
            exif = im.getexif()
    except Exception:
        return 1, None
    return _facts(exif)


def _facts(exif: Image.Exif) -> tuple[int, str | None]:
    orientation = exif.get(_ORIENTATION, 1)
    if not isinstance(orientation, int) or not 1 <= orientation <= 8:
        orientation = 1
    try:
        with _exif_read():
            original = exif.get_ifd(_EXIF_IFD).get(_DATETIME_ORIGINAL)
    except Exception:
        original = None
    taken_at = _exif_datetime(original) or _exif_datetime(exif.get(_DATETIME))
    return orientation, taken_at


def _raw_taken_at(exif: Image.Exif | None) -> str | None:
    """A RAW's date taken, from the EXIF its header holds (None where it holds none)."""
    return _facts(exif)[1] if exif is not None else None


def _exif_datetime(value: object) -> str | None:
    if isinstance(value, bytes):
        value = value.decode("ascii", "replace")
    if not isinstance(value, str):
        return None
    match = _EXIF_DATE.match(value.strip(" \x00"))
    if match is None:
        return None
    try:
        year, month, day, hour, minute, second = (int(part) for part in match.groups())
        moment = datetime(year, month, day, hour, minute, second)
    except ValueError:  # "0000:00:00 00:00:00" and friends, written by cameras with no clock set
        return None
    return moment.isoformat(timespec="seconds")


def _oriented_size(size: tuple[int, int], orientation: int) -> tuple[int, int]:
    width, height = size
    return (height, width) if orientation >= 5 else (width, height)


def _draft(im: Image.Image, factor: float) -> None:
    """Let libjpeg decode at 1/2, 1/4 or 1/8 scale, no smaller than `factor` allows.

    A rotation swaps the axes but not which side is short, so the request needs no orientation.
    """
    if factor < 2:
        return
    width, height = im.size
    # Pillow picks the largest scale that keeps both sides at least the requested size.
    im.draft("RGB", (math.ceil(width / factor), math.ceil(height / factor)))


def _oriented_rgb(im: Image.Image, orientation: int) -> Image.Image:
    if orientation in _TRANSPOSE and im.mode == "RGB" and "transparency" not in im.info:
        return im.transpose(_TRANSPOSE[orientation])  # a new image already: no copy first
    rgb = _to_rgb(im)
    if orientation in _TRANSPOSE:
        rgb = rgb.transpose(_TRANSPOSE[orientation])
    return rgb


def _to_rgb(im: Image.Image) -> Image.Image:
    mode = im.mode
    if mode == "RGB" and "transparency" not in im.info:
        return im.copy()
    if mode.startswith("I") or mode == "F":
        # Pillow's own I;16 -> L conversion clips at 255 instead of scaling, turning 16-bit
        # scans white.
        gray = Image.fromarray(_gray_to_uint8(np.asarray(im), sixteen_bit=mode.startswith("I;16")))
        return gray.convert("RGB")
    if "A" in mode or "a" in mode or "transparency" in im.info:
        # Composite on white: the resize that follows would otherwise drag the colour hidden
        # under transparent pixels (often black) into the edges.
        rgba = im.convert("RGBA")
        background = Image.new("RGB", im.size, (255, 255, 255))
        background.paste(rgba, mask=rgba.getchannel("A"))
        return background
    try:
        return im.convert("RGB")
    except ValueError:
        raise PhotoError(
            UNSUPPORTED, f"the image uses the {mode} colour mode, which phototagger cannot convert"
        ) from None


def _gray_to_uint8(pixels: np.ndarray, *, sixteen_bit: bool) -> np.ndarray:
    # A band of rows at a time: a float64 copy of a whole 200 MP image would be 1.6 GB.
    peak = 0.0
    if not sixteen_bit:
        peak = max((float(np.nan_to_num(band).max()) for band in _bands(pixels)), default=0.0)
    if sixteen_bit:
        scale = 255 / 65535
    elif pixels.dtype.kind == "f":
        # Float images are either 0-1 (scientific convention) or already on the 0-255 scale.
        scale = 255.0 if peak <= 1.0 else 1.0
    else:
        # 32-bit integer images: usually 16-bit data widened by the decoder.
        scale = 1.0 if peak <= 255 else 255 / 65535 if peak <= 65535 else 255 / peak
    out = np.empty(pixels.shape, dtype=np.uint8)
    for band, target in zip(_bands(pixels), _bands(out), strict=True):
        values = np.nan_to_num(band.astype(np.float64))
        target[...] = np.clip(np.rint(values * scale), 0, 255)
    return out


def _bands(pixels: np.ndarray, rows: int = 256) -> list[np.ndarray]:
    return [pixels[start : start + rows] for start in range(0, max(len(pixels), 1), rows)]


def _model_input(rgb: Image.Image, model_size: int, resize_short: int) -> np.ndarray:
    """The ImageNet evaluation view (short side to `resize_short`, centre `model_size` square) as
    HxWx3 uint8, resampled (bicubic) straight from the crop's box in the decoded image.

    Resizing the whole image and then cropping gives nearly the same pixels (measured on
    det-photos: tags identical on 99.8 %, top-1 on all; tests/test_imaging_crop.py checks the
    pixels and the geometry) but resamples the margins the crop throws away: this takes about
    40 % less CPU there, and a panorama needs no huge intermediate.
    """
    width, height = rgb.size
    # The box is where torchvision's Resize(int) + CenterCrop would cut, mapped back to the
    # decoded image: same integer arithmetic for the resized size and the crop's corner.
    if width <= height:
        new_w, new_h = resize_short, int(resize_short * height / width)
    else:
        new_w, new_h = int(resize_short * width / height), resize_short
    left = int(round((new_w - model_size) / 2.0))
    top = int(round((new_h - model_size) / 2.0))
    sx, sy = width / new_w, height / new_h
    box = (left * sx, top * sy, (left + model_size) * sx, (top + model_size) * sy)
    crop = rgb.resize((model_size, model_size), Image.Resampling.BICUBIC, box=box)
    return np.array(crop, dtype=np.uint8)
