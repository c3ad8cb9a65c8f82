"""polish28, a photographer teaching 'kitchen things': answering the Review queue, then Ctrl+T,
Train and Apply. The queue is read again for the new model, in its tab behind the Train tab, and
it took the keys from the photos: the next R (meant for the grid's photo) answered 'no' on a
queued photo out of sight, with nothing said. A queue read again on its own (another model
made active, the tag renamed) leaves the keys where they are; a queue asked for, in view, still
takes them."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from tests.gui_helpers import JOB_TIMEOUT_MS, settle, two_versions


def test_a_queue_read_again_after_apply_leaves_the_keys_on_the_photos(
    qtbot: QtBot, tmp_path: Path
) -> None:
    window, version = two_versions(qtbot, tmp_path, 60)
    page = window.retrain.review_page
    window._show_retrain("review")  # Ctrl+E: the Tag box has the keys
    editor = page.tag_box.lineEdit()
    assert editor is not None
    qtbot.waitUntil(editor.hasFocus, timeout=3000)
    qtbot.keyClicks(editor, "animal")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    settle(qtbot, window)
    assert page.items
    qtbot.waitUntil(page.list.hasFocus, timeout=3000)  # asked for, in view: it takes the keys

    # Apply on the Train page: the Train tab in front, the keys given back to the photos.
    window._show_retrain("train")
    window.grid.setFocus()
    qtbot.waitUntil(window.grid.hasFocus, timeout=3000)
    with qtbot.waitSignal(window.retrain.activated, timeout=JOB_TIMEOUT_MS):
        assert window.retrain.activate(version)
    settle(qtbot, window)
    assert page.items and page.tag == "animal"  # read again for the new model
    assert QApplication.focusWidget() is window.grid

    # R goes to the photos, not to the queue out of sight.
    answered = []
    page.decided.connect(lambda ids, tag, action: answered.append((ids, tag, action)))
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_R)
    settle(qtbot, window)
    assert answered == []

    # Rolled back from the Versions page: the keys stay on that page.
    window._show_retrain("versions")
    versions = window.retrain.versions_page
    versions.select("v1")
    versions.table.setFocus()
    qtbot.waitUntil(versions.table.hasFocus, timeout=3000)
    with qtbot.waitSignal(window.retrain.activated, timeout=JOB_TIMEOUT_MS):
        versions.activate_button.click()
    settle(qtbot, window)
    assert page.items
    focused = QApplication.focusWidget()
    assert focused is not None and not page.isAncestorOf(focused)
