"""On opening a library of photos, the keys go to the photos: N moves to the next photo, it is
not typed into the tag search box, and "Your library is empty" never flashes up."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt

from phototagger.core.library import open_library
from phototagger.gui.location import LibraryLocation
from phototagger.gui.main_window import MainWindow
from phototagger.paths import default_home
from tests.gui_helpers import prescanned, settle


def test_first_keys_go_to_the_grid_not_the_search_box(qtbot, engine, tmp_path: Path) -> None:
    prescanned(tmp_path / "photos", engine)
    window = MainWindow(
        open_library(default_home()),
        load_tagger=lambda _library: engine,
        location=LibraryLocation(tmp_path / "location.json"),
    )
    qtbot.addWidget(window)
    window.resize(1400, 880)
    with qtbot.waitExposed(window):
        window.show()
    # The grid is what the window opens on (before the library's counts are read), so it
    # is the widget that has the keys when the window becomes active.
    assert window.centre.showing_grid
    with qtbot.waitActive(window):
        window.activateWindow()
    settle(qtbot, window)
    assert window.model.rowCount() == 4
    assert window.focusWidget() is window.grid
    first = window.grid.currentIndex().row()
    qtbot.keyClick(window.focusWidget(), Qt.Key.Key_N)
    settle(qtbot, window)
    assert window.sidebar.search.text() == ""
    assert window.grid.currentIndex().row() == first + 1
