"""Double-click (or Enter) opens the viewer: the photo fitted to the window, zoom, arrow keys
for the next and previous photo (the grid follows), Esc closes."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from phototagger.gui.viewer import PhotoViewer
from tests.gui_helpers import click_photo, open_window, prescanned, row_of


def _viewer() -> PhotoViewer:
    found = [
        w for w in QApplication.topLevelWidgets() if isinstance(w, PhotoViewer) and w.isVisible()
    ]
    assert len(found) == 1
    return found[0]


def test_double_click_opens_the_viewer_and_arrows_move(qtbot, engine, tmp_path: Path) -> None:
    prescanned(tmp_path / "pics", engine)
    window = open_window(qtbot, engine, tmp_path)
    first = window.model.index(0)
    window.grid.scrollTo(first)
    centre = window.grid.visualRect(first).center()
    # A real double-click is a press, a release and then the double-click event.
    qtbot.mouseClick(window.grid.viewport(), Qt.MouseButton.LeftButton, pos=centre)
    qtbot.mouseDClick(window.grid.viewport(), Qt.MouseButton.LeftButton, pos=centre)
    viewer = _viewer()
    qtbot.waitUntil(lambda: not viewer.canvas.item.pixmap().isNull(), timeout=5000)
    photo = window.model.photo(0)
    assert photo is not None and viewer.windowTitle().startswith(photo.name)
    pixmap = viewer.canvas.item.pixmap()
    assert (pixmap.width(), pixmap.height()) == (photo.width, photo.height)  # full size
    assert viewer.zoom_label.text() == "Fit" and viewer.position.text() == "1 / 4"

    qtbot.keyClick(viewer, Qt.Key.Key_Right)
    assert viewer.row == 1 and window.grid.current_row() == 1
    second = window.model.photo(1)
    assert second is not None
    qtbot.waitUntil(lambda: viewer.canvas.item.pixmap().width() == second.width, timeout=5000)
    qtbot.keyClick(viewer, Qt.Key.Key_Left)
    qtbot.keyClick(viewer, Qt.Key.Key_Left)  # already the first photo: stays
    assert viewer.row == 0 and window.grid.current_row() == 0

    qtbot.keyClick(viewer, Qt.Key.Key_Plus)
    assert viewer.zoom_label.text().endswith("%")
    qtbot.keyClick(viewer, Qt.Key.Key_0)
    assert viewer.zoom_label.text() == "Fit"
    qtbot.keyClick(viewer, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not viewer.isVisible())


def test_enter_opens_the_current_photo(qtbot, engine, tmp_path: Path) -> None:
    prescanned(tmp_path / "pics", engine)
    window = open_window(qtbot, engine, tmp_path)
    click_photo(qtbot, window, "coffee.jpg")
    qtbot.keyClick(window.grid, Qt.Key.Key_Return)
    viewer = _viewer()
    assert viewer.row == row_of(window, "coffee.jpg")
    qtbot.keyClick(viewer, Qt.Key.Key_End)
    assert viewer.row == 3 and window.grid.current_row() == 3
    viewer.close()
