"""Esc went nowhere while a search or a tag showed some photos (left61, a walk with the keys):
Esc in the search box now clears its words, as a search field's Esc does, and the grid shows
all photos again; Esc in the grid with a filter on shows all photos again too, said in the
status bar. The viewer's Esc still closes the viewer first, the filter kept, and the photo
chosen stays chosen."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from phototagger.core.library import open_library
from phototagger.gui.main_window import MainWindow
from phototagger.paths import default_home
from tests.gui_helpers import open_window, search_for, settle, shown_names
from tests.switch_helpers import synthetic_library

PHOTOS = 8


def _window(qtbot: QtBot, tmp_path: Path) -> MainWindow:
    with open_library(default_home()) as lib:
        synthetic_library(lib.db, PHOTOS)
    window = open_window(qtbot, None, tmp_path)
    settle(qtbot, window)
    return window


def _current_name(window: MainWindow) -> str:
    row = window.grid.current_row()
    assert row is not None
    photo = window.model.photo(row)
    assert photo is not None
    return photo.name


def test_esc_in_the_grid_goes_back_to_all_photos(qtbot: QtBot, tmp_path: Path) -> None:
    window = _window(qtbot, tmp_path)
    search_for(qtbot, window, "000006")  # a file name's word: one photo found
    assert shown_names(window) == ["000006.jpg"]
    assert window.focusWidget() is window.grid  # Enter gave the keys to the photos found

    # The viewer's Esc closes the viewer, and only it: the filter stays.
    viewer = window.open_viewer(0)
    qtbot.waitExposed(viewer)
    viewer.activateWindow()
    qtbot.waitUntil(viewer.isActiveWindow)
    qtbot.keyClick(viewer, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not viewer.isVisible(), timeout=3000)
    settle(qtbot, window)
    assert shown_names(window) == ["000006.jpg"]

    qtbot.keyClick(window.grid, Qt.Key.Key_Escape)
    settle(qtbot, window)
    assert len(shown_names(window)) == PHOTOS
    assert window.header.text() == f"All photos  ·  {PHOTOS}"
    assert window.sidebar.search.text() == ""
    assert window.status.currentMessage() == (
        "All photos shown again: Esc cleared the filter (Photos whose name contains “000006”)"
    )
    assert _current_name(window) == "000006.jpg"  # the photo chosen is still the one chosen

    # With all photos shown, Esc has nothing to clear and says nothing.
    window.status.clearMessage()
    qtbot.keyClick(window.grid, Qt.Key.Key_Escape)
    settle(qtbot, window)
    assert len(shown_names(window)) == PHOTOS and window.status.currentMessage() == ""


def test_esc_in_the_search_box_clears_the_search(qtbot: QtBot, tmp_path: Path) -> None:
    window = _window(qtbot, tmp_path)
    search_for(qtbot, window, "000003")
    assert shown_names(window) == ["000003.jpg"]
    qtbot.keyClick(window.grid, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert window.focusWidget() is window.sidebar.search
    qtbot.keyClick(window.sidebar.search, Qt.Key.Key_Escape)
    settle(qtbot, window)
    assert window.sidebar.search.text() == ""
    assert len(shown_names(window)) == PHOTOS
    assert window.header.text() == f"All photos  ·  {PHOTOS}"
    assert window.focusWidget() is window.grid  # the keys back with the photos
    assert window.status.currentMessage() == (
        "Esc cleared the search “000003”: all photos shown again"
    )
