"""Right-clicking a tag or folder in the sidebar selected it, so the grid was filtered by it and
the user's view was gone before they chose anything (a tester's "Photos tagged Pets2" became
"Photos tagged Pets/Fish" on opening a menu). digiKam and Lightroom open the menu and keep the
view. Now the menu acts on the row right-clicked and the grid, the selection and the header
stay as they were; keys and the main menu still act on the selected row afterwards."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from phototagger.core.library import open_library
from phototagger.paths import default_home
from tests.gui_helpers import click_sidebar, open_window, settle
from tests.modal_helpers import answer_next_modal, type_text
from tests.switch_helpers import synthetic_library


def right_click(window, label: str):
    tree = window.sidebar.tree
    item = tree.findItems(label, Qt.MatchFlag.MatchExactly | Qt.MatchFlag.MatchRecursive, 0)[0]
    tree.scrollToItem(item)
    point = tree.visualItemRect(item).center()
    # As a mouse does it: the right press (which Qt's views take to select the row), then the
    # context menu's own event.
    QTest.mousePress(
        tree.viewport(), Qt.MouseButton.RightButton, Qt.KeyboardModifier.NoModifier, point
    )
    QTest.mouseRelease(
        tree.viewport(), Qt.MouseButton.RightButton, Qt.KeyboardModifier.NoModifier, point
    )
    tree.customContextMenuRequested.emit(point)
    return window.tools.menu


def _fish_and_birds(qtbot: QtBot, tmp_path: Path):  # noqa: ANN202 - a window and its ids
    """Six photos, two of them 'fish' and one 'birds', the grid filtered by 'birds'."""
    with open_library(default_home()) as lib:
        synthetic_library(lib.db, 6)
    window = open_window(qtbot, None, tmp_path)
    ids = list(window.model.ids)
    window.decide(ids[:2], "fish", "add")
    window.decide(ids[3:4], "birds", "add")
    settle(qtbot, window)
    click_sidebar(qtbot, window, "birds")
    return window, ids


def test_a_tags_menu_acts_on_it_and_leaves_the_view_alone(qtbot: QtBot, tmp_path: Path) -> None:
    window, ids = _fish_and_birds(qtbot, tmp_path)
    tree = window.sidebar.tree
    header = window.header.text()
    assert "birds" in header and list(window.model.ids) == ids[3:4]

    menu = right_click(window, "fish")
    settle(qtbot, window)
    assert [i.text(0) for i in tree.selectedItems()] == ["birds"]
    assert window.header.text() == header
    assert list(window.model.ids) == ids[3:4]
    current = tree.currentItem()
    assert (
        current is not None and current.text(0) == "fish"
    )  # the focus frame says which row it is for
    heading = menu.actions()[0]  # the menu names the row it is for: it covers the frame
    assert heading.text() == "“fish”" and not heading.isEnabled()

    rename = next(a for a in menu.actions() if a.text() == "&Rename Tag…")
    asked = answer_next_modal(type_text("fishes"))
    rename.trigger()
    menu.close()
    qtbot.waitUntil(lambda: bool(asked))
    settle(qtbot, window)
    assert "“fish”" in asked[0]
    assert window.status.currentMessage().startswith("Renamed “fish” to “fishes”")
    assert window.sidebar.tag_count("fishes") == 2 and window.sidebar.tag_count("birds") == 1
    assert [i.text(0) for i in tree.selectedItems()] == ["birds"]
    assert list(window.model.ids) == ids[3:4]

    # Afterwards the commands are for the selected row again (F2 on the sidebar, the Tags menu).
    asked = answer_next_modal(type_text("bird"))
    window.tools.rename_tag.trigger()
    qtbot.waitUntil(lambda: bool(asked))
    settle(qtbot, window)
    assert "“birds”" in asked[0]
    assert window.sidebar.tag_count("bird") == 1 and window.sidebar.tag_count("fishes") == 2


def test_the_focus_frame_goes_back_to_the_selected_row_when_the_menu_closes(
    qtbot: QtBot, tmp_path: Path
) -> None:
    """Closed without a choice, the menu left the focus frame on the row right-clicked while F2,
    Delete and the Tags menu act on the selected one: the frame said 'fish', Delete asked about
    'birds'. Now the frame goes back to the selected row."""
    window, ids = _fish_and_birds(qtbot, tmp_path)
    tree = window.sidebar.tree
    menu = right_click(window, "fish")
    settle(qtbot, window)
    assert tree.currentItem().text(0) == "fish"
    menu.close()
    qtbot.waitUntil(
        lambda: tree.currentItem() is not None and tree.currentItem().text(0) == "birds"
    )
    assert [i.text(0) for i in tree.selectedItems()] == ["birds"]
    assert list(window.model.ids) == ids[3:4]
