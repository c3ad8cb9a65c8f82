"""Taking the name off one face did nothing where another face of the photo has the same name: on
a group photo with two faces named Anna, `phototagger face P 1 ''` said "its name Anna taken off"
but face 1 still showed Anna (the name's tag stays for the other face, so no tag changed and
nothing was kept), and the keyword write left both Anna regions in the file. The name taken off
is kept now as a row with no name for that face (core/face_naming.remember_naming,
face_marks.cleared_faces): face 1 shows no name, the write takes its region out and leaves face
2's, and in the viewer Ctrl+Z gives face 1 its name back (the app's one undo: a step of its own,
gui/undo.FaceNameCommand, as no tag changed). A real det-photo with two faces the real detector
finds, a real scan with the real model, a real SQLite library, exiftool reading what was
written, the real viewer offscreen."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from phototagger.gui.viewer import FACE_COLOUR, NAMED_COLOUR
from tests.cli_helpers import run
from tests.gui_helpers import viewer_with_faces
from tests.keyword_readers import exiftool_set
from tests.people_photos import DET, scanned_copy
from tests.test_face_regions_read import regions_seen_by_exiftool

pytestmark = pytest.mark.skipif(shutil.which("exiftool") is None, reason="exiftool reads regions")

# Two children with ice lollies: the detector finds both faces, at about (0.224, 0.396) and
# (0.565, 0.489), 0.085 x 0.14 each.
GROUP = DET / "n07615774_13837_popsicle.jpg"


def _scanned(engine: Any, face_finder: Any, pics: Path) -> Path:
    return scanned_copy(GROUP, engine, face_finder, pics)


def _faces(capsys: pytest.CaptureFixture[str], photo: Path) -> list[tuple[str | None, float]]:
    """Each face `tags` lists: its name and its box's left edge (which face it is)."""
    code, out, _ = run(capsys, "tags", "--json", str(photo))
    assert code == 0
    return [(f["name"], round(f["box"][0], 1)) for f in json.loads(out)["faces"]]


def _index(capsys: pytest.CaptureFixture[str], photo: Path, left: float) -> str:
    """The index `face` takes for the face whose box starts at `left`."""
    return str(1 + [x for _, x in _faces(capsys, photo)].index(left))


def names_drawn(viewer: Any) -> list[tuple[float, str | None]]:
    """Each box the viewer draws: its left edge (which face it is) and the name drawn on it."""
    canvas = viewer.canvas
    names = iter(band.data(0) for band in canvas.names)
    return sorted(
        (
            round(item.rect().left() / canvas.item.pixmap().width(), 1),
            next(names) if item.data(0) == NAMED_COLOUR else None,
        )
        for item in canvas.boxes
    )


def viewer_on_one_named(
    engine: Any,
    face_finder: Any,
    capsys: pytest.CaptureFixture[str],
    qtbot: QtBot,
    tmp_path: Path,
    face: tuple[float, str],
) -> tuple[Path, Any]:
    """GROUP scanned, its face whose box starts at `face`[0] named `face`[1] with `face`, and the
    viewer open on it, B pressed: the photo and the viewer."""
    photo = _scanned(engine, face_finder, tmp_path / "pics")
    assert run(capsys, "face", str(photo), _index(capsys, photo, face[0]), face[1])[0] == 0
    return photo, viewer_with_faces(qtbot, tmp_path, photo.name)


def name_field_on_left_face(qtbot: QtBot, viewer: Any) -> None:
    """Tab to the left face (its box at 0.2 of the width) and press N: its name field open."""
    width = viewer.canvas.item.pixmap().width()
    left = [round(item.rect().left() / width, 1) for item in viewer.canvas.boxes].index(0.2)
    for _ in range(left + 1):
        qtbot.keyClick(viewer, Qt.Key.Key_Tab)
    assert viewer.canvas.selected == left
    qtbot.keyClick(viewer, Qt.Key.Key_N)


def _name_both_anna(capsys: pytest.CaptureFixture[str], photo: Path) -> None:
    assert sorted(_faces(capsys, photo), key=lambda f: f[1]) == [(None, 0.2), (None, 0.6)]
    for left in (0.2, 0.6):
        assert run(capsys, "face", str(photo), _index(capsys, photo, left), "Anna")[0] == 0
    assert sorted(_faces(capsys, photo), key=lambda f: f[1]) == [("Anna", 0.2), ("Anna", 0.6)]


def test_one_of_two_annas_taken_off_loses_its_name_and_its_region(
    engine: Any, face_finder: Any, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    photo = _scanned(engine, face_finder, tmp_path / "pics")
    _name_both_anna(capsys, photo)
    code, out, _ = run(capsys, "face", str(photo), _index(capsys, photo, 0.2), "")
    assert code == 0 and "Anna taken off" in out
    # The left face has no name; the right one is still Anna, and so is the photo's tag.
    assert sorted(_faces(capsys, photo), key=lambda f: f[1]) == [(None, 0.2), ("Anna", 0.6)]
    tags = json.loads(run(capsys, "tags", "--json", str(photo))[1])["tags"]
    assert {t["name"]: t["state"] for t in tags if t["name"].startswith("People (")} == {
        "People (keywords)/Anna": "added"
    }
    # The write agrees: one region, Anna's on the right face.
    code, out, _ = run(capsys, "metadata", "write", "--embed", str(photo))
    assert code == 0 and "1 face region added" in out, out
    seen = regions_seen_by_exiftool(photo)
    assert isinstance(seen, dict)
    (anna,) = seen["RegionInfo"]["RegionList"]
    assert anna["Name"] == "Anna" and anna["Area"]["X"] == pytest.approx(0.565 + 0.042, abs=0.01)
    # Both named again and written: two regions; the left one's name off again: its region goes.
    assert run(capsys, "face", str(photo), _index(capsys, photo, 0.2), "Anna")[0] == 0
    assert "1 face region added" in run(capsys, "metadata", "write", "--embed", str(photo))[1]
    assert run(capsys, "face", str(photo), _index(capsys, photo, 0.2), "")[0] == 0
    out = run(capsys, "metadata", "write", "--embed", str(photo))[1]
    assert "1 face region taken out" in out, out
    seen = regions_seen_by_exiftool(photo)
    assert isinstance(seen, dict)
    assert [r["Name"] for r in seen["RegionInfo"]["RegionList"]] == ["Anna"]
    assert seen["RegionInfo"]["RegionList"][0]["Area"]["X"] == pytest.approx(0.607, abs=0.01)


def test_ctrl_z_gives_the_face_its_name_back(
    engine: Any, face_finder: Any, capsys: pytest.CaptureFixture[str], qtbot: QtBot, tmp_path: Path
) -> None:
    photo = _scanned(engine, face_finder, tmp_path / "pics")
    _name_both_anna(capsys, photo)
    viewer = viewer_with_faces(qtbot, tmp_path, photo.name)
    canvas = viewer.canvas

    def drawn() -> list[tuple[float, str | None]]:
        return names_drawn(viewer)

    assert drawn() == [(0.2, "Anna"), (0.6, "Anna")]
    width = canvas.item.pixmap().width()
    left = [round(item.rect().left() / width, 1) for item in canvas.boxes].index(0.2)
    for _ in range(left + 1):
        qtbot.keyClick(viewer, Qt.Key.Key_Tab)  # to the left face
    assert canvas.selected == left
    qtbot.keyClick(viewer, Qt.Key.Key_N)
    assert viewer.name_field.text() == "Anna"
    viewer.name_field.clear()
    qtbot.keyClick(viewer.name_field, Qt.Key.Key_Return)
    assert drawn() == [(0.2, None), (0.6, "Anna")]
    assert [item.data(0) for item in canvas.boxes].count(FACE_COLOUR) == 1
    # Ctrl+Z: the left face is Anna again; Ctrl+Shift+Z takes it off again.
    qtbot.keyClick(viewer, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: drawn() == [(0.2, "Anna"), (0.6, "Anna")])
    assert sorted(_faces(capsys, photo), key=lambda f: f[1]) == [("Anna", 0.2), ("Anna", 0.6)]
    qtbot.keyClick(
        viewer,
        Qt.Key.Key_Z,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    qtbot.waitUntil(lambda: drawn() == [(0.2, None), (0.6, "Anna")])
    assert sorted(_faces(capsys, photo), key=lambda f: f[1]) == [(None, 0.2), ("Anna", 0.6)]


def test_a_files_anna_taken_off_one_face_while_another_keeps_her(
    engine: Any, face_finder: Any, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """digiKam named the left face Anna in the file; the user names the right face Anna here,
    then takes the left face's name off: the tag stays (the right face is Anna), the file's
    region over the left face is drawn taken off and leaves the file on the next write."""
    staged = tmp_path / "staged" / GROUP.name
    staged.parent.mkdir()
    shutil.copy(GROUP, staged)
    staged.chmod(0o644)
    left = "{Area={X=0.267,Y=0.467,W=0.086,H=0.142,Unit=normalized},Type=Face,Name=Anna}"
    exiftool_set(staged, "-struct", f"-XMP-mwg-rs:RegionInfo={{RegionList=[{left}]}}")
    photo = scanned_copy(staged, engine, face_finder, tmp_path / "pics")
    assert sorted(_faces(capsys, photo), key=lambda f: f[1]) == [("Anna", 0.2), (None, 0.6)]
    assert run(capsys, "face", str(photo), _index(capsys, photo, 0.6), "Anna")[0] == 0
    assert run(capsys, "face", str(photo), _index(capsys, photo, 0.2), "")[0] == 0
    shown = json.loads(run(capsys, "tags", "--json", str(photo))[1])
    assert sorted((round(f["box"][0], 1), f["name"], f["taken_off"]) for f in shown["faces"]) == [
        (0.2, None, "Anna"),
        (0.6, "Anna", None),
    ]
    code, out, _ = run(capsys, "metadata", "write", "--embed", str(photo))
    assert code == 0 and "1 face region added" in out and "1 taken out" in out, out
    seen = regions_seen_by_exiftool(photo)
    assert isinstance(seen, dict)
    (anna,) = seen["RegionInfo"]["RegionList"]
    assert anna["Name"] == "Anna" and anna["Area"]["X"] == pytest.approx(0.607, abs=0.01)
