"""The sidebar's headings, folders and tag groups opened or closed were written only when the
window closed normally: the filter and the current photo are written a second after they change,
but a branch closed and then a logout or `kill` came back open. They are now written as the
filter is, a moment after the user opens or closes one."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings, Qt
from pytestqt.qtbot import QtBot

from phototagger.core.library import open_library
from phototagger.gui.remembered_view import read_branches
from phototagger.paths import default_home
from phototagger.store.tags import set_user_state
from tests.gui_helpers import open_window, settle
from tests.store_helpers import add_photo


def _on_disk() -> QSettings:
    """The window's settings as another process (the next start) reads them."""
    return QSettings(str(default_home().window_settings), QSettings.Format.IniFormat)


def test_a_closed_branch_is_on_disk_while_the_window_is_open(qtbot: QtBot, tmp_path: Path) -> None:
    with open_library(default_home()) as library:
        for i in range(3):
            set_user_state(
                library.db, add_photo(library.db, f"/pics/IMG_{i}.jpg"), "Pets/cat", "added"
            )
    window = open_window(qtbot, None, tmp_path)
    settle(qtbot, window)
    tree = window.sidebar.tree
    flags = Qt.MatchFlag.MatchExactly | Qt.MatchFlag.MatchRecursive
    (pets,) = tree.findItems("Pets", flags)
    assert pets.isExpanded()
    # whatever the start wrote is written (a second after it, by the window's save timer)
    qtbot.waitUntil(lambda: not window._save_timer.isActive())
    assert ("tag", "Pets", False) not in read_branches(_on_disk())
    tree.collapseItem(pets)  # as its arrow does
    qtbot.waitUntil(lambda: ("tag", "Pets", False) in read_branches(_on_disk()), timeout=5000)
    tree.collapseItem(window.sidebar.tags_section)
    qtbot.waitUntil(lambda: ("section", "tags", False) in read_branches(_on_disk()), timeout=5000)
    assert window.isVisible()
