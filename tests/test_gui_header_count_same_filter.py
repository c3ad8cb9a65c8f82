"""The grid's header keeps its count when the filter is chosen again. Pressing Enter a second time
in the search box (or choosing "any of them" with no tag picked) set the header to the filter's
words alone ("Photos tagged cat or dog", the "· 41 of 4,000" gone): the grid, already showing
that filter, was not read again, so nothing put the count back (found in the app on a library
of 4,000 photos)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from phototagger.core.library import open_library
from phototagger.paths import default_home
from tests.gui_helpers import open_window, search_for, settle
from tests.switch_helpers import synthetic_library


def test_the_same_search_again_keeps_the_count(qtbot: QtBot, tmp_path: Path) -> None:
    with open_library(default_home()) as lib:
        synthetic_library(lib.db, 12)
    window = open_window(qtbot, None, tmp_path)
    assert window.header.text() == "All photos  ·  12"
    search_for(qtbot, window, "-animal")
    search = window.sidebar.search
    counted = window.header.text()
    assert counted.endswith(f"{window.model.rowCount()} of 12"), counted
    qtbot.keyClick(search, Qt.Key.Key_Return)  # again, the same words
    settle(qtbot, window)
    assert window.header.text() == counted

    search.clear()  # all photos again
    settle(qtbot, window)
    assert window.header.text() == "All photos  ·  12"
    mode = window.sidebar.mode
    mode.setCurrentIndex(mode.findData("any_of"))  # no tag picked: still every photo
    settle(qtbot, window)
    assert window.header.text() == "All photos  ·  12"
