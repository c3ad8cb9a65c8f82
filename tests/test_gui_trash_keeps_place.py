"""Culling: Delete moves the current photo to the trash and the grid goes on with the photo that
took its place, in view. The grid jumped to its first photo instead (and scrolled to the top),
so a photographer deleting photo 41 of 60 had to find their place again after every Delete;
F5 on 'Untagged' after tagging the current photo did the same."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from phototagger.core.library import open_library
from phototagger.paths import default_home
from tests.gui_helpers import open_window, settle
from tests.switch_helpers import synthetic_library


def _in_view(window) -> bool:  # noqa: ANN001 - the MainWindow
    grid = window.grid
    return grid.viewport().rect().intersects(grid.visualRect(grid.currentIndex()))


def test_delete_goes_on_with_the_next_photo(qtbot: QtBot, tmp_path: Path) -> None:
    with open_library(default_home()) as lib:
        synthetic_library(lib.db, 60)
    window = open_window(qtbot, None, tmp_path)
    window.resize(1000, 700)
    window.tools.confirm = lambda *_: True
    window.tools.trash = lambda path: path + ".in-trash"  # the files are not real
    ids = list(window.model.ids)
    window.grid.setFocus()
    window.grid.go_to_row(40)
    settle(qtbot, window)
    qtbot.waitUntil(lambda: _in_view(window))

    qtbot.keyClick(window.grid, Qt.Key.Key_Delete)
    settle(qtbot, window)
    assert window.model.rowCount() == 59
    assert window.grid.current_row() == 40 and window.current_photo_id() == ids[41]
    assert window.grid.selected_ids() == [ids[41]]
    qtbot.waitUntil(lambda: _in_view(window))

    window.grid.go_to_row(58)  # the last photo: the one before it takes over
    settle(qtbot, window)
    qtbot.keyClick(window.grid, Qt.Key.Key_Delete)
    settle(qtbot, window)
    assert window.current_photo_id() == ids[58]
