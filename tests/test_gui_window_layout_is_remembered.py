"""The window's geometry, docks, sort order and thumbnail size come back on the next start;
they are kept in the library's data folder."""

from __future__ import annotations

from pathlib import Path

from phototagger import paths
from tests.gui_helpers import open_window, settle


def test_layout_and_view_choices_survive_a_restart(qtbot, engine, tmp_path: Path) -> None:
    window = open_window(qtbot, engine, tmp_path)
    assert window.sidebar_dock.isVisible() and window.details_dock.isVisible()
    assert window.dockWidgetArea(window.sidebar_dock).name == "LeftDockWidgetArea"
    assert window.dockWidgetArea(window.details_dock).name == "RightDockWidgetArea"
    window.sidebar_dock.hide()
    window.commands.sort["name"].trigger()
    window.commands.bigger.trigger()
    side = window.grid.side
    window.close()
    assert paths.default_home().window_settings.exists()

    again = open_window(qtbot, engine, tmp_path)
    settle(qtbot, again)
    assert not again.sidebar_dock.isVisible()
    assert again.controller.order == "name" and again.commands.sort["name"].isChecked()
    assert again.grid.side == side == 192
