"""polish35's evening, keyboard only: a tag typed in the search box and Enter showed its photos,
but the keys stayed in the box, so the N, P, A and R meant for the photos typed letters into it.
Enter now hands the keys to the grid, at the first photo found (Esc already left the box); where
no photo matches, the words stay in the box to be corrected."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from phototagger.core.library import open_library
from phototagger.gui.main_window import MainWindow
from phototagger.paths import default_home
from tests.gui_helpers import open_window, search_for, settle
from tests.switch_helpers import synthetic_library


def _window(qtbot: QtBot, tmp_path: Path) -> tuple[MainWindow, list[int]]:
    with open_library(default_home()) as lib:
        ids = synthetic_library(lib.db, 8)
    window = open_window(qtbot, None, tmp_path)
    window.decide(ids[3:7], "harbour", "add")
    window.activateWindow()
    settle(qtbot, window)
    return window, ids


def test_enter_in_the_search_box_gives_the_keys_to_the_first_photo_found(
    qtbot: QtBot, tmp_path: Path
) -> None:
    window, ids = _window(qtbot, tmp_path)
    harbour = set(ids[3:7])
    window.grid.go_to_row(window.model.ids.index(ids[5]))  # a harbour photo, mid-grid
    settle(qtbot, window)

    qtbot.keyClick(window.grid, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    search_for(qtbot, window, "harbour")
    assert set(window.model.ids) == harbour
    # The window's own focus: offscreen, the completion list stays the active window once shown.
    assert window.focusWidget() is window.grid
    assert window.grid.current_row() == 0 and window.grid.selected_rows() == [0]
    assert window.sidebar.search.text() == "harbour"  # the words stay, as the filter
    qtbot.keyClick(window.grid, Qt.Key.Key_N)  # N moves on through the photos found
    assert window.grid.current_row() == 1
    assert window.sidebar.search.text() == "harbour"  # no "n" typed into the box

    # Back to the box and Enter on the same words (the grid shows them): the photo is kept.
    qtbot.keyClick(window.grid, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert window.focusWidget() is window.sidebar.search
    qtbot.keyClick(window.sidebar.search, Qt.Key.Key_Return)
    settle(qtbot, window)
    assert window.focusWidget() is window.grid
    assert window.grid.current_row() == 1

    # A refused search (cannot be searched) and one finding nothing: the box keeps the keys.
    for words in ("-harbour | harbour", "zzq"):
        search_for(qtbot, window, words)
        assert window.focusWidget() is window.sidebar.search, words
    assert window.header.text() == "No photos match: no tag or file name matches “zzq”"
