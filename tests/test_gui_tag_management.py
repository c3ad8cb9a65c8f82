"""Tags in the app: rename with F2 into a group ('animals/cat' under 'animals' in the sidebar),
a near-duplicate new name is questioned, Manage Tags merges and deletes."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt

from tests.gui_helpers import (
    click_photo,
    click_sidebar,
    open_window,
    prescanned,
    settle,
    shown_names,
    states,
)
from tests.modal_helpers import answer_next_modal, click_button, say_yes, type_text


def sidebar_children(window, label: str) -> list[str]:
    found = window.sidebar.tree.findItems(
        label, Qt.MatchFlag.MatchExactly | Qt.MatchFlag.MatchRecursive, 0
    )
    assert found, label
    return [found[0].child(i).text(0) for i in range(found[0].childCount())]


def test_rename_warn_merge_delete(qtbot, engine, tmp_path: Path) -> None:
    pics = prescanned(tmp_path / "pics", engine)
    window = open_window(qtbot, engine, tmp_path)
    click_sidebar(qtbot, window, "cat")
    asked = answer_next_modal(type_text("animals/cat"))
    qtbot.keyClick(window.sidebar.tree, Qt.Key.Key_F2)
    settle(qtbot, window)
    assert asked and "New name for “cat”" in asked[0]
    assert sidebar_children(window, "animals") == ["cat"]
    assert "animals/cat" in states(window, pics / "chelsea.jpg")
    assert "Renamed “cat” to “animals/cat”" in window.status.currentMessage()
    assert window.header.text().startswith("Photos tagged animals/cat")  # the filter followed
    assert shown_names(window) == ["chelsea.jpg"]

    window.sidebar.show_everything()
    settle(qtbot, window)
    click_photo(qtbot, window, "coffee.jpg")
    qtbot.keyClick(window.grid, Qt.Key.Key_T)
    qtbot.keyClicks(window.details.add_field, "cats")
    asked = answer_next_modal(click_button("Use existing “animals/cat”"))
    qtbot.keyClick(window.details.add_field, Qt.Key.Key_Return)
    settle(qtbot, window)
    assert asked and "“cats” is a new tag. A similar tag, “animals/cat”, already exists" in asked[0]
    coffee = states(window, pics / "coffee.jpg")
    assert coffee["animals/cat"][0] == "added" and "cats" not in coffee

    manager = window.tools.open_tag_manager()
    settle(qtbot, window)
    manager.select("animals/cat")
    asked = answer_next_modal(type_text("animal"))
    qtbot.mouseClick(manager.merge_button, Qt.MouseButton.LeftButton)
    settle(qtbot, window)
    assert asked and "Merge “animals/cat” into which tag?" in asked[0]
    assert "animals/cat" not in states(window, pics / "chelsea.jpg")
    assert states(window, pics / "coffee.jpg")["animal"][0] == "added"
    qtbot.waitUntil(lambda: "animals/cat" not in manager.names())

    manager.select("animal")
    asked = answer_next_modal(say_yes)
    qtbot.mouseClick(manager.delete_button, Qt.MouseButton.LeftButton)
    settle(qtbot, window)
    assert asked and "Delete “animal” from" in asked[0] and "1 of your decisions" in asked[0]
    assert "animal" not in states(window, pics / "coffee.jpg")
    assert window.sidebar.tag_count("animal") is None
