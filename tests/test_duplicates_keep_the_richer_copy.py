"""Find Duplicates keeps the copy a photographer would keep: at equal pixels the RAW, the
original, the larger file, the labelled one, before the older file (core/duplicate_keep.py).

Real files (a det-photo, a HEIC and a recompressed JPEG made from it, the real DNG and its own
JPEG preview), scanned with the real model into a real library.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pillow_heif
from PIL import Image
from PySide6.QtCore import Qt

from phototagger.core.library import open_library
from phototagger.core.similar import find_duplicates
from phototagger.paths import default_home
from phototagger.store.photos import get_photo_by_path
from phototagger.store.tags import add_user_tag
from tests.gui_helpers import open_window
from tests.keyword_readers import EMPTY_SIDECAR, exiv2_set
from tests.media_factory import _DNG_PREVIEW, RAW_DNG, raw_photo
from tests.scan_helpers import run_scan
from tests.test_similar_figure_means_something import det_photos

ORIGINAL = "n01662784_2198_turtle.jpg"  # a 167 KB camera JPEG, 500x441
CAMERA_JPEG = "n01503061_11000_bird.jpg"  # 58 KB, 470x470, EXIF date and a Kodak camera
DAY = 86_400.0


def _aged(path: Path | str, days_ago: float) -> Path:
    when = 1_700_000_000.0 - days_ago * DAY
    os.utime(path, (when, when))
    return Path(path)


def turtle_copies(folder: Path) -> dict[str, Path]:
    """The original JPEG, a low-quality HEIC and a recompressed JPEG made from it (same pixels,
    smaller files), the copies older on disk than the original (copied back last)."""
    folder.mkdir(parents=True)
    original = _aged(shutil.copy(det_photos() / ORIGINAL, folder / "turtle.jpg"), 1)
    pillow_heif.register_heif_opener()
    with Image.open(original) as img:
        img.save(folder / "turtle.heic", quality=30)
        img.save(folder / "turtle-q40.jpg", quality=40)
    files = {p.name: p for p in folder.iterdir()}
    _aged(files["turtle.heic"], 30)
    _aged(files["turtle-q40.jpg"], 20)
    return files


def _ids(library, paths: list[Path]) -> list[int]:
    return [get_photo_by_path(library.db, str(p)).id for p in paths]  # type: ignore[union-attr]


def test_the_original_jpeg_is_kept_over_a_smaller_heic_and_recompressed_copy(
    tmp_path: Path, engine
) -> None:
    files = turtle_copies(tmp_path / "pics")
    sizes = {name: p.stat().st_size for name, p in files.items()}
    assert sizes["turtle.jpg"] > max(sizes["turtle.heic"], sizes["turtle-q40.jpg"])
    with open_library(default_home()) as library:
        run_scan(library, [tmp_path / "pics"], engine)
        groups = find_duplicates(library.db, thumbnails=library.thumbnails_dir)
        by_size = sorted(files, key=lambda n: -sizes[n])  # all the same pixels: larger first
        assert [g.photo_ids for g in groups] == [_ids(library, [files[n] for n in by_size])]


def _pair_and_backup(pics: Path) -> tuple[Path, Path]:
    """The camera's RAW+JPEG in card/ (its JPEG is the DNG's own preview) and a copy of the
    JPEG alone in backup/: (the pair's JPEG, the lone copy)."""
    (pics / "card").mkdir(parents=True)
    (pics / "backup").mkdir()
    raw_photo(pics / "card" / "IMG_1.DNG")
    preview = pics / "card" / "IMG_1.JPG"
    preview.write_bytes(RAW_DNG.read_bytes()[_DNG_PREVIEW])
    return preview, Path(shutil.copy(preview, pics / "backup" / "IMG_1.JPG"))


def test_a_raw_jpeg_pair_is_kept_over_an_older_lone_copy_of_its_jpeg(
    tmp_path: Path, engine
) -> None:
    """The camera's RAW+JPEG (its JPEG is the DNG's own preview) and an older copy of the JPEG
    alone: moving the pair to the trash would take its RAW along."""
    pics = tmp_path / "pics"
    preview, lone = _pair_and_backup(pics)
    _aged(lone, 400)
    _aged(preview, 10)
    with open_library(default_home()) as library:
        run_scan(library, [pics], engine)
        pair_id, lone_id = _ids(library, [preview, lone])
        groups = find_duplicates(library.db)
    assert [(g.photo_ids, g.exact) for g in groups] == [([pair_id, lone_id], True)]


def test_of_identical_copies_the_ones_carrying_the_users_work_are_kept_first(
    tmp_path: Path, engine
) -> None:
    """Three byte-identical copies: one rated and picked in digiKam (its sidecar), one labelled
    in phototagger, one plain and the oldest."""
    pics = tmp_path / "pics"
    for folder in ("backup", "labelled", "rated"):
        (pics / folder).mkdir(parents=True)
    plain = _aged(shutil.copy(det_photos() / ORIGINAL, pics / "backup" / "turtle.jpg"), 400)
    labelled = _aged(shutil.copy(det_photos() / ORIGINAL, pics / "labelled" / "turtle.jpg"), 5)
    rated = _aged(shutil.copy(det_photos() / ORIGINAL, pics / "rated" / "turtle.jpg"), 3)
    sidecar = pics / "rated" / "turtle.jpg.xmp"
    sidecar.write_text(EMPTY_SIDECAR)
    exiv2_set(sidecar, "set Xmp.xmp.Rating 4", "set Xmp.digiKam.PickLabel 3")
    with open_library(default_home()) as library:
        run_scan(library, [pics], engine)
        plain_id, labelled_id, rated_id = _ids(library, [plain, labelled, rated])
        add_user_tag(library.db, labelled_id, "turtle")
        groups = find_duplicates(library.db)
    assert [g.photo_ids for g in groups] == [[rated_id, labelled_id, plain_id]]


def test_the_camera_original_is_kept_over_larger_re_encodes_that_lost_its_date(
    tmp_path: Path, engine
) -> None:
    """A camera JPEG (EXIF date and camera) beside an older PNG and a quality-100 JPEG made from
    it: both larger files, neither richer."""
    pics = tmp_path / "pics"
    pics.mkdir()
    original = _aged(shutil.copy(det_photos() / CAMERA_JPEG, pics / "bird.jpg"), 1)
    with Image.open(original) as img:
        img.save(pics / "bird.png")
        img.save(pics / "bird-q100.jpg", quality=100)
    re_encodes = [_aged(pics / "bird.png", 300), _aged(pics / "bird-q100.jpg", 200)]
    assert all(p.stat().st_size > original.stat().st_size for p in re_encodes)
    with open_library(default_home()) as library:
        run_scan(library, [pics], engine)
        ids = _ids(library, [original, *re_encodes])
        groups = find_duplicates(library.db)
    assert len(groups) == 1 and set(groups[0].photo_ids) == set(ids)
    assert groups[0].photo_ids[0] == ids[0]


def test_the_dialog_ticks_the_original_and_offers_the_heic_for_the_trash(
    qtbot, engine, tmp_path: Path
) -> None:
    files = turtle_copies(tmp_path / "pics")
    with open_library(default_home()) as library:
        run_scan(library, [tmp_path / "pics"], engine)
    window = open_window(qtbot, engine, tmp_path)
    dialog = window.tools.open_duplicates()
    qtbot.waitUntil(lambda: bool(dialog.groups), timeout=20_000)
    ticked = [
        Path(i.text(0)).name
        for i in dialog.photo_items()
        if i.checkState(0) == Qt.CheckState.Checked
    ]
    assert ticked == ["turtle.jpg"]
    assert set(dialog.unticked()) == set(dialog.groups[0].photo_ids[1:])
    assert {Path(i.text(0)).name for i in dialog.photo_items()} == set(files)
    assert "larger file" in dialog.summary.text()


def test_the_dialog_says_a_pair_takes_its_raw_to_the_trash(qtbot, engine, tmp_path: Path) -> None:
    """A RAW+JPEG pair's row read as its JPEG alone (its path, the JPEG's size), though
    moving it to the trash takes the RAW along: its size now says '+ RAW' and its tooltip
    names the RAW; a lone copy says nothing more."""
    pics = tmp_path / "pics"
    _pair_and_backup(pics)
    with open_library(default_home()) as library:
        run_scan(library, [pics], engine)
    window = open_window(qtbot, engine, tmp_path)
    dialog = window.tools.open_duplicates()
    qtbot.waitUntil(lambda: bool(dialog.groups), timeout=20_000)
    rows = {Path(i.text(0)).parent.name: i for i in dialog.photo_items()}
    assert rows["card"].text(1).endswith(" + RAW")
    assert "IMG_1.DNG" in rows["card"].toolTip(1) and "trash" in rows["card"].toolTip(0)
    assert "+" not in rows["backup"].text(1) and rows["backup"].toolTip(1) == ""
