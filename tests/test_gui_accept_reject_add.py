"""The details panel: a photo's tags with their confidence and source; accept and reject with
the buttons or one key each; add any tag with completion."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt

from tests.gui_helpers import click_photo, open_window, prescanned, settle, states


def test_buttons_accept_and_reject_model_tags(qtbot, engine, tmp_path: Path) -> None:
    pics = prescanned(tmp_path / "pics", engine)
    window = open_window(qtbot, engine, tmp_path)
    click_photo(qtbot, window, "chelsea.jpg")
    rows = {row.entry.name: row for row in window.details.tags.rows}
    assert window.details.title.text() == "chelsea.jpg"
    assert {"cat", "animal"} <= set(rows)
    assert rows["cat"].entry.source.startswith("suggested by model v1")
    assert rows["cat"].entry.confidence and rows["cat"].entry.confidence > 0.8

    qtbot.mouseClick(rows["cat"].accept_button, Qt.MouseButton.LeftButton)
    assert states(window, pics / "chelsea.jpg")["cat"][0] == "accepted"
    rows = {row.entry.name: row for row in window.details.tags.rows}
    assert rows["cat"].entry.source.startswith("you accepted it")
    assert not rows["cat"].accept_button.isEnabled()

    qtbot.mouseClick(rows["animal"].reject_button, Qt.MouseButton.LeftButton)
    assert states(window, pics / "chelsea.jpg")["animal"][0] == "rejected"
    rejected = next(r for r in window.details.tags.rows if r.entry.name == "animal")
    assert rejected.entry.state == "rejected" and rejected.accept_button.isEnabled()
    settle(qtbot, window)
    assert window.sidebar.tag_count("animal") is None  # the count went with the rejection


def test_keys_decide_the_highlighted_tag_and_move_on(qtbot, engine, tmp_path: Path) -> None:
    pics = prescanned(tmp_path / "pics", engine)
    window = open_window(qtbot, engine, tmp_path)
    click_photo(qtbot, window, "chelsea.jpg")
    names = [row.entry.name for row in window.details.tags.rows]
    assert len(names) >= 2
    assert window.commands.accept_tag.shortcut().toString() == "A"
    assert "(A)" in window.commands.accept_tag.toolTip()
    qtbot.keyClick(window.grid, Qt.Key.Key_A)  # accepts the first, highlights the second
    qtbot.keyClick(window.grid, Qt.Key.Key_R)
    found = states(window, pics / "chelsea.jpg")
    assert found[names[0]][0] == "accepted" and found[names[1]][0] == "rejected"
    qtbot.keyClick(window.grid, Qt.Key.Key_K)
    assert window.details.tags.highlighted is not None
    assert window.details.tags.highlighted.name == names[0]


def test_adding_a_new_tag_with_completion(qtbot, engine, tmp_path: Path) -> None:
    pics = prescanned(tmp_path / "pics", engine)
    window = open_window(qtbot, engine, tmp_path)
    click_photo(qtbot, window, "coffee.jpg")
    qtbot.keyClick(window.grid, Qt.Key.Key_T)  # T focuses the add field
    field = window.details.add_field
    assert field.hasFocus()
    qtbot.keyClicks(field, "kitch")
    assert window.details.completer.currentCompletion() == "kitchen"
    field.clear()
    qtbot.keyClicks(field, "breakfast")
    qtbot.keyClick(field, Qt.Key.Key_Return)
    assert states(window, pics / "coffee.jpg")["breakfast"] == ("added", None)
    assert any(
        r.entry.name == "breakfast" and r.entry.source == "you added it"
        for r in window.details.tags.rows
    )
    settle(qtbot, window)
    assert window.sidebar.tag_count("breakfast") == 1


def test_r_rejects_a_tag_the_model_never_suggested(qtbot, engine, tmp_path: Path) -> None:
    from PySide6.QtWidgets import QInputDialog

    pics = prescanned(tmp_path / "pics", engine)
    window = open_window(qtbot, engine, tmp_path)
    click_photo(qtbot, window, "coffee.jpg")
    assert "monkey" not in states(window, pics / "coffee.jpg")
    # Shift+R (Tags ▸ Reject a Tag…) asks which tag; R does too when no tag can be rejected.
    qtbot.keyClick(window.grid, Qt.Key.Key_R, Qt.KeyboardModifier.ShiftModifier)
    dialog = window.findChild(QInputDialog, "reject-tag")
    assert dialog is not None and dialog.isVisible()
    dialog.setTextValue("monkey")
    dialog.accept()
    qtbot.waitUntil(lambda: "monkey" in states(window, pics / "coffee.jpg"))  # once it closed
    assert states(window, pics / "coffee.jpg")["monkey"][0] == "rejected"
    assert window.commands.reject_named.text() == "Reject a Ta&g…"
    window.undo_stack.undo()
    assert "monkey" not in states(window, pics / "coffee.jpg")
