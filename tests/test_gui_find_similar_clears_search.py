"""Find Similar cleared the sidebar's chosen tag but kept the search box's words: the grid showed
the likeness ranking under a box still reading 'gonetest', a filter that was not applied. The box
is now emptied as the sidebar is, and emptying it brings no other photos in."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from phototagger.core.library import open_library
from phototagger.paths import default_home
from tests.gui_helpers import open_window, search_for, settle
from tests.switch_helpers import synthetic_library


def test_find_similar_empties_the_search_box(qtbot: QtBot, tmp_path: Path) -> None:
    with open_library(default_home()) as lib:
        ids = synthetic_library(lib.db, 12)
    window = open_window(qtbot, None, tmp_path)
    search_for(qtbot, window, "gonetest")
    assert window.model.rowCount() == 0  # no photo has that tag
    window.tools.show_similar(ids[3])
    settle(qtbot, window)
    assert window.controller.filter.similar_to == ids[3]
    assert window.sidebar.search.text() == ""
    assert not window.sidebar.tree.selectedItems()
    assert window.model.rowCount() > 1  # the ranking, not the search nor every photo again
    assert window.header.text().startswith(window.controller.filter.describe())
