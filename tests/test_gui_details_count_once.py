"""With many photos selected (Ctrl+A on a 272-photo library) the details panel said "272 photos
selected" in grey in the picture's place and "272 photos" in bold under it: the same count
twice. It says it once now, in bold at the top ("272 photos selected"), for two photos, for all
of them and for all the photos a filter shows; one photo still shows its picture and name."""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from phototagger.core import labels
from phototagger.core.library import open_library
from phototagger.gui.main_window import MainWindow
from phototagger.paths import default_home
from tests.gui_helpers import click_photo, open_window, search_for, settle, shown_names
from tests.switch_helpers import synthetic_library


def _saying(window: MainWindow, count: int) -> list[str]:
    """The details panel's visible lines that give `count` photos."""
    said = re.compile(rf"(?<![\d,]){count:,} photos?\b")
    return [
        label.text()
        for label in window.details.findChildren(QLabel)
        if label.isVisible() and said.search(label.text())
    ]


def _select_all(qtbot: QtBot, window: MainWindow) -> None:
    window.grid.setFocus()
    qtbot.keyClick(window.grid, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    settle(qtbot, window)


def test_the_selection_is_counted_once(qtbot: QtBot, tmp_path: Path) -> None:
    with open_library(default_home()) as lib:
        ids = synthetic_library(lib.db, 12)
        labels.apply_edits(lib.db, labels.decision_edits(ids[:5], "boats", "add"))
    window = open_window(qtbot, None, tmp_path)
    details = window.details
    first, second = shown_names(window)[:2]

    click_photo(qtbot, window, first)
    assert details.title.text() == first
    assert details.preview.isVisible()  # the photo's picture, over its name
    assert _saying(window, 1) == []

    click_photo(qtbot, window, second, Qt.KeyboardModifier.ControlModifier)
    assert _saying(window, 2) == ["2 photos selected"]
    assert details.title.text() == "2 photos selected"

    _select_all(qtbot, window)
    assert window.model.rowCount() == 12
    assert _saying(window, 12) == ["12 photos selected"]

    search_for(qtbot, window, "boats")
    assert window.model.rowCount() == 5
    _select_all(qtbot, window)
    assert _saying(window, 5) == ["5 photos selected"]

    click_photo(qtbot, window, shown_names(window)[0])
    assert details.preview.isVisible() and _saying(window, 5) == []
