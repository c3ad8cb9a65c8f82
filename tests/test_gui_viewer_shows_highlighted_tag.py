"""The viewer covers the details panel, yet A, R, J and K work in it on the panel's highlighted
tag: it says which tag that is. Pressing J in the viewer moved an invisible highlight, and R
then rejected a tag the user could not see (the caption only lists the photo's tags)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from phototagger.core.library import open_library
from phototagger.paths import default_home
from tests.gui_helpers import open_active_viewer, open_window, settle
from tests.switch_helpers import synthetic_library


def test_the_viewer_names_the_tag_its_keys_decide_on(qtbot: QtBot, tmp_path: Path) -> None:
    with open_library(default_home()) as lib:
        synthetic_library(lib.db, 4)
    window = open_window(qtbot, None, tmp_path)
    row = 1
    window.decide([window.model.photo_id(row)], "beach", "add")
    window.decide([window.model.photo_id(row)], "sunset", "add")
    window.decide([window.model.photo_id(row + 1)], "harbour", "add")
    window.grid.go_to_row(row)
    settle(qtbot, window)
    viewer = open_active_viewer(qtbot, window, row)

    def shown() -> str:
        return viewer.deciding.text() if viewer.deciding.isVisible() else ""

    first = window.details.tags.highlighted
    assert first is not None
    assert f"“{first.name}”" in shown()

    qtbot.keyClick(viewer, Qt.Key.Key_J)
    second = window.details.tags.highlighted
    assert second is not None and second.name != first.name
    assert f"“{second.name}”" in shown()

    qtbot.keyClick(viewer, Qt.Key.Key_Right)  # the next photo: its first tag, once shown
    settle(qtbot, window)
    now = window.details.tags.highlighted
    assert window.details.photo_ids == [window.model.photo_id(row + 1)]
    assert now is not None and f"“{now.name}”" in shown()
