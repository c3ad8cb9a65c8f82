"""Ctrl+E (Review Queue) on a tag already under review put the keys in the Tag box after the
name it showed: a tag's name typed there was appended ("pets" became "petspets": "The model
has no output for 'petspets' yet", user27 in the running app, the app started again on its
review page). The name is now selected, so what is typed replaces it, and Enter reads that
tag's queue and gives it the keys. The keys do not go to the queue itself, also when its photos
arrive after Ctrl+E: a name typed there went to the queue (the app just started, "monkeys"
typed: its 's' skipped a photo; the 'a' and 'r' of 'garden' would have answered two)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from tests.gui_helpers import review_window, settle


def test_ctrl_e_selects_the_name_typing_replaces_it(qtbot: QtBot, tmp_path: Path) -> None:
    window, page = review_window(qtbot, tmp_path, "animal")
    assert page.items  # a queue to answer
    marks = [page.list.item(r).text() for r in range(page.list.count())]
    window.grid.setFocus()
    qtbot.keyClick(window.grid, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    editor = page.tag_box.lineEdit()
    assert editor is not None and editor.hasFocus()
    assert editor.selectedText() == "animal"
    # The queue read again meanwhile (the app started on this page reads its tag's queue as
    # Ctrl+E shows it): the box keeps the keys, or the name typed next answered the queue.
    page.load("animal")
    settle(qtbot, window)
    assert editor.hasFocus() and editor.selectedText() == "animal"
    qtbot.keyClicks(editor, "nothing like this")
    assert page.tag_box.currentText() == "nothing like this"
    # Typing answered nothing in the queue.
    assert [page.list.item(r).text() for r in range(page.list.count())] == marks

    # Back to the tag: typed over the name again, Enter reads its queue and gives it the keys.
    qtbot.keyClick(window.grid, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    assert editor.hasFocus() and editor.selectedText() == "nothing like this"
    qtbot.keyClicks(editor, "animal")
    # Enter goes where a user's would: to the completion list where it is open ('animal').
    completer = page.tag_box.completer()
    popup = completer.popup() if completer is not None else None
    qtbot.keyClick(popup if popup is not None and popup.isVisible() else editor, Qt.Key.Key_Return)
    settle(qtbot, window)
    assert page.tag == "animal" and page.items
    # Offscreen, the completion list stays the active window: the window's own focus is
    # what is checked.
    assert window.focusWidget() is page.list
