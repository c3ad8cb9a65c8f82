"""The sidebar's arrow keys stopped on its headings (LIBRARY, FOLDERS, TAGS): Down from "Needs
review" went to FOLDERS, which cannot be chosen, so the key seemed to do nothing and the grid
stayed as it was; Up from the first folder did the same. Up, Down, Home and End pass over the
headings now; a closed heading is stopped on, where Right opens it."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTreeWidgetItem
from pytestqt.qtbot import QtBot

from tests.gui_helpers import click_sidebar, open_window, prescanned, settle


def _current(window) -> str:
    item = window.sidebar.tree.currentItem()
    return "" if item is None else item.text(0)


def _heading(window, title: str) -> QTreeWidgetItem:
    tree = window.sidebar.tree
    return next(
        tree.topLevelItem(i)
        for i in range(tree.topLevelItemCount())
        if tree.topLevelItem(i).text(0) == title
    )


def test_the_arrow_keys_pass_over_the_sidebars_headings(
    qtbot: QtBot, engine, tmp_path: Path
) -> None:
    pics = prescanned(tmp_path / "pics", engine)
    window = open_window(qtbot, engine, tmp_path)
    settle(qtbot, window)
    tree = window.sidebar.tree
    click_sidebar(qtbot, window, "Needs review")
    tree.setFocus()
    first = _heading(window, "TAGS").child(0)
    assert first is not None
    first_tag = first.text(0)

    def press(key: Qt.Key) -> str:
        qtbot.keyClick(tree, key)
        settle(qtbot, window)
        return _current(window)

    assert press(Qt.Key.Key_Down) == pics.name  # FOLDERS passed over: the folder
    assert [i.text(0) for i in tree.selectedItems()] == [pics.name]
    assert window.model.rowCount() == 4  # the grid shows the folder's photos
    assert press(Qt.Key.Key_Down) == first_tag  # TAGS passed over
    assert [i.text(0) for i in tree.selectedItems()] == [first_tag]
    assert press(Qt.Key.Key_Up) == pics.name
    assert press(Qt.Key.Key_Up) == "Needs review"
    assert press(Qt.Key.Key_Home) == "All photos"  # LIBRARY passed over
    assert press(Qt.Key.Key_Up) == "All photos"  # nothing above it: it stays
    assert [i.text(0) for i in tree.selectedItems()] == ["All photos"]

    # A closed heading is stopped on: Right opens it, Down goes on into it.
    _heading(window, "FOLDERS").setExpanded(False)
    click_sidebar(qtbot, window, "Needs review")
    tree.setFocus()
    assert press(Qt.Key.Key_Down) == "FOLDERS"
    qtbot.keyClick(tree, Qt.Key.Key_Right)
    assert _heading(window, "FOLDERS").isExpanded()
    assert press(Qt.Key.Key_Down) == pics.name
