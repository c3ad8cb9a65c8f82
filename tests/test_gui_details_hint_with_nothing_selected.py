"""With nothing selected the details panel says what to do next: add a folder while the library
is empty, select a photo once it has photos. It said "Add a folder (Ctrl+O) to start" after a
folder had been added whenever the grid showed none of its photos (a filter matching none, or
the folder shown in the grid renamed on disk and rescanned)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget
from pytestqt.qtbot import QtBot

from phototagger.core.library import open_library
from phototagger.paths import default_home
from tests.gui_helpers import click_photo, open_window, search_for, settle, shown_names
from tests.switch_helpers import synthetic_library


def test_an_empty_library_asks_for_a_folder(qtbot: QtBot, tmp_path: Path) -> None:
    window = open_window(qtbot, None, tmp_path)
    assert window.details.facts.text() == "Add a folder (Ctrl+O) to start"


def test_a_library_with_photos_asks_to_select_one(qtbot: QtBot, tmp_path: Path) -> None:
    with open_library(default_home()) as lib:
        synthetic_library(lib.db, 6)
    window = open_window(qtbot, None, tmp_path)
    search_for(qtbot, window, "unicorn")  # a filter that shows no photo
    assert window.details.photo_ids == []
    assert window.details.title.text() == ""
    assert window.details.facts.text() == "Select a photo to see its tags"


# The "A accept · R reject" hint and the "Add a tag… (T)" field offered what could not be done
# with no photo selected (the field looked ready to type in): shown only with photos to act on.
def test_no_hint_or_add_field_without_a_photo(qtbot: QtBot, tmp_path: Path) -> None:
    with open_library(default_home()) as lib:
        synthetic_library(lib.db, 6)
    window = open_window(qtbot, None, tmp_path)
    settle(qtbot, window)
    details = window.details
    window.grid.clearSelection()
    window.grid.setCurrentIndex(window.model.index(-1))
    settle(qtbot, window)
    qtbot.waitUntil(lambda: details.photo_ids == [])
    assert not details.key_hint.isVisible()
    assert not details.add_field.isVisible()

    window.grid.setFocus()
    qtbot.keyClick(window.grid, Qt.Key.Key_T)  # nothing to add a tag to: nothing happens
    settle(qtbot, window)
    assert not details.add_field.hasFocus() and details.photo_ids == []

    click_photo(qtbot, window, shown_names(window)[0])
    assert details.key_hint.isVisible() and details.add_field.isVisible()
    qtbot.keyClick(window.grid, Qt.Key.Key_T)
    assert details.add_field.hasFocus()


def _shown_headings(window: QWidget) -> list[str]:
    return [
        label.text()
        for label in window.findChildren(QLabel)
        if label.text() == "TAGS" and label.isVisibleTo(window)
    ]


# With no photo shown, a "TAGS" heading stood under "Select a photo to see its tags" with nothing
# under it: the heading (and the empty list) are shown only with a photo to show tags of.
def test_no_empty_tags_heading_without_a_photo(qtbot: QtBot, tmp_path: Path) -> None:
    with open_library(default_home()) as lib:
        synthetic_library(lib.db, 6)
    window = open_window(qtbot, None, tmp_path)
    details = window.details
    search_for(qtbot, window, "unicorn")  # a filter that shows no photo
    qtbot.waitUntil(lambda: details.photo_ids == [])
    assert details.facts.text() == "Select a photo to see its tags"
    assert _shown_headings(details) == []
    assert not details.tags.isVisible()

    search_for(qtbot, window, "")
    click_photo(qtbot, window, shown_names(window)[0])
    assert _shown_headings(details) == ["TAGS"]
    assert details.tags.isVisible()
