"""A RAW file or a clip with no JPEG beside it is dated when the scan finds it, as a JPEG is:
its date taken (a RAW's size and orientation too) from its header, read by LibRaw without the
sensor data, or from the clip's container without a frame decoded. Undated until tagged, it
sorted last in the grid, below every photo of a first scan, then jumped to its place once the
scan got to it; now it is in its place from the start, and tagging moves nothing."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from phototagger.core.library import open_library
from phototagger.paths import default_home
from phototagger.store.photos import all_photos, photo_ids_sorted
from tests.dated_photos import dated_copies
from tests.media_factory import photo_clip, raw_photo
from tests.scan_helpers import new_library, run_scan, walk_only

RAW_TAKEN = "2019-06-06T07:29:51"  # the DNG's own DateTimeOriginal
CLIP_RECORDED = "2016-05-05T12:00:00Z"  # creation_time, in UTC as cameras and phones write it


def _clip_taken() -> str:
    """The clip's date as the library keeps a photo's: the local time it was recorded at."""
    moment = datetime.fromisoformat(CLIP_RECORDED.replace("Z", "+00:00")).astimezone()
    return moment.replace(tzinfo=None).isoformat(timespec="seconds")


def _card(folder: Path) -> dict[str, str]:
    """Dated JPEGs (2015 to 2025), one undated, a DNG and a clip alone: each name's date."""
    dates = dated_copies(folder, 10, seed=21, undated=1)
    raw_photo(folder / "IMG_0001.dng")
    photo_clip(folder / "MVI_0002.mp4", ("coffee",), creation_time=CLIP_RECORDED)
    return dates | {"IMG_0001.dng": RAW_TAKEN, "MVI_0002.mp4": _clip_taken()}


def _library_now() -> tuple[list[str], dict[str, tuple[str | None, int | None, int | None]]]:
    """The grid's order by date taken, and each photo's (date taken, width, height)."""
    with open_library(default_home()) as lib:
        photos = {p.id: p for p in all_photos(lib.db)}
        order = [photos[i].name for i in photo_ids_sorted(lib.db, "taken")]
        facts = {p.name: (p.taken_at, p.width, p.height) for p in photos.values()}
    return order, facts


def _by_date(dates: dict[str, str]) -> list[str]:
    return sorted((n for n in dates if dates[n]), key=dates.__getitem__) + [
        n for n in dates if not dates[n]
    ]


def test_a_raw_and_a_clip_alone_are_dated_when_found(tmp_path: Path) -> None:
    dates = _card(tmp_path / "Card")
    assert walk_only(tmp_path / "Card").found == 12
    order, facts = _library_now()
    assert facts["IMG_0001.dng"] == (RAW_TAKEN, 1224, 816)
    assert facts["MVI_0002.mp4"][0] == _clip_taken()  # its size waits for a decoded frame
    assert order == _by_date(dates)
    assert order[-1] not in ("IMG_0001.dng", "MVI_0002.mp4")  # among the photos, not last


def test_tagging_them_moves_nothing(engine, tmp_path: Path) -> None:
    folder = tmp_path / "Card"
    dates = _card(folder)
    assert walk_only(folder).found == 12
    walked_order, walked = _library_now()
    with new_library() as lib:
        summary = run_scan(lib, [folder], engine)
    assert summary.tagged == 12 and summary.problems == 0
    order, tagged = _library_now()
    assert order == walked_order == _by_date(dates)
    assert tagged["IMG_0001.dng"] == walked["IMG_0001.dng"]
    assert tagged["MVI_0002.mp4"][0] == _clip_taken() and tagged["MVI_0002.mp4"][1]
