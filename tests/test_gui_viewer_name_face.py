"""The face detector found faces, and B drew them, but a user could not say who was in one (as
digiKam and Lightroom let them): the only way was a People keyword typed on the whole photo, and
no face ever showed a name given in phototagger. In the viewer with B, a face is now chosen by a
click or Tab and named with N or Enter (the name field completes the library's people): the
photo gets the person tag a People keyword of that name gives, as the user's own, one undoable
step (Ctrl+Z in the viewer), and B draws the face with the name. A renamed face loses the old
name's tag; Ctrl+Z brings it back. A real det-photo of a person (the real face detector finds the
face in a real scan with the real model), a real SQLite library, the real viewer offscreen."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QPoint, Qt
from pytestqt.qtbot import QtBot

from phototagger.core.face_marks import face_marks, people_names
from phototagger.core.library import open_library
from phototagger.gui.viewer import FACE_COLOUR, NAMED_COLOUR, SELECTED_COLOUR
from phototagger.paths import default_home
from phototagger.store.photos import get_photo_by_path
from phototagger.store.tags import tags_of_photo
from tests.gui_helpers import viewer_with_faces
from tests.people_photos import scanned_santa


def _people(photo: Path) -> dict[str, str | None]:
    """The photo's person tags and their states."""
    with open_library(default_home()) as lib:
        found = get_photo_by_path(lib.db, str(photo))
        assert found is not None
        return {
            t.name: t.state
            for t in tags_of_photo(lib.db, found.id)
            if t.name.startswith("People (keywords)/")
        }


def _scanned_viewer(
    engine: Any, face_finder: Any, qtbot: QtBot, tmp_path: Path
) -> tuple[Any, Path]:
    photo = scanned_santa(engine, face_finder, tmp_path / "pics")
    viewer = viewer_with_faces(qtbot, tmp_path, photo.name)
    # The detector's face, unnamed: one yellow box.
    assert [item.pen().color() for item in viewer.canvas.boxes] == [FACE_COLOUR]
    return viewer, photo


def _name(qtbot: QtBot, viewer: Any, name: str) -> None:
    """Type `name` in the open name field and press Enter."""
    assert viewer.name_field.isVisible()
    viewer.name_field.selectAll()
    qtbot.keyClicks(viewer.name_field, name)
    qtbot.keyClick(viewer.name_field, Qt.Key.Key_Return)
    assert not viewer.name_field.isVisible()


def _drawn(viewer: Any) -> list[tuple[Any, str | None]]:
    """Each box's colour when not chosen and the name drawn over the named ones."""
    names = iter(band.data(0) for band in viewer.canvas.names)
    return [
        (item.data(0), next(names) if item.data(0) == NAMED_COLOUR else None)
        for item in viewer.canvas.boxes
    ]


def test_name_a_face_with_the_keyboard_and_undo_it(
    engine: Any, face_finder: Any, qtbot: QtBot, tmp_path: Path
) -> None:
    viewer, photo = _scanned_viewer(engine, face_finder, qtbot, tmp_path)
    assert _people(photo) == {}
    qtbot.keyClick(viewer, Qt.Key.Key_Tab)  # the first face, drawn white
    assert viewer.canvas.selected == 0
    assert viewer.canvas.boxes[0].pen().color() == SELECTED_COLOUR
    qtbot.keyClick(viewer, Qt.Key.Key_N)  # N names it (no next photo while a face is chosen)
    _name(qtbot, viewer, "Anna")
    assert _people(photo) == {"People (keywords)/Anna": "added"}
    assert _drawn(viewer) == [(NAMED_COLOUR, "Anna")]
    assert viewer.faces_note.full_text() == "1 face; named by you: Anna"
    with open_library(default_home()) as lib:
        (mark,) = face_marks(lib.db, get_photo_by_path(lib.db, str(photo)).id)  # type: ignore[union-attr]
        assert mark.name == "Anna" and mark.found  # the detector's face, named: one mark
        assert people_names(lib.db) == ["Anna"]  # the name field completes it next time
    # Ctrl+Z in the viewer undoes it: no tag, and the face unnamed again.
    qtbot.keyClick(viewer, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: _people(photo) == {})
    assert _drawn(viewer) == [(FACE_COLOUR, None)]
    # And redo names it again.
    qtbot.keyClick(
        viewer,
        Qt.Key.Key_Z,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    qtbot.waitUntil(lambda: _people(photo) == {"People (keywords)/Anna": "added"})
    assert _drawn(viewer) == [(NAMED_COLOUR, "Anna")]


def test_rename_a_face_by_clicking_it(
    engine: Any, face_finder: Any, qtbot: QtBot, tmp_path: Path
) -> None:
    viewer, photo = _scanned_viewer(engine, face_finder, qtbot, tmp_path)
    canvas = viewer.canvas

    def click_face() -> None:
        centre = canvas.mapFromScene(canvas.boxes[0].rect().center())
        qtbot.mouseClick(canvas.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(centre))

    click_face()
    assert canvas.selected == 0
    _name(qtbot, viewer, "Anna")
    assert _people(photo) == {"People (keywords)/Anna": "added"}
    click_face()
    assert viewer.name_field.text() == "Anna"  # its name, to change
    _name(qtbot, viewer, "Bea")
    # Renamed: Anna's tag off (no other face is Anna), Bea's on, the face drawn 'Bea'.
    assert _people(photo) == {"People (keywords)/Bea": "added"}
    assert _drawn(viewer) == [(NAMED_COLOUR, "Bea")]
    qtbot.keyClick(viewer, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: _people(photo) == {"People (keywords)/Anna": "added"})
    assert _drawn(viewer) == [(NAMED_COLOUR, "Anna")]  # the name before it, back
    # An empty name takes the name off the face, and its tag off the photo.
    click_face()
    viewer.name_field.clear()
    qtbot.keyClick(viewer.name_field, Qt.Key.Key_Return)
    assert _people(photo) == {}
    assert _drawn(viewer) == [(FACE_COLOUR, None)]
