"""At 1,024 x 700 the sidebar (240 px) and the details panel (340 px) kept their widths and the
grid alone gave way: 2 columns of thumbnails. The side panels now give way, in proportion, when
the window is too narrow for 3 columns, and come back to their widths as it widens: 3 columns at
1,024 px, and 1,280- and 1,440-px windows as they were (240- and 340-px panels)."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from phototagger.core.library import open_library
from phototagger.gui.main_window import MainWindow
from phototagger.paths import default_home
from tests.gui_helpers import open_window, settle
from tests.store_helpers import add_photo


def _columns(window: MainWindow) -> int:
    grid = window.grid
    rects = [grid.visualRect(window.model.index(r)) for r in range(window.model.rowCount())]
    return len([r for r in rects if r.top() == rects[0].top()])


def _resize(qtbot: QtBot, window: MainWindow, width: int, height: int) -> None:
    window.resize(width, height)
    qtbot.waitUntil(lambda: window.width() == width)
    settle(qtbot, window)
    qtbot.wait(100)  # the docks' new widths are laid out on the next turn


def test_the_grid_keeps_room_in_a_small_window(qtbot: QtBot, tmp_path: Path) -> None:
    with open_library(default_home()) as library:
        for i in range(30):
            add_photo(library.db, f"/pics/IMG_{i:04d}.jpg")
    window = open_window(qtbot, None, tmp_path)  # a first start: no layout saved
    _resize(qtbot, window, 1440, 900)
    wide = (window.sidebar_dock.width(), window.details_dock.width())
    assert abs(wide[0] - 240) <= 2 and abs(wide[1] - 340) <= 2
    assert _columns(window) == 4
    _resize(qtbot, window, 1280, 800)  # room enough: nothing moves but the grid
    assert (window.sidebar_dock.width(), window.details_dock.width()) == wide
    _resize(qtbot, window, 1024, 700)
    assert _columns(window) >= 3
    assert window.sidebar_dock.width() < wide[0] and window.details_dock.width() < wide[1]
    assert window.details_dock.width() > window.sidebar_dock.width()  # in the same proportion
    _resize(qtbot, window, 1440, 900)
    assert abs(window.sidebar_dock.width() - wide[0]) <= 2
    assert abs(window.details_dock.width() - wide[1]) <= 2
    assert _columns(window) == 4
