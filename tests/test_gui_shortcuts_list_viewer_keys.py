"""Help ▸ Keyboard Shortcuts "lists every key" (README): the viewer's own keys included."""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication, QDialog, QTextBrowser, QWidget

from phototagger.gui.help_dialogs import show_shortcuts
from tests.gui_helpers import click_photo, open_window, prescanned, settle


def listing(qtbot) -> list[str]:
    parent = QWidget()
    qtbot.addWidget(parent)
    show_shortcuts(parent, [])
    dialog = next(
        w
        for w in QApplication.topLevelWidgets()
        if isinstance(w, QDialog) and w.windowTitle() == "Keyboard Shortcuts"
    )
    browser = dialog.findChild(QTextBrowser)
    assert browser is not None
    lines = browser.toPlainText().splitlines()
    dialog.close()
    return lines


def test_the_viewers_home_end_and_other_paging_keys_are_listed(qtbot) -> None:
    # The viewer goes to the first and last photo on Home and End, and pages on the arrows up
    # and down, Page Up and Page Down, Space and Backspace: none of them was listed.
    lines = listing(qtbot)
    assert lines[lines.index("Viewer: Home / End") + 1] == "First / last photo"
    paging = "Viewer: ↑ ↓, Page Up / Page Down, Backspace / Space"
    assert lines[lines.index(paging) + 1] == "Previous / next photo too"


def test_esc_in_full_screen_is_said_to_leave_it_first(qtbot) -> None:
    lines = listing(qtbot)
    assert lines[lines.index("Viewer: Esc") + 1] == "Leave full screen, else close the viewer"


def test_undo_and_redo_are_listed_by_name_after_a_step(qtbot, engine, tmp_path: Path) -> None:
    # Ctrl+Z and Ctrl+Shift+Z were missing from the list: their actions come from the undo
    # stack, not the menus' table. Listed as "Undo" and "Redo", not as the step they would undo.
    prescanned(tmp_path / "pics", engine)
    window = open_window(qtbot, engine, tmp_path)
    click_photo(qtbot, window, "chelsea.jpg")
    qtbot.keyClick(window.grid, Qt.Key.Key_A)  # a step to undo: the undo action's text names it
    settle(qtbot, window)
    assert window.undo_stack.canUndo()
    lines = listed_on_f1(qtbot, window)
    undo = QKeySequence(QKeySequence.StandardKey.Undo).toString(
        QKeySequence.SequenceFormat.NativeText
    )
    assert lines[lines.index(undo) + 1] == "Undo"
    assert lines[lines.index("Ctrl+Shift+Z, Ctrl+Y") + 1] == "Redo"
    qtbot.keyClick(window, Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: not window.isVisible())


def listed_on_f1(qtbot, window) -> list[str]:
    """The real window's Keyboard Shortcuts, opened with F1, as lines: key, then what it does."""
    qtbot.keyClick(window, Qt.Key.Key_F1)
    qtbot.waitUntil(lambda: _dialog() is not None)
    dialog = _dialog()
    assert dialog is not None
    browser = dialog.findChild(QTextBrowser)
    assert browser is not None
    lines = browser.toPlainText().splitlines()
    dialog.close()
    return lines


def _dialog() -> QDialog | None:
    return next(
        (
            w
            for w in QApplication.topLevelWidgets()
            if isinstance(w, QDialog) and w.windowTitle() == "Keyboard Shortcuts" and w.isVisible()
        ),
        None,
    )


def test_a_key_that_does_two_things_by_place_says_where(qtbot, engine, tmp_path: Path) -> None:
    # Delete was listed twice, as "Move to Trash" and "Delete Tag", with no word of where each
    # works (the grid's photos, the sidebar's tag); F2 renames the sidebar's tag only.
    window = open_window(qtbot, engine, tmp_path)
    lines = listed_on_f1(qtbot, window)
    delete = QKeySequence(QKeySequence.StandardKey.Delete).toString(
        QKeySequence.SequenceFormat.NativeText
    )
    said = sorted(lines[i + 1] for i, line in enumerate(lines) if line == delete)
    assert said == ["Delete Tag (in the sidebar)", "Move to Trash (in the grid)"]
    assert lines[lines.index("F2") + 1] == "Rename Tag (in the sidebar)"
    qtbot.keyClick(window, Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: not window.isVisible())


def test_the_review_queues_and_the_grids_own_keys_are_listed(qtbot) -> None:
    # qa26 checked the list against the keys: the review queue takes Y as yes and X as no too
    # (retrain_review._KEYS), the grid goes to its first and last photo on Home and End (and
    # Ctrl+Home, Ctrl+End); none of them was listed.
    from phototagger.gui.retrain_review import _KEYS

    lines = listing(qtbot)
    queue = next(line for line in lines if line.startswith("Review queue:"))
    for key in _KEYS:
        assert QKeySequence(key).toString() in re.split(r"[\s,/:]+", queue), key
    grid = "Home / End, Ctrl+Home / Ctrl+End"
    assert lines[lines.index(grid) + 1] == "First / last photo in the grid"


def test_the_keys_that_work_in_the_viewer_too_are_said_to(qtbot, engine, tmp_path: Path) -> None:
    # A, R, J, K, T, Shift+R... decide on the viewer's photo as beside the grid (README), but
    # the list named them only as the main window's.
    window = open_window(qtbot, engine, tmp_path)
    lines = listed_on_f1(qtbot, window)
    shared = [a.shortcuts()[0].toString() for a in window.tools.viewer_actions()]
    row = next(line for line in lines if line.startswith("Viewer: A"))
    assert row.removeprefix("Viewer: ").split(", ") == shared
    assert lines[lines.index(row) + 1] == "As beside the grid: on the photo shown"
    qtbot.keyClick(window, Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: not window.isVisible())


def test_open_in_viewer_is_listed_once_under_enter(qtbot, engine, tmp_path: Path) -> None:
    # The menu said "Return" where the app's words and the keyboard say Enter, and the list
    # had it twice: "Return: Open in Viewer", then "Enter, Space, double-click: Open the photo
    # in the viewer" (walk61). Both keys still open the viewer from the grid.
    from phototagger.gui.viewer import PhotoViewer

    prescanned(tmp_path / "pics", engine)
    window = open_window(qtbot, engine, tmp_path)
    for key, modifier in [
        (Qt.Key.Key_Return, Qt.KeyboardModifier.NoModifier),
        (Qt.Key.Key_Enter, Qt.KeyboardModifier.KeypadModifier),
    ]:
        window.grid.setCurrentIndex(window.model.index(0))
        qtbot.keyClick(window.grid, key, modifier)
        viewers = [w for w in window.findChildren(PhotoViewer) if w.isVisible()]
        assert len(viewers) == 1, key
        viewers[0].close()
        qtbot.waitUntil(lambda: not any(w.isVisible() for w in window.findChildren(PhotoViewer)))
    action = window.commands.open_viewer
    shown = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
    assert shown == "Enter"  # what the View menu shows beside it
    lines = listed_on_f1(qtbot, window)
    opening = [lines[i - 1] for i, line in enumerate(lines) if "Open" in line and "iewer" in line]
    assert opening == ["Enter, Return", "Space, double-click"], opening
    assert not any("Return" in line and line != "Enter, Return" for line in lines)
    qtbot.keyClick(window, Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: not window.isVisible())
