"""The viewer's Play (Enter) on a clip, with no video player on the system, said "No video player
on this system would open the clip" in light grey straight over the clip's still: on a bright or
busy frame it could hardly be read (walk60, a garden clip). The words now have the viewer bar's
dark behind them. A real clip with a bright frame, scanned with the real model, the real
viewer offscreen; the system's player is the one thing stood in for: none takes the clip."""

from __future__ import annotations

from pathlib import Path

from PIL import Image
from PySide6.QtCore import Qt

from phototagger.core.library import open_library
from phototagger.gui import viewer as viewer_module
from phototagger.gui.viewer import NO_PLAYER, PhotoViewer
from phototagger.paths import default_home
from tests import media_factory as mf
from tests.gui_helpers import open_window, row_of
from tests.scan_helpers import run_scan


def test_no_player_is_said_on_dark_over_a_bright_clip(
    qtbot, engine, tmp_path: Path, monkeypatch
) -> None:
    folder = tmp_path / "pics"
    folder.mkdir()
    mf.clip(folder / "snow.mp4", [Image.new("RGB", (320, 240), (235, 235, 235))], seconds_each=1)
    with open_library(default_home()) as library:
        run_scan(library, [folder], engine)
    monkeypatch.setattr(viewer_module, "play_in_system_player", lambda _path: False)
    window = open_window(qtbot, engine, tmp_path)
    window.grid.setCurrentIndex(window.model.index(row_of(window, "snow.mp4")))
    qtbot.keyClick(window.grid, Qt.Key.Key_Return)
    viewer = next(w for w in window.findChildren(PhotoViewer) if w.isVisible())
    qtbot.waitUntil(lambda: not viewer.canvas.item.pixmap().isNull(), timeout=10_000)
    qtbot.keyClick(viewer, Qt.Key.Key_Return)
    message = viewer.message
    assert NO_PLAYER in message.text()
    shot = viewer.canvas.grab().toImage()
    # The band the words are drawn in, across their width, at the middle of the canvas, where
    # the bright still is: mostly dark now (the words light on it), mostly the still before.
    metrics = message.fontMetrics()
    width = metrics.horizontalAdvance(NO_PLAYER)
    middle = message.geometry().center()
    xs = range(middle.x() - width // 2, middle.x() + width // 2, 3)
    ys = range(middle.y() - metrics.ascent() // 2, middle.y() + metrics.ascent() // 2)
    lightness = [shot.pixelColor(x, y).lightness() for x in xs for y in ys]
    dark = sum(1 for v in lightness if v < 60) / len(lightness)
    assert dark > 0.6, dark
    # The still is there around the words, bright as it is.
    assert shot.pixelColor(middle.x(), middle.y() - 3 * metrics.height()).lightness() > 200
