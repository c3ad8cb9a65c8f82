"""A PNG cut short was refused outright, though a JPEG cut short with at least half its picture
there is shown. Pillow (LOAD_TRUNCATED_IMAGES) decodes a cut PNG's whole rows and leaves the
rest zero, so a PNG is now shown as a JPEG is: the rows there, grey below; the tagger sees only
the rows there; Problems and Details say how much is there. How much is counted from the file's
data, not from black rows at the bottom: a night photo's own black rows are not "missing". An
interlaced PNG and a lossy WebP cut short are shown too (the other kinds of WebP:
test_webp_cut_short_kinds.py)."""

from __future__ import annotations

import io
import struct
import zlib
from pathlib import Path

import numpy as np
import pytest
from PIL import Image
from pytestqt.qtbot import QtBot

from phototagger.core.catalog import problems
from phototagger.core.decoders.partial import MIN_VISIBLE
from phototagger.core.errors import TRUNCATED, PhotoError
from phototagger.core.imaging import decode_photo, load_full_image
from phototagger.core.library import open_library
from phototagger.core.states import PhotoStatus
from phototagger.gui.problems_dialog import ProblemsDialog
from phototagger.paths import default_home
from phototagger.store.photos import get_photo_by_path
from tests.cut_short_helpers import percent_there, read_webp_in_part
from tests.scan_helpers import run_scan

DET = Path("/work/shared/data/det-photos")
FLUTE = DET / "n03372029_58342_flute.jpg"


def _png(dest: Path, picture: Image.Image, fraction: float = 1.0, drop: int = 0) -> Path:
    """`picture` as a PNG cut short: `fraction` of its bytes, less the last `drop`."""
    whole = io.BytesIO()
    picture.save(whole, "PNG")
    data = whole.getvalue()
    dest.write_bytes(data[: int(len(data) * fraction) - drop])
    return dest


# Adam7's passes: (first column, first row, column step, row step).
_ADAM7 = (
    (0, 0, 8, 8),
    (4, 0, 8, 8),
    (0, 4, 4, 8),
    (2, 0, 4, 4),
    (0, 2, 2, 4),
    (1, 0, 2, 2),
    (0, 1, 1, 2),
)


def _interlaced_png(dest: Path, picture: Image.Image, fraction: float) -> Path:
    """`picture` as an interlaced (Adam7) RGB PNG, as a web export or an old scanner writes it
    (Pillow writes none), in IDAT chunks of 64 KiB, cut short to `fraction` of its bytes."""
    pixels = np.asarray(picture.convert("RGB"))
    height, width = pixels.shape[:2]
    stored = b"".join(
        b"\x00" + pixels[y, x0::dx].tobytes()
        for x0, y0, dx, dy in _ADAM7
        if x0 < width
        for y in range(y0, height, dy)
    )
    packed = zlib.compress(stored, 6)

    def chunk(kind: bytes, body: bytes) -> bytes:
        crc = struct.pack(">I", zlib.crc32(kind + body))
        return struct.pack(">I", len(body)) + kind + body + crc

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 1)
    data = b"".join(
        [
            b"\x89PNG\r\n\x1a\n",
            chunk(b"IHDR", header),
            *(chunk(b"IDAT", packed[i : i + 65536]) for i in range(0, len(packed), 65536)),
            chunk(b"IEND", b""),
        ]
    )
    whole = Image.open(io.BytesIO(data))
    assert whole.info.get("interlace") and (np.asarray(whole) == pixels).all()
    dest.write_bytes(data[: int(len(data) * fraction)])
    return dest


def test_a_png_cut_short_is_shown_from_its_rows_there(tmp_path: Path) -> None:
    picture = Image.open(FLUTE).convert("RGB")
    cut = _png(tmp_path / "flute.png", picture, 0.7)
    part = decode_photo(cut)
    assert part.damage is not None and part.damage.code == TRUNCATED
    assert part.damage.message.startswith("the lower part is missing: the file ends early (")
    percent = percent_there(part.damage.message)
    assert MIN_VISIBLE * 100 <= percent < 100
    assert (part.width, part.height) == picture.size

    # What the viewer shows: the photo's own rows down to the figure the note gives, grey below.
    shown = np.asarray(load_full_image(cut))
    original = np.asarray(picture)
    assert shown.shape == original.shape
    same = (shown == original).reshape(len(shown), -1).all(axis=1)
    grey = (shown == 128).reshape(len(shown), -1).all(axis=1)
    rows_there = int(np.argmin(same))  # the first row that differs from the photo
    assert same[:rows_there].all() and grey[rows_there:].all()
    assert percent == int(100 * rows_there / picture.height)

    # The thumbnail shows the whole frame, grey at the bottom; the tagger none of the grey.
    thumb = np.asarray(part.thumbnail)
    assert (np.abs(thumb[-2:].astype(int) - 128) <= 2).all()
    assert not (np.abs(thumb[:10].astype(int) - 128) <= 2).all()
    model = part.model_input
    assert not (np.abs(model[-4:].astype(int) - 128) <= 2).reshape(4, -1).all(axis=1).any()


def test_a_dark_photo_s_black_rows_are_not_counted_missing(tmp_path: Path) -> None:
    """Pillow leaves the missing rows black; a photo whose lower part is black (a night sky
    upside down, a vignette) is not taken for one mostly missing: the note says how much of
    the file is there, and its black rows there stay black, only the missing ones grey."""
    pixels = np.asarray(Image.open(FLUTE).convert("RGB")).copy()
    height = len(pixels)
    pixels[height // 2 :] = 0  # its lower half black
    # Black rows cost almost nothing to store: the last 200 bytes hold a quarter of the rows.
    cut = _png(tmp_path / "dark.png", Image.fromarray(pixels), drop=200)
    part = decode_photo(cut)
    assert part.damage is not None
    percent = percent_there(part.damage.message)
    assert 60 <= percent < 100  # not the 50 % the black rows at the bottom would say
    shown = np.asarray(load_full_image(cut))
    black = (shown == 0).reshape(height, -1).all(axis=1)
    grey = (shown == 128).reshape(height, -1).all(axis=1)
    there = int(np.argmax(grey))
    assert black[height // 2 : there].all() and grey[there:].all()
    assert there == pytest.approx(height * percent / 100, abs=height / 100 + 1)


def test_under_half_a_png_is_refused_with_the_figure(tmp_path: Path) -> None:
    cut = _png(tmp_path / "flute.png", Image.open(FLUTE).convert("RGB"), 0.3)
    with pytest.raises(PhotoError) as caught:
        decode_photo(cut)
    assert caught.value.code == TRUNCATED
    message = caught.value.message
    assert message.startswith("the file ends early, with only ")
    assert message.endswith("(PNG data is truncated)")
    assert "too little to tag" in message and percent_there(message) < MIN_VISIBLE * 100
    with pytest.raises(PhotoError):
        load_full_image(cut)


def test_a_cut_png_with_transparency_is_shown_grey_below(tmp_path: Path) -> None:
    """A PNG with an alpha channel: its missing rows are grey too, not transparent (white)."""
    rgba = Image.open(FLUTE).convert("RGBA")
    cut = _png(tmp_path / "flute.png", rgba, 0.8)
    shown = np.asarray(load_full_image(cut))
    assert shown.shape[2] == 3 and (shown[-1] == 128).all()
    part = decode_photo(cut)
    assert part.damage is not None and percent_there(part.damage.message) >= 50


@pytest.mark.model
@pytest.mark.parametrize("kind", ["PNG", "interlaced PNG", "WebP"])
def test_a_scanned_png_cut_short_is_listed_as_cut_short(
    qtbot: QtBot, engine, tmp_path: Path, kind: str
) -> None:
    """A scan tags a PNG cut short from its rows there, and Problems lists it as cut short: the
    keyword read after the tagging (exiv2 refuses a cut PNG too) does not replace that note
    with "the keywords in its file could not be read". So with an interlaced PNG or a lossy
    WebP, which were problems, left out of the grid."""
    pics = tmp_path / "pics"
    pics.mkdir()
    picture = Image.open(FLUTE).convert("RGB")
    if kind == "WebP":
        cut = _webp(pics / "flute.webp", 0.8, quality=90)
    elif kind == "interlaced PNG":
        cut = _interlaced_png(pics / "flute.png", picture, 0.7)
    else:
        cut = _png(pics / "flute.png", picture, 0.7)
    with open_library(default_home()) as library:
        summary = run_scan(library, [pics], engine)
        assert (summary.tagged, summary.problems) == (1, 0)
        photo = get_photo_by_path(library.db, str(cut))
        assert photo is not None and photo.status == PhotoStatus.TAGGED
        [problem] = problems(library.db)
        assert problem.code == TRUNCATED and "% of the picture is there" in problem.message
        dialog = ProblemsDialog(library.db)
        qtbot.addWidget(dialog)
        missing = (
            "every other row of its lower part" if kind == "interlaced PNG" else "its lower part"
        )
        assert dialog.summary.text().startswith(f"1 photo cut short: {missing} is missing")


def test_an_interlaced_png_cut_short_is_shown_whole_from_every_other_row(
    tmp_path: Path,
) -> None:
    """An interlaced PNG holds every other row of its whole picture in the first half of its
    data: cut short past that, it was refused all the same; it is now shown whole, the rows it
    holds as they are, each missing one filled in from the rows above and below it."""
    picture = Image.open(FLUTE).convert("RGB")
    cut = _interlaced_png(tmp_path / "flute.png", picture, 0.7)
    part = decode_photo(cut)
    assert part.damage is not None and part.damage.code == TRUNCATED
    message = part.damage.message
    assert message.startswith("every other row of the lower ") and "interlaced PNG" in message
    percent = percent_there(message)
    assert MIN_VISIBLE * 100 <= percent < 100
    assert (part.width, part.height) == picture.size

    shown = np.asarray(load_full_image(cut)).astype(int)
    original = np.asarray(picture).astype(int)
    assert shown.shape == original.shape
    assert (shown[0::2] == original[0::2]).all()  # every even row, as the file holds it
    exact = (shown == original).reshape(len(shown), -1).all(axis=1)
    missing = np.arange(int(np.argmin(exact)), picture.height, 2)  # the odd rows not there
    assert exact[: missing[0]].all() and missing[0] % 2 == 1
    below = np.where(missing + 1 < picture.height, missing + 1, missing - 1)
    assert (shown[missing] == (original[missing - 1] + original[below] + 1) // 2).all()
    assert percent == pytest.approx(100 * (1 - len(missing) / picture.height), abs=1)
    assert np.abs(shown - original).mean() < 4  # the whole photo, nearly as it was

    # The tagger sees the whole picture, as it would the whole file.
    whole = tmp_path / "whole.png"
    picture.save(whole)
    difference = np.abs(part.model_input.astype(int) - decode_photo(whole).model_input)
    assert difference.mean() < 4


def test_under_half_an_interlaced_png_is_refused_with_the_figure(tmp_path: Path) -> None:
    """Before its sixth pass is whole an interlaced PNG holds only a coarse picture, under
    half of its pixels: refused, as a PNG with under half its rows is."""
    cut = _interlaced_png(tmp_path / "flute.png", Image.open(FLUTE).convert("RGB"), 0.4)
    with pytest.raises(PhotoError) as caught:
        decode_photo(cut)
    assert caught.value.code == TRUNCATED
    assert caught.value.message.startswith("the file ends early, with only ")
    assert caught.value.message.endswith("(PNG data is truncated)")
    assert percent_there(caught.value.message) < MIN_VISIBLE * 100


def _whole_webp(**options: object) -> bytes:
    whole = io.BytesIO()
    Image.open(FLUTE).save(whole, "WEBP", **options)
    return whole.getvalue()


def _webp(dest: Path, fraction: float, **options: object) -> Path:
    data = _whole_webp(**options)
    dest.write_bytes(data[: int(len(data) * fraction)])
    return dest


def test_a_lossy_webp_cut_short_is_shown_from_its_rows_there(tmp_path: Path) -> None:
    """Pillow decodes a WebP whole or not at all, so one cut short was refused; a lossy one's
    rows there are now shown, grey below, and tagged, as a JPEG's are."""
    cut = _webp(tmp_path / "flute.webp", 0.8, quality=90)
    part, percent = read_webp_in_part(cut)
    picture = Image.open(FLUTE).convert("RGB")
    assert (part.width, part.height) == picture.size

    shown = np.asarray(load_full_image(cut)).astype(int)
    original = np.asarray(picture).astype(int)
    assert shown.shape == original.shape
    grey = (shown == 128).reshape(len(shown), -1).all(axis=1)
    rows_there = int(np.argmax(grey))
    assert rows_there and grey[rows_there:].all() and not grey[:rows_there].any()
    assert percent == int(100 * rows_there / picture.height)
    # The rows there are the photo's (WebP is lossy: as close as a whole file's decode is).
    whole = np.asarray(Image.open(io.BytesIO(_whole_webp(quality=90))).convert("RGB"))
    assert np.abs(shown[:rows_there] - whole[:rows_there]).mean() < 3
    assert np.abs(shown[:rows_there] - original[:rows_there]).mean() < 8
    model = part.model_input
    assert not (np.abs(model[-4:].astype(int) - 128) <= 2).reshape(4, -1).all(axis=1).any()


def test_under_half_a_lossy_webp_is_refused_with_the_figure(tmp_path: Path) -> None:
    cut = _webp(tmp_path / "flute.webp", 0.3, quality=90)
    with pytest.raises(PhotoError) as caught:
        decode_photo(cut)
    assert caught.value.code == TRUNCATED
    assert caught.value.message.startswith("the file ends early (at ")
    assert ", with only " in caught.value.message
    assert caught.value.message.endswith("(WebP data is truncated)")
    assert percent_there(caught.value.message) < MIN_VISIBLE * 100
