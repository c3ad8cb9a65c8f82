"""A Canon CR3, a Fujifilm RAF, an Olympus ORF or a Panasonic RW2 (Leica RWL) is dated when the
scan finds it, as a DNG or a CR2 is. Their EXIF is not in a TIFF structure as Pillow reads one (a
CR3 keeps it in boxes of its own inside its MP4-like container, a RAF in the JPEG its header
points to, an ORF and a RW2 in a TIFF structure under a magic number of their own), so they were
left undated: a camera user's photos sorted last, below every photo of a first scan, whatever
their date (and an ORF or a RW2 stayed undated once decoded). Now each is read from its header
(no sensor data), and a header cut short or damaged leaves the photo undated, the file recorded
as a problem when it is decoded, and the scan going on."""

from __future__ import annotations

import random
import shutil
import struct
from pathlib import Path

import pytest

from phototagger.core import errors
from phototagger.core.imaging import decode_photo, header_facts
from phototagger.core.library import open_library
from phototagger.paths import default_home
from phototagger.store.photos import all_photos, photo_ids_sorted
from phototagger.store.problems import list_problems
from tests import photo_factory as pf
from tests.dated_photos import dated_copies
from tests.media_factory import DATA, whole_rw2
from tests.scan_helpers import new_library, run_scan, walk_only

# Real headers from ExifTool's test images, sensor data stripped, and an ORF built around a real
# Olympus E-1's EXIF (tests/data/README.md). Their ModifyDate and CreateDate were set to
# 2018-03-01 10:00 so that only DateTimeOriginal, the moment the picture was taken, gives these
# dates.
CR3 = DATA / "canon_eos_m50.cr3"
RAF = DATA / "fujifilm_s5pro.raf"
ORF = DATA / "olympus_e1.orf"
ORF_MM = DATA / "olympus_e1_mm.orf"  # the same, big-endian (`MMOR`), as older Olympus cameras
RW2 = DATA / "panasonic_dmc_lx3.rw2"
TAKEN = {
    CR3: "2018-02-21T12:08:56",
    RAF: "2007-05-22T13:58:30",
    ORF: "2005-01-05T10:53:41",
    ORF_MM: "2005-01-05T10:53:41",
    RW2: "2008-08-06T15:21:56",
}
# Where the EXIF each header holds ends: a CR3's `moov` box, a RAF's APP1 segment in its JPEG,
# an ORF's or a RW2's last EXIF value (the picture data follows).
HEADER_END = {CR3: 8944, RAF: 12066, ORF: 6862, ORF_MM: 6862, RW2: 11644}
SAMPLES = {"cr3": CR3, "raf": RAF, "orf": ORF, "orf-mm": ORF_MM, "rw2": RW2}


def _library_now() -> tuple[list[str], dict[str, str | None]]:
    with open_library(default_home()) as lib:
        photos = {p.id: p for p in all_photos(lib.db)}
        order = [photos[i].name for i in photo_ids_sorted(lib.db, "taken")]
        return order, {p.name: p.taken_at for p in photos.values()}


def test_cr3_raf_orf_and_rw2_files_are_dated_when_found(tmp_path: Path) -> None:
    folder = tmp_path / "Card"
    dates = dated_copies(folder, 8, seed=16)
    raws = {
        "IMG_0001.CR3": CR3,
        "DSCF0002.RAF": RAF,
        "P1050003.ORF": ORF,
        "P1000004.RW2": RW2,
        "L1000005.RWL": RW2,  # Leica's RWL: Panasonic's RW2 under a name of its own
    }
    for name, sample in raws.items():
        shutil.copy(sample, folder / name)
    dates |= {name: TAKEN[sample] for name, sample in raws.items()}
    assert walk_only(folder).found == 13
    order, taken = _library_now()
    assert taken == dates
    assert order == sorted(dates, key=lambda name: (dates[name], name))
    # 2005 to 2008: before every photo dated from 2015 on, where an undated one would sort last.
    assert order[:4] == ["P1050003.ORF", "DSCF0002.RAF", "L1000005.RWL", "P1000004.RW2"]


def test_a_rw2_decoded_keeps_its_date(tmp_path: Path) -> None:
    """The decode reads the EXIF as the walk does: a RW2 was undated once tagged too. (Its
    sensor data's length put back: stripped, it is refused as cut short, test_raw_cut_short.)"""
    path = whole_rw2(tmp_path / "P1000004.RW2")
    assert decode_photo(path).taken_at == TAKEN[RW2]


def test_an_orf_without_date_taken_is_dated_from_its_modify_date(tmp_path: Path) -> None:
    """As a DNG is: IFD0's DateTime, where the Exif IFD holds no DateTimeOriginal (its entry
    renamed here to a tag no one reads; CreateDate is not taken for it either)."""
    data = ORF.read_bytes()
    entry = struct.pack("<HH", 0x9003, 2)  # DateTimeOriginal, ASCII
    assert data.count(entry) == 1
    path = tmp_path / "P1050003.ORF"
    path.write_bytes(data.replace(entry, struct.pack("<HH", 0xC0DE, 2)))
    facts = header_facts(path)
    assert facts is not None and facts.taken_at == "2018-03-01T10:00:00"


@pytest.mark.parametrize("sample", SAMPLES.values(), ids=SAMPLES.keys())
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
        "cut_header.ORF": ORF.read_bytes()[: HEADER_END[ORF] - 3000],
        "cut_pixels.ORF": ORF.read_bytes()[: HEADER_END[ORF] + 3000],
        "garbage.ORF": b"IIRO\x08\x00\x00\x00" + noise,
        "cut_header.RW2": RW2.read_bytes()[: HEADER_END[RW2] - 100],
        "garbage.RW2": b"IIU\x00\x18\x00\x00\x00" + noise,
    }
    folder.mkdir(parents=True, exist_ok=True)
    for name, data in files.items():
        (folder / name).write_bytes(data)
    return list(files)


def test_damaged_raw_files_are_recorded_and_the_scan_goes_on(engine, tmp_path: Path) -> None:
    folder = tmp_path / "Card"
    names = _damaged_raws(folder)
    pf.real_photo(folder / "ok.jpg", "chelsea")
    walk_only(folder)
    _, taken = _library_now()
    # Only the copies whose header is whole are dated: the others are not guessed at.
    assert {n: taken[n] for n in names if taken.get(n)} == {
        "cut_pixels.CR3": TAKEN[CR3],
        "cut_pixels.RAF": TAKEN[RAF],
        "cut_pixels.ORF": TAKEN[ORF],
    }
    with new_library() as lib:
        summary = run_scan(lib, [folder], engine)
        assert (summary.tagged, summary.problems) == (1, len(names))
        problems = {Path(p.path).name: p.code for p in list_problems(lib.db)}
    assert set(problems) == set(names)
    assert set(problems.values()) <= {errors.TRUNCATED, errors.CORRUPT, errors.UNSUPPORTED}
    assert {problems[f"cut_pixels.{ext}"] for ext in ("CR3", "RAF", "ORF")} == {errors.TRUNCATED}
