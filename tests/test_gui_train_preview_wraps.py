"""The Train page's preview of the photos a version adds and removes was one sideways strip: in
the dock at its usual width (340 px) about 3 of 10 thumbnails were in view, a scroll bar under
them, while the tables above left empty room. It wraps into rows, as many as its photos need up
to a few (then it scrolls down), in the usual width and wider."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from phototagger.core.library import open_library
from phototagger.core.retrain import TrainingResult
from phototagger.core.version_diff import TagChange
from phototagger.paths import default_home
from tests.gui_helpers import open_window, settle
from tests.switch_helpers import synthetic_library


def _in_view(preview) -> int:  # noqa: ANN001 - a QListWidget
    area = preview.viewport().rect()
    return sum(
        1
        for row in range(preview.count())
        if area.contains(preview.visualItemRect(preview.item(row)))
    )


def test_the_preview_wraps_into_rows(qtbot: QtBot, tmp_path: Path) -> None:
    with open_library(default_home()) as lib:
        ids = synthetic_library(lib.db, 20)
    window = open_window(qtbot, None, tmp_path)
    window._show_retrain("train")
    qtbot.waitUntil(lambda: window.retrain_dock.width() == 340)
    changes = [
        TagChange("monkeys", 5, 13, added=8, removed=2, added_ids=ids[:8], removed_ids=ids[8:10])
    ]
    page = window.retrain.train_page
    page.show_result(TrainingResult("v2", "v1", [], True, "learned monkeys", {}, 1.0, changes))
    preview = page.changes.preview
    qtbot.waitUntil(lambda: preview.count() == 10)
    settle(qtbot, window)
    qtbot.wait(50)
    assert _in_view(preview) >= 8, _in_view(preview)
    assert not preview.horizontalScrollBar().isVisible()

    window.resizeDocks([window.retrain_dock], [600], Qt.Orientation.Horizontal)
    qtbot.waitUntil(lambda: window.retrain_dock.width() >= 560)
    settle(qtbot, window)
    qtbot.wait(50)
    assert _in_view(preview) == 10
