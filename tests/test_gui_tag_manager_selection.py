"""Tags ▸ Manage Tags opens on the tag selected in the sidebar, and keeps it selected through a
rename: it opened with nothing selected, and lost its selection after renaming one."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from phototagger.core.library import open_library
from phototagger.gui.main_window import MainWindow
from phototagger.gui.tag_manager import TagManager
from phototagger.paths import default_home
from tests.gui_helpers import open_window, settle
from tests.switch_helpers import synthetic_library


def test_manage_tags_opens_on_the_sidebar_s_tag_and_follows_its_rename(
    qtbot: QtBot, tmp_path: Path
) -> None:
    with open_library(default_home()) as lib:
        ids = synthetic_library(lib.db, 4)
    window = open_window(qtbot, None, tmp_path)
    window.decide(ids[:2], "herps", "add")
    window.decide(ids[2:3], "beach", "add")
    settle(qtbot, window)
    manager = _rename_from_sidebar(qtbot, window, "herps", "animals/herptiles")
    assert manager.selected() == "animals/herptiles"


def _rename_from_sidebar(qtbot: QtBot, window: MainWindow, old: str, new: str) -> TagManager:
    """Select `old` in the sidebar, open Manage Tags (on it) and rename it there to `new`."""
    window.sidebar.select_tags([old])
    settle(qtbot, window)
    manager = window.tools.open_tag_manager()
    settle(qtbot, window)
    assert manager.selected() == old
    assert manager.rename_button.isEnabled()
    window.tools.ask_text = lambda *_: new
    manager.rename_button.click()
    settle(qtbot, window)
    qtbot.waitUntil(lambda: new in manager.names())
    return manager


def test_a_renamed_tag_stays_in_view_and_current(qtbot: QtBot, tmp_path: Path) -> None:
    """With sixty tags, renaming 'garden wren' to 'birds/wren' left the list scrolled where it
    was, the renamed tag selected somewhere out of sight, and the keys starting again from the
    top: Down went to the first tag. The renamed tag is now in view and current."""
    with open_library(default_home()) as lib:
        ids = synthetic_library(lib.db, 4)
    window = open_window(qtbot, None, tmp_path)
    for n in range(60):
        window.decide(ids[:1], f"tag {n:02}", "add")
    window.decide(ids[1:2], "garden wren", "add")
    settle(qtbot, window)
    manager = _rename_from_sidebar(qtbot, window, "garden wren", "birds/wren")
    tree = manager.tree
    assert manager.selected() == "birds/wren"
    current = tree.currentItem()
    assert current is not None and current.text(0) == "wren"
    assert tree.viewport().rect().contains(tree.visualItemRect(current))


def test_opened_on_the_sidebar_s_tag_it_is_in_view_and_the_keys_go_on_from_it(
    qtbot: QtBot, tmp_path: Path
) -> None:
    """polish28, in a real X session: 'kitchen things' chosen in the sidebar of a library with
    sixty tags, Tags ▸ Manage Tags opened with it selected out of sight (the list showed
    'animal' to 'furniture') and the keys on the first row: Down selected 'Adult', the second
    tag, and the one chosen was lost. It is now in view and current: Down goes to the next."""
    with open_library(default_home()) as lib:
        ids = synthetic_library(lib.db, 4)
    window = open_window(qtbot, None, tmp_path)
    for n in range(60):
        window.decide(ids[:1], f"tag {n:02}", "add")
    settle(qtbot, window)
    window.sidebar.select_tags(["tag 47"])
    settle(qtbot, window)
    manager = window.tools.open_tag_manager()
    qtbot.waitExposed(manager)
    settle(qtbot, window)
    tree = manager.tree
    qtbot.waitUntil(lambda: manager.selected() == "tag 47")
    current = tree.currentItem()
    assert current is not None and current.text(0) == "tag 47"
    qtbot.waitUntil(lambda: tree.viewport().rect().contains(tree.visualItemRect(current)))
    qtbot.keyClick(tree, Qt.Key.Key_Down)
    assert manager.selected() == "tag 48"
