"""A lossy WebP cut short was shown from its rows there; a lossless one, a transparent one and
an animated one were refused whatever was left of them ("it is a lossless WebP, which can only
be decoded whole"), even an animation whose first frame, the one the library uses, was whole.
Now a lossless or transparent WebP cut short is shown and tagged from the rows there, grey
below, as a lossy one is; an animated one is tagged from its first frame, as an animated GIF
is, or from the part there is of it; one with too little there is refused with where the file
stops ("the file is cut short at N of M bytes"). Real files, made by Pillow (libwebp), cut."""

from __future__ import annotations

import io
import re
from pathlib import Path

import numpy as np
import pytest
from PIL import Image, ImageOps

from phototagger.core.catalog import problems
from phototagger.core.decoders.partial import MIN_VISIBLE
from phototagger.core.errors import TRUNCATED, PhotoError
from phototagger.core.imaging import decode_photo, load_full_image
from phototagger.core.library import open_library
from phototagger.core.states import PhotoStatus
from phototagger.paths import default_home
from phototagger.store.photos import get_photo_by_path
from tests.cut_short_helpers import percent_there, read_webp_in_part
from tests.scan_helpers import run_scan

FLUTE = Path("/work/shared/data/det-photos/n03372029_58342_flute.jpg")


def _picture() -> Image.Image:
    return Image.open(FLUTE).convert("RGB")


def _see_through() -> Image.Image:
    """The photo, its left half fading out (transparent at the left edge)."""
    rgba = np.asarray(_picture().convert("RGBA")).copy()
    width = rgba.shape[1]
    rgba[:, : width // 2, 3] = np.linspace(0, 255, width // 2).astype(np.uint8)
    return Image.fromarray(rgba)


def _whole(kind: str) -> bytes:
    out = io.BytesIO()
    if kind == "lossless":
        _picture().save(out, "WEBP", lossless=True)
    elif kind == "transparent":  # VP8X + ALPH + VP8
        _see_through().save(out, "WEBP", quality=90)
    elif kind == "transparent lossless":  # VP8L with its alpha
        _see_through().save(out, "WEBP", lossless=True)
    elif kind == "animated framed":  # its first frame (lossless) only the photo's rectangle
        framed = Image.new("RGBA", (_picture().width + 40, _picture().height + 40))
        framed.paste(_picture(), (20, 20))
        after = ImageOps.invert(framed.convert("RGB"))
        framed.save(out, "WEBP", save_all=True, append_images=[after], lossless=True)
    else:  # animated (VP8X + ANIM + ANMF): the photo, then the photo inverted
        frames = [_picture(), ImageOps.invert(_picture())]
        lossless = {"lossless": True} if kind == "animated lossless" else {"quality": 90}
        frames[0].save(out, "WEBP", save_all=True, append_images=frames[1:], **lossless)
    return out.getvalue()


def _first_picture_chunk(data: bytes) -> tuple[int, int]:
    """(where the first VP8 or VP8L chunk's data starts, its size), inside a frame or not."""
    found = re.search(rb"VP8[ L]", data)
    assert found is not None
    start = found.start() + 8
    return start, int.from_bytes(data[start - 4 : start], "little")


def _cut(dest: Path, data: bytes, at: int) -> Path:
    dest.write_bytes(data[:at])
    return dest


def _in_picture(data: bytes, fraction: float) -> int:
    """A cut `fraction` of the way through the first picture's data."""
    start, size = _first_picture_chunk(data)
    return start + int(size * fraction)


def _rows_there(shown: np.ndarray) -> int:
    """The rows above the grey (128 in every band) the missing part is shown as."""
    grey = (shown == 128).reshape(len(shown), -1).all(axis=1)
    rows = int(np.argmax(grey))
    assert rows and grey[rows:].all() and not grey[:rows].any()
    return rows


@pytest.mark.parametrize("kind", ["lossless", "transparent", "transparent lossless"])
def test_a_still_webp_cut_short_is_shown_from_its_rows_there(tmp_path: Path, kind: str) -> None:
    data = _whole(kind)
    whole = _cut(tmp_path / "whole.webp", data, len(data))
    cut = _cut(tmp_path / "cut.webp", data, _in_picture(data, 0.75))
    part, percent = read_webp_in_part(cut)
    assert (part.width, part.height) == _picture().size

    # The viewer: the rows there as the whole file shows them (white under its transparent
    # part), grey below; the same in the thumbnail.
    shown = np.asarray(load_full_image(cut)).astype(int)
    rows = _rows_there(shown)
    assert percent == int(100 * rows / len(shown))
    expected = np.asarray(load_full_image(whole)).astype(int)
    assert shown.shape == expected.shape
    if "lossless" in kind:
        assert (shown[:rows] == expected[:rows]).all()
    else:
        # FFmpeg and libwebp turn YUV into RGB a little differently (as for a lossy one).
        assert np.abs(shown[:rows] - expected[:rows]).mean() < 3
    if kind != "lossless":
        assert (shown[:rows, 0] == 255).all()  # its transparent left edge, on white
    # The grid's thumbnail of a photo not scanned yet, made from the file.
    small = np.asarray(load_full_image(cut, 160)).astype(int)
    assert max(small.shape) == 160 and (small[-1] == 128).all()
    thumbnail = np.asarray(part.thumbnail).astype(int)
    assert (thumbnail[-1] == 128).all() and not (thumbnail[0] == 128).all()
    # The tagger sees only the rows there.
    model = part.model_input.astype(int)
    assert not (np.abs(model[-4:] - 128) <= 2).reshape(4, -1).all(axis=1).any()


@pytest.mark.parametrize("kind", ["lossless", "transparent", "transparent lossless", "animated"])
@pytest.mark.parametrize("where", ["header", "picture"])
def test_a_webp_with_too_little_there_says_where_it_is_cut(
    tmp_path: Path, kind: str, where: str
) -> None:
    """Cut inside its header, or a fifth of the way into its (first) picture, it is refused:
    the message says how far the file goes, for the viewer as for the scan."""
    data = _whole(kind)
    at = 24 if where == "header" else _in_picture(data, 0.2)
    cut = _cut(tmp_path / "cut.webp", data, at)
    for read in (decode_photo, load_full_image):
        with pytest.raises(PhotoError) as caught:
            read(cut)
        assert caught.value.code == TRUNCATED
        message = caught.value.message
        assert message.startswith(f"the file ends early (at {at:,} of {len(data):,} bytes)")
        assert message.endswith(
            "re-copy it from the camera or a backup if you have one (WebP data is truncated)"
        )
        if where == "picture":
            assert percent_there(message) < MIN_VISIBLE * 100


def test_a_webp_too_large_for_the_limit_is_refused_before_it_is_decoded(tmp_path: Path) -> None:
    data = _whole("lossless")
    cut = _cut(tmp_path / "cut.webp", data, _in_picture(data, 0.75))
    width, height = _picture().size
    with pytest.raises(PhotoError) as caught:
        decode_photo(cut, max_pixels=width * height - 1)
    assert caught.value.code == TRUNCATED and "header is damaged" in caught.value.message


@pytest.mark.parametrize("where", ["between frames", "near the end"])
def test_an_animated_webp_with_its_first_frame_whole_is_tagged_from_it(
    tmp_path: Path, where: str
) -> None:
    """As an animated GIF is (its first frame), the frames missing after it noted."""
    data = _whole("animated")
    start, size = _first_picture_chunk(data)
    at = start + size + 30 if where == "between frames" else len(data) - 10
    cut = _cut(tmp_path / "cut.webp", data, at)
    part = decode_photo(cut)
    assert part.damage is not None and part.damage.code == TRUNCATED
    assert part.damage.message.startswith(
        f"the file is cut short after frame 1, at {at:,} of {len(data):,} bytes: any frames "
        "after it are missing (it is tagged from its first frame, which is whole)"
    )
    assert (part.width, part.height) == _picture().size
    whole = _cut(tmp_path / "whole.webp", data, len(data))
    assert np.abs(part.model_input.astype(int) - decode_photo(whole).model_input).max() == 0
    shown = np.asarray(load_full_image(cut)).astype(int)
    assert np.abs(shown - np.asarray(_picture()).astype(int)).mean() < 8  # not the inverted one


@pytest.mark.parametrize("kind", ["animated", "animated lossless", "animated framed"])
def test_an_animated_webp_cut_in_its_first_frame_is_shown_from_the_part_there(
    tmp_path: Path, kind: str
) -> None:
    """Its first frame's rows there, as the whole file shows them; a first frame that covers
    only part of the picture (libwebp keeps only the rectangle with something in it) is shown
    on the picture's background, as Pillow shows the whole file."""
    data = _whole(kind)
    if kind == "animated framed":
        frame = data.index(b"ANMF") + 8
        assert (data[frame], data[frame + 3]) == (10, 10)  # at (20, 20), in twos
    cut = _cut(tmp_path / "cut.webp", data, _in_picture(data, 0.8))
    part, percent = read_webp_in_part(cut)
    shown = np.asarray(load_full_image(cut)).astype(int)
    rows = _rows_there(shown)
    assert percent == int(100 * rows / len(shown))
    whole = _cut(tmp_path / "whole.webp", data, len(data))
    expected = np.asarray(load_full_image(whole)).astype(int)
    assert shown.shape == expected.shape
    if "lossless" in kind or "framed" in kind:
        assert (shown[:rows] == expected[:rows]).all()
    else:
        assert np.abs(shown[:rows] - expected[:rows]).mean() < 3
    # What the whole file shows is its first frame: the photo, not the inverted one after it.
    inner = expected[20:-20, 20:-20] if kind == "animated framed" else expected
    assert np.abs(inner - np.asarray(_picture()).astype(int)).mean() < 8
    if kind == "animated framed":
        assert (shown[:20] == shown[0, 0]).all()  # the background above the frame


@pytest.mark.model
def test_a_scan_tags_the_webps_cut_short_it_can_show_and_goes_on(engine, tmp_path: Path) -> None:
    """One folder: each kind cut short with most of it there, one with too little, and a whole
    photo. Each that can be shown is tagged and listed as cut short; the one that cannot is
    listed with where it is cut; the scan reads them all."""
    pics = tmp_path / "pics"
    pics.mkdir()
    shown = {}
    for kind in ("lossless", "transparent", "transparent lossless", "animated"):
        data = _whole(kind)
        name = kind.replace(" ", "-")
        shown[kind] = _cut(pics / f"{name}.webp", data, _in_picture(data, 0.8))
    lossless = _whole("lossless")
    refused = _cut(pics / "little.webp", lossless, _in_picture(lossless, 0.2))
    (pics / "whole.jpg").write_bytes(FLUTE.read_bytes())
    with open_library(default_home()) as library:
        summary = run_scan(library, [pics], engine)
        assert (summary.tagged, summary.problems) == (5, 1)
        for path in shown.values():
            photo = get_photo_by_path(library.db, str(path))
            assert photo is not None and photo.status == PhotoStatus.TAGGED, path
        found = {problem.path: problem for problem in problems(library.db)}
        assert set(found) == {str(path) for path in (*shown.values(), refused)}
        assert all(problem.code == TRUNCATED for problem in found.values())
        for path in shown.values():
            assert "% of the picture is there, and its tags come" in found[str(path)].message
        assert (
            f"the file ends early (at {refused.stat().st_size:,} of {len(lossless):,} bytes)"
            in found[str(refused)].message
        )
