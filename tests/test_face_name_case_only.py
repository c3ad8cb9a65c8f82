"""A face's name in another case only ("anna" renamed "Anna") changed the face and not its tag:
the tag 'People (keywords)/anna' holds both spellings (tags are told apart regardless of case),
so `face` said "the photo has 'People (keywords)/Anna'" where it had '.../anna', `tags` listed
the face Anna under the tag anna, the viewer pushed an undo step of its own for it, and the
keyword write renamed the file's region Anna beside the keyword People|anna: two spellings of
one person in the file. A face's name is its tag's spelling now (face_naming.
spelled_as_library): a rename in case alone changes nothing and says how to respell the tag
(`tag rename`), with no undo step; a name typed in another case on another face takes the
library's spelling. A real det-photo with two faces the real detector finds, a real scan with
the real model, the real CLI and viewer, exiftool reading the file."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from tests import test_face_name_off_one_of_two as two_faces
from tests.cli_helpers import run
from tests.keyword_readers import exiftool_keywords
from tests.people_photos import scanned_copy
from tests.test_face_regions_read import regions_seen_by_exiftool

pytestmark = pytest.mark.skipif(shutil.which("exiftool") is None, reason="exiftool reads files")


def _in_file(photo: Path) -> tuple[list[str], list[str]]:
    """The region names and the People keywords exiftool reads in the file."""
    seen = regions_seen_by_exiftool(photo)
    assert isinstance(seen, dict)
    regions = sorted(r["Name"] for r in seen["RegionInfo"]["RegionList"])
    return regions, exiftool_keywords(photo)["Xmp.lr.hierarchicalSubject"]


def test_a_rename_in_case_alone_is_refused_and_a_new_face_takes_the_tags_spelling(
    engine: Any, face_finder: Any, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    photo = scanned_copy(two_faces.GROUP, engine, face_finder, tmp_path / "pics")
    left = two_faces._index(capsys, photo, 0.2)
    assert run(capsys, "face", str(photo), left, "anna")[0] == 0
    assert "1 face region added" in run(capsys, "metadata", "write", "--embed", str(photo))[1]
    code, out, err = run(capsys, "face", str(photo), left, "Anna")
    assert code != 0, out
    assert err.endswith(
        "the face is named anna already, as its tag 'People (keywords)/anna' is spelled;"
        " phototagger tag rename respells it on every photo\n"
    ), err
    assert sorted(two_faces._faces(capsys, photo), key=lambda f: f[1]) == [
        ("anna", 0.2),
        (None, 0.6),
    ]
    # The other face typed ANNA: the same person, as her tag spells her.
    code, out, _ = run(capsys, "face", str(photo), two_faces._index(capsys, photo, 0.6), "ANNA")
    assert code == 0 and out == "face 2 named anna: the photo has 'People (keywords)/anna'\n"
    assert sorted(two_faces._faces(capsys, photo), key=lambda f: f[1]) == [
        ("anna", 0.2),
        ("anna", 0.6),
    ]
    out = run(capsys, "metadata", "write", "--embed", str(photo))[1]
    assert "1 face region added" in out and "renamed" not in out, out
    assert _in_file(photo) == (["anna", "anna"], ["People|anna"])
    # Respelt where the tag is: every face follows, and so does the file.
    code = run(capsys, "tag", "rename", "People (keywords)/anna", "People (keywords)/Anna")[0]
    assert code == 0
    assert sorted(two_faces._faces(capsys, photo), key=lambda f: f[1]) == [
        ("Anna", 0.2),
        ("Anna", 0.6),
    ]
    out = run(capsys, "metadata", "write", "--embed", str(photo))[1]
    assert "2 face regions renamed" in out, out
    # (The keyword keeps its spelling: the write tells keywords apart regardless of case.)
    assert _in_file(photo)[0] == ["Anna", "Anna"]


def test_the_viewer_says_so_and_pushes_no_undo_step(
    engine: Any, face_finder: Any, capsys: pytest.CaptureFixture[str], qtbot: QtBot, tmp_path: Path
) -> None:
    photo, viewer = two_faces.viewer_on_one_named(
        engine, face_finder, capsys, qtbot, tmp_path, (0.2, "anna")
    )
    window = viewer.parent()
    steps = window.undo_stack.count()
    two_faces.name_field_on_left_face(qtbot, viewer)
    assert viewer.name_field.text() == "anna"
    viewer.name_field.setText("Anna")
    qtbot.keyClick(viewer.name_field, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "named anna already" in window.status.currentMessage())
    assert window.status.currentMessage().endswith("Rename Tag (in the sidebar) respells it.")
    assert window.undo_stack.count() == steps
    assert two_faces.names_drawn(viewer) == [(0.2, "anna"), (0.6, None)]
