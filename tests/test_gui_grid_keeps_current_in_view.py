"""When the grid narrows (the Model dock widens to show a training's results) and it has fewer
columns, the current photo stays in view: the grid does not show other photos at the same
scroll offset, with the photo the user was on somewhere below."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from phototagger.core.library import open_library
from phototagger.paths import default_home
from tests.gui_helpers import open_window, settle
from tests.switch_helpers import synthetic_library


def _in_view(window) -> bool:  # noqa: ANN001 - the MainWindow
    grid = window.grid
    return grid.viewport().rect().intersects(grid.visualRect(grid.currentIndex()))


def test_the_current_photo_stays_in_view_when_the_columns_change(
    qtbot: QtBot, tmp_path: Path
) -> None:
    with open_library(default_home()) as lib:
        ids = synthetic_library(lib.db, 300)
    window = open_window(qtbot, None, tmp_path)
    window.resize(1400, 880)
    settle(qtbot, window)
    window.grid.go_to_row(window.model.ids.index(ids[200]))
    qtbot.waitUntil(lambda: _in_view(window))
    columns = window.grid.viewport().width() // window.grid.gridSize().width()
    window.resize(900, 880)  # as a wider dock beside it: fewer columns
    qtbot.waitUntil(
        lambda: window.grid.viewport().width() // window.grid.gridSize().width() < columns
    )
    settle(qtbot, window)
    qtbot.waitUntil(lambda: _in_view(window))
    assert window.current_photo_id() == ids[200]
