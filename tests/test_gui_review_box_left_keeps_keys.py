"""Leaving the Review tab's Tag box by a click elsewhere read the queue again and gave it the
keys: the Review tab on 'snakes', Ctrl+E (the box takes the keys, the name selected), then a
click on a tag in the sidebar to rename it (polish30, 329 ImageNet photos): F2 did nothing, the
keys were in the queue, read again from its first photo (Qt's combo box says a name typed whole
is chosen as it loses the keys). The keys stay where the user clicked and the queue where it
was; a tag chosen in the box, or typed there and Enter, is read as before."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from tests.gui_helpers import click_sidebar, review_window, settle


def test_a_click_on_a_sidebar_tag_after_ctrl_e_keeps_the_keys_there(
    qtbot: QtBot, tmp_path: Path
) -> None:
    window, page = review_window(qtbot, tmp_path, "kitchen")
    assert page.list.count() > 3
    first = window.model.photo(0)
    assert first is not None
    window.decide([first.id], "animal", "add")  # a second tag, listed first in the box
    settle(qtbot, window)
    # The box shows the name, its list on another tag: Qt takes the name, typed whole, as
    # chosen when the box loses the keys.
    assert page.tag_box.currentText() == "kitchen"
    assert page.tag_box.itemData(page.tag_box.currentIndex()) != "kitchen"
    page.list.setFocus()
    qtbot.keyClick(page.list, Qt.Key.Key_S)  # skipped twice: the third photo is asked
    qtbot.keyClick(page.list, Qt.Key.Key_S)
    assert page.list.currentRow() == 2
    queue = [page.list.item(r).text() for r in range(page.list.count())]
    qtbot.keyClick(page.list, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    editor = page.tag_box.lineEdit()
    assert editor is not None and editor.hasFocus() and editor.selectedText() == "kitchen"
    shown = [name for name in window.overview.all_tag_names if window.sidebar.tag_count(name)]
    click_sidebar(qtbot, window, shown[0])  # a tag of the library, to rename it (F2)
    settle(qtbot, window)
    assert QApplication.focusWidget() is window.sidebar.tree
    assert page.list.currentRow() == 2  # not read again from its first photo
    assert [page.list.item(r).text() for r in range(page.list.count())] == queue
    assert page.tag == "kitchen"
    # F2 renames the tag clicked, as the sidebar's keys do.
    window.tools.ask_text = lambda *_: "renamed by F2"
    qtbot.keyClick(window.sidebar.tree, Qt.Key.Key_F2)
    settle(qtbot, window)
    assert window.status.currentMessage().startswith(f"Renamed “{shown[0]}” to “renamed by F2”")
