"""The review queue: for a tag, the photos to answer (those the model is unsure of, its most
confident, those it may have missed); one key per decision."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt

from tests.gui_helpers import open_window, prescanned, settle, states


def test_one_key_per_decision(qtbot, engine, tmp_path: Path) -> None:
    pics = prescanned(tmp_path / "pics", engine)
    window = open_window(qtbot, engine, tmp_path)
    qtbot.keyClick(window.grid, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    page = window.retrain.review_page
    assert window.retrain.currentWidget() is page
    # Before a tag is chosen, what the queue will hold: not only the photos it is unsure of.
    assert "unsure of, sure of, or may have missed" in page.question.text()
    page.tag_box.setCurrentText("cat")
    page.load("cat")
    settle(qtbot, window)
    assert len(page.items) == 4 and page.list.currentRow() == 0
    assert "Does this photo show <b>cat</b>?" in page.question.text()
    first, second, third = (item.path for item in page.items[:3])

    qtbot.keyClick(page.list, Qt.Key.Key_A)
    assert page.list.currentRow() == 1
    qtbot.keyClick(page.list, Qt.Key.Key_R)
    qtbot.keyClick(page.list, Qt.Key.Key_S)
    assert page.list.currentRow() == 3
    assert states(window, Path(first))["cat"][0] in ("accepted", "added")
    assert states(window, Path(second))["cat"][0] == "rejected"
    assert states(window, Path(third)).get("cat", (None, None))[0] is None  # skipped
    assert page.list.item(0).text().startswith("✓ yes")
    window.undo_stack.undo()
    assert states(window, Path(second)).get("cat", (None, None))[0] is None
    assert pics.exists()
