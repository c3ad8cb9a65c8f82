"""Real HEIC, AVIF, RAW and video files for tests and benchmarks, written on demand.

HEIC and AVIF are encoded by the same libraries a phone's files are read with (libheif/x265,
libavif) from scikit-image's real photos; clips are H.264 in MP4, encoded with PyAV from real
frames. The one RAW is a real camera DNG (tests/data/README.md says where it comes from).
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from fractions import Fraction
from pathlib import Path

import numpy as np
from PIL import Image

from tests.photo_factory import _INVERSE_OF_DISPLAY, _photo_pixels, _write, marked_image

DATA = Path(__file__).parent / "data"
RAW_DNG = DATA / "canon_eos_6d.dng"  # a computer monitor and keyboard, 1224x816, JPEG preview
# Where the DNG's embedded JPEG preview lies (from its PreviewImageStart/Length tags).
_DNG_PREVIEW = slice(145584, 145584 + 57901)


def _heif_encoder() -> None:
    import pillow_heif

    pillow_heif.register_heif_opener()


def heic_photo(
    dest: Path, name: str = "chelsea", *, orientation: int = 1, quality: int = 70
) -> Path:
    """A real photo as HEIC; with `orientation`, stored turned so only an honest reader shows
    it upright (libheif writes the turn as the file's own rotation box)."""
    _heif_encoder()
    img = _photo_pixels(name) if orientation == 1 else _stored(orientation)
    return _write(dest, _encode(img, "HEIF", orientation, quality))


def avif_photo(
    dest: Path, name: str = "coffee", *, orientation: int = 1, quality: int = 70
) -> Path:
    img = _photo_pixels(name) if orientation == 1 else _stored(orientation)
    return _write(dest, _encode(img, "AVIF", orientation, quality))


def _stored(orientation: int) -> Image.Image:
    inverse = _INVERSE_OF_DISPLAY[orientation]
    img = marked_image(400, 300)
    return img.transpose(inverse) if inverse is not None else img


def _encode(img: Image.Image, fmt: str, orientation: int, quality: int) -> bytes:
    exif = Image.Exif()
    exif[0x0112] = orientation
    exif[0x0132] = "2021:07:14 09:30:00"
    buf = io.BytesIO()
    img.save(buf, fmt, quality=quality, exif=exif.tobytes())
    return buf.getvalue()


def truncated_heic(dest: Path) -> Path:
    _heif_encoder()
    data = _encode(_photo_pixels("chelsea"), "HEIF", 1, 70)
    return _write(dest, data[: len(data) // 2])


def raw_photo(dest: Path) -> Path:
    return _write(dest, RAW_DNG.read_bytes())


def raw_without_preview(dest: Path) -> Path:
    """The real DNG with its embedded preview wiped: LibRaw must decode the sensor data."""
    data = bytearray(RAW_DNG.read_bytes())
    data[_DNG_PREVIEW] = bytes(_DNG_PREVIEW.stop - _DNG_PREVIEW.start)
    return _write(dest, bytes(data))


def truncated_raw(dest: Path) -> Path:
    return _write(dest, RAW_DNG.read_bytes()[:4096])


# Where the DNG's sensor data lies: its six lossless JPEG tiles (TileOffsets, TileByteCounts),
# the last one from 388546 on. Its preview ends at 203485, before them.
DNG_LAST_TILE = 388546


def raw_cut_in_its_sensor_data(dest: Path, *, preview: bool = True) -> Path:
    """The real DNG as an interrupted copy leaves it: cut half way through its last tile of
    sensor data (its preview, before the sensor data, whole; or wiped, `preview` False)."""
    data = (RAW_DNG if preview else raw_without_preview(dest)).read_bytes()
    return _write(dest, data[: DNG_LAST_TILE + 10_000])


RW2 = DATA / "panasonic_dmc_lx3.rw2"  # a real RW2's header, its sensor data stripped
# The RW2's RawDataOffset; LibRaw reads its sensor data in blocks of 16 KiB: 3724x2754 pixels
# packed 14 to 16 bytes (RawFormat 4) take 716 of them.
_RW2_DATA = 11644
_RW2_BLOCKS = 716 * 16384


def whole_rw2(dest: Path) -> Path:
    """The real RW2 header with its sensor data's length put back (zeros: a black picture), as
    a whole file is long; its preview is the 8x8 stub the stripped file holds."""
    data = RW2.read_bytes()[:_RW2_DATA]
    return _write(dest, data + bytes(_RW2_BLOCKS))


def clip(
    dest: Path,
    frames: Sequence[Image.Image],
    *,
    seconds_each: float = 1.0,
    fps: int = 10,
    rotation: int = 0,
    gop: int | None = None,
    creation_time: str | None = None,
) -> Path:
    """An H.264 MP4 showing each image for `seconds_each`; `rotation` is written as the
    display matrix (counterclockwise degrees), as phones do for portrait clips."""
    import av

    dest = Path(dest)
    dest.parent.mkdir(parents=True, exist_ok=True)
    width = frames[0].width // 2 * 2
    height = frames[0].height // 2 * 2
    with av.open(str(dest), "w", format="mp4") as out:
        if creation_time is not None:
            out.metadata["creation_time"] = creation_time
        stream = out.add_stream("libx264", rate=fps)
        stream.width, stream.height, stream.pix_fmt = width, height, "yuv420p"
        stream.options = {"preset": "ultrafast", "crf": "28"}
        if gop is not None:
            stream.codec_context.gop_size = gop
        if rotation:
            stream.set_display_rotation(rotation)
        stream.time_base = Fraction(1, fps)
        index = 0
        for img in frames:
            pixels = np.asarray(img.convert("RGB").resize((width, height)))
            for _ in range(round(seconds_each * fps)):
                frame = av.VideoFrame.from_ndarray(pixels, format="rgb24")
                frame.pts = index
                index += 1
                for packet in stream.encode(frame):
                    out.mux(packet)
        for packet in stream.encode():
            out.mux(packet)
    return dest


def photo_clip(
    dest: Path, names: Sequence[str] = ("chelsea",), *, seconds_each: float = 3.0, **options: object
) -> Path:
    return clip(dest, [_photo_pixels(n) for n in names], seconds_each=seconds_each, **options)  # type: ignore[arg-type]


def audio_only_clip(dest: Path, seconds: float = 1.0) -> Path:
    """An MP4 holding a sine tone and no video: a voice memo or a sound clip."""
    import av

    dest = Path(dest)
    dest.parent.mkdir(parents=True, exist_ok=True)
    rate = 44_100
    with av.open(str(dest), "w", format="mp4") as out:
        stream = out.add_stream("aac", rate=rate)
        t = np.arange(int(seconds * rate), dtype=np.float32) / rate
        tone = (0.3 * np.sin(2 * np.pi * 440 * t)).astype(np.float32)[None, :]
        frame = av.AudioFrame.from_ndarray(tone, format="fltp", layout="mono")
        frame.sample_rate = rate
        for packet in stream.encode(frame):
            out.mux(packet)
        for packet in stream.encode():
            out.mux(packet)
    return dest


def truncated_clip(dest: Path) -> Path:
    """The first half of a real clip: the MP4 index (written last) is missing."""
    full = photo_clip(dest.with_name("whole-" + dest.name), ("coffee",))
    data = full.read_bytes()
    full.unlink()
    return _write(dest, data[: len(data) // 2])


def slow_clip(dest: Path, seconds: int = 60) -> Path:
    """A minute of real frames in one group of pictures: every sample needs all frames before it
    decoded, which takes far longer than a tiny decoding budget allows."""
    names = ("chelsea", "coffee", "astronaut", "rocket")
    frames = [_photo_pixels(names[i % 4]) for i in range(seconds)]
    return clip(dest, frames, seconds_each=1.0, fps=10, gop=10_000)
