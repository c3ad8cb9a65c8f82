"""Tags ▸ Manage Tags: F2 renames the chosen tag, as its "Rename… (F2)" button says. The key did
nothing in the dialog (the main window's F2 renames the tag selected in the sidebar)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from phototagger.core.library import open_library
from phototagger.paths import default_home
from tests.gui_helpers import open_window, settle
from tests.switch_helpers import synthetic_library


def test_f2_renames_the_chosen_tag(qtbot: QtBot, tmp_path: Path) -> None:
    with open_library(default_home()) as lib:
        ids = synthetic_library(lib.db, 4)
    window = open_window(qtbot, None, tmp_path)
    window.decide(ids[:2], "herps", "add")
    settle(qtbot, window)
    asked: list[str] = []

    def answer(_parent: object, _title: str, label: str, _text: str) -> str:
        asked.append(label)
        return "animals/herptiles"

    window.tools.ask_text = answer
    manager = window.tools.open_tag_manager()
    settle(qtbot, window)
    qtbot.waitUntil(lambda: manager.tree.findItems("herps", Qt.MatchFlag.MatchExactly) != [])
    manager.select("herps")
    qtbot.waitExposed(manager)
    manager.activateWindow()
    qtbot.waitUntil(manager.isActiveWindow)
    manager.tree.setFocus()
    qtbot.keyClick(manager.tree, Qt.Key.Key_F2)
    settle(qtbot, window)
    assert asked and asked[0].startswith("New name for “herps”")
    assert window.sidebar.tag_count("animals/herptiles") == 2
