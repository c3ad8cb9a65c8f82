"""Real image files, good and bad, written on demand for tests and benchmarks.

Every function writes a file (or folder) at the path it is given and returns that path, so a test
reads like `decode_photo(truncated_jpeg(tmp_path / "cut.jpg"))`. Nothing is mocked: the bad files
are the kind a camera card, a failed copy or a confused download actually produces.
"""

from __future__ import annotations

import io
import math
import os
import struct
import zlib
from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw, ImageFilter

REAL_PHOTOS = ("chelsea", "coffee", "astronaut", "rocket")

# The colours of the marker photo made by `marked_photo`, as it should look when displayed.
TOP_COLOUR = (230, 20, 20)
LEFT_COLOUR = (20, 200, 20)
BODY_COLOUR = (128, 128, 128)

# How the stored pixels must be transformed for display, per EXIF orientation (as
# ImageOps.exif_transpose); the factory stores the inverse so the displayed photo is the same.
_INVERSE_OF_DISPLAY = {
    1: None,
    2: Image.Transpose.FLIP_LEFT_RIGHT,
    3: Image.Transpose.ROTATE_180,
    4: Image.Transpose.FLIP_TOP_BOTTOM,
    5: Image.Transpose.TRANSPOSE,
    6: Image.Transpose.ROTATE_90,  # display rotates 270, so store rotated 90
    7: Image.Transpose.TRANSVERSE,
    8: Image.Transpose.ROTATE_270,
}


def _write(dest: Path, data: bytes) -> Path:
    dest = Path(dest)
    dest.parent.mkdir(parents=True, exist_ok=True)
    dest.write_bytes(data)
    return dest


def _encode(img: Image.Image, fmt: str, **params: object) -> bytes:
    buf = io.BytesIO()
    img.save(buf, fmt, **params)
    return buf.getvalue()


def real_photo(dest: Path, name: str = "chelsea", *, quality: int = 92) -> Path:
    """A real photograph from scikit-image's bundled data (chelsea, coffee, astronaut, rocket)."""
    if name not in REAL_PHOTOS:
        raise ValueError(f"unknown photo {name!r}; choose from {REAL_PHOTOS}")
    import skimage.data  # slow import, needed only here

    pixels = getattr(skimage.data, name)()
    return _write(dest, _encode(Image.fromarray(pixels).convert("RGB"), "JPEG", quality=quality))


def synthetic_photo(width: int, height: int, seed: int = 0) -> Image.Image:
    """A photo-like RGB image: soft colour fields, hard-edged shapes, texture and sensor grain.

    JPEG-compresses like a real camera photo (about 0.3 bytes per pixel at quality 90), unlike
    flat colours (far smaller) or pure noise (far larger), so decode timings are realistic.
    """
    rng = np.random.default_rng(seed)
    sky = rng.integers(0, 256, (4, 5, 3), dtype=np.uint8)
    img = Image.fromarray(sky).resize((width, height), Image.Resampling.BICUBIC)
    draw = ImageDraw.Draw(img)
    for _ in range(60):
        x0, y0 = int(rng.integers(0, width)), int(rng.integers(0, height))
        side = int(rng.integers(max(width // 40, 1), max(width // 5, 2)))
        colour = tuple(int(c) for c in rng.integers(0, 256, 3))
        kind = int(rng.integers(0, 3))
        if kind == 0:
            draw.ellipse((x0, y0, x0 + side, y0 + int(side * rng.uniform(0.5, 1.5))), fill=colour)
        elif kind == 1:
            draw.rectangle((x0, y0, x0 + side, y0 + int(side * rng.uniform(0.3, 2))), fill=colour)
        else:
            end = (int(rng.integers(0, width)), int(rng.integers(0, height)))
            draw.line((x0, y0, *end), fill=colour, width=int(rng.integers(2, 30)))
    img = img.filter(ImageFilter.BoxBlur(2))
    pixels = np.asarray(img).astype(np.int16)
    texture_small = rng.integers(0, 256, (max(height // 6, 1), max(width // 6, 1)), np.uint8)
    texture = Image.fromarray(texture_small).resize((width, height), Image.Resampling.BILINEAR)
    grain = np.asarray(texture, dtype=np.int16) // 3 - 42
    grain += rng.integers(-8, 9, (height, width), dtype=np.int16)
    pixels += grain[..., None]
    np.clip(pixels, 0, 255, out=pixels)
    return Image.fromarray(pixels.astype(np.uint8))


def big_jpeg(dest: Path, megapixels: float = 12, seed: int = 0, *, quality: int = 90) -> Path:
    """A 4:3 camera-sized JPEG (12 MP: 4000x3000, about 3.5 MB)."""
    height = round(math.sqrt(megapixels * 1e6 * 3 / 4))
    width = round(height * 4 / 3)
    return _write(dest, _encode(synthetic_photo(width, height, seed), "JPEG", quality=quality))


def marked_image(width: int = 400, height: int = 300) -> Image.Image:
    """Grey with a red top edge and a green left edge: any rotation or flip shows in the pixels."""
    img = Image.new("RGB", (width, height), BODY_COLOUR)
    draw = ImageDraw.Draw(img)
    band = max(min(width, height) // 8, 1)
    draw.rectangle((0, 0, width - 1, band - 1), fill=TOP_COLOUR)
    draw.rectangle((0, band, band - 1, height - 1), fill=LEFT_COLOUR)
    return img


def jpeg_with_orientation(
    dest: Path, orientation: int, *, width: int = 400, height: int = 300
) -> Path:
    """A JPEG that, displayed per its EXIF orientation, is `marked_image(width, height)`.

    The stored pixels (and header size) are rotated or flipped so that only a reader that honours
    the orientation tag sees the red edge on top and the green edge on the left.
    """
    inverse = _INVERSE_OF_DISPLAY[orientation]
    stored = marked_image(width, height)
    if inverse is not None:
        stored = stored.transpose(inverse)
    exif = Image.Exif()
    exif[0x0112] = orientation
    return _write(dest, _encode(stored, "JPEG", quality=95, exif=exif))


def jpeg_with_dates(
    dest: Path, *, original: str | None = None, modified: str | None = None
) -> Path:
    """A JPEG with EXIF DateTimeOriginal (Exif IFD 0x9003) and/or DateTime (0x0132) as given."""
    exif = Image.Exif()
    if modified is not None:
        exif[0x0132] = modified
    if original is not None:
        exif.get_ifd(0x8769)[0x9003] = original
    return _write(dest, _encode(marked_image(64, 48), "JPEG", exif=exif))


def truncated_jpeg(dest: Path) -> Path:
    """The first half of a real JPEG: what an interrupted copy leaves behind."""
    data = _encode(_photo_pixels("chelsea"), "JPEG", quality=92)
    return _write(dest, data[: len(data) // 2])


def truncated_png(dest: Path) -> Path:
    """The first quarter of a PNG: under half its rows, too little to show (half of one is
    shown, as a JPEG's is)."""
    data = _encode(_photo_pixels("coffee"), "PNG")
    return _write(dest, data[: len(data) // 4])


def headless_copy(source: Path, dest: Path) -> Path:
    """A copy of a real photo whose first bytes were wiped (no JPEG header left to read)."""
    damaged = bytearray(source.read_bytes())
    damaged[:64] = bytes(64)
    return _write(dest, bytes(damaged))


def mend(path: Path, source: Path) -> None:
    """A good copy of `source` put in the place of the damaged file at `path` with its time
    (`cp -p` from a backup): of a file of the same size, a scan sees no change."""
    before = path.stat()
    path.write_bytes(source.read_bytes())
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))


def corrupt_jpeg(dest: Path) -> Path:
    """A JPEG whose middle was overwritten by garbage that includes a stray frame marker.

    libjpeg quietly repairs most garbage inside the compressed data (the photo just shows a
    smeared band), so only damage it cannot get past, such as a second start-of-frame marker in
    the middle of the scan, is a decode error at all.
    """
    data = bytearray(_encode(_photo_pixels("chelsea"), "JPEG", quality=92))
    middle = len(data) // 2
    garbage = np.random.default_rng(1).integers(0, 256, 64, dtype=np.uint8).tobytes()
    data[middle : middle + 68] = b"\xff\xc0\x00\x11" + garbage
    return _write(dest, bytes(data))


def corrupt_png(dest: Path) -> Path:
    """A PNG whose header chunk fails its CRC check (one bit flipped in the stored width)."""
    data = bytearray(_encode(_photo_pixels("coffee"), "PNG"))
    data[16] ^= 0x01  # IHDR data starts at byte 16; its CRC (bytes 29-32) now mismatches
    return _write(dest, bytes(data))


def corrupt_png_data(dest: Path) -> Path:
    """A PNG with a valid header whose compressed pixel data has garbage in the middle."""
    data = bytearray(_encode(_photo_pixels("coffee"), "PNG"))
    idat = data.index(b"IDAT")
    (length,) = struct.unpack(">I", data[idat - 4 : idat])
    start = idat + 4 + length // 2
    data[start : start + 256] = np.random.default_rng(0).integers(0, 256, 256, np.uint8).tobytes()
    return _write(dest, bytes(data))


def empty_file(dest: Path) -> Path:
    return _write(dest, b"")


def text_as_jpg(dest: Path) -> Path:
    """A text file that someone (or some tool) named like a photo."""
    return _write(dest, b"Holiday notes\nDay 1: beach. Day 2: museum.\n" * 20)


def photo_and_notes(folder: Path) -> Path:
    """`folder` with a real photo in it (coffee.jpg) and a file that is no photo (notes.jpg)."""
    real_photo(folder / "coffee.jpg", "coffee")
    text_as_jpg(folder / "notes.jpg")
    return folder


def random_bytes(dest: Path, size: int = 4096, seed: int = 0) -> Path:
    return _write(dest, np.random.default_rng(seed).integers(0, 256, size, np.uint8).tobytes())


def png_with_header_size(dest: Path, width: int, height: int, mode: str = "1") -> Path:
    """A tiny PNG whose header declares width x height; the pixel data is a single pixel's worth.

    The header and its CRC are valid, so only a size check stops a reader from allocating
    width x height pixels: this is how a decompression bomb looks.
    """
    data = bytearray(_encode(Image.new(mode, (1, 1)), "PNG"))
    data[16:24] = struct.pack(">II", width, height)
    data[29:33] = struct.pack(">I", zlib.crc32(bytes(data[12:29])))
    return _write(dest, bytes(data))


def bomb_png(dest: Path) -> Path:
    """A few dozen bytes declaring a 30000x30000 (900-megapixel) image."""
    return png_with_header_size(dest, 30000, 30000)


def unreadable_file(dest: Path) -> Path:
    """A real JPEG with no read permission (chmod 000).

    Root (and CAP_DAC_OVERRIDE) reads it anyway, so a test using this should call
    `skip_if_readable(path)`; `folder_named_like_photo` fails to read for every user.
    """
    real_photo(dest, "chelsea")
    os.chmod(dest, 0)
    return dest


def skip_if_readable(path: Path) -> None:
    import pytest

    if os.access(path, os.R_OK):
        pytest.skip("running with privileges that read a chmod 000 file (root)")


def folder_named_like_photo(dest: Path) -> Path:
    """A folder called e.g. 'photo.jpg': reading it as a file fails (EISDIR) even for root.

    This is the honest stand-in for an unreadable path when tests run as root, where permission
    bits are ignored; it exercises the same OSError path as an I/O or permission failure.
    """
    dest.mkdir(parents=True)
    return dest


def non_utf8_name(dest_dir: Path, raw_name: bytes = b"caf\xe9.jpg") -> Path:
    """A valid JPEG whose file name bytes are Latin-1, not UTF-8 (as old Windows zips leave).

    Returns the path as Python sees it: the bad byte decodes to a lone surrogate ('\\udce9').
    """
    dest_dir.mkdir(parents=True, exist_ok=True)
    raw_path = os.path.join(os.fsencode(dest_dir), raw_name)
    data = _encode(marked_image(64, 48), "JPEG")
    fd = os.open(raw_path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
    try:
        os.write(fd, data)
    finally:
        os.close(fd)
    return Path(os.fsdecode(raw_path))


def _photo_pixels(name: str) -> Image.Image:
    import skimage.data

    return Image.fromarray(getattr(skimage.data, name)()).convert("RGB")


# Colour modes other than 8-bit RGB; each must decode to the RGB a viewer would show.


def png_with_alpha(dest: Path, *, width: int = 400, height: int = 300) -> Path:
    """Opaque red left half, fully transparent (hidden colour: black) right half."""
    img = Image.new("RGBA", (width, height), (0, 0, 0, 0))
    ImageDraw.Draw(img).rectangle((0, 0, width // 2 - 1, height - 1), fill=(255, 0, 0, 255))
    return _write(dest, _encode(img, "PNG"))


def palette_gif(dest: Path, *, frames: int = 2) -> Path:
    """An animated palette GIF: frame 0 is blue, later frames alternate yellow and red."""
    colours = [(0, 0, 255)] + [[(255, 255, 0), (255, 0, 0)][i % 2] for i in range(frames - 1)]
    first, *rest = [
        Image.new("RGB", (300, 200), colour).convert("P", palette=Image.Palette.ADAPTIVE)
        for colour in colours
    ]
    buf = io.BytesIO()
    first.save(buf, "GIF", save_all=True, append_images=rest, duration=100, loop=0)
    return _write(dest, buf.getvalue())


def png_16bit_gray(dest: Path, *, width: int = 512, height: int = 300) -> Path:
    """A 16-bit greyscale PNG, a left-to-right ramp over the full 0-65535 range."""
    ramp = np.linspace(0, 65535, width).round().astype(np.uint16)
    return _write(dest, _encode(Image.fromarray(np.tile(ramp, (height, 1))), "PNG"))


def cmyk_jpeg(dest: Path, cmyk: tuple[int, int, int, int] = (0, 255, 255, 0)) -> Path:
    """A CMYK JPEG (as printing workflows export) in one ink colour; the default is pure red."""
    return _write(dest, _encode(Image.new("CMYK", (320, 240), cmyk), "JPEG", quality=95))


def grayscale_jpeg(dest: Path) -> Path:
    return _write(dest, _encode(_photo_pixels("chelsea").convert("L"), "JPEG", quality=92))


def bilevel_png(dest: Path) -> Path:
    """A 1-bit black and white PNG (a scanned document or a fax): top half black."""
    img = Image.new("1", (400, 300), 1)
    ImageDraw.Draw(img).rectangle((0, 0, 399, 149), fill=0)
    return _write(dest, _encode(img, "PNG"))


def photo_as(dest: Path, fmt: str, name: str = "chelsea") -> Path:
    """A real photo saved in another format (PNG, WEBP, TIFF, BMP, GIF)."""
    img = _photo_pixels(name)
    if fmt == "GIF":
        img = img.convert("P", palette=Image.Palette.ADAPTIVE)
    return _write(dest, _encode(img, fmt))


# Real photos without people, for negatives of a "face" concept (astronaut and camera show people).
NO_PEOPLE = (
    "chelsea",
    "coffee",
    "rocket",
    "moon",
    "brick",
    "grass",
    "gravel",
    "coins",
    "hubble_deep_field",
    "immunohistochemistry",
    "retina",
    "stereo_motorcycle",
    "clock",
)


def lfw_face(dest: Path, index: int, size: int = 224) -> Path:
    """One of scikit-image's 100 real face photos (Labeled Faces in the Wild, 25x25 grayscale),
    enlarged to a photo-sized JPEG."""
    import skimage.data

    faces = skimage.data.lfw_subset()[:100]
    pixels = (faces[index % 100] * 255).astype(np.uint8)
    img = Image.fromarray(pixels).resize((size, size), Image.Resampling.BICUBIC).convert("RGB")
    return _write(dest, _encode(img, "JPEG", quality=92))


def degraded_patch(dest: Path, seed: int, size: int = 224) -> Path:
    """A random crop of a real photo without people, degraded exactly like `lfw_face` (25x25
    grayscale, enlarged), so a face concept cannot be learned from blur or the lack of colour."""
    rng = np.random.default_rng(seed)
    import skimage.data

    array = getattr(skimage.data, NO_PEOPLE[seed % len(NO_PEOPLE)])()
    src = Image.fromarray(array[0] if isinstance(array, tuple) else array).convert("L")
    w, h = src.size
    side = int(rng.integers(min(w, h) // 4, min(w, h) + 1))
    left = int(rng.integers(0, w - side + 1))
    top = int(rng.integers(0, h - side + 1))
    patch = src.crop((left, top, left + side, top + side)).resize((25, 25), Image.Resampling.BOX)
    img = patch.resize((size, size), Image.Resampling.BICUBIC).convert("RGB")
    return _write(dest, _encode(img, "JPEG", quality=92))
