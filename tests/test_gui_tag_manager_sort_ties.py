"""Manage Tags sorted by a header click kept the tags alike in that column (the same number of
photos, no lookalike) in the order they were shown before: after Tag sorted Z to A, Photos
listed each count's tags Z to A too, either way. They are in name order now whichever way the
column sorts, as a file manager keeps them."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QPoint, Qt
from pytestqt.qtbot import QtBot

from phototagger.core.library import open_library
from phototagger.gui.tag_manager import TagManager
from phototagger.paths import default_home
from phototagger.store.tags import set_user_state
from tests.gui_helpers import open_window, settle
from tests.store_helpers import add_photo

TAGS = {"apple": 1, "bird": 2, "cat": 1, "dog": 1, "eel": 2}  # tag -> photos that have it


def _shown(manager: TagManager) -> list[str]:
    tree = manager.tree
    items = [tree.topLevelItem(row) for row in range(tree.topLevelItemCount())]
    return [item.text(0) for item in items if item is not None]


def _click_header(qtbot: QtBot, manager: TagManager, column: int) -> None:
    header = manager.tree.header()
    x = header.sectionViewportPosition(column) + header.sectionSize(column) // 2
    qtbot.mouseClick(
        header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, header.height() // 2)
    )


def test_tags_alike_in_the_column_stay_in_name_order_either_way(
    qtbot: QtBot, tmp_path: Path
) -> None:
    with open_library(default_home()) as library:
        ids = [add_photo(library.db, f"/pics/IMG_{n}.jpg") for n in range(2)]
        for tag, photos in TAGS.items():
            for pid in ids[:photos]:
                set_user_state(library.db, pid, tag, "added")
        library.db.conn.commit()
    window = open_window(qtbot, None, tmp_path)
    manager = window.tools.open_tag_manager()
    settle(qtbot, window)
    assert _shown(manager) == ["apple", "bird", "cat", "dog", "eel"]
    header = manager.tree.header()
    _click_header(qtbot, manager, 0)  # Tag, the other way: Z to A
    assert _shown(manager) == ["eel", "dog", "cat", "bird", "apple"]

    _click_header(qtbot, manager, 1)  # Photos
    assert header.sortIndicatorSection() == 1
    first = header.sortIndicatorOrder()
    ones, twos = ["apple", "cat", "dog"], ["bird", "eel"]
    up, down = ones + twos, twos + ones
    assert _shown(manager) == (up if first == Qt.SortOrder.AscendingOrder else down)
    _click_header(qtbot, manager, 1)  # Photos the other way: the counts swap, not the names
    assert header.sortIndicatorOrder() != first
    assert _shown(manager) == (down if first == Qt.SortOrder.AscendingOrder else up)

    _click_header(qtbot, manager, 2)  # Looks like: no tag looks like another, all alike
    assert _shown(manager) == ["apple", "bird", "cat", "dog", "eel"]
    _click_header(qtbot, manager, 2)
    assert _shown(manager) == ["apple", "bird", "cat", "dog", "eel"]
