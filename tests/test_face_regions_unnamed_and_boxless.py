"""What a file says of faces beyond the named boxes was not shown: a face region with no name
(digiKam's "Unknown" face, marked and not yet named) drew nothing of its own, and a name with no
box (IPTC's Person Shown, Photo Mechanic's and Lightroom's) was neither drawn nor listed, though
it gave the photo the person's tag. B now draws an unnamed region as a face with no name (one box
with the detector's face where they overlap) and the bar says it, "1 unnamed in the file (1 not
found by the detector)"; a boxless name no face already names is said on the bar, "named in the
file, no box: Carl", and listed by `tags`. A real det-photo, its regions written by exiftool and
read by the metadata sync, a real SQLite library, the real viewer offscreen and the real CLI."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from phototagger.gui.viewer import FACE_COLOUR, NAMED_COLOUR
from tests.cli_helpers import run
from tests.gui_helpers import viewer_with_faces
from tests.keyword_readers import exiftool_read
from tests.people_photos import ELSEWHERE, FOUND, PERSON, library_with_named_photo

pytestmark = pytest.mark.skipif(shutil.which("exiftool") is None, reason="exiftool makes files")

# Anna over the face found; an unnamed face over ELSEWHERE (the detector's other face) and one
# where the detector found nothing; Person Shown: Carl, and Anna, who has her face already.
ASSIGNMENTS = (
    "-XMP-mwg-rs:RegionInfo={AppliedToDimensions={W=500,H=500,Unit=pixel},RegionList=["
    "{Area={X=0.49,Y=0.51,W=0.13,H=0.16,Unit=normalized},Type=Face,Name=Anna},"
    "{Area={X=0.79,Y=0.1,W=0.08,H=0.1,Unit=normalized},Type=Face},"
    "{Area={X=0.2,Y=0.8,W=0.1,H=0.1,Unit=normalized},Type=Face}]}",
    "-XMP-iptcExt:PersonInImage=Carl",
    "-XMP-iptcExt:PersonInImage+=Anna",
)


def test_tags_lists_unnamed_faces_and_names_with_no_box(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    library_with_named_photo(tmp_path / "pics", [FOUND, ELSEWHERE], ASSIGNMENTS)
    code, out, _ = run(capsys, "tags", str(tmp_path / "pics" / PERSON.name))
    assert code == 0
    lines = out.splitlines()
    faces = lines.index(
        "  faces: 2 found by the detector, 1 named in the file,"
        " 1 named in the file with no box, 2 unnamed in the file"
    )
    assert lines[faces + 1 :] == [
        "    Anna       named in the file (mwg-rs:Regions), a face the detector found (1.00)",
        "    (no name)  unnamed in the file (mwg-rs:Regions), a face the detector found (0.97)",
        "    (no name)  unnamed in the file (mwg-rs:Regions); the detector found no face there",
        "    Carl       named in the file (Iptc4xmpExt:PersonInImage), no box",
    ]


def test_b_draws_unnamed_faces_and_the_bar_says_the_boxless_names(
    qtbot: QtBot, tmp_path: Path
) -> None:
    library_with_named_photo(tmp_path / "pics", [FOUND, ELSEWHERE], ASSIGNMENTS)
    viewer = viewer_with_faces(qtbot, tmp_path, PERSON.name)
    side = viewer.canvas.item.pixmap().width()
    assert [
        tuple(round(v / side, 2) for v in item.rect().getRect()) + (item.data(0),)
        for item in viewer.canvas.boxes
    ] == [
        (0.42, 0.43, 0.13, 0.16, NAMED_COLOUR),
        (0.75, 0.05, 0.08, 0.1, FACE_COLOUR),
        (0.15, 0.75, 0.1, 0.1, FACE_COLOUR),
    ]
    assert [band.data(0) for band in viewer.canvas.names] == ["Anna"]
    # Cut to the bar's room and said whole in its tooltip: it made the viewer wider than the
    # screen (1,271 px on the 800 px offscreen screen) once the bar was laid out.
    QApplication.processEvents()
    assert viewer.width() <= viewer.screen().availableGeometry().width()
    assert viewer.faces_note.full_text() == (
        "2 faces; named in the file: Anna; named in the file, no box: Carl;"
        " 2 unnamed in the file (1 not found by the detector)"
    )


def test_tags_json_lists_the_names_with_no_box_among_the_faces(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """A script reading `tags --json`'s faces missed Carl, named only in Person Shown (he was in
    `face_regions` alone): he is a face there now, box null, after the faces `face` indexes."""
    library_with_named_photo(tmp_path / "pics", [FOUND, ELSEWHERE], ASSIGNMENTS)
    photo = tmp_path / "pics" / PERSON.name
    code, out, _ = run(capsys, "tags", "--json", str(photo))
    assert code == 0
    faces = json.loads(out)["faces"]
    assert [(f["name"], f["box"] is None) for f in faces] == [
        ("Anna", False),
        (None, False),
        (None, False),
        ("Carl", True),
    ]
    assert faces[-1] == {
        "box": None,
        "name": "Carl",
        "kind": "face",
        "found_by_detector": False,
        "confidence": None,
        "named_in": ["Iptc4xmpExt:PersonInImage"],
        "taken_off": None,
    }
    # Every name the file gives, as exiftool reads it, is among the faces.
    found = exiftool_read(photo, "-XMP-mwg-rs:RegionInfo", "-XMP-iptcExt:PersonInImage")
    regions = found["RegionInfo"]
    assert isinstance(regions, dict) and isinstance(found["PersonInImage"], list)
    in_file = {r["Name"] for r in regions["RegionList"] if "Name" in r}
    assert in_file | set(found["PersonInImage"]) == {f["name"] for f in faces if f["name"]}
    # `export --json` gives the same list as face_marks.
    [exported] = json.loads(run(capsys, "export", "--json")[1])
    assert exported["face_marks"] == faces
    # The faces `face` indexes are those before: naming the last of them still works.
    assert run(capsys, "face", str(photo), "3", "Dora")[0] == 0
    assert run(capsys, "face", str(photo), "4", "Eve")[0] != 0
