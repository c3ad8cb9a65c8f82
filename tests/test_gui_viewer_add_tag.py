"""T in the viewer adds a tag to the shown photo: it focused the details panel's add field,
which the viewer covers, so the key seemed to do nothing and the typing went nowhere. Shift+R
there says "not this tag" about it, as in the main window: the details panel's hint names
Shift+R, but the viewer never had the key, so nothing opened and the name typed for it went to
the viewer's own keys (N for the next photo, A accepting a tag)."""

from __future__ import annotations

from pathlib import Path

import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QInputDialog, QWidget
from pytestqt.qtbot import QtBot

from phototagger.core.library import open_library
from phototagger.core.photos_view import tags_of_photo
from phototagger.paths import default_home
from tests.gui_helpers import (
    open_active_viewer,
    open_window,
    prescanned,
    row_of,
    settle,
    states,
)
from tests.switch_helpers import synthetic_library


def _dialog(name: str = "add-tag") -> QInputDialog | None:
    found = [w for w in QApplication.topLevelWidgets() if w.objectName() == name]
    visible = [w for w in found if shiboken6.isValid(w) and w.isVisible()]
    return visible[0] if visible and isinstance(visible[0], QInputDialog) else None


def _asked_over(qtbot: QtBot, viewer: QWidget, name: str) -> QInputDialog:
    """The question the viewer's key opened, `name`, over the viewer (not behind it)."""
    qtbot.waitUntil(lambda: _dialog(name) is not None)
    dialog = _dialog(name)
    assert dialog is not None and dialog.parent() == viewer
    return dialog


def test_t_in_the_viewer_asks_which_tag_and_adds_it(qtbot: QtBot, tmp_path: Path) -> None:
    with open_library(default_home()) as lib:
        synthetic_library(lib.db, 4)
    window = open_window(qtbot, None, tmp_path)
    row = 2
    photo = window.model.photo_id(row)
    window.grid.go_to_row(row)
    settle(qtbot, window)
    viewer = open_active_viewer(qtbot, window, row)

    qtbot.keyClick(viewer, Qt.Key.Key_T)
    dialog = _asked_over(qtbot, viewer, "add-tag")
    assert dialog.labelText() == "Which tag does this photo have?"
    dialog.setTextValue("lighthouse")
    dialog.accept()

    def added() -> bool:
        with open_library(default_home()) as lib:
            return "lighthouse" in {t.name for t in tags_of_photo(lib.db, photo)}

    qtbot.waitUntil(added)
    assert "lighthouse" in window.undo_stack.undoText()
    viewer.close()

    # In the main window, T still goes to the details panel's add field.
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window.grid, Qt.Key.Key_T)
    qtbot.waitUntil(window.details.add_field.hasFocus)
    assert _dialog() is None


def test_shift_r_in_the_viewer_rejects_a_named_tag(
    qtbot: QtBot, engine: object, tmp_path: Path
) -> None:
    pics = prescanned(tmp_path / "pics", engine)
    window = open_window(qtbot, engine, tmp_path)
    row = row_of(window, "chelsea.jpg")
    window.grid.go_to_row(row)
    settle(qtbot, window)
    before = {name: states(window, pics / name) for name in ("chelsea.jpg", "coffee.jpg")}
    viewer = open_active_viewer(qtbot, window, row)

    qtbot.keyClick(viewer, Qt.Key.Key_R, Qt.KeyboardModifier.ShiftModifier)
    dialog = _asked_over(qtbot, viewer, "reject-tag")
    assert dialog.labelText() == "Which tag does this photo not have?"
    dialog.setTextValue("snakes")
    dialog.accept()

    qtbot.waitUntil(lambda: "snakes" in states(window, pics / "chelsea.jpg"))
    after = states(window, pics / "chelsea.jpg")
    assert after.pop("snakes")[0] == "rejected"
    assert viewer.isVisible() and viewer.row == row  # still on the same photo
    # Nothing else changed: the model's tags on it, the other photo.
    assert after == before["chelsea.jpg"]
    assert states(window, pics / "coffee.jpg") == before["coffee.jpg"]
    assert "snakes" in window.undo_stack.undoText()
