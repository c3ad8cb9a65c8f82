"""A name given here, written into the file, then taken off here came back until the next write:
the face was named Anna (her tag added, the user's own), `metadata write` put digiKam's region
Anna into the file, then N with the name cleared (or `face PATH 1 ''`) took her tag off the photo
(deleted, the user's own tag, not a "no"): `tags` and the viewer showed the file's region
"Anna" on the face again, with no "taken off by you", until the next write took the region out.
Now a name taken off that the photo's files hold is recorded as a name taken off as a file's
name is (its tag rejected, core/face_naming.naming_edits): drawn and listed taken off at once,
its region taken out at the next write, and a rescan gives no tag back. A real det-photo with
two faces the real detector finds, a real scan with the real model, the real CLI and viewer,
exiftool reading the file."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from phototagger.core.library import open_library
from phototagger.core.training_set import label_index
from phototagger.paths import default_home
from tests.cli_helpers import run
from tests.gui_helpers import viewer_with_faces
from tests.people_photos import scanned_copy
from tests.test_face_name_off_one_of_two import (
    GROUP,
    _index,
    name_field_on_left_face,
    names_drawn,
)
from tests.test_face_regions_read import regions_seen_by_exiftool

pytestmark = pytest.mark.skipif(shutil.which("exiftool") is None, reason="exiftool reads regions")


def _shown(capsys: pytest.CaptureFixture[str], photo: Path) -> list[tuple[float, Any, Any]]:
    """Each face `tags --json` lists: its box's left edge, its name, the name taken off."""
    shown = json.loads(run(capsys, "tags", "--json", str(photo))[1])
    return sorted((round(f["box"][0], 1), f["name"], f["taken_off"]) for f in shown["faces"])


def _written_regions(capsys: pytest.CaptureFixture[str], photo: Path, said: str) -> list[str]:
    """`metadata write --embed` of the photo, which must say `said`: the names of the regions
    exiftool then reads in the file."""
    code, out, _ = run(capsys, "metadata", "write", "--embed", str(photo))
    assert code == 0 and said in out, out
    seen = regions_seen_by_exiftool(photo)
    assert isinstance(seen, dict)
    return [r["Name"] for r in seen["RegionInfo"]["RegionList"]]


def _written_anna(capsys: pytest.CaptureFixture[str], photo: Path) -> None:
    """The left face named Anna here and written into the file."""
    assert run(capsys, "face", str(photo), _index(capsys, photo, 0.2), "Anna")[0] == 0
    assert _written_regions(capsys, photo, "1 face region added") == ["Anna"]


def test_taken_off_after_the_write_stays_off(
    engine: Any, face_finder: Any, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    photo = scanned_copy(GROUP, engine, face_finder, tmp_path / "pics")
    _written_anna(capsys, photo)
    assert run(capsys, "face", str(photo), _index(capsys, photo, 0.2), "")[0] == 0
    assert _shown(capsys, photo) == [(0.2, None, "Anna"), (0.6, None, None)]
    out = run(capsys, "tags", str(photo))[1]
    assert "1 name in the file taken off by you" in out, out
    code, out, _ = run(capsys, "metadata", "write", "--embed", str(photo))
    assert code == 0 and "1 face region taken out" in out, out
    assert "RegionInfo" not in json.dumps(regions_seen_by_exiftool(photo))
    assert "Anna" not in json.dumps(regions_seen_by_exiftool(photo))
    # Read again from the file, nothing names her; a second write changes nothing.
    assert run(capsys, "scan", str(tmp_path / "pics"))[0] == 0
    assert _shown(capsys, photo) == [(0.2, None, None), (0.6, None, None)]
    code, out, _ = run(capsys, "metadata", "write", "--embed", str(photo))
    assert code == 0 and "face region" not in out, out


def test_the_viewer_draws_it_taken_off_and_ctrl_z_gives_it_back(
    engine: Any, face_finder: Any, capsys: pytest.CaptureFixture[str], qtbot: QtBot, tmp_path: Path
) -> None:
    photo = scanned_copy(GROUP, engine, face_finder, tmp_path / "pics")
    _written_anna(capsys, photo)
    viewer = viewer_with_faces(qtbot, tmp_path, photo.name)
    assert names_drawn(viewer) == [(0.2, "Anna"), (0.6, None)]
    name_field_on_left_face(qtbot, viewer)
    assert viewer.name_field.text() == "Anna"
    viewer.name_field.clear()
    qtbot.keyClick(viewer.name_field, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: names_drawn(viewer) == [(0.2, None), (0.6, None)])
    assert viewer.faces_note.full_text().endswith("named in the file, taken off by you: Anna")
    qtbot.keyClick(viewer, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: names_drawn(viewer) == [(0.2, "Anna"), (0.6, None)])
    assert _shown(capsys, photo) == [(0.2, "Anna", None), (0.6, None, None)]


def test_renamed_after_the_write_leaves_no_no(
    engine: Any, face_finder: Any, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """Renamed rather than taken off, the new name covers the file's: Anna's tag simply goes
    (no "no" left on the photo), and the write renames her region Carl."""
    photo = scanned_copy(GROUP, engine, face_finder, tmp_path / "pics")
    _written_anna(capsys, photo)
    assert run(capsys, "face", str(photo), _index(capsys, photo, 0.2), "Carl")[0] == 0
    assert _shown(capsys, photo) == [(0.2, "Carl", None), (0.6, None, None)]
    tags = json.loads(run(capsys, "tags", "--json", str(photo))[1])["tags"]
    assert [t["name"] for t in tags if t["name"].startswith("People (")] == [
        "People (keywords)/Carl"
    ]
    assert _written_regions(capsys, photo, "1 face region renamed") == ["Carl"]


def test_taken_off_after_the_write_is_a_no_training_reads(
    engine: Any, face_finder: Any, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """The "no" is an answer (README, Naming a face): training reads it, so the tag's answers
    are not all taken back. A name given and taken off before any write leaves no answer."""
    photo = scanned_copy(GROUP, engine, face_finder, tmp_path / "pics")
    _written_anna(capsys, photo)
    assert run(capsys, "face", str(photo), _index(capsys, photo, 0.2), "")[0] == 0
    assert run(capsys, "face", str(photo), _index(capsys, photo, 0.6), "Bob")[0] == 0
    assert run(capsys, "face", str(photo), _index(capsys, photo, 0.6), "")[0] == 0
    with open_library(default_home()) as lib:
        answers = label_index(lib.db, [])
    anna, bob = "People (keywords)/Anna", "People (keywords)/Bob"
    assert (answers.positives.get(anna), answers.negatives.get(anna)) == (None, 1)
    assert bob not in answers.positives and bob not in answers.negatives
