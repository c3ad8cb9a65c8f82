"""Clips, RAW twins and non-UTF-8 names in the app: badges in the grid, a clip's still in the
viewer with a Play button that hands the clip to the system's player."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, QPoint, Qt, QUrl, Slot
from PySide6.QtGui import QColor, QDesktopServices
from PySide6.QtWidgets import QApplication, QToolTip, QWidget

from phototagger.core.library import open_library
from phototagger.gui.grid_delegate import badge_text
from phototagger.gui.viewer import PhotoViewer
from phototagger.paths import default_home
from tests import media_factory as mf
from tests import photo_factory as pf
from tests.gui_helpers import open_window, row_of
from tests.scan_helpers import run_scan


class _Player(QObject):
    """Stands in for the desktop's video player: Qt hands it the URL a real one would get."""

    def __init__(self) -> None:
        super().__init__()
        self.opened: list[QUrl] = []

    @Slot(QUrl)
    def open(self, url: QUrl) -> None:
        self.opened.append(url)


def _scanned(folder: Path, engine) -> None:
    mf.photo_clip(folder / "walk.mp4", ("chelsea",), seconds_each=4)
    pf.real_photo(folder / "IMG_7.JPG", "rocket")
    mf.raw_photo(folder / "IMG_7.DNG")
    mf.raw_photo(folder / "desk.dng")
    pf.non_utf8_name(folder)
    library = open_library(default_home())
    try:
        run_scan(library, [folder], engine)
    finally:
        library.close()


def test_grid_badges_and_viewer_playback(qtbot, engine, tmp_path: Path) -> None:
    _scanned(tmp_path / "pics", engine)
    window = open_window(qtbot, engine, tmp_path)
    model = window.model
    assert model.rowCount() == 4
    badges = {
        model.photo(r).name: badge_text(model.media(r))  # type: ignore[union-attr]
        for r in range(model.rowCount())
    }
    assert badges["walk.mp4"] == "0:04"
    assert badges["IMG_7.JPG"] == "RAW+JPEG"
    assert badges["desk.dng"] == "RAW"
    # Every cell, the clip and the RAW included, gets a real thumbnail.
    for row in range(model.rowCount()):
        qtbot.waitUntil(lambda row=row: model.cell(row)[2] is not None, timeout=10_000)

    player = _Player()
    QDesktopServices.setUrlHandler("file", player, "open")  # type: ignore[arg-type]
    try:
        index = model.index(row_of(window, "walk.mp4"))
        window.grid.setCurrentIndex(index)
        qtbot.keyClick(window.grid, Qt.Key.Key_Return)
        viewer = next(w for w in window.findChildren(PhotoViewer) if w.isVisible())
        qtbot.waitUntil(lambda: not viewer.canvas.item.pixmap().isNull(), timeout=10_000)
        assert viewer.play.isVisible()
        qtbot.mouseClick(viewer.play, Qt.MouseButton.LeftButton)
        assert [u.toLocalFile() for u in player.opened] == [str(tmp_path / "pics" / "walk.mp4")]
        # Enter plays it too; P, which played it before, goes back a photo as in the main window
        # (Previous Photo there), and N forward: one meaning for each key across the app.
        assert viewer.play.toolTip().endswith("(Enter)")
        qtbot.keyClick(viewer, Qt.Key.Key_Return)
        assert len(player.opened) == 2
        viewer.show_row(1)
        qtbot.keyClick(viewer, Qt.Key.Key_N)
        assert viewer.row == 2 and window.grid.current_row() == 2
        qtbot.keyClick(viewer, Qt.Key.Key_P)
        qtbot.keyClick(viewer, Qt.Key.Key_P)
        assert viewer.row == 0 and window.grid.current_row() == 0
        assert len(player.opened) == 2
        viewer.show_row(row_of(window, "desk.dng"))  # a still has no Play button
        assert not viewer.play.isVisible()
        qtbot.keyClick(viewer, Qt.Key.Key_Return)
        assert len(player.opened) == 2
    finally:
        QDesktopServices.unsetUrlHandler("file")


def _light_pixels(widget: QWidget) -> int:
    """How many of `widget`'s pixels, as drawn, are light (its words on the viewer's dark bar)."""
    image = widget.grab().toImage()
    return sum(
        1
        for y in range(image.height())
        for x in range(image.width())
        if QColor(image.pixel(x, y)).lightness() > 150
    )


def test_the_play_button_reads_as_a_button(qtbot, engine, tmp_path: Path) -> None:
    """▶ Play clip was drawn black on the viewer's near-black bar: an enabled button that read
    as greyed out, fainter than the grey key hint beside it; its tooltip, black words on the
    bar's dark ground, could not be read either."""
    _scanned(tmp_path / "pics", engine)
    window = open_window(qtbot, engine, tmp_path)
    window.grid.setCurrentIndex(window.model.index(row_of(window, "walk.mp4")))
    qtbot.keyClick(window.grid, Qt.Key.Key_Return)
    viewer = next(w for w in window.findChildren(PhotoViewer) if w.isVisible())
    qtbot.waitUntil(viewer.play.isVisible)
    assert viewer.play.isEnabled()
    # Its words drawn light (160 pixels offscreen); none were.
    assert _light_pixels(viewer.play) >= 40, _light_pixels(viewer.play)
    # Its tooltip as every tooltip is, not on the bar's dark ground behind black words.
    QToolTip.showText(viewer.play.mapToGlobal(QPoint(4, 4)), viewer.play.toolTip(), viewer.play)
    tip = next(w for w in QApplication.topLevelWidgets() if w.inherits("QTipLabel"))
    qtbot.waitUntil(tip.isVisible)
    assert _light_pixels(tip) > tip.width() * tip.height() // 2
    QToolTip.hideText()
    viewer.close()
