"""T puts the details panel's tag field in view. On a photo with many tags (an ImageNet photo
carrying 20 keywords from its file) the field sat below the bottom of the panel: T gave it the
focus without scrolling to it, so the user typed 'monkeys' into a field they could not see
(found in the app at 1440 x 900)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QRect, Qt
from PySide6.QtWidgets import QApplication, QScrollArea
from pytestqt.qtbot import QtBot

from phototagger.core.library import open_library
from phototagger.paths import default_home
from tests.gui_helpers import click_photo, open_window, settle, shown_names
from tests.switch_helpers import synthetic_library


def test_t_scrolls_the_add_field_into_view(qtbot: QtBot, tmp_path: Path) -> None:
    with open_library(default_home()) as lib:
        synthetic_library(lib.db, 4)
    window = open_window(qtbot, None, tmp_path)
    window.resize(1280, 720)
    click_photo(qtbot, window, shown_names(window)[0])
    for number in range(20):
        window.decide(window.details.photo_ids, f"keyword {number}", "add")
    settle(qtbot, window)
    scroll = window.details.findChild(QScrollArea)
    assert scroll is not None
    viewport, field = scroll.viewport(), window.details.add_field
    view = QRect(0, 0, viewport.width(), viewport.height())

    def field_in_view() -> bool:
        return view.contains(QRect(field.mapTo(viewport, field.rect().topLeft()), field.size()))

    qtbot.waitUntil(lambda: not field_in_view())  # the 20 tags push it below the panel
    window.grid.setFocus()
    qtbot.keyClick(window.grid, Qt.Key.Key_T)
    assert QApplication.focusWidget() is field
    qtbot.waitUntil(field_in_view, timeout=2000)
