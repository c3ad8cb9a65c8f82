"""T in the viewer adds a tag to the shown photo: it focused the details panel's add field,
which the viewer covers, so the key seemed to do nothing and the typing went nowhere."""

from __future__ import annotations

from pathlib import Path

import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QInputDialog
from pytestqt.qtbot import QtBot

from phototagger.core.library import open_library
from phototagger.core.photos_view import tags_of_photo
from phototagger.paths import default_home
from tests.gui_helpers import open_active_viewer, open_window, settle
from tests.switch_helpers import synthetic_library


def _dialog() -> QInputDialog | None:
    found = [w for w in QApplication.topLevelWidgets() if w.objectName() == "add-tag"]
    visible = [w for w in found if shiboken6.isValid(w) and w.isVisible()]
    return visible[0] if visible and isinstance(visible[0], QInputDialog) else None


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
    qtbot.waitUntil(lambda: _dialog() is not None)
    dialog = _dialog()
    assert dialog is not None and dialog.parent() == viewer  # over the viewer, not behind it
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
