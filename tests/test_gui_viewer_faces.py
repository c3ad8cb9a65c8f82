"""B in the viewer outlines the faces the scan found; B again hides them."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt

from phototagger.gui.viewer import PhotoViewer
from tests.gui_helpers import open_window, prescanned, row_of


def test_viewer_draws_face_boxes_on_request(qtbot, engine, tmp_path: Path) -> None:
    prescanned(tmp_path / "pics", engine)
    window = open_window(qtbot, engine, tmp_path)
    viewer = PhotoViewer(window.model, row_of(window, "astronaut.jpg"))
    qtbot.addWidget(viewer)
    viewer.show()
    qtbot.waitUntil(lambda: not viewer.canvas.item.pixmap().isNull(), timeout=5000)
    assert viewer.canvas.boxes == []  # off until asked for
    qtbot.keyClick(viewer, Qt.Key.Key_B)
    (box,) = viewer.canvas.boxes
    rect = box.rect()
    # The astronaut's face, in the 512x512 photo's own pixels: left of centre, upper third.
    assert 150 < rect.center().x() < 256 and 75 < rect.center().y() < 180
    assert 60 < rect.width() < 160
    qtbot.keyClick(viewer, Qt.Key.Key_Right)  # the next photo: a cat, a rocket or coffee
    qtbot.waitUntil(lambda: viewer.canvas.item.pixmap().width() != 512, timeout=5000)
    assert viewer.canvas.boxes == []
    qtbot.keyClick(viewer, Qt.Key.Key_B)
    assert not viewer.show_faces
