"""keys36, the loop walked by keys in a real X session: a tag taught and applied, Ctrl+E opened
the Review tab on its queue ("Does this photo show concert? 1 of 50"), and A, R, A typed
"araararra" over the tag's name: Ctrl+E gives the keys to the Tag box, by design (a name typed
into the queue answered its photos: 'garden' is A and R), and nothing said that Enter takes
them to the photos. The box says so beside it while it has the keys over its tag's queue
("Enter to answer"); the words go once another name is typed or the keys leave it."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from tests.gui_helpers import review_window, settle

CTRL = Qt.KeyboardModifier.ControlModifier


def test_ctrl_e_over_a_queue_says_enter_answers_it(qtbot: QtBot, tmp_path: Path) -> None:
    window, page = review_window(qtbot, tmp_path, "kitchen")
    assert page.list.count() > 3
    window.grid.setFocus()
    qtbot.keyClick(window.grid, Qt.Key.Key_E, CTRL)  # Model ▸ Review
    settle(qtbot, window)
    editor = page.tag_box.lineEdit()
    assert editor is not None and editor.hasFocus() and editor.selectedText() == "kitchen"
    assert page.box_hint.isVisible() and page.box_hint.text() == "Enter to answer"
    assert page.box_hint.toolTip().startswith("Enter: answer these photos (A yes · R no · S")

    qtbot.keyClick(editor, Qt.Key.Key_Return)  # as the line says: the queue takes the keys
    settle(qtbot, window)
    assert page.list.hasFocus() and not page.box_hint.isVisible()
    qtbot.keyClick(page.list, Qt.Key.Key_S)  # answered here, not typed into the box
    assert page.list.currentRow() == 1 and page.tag_box.currentText() == "kitchen"

    # Back in the box, another name typed: the words are of the queue shown, and go.
    qtbot.keyClick(page.list, Qt.Key.Key_E, CTRL)
    assert editor.hasFocus() and page.box_hint.isVisible()
    qtbot.keyClicks(editor, "anim")
    assert not page.box_hint.isVisible()


def test_the_words_leave_the_tags_name_room(qtbot: QtBot, tmp_path: Path) -> None:
    """walk46: at 856 x 600 with the font at 13 points, Ctrl+E over the queue of 'beach day'
    showed "each day" in a box the words beside it had narrowed: the tag's own name cut. The
    words are said only where the box keeps room for the whole name."""
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    before = app.font()
    font = app.font()
    font.setPointSize(13)
    app.setFont(font)
    try:
        window, page = review_window(qtbot, tmp_path, "musical instrument")
        window.resize(856, 600)
        settle(qtbot, window)
        assert page.list.count() > 3
        window.grid.setFocus()
        qtbot.keyClick(window.grid, Qt.Key.Key_E, CTRL)
        settle(qtbot, window)
        qtbot.wait(100)
        editor = page.tag_box.lineEdit()
        assert editor is not None and editor.hasFocus()
        name = editor.fontMetrics().horizontalAdvance("musical instrument")
        assert not page.box_hint.isVisible(), (name, editor.width())
        assert name <= editor.width() - 4, (name, editor.width())  # the whole name in view
        qtbot.keyClick(editor, Qt.Key.Key_Return)  # Enter answers all the same
        settle(qtbot, window)
        assert page.list.hasFocus()
    finally:
        app.setFont(before)
