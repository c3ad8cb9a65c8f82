"""The Review tab says when a round of answers is done: at the tenth photo answered in the queue
(yes or no; a skip is no answer) the question starts with "You have answered 10 photos: train a
new model (Ctrl+T) to learn from them, or go on.", and after the next answer it asks on as
before. The queue had gone on, "11 of 50", with no word of when to train: a new user teaching
"monkeys" in the app answered on past the round a training would have shown (walk62)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from tests.gui_helpers import review_window, settle

SAID = (
    "<b>You have answered 10 photos</b>: train a new model (Ctrl+T) to learn from them, "
    "or go on.<br>Does this photo show <b>animal</b>? "
)


def test_the_tenth_answer_says_to_train(qtbot: QtBot, tmp_path: Path) -> None:
    window, page = review_window(qtbot, tmp_path)
    assert len(page.items) >= 13
    qtbot.keyClick(page.list, Qt.Key.Key_S)  # a skip answers nothing
    for n in range(9):
        qtbot.keyClick(page.list, Qt.Key.Key_A if n % 2 else Qt.Key.Key_R)
        settle(qtbot, window)
        assert page.question.text().startswith("Does this photo show"), page.question.text()
    qtbot.keyClick(page.list, Qt.Key.Key_A)
    settle(qtbot, window)
    said = page.question.text()
    assert said.startswith(SAID), said
    assert "<span>12 of " in said  # the queue goes on at the next photo
    qtbot.keyClick(page.list, Qt.Key.Key_R)
    settle(qtbot, window)
    assert page.question.text().startswith("Does this photo show <b>animal</b>? <span>13 of ")
