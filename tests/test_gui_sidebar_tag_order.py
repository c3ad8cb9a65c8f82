"""The sidebar's tags were listed most used first, so a training applied (or any new count)
reordered them under the pointer and a click meant for 'monkeys' landed on 'boat'. They are
now listed by name, as digiKam and Lightroom list them, unless the user chooses View ▸ Sort
Tags by Count (or the tags' right-click menu); the choice is kept across restarts, the
selected tag stays selected and in view as counts change, and in count order the rows stay
put while the pointer is on the list."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, QPoint
from PySide6.QtGui import QCursor
from PySide6.QtWidgets import QApplication, QTreeWidgetItem
from pytestqt.qtbot import QtBot

from phototagger.core.library import open_library
from phototagger.gui.main_window import MainWindow
from phototagger.gui.sidebar_trees import all_items
from phototagger.paths import default_home
from phototagger.store.tags import set_user_state
from tests.gui_helpers import open_window, settle
from tests.store_helpers import add_photo

# Photos per tag: by count the list reads boat, apple, monkeys, Zebra; by name apple, boat,
# monkeys, Zebra. Many more tags with one photo each make the list scroll.
COUNTS = {"boat": 6, "apple": 4, "monkeys": 3, "Zebra": 2}
FILLERS = [f"tag {i:02d}" for i in range(60)]


def _library() -> list[int]:
    with open_library(default_home()) as library:
        ids = [add_photo(library.db, f"/pics/IMG_{i:02d}.jpg") for i in range(12)]
        for tag, n in COUNTS.items():
            for pid in ids[:n]:
                set_user_state(library.db, pid, tag, "added")
        for tag in FILLERS:
            set_user_state(library.db, ids[11], tag, "added")
        return ids


def _tag(qtbot: QtBot, window: MainWindow, name: str, more: list[int]) -> None:
    """Tag more photos from outside the window (a training applied, the command line), then
    let the window read its counts again."""
    with open_library(default_home()) as library:
        for pid in more:
            set_user_state(library.db, pid, name, "added")
    window.load_overview()
    settle(qtbot, window)


def _listed(window: MainWindow) -> list[str]:
    section = window.sidebar.tags_section
    items = [section.child(i) for i in range(section.childCount())]
    return [i.text(0) for i in items if i is not None and i.text(0) in COUNTS]


def _item(window: MainWindow, name: str) -> QTreeWidgetItem:
    return next(i for i in all_items(window.sidebar.tags_section) if i.text(0) == name)


def _in_view(window: MainWindow, item: QTreeWidgetItem) -> bool:
    tree = window.sidebar.tree
    return tree.viewport().rect().contains(tree.visualItemRect(item))


def test_tags_by_name_stay_put_and_the_choice_is_kept(qtbot: QtBot, tmp_path: Path) -> None:
    ids = _library()
    QCursor.setPos(QPoint(-1000, -1000))  # not on the list: rows may move
    window = open_window(qtbot, None, tmp_path)
    window.resize(900, 420)  # the tag list scrolls
    settle(qtbot, window)
    assert window.commands.tag_sort["name"].isChecked()
    assert _listed(window) == ["apple", "boat", "monkeys", "Zebra"]

    # The user chooses a tag far down the list, then counts change: 'Zebra' becomes the most
    # used tag. The rows stay where they are and the chosen tag stays chosen and in view.
    window.sidebar.select_tags(["tag 55"])
    window.sidebar.tree.scrollToItem(_item(window, "tag 55"))
    settle(qtbot, window)
    scrolled = window.sidebar.tree.verticalScrollBar().value()
    assert scrolled > 0
    _tag(qtbot, window, "Zebra", ids[2:10])
    assert _listed(window) == ["apple", "boat", "monkeys", "Zebra"]
    assert _item(window, "Zebra").text(1) == "10"
    chosen = _item(window, "tag 55")
    assert chosen.isSelected() and _in_view(window, chosen)
    assert window.sidebar.tree.verticalScrollBar().value() == scrolled

    # Most used first, chosen from the View menu: kept across a restart.
    window.commands.tag_sort["count"].trigger()
    assert _listed(window) == ["Zebra", "boat", "apple", "monkeys"]
    assert _item(window, "tag 55").isSelected()
    # Its own count rises: it moves up the list, and the list follows it.
    tree = window.sidebar.tree
    tree.scrollToItem(_item(window, "tag 55"))
    settle(qtbot, window)
    _tag(qtbot, window, "tag 55", ids[:11])
    chosen = _item(window, "tag 55")
    assert window.sidebar.tags_section.indexOfChild(chosen) == 0
    assert chosen.isSelected() and _in_view(window, chosen)
    window.close()
    again = open_window(qtbot, None, tmp_path)
    settle(qtbot, again)
    assert again.commands.tag_sort["count"].isChecked()
    assert _listed(again) == ["Zebra", "boat", "apple", "monkeys"]

    # The tags' right-click menu offers the same choice.
    tree = again.sidebar.tree
    again.tools._sidebar_menu(tree.visualItemRect(_item(again, "boat")).center())
    assert again.commands.tag_sort["name"] in again.tools.menu.actions()
    again.tools.menu.close()


def test_by_count_rows_wait_for_the_pointer_to_leave(qtbot: QtBot, tmp_path: Path) -> None:
    ids = _library()
    window = open_window(qtbot, None, tmp_path)
    window.commands.tag_sort["count"].trigger()
    settle(qtbot, window)
    assert _listed(window) == ["boat", "apple", "monkeys", "Zebra"]
    tree = window.sidebar.tree
    # The pointer rests on 'monkeys', about to click it, when a new count comes in.
    target = tree.visualItemRect(_item(window, "monkeys")).center()
    QCursor.setPos(tree.viewport().mapToGlobal(target))
    assert tree.viewport().rect().contains(tree.viewport().mapFromGlobal(QCursor.pos()))
    _tag(qtbot, window, "Zebra", ids[2:10])
    assert _listed(window) == ["boat", "apple", "monkeys", "Zebra"]
    assert _item(window, "Zebra").text(1) == "10"  # the counts are new, the rows are not
    assert tree.itemAt(target) is _item(window, "monkeys")

    QCursor.setPos(QPoint(-1000, -1000))
    QApplication.sendEvent(tree.viewport(), QEvent(QEvent.Type.Leave))
    assert _listed(window) == ["Zebra", "boat", "apple", "monkeys"]
