"""Ctrl+Home moved the grid's current photo to the first one without selecting it (Qt's Ctrl
means "move, do not select"), so the details panel went on showing the photo selected before
and A or R decided on it, not on the one the frame was on (found by a tester). Ctrl+Home and
Ctrl+End now go to the first and last photo as Home and End do: current, selected, shown."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from phototagger.core.library import open_library
from phototagger.paths import default_home
from tests.gui_helpers import click_photo, open_window, settle, shown_names
from tests.switch_helpers import synthetic_library


def test_ctrl_home_and_end_select_the_first_and_last_photo(qtbot: QtBot, tmp_path: Path) -> None:
    with open_library(default_home()) as lib:
        synthetic_library(lib.db, 30)
    window = open_window(qtbot, None, tmp_path)
    names = shown_names(window)
    click_photo(qtbot, window, names[12])
    assert window.details.title.text() == names[12]

    qtbot.keyClick(window.grid, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    settle(qtbot, window)
    assert window.grid.current_row() == len(names) - 1
    assert window.grid.selected_ids() == [window.model.photo_id(len(names) - 1)]
    assert window.details.title.text() == names[-1]

    qtbot.keyClick(window.grid, Qt.Key.Key_Home, Qt.KeyboardModifier.ControlModifier)
    settle(qtbot, window)
    assert window.grid.current_row() == 0
    assert window.details.title.text() == names[0]
