"""A tag rename lost every name given a face: two faces named Anna here, 'People (keywords)/Anna'
renamed 'People (keywords)/Anne' in the Tag Manager (or `tag rename`), and neither face had a
name any more (a face's name stands while the photo holds the name's tag, and the names kept
still said Anna). And the viewer's undo step of naming a face Anna whose tag was there already
(gui/undo.FaceNameCommand, no tag changed) put back "Anna" on redo after the rename. The names
follow the tag now (face_marks.names_follow_tag_change in core/tag_admin's rename and merge),
and so does the undo step (FaceNameCommand.follow). A real det-photo with two faces the real
detector finds, a real scan with the real model, the real app offscreen, exiftool reading the
regions the write puts in the file."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from tests.cli_helpers import run
from tests.gui_helpers import settle
from tests.modal_helpers import answer_next_modal, type_text
from tests.people_photos import scanned_copy
from tests.test_face_name_off_one_of_two import (
    GROUP,
    _faces,
    _index,
    name_field_on_left_face,
    names_drawn,
    viewer_on_one_named,
)
from tests.test_face_regions_read import regions_seen_by_exiftool

pytestmark = pytest.mark.skipif(shutil.which("exiftool") is None, reason="exiftool reads regions")


def test_a_face_named_and_undone_is_redone_under_its_tags_new_name(
    engine: Any, face_finder: Any, capsys: pytest.CaptureFixture[str], qtbot: QtBot, tmp_path: Path
) -> None:
    photo, viewer = viewer_on_one_named(engine, face_finder, capsys, qtbot, tmp_path, (0.6, "Anna"))
    assert names_drawn(viewer) == [(0.2, None), (0.6, "Anna")]
    window = viewer.parent()
    # Naming the left face Anna changes no tag (the right face's gave it): a step of its own.
    name_field_on_left_face(qtbot, viewer)
    viewer.name_field.setText("Anna")
    qtbot.keyClick(viewer.name_field, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: names_drawn(viewer) == [(0.2, "Anna"), (0.6, "Anna")])
    assert window.undo_stack.text(window.undo_stack.index() - 1) == "Name a face “Anna”"
    # The status bar says what was done (it said "Name a face “Anna”", an order).
    assert window.status.currentMessage() == "Named a face “Anna” (Ctrl+Z to undo)"

    answer_next_modal(type_text("People (keywords)/Anne"))
    window.tools.ask_rename("People (keywords)/Anna")
    settle(qtbot, window)
    # Both faces' names followed their tag.
    assert sorted(_faces(capsys, photo), key=lambda f: f[1]) == [("Anne", 0.2), ("Anne", 0.6)]
    # The rename is an undo step (undo37): undone, both faces are Anna again; the naming before
    # it undone and redone, the left face is Anna (the step followed the rename back); the
    # rename redone, both are Anne.
    viewer.activateWindow()
    qtbot.waitUntil(viewer.isActiveWindow)
    qtbot.keyClick(viewer, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    settle(qtbot, window)
    assert sorted(_faces(capsys, photo), key=lambda f: f[1]) == [("Anna", 0.2), ("Anna", 0.6)]
    qtbot.keyClick(viewer, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: names_drawn(viewer) == [(0.2, None), (0.6, "Anna")])
    assert window.undo_stack.text(window.undo_stack.index()) == "Name a face “Anna”"
    redo = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    qtbot.keyClick(viewer, Qt.Key.Key_Z, redo)
    qtbot.waitUntil(lambda: names_drawn(viewer) == [(0.2, "Anna"), (0.6, "Anna")])
    qtbot.keyClick(viewer, Qt.Key.Key_Z, redo)
    settle(qtbot, window)
    qtbot.waitUntil(lambda: names_drawn(viewer) == [(0.2, "Anne"), (0.6, "Anne")])
    assert sorted(_faces(capsys, photo), key=lambda f: f[1]) == [("Anne", 0.2), ("Anne", 0.6)]
    # The file says so too: two regions named Anne, none Anna.
    code, out, _ = run(capsys, "metadata", "write", "--embed", str(photo))
    assert code == 0 and "2 face regions added" in out, out
    seen = regions_seen_by_exiftool(photo)
    assert isinstance(seen, dict)
    assert sorted(
        (r["Name"], round(r["Area"]["X"], 1)) for r in seen["RegionInfo"]["RegionList"]
    ) == [("Anne", 0.3), ("Anne", 0.6)]


def name_undo_rename_redo(
    qtbot: QtBot, capsys: pytest.CaptureFixture[str], photo: Path, viewer: Any, name: str, to: str
) -> None:
    """With the right face named `name` (its tag there), the left face named `name` in the viewer
    (a step of its own), undone, 'People (keywords)/`name`' renamed 'People (keywords)/`to`' on
    the command line, and the step redone in the window: checked on the way, the faces drawn `to`
    at the end. A rename in the window is an undo step of its own, which drops the steps waiting
    to be redone (undo37); one made elsewhere leaves them, and the redo follows it
    (face_naming.name_after)."""
    window = viewer.parent()
    # Naming the left face changes no tag (the right face's gave it): a step of its own.
    name_field_on_left_face(qtbot, viewer)
    viewer.name_field.setText(name)
    qtbot.keyClick(viewer.name_field, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: names_drawn(viewer) == [(0.2, name), (0.6, name)])
    assert window.undo_stack.text(window.undo_stack.index() - 1) == f"Name a face “{name}”"
    qtbot.keyClick(viewer, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: names_drawn(viewer) == [(0.2, None), (0.6, name)])

    renamed = run(capsys, "tag", "rename", f"People (keywords)/{name}", f"People (keywords)/{to}")
    assert renamed[0] == 0, renamed
    # The right face's name followed its tag.
    assert sorted(_faces(capsys, photo), key=lambda f: f[1]) == [(None, 0.2), (to, 0.6)]
    viewer.activateWindow()
    qtbot.waitUntil(viewer.isActiveWindow)
    qtbot.keyClick(
        viewer,
        Qt.Key.Key_Z,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    settle(qtbot, window)
    assert sorted(_faces(capsys, photo), key=lambda f: f[1]) == [(to, 0.2), (to, 0.6)]


def test_tag_rename_on_the_command_line_renames_the_faces(
    engine: Any, face_finder: Any, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    photo = scanned_copy(GROUP, engine, face_finder, tmp_path / "pics")
    for left in (0.2, 0.6):
        assert run(capsys, "face", str(photo), _index(capsys, photo, left), "Anna")[0] == 0
    assert run(capsys, "face", str(photo), _index(capsys, photo, 0.2), "")[0] == 0
    code, _, _ = run(capsys, "tag", "rename", "People (keywords)/Anna", "People (keywords)/Anne")
    assert code == 0
    assert sorted(_faces(capsys, photo), key=lambda f: f[1]) == [(None, 0.2), ("Anne", 0.6)]
    code, out, _ = run(capsys, "metadata", "write", "--embed", str(photo))
    assert code == 0 and "1 face region added" in out, out
    seen = regions_seen_by_exiftool(photo)
    assert isinstance(seen, dict)
    (anne,) = seen["RegionInfo"]["RegionList"]
    assert anne["Name"] == "Anne" and anne["Area"]["X"] == pytest.approx(0.607, abs=0.01)
