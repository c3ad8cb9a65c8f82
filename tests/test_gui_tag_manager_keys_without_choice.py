"""Tags ▸ Manage Tags opened with no tag chosen in the sidebar had no row chosen: F2 and Delete
did nothing until an arrow key chose the first row (polish28). It now opens on the first row,
and after a tag is deleted the row in its place is chosen, so the keys act at once."""

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


def _manager_with_keys(
    qtbot: QtBot, tmp_path: Path, tags: dict[str, int]
) -> tuple[MainWindow, TagManager]:
    """A window with `tags` (each on so many photos) and no tag chosen in its sidebar, and
    Manage Tags opened from it, active, the keys on its list."""
    with open_library(default_home()) as lib:
        ids = synthetic_library(lib.db, 4)
    window = open_window(qtbot, None, tmp_path)
    for name, photos in tags.items():
        window.decide(ids[:photos], name, "add")
    settle(qtbot, window)
    assert window.tools._selected_sidebar()[0] != "tag"
    manager = window.tools.open_tag_manager()
    settle(qtbot, window)
    qtbot.waitExposed(manager)
    manager.activateWindow()
    qtbot.waitUntil(manager.isActiveWindow)
    manager.tree.setFocus()
    return window, manager


def test_f2_and_delete_act_on_the_first_row_when_opened_with_no_tag_chosen(
    qtbot: QtBot, tmp_path: Path
) -> None:
    window, manager = _manager_with_keys(qtbot, tmp_path, {"beach": 2, "herps": 1})
    asked: list[str] = []

    def ask_text(_parent: object, _title: str, label: str, _text: str) -> None:
        asked.append(label)

    def confirm(_parent: object, _title: str, question: str) -> bool:
        asked.append(question)
        return False

    window.tools.ask_text = ask_text
    window.tools.confirm = confirm
    assert manager.names() == ["beach", "herps"]
    assert manager.selected() == "beach" and manager.rename_button.isEnabled()

    qtbot.keyClick(manager.tree, Qt.Key.Key_F2)
    assert len(asked) == 1 and asked[0].startswith("New name for “beach”"), asked
    qtbot.keyClick(manager.tree, Qt.Key.Key_Delete)
    assert len(asked) == 2 and asked[1].startswith("Delete “beach” from 2 photos"), asked
    assert window.sidebar.tag_count("beach") == 2  # answered no: nothing deleted


def test_after_a_delete_the_keys_go_on_from_the_row_in_its_place(
    qtbot: QtBot, tmp_path: Path
) -> None:
    window, manager = _manager_with_keys(qtbot, tmp_path, {"apple": 1, "beach": 1, "cliff": 1})
    window.tools.confirm = lambda *_: True
    qtbot.keyClick(manager.tree, Qt.Key.Key_Down)
    assert manager.selected() == "beach"
    qtbot.keyClick(manager.tree, Qt.Key.Key_Delete)
    settle(qtbot, window)
    qtbot.waitUntil(lambda: manager.names() == ["apple", "cliff"])
    assert manager.selected() == "cliff" and manager.delete_button.isEnabled()
    current = manager.tree.currentItem()
    assert current is not None and current.text(0) == "cliff"
