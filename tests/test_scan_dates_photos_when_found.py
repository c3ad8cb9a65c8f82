"""A scan reads each new photo's date taken, size and orientation from its header when it finds
it, in the walk's own commit: a first scan's waiting photos sort by date in the grid from the
start (they were undated, last, until tagged, then moved). Only the content hash, which needs
the whole file, waits for the decode. What the header says is what the decode writes again
when the photo is tagged, so nothing moves then; and a scan killed after the walk leaves the
photos dated but waiting (not looking tagged), for the next scan to tag."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from PIL import Image

from phototagger.core.decoders import heif
from phototagger.core.library import open_library
from phototagger.core.states import PhotoStatus
from phototagger.paths import default_home
from phototagger.store.photos import all_photos, count_by_status
from phototagger.store.tags import tags_of_photo
from tests.dated_photos import DET_PHOTOS, dated_copies, with_date
from tests.kill_helpers import check_consistent, decisions, kill_at_random
from tests.photo_factory import marked_image
from tests.scan_helpers import new_library, run_scan, walk_only

Facts = tuple[str | None, int | None, int | None, int | None]  # taken_at, width, height, orient.


def _other_formats(folder: Path) -> dict[str, str]:
    """A 400x300 picture stored turned (EXIF orientation 6) and dated, in each format a camera,
    a phone or an export writes; a JPEG turned the other way (8); a GIF and a BMP (no EXIF)."""
    heif.register()  # Pillow writes HEIF once pillow-heif is registered, as the app reads it
    dates: dict[str, str] = {}
    for month, fmt in enumerate(("JPEG", "PNG", "WEBP", "TIFF", "HEIF", "AVIF"), start=1):
        exif = Image.Exif()
        taken = f"2019:{month:02d}:02 10:11:12"
        exif.get_ifd(0x8769)[0x9003] = taken
        exif[0x0132] = taken  # the date TIFF and AVIF keep (Pillow writes no Exif IFD there)
        exif[0x0112] = 6
        name = f"turned.{fmt.lower()}"
        marked_image(400, 300).save(folder / name, fmt, exif=exif)
        dates[name] = f"2019-{month:02d}-02T10:11:12"
    with_date(sorted(DET_PHOTOS.glob("*.jpg"))[40], folder / "left.jpg", datetime(2020, 5, 1), 8)
    dates["left.jpg"] = "2020-05-01T00:00:00"
    for fmt in ("GIF", "BMP"):
        marked_image(64, 48).save(folder / f"plain.{fmt.lower()}", fmt)
    return dates


def _facts() -> dict[str, tuple[str, Facts]]:
    with open_library(default_home()) as lib:
        return {
            p.name: (p.status, (p.taken_at, p.width, p.height, p.orientation))
            for p in all_photos(lib.db)
        }


def _walked(folder: Path) -> tuple[dict[str, str], dict[str, tuple[str, Facts]]]:
    """The test's photos written to `folder` and a scan of it stopped once the walk has
    committed (the model never loads): their dates as written, and what the library holds."""
    dates = dated_copies(folder, 8, seed=5, undated=1) | _other_formats(folder)
    summary = walk_only(folder)
    assert summary.tagged == 0 and summary.found == len(dates) + 2
    return dates, _facts()


def test_photos_are_dated_when_found(tmp_path: Path) -> None:
    dates, found = _walked(tmp_path / "Card")
    assert {status for status, _ in found.values()} == {PhotoStatus.PENDING}
    assert {name: facts[0] for name, (_, facts) in found.items() if name in dates} == {
        name: taken or None for name, taken in dates.items()
    }
    assert found["turned.png"][1][1:] == (300, 400, 6)  # upright: 300 wide, 400 high
    assert found["turned.tiff"][1][1:] == (300, 400, 1)  # Pillow turns a TIFF as it loads
    assert found["left.jpg"][1][3] == 8
    assert found["plain.gif"][1] == (None, 64, 48, 1)


def test_tagging_writes_what_the_header_said(engine, tmp_path: Path) -> None:
    folder = tmp_path / "Card"
    _, found = _walked(folder)
    with new_library() as lib:
        run_scan(lib, [folder], engine)
    tagged = _facts()
    assert {status for status, _ in tagged.values()} == {PhotoStatus.TAGGED}
    # The decode, which writes them again with the tags, read the same: nothing moves then.
    assert {n: facts for n, (_, facts) in tagged.items()} == {
        n: facts for n, (_, facts) in found.items()
    }


def test_a_scan_killed_after_the_walk_leaves_photos_dated_and_waiting(
    engine, tmp_path: Path, library_home: Path
) -> None:
    pics = tmp_path / "pics"
    dates = dated_copies(pics, 12, seed=6)
    before = decisions()
    # The walk's commit is reported as "looking for photos: 12/12"; the first tags can come
    # only once the model has loaded (seconds), so a kill within 0.3 s falls between the two.
    outcome = kill_at_random(
        ["scan", str(pics), "--batch-size", "4"],
        library_home,
        after="looking for photos: 12/12",
        window=(0.0, 0.3),
    )
    assert outcome["killed"], outcome
    check_consistent(before)
    with open_library(default_home()) as lib:
        assert count_by_status(lib.db)[PhotoStatus.PENDING] == 12, outcome
        photos = list(all_photos(lib.db))
        assert all(tags_of_photo(lib.db, p.id) == [] for p in photos)  # nothing looks tagged
        assert {p.name: p.taken_at for p in photos} == dates
        run_scan(lib, [pics], engine)  # the next scan, at once, tags them
        assert count_by_status(lib.db)[PhotoStatus.TAGGED] == 12
        assert {p.name: p.taken_at for p in all_photos(lib.db)} == dates
