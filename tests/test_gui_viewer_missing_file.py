"""A photo whose file was deleted since the last scan, opened in the viewer: it says the file is
no longer there. It said "(it was moved or deleted during the scan)", though no scan ran."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from phototagger.core.library import open_library
from phototagger.paths import default_home
from tests.gui_helpers import open_window, settle
from tests.switch_helpers import synthetic_library


def test_the_viewer_says_the_file_is_gone(qtbot: QtBot, tmp_path: Path) -> None:
    with open_library(default_home()) as lib:
        synthetic_library(lib.db, 2)  # rows whose files do not exist
    window = open_window(qtbot, None, tmp_path)
    window.grid.go_to_row(0)
    settle(qtbot, window)
    viewer = window.open_viewer(0)
    qtbot.waitUntil(lambda: bool(viewer.message.text()), timeout=5000)
    assert viewer.message.text() == "the file is no longer there (it was moved or deleted)"
    viewer.close()
