"""Rejecting a tag inside its own filter keeps the photo in view (by design: it does not vanish
under the user's keys), but the header went on counting it while the sidebar did not: "Photos
tagged cat · 4 of 6" beside "cat 3". The header's count is now the sidebar's and says the photo
kept apart ("3 of 6 · +1 no longer matching"), its tooltip why; undo, F5 or another view bring
the plain count back."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, QPoint
from PySide6.QtGui import QHelpEvent
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from phototagger.core.library import open_library
from phototagger.paths import default_home
from phototagger.store.tags import set_user_state
from tests.gui_helpers import click_photo, click_sidebar, open_window, settle
from tests.store_helpers import add_photo


def test_the_header_counts_as_the_sidebar_after_a_rejection(qtbot: QtBot, tmp_path: Path) -> None:
    with open_library(default_home()) as library:
        ids = [add_photo(library.db, f"/pics/IMG_{i:04d}.jpg") for i in range(6)]
        for pid in ids[:4]:
            set_user_state(library.db, pid, "cat", "added")
    window = open_window(qtbot, None, tmp_path)
    click_sidebar(qtbot, window, "cat")
    assert window.model.rowCount() == 4
    plain = window.header.text()
    assert plain.endswith("·  4 of 6"), plain
    click_photo(qtbot, window, "IMG_0002.jpg")
    window.commands.reject_tag.trigger()  # R on the photo: "cat" is its highlighted tag
    settle(qtbot, window)
    qtbot.waitUntil(lambda: window.sidebar.tag_count("cat") == 3)
    settle(qtbot, window)
    assert window.model.rowCount() == 4  # still in view
    header = window.header.text()
    assert header == plain.replace("4 of 6", "3 of 6  ·  +1 no longer matching"), header
    # The status bar counts as the header does: it said "4 of 6 photos shown".
    said = window.status.library.text()
    assert said == "3 of 6 photos shown · +1 no longer matching", said
    tip = QHelpEvent(QEvent.Type.ToolTip, QPoint(5, 5), window.header.mapToGlobal(QPoint(5, 5)))
    QApplication.sendEvent(window.header, tip)
    assert "F5" in window.header.toolTip()

    window.undo_stack.undo()
    settle(qtbot, window)
    qtbot.waitUntil(lambda: window.header.text() == plain)
    assert window.sidebar.tag_count("cat") == 4
    window.undo_stack.redo()
    settle(qtbot, window)
    qtbot.waitUntil(lambda: "+1" in window.header.text())
    window.refresh()  # F5: the filter runs again
    settle(qtbot, window)
    assert window.model.rowCount() == 3
    assert window.header.text() == plain.replace("4 of 6", "3 of 6")
    assert window.status.library.text() == "3 of 6 photos shown"
    QApplication.sendEvent(window.header, tip)
    assert window.header.toolTip() == ""
