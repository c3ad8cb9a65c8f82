"""Shift+R (Reject a Tag…) and T in the viewer ask for a tag's name in a box that completes it.
Typing a tag the library has ('animal', or 'garden' in user27's running app) showed it in the
completion list, and Enter only closed that list: the question stayed open, and a second Enter
was needed to say no (or yes) to the tag. As in the details panel's add field, one Enter now
answers: the name typed or completed is used at once."""

from __future__ import annotations

from pathlib import Path

import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QComboBox, QInputDialog
from pytestqt.qtbot import QtBot

from phototagger.core.library import open_library
from phototagger.paths import default_home
from tests.gui_helpers import open_window, settle, states
from tests.switch_helpers import synthetic_library


def _question() -> QInputDialog | None:
    for w in QApplication.topLevelWidgets():
        if w.objectName() == "reject-tag" and shiboken6.isValid(w) and w.isVisible():
            assert isinstance(w, QInputDialog)
            return w
    return None


def test_one_enter_rejects_a_tag_the_library_has(qtbot: QtBot, tmp_path: Path) -> None:
    with open_library(default_home()) as lib:
        ids = synthetic_library(lib.db, 4)
    window = open_window(qtbot, None, tmp_path)
    window.decide(ids[1:3], "garden", "add")
    window.grid.go_to_row(0)
    settle(qtbot, window)
    qtbot.keyClick(window.grid, Qt.Key.Key_R, Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(lambda: _question() is not None)
    dialog = _question()
    assert dialog is not None
    box = dialog.findChild(QComboBox)
    assert box is not None and box.lineEdit() is not None
    editor = box.lineEdit()
    qtbot.keyClicks(editor, "gard")
    completer = box.completer()
    popup = completer.popup() if completer is not None else None
    assert popup is not None
    qtbot.waitUntil(popup.isVisible)  # 'garden' offered
    qtbot.keyClick(popup, Qt.Key.Key_Down)
    qtbot.keyClick(popup, Qt.Key.Key_Return)  # one Enter: chosen and answered
    qtbot.waitUntil(lambda: _question() is None, timeout=3000)
    settle(qtbot, window)
    photo = window.model.photo(0)
    assert photo is not None
    assert states(window, Path(photo.path))["garden"][0] == "rejected"
