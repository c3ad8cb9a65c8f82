"""A window saved tiny, or bigger than the screen it opens on, opens at a usable size within the
screen: walk41's window, saved 856 x 600 on an earlier run, opened as small under X, and the
same geometry on the offscreen test's 800 x 800 screen opened 533 x 533 (Qt gives a saved
window bigger than the screen two thirds of it). A window saved at a sane size opens as it was."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from phototagger.core.library import open_library
from phototagger.gui.main_window import MainWindow
from phototagger.paths import default_home
from tests.gui_helpers import open_window, settle
from tests.switch_helpers import synthetic_library


def _reopened_after(qtbot: QtBot, tmp_path: Path, width: int, height: int) -> MainWindow:
    """The window closed at `width` x `height` (its geometry saved), then opened again."""
    with open_library(default_home()) as lib:
        synthetic_library(lib.db, 10)
    window = open_window(qtbot, None, tmp_path)
    window.move(200, 150)
    window.resize(width, height)
    settle(qtbot, window)
    window.close()
    again = open_window(qtbot, None, tmp_path)
    settle(qtbot, again)
    return again


def _on_screen(window: MainWindow) -> None:
    room = window.screen().availableGeometry()
    frame = window.frameGeometry()
    assert room.contains(frame), (room, frame)


def test_a_tiny_saved_window_opens_at_a_usable_size(qtbot: QtBot, tmp_path: Path) -> None:
    window = _reopened_after(qtbot, tmp_path, 300, 200)
    room = window.screen().availableGeometry()  # 800 x 800 offscreen
    # The first start's 1,400 x 880 within the screen, less its frame.
    assert window.size().toTuple() == (room.width() - 20, room.height() - 40)
    _on_screen(window)


def test_a_window_saved_bigger_than_the_screen_fits_it(qtbot: QtBot, tmp_path: Path) -> None:
    window = _reopened_after(qtbot, tmp_path, 1400, 880)
    room = window.screen().availableGeometry()
    assert window.width() <= room.width() - 20 and window.height() <= room.height() - 40
    assert window.width() >= 720 and window.height() >= 540, window.size()
    _on_screen(window)


def test_a_sane_saved_size_is_kept(qtbot: QtBot, tmp_path: Path) -> None:
    window = _reopened_after(qtbot, tmp_path, 760, 600)
    assert (window.width(), window.height()) == (760, 600)
    _on_screen(window)
