"""Keyboard only: Esc leaves the add-tag field (T) and the tag search (Ctrl+F) for the grid, the
search's words cleared. Esc did nothing in either: after T and a change of mind the keyboard
stayed in the field, so the next A, R or N typed letters into it instead of deciding or moving
on."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from phototagger.core.library import open_library
from phototagger.paths import default_home
from tests.gui_helpers import open_window, search_for, settle
from tests.switch_helpers import synthetic_library


def test_escape_goes_back_to_the_grid(qtbot: QtBot, tmp_path: Path) -> None:
    with open_library(default_home()) as lib:
        synthetic_library(lib.db, 4)
    window = open_window(qtbot, None, tmp_path)
    window.grid.go_to_row(0)
    window.grid.setFocus()
    settle(qtbot, window)

    qtbot.keyClick(window.grid, Qt.Key.Key_T)
    assert QApplication.focusWidget() is window.details.add_field
    qtbot.keyClicks(window.details.add_field, "zzq")  # no tag looks like it: no completions
    qtbot.keyClick(window.details.add_field, Qt.Key.Key_Escape)
    assert QApplication.focusWidget() is window.grid
    assert window.details.add_field.text() == ""  # a fresh start for the next T
    qtbot.keyClick(window.grid, Qt.Key.Key_N)  # the keys work on the grid again
    assert window.grid.current_row() == 1

    qtbot.keyClick(window.grid, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.focusWidget() is window.sidebar.search
    search_for(qtbot, window, "zzq")
    qtbot.keyClick(window.sidebar.search, Qt.Key.Key_Escape)
    # The window's own focus: offscreen, the completion list stays the active window once shown.
    assert window.focusWidget() is window.grid
    # Its words cleared, as a search field's Esc does: all photos again (the search was kept,
    # and the box still said "zzq" over them, until left61).
    assert window.sidebar.search.text() == ""
    settle(qtbot, window)
    assert window.header.text() == "All photos  ·  4"
