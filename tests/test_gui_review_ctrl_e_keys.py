"""Ctrl+E (Review Queue) on a tag already under review put the keys in the Tag box, after the
name that was there: typing another tag's name made "petspets" ("The model has no output for
'petspets' yet", user27 in the running app, the app started again on its review page), and A,
R or S pressed for the queue typed letters into the box. Ctrl+E now gives the keys to the queue
when it holds photos, as a click on the Review tab does, and otherwise to the Tag box with its
name selected, so what is typed replaces it."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from tests.gui_helpers import review_window, settle


def test_ctrl_e_gives_the_keys_to_the_queue_or_the_whole_name(qtbot: QtBot, tmp_path: Path) -> None:
    window, page = review_window(qtbot, tmp_path, "animal")
    assert page.items  # a queue to answer
    window.grid.setFocus()
    qtbot.keyClick(window.grid, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    settle(qtbot, window)
    assert page.list.hasFocus()
    row = page.list.currentRow()
    qtbot.keyClick(page.list, Qt.Key.Key_S)  # skip: the queue moves on, the box is untouched
    assert page.list.currentRow() == row + 1
    assert page.tag_box.currentText() == "animal"

    # A tag whose queue could not be read (no such tag): the box keeps its name, selected.
    page.load("nothing like this")
    settle(qtbot, window)
    assert not page.items
    window.grid.setFocus()
    qtbot.keyClick(window.grid, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    editor = page.tag_box.lineEdit()
    assert editor is not None and editor.hasFocus()
    qtbot.keyClicks(editor, "animal")
    assert page.tag_box.currentText() == "animal"
