"""Find Duplicates tells a photographer what each copy is beside the one it keeps, and keeps the
right one:

- each spare copy says how alike it is to the kept one ("Identical file", "Same pixels", or
  Find Similar's words and figure), so an edit or a crop is told from a real copy;
- a RAW+JPEG pair is kept over a lone copy of its own RAW (the lone RAW's larger pixels sent
  the pair, RAW and all, to the trash);
- a phone's HEIC is kept over the larger JPEG exported from it with the date kept (the larger
  file won), and the group's heading says why.

Real det-photos, a real HEIC (pillow-heif) with a phone's EXIF, the real DNG, scanned with the
real model into a real library; the real dialog offscreen.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pillow_heif
from PIL import Image

from phototagger.core.duplicate_copies import IDENTICAL_FILE, SAME_PIXELS
from phototagger.core.library import open_library
from phototagger.core.similar import find_duplicates, likeness_words
from phototagger.paths import default_home
from phototagger.store.photos import get_photo_by_path
from tests.gui_helpers import open_window
from tests.media_factory import _DNG_PREVIEW, RAW_DNG, raw_photo
from tests.scan_helpers import run_scan
from tests.test_similar_figure_means_something import det_photos

CAMERA_JPEG = "n01503061_11000_bird.jpg"  # 58 KB, 470x470, EXIF date and a Kodak camera
PHONE_PHOTO = "n01662784_2198_turtle.jpg"  # 500x441, no EXIF: given an iPhone's below
DAY = 86_400.0


def _aged(path: Path, days_ago: float) -> Path:
    when = 1_700_000_000.0 - days_ago * DAY
    os.utime(path, (when, when))
    return path


def _id(library, path: Path) -> int:
    return get_photo_by_path(library.db, str(path)).id  # type: ignore[union-attr]


def _open_dialog(qtbot, engine, tmp_path: Path):
    window = open_window(qtbot, engine, tmp_path)
    dialog = window.tools.open_duplicates()
    qtbot.waitUntil(lambda: bool(dialog.groups), timeout=20_000)
    return dialog


def test_each_copy_says_how_alike_it_is_to_the_kept_one(qtbot, engine, tmp_path: Path) -> None:
    pics = tmp_path / "pics"
    for folder in ("backup", "stripped", "edits"):
        (pics / folder).mkdir(parents=True)
    original = _aged(Path(shutil.copy(det_photos() / CAMERA_JPEG, pics / "bird.jpg")), 30)
    _aged(Path(shutil.copy(original, pics / "backup" / "bird.jpg")), 1)
    # Its metadata removed (exiv2 rewrites the header, not the pixels): the date goes with it.
    stripped = Path(shutil.copy(original, pics / "stripped" / "bird.jpg"))
    subprocess.run(["exiv2", "-q", "-d", "a", str(stripped)], check=True)
    with Image.open(original) as img:
        img.save(pics / "edits" / "bird-q75.jpg", quality=75)
        w, h = img.size
        img.crop((0, 0, int(w * 0.95), int(h * 0.95))).save(pics / "edits" / "bird-crop.jpg")
    with open_library(default_home()) as library:
        run_scan(library, [pics], engine)
    dialog = _open_dialog(qtbot, engine, tmp_path)
    rows = {os.path.relpath(i.text(0), pics): i for i in dialog.photo_items()}
    assert set(rows) == {
        "bird.jpg",
        "backup/bird.jpg",
        "stripped/bird.jpg",
        "edits/bird-q75.jpg",
        "edits/bird-crop.jpg",
    }
    likeness = {name: item.text(3) for name, item in rows.items()}
    assert likeness["bird.jpg"] == "Best copy"  # ticked to keep: the older of the two same files
    assert likeness["backup/bird.jpg"] == IDENTICAL_FILE
    assert likeness["stripped/bird.jpg"] == SAME_PIXELS
    # Re-encoded and cropped copies: Find Similar's words and figure, never 100 %.
    for name in ("edits/bird-q75.jpg", "edits/bird-crop.jpg"):
        words, figure = likeness[name].removesuffix(" %)").split(" (")
        assert 85 <= int(figure) <= 99 and words == likeness_words(int(figure)), likeness
    assert "bird.jpg, ticked to keep over this copy: it has more pixels" in (
        rows["edits/bird-crop.jpg"].toolTip(3)
    )
    assert "it still has the camera's date" in rows["stripped/bird.jpg"].toolTip(3)


def test_a_raw_jpeg_pair_is_kept_over_a_lone_copy_of_its_raw(qtbot, tmp_path: Path, engine) -> None:
    """The card's RAW+JPEG (its JPEG the DNG's own 1024x683 preview) and a copy of the DNG
    alone in backup/, older on disk: the lone RAW's 1224x816 pixels outranked the pair's JPEG,
    and the pair would have gone to the trash with its RAW."""
    pics = tmp_path / "pics"
    (pics / "card").mkdir(parents=True)
    (pics / "backup").mkdir()
    raw_photo(pics / "card" / "IMG_1.DNG")
    jpeg = pics / "card" / "IMG_1.JPG"
    jpeg.write_bytes(RAW_DNG.read_bytes()[_DNG_PREVIEW])
    lone = _aged(raw_photo(pics / "backup" / "IMG_1.DNG"), 400)
    with open_library(default_home()) as library:
        run_scan(library, [pics], engine)
        pair_id, lone_id = _id(library, jpeg), _id(library, lone)
        groups = find_duplicates(library.db, thumbnails=library.thumbnails_dir)
    assert [g.photo_ids for g in groups] == [[pair_id, lone_id]]
    dialog = _open_dialog(qtbot, engine, tmp_path)
    heading = dialog.tree.topLevelItem(0).text(0)
    why = "it is the RAW+JPEG pair: the same RAW, and the camera's JPEG with it"
    assert heading.endswith(f"keeping IMG_1.JPG: {why}"), heading
    lone_row = next(i for i in dialog.photo_items() if "backup" in i.text(0))
    assert lone_row.text(3) == "Same file as the pair's RAW"


def _phone_exif() -> bytes:
    exif = Image.Exif()
    exif[0x010F] = "Apple"
    exif[0x0110] = "iPhone 12"
    exif[0x0131] = "17.1.2"  # a phone writes its system's version as the Software
    exif[0x0132] = "2023:07:01 10:00:00"
    exif.get_ifd(0x8769)[0x9003] = "2023:07:01 10:00:00"
    return exif.tobytes()


def test_the_phones_heic_is_kept_over_larger_jpegs_exported_from_it(
    qtbot, tmp_path: Path, engine
) -> None:
    """IMG_0001.HEIC as the phone wrote it, a JPEG exported from it keeping all its EXIF, and
    one saved by Lightroom (its name as the Software): both larger, the date kept in both."""
    pillow_heif.register_heif_opener()
    pics = tmp_path / "pics"
    (pics / "export").mkdir(parents=True)
    exif = _phone_exif()
    with Image.open(det_photos() / PHONE_PHOTO) as img:
        img.save(pics / "IMG_0001.HEIC", exif=exif, quality=60)
    heic = _aged(pics / "IMG_0001.HEIC", 100)
    with Image.open(heic) as img:
        rgb = img.convert("RGB")
    exported = pics / "export" / "IMG_0001.jpg"
    rgb.save(exported, exif=exif, quality=95)
    lightroom = Image.Exif()
    lightroom.load(exif)
    lightroom[0x0131] = "Adobe Photoshop Lightroom Classic 13.0 (Windows)"
    edited = pics / "export" / "IMG_0001-edit.jpg"
    rgb.save(edited, exif=lightroom.tobytes(), quality=95)
    assert min(exported.stat().st_size, edited.stat().st_size) > heic.stat().st_size
    with open_library(default_home()) as library:
        run_scan(library, [pics], engine)
        ids = [_id(library, p) for p in (heic, exported, edited)]
        groups = find_duplicates(library.db, thumbnails=library.thumbnails_dir)
    assert len(groups) == 1 and set(groups[0].photo_ids) == set(ids)
    # The export that kept everything before the one naming its editor.
    assert groups[0].photo_ids == ids
    dialog = _open_dialog(qtbot, engine, tmp_path)
    heading = dialog.tree.topLevelItem(0).text(0)
    assert heading.endswith(
        "keeping IMG_0001.HEIC: it is the phone's own HEIC (Apple iPhone 12)"
    ), heading
    rows = {Path(i.text(0)).name: i for i in dialog.photo_items()}
    assert "phone's own HEIC" in rows["IMG_0001-edit.jpg"].toolTip(3)
