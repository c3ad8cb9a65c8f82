"""The viewer stays on its photo when the grid is read again underneath it (F5, or a scan adding
photos while the user looks through them): its place and count follow, and → shows the photo
that is next now. It kept the row number it had, so → jumped to whichever photo had moved
there and the count stayed the old one."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from phototagger.core.library import open_library
from phototagger.paths import default_home
from phototagger.store.photos import mark_missing
from tests.gui_helpers import open_window, settle
from tests.store_helpers import add_photo
from tests.switch_helpers import synthetic_library


def test_the_viewer_keeps_its_photo_when_the_grid_reloads(qtbot: QtBot, tmp_path: Path) -> None:
    with open_library(default_home()) as lib:
        synthetic_library(lib.db, 10)
    window = open_window(qtbot, None, tmp_path)
    window.grid.go_to_row(5)
    settle(qtbot, window)
    shown = window.model.photo_id(5)
    following = window.model.photo_id(6)
    viewer = window.open_viewer(5)
    qtbot.waitExposed(viewer)
    assert viewer.position.text() == "6 / 10"

    for i in range(3):  # a scan finds photos that sort before it
        add_photo(window.db, f"/synthetic/0000-new-{i}.jpg")
    window.refresh()
    settle(qtbot, window)
    assert window.model.rowCount() == 13 and window.model.row_of(shown) == 8
    assert viewer.row == 8 and viewer.position.text() == "9 / 13"
    viewer.activateWindow()
    qtbot.waitUntil(viewer.isActiveWindow)
    qtbot.keyClick(viewer, Qt.Key.Key_Right)
    assert window.model.photo_id(viewer.row) == following
    assert window.current_photo_id() == following

    after = window.model.photo_id(viewer.row + 1)
    mark_missing(window.db, [following])  # its file gone: it leaves the grid, still on screen
    window.refresh()
    settle(qtbot, window)
    assert viewer.position.text() == "– / 12"
    qtbot.keyClick(viewer, Qt.Key.Key_Right)  # the photo that took its place
    assert window.model.photo_id(viewer.row) == after
    viewer.close()
