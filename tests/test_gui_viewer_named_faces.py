"""B in the viewer drew the face detector's boxes only: a face named in the photo's file (digiKam's,
Lightroom's mwg-rs regions) gave the photo its person tag but the viewer never showed which face
was Anna, as digiKam does on its preview. B now draws the named faces with their names: one box
with the name where the detector found the same face (overlap IoU >= 0.3), a box of its own with
the name where it found none, and the detector's other faces as before. A real det-photo, its
region written by exiftool and read by the metadata sync, a real SQLite library, real widgets."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from phototagger.core.face_marks import MATCH_IOU, face_marks, iou, merged
from phototagger.core.library import open_library
from phototagger.gui.viewer import FACE_COLOUR, NAMED_COLOUR
from phototagger.paths import default_home
from tests.gui_helpers import viewer_with_faces
from tests.people_photos import ELSEWHERE, FOUND, PERSON, library_with_named_photo

pytestmark = pytest.mark.skipif(shutil.which("exiftool") is None, reason="exiftool makes files")


def test_b_shows_the_names_on_the_faces(qtbot: QtBot, tmp_path: Path) -> None:
    library_with_named_photo(tmp_path / "pics", [FOUND, ELSEWHERE])
    viewer = viewer_with_faces(qtbot, tmp_path, PERSON.name)
    canvas = viewer.canvas
    side = canvas.item.pixmap().width()
    # Anna's face is one box (the file's), Bea's its own, the unnamed face the detector's.
    boxes = [
        tuple(round(v / side, 3) for v in item.rect().getRect()) + (item.pen().color(),)
        for item in canvas.boxes
    ]
    assert boxes == [
        (0.425, 0.43, 0.13, 0.16, NAMED_COLOUR),
        (0.15, 0.23, 0.1, 0.14, NAMED_COLOUR),
        (0.75, 0.05, 0.08, 0.1, FACE_COLOUR),
    ]
    assert [band.data(0) for band in canvas.names] == ["Anna", "Bea"]
    assert [band.childItems()[0].text() for band in canvas.names] == ["Anna", "Bea"]
    # Each name sits at its box's top-left corner, above it on the screen.
    for band, item in zip(canvas.names, canvas.boxes, strict=False):
        assert band.pos() == item.rect().topLeft()
        assert band.sceneBoundingRect().bottom() <= item.rect().top()
    assert viewer.faces_note.full_text() == (
        "2 faces; named in the file: Anna, Bea (not found by the detector)"
    )
    qtbot.keyClick(viewer, Qt.Key.Key_B)  # off: no boxes, no names
    assert canvas.boxes == [] and canvas.names == []
    assert canvas.scene().items() == [canvas.item]


def test_one_mark_per_face(tmp_path: Path) -> None:
    """digiKam writes a named face in both schemes (mwg-rs, MP): one mark, with both; a region
    overlapping the detector's box by less than MATCH_IOU is a face of its own."""
    anna = (0.4, 0.3, 0.1, 0.12)
    anna_mp = (0.41, 0.31, 0.1, 0.12)
    near = (0.47, 0.3, 0.1, 0.12)  # IoU with anna about 0.18
    assert iou(anna, near) < MATCH_IOU <= iou(anna, anna_mp)
    marks = merged(
        [
            ("Anna", "face", anna, "mwg-rs:Regions"),
            ("anna", "face", anna_mp, "MP:RegionInfo"),
            ("Rex", "pet", (0.1, 0.6, 0.2, 0.2), "mwg-rs:Regions"),
        ],
        [(near, 0.95), (anna_mp, 0.99)],
    )
    assert [(m.name, m.kind, m.box, m.confidence, m.schemes) for m in marks] == [
        ("Anna", "face", anna, 0.99, ("mwg-rs:Regions", "MP:RegionInfo")),
        ("Rex", "pet", (0.1, 0.6, 0.2, 0.2), None, ("mwg-rs:Regions",)),
        (None, "face", near, 0.95, ()),
    ]


def test_face_marks_read_the_library(tmp_path: Path) -> None:
    pid = library_with_named_photo(tmp_path / "pics", [FOUND])
    with open_library(default_home()) as lib:
        marks = face_marks(lib.db, pid)
    assert [(m.name, m.found, m.box) for m in marks] == [
        ("Anna", True, (0.425, 0.43, 0.13, 0.16)),
        ("Bea", False, (0.15, 0.23, 0.1, 0.14)),
    ]
