"""A layout saved before the sidebar was sized to its font (240 px, the width every start gave it)
kept "musica…rument" at a 13-point font: only a first start was sized. Now a sidebar restored
narrower than its font needs for the longest built-in name and its count is widened once, when
the layout was saved under a smaller font (or before the width needed was kept); a sidebar the
user dragged narrower at this font stays as they left it."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QStyle
from pytestqt.qtbot import QtBot

from phototagger.core.library import open_library
from phototagger.gui.location import LibraryLocation
from phototagger.gui.main_window import SIDEBAR_NEEDED_KEY, MainWindow
from phototagger.gui.sidebar import WIDEST_NAME
from phototagger.gui.sidebar_trees import all_items
from phototagger.paths import default_home
from phototagger.store.connection import transaction
from phototagger.store.tags import add_user_tag
from tests.gui_helpers import settle
from tests.switch_helpers import synthetic_library

SIZE = (1366, 768)


def _open(qtbot: QtBot, tmp_path: Path) -> MainWindow:
    window = MainWindow(
        open_library(default_home()), location=LibraryLocation(tmp_path / "location.json")
    )
    qtbot.addWidget(window)
    window.resize(*SIZE)
    with qtbot.waitExposed(window):
        window.show()
    qtbot.waitUntil(lambda: window.width() == SIZE[0])
    settle(qtbot, window)
    return window


def _widest_room(window: MainWindow) -> int:
    """The width "musical instrument" has in its row, its cell's margins off."""
    tree = window.sidebar.tree
    tree.expandAll()
    item = next(i for i in all_items(window.sidebar.tags_section) if i.text(0) == WIDEST_NAME)
    margin = tree.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, tree) + 1
    return tree.visualRect(tree.indexFromItem(item, 0)).width() - 2 * margin


def test_a_layout_saved_narrow_is_widened_once_for_a_bigger_font(
    qtbot: QtBot, tmp_path: Path, qapp: QApplication
) -> None:
    with open_library(default_home()) as lib:
        named = [(pid, WIDEST_NAME) for pid in synthetic_library(lib.db, 1500)]
        with transaction(lib.db):
            for pid, name in named:
                add_user_tag(lib.db, pid, name)
    # Saved at the default font, by a version that kept no width needed: 240 px.
    before = _open(qtbot, tmp_path)
    assert abs(before.sidebar_dock.width() - 240) <= 2, before.sidebar_dock.width()
    before.close()
    before.settings.remove(SIDEBAR_NEEDED_KEY)
    before.settings.sync()
    default_font = qapp.font()
    font = qapp.font()
    font.setPointSize(13)
    qapp.setFont(font)
    try:
        window = _open(qtbot, tmp_path)
        need = window.sidebar.first_width()
        assert need > 240
        qtbot.waitUntil(lambda: window.sidebar_dock.width() >= need - 2, timeout=3000)
        metrics = window.sidebar.tree.fontMetrics()
        assert metrics.horizontalAdvance(WIDEST_NAME) <= _widest_room(window)
        # The width it was given is the one it keeps as the window is resized.
        window.resize(SIZE[0] + 200, SIZE[1])
        qtbot.waitUntil(lambda: window.width() == SIZE[0] + 200)
        qtbot.wait(200)
        assert window.sidebar_dock.width() >= need - 2, window.sidebar_dock.width()
        window.resize(*SIZE)
        qtbot.waitUntil(lambda: window.width() == SIZE[0])
        qtbot.wait(200)
        # The user drags it narrower at this font: kept, not widened again.
        window.resizeDocks([window.sidebar_dock], [230], Qt.Orientation.Horizontal)
        qtbot.waitUntil(lambda: window.sidebar_dock.width() < need - 20, timeout=3000)
        narrow = window.sidebar_dock.width()
        window.close()
        again = _open(qtbot, tmp_path)
        qtbot.wait(200)  # a widening would be laid out by now
        assert abs(again.sidebar_dock.width() - narrow) <= 2, (again.sidebar_dock.width(), narrow)
        again.close()
    finally:
        qapp.setFont(default_font)
