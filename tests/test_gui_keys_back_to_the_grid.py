"""qa25, a keyboard-only photographer: the sidebar's tags and folders are chosen with the arrow
keys (the grid filters at once), but then neither Enter nor Esc left the sidebar: the keys stayed
there (Tab went on to the details panel), and A, R or N meant for the photos did not reach them.
The same in the Model dock's review queue, where Esc did nothing. Enter or Esc in the sidebar,
and Esc in the review queue, now give the keys back to the grid, as Esc does in the search box
and Enter in the add-a-tag field."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from phototagger.core.library import open_library
from phototagger.gui.main_window import MainWindow
from phototagger.gui.sidebar_trees import all_items
from phototagger.paths import default_home
from tests.gui_helpers import open_window, settle
from tests.switch_helpers import synthetic_library


def _window(qtbot: QtBot, tmp_path: Path) -> MainWindow:
    with open_library(default_home()) as lib:
        synthetic_library(lib.db, 8)
    window = open_window(qtbot, None, tmp_path)
    window.activateWindow()
    settle(qtbot, window)
    return window


@pytest.mark.parametrize("key", [Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Escape])
def test_enter_or_esc_in_the_sidebar_gives_the_keys_back_to_the_grid(
    qtbot: QtBot, tmp_path: Path, key: Qt.Key
) -> None:
    window = _window(qtbot, tmp_path)
    tree = window.sidebar.tree
    tree.setFocus()
    qtbot.waitUntil(tree.hasFocus, timeout=3000)
    kind = Qt.ItemDataRole.UserRole + 1  # the sidebar's role for what a row is
    rows = all_items(tree.invisibleRootItem())
    row = next(item for item in rows if item.data(0, kind) == "untagged")
    tree.setCurrentItem(row)  # as the arrow keys make it current
    settle(qtbot, window)
    assert window.controller.filter.special == "untagged"  # the grid filtered
    qtbot.keyClick(tree, key)
    qtbot.waitUntil(window.grid.hasFocus, timeout=3000)
    assert tree.currentItem() is row and row.isSelected()  # the choice stays


def test_esc_in_the_review_queue_gives_the_keys_back_to_the_grid(
    qtbot: QtBot, tmp_path: Path
) -> None:
    window = _window(qtbot, tmp_path)
    queue = window.retrain.review_page.list
    window.grid.setFocus()
    qtbot.keyClick(window.grid, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)  # Review
    settle(qtbot, window)
    assert queue.isVisible()
    queue.setFocus()  # as Ctrl+E leaves it where there is a tag to review
    qtbot.waitUntil(queue.hasFocus, timeout=3000)
    qtbot.keyClick(queue, Qt.Key.Key_Escape)
    qtbot.waitUntil(window.grid.hasFocus, timeout=3000)
