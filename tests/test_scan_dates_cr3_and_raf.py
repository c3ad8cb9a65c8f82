"""A Canon CR3 or a Fujifilm RAF is dated when the scan finds it, as a DNG or a CR2 is. Their
EXIF is not in a TIFF structure (a CR3 keeps it in boxes of its own inside its MP4-like
container, a RAF in the JPEG its header points to), so they were left undated: a camera user's
photos sorted last, below every photo of a first scan, whatever their date. Now each is read from
its header (no sensor data), and a header cut short or damaged leaves the photo undated, the file
recorded as a problem when it is decoded, and the scan going on."""

from __future__ import annotations

import random
import shutil
from pathlib import Path

import pytest

from phototagger.core import errors
from phototagger.core.imaging import header_facts
from phototagger.core.library import open_library
from phototagger.paths import default_home
from phototagger.store.photos import all_photos, photo_ids_sorted
from phototagger.store.problems import list_problems
from tests import photo_factory as pf
from tests.dated_photos import dated_copies
from tests.media_factory import DATA
from tests.scan_helpers import new_library, run_scan, walk_only

# Real headers from ExifTool's test images (tests/data/README.md), sensor data stripped. Their
# ModifyDate and CreateDate were set to 2018-03-01 10:00 so that only DateTimeOriginal, the
# moment the picture was taken, gives these dates.
CR3 = DATA / "canon_eos_m50.cr3"
RAF = DATA / "fujifilm_s5pro.raf"
TAKEN = {CR3: "2018-02-21T12:08:56", RAF: "2007-05-22T13:58:30"}
# Where the EXIF each header holds ends: a CR3's `moov` box, a RAF's APP1 segment in its JPEG.
HEADER_END = {CR3: 8944, RAF: 12066}


def _library_now() -> tuple[list[str], dict[str, str | None]]:
    with open_library(default_home()) as lib:
        photos = {p.id: p for p in all_photos(lib.db)}
        order = [photos[i].name for i in photo_ids_sorted(lib.db, "taken")]
        return order, {p.name: p.taken_at for p in photos.values()}


def test_a_cr3_and_a_raf_are_dated_when_found(tmp_path: Path) -> None:
    folder = tmp_path / "Card"
    dates = dated_copies(folder, 8, seed=16)
    shutil.copy(CR3, folder / "IMG_0001.CR3")
    shutil.copy(RAF, folder / "DSCF0002.RAF")
    dates |= {"IMG_0001.CR3": TAKEN[CR3], "DSCF0002.RAF": TAKEN[RAF]}
    assert walk_only(folder).found == 10
    order, taken = _library_now()
    assert taken == dates
    assert order == sorted(dates, key=dates.__getitem__)
    assert order[0] == "DSCF0002.RAF"  # 2007: before every photo dated from 2015 on


@pytest.mark.parametrize("sample", [CR3, RAF], ids=["cr3", "raf"])
def test_a_file_cut_short_is_dated_only_while_its_header_is_whole(
    tmp_path: Path, sample: Path
) -> None:
    """A copy cut short in its picture data still has the date its header holds; cut short
    within the header, it has none, and whatever the cut, reading it raises nothing. (At some
    lengths LibRaw refuses the file as a whole: no facts at all, and the decode says why.)"""
    data = sample.read_bytes()
    path = tmp_path / f"cut{sample.suffix}"
    dated = []
    for length in [*range(0, len(data), 97), len(data)]:
        path.write_bytes(data[:length])
        facts = header_facts(path)
        taken = None if facts is None else facts.taken_at
        if length < HEADER_END[sample]:
            assert taken is None, f"cut at {length} of {len(data)} bytes"
        else:
            assert taken == TAKEN[sample] or facts is None, f"cut at {length} bytes"
            dated.append(taken is not None)
    assert dated[-1] and sum(dated) >= 0.9 * len(dated)


def _damaged_raws(folder: Path) -> list[str]:
    """Cut short in the header or in the picture data, or garbage behind a real signature."""
    noise = random.Random(16).randbytes(40_000)
    files = {
        "cut_header.CR3": CR3.read_bytes()[: HEADER_END[CR3] - 500],
        "cut_pixels.CR3": CR3.read_bytes()[: HEADER_END[CR3] + 4000],
        "garbage.CR3": b"\x00\x00\x00\x18ftypcrx " + noise,
        "cut_header.RAF": RAF.read_bytes()[: HEADER_END[RAF] - 600],
        "cut_pixels.RAF": RAF.read_bytes()[: HEADER_END[RAF] + 4000],
        "garbage.RAF": b"FUJIFILMCCD-RAW " + noise,
    }
    folder.mkdir(parents=True, exist_ok=True)
    for name, data in files.items():
        (folder / name).write_bytes(data)
    return list(files)


def test_damaged_cr3_and_raf_files_are_recorded_and_the_scan_goes_on(
    engine, tmp_path: Path
) -> None:
    folder = tmp_path / "Card"
    names = _damaged_raws(folder)
    pf.real_photo(folder / "ok.jpg", "chelsea")
    walk_only(folder)
    _, taken = _library_now()
    # Only the copies whose header is whole are dated: the others are not guessed at.
    assert {n for n in names if taken.get(n)} == {"cut_pixels.CR3", "cut_pixels.RAF"}
    assert taken["cut_pixels.CR3"] == TAKEN[CR3] and taken["cut_pixels.RAF"] == TAKEN[RAF]
    with new_library() as lib:
        summary = run_scan(lib, [folder], engine)
        assert (summary.tagged, summary.problems) == (1, len(names))
        problems = {Path(p.path).name: p.code for p in list_problems(lib.db)}
    assert set(problems) == set(names)
    assert set(problems.values()) <= {errors.TRUNCATED, errors.CORRUPT, errors.UNSUPPORTED}
    assert problems["cut_pixels.CR3"] == problems["cut_pixels.RAF"] == errors.TRUNCATED
