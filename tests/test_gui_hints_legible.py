"""Hints and notes (the Versions page's note, the details panel's key hint and facts, Settings'
and Manage Tags' notes) were drawn disabled: Qt's disabled text is light grey, about 1.5:1
against the window, and could hardly be read. They are now muted (gui/muted.py) and read at 3:1
or more, the least WCAG asks of secondary text; the facts stay out of the keyboard's way."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from phototagger.core.library import open_library
from phototagger.gui.main_window import MainWindow
from phototagger.paths import default_home
from tests.gui_helpers import click_photo, open_window, settle, shown_names, versions_page
from tests.switch_helpers import synthetic_library
from tests.test_gui_rejected_tag_legible import _contrast


def _shown_contrast(window: MainWindow, widget: QWidget) -> float:
    """The contrast of `widget`'s text as the window draws it."""
    assert widget.width() > 0 and widget.height() > 0, widget
    return _contrast(
        window.grab(QRect(widget.mapTo(window, QPoint(0, 0)), widget.size())).toImage()
    )


def test_the_versions_note_can_be_read(qtbot: QtBot, tmp_path: Path) -> None:
    window, page = versions_page(qtbot, tmp_path, "v1", 1)
    qtbot.waitUntil(lambda: page.note.isVisible() and page.note.width() > 0)
    assert _shown_contrast(window, page.note) >= 3.0


def test_the_details_hints_can_be_read(qtbot: QtBot, tmp_path: Path) -> None:
    with open_library(default_home()) as lib:
        synthetic_library(lib.db, 4)
    window = open_window(qtbot, None, tmp_path)
    click_photo(qtbot, window, shown_names(window)[0])
    settle(qtbot, window)
    details = window.details
    qtbot.waitUntil(lambda: details.key_hint.isVisible() and bool(details.facts.text()))
    assert _shown_contrast(window, details.key_hint) >= 3.0
    assert _shown_contrast(window, details.facts) >= 3.0
    # Selectable with the mouse, as before, but never given the keys: N, A, R stay the grid's.
    assert details.facts.isEnabled()
    assert details.facts.focusPolicy() == Qt.FocusPolicy.NoFocus
