"""Clicking the Model dock's Review tab puts the keys in the page. They stayed on the photos: a
photographer who clicked the tab and typed "pets" into its "Choose a tag…" box added the tag
"s" to the photo in the grid ("p" went to the previous photo, "t" opened Add Tag, "s" and
Enter added it) and the review never started."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from phototagger.core.library import open_library
from phototagger.gui.main_window import MainWindow
from phototagger.paths import default_home
from tests.gui_helpers import open_window, settle
from tests.switch_helpers import synthetic_library


def _click_tab(window: MainWindow, qtbot: QtBot, page: QWidget) -> None:
    panel = window.retrain
    bar = panel.tabBar()
    QTest.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(panel.indexOf(page)).center())
    qtbot.waitUntil(lambda: panel.currentWidget() is page)


def test_typing_after_a_click_on_the_review_tab_names_the_tag(qtbot: QtBot, tmp_path: Path) -> None:
    with open_library(default_home()) as lib:
        synthetic_library(lib.db, 6)
    window = open_window(qtbot, None, tmp_path)
    window._show_retrain("train")
    window.grid.setFocus()  # the photographer was going through the photos
    settle(qtbot, window)
    review = window.retrain.review_page
    _click_tab(window, qtbot, review)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None)
    focused = QApplication.focusWidget()
    assert focused is not None
    QTest.keyClicks(focused, "pets")  # where the keys are now, as a photographer types
    editor = review.tag_box.lineEdit()
    assert editor is not None
    assert editor.text() == "pets"
    assert (
        window.library.db.execute("SELECT count(*) FROM tags WHERE name = 's'").fetchone()[0] == 0
    )
