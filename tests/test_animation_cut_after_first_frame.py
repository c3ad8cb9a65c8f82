"""An animated GIF or WebP cut short after its first frame was tagged from that frame, as a
whole one is, and nothing was said: the frames missing after it went unnoticed. It is now noted
as cut short ("the file is cut short after frame 1 …; it is tagged from its first frame"), in
Problems under a heading of its own, and is tagged as before: no error stops it. Real files,
made by Pillow, cut."""

from __future__ import annotations

import io
from pathlib import Path

import numpy as np
import pytest
from PIL import Image, ImageOps

from phototagger.core.catalog import problems
from phototagger.core.errors import TRUNCATED, PhotoError
from phototagger.core.imaging import decode_photo
from phototagger.core.library import open_library
from phototagger.core.problem_files import grouped, read_in_part, unread_paths
from phototagger.core.states import PhotoStatus
from phototagger.core.try_again import try_again
from phototagger.paths import default_home
from phototagger.store.photos import get_photo_by_path
from tests.scan_helpers import run_scan

FLUTE = Path("/work/shared/data/det-photos/n03372029_58342_flute.jpg")
TAGGED_FROM_FIRST = (
    ": any frames after it are missing (it is tagged from its first frame, which is whole); "
    "re-copy it from the camera or a backup if you have one"
)


def _frames() -> list[Image.Image]:
    photo = Image.open(FLUTE).convert("RGB")
    return [photo, ImageOps.invert(photo), photo.rotate(180)]


def _animation(kind: str) -> bytes:
    first, *rest = _frames()
    out = io.BytesIO()
    if kind == "GIF":
        first.save(out, "GIF", save_all=True, append_images=rest, duration=100, loop=0)
    else:
        first.save(out, "WEBP", save_all=True, append_images=rest, quality=90)
    return out.getvalue()


def _cut(dest: Path, data: bytes, at: int) -> Path:
    dest.write_bytes(data[:at])
    return dest


def _second_frame(data: bytes) -> int:
    """Where the second frame starts: a GIF's second image descriptor (after its graphic control
    extension), a WebP's second ANMF chunk."""
    if data.startswith(b"GIF"):
        return data.index(b"\x21\xf9\x04", data.index(b"\x21\xf9\x04") + 1)
    return data.index(b"ANMF", data.index(b"ANMF") + 4) - 4


def _frames_loadable(path: Path) -> int:
    """How many frames Pillow decodes whole from the file (told by Pillow, not by phototagger)."""
    loaded = 0
    with Image.open(path) as im:
        for index in range(3):
            try:
                im.seek(index)
                im.load()
            except (EOFError, OSError, IndexError):  # Pillow: the frame is cut short
                break
            loaded += 1
    return loaded


@pytest.mark.parametrize("kind", ["GIF", "WEBP"])
def test_an_animation_cut_after_its_first_frame_is_noted_and_tagged_from_it(
    tmp_path: Path, kind: str
) -> None:
    data = _animation(kind)
    whole = _cut(tmp_path / f"whole.{kind.lower()}", data, len(data))
    at = _second_frame(data) + 500  # inside the second frame
    cut = _cut(tmp_path / f"cut.{kind.lower()}", data, at)
    if kind == "GIF":
        assert _frames_loadable(cut) == 1 and _frames_loadable(whole) == 3
    read = decode_photo(cut)
    where = f", at {at:,} of {len(data):,} bytes" if kind == "WEBP" else ""
    assert read.damage is not None and read.damage.code == TRUNCATED
    assert read.damage.message == f"the file is cut short after frame 1{where}{TAGGED_FROM_FIRST}"
    assert (read.width, read.height, read.media.format) == (*_frames()[0].size, kind)
    # Tagged from its first frame, whole: what the whole file gives the tagger.
    assert np.array_equal(read.model_input, decode_photo(whole).model_input)
    assert decode_photo(whole).damage is None


def test_a_gif_that_stops_only_before_its_end_says_how_many_frames_it_holds(
    tmp_path: Path,
) -> None:
    data = _animation("GIF")
    read = decode_photo(_cut(tmp_path / "cut.gif", data, len(data) - 1))  # its trailer gone
    assert read.damage is not None
    assert read.damage.message == f"the file is cut short after frame 3{TAGGED_FROM_FIRST}"


def test_a_gif_cut_inside_its_first_frame_is_still_refused(tmp_path: Path) -> None:
    data = _animation("GIF")
    with pytest.raises(PhotoError) as caught:
        decode_photo(_cut(tmp_path / "cut.gif", data, _second_frame(data) // 2))
    assert caught.value.code == TRUNCATED


@pytest.mark.model
def test_a_scan_tags_them_and_problems_lists_them_as_cut_short(engine, tmp_path: Path) -> None:
    pics = tmp_path / "pics"
    pics.mkdir()
    cut = []
    for kind in ("GIF", "WEBP"):
        data = _animation(kind)
        cut.append(_cut(pics / f"party.{kind.lower()}", data, _second_frame(data) + 500))
    (pics / "whole.jpg").write_bytes(FLUTE.read_bytes())
    with open_library(default_home()) as library:
        summary = run_scan(library, [pics], engine)
        assert (summary.tagged, summary.problems) == (3, 0)  # read and tagged: no failure
        for path in cut:
            photo = get_photo_by_path(library.db, str(path))
            assert photo is not None and photo.status == PhotoStatus.TAGGED
        found = problems(library.db)
        assert sorted(problem.path for problem in found) == sorted(str(path) for path in cut)
        sections = grouped(found, unread_paths(library.db), read_in_part(library.db, found))
        # Problems ▸ Try Again on one: what it is tagged from, not "shown from the part there is"
        tried = try_again(library, [str(cut[0])], lambda: engine, None)
        assert (
            tried.summary()
            == "party.gif is tagged from its first frame (the file is cut short after frame 1)"
        )
    assert [heading for heading, _ in sections] == [
        "2 animations cut short: frames after their first are missing (they are tagged from "
        "their first frame, which is whole)"
    ]
