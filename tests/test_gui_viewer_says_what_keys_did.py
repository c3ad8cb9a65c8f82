"""The viewer covers the main window, and with it the status bar where A, R, T, undo and naming a
face say what they did or why they did nothing: A on an untagged photo in the viewer said "No tag
to accept on this photo (T adds one)" behind it, unseen (walk61). The viewer's bar says it in the
keys' hint's place, for as long as the status bar does; then the hint is back. Real widgets,
a real library."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from phototagger.core.library import open_library
from phototagger.paths import default_home
from phototagger.store.tags import write_model_tags_many
from tests.gui_helpers import open_active_viewer, open_window, settle
from tests.switch_helpers import synthetic_library


def test_the_viewer_says_what_a_key_did(qtbot: QtBot, tmp_path: Path) -> None:
    with open_library(default_home()) as lib:
        photos = synthetic_library(lib.db, 4)
        write_model_tags_many(lib.db, ["sport"], [(photos[0], [0.93], [0])], "v1")
    window = open_window(qtbot, None, tmp_path)
    window.status.showMessage("Scan finished: 4 photos", 60000)  # said before it opens
    row = window.model.row_of(photos[0])
    assert row is not None
    window.grid.go_to_row(row)
    settle(qtbot, window)
    viewer = open_active_viewer(qtbot, window, row)
    assert viewer.hint.isVisible() and not viewer.said.isVisible()  # the keys first

    qtbot.keyClick(viewer, Qt.Key.Key_A)
    settle(qtbot, window)
    said = window.status.currentMessage()
    assert said.startswith("Accepted “sport”"), said
    assert viewer.said.isVisible() and viewer.said.full_text() == said
    assert not viewer.hint.isVisible()

    qtbot.keyClick(viewer, Qt.Key.Key_A)  # accepted already: why it does nothing, seen here
    settle(qtbot, window)
    assert (
        viewer.said.full_text() == "“sport” is already accepted on this photo (J / K: another tag)"
    )

    window.status.clearMessage()  # the message's time over
    assert viewer.hint.isVisible() and not viewer.said.isVisible()
