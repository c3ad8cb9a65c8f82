"""Find Similar's first ranking reads every photo's embedding (seconds on a large library), and
meanwhile the Show All Photos button stayed hidden: it came only with the ranked photos, so a
user who chose Find Similar by mistake had no way back beside the header that already named the
ranking. It now shows as soon as a filter is asked for, and clicking it while the ranking loads
brings every photo back (the ranking, answered later, is dropped)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from phototagger.core.library import open_library
from phototagger.paths import default_home
from tests.gui_helpers import click_photo, open_window, settle, shown_names
from tests.switch_helpers import synthetic_library


def test_show_all_is_there_while_find_similar_loads(qtbot: QtBot, tmp_path: Path) -> None:
    with open_library(default_home()) as lib:
        synthetic_library(lib.db, 20)
    window = open_window(qtbot, None, tmp_path)
    button = window.centre.show_all
    assert not button.isVisible()  # all photos: nothing to back out of
    click_photo(qtbot, window, shown_names(window)[3])
    window.tools.show_similar()
    # The ranking is still on the reader thread (its answer needs the event loop).
    assert window.reader.busy and window.controller.filter.similar_to is not None
    assert button.isVisible()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    settle(qtbot, window)
    assert window.controller.filter.is_everything
    assert window.model.rowCount() == 20
    assert window.header.text() == "All photos  ·  20"
    assert not button.isVisible()
    assert window.status.currentMessage() == ""  # "Finding photos like …" went with it
