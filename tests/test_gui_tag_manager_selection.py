"""Tags ▸ Manage Tags opens on the tag selected in the sidebar, and keeps it selected through a
rename: it opened with nothing selected, and lost its selection after renaming one."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from phototagger.core.library import open_library
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
    window.sidebar.select_tags(["herps"])
    settle(qtbot, window)
    manager = window.tools.open_tag_manager()
    settle(qtbot, window)
    assert manager.selected() == "herps"
    assert manager.rename_button.isEnabled()

    window.tools.ask_text = lambda *_: "animals/herptiles"
    manager.rename_button.click()
    settle(qtbot, window)
    qtbot.waitUntil(lambda: "animals/herptiles" in manager.names())
    assert manager.selected() == "animals/herptiles"
