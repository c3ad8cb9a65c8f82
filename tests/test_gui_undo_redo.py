"""Ctrl+Z undoes every label change exactly (a model suggestion comes back as a suggestion, with
its confidence); Ctrl+Shift+Z redoes it."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt

from tests.gui_helpers import click_photo, open_window, prescanned, states

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier


def test_undo_and_redo_accept_reject_and_add(qtbot, engine, tmp_path: Path) -> None:
    pics = prescanned(tmp_path / "pics", engine)
    window = open_window(qtbot, engine, tmp_path)
    cat = pics / "chelsea.jpg"
    original = states(window, cat)
    click_photo(qtbot, window, "chelsea.jpg")
    window.decide(window.details.photo_ids, "cat", "accept")
    window.decide(window.details.photo_ids, "animal", "reject")
    window.decide(window.details.photo_ids, "whiskers", "add")
    decided = states(window, cat)
    assert decided["cat"][0] == "accepted" and decided["animal"][0] == "rejected"
    assert decided["whiskers"] == ("added", None)
    assert window.undo_stack.undoText() == "Add “whiskers”"

    for _ in range(3):
        qtbot.keyClick(window.grid, Qt.Key.Key_Z, CTRL)
    assert states(window, cat) == original  # suggestions back, with the model's confidences
    assert {row.entry.name for row in window.details.tags.rows} == set(original)
    assert not window.undo_stack.canUndo()

    for _ in range(3):
        qtbot.keyClick(window.grid, Qt.Key.Key_Z, CTRL | SHIFT)
    assert states(window, cat) == decided


def test_undo_puts_back_a_rejection_the_user_then_accepted(qtbot, engine, tmp_path: Path) -> None:
    pics = prescanned(tmp_path / "pics", engine)
    window = open_window(qtbot, engine, tmp_path)
    click_photo(qtbot, window, "coffee.jpg")
    window.decide(window.details.photo_ids, "coffee", "reject")
    rejected = states(window, pics / "coffee.jpg")
    window.decide(window.details.photo_ids, "coffee", "accept")
    assert states(window, pics / "coffee.jpg")["coffee"][0] == "added"
    window.undo_stack.undo()
    assert states(window, pics / "coffee.jpg") == rejected
    assert window.undo_stack.undoText() == "Reject “coffee”"


def test_a_decision_that_changes_nothing_is_not_an_undo_step(qtbot, engine, tmp_path: Path) -> None:
    prescanned(tmp_path / "pics", engine)
    window = open_window(qtbot, engine, tmp_path)
    click_photo(qtbot, window, "chelsea.jpg")
    window.decide(window.details.photo_ids, "cat", "accept")
    window.decide(window.details.photo_ids, "cat", "accept")
    assert window.undo_stack.count() == 1
