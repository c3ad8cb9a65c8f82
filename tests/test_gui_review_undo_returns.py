"""Undoing an answer given in the Review tab puts the queue back on that photo, to be answered
again (as Lightroom's and digiKam's undo return you to where you were); a redo moves past it
again. The marks went, but the queue stayed two photos further on, so the user had to find the
undone photo in the list by hand (found in a QA pass)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from tests.gui_helpers import review_window, settle


def test_undo_returns_to_the_undone_answer(qtbot: QtBot, tmp_path: Path) -> None:
    window, page = review_window(qtbot, tmp_path)
    assert len(page.items) >= 5
    names = [i.path.rsplit("/", 1)[-1] for i in page.items]
    for key in (Qt.Key.Key_R, Qt.Key.Key_A, Qt.Key.Key_S, Qt.Key.Key_A):
        qtbot.keyClick(page.list, key)
    settle(qtbot, window)
    assert page.list.currentRow() == 4

    window.undo_stack.undo()  # the yes on the fourth photo
    settle(qtbot, window)
    assert page.list.currentRow() == 3
    assert f"4 of {len(page.items)}: {names[3]}" in page.question.text()
    window.undo_stack.undo()  # the yes on the second; the skipped third was no step
    settle(qtbot, window)
    assert page.list.currentRow() == 1
    assert not page.list.item(1).text().startswith("✓")
    qtbot.keyClick(page.list, Qt.Key.Key_R)  # answered again, the other way
    settle(qtbot, window)
    assert page.list.item(1).text().startswith("✕ no") and page.list.currentRow() == 2

    window.undo_stack.undo()
    settle(qtbot, window)
    assert page.list.currentRow() == 1
    window.undo_stack.redo()  # as the answer did: on to the next photo
    settle(qtbot, window)
    assert page.list.currentRow() == 2

    # An undo of a decision made elsewhere, or once the queue shows another tag, leaves it.
    window.decide([page.items[4].photo_id], "animal", "reject")
    settle(qtbot, window)
    window.undo_stack.undo()
    settle(qtbot, window)
    assert page.list.currentRow() == 2


def test_undoing_the_last_answer_asks_it_again(qtbot: QtBot, tmp_path: Path) -> None:
    window, page = review_window(qtbot, tmp_path)
    last = page.list.count() - 1
    page.list.setCurrentRow(last)
    qtbot.keyClick(page.list, Qt.Key.Key_A)
    settle(qtbot, window)
    assert page.question.text().startswith("That was the last one")
    window.undo_stack.undo()
    settle(qtbot, window)
    assert page.list.currentRow() == last
    assert page.question.text().startswith("Does this photo show")
