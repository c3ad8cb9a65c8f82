"""Two places still gave the keys to a widget Qt calls visible with nothing of it on screen (a
dock laid out behind another dock's tab, gui/in_view.py): a question's keys given back to the
Details panel's tag box behind the Model tab (library_tools._keys_back), and the Review queue,
read behind the Details tab, taking the keys from the photos (retrain_review's load)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from phototagger.gui.in_view import in_view
from tests.gui_helpers import click_photo, open_window, prescanned, settle, two_versions
from tests.modal_helpers import answer_next_modal
from tests.test_gui_keys_not_behind_a_tab import click_dock_tab


def _say_no(dialog: QWidget) -> None:
    assert isinstance(dialog, QMessageBox), dialog
    button = dialog.button(QMessageBox.StandardButton.No)
    assert button is not None
    button.click()


def test_a_question_gives_the_keys_back_only_to_a_widget_in_view(
    qtbot: QtBot, engine, tmp_path: Path
) -> None:
    """T on a photo (the Details tag box takes the keys), then the Model tab clicked to watch
    something: the tag box keeps the keys, out of sight. Tags ▸ Delete Tag… asks; once the
    question closes the keys went back to that hidden box, where Ctrl+Z undid its text, not the
    app's last change, and N typed into it. They go to the photos instead."""
    prescanned(tmp_path / "pics", engine)
    window = open_window(qtbot, engine, tmp_path)
    click_photo(qtbot, window, "chelsea.jpg")
    qtbot.keyClick(window.grid, Qt.Key.Key_T)
    field = window.details.add_field
    assert QApplication.focusWidget() is field and in_view(field)
    click_dock_tab(qtbot, window, "Model")
    assert QApplication.focusWidget() is field and not in_view(field)

    asked = answer_next_modal(_say_no)
    window.tools.ask_delete("cat")
    settle(qtbot, window)
    assert asked and "Delete “cat”" in asked[0]
    # The window's keys (offscreen, as on a desktop that activates no window after a question,
    # the window gets them back once active).
    assert window.focusWidget() is window.grid, window.focusWidget()

    # In view, the keys go back where they were, as before.
    click_dock_tab(qtbot, window, "Details")
    field.setFocus()
    qtbot.waitUntil(field.hasFocus)
    answer_next_modal(_say_no)
    window.tools.ask_delete("cat")
    settle(qtbot, window)
    assert window.focusWidget() is field


def test_a_queue_read_behind_the_details_tab_leaves_the_keys_on_the_photos(
    qtbot: QtBot, tmp_path: Path
) -> None:
    """The Review page in front in the Model dock, a tag typed and Enter: its queue is read,
    and meanwhile the user clicks the Details tab and a photo. The queue came in and took the
    keys, behind the Details tab: the next R answered 'no' on a queued photo nobody saw."""
    window, _version = two_versions(qtbot, tmp_path, 60)
    page = window.retrain.review_page
    window._show_retrain("review")
    editor = page.tag_box.lineEdit()
    assert editor is not None
    qtbot.waitUntil(editor.hasFocus, timeout=3000)
    qtbot.keyClicks(editor, "animal")
    qtbot.keyClick(editor, Qt.Key.Key_Return)  # the queue is being read (on the reader)
    click_dock_tab(qtbot, window, "Details")
    window.grid.setFocus(Qt.FocusReason.MouseFocusReason)
    assert page.isVisible() and not in_view(page)
    settle(qtbot, window)
    qtbot.waitUntil(lambda: bool(page.items), timeout=5000)
    settle(qtbot, window)
    assert QApplication.focusWidget() is window.grid, QApplication.focusWidget()

    answered: list[object] = []
    page.decided.connect(lambda *args: answered.append(args))
    qtbot.keyClick(window.grid, Qt.Key.Key_R)
    settle(qtbot, window)
    assert answered == []
