"""A face named in a photo with an EXIF Orientation other than 1 (a phone's portrait photo:
Orientation 6 or 8) was drawn where the face lies in the stored pixels, not in the photo as shown:
the file's boxes are fractions of the stored pixels (digiKam reads and writes them so, Immich
reads them so since its PR 18021, after MWG's guidelines), the detector's of the photo turned
upright, so B drew 'Anna' off her face beside the detector's unnamed box, and `tags` listed two
faces. The named boxes are now turned as the photo is. A real det-photo rotated by hand (its
pixels turned, Orientation set by exiftool so it shows upright), its regions written as digiKam
writes them, a real scan with the real model and face detector, a real SQLite library, the real
viewer offscreen."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from PIL import Image, ImageOps
from pytestqt.qtbot import QtBot

from phototagger.core.face_marks import face_marks
from phototagger.core.metadata.regions import shown_box
from phototagger.core.people import PeopleStep
from phototagger.core.scan import scan
from phototagger.gui.viewer import NAMED_COLOUR
from phototagger.store.photos import get_photo_by_path
from tests.cli_helpers import run
from tests.exiftool_process import exiftool
from tests.gui_helpers import viewer_with_faces
from tests.people_photos import DET
from tests.scan_helpers import new_library

pytestmark = pytest.mark.skipif(shutil.which("exiftool") is None, reason="exiftool makes files")

# n00007846_149204_person.jpg (500 x 333): the detector finds one face, at about
# (0.501, 0.322) 0.136 x 0.239 of the upright photo, right of the centre.
UPRIGHT = DET / "n00007846_149204_person.jpg"
# Anna over that face and Bea on the wall, as fractions of the pixels stored turned a quarter
# anticlockwise (333 x 500), as digiKam writes them for Orientation 6: in the photo as shown,
# Anna is at (0.5, 0.32) 0.14 x 0.24, Bea at (0.8, 0.1) 0.1 x 0.1.
STORED_ANNA = (0.32, 0.36, 0.24, 0.14)
STORED_BEA = (0.1, 0.1, 0.1, 0.1)
SHOWN_ANNA = [0.5, 0.32, 0.14, 0.24]
SHOWN_BEA = [0.8, 0.1, 0.1, 0.1]


def _mwg(name: str, box: tuple[float, float, float, float]) -> str:
    x, y, w, h = box
    return (
        f"{{Area={{X={x + w / 2:.6g},Y={y + h / 2:.6g},W={w},H={h},Unit=normalized}},"
        f"Type=Face,Name={name}}}"
    )


def rotated_named_photo(folder: Path) -> Path:
    """UPRIGHT with its pixels turned a quarter anticlockwise and EXIF Orientation 6 (shown
    turned a quarter clockwise: upright again), Anna and Bea named in mwg-rs and MP as digiKam
    writes them (exiftool)."""
    folder.mkdir(parents=True)
    photo = folder / "portrait.jpg"
    Image.open(UPRIGHT).transpose(Image.Transpose.ROTATE_90).save(photo, quality=95)
    regions = (
        "-XMP-mwg-rs:RegionInfo={AppliedToDimensions={W=333,H=500,Unit=pixel},RegionList=["
        f"{_mwg('Anna', STORED_ANNA)},{_mwg('Bea', STORED_BEA)}]}}"
    )
    mp = "-XMP-MP:RegionInfoMP={Regions=[" + ",".join(
        f"{{PersonDisplayName={name},Rectangle={'|, '.join(str(v) for v in box)}}}"
        for name, box in (("Anna", STORED_ANNA), ("Bea", STORED_BEA))
    )
    exiftool(
        "-q",
        "-overwrite_original",
        "-struct",
        "-Orientation#=6",
        regions,
        mp + "]}",
        str(photo),
        text=False,
    )
    return photo


def test_the_rotated_photo_shows_upright(tmp_path: Path) -> None:
    """The helper's photo is what a phone writes: stored on its side, shown upright."""
    photo = rotated_named_photo(tmp_path / "pics")
    with Image.open(photo) as im:
        assert im.size == (333, 500)
        assert im.getexif()[0x0112] == 6
        shown = np.asarray(ImageOps.exif_transpose(im), np.float32)
    upright = np.asarray(Image.open(UPRIGHT).convert("RGB"), np.float32)
    assert shown.shape == upright.shape and np.abs(shown - upright).mean() < 4


@pytest.mark.parametrize("orientation", range(1, 9))
def test_shown_box_follows_the_orientation(orientation: int, tmp_path: Path) -> None:
    """A white block at a box of the stored pixels lies, once Pillow turns the photo upright by
    its Orientation, where shown_box puts the box."""
    stored = Image.new("L", (400, 300))
    box = (0.1, 0.2, 0.3, 0.25)  # left, top, width, height of the stored pixels
    stored.paste(255, (40, 60, 160, 135))
    exif = Image.Exif()
    exif[0x0112] = orientation
    path = tmp_path / f"o{orientation}.png"
    stored.save(path, exif=exif)
    with Image.open(path) as im:
        shown = ImageOps.exif_transpose(im)
    left, top, right, bottom = shown.getbbox() or (0, 0, 0, 0)
    width, height = shown.size
    found = (left / width, top / height, (right - left) / width, (bottom - top) / height)
    assert shown_box(box, orientation) == pytest.approx(found, abs=1e-6)


def _scanned(engine: Any, face_finder: Any, pics: Path) -> Path:
    photo = rotated_named_photo(pics)
    with new_library() as lib:
        scan(lib, [str(pics)], lambda: engine, people=PeopleStep(lambda: face_finder))
    return photo


def test_tags_puts_the_names_on_the_rotated_faces(
    engine: Any, face_finder: Any, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    photo = _scanned(engine, face_finder, tmp_path / "pics")
    code, out, _ = run(capsys, "tags", "--json", str(photo))
    assert code == 0
    faces = json.loads(out)["faces"]
    # One face, the detector's, named Anna in both schemes; Bea on the wall where she is shown.
    assert [(f["name"], f["found_by_detector"], f["named_in"]) for f in faces] == [
        ("Anna", True, ["mwg-rs:Regions", "MP:RegionInfo"]),
        ("Bea", False, ["mwg-rs:Regions", "MP:RegionInfo"]),
    ]
    assert faces[0]["box"] == pytest.approx(SHOWN_ANNA)
    assert faces[1]["box"] == pytest.approx(SHOWN_BEA)
    with new_library() as lib:
        found = get_photo_by_path(lib.db, str(photo))
        assert found is not None and found.orientation == 6
        (anna, _) = face_marks(lib.db, found.id)
    # The detector's own box, of the upright photo, is on the same face.
    assert anna.confidence is not None and anna.confidence > 0.9
    code, out, _ = run(capsys, "tags", str(photo))
    assert "  faces: 1 found by the detector, 2 named in the file" in out.splitlines()


def test_b_puts_the_names_on_the_rotated_faces(
    engine: Any, face_finder: Any, qtbot: QtBot, tmp_path: Path
) -> None:
    photo = _scanned(engine, face_finder, tmp_path / "pics")
    viewer = viewer_with_faces(qtbot, tmp_path, photo.name)
    canvas = viewer.canvas
    pixmap = canvas.item.pixmap()
    assert pixmap.width() > pixmap.height()  # shown upright: landscape
    boxes = [
        (
            item.rect().x() / pixmap.width(),
            item.rect().y() / pixmap.height(),
            item.rect().width() / pixmap.width(),
            item.rect().height() / pixmap.height(),
        )
        for item in canvas.boxes
    ]
    # Two boxes, both named: no yellow box of the detector's left beside Anna's.
    assert [item.pen().color() for item in canvas.boxes] == [NAMED_COLOUR, NAMED_COLOUR]
    assert boxes[0] == pytest.approx(SHOWN_ANNA, abs=0.005)
    assert boxes[1] == pytest.approx(SHOWN_BEA, abs=0.005)
    assert [band.data(0) for band in canvas.names] == ["Anna", "Bea"]
    assert viewer.faces_note.full_text() == (
        "1 face; named in the file: Anna, Bea (not found by the detector)"
    )
