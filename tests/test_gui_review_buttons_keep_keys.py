"""polish28, answering 'kitchen things' in the Review tab with the mouse, then the keys: a click
on "No (R)" left the keys on that button, and the R that came next (the button names it) went
to the window: "Rejected “animal”", on the grid's elephant, while the queue stayed on its
photo. A click on Yes, No or Skip now gives the keys back to the queue, where A, R and S
answer its next photo."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from tests.gui_helpers import review_window, settle


def test_after_a_click_on_no_the_next_key_answers_the_queue(qtbot: QtBot, tmp_path: Path) -> None:
    window, page = review_window(qtbot, tmp_path)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    assert len(page.items) >= 4
    answered: list[tuple[list[int], str]] = []
    page.decided.connect(lambda ids, _tag, action: answered.append((ids, action)))
    first, second, third = (item.photo_id for item in page.items[:3])

    for button in (page.no, page.skip):
        button.setFocus()  # as a click on it leaves it
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
        settle(qtbot, window)
        assert QApplication.focusWidget() is page.list
    assert answered == [([first], "reject")]
    assert page.list.currentRow() == 2

    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_R)
    settle(qtbot, window)
    assert answered == [([first], "reject"), ([third], "reject")]
    assert second not in {ids[0] for ids, _ in answered}  # skipped
    assert page.list.currentRow() == 3
