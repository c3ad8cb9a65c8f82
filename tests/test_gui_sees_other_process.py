"""A scan on the command line (`phototagger scan`, another process) while the window was open:
the grid, the sidebar and the status bar ('2,968 waiting to be tagged') kept what they showed
when the window opened, until F5 or a restart. The window now notices another process's commits
(SQLite's data_version, read every two seconds) and refreshes them, keeping the selection, the
scroll position and the current photo; not while the user is typing a tag to add."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from phototagger.core.library import open_library
from phototagger.gui.main_window import MainWindow
from phototagger.paths import default_home
from tests.child_process import REPO
from tests.gui_helpers import held_off_at_polls, open_window, settle
from tests.store_helpers import add_photo

PHOTOS = 300
PENDING = 40  # the last ones, not tagged yet

# The other process: what a scan commits, tagged photos and new ones.
OTHER = """
from phototagger.core.library import open_library
from phototagger.paths import default_home
from tests.store_helpers import add_photo

with open_library(default_home()) as library:
    db = library.db
    with db.conn:
        db.execute("UPDATE photos SET status = 'tagged' WHERE status = 'pending'")
    for i in range(5):
        add_photo(db, f"/pics/new/IMG_{i:02d}.jpg", taken_at="2030-01-01T00:00:00")
"""


def _library() -> None:
    with open_library(default_home()) as library:
        for i in range(PHOTOS):
            add_photo(
                library.db,
                f"/pics/IMG_{i:03d}.jpg",
                status="pending" if i >= PHOTOS - PENDING else "tagged",
                taken_at=f"2020-01-01T00:{i // 60:02d}:{i % 60:02d}",
            )


def _other_process_commits() -> None:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    subprocess.run([sys.executable, "-c", OTHER], cwd=REPO, env=env, check=True, timeout=120)


def _chosen(qtbot: QtBot, window: MainWindow) -> tuple[list[int], int | None, int]:
    """Photos 150 and 152 selected, 152 current, the grid scrolled to them."""
    window.grid.go_to_row(150)
    qtbot.keyClick(window.grid, Qt.Key.Key_Right, Qt.KeyboardModifier.ShiftModifier)
    qtbot.keyClick(window.grid, Qt.Key.Key_Right, Qt.KeyboardModifier.ShiftModifier)
    settle(qtbot, window)
    scroll = window.grid.verticalScrollBar().value()
    assert scroll > 0
    return window.grid.selected_ids(), window.current_photo_id(), scroll


def test_a_scan_in_another_process_shows_in_the_open_window(qtbot: QtBot, tmp_path: Path) -> None:
    _library()
    window = open_window(qtbot, None, tmp_path)
    window.commands.sort["name"].trigger()
    settle(qtbot, window)
    # The files the scan found and has not read yet are no photos until read (counts38).
    assert window.status.library.text() == (
        f"{PHOTOS - PENDING} photos · {PENDING} more files found, waiting to be tagged"
    )
    selected, current, scroll = _chosen(qtbot, window)
    assert len(selected) == 3

    _other_process_commits()

    def refreshed() -> None:
        assert window.status.library.text() == f"{PHOTOS + 5} photos"
        assert window.model.rowCount() == PHOTOS + 5

    qtbot.waitUntil(refreshed, timeout=90_000)
    settle(qtbot, window)
    assert window.grid.selected_ids() == selected
    assert window.current_photo_id() == current
    assert window.grid.verticalScrollBar().value() == scroll


def test_not_while_a_tag_is_being_typed(qtbot: QtBot, tmp_path: Path) -> None:
    _library()
    window = open_window(qtbot, None, tmp_path)
    qtbot.keyClick(window.grid, Qt.Key.Key_T)
    field = window.details.add_field
    qtbot.keyClicks(field, "harb")
    assert field.text() == "harb"

    _other_process_commits()
    held_off_at_polls(qtbot, window, 2)  # two polls saw the commit and let the words be
    assert window.model.rowCount() == PHOTOS
    assert field.text() == "harb"

    field.clear()

    def refreshed() -> None:  # the grid first, the library's counts a moment after
        assert window.model.rowCount() == PHOTOS + 5
        assert window.status.library.text() == f"{PHOTOS + 5} photos"

    qtbot.waitUntil(refreshed, timeout=90_000)
