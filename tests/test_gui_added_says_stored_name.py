"""The status bar names the tag as the library stores it after an add: 'harbour' typed beside
the user's 'Harbour' said `Added "harbour"`, and 'people (keywords)/zelda' beside their
'People (keywords)/Anna' said `Added "people (keywords)/zelda"`, though the photos got 'Harbour'
and 'People (keywords)/zelda'; the undo step named them so too."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from phototagger.core.library import open_library
from phototagger.gui.main_window import MainWindow
from phototagger.paths import default_home
from phototagger.store import tags as tag_store
from phototagger.store.connection import transaction
from tests.gui_helpers import open_window, settle
from tests.switch_helpers import synthetic_library


def _add(qtbot: QtBot, window: MainWindow, typed: str) -> str:
    qtbot.keyClick(window.grid, Qt.Key.Key_T)
    field = window.details.add_field
    qtbot.keyClicks(field, typed)
    qtbot.keyClick(field, Qt.Key.Key_Return)
    settle(qtbot, window)
    said: str = window.status.currentMessage()
    window.grid.setFocus()
    return said


def test_added_names_the_tag_as_stored(qtbot: QtBot, tmp_path: Path) -> None:
    with open_library(default_home()) as lib:
        first, *_ = synthetic_library(lib.db, 3)
        with transaction(lib.db):
            tag_store.add_user_tag(lib.db, first, "Harbour")
            tag_store.add_user_tag(lib.db, first, "People (keywords)/Anna")
    window = open_window(qtbot, None, tmp_path)
    model = window.grid.selectionModel()
    model.clearSelection()
    for row in (1, 2):
        model.select(window.model.index(row, 0), model.SelectionFlag.Select)
    settle(qtbot, window)
    assert len(window.chosen_photo_ids()) == 2

    said = _add(qtbot, window, "harbour")
    assert said == "Added “Harbour” to 2 photos (Ctrl+Z to undo)", said
    said = _add(qtbot, window, "people (keywords)/zelda")
    assert said == "Added “People (keywords)/zelda” to 2 photos (Ctrl+Z to undo)", said
    names = {name for name, _ in tag_store.all_tags(window.db)}
    assert {"Harbour", "People (keywords)/zelda"} <= names
    assert not {"harbour", "people (keywords)/zelda"} & names

    qtbot.keyClick(window.grid, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    settle(qtbot, window)
    said = window.status.currentMessage()
    assert said == "Undone: Add “People (keywords)/zelda” to 2 photos (Ctrl+Shift+Z to redo)", said
