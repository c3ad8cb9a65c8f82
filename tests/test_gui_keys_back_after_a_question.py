"""accept30, teaching 'monkeys' in the app by keys alone (issue 8's keyboard loop) in a real X
session: T, 'monkeys', Enter, then Enter on "A similar tag, “monkey”, already exists" added the
tag, but N then did nothing: the photo stayed, and so it did after Shift+R, 'zebra', Enter. The
question (or the Reject a Tag dialog) had closed and no window of the app was active, so the
window's keys (N, P, A, R, T) reached nothing until the user clicked it. The window the keys came
from is made active again once the question or the dialog has gone, and N goes on to the next
photo."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QInputDialog, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from phototagger.core.library import open_library
from phototagger.gui.main_window import MainWindow
from phototagger.paths import default_home
from tests.gui_helpers import click_photo, open_window, settle, shown_names
from tests.modal_helpers import answer_next_modal
from tests.switch_helpers import synthetic_library


def _window(qtbot: QtBot, tmp_path: Path) -> tuple[MainWindow, list[str]]:
    with open_library(default_home()) as lib:
        synthetic_library(lib.db, 6)
    window = open_window(qtbot, None, tmp_path)
    names = shown_names(window)
    click_photo(qtbot, window, names[0])
    assert "animal" in window.overview.all_tag_names
    return window, names


def _enter(dialog: QWidget) -> None:
    assert isinstance(dialog, QMessageBox), dialog
    dialog.setFocus()
    QtBot.keyClick(dialog, Qt.Key.Key_Return)  # its default: create the name typed


def _n_goes_on(qtbot: QtBot, window: MainWindow, names: list[str]) -> None:
    qtbot.waitUntil(window.isActiveWindow, timeout=3000)
    qtbot.keyClick(window.grid, Qt.Key.Key_N)
    settle(qtbot, window)
    current = window.model.photo(window.grid.currentIndex().row())
    assert current is not None and current.name == names[1]
    tags = window.details.tags
    assert not tags.rows or tags.highlighted is tags.rows[0].entry


def test_after_the_lookalike_question_n_goes_to_the_next_photo(
    qtbot: QtBot, tmp_path: Path
) -> None:
    window, names = _window(qtbot, tmp_path)
    qtbot.keyClick(window.grid, Qt.Key.Key_T)
    field = window.details.add_field
    assert field.hasFocus()
    qtbot.keyClicks(field, "animals")
    asked = answer_next_modal(_enter)
    qtbot.keyClick(field, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: bool(asked))
    settle(qtbot, window)
    assert "animals" in {r.entry.name for r in window.details.tags.rows}
    assert window.focusWidget() is window.grid
    _n_goes_on(qtbot, window, names)


def test_after_the_question_on_a_name_its_completions_showed_for_n_goes_on(
    qtbot: QtBot, tmp_path: Path
) -> None:
    """walk52 (offscreen): 'animals' typed, its completions ("animal") showed and hid again as
    it was typed, and the question then gave the keys back to that hidden list, the window the
    offscreen platform had made active: no window of the app had them after it."""
    window, names = _window(qtbot, tmp_path)
    qtbot.keyClick(window.grid, Qt.Key.Key_T)
    field = window.details.add_field
    qtbot.keyClicks(field, "animals")
    qtbot.wait(300)  # the event loop turns as a person types: the completions come and go
    completions = field.completer().popup()
    assert completions is not None and not completions.isVisible()
    asked = answer_next_modal(_enter)
    qtbot.keyClick(field, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: bool(asked))
    settle(qtbot, window)
    assert "animals" in {r.entry.name for r in window.details.tags.rows}
    _n_goes_on(qtbot, window, names)


def test_after_reject_a_tag_n_goes_to_the_next_photo(qtbot: QtBot, tmp_path: Path) -> None:
    window, names = _window(qtbot, tmp_path)
    window.commands.reject_named.trigger()  # Tags > Reject a Tag… (Shift+R)
    dialog = window.findChild(QInputDialog, "reject-tag")
    assert dialog is not None
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow, timeout=3000)
    dialog.setTextValue("zebra")
    with qtbot.waitSignal(dialog.destroyed, timeout=3000):  # closed, and deleted later
        dialog.accept()
    settle(qtbot, window)
    assert any(
        r.entry.name == "zebra" and r.entry.state == "rejected" for r in window.details.tags.rows
    )
    _n_goes_on(qtbot, window, names)
