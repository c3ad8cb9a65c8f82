"""Adding a tag with T to twelve selected photos, and its undo, say what they did. Only one of
the twelve is shown in the details panel, and the status bar said nothing on Enter nor on
Ctrl+Z (found on a library of 4,000 photos), while Accept All says 'Accepted N suggestions on M
photos (Ctrl+Z to undo)'."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QInputDialog
from pytestqt.qtbot import QtBot

from phototagger.core.library import open_library
from phototagger.gui.main_window import MainWindow
from phototagger.paths import default_home
from tests.gui_helpers import click_photo, open_window, prescanned, settle
from tests.switch_helpers import synthetic_library


def twelve_selected(qtbot: QtBot, tmp_path: Path) -> MainWindow:
    """A window on 14 synthetic photos, the first twelve of them selected."""
    with open_library(default_home()) as lib:
        synthetic_library(lib.db, 14)
    window = open_window(qtbot, None, tmp_path)
    model = window.grid.selectionModel()
    for row in range(12):
        model.select(window.model.index(row, 0), model.SelectionFlag.Select)
    settle(qtbot, window)
    return window


def test_add_tag_and_its_undo_say_what_they_did(qtbot: QtBot, tmp_path: Path) -> None:
    window = twelve_selected(qtbot, tmp_path)
    assert len(window.chosen_photo_ids()) == 12
    qtbot.keyClick(window.grid, Qt.Key.Key_T)
    field = window.details.add_field
    assert QApplication.focusWidget() is field
    qtbot.keyClicks(field, "harbour")
    qtbot.keyClick(field, Qt.Key.Key_Return)
    settle(qtbot, window)
    said = window.status.currentMessage()
    assert said == "Added “harbour” to 12 photos (Ctrl+Z to undo)", said
    window.grid.setFocus()
    qtbot.keyClick(window.grid, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    settle(qtbot, window)
    said = window.status.currentMessage()
    assert said == "Undone: Add “harbour” to 12 photos (Ctrl+Shift+Z to redo)", said
    assert window.undo_stack.index() == 0
    qtbot.keyClick(
        window.grid,
        Qt.Key.Key_Z,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    settle(qtbot, window)
    said = window.status.currentMessage()
    assert said == "Redone: Add “harbour” to 12 photos (Ctrl+Z to undo)", said


def test_rejecting_on_several_photos_says_so(qtbot: QtBot, tmp_path: Path) -> None:
    """Reject a Tag… (Shift+R, or R on the highlighted tag) on twelve selected photos rejected
    it on all twelve and the status bar said nothing, where adding a tag to them says so."""
    window = twelve_selected(qtbot, tmp_path)
    window.decide(window.chosen_photo_ids(), "monkeys", "reject")  # the dialog's OK
    settle(qtbot, window)
    said = window.status.currentMessage()
    assert said == "Rejected “monkeys” on 12 photos (Ctrl+Z to undo)", said


def one_photo(qtbot: QtBot, engine: Any, tmp_path: Path) -> MainWindow:
    """A window on four real photos, scanned by the real model, chelsea.jpg (a cat) clicked."""
    prescanned(tmp_path / "pics", engine)
    window = open_window(qtbot, engine, tmp_path)
    click_photo(qtbot, window, "chelsea.jpg")
    assert len(window.chosen_photo_ids()) == 1
    return window


def test_r_on_one_photo_says_what_it_did(qtbot: QtBot, engine: Any, tmp_path: Path) -> None:
    """R on the highlighted suggestion of one photo rejected it and said nothing, where T on
    it says 'Added “harbour” (Ctrl+Z to undo)'."""
    said_and_undone(qtbot, one_photo(qtbot, engine, tmp_path), Qt.Key.Key_R, "Reject")


def said_and_undone(qtbot: QtBot, window: MainWindow, key: Qt.Key, verb: str) -> None:
    """`key` on the highlighted suggestion says '{verb}ed “tag” (Ctrl+Z to undo)', and Ctrl+Z
    'Undone: {verb} “tag” (Ctrl+Shift+Z to redo)'."""
    highlighted = window.details.tags.highlighted
    assert highlighted is not None and highlighted.state is None  # the model's suggestion
    qtbot.keyClick(window.grid, key)
    settle(qtbot, window)
    said = window.status.currentMessage()
    assert said == f"{verb}ed “{highlighted.name}” (Ctrl+Z to undo)", said
    qtbot.keyClick(window.grid, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    settle(qtbot, window)
    said = window.status.currentMessage()
    assert said == f"Undone: {verb} “{highlighted.name}” (Ctrl+Shift+Z to redo)", said


def test_shift_r_on_one_photo_says_what_it_did(qtbot: QtBot, engine: Any, tmp_path: Path) -> None:
    """Shift+R (Reject a Tag…) on one photo, a tag the model never suggested on it, said
    nothing."""
    window = one_photo(qtbot, engine, tmp_path)
    qtbot.keyClick(window.grid, Qt.Key.Key_R, Qt.KeyboardModifier.ShiftModifier)
    dialog = window.findChild(QInputDialog, "reject-tag")
    assert dialog is not None and dialog.isVisible()
    dialog.setTextValue("monkey")
    dialog.accept()
    qtbot.waitUntil(lambda: window.undo_stack.index() == 1)  # once it closed
    settle(qtbot, window)
    said = window.status.currentMessage()
    assert said == "Rejected “monkey” (Ctrl+Z to undo)", said


def test_a_on_one_photo_says_what_it_did(qtbot: QtBot, engine: Any, tmp_path: Path) -> None:
    """A on one photo's highlighted suggestion said nothing, where R beside it says 'Rejected
    “cat” (Ctrl+Z to undo)' and A on several selected photos 'Added “cat” to 4 photos'
    (polish30, accepting tags on ImageNet's photos)."""
    said_and_undone(qtbot, one_photo(qtbot, engine, tmp_path), Qt.Key.Key_A, "Accept")
