"""With several photos selected, the details panel adds a tag to all of them or removes one
from all of them, as one undoable step."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt

from tests.gui_helpers import click_photo, open_window, prescanned, settle, states

CTRL = Qt.KeyboardModifier.ControlModifier
NAMES = ("chelsea.jpg", "coffee.jpg", "astronaut.jpg")


def test_add_and_remove_a_tag_on_a_selection(qtbot, engine, tmp_path: Path) -> None:
    pics = prescanned(tmp_path / "pics", engine)
    window = open_window(qtbot, engine, tmp_path)
    click_photo(qtbot, window, NAMES[0])
    for name in NAMES[1:]:
        click_photo(qtbot, window, name, CTRL)
    assert len(window.grid.selected_ids()) == 3
    settle(qtbot, window)
    assert window.details.title.text() == "3 photos selected"
    entries = {row.entry.name: row.entry for row in window.details.tags.rows}
    assert entries["cat"].source == "on some of them"

    field = window.details.add_field
    field.setFocus()
    qtbot.keyClicks(field, "holiday 2019")
    qtbot.keyClick(field, Qt.Key.Key_Return)
    for name in NAMES:
        assert states(window, pics / name)["holiday 2019"] == ("added", None)
    assert "holiday 2019" not in states(window, pics / "rocket.jpg")
    assert window.undo_stack.undoText() == "Add “holiday 2019” to 3 photos"
    settle(qtbot, window)
    assert window.sidebar.tag_count("holiday 2019") == 3
    rows = {row.entry.name: row for row in window.details.tags.rows}
    assert rows["holiday 2019"].entry.source == "on all of them"

    qtbot.mouseClick(rows["cat"].reject_button, Qt.MouseButton.LeftButton)
    assert states(window, pics / "chelsea.jpg")["cat"][0] == "rejected"
    window.undo_stack.undo()
    assert states(window, pics / "chelsea.jpg")["cat"][0] is None
    window.undo_stack.undo()
    for name in NAMES:
        assert "holiday 2019" not in states(window, pics / name)


def test_accept_all_suggestions_on_the_selection(qtbot, engine, tmp_path: Path) -> None:
    pics = prescanned(tmp_path / "pics", engine)
    window = open_window(qtbot, engine, tmp_path)
    qtbot.keyClick(window.grid, Qt.Key.Key_A, CTRL)
    assert len(window.grid.selected_ids()) == 4
    qtbot.keyClick(window.grid, Qt.Key.Key_A, Qt.KeyboardModifier.ShiftModifier)
    for name in NAMES:
        assert all(state == "accepted" for state, _ in states(window, pics / name).values())
    window.undo_stack.undo()
    assert all(state is None for state, _ in states(window, pics / "chelsea.jpg").values())
