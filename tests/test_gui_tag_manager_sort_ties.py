"""Manage Tags sorted by a header click kept the tags alike in that column (the same number of
photos, no lookalike) in the order they were shown before: after Tag sorted Z to A, Photos
listed each count's tags Z to A too, either way. They are in name order now whichever way the
column sorts, as a file manager keeps them."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QPoint, Qt
from pytestqt.qtbot import QtBot

from phototagger.core.library import open_library
from phototagger.gui.main_window import MainWindow
from phototagger.gui.tag_manager import TagManager
from phototagger.paths import default_home
from phototagger.store.tags import set_user_state
from tests.gui_helpers import open_window, settle, sort_on_disk
from tests.modal_helpers import answer_next_modal, type_text
from tests.store_helpers import add_photo

TAGS = {"apple": 1, "bird": 2, "cat": 1, "dog": 1, "eel": 2}  # tag -> photos that have it


def _shown(manager: TagManager) -> list[str]:
    tree = manager.tree
    items = [tree.topLevelItem(row) for row in range(tree.topLevelItemCount())]
    return [item.text(0) for item in items if item is not None]


def _window(qtbot: QtBot, tmp_path: Path) -> MainWindow:
    """The main window on two photos with the TAGS, added by the user."""
    with open_library(default_home()) as library:
        ids = [add_photo(library.db, f"/pics/IMG_{n}.jpg") for n in range(2)]
        for tag, photos in TAGS.items():
            for pid in ids[:photos]:
                set_user_state(library.db, pid, tag, "added")
        library.db.conn.commit()
    return open_window(qtbot, None, tmp_path)


def _click_header(qtbot: QtBot, manager: TagManager, column: int) -> None:
    header = manager.tree.header()
    x = header.sectionViewportPosition(column) + header.sectionSize(column) // 2
    qtbot.mouseClick(
        header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, header.height() // 2)
    )


def test_tags_alike_in_the_column_stay_in_name_order_either_way(
    qtbot: QtBot, tmp_path: Path
) -> None:
    window = _window(qtbot, tmp_path)
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


def test_the_sort_chosen_lasts_through_a_rename_and_a_restart(qtbot: QtBot, tmp_path: Path) -> None:
    """Every reload after a change (rename, merge, delete) sorted Manage Tags by Tag, A to Z
    again, whatever header the user had clicked; and the next start did too. The sort is kept
    now, as File ▸ Problems keeps its own, in the window's settings."""
    window = _window(qtbot, tmp_path)
    manager = window.tools.open_tag_manager()
    settle(qtbot, window)
    header = manager.tree.header()
    _click_header(qtbot, manager, 1)  # Photos
    if header.sortIndicatorOrder() != Qt.SortOrder.DescendingOrder:
        _click_header(qtbot, manager, 1)  # the most photos first
    most_first = ["bird", "eel", "apple", "cat", "dog"]
    assert _shown(manager) == most_first

    manager.select("cat")
    asked = answer_next_modal(type_text("ant"))
    qtbot.mouseClick(manager.rename_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "ant" in manager.names())  # reloaded after the rename
    settle(qtbot, window)
    assert asked and "New name for “cat”" in asked[0]
    assert (header.sortIndicatorSection(), header.sortIndicatorOrder()) == (
        1,
        Qt.SortOrder.DescendingOrder,
    )
    assert _shown(manager) == ["bird", "eel", "ant", "apple", "dog"]
    manager.close()
    window.close()
    settle(qtbot, window)

    assert sort_on_disk("tag-manager") == ("1", "descending")
    again = open_window(qtbot, None, tmp_path)  # the next start
    manager = again.tools.open_tag_manager()
    settle(qtbot, again)
    assert _shown(manager) == ["bird", "eel", "ant", "apple", "dog"]
