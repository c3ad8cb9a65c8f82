"""The sidebar's tag tree in the app: 'Pets' (only a group of 'Pets/Fish' and 'Pets/Cat/Kitten')
could not be clicked, showed its tags' counts summed (a photo with both counted twice), and the
search box's 'Pets' found nothing. Now the group counts each photo once, a click or a search
shows its whole branch ('-Pets' leaves the branch out), F2 renames the branch and Delete asks
with the number of tags under it."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTreeWidgetItem
from pytestqt.qtbot import QtBot

from phototagger.core.library import open_library
from phototagger.gui.sidebar_trees import all_items
from phototagger.paths import default_home
from tests.gui_helpers import click_sidebar, delete_sidebar_tag, open_window, search_for, settle
from tests.modal_helpers import answer_next_modal, say_yes, type_text
from tests.switch_helpers import synthetic_library


def _item(window, label: str):
    found = window.sidebar.tree.findItems(
        label, Qt.MatchFlag.MatchExactly | Qt.MatchFlag.MatchRecursive, 0
    )
    assert found, f"no {label!r} in the sidebar"
    return found[0]


def _children(window, label: str) -> list[str]:
    item = _item(window, label)
    return [item.child(i).text(0) for i in range(item.childCount())]


def _pets(qtbot: QtBot, tmp_path: Path):
    """A window on six photos: 'Pets/Fish' on the first and third, 'Pets/Cat/Kitten' on the
    second and third, 'Pets2' (a sibling, not below 'Pets') on the fourth; 'Pets' itself is
    only a group."""
    with open_library(default_home()) as lib:
        synthetic_library(lib.db, 6)
    window = open_window(qtbot, None, tmp_path)
    ids = list(window.model.ids)
    window.decide(ids[:1], "Pets/Fish", "add")
    window.decide(ids[1:2], "Pets/Cat/Kitten", "add")
    window.decide(ids[2:3], "Pets/Fish", "add")
    window.decide(ids[2:3], "Pets/Cat/Kitten", "add")
    window.decide(ids[3:4], "Pets2", "add")
    settle(qtbot, window)
    return window, ids


def test_a_tag_group_counts_and_filters_its_branch(qtbot: QtBot, tmp_path: Path) -> None:
    window, ids = _pets(qtbot, tmp_path)
    # Three photos have a tag under 'Pets'; the one with two of them counts once.
    assert _item(window, "Pets").text(1) == "3" and window.sidebar.tag_count("Pets") == 3
    assert _item(window, "Cat").text(1) == "2" and _item(window, "Fish").text(1) == "2"
    click_sidebar(qtbot, window, "Pets")
    assert window.header.text().startswith("Photos tagged Pets")
    assert sorted(window.model.ids) == sorted(ids[:3])
    click_sidebar(qtbot, window, "Cat")
    assert sorted(window.model.ids) == sorted(ids[1:3])

    search_for(qtbot, window, "Pets")
    assert sorted(window.model.ids) == sorted(ids[:3])
    search_for(qtbot, window, "-Pets")
    assert sorted(window.model.ids) == sorted(ids[3:])
    search_for(qtbot, window, "Pets/Cat | Pets2")
    assert sorted(window.model.ids) == sorted(ids[1:4])


def test_a_tag_group_is_renamed_and_deleted_with_its_branch(qtbot: QtBot, tmp_path: Path) -> None:
    window, ids = _pets(qtbot, tmp_path)
    click_sidebar(qtbot, window, "Pets")
    asked = answer_next_modal(type_text("Animals"))
    qtbot.keyClick(window.sidebar.tree, Qt.Key.Key_F2)
    qtbot.waitUntil(lambda: bool(asked))
    settle(qtbot, window)
    assert "Renamed “Pets” to “Animals” (3 photos; 2 tags under it moved with it)" in (
        window.status.currentMessage()
    )
    assert _children(window, "Animals") == ["Cat", "Fish"] and _children(window, "Cat") == [
        "Kitten"
    ]
    assert [i.text(0) for i in window.sidebar.tree.selectedItems()] == ["Animals"]
    assert window.header.text().startswith("Photos tagged Animals")
    assert sorted(window.model.ids) == sorted(ids[:3])

    asked = delete_sidebar_tag(qtbot, window)
    assert "Delete “Animals” and the 2 tags under it" in asked[0]
    assert "“Animals/Cat/Kitten”, “Animals/Fish”" in asked[0] and "3 photos" in asked[0]
    assert "2 tags under it deleted with it" in window.status.currentMessage()
    assert window.sidebar.tag_count("Animals") is None
    assert window.sidebar.tag_count("Animals/Fish") is None
    assert window.sidebar.tag_count("Pets2") == 1
    assert window.header.text().startswith("All photos")


def test_a_tag_group_is_merged_with_its_branch_from_its_menu(qtbot: QtBot, tmp_path: Path) -> None:
    """Merge on 'Pets' (a group with no tag of its own) said "there is no tag called 'Pets'";
    merging a tag with tags under it left them behind. Now they move under the target."""
    window, ids = _pets(qtbot, tmp_path)
    window.decide(ids[4:5], "Animals/Fish", "add")
    window.decide(ids[5:6], "Animals", "add")
    settle(qtbot, window)
    tree = window.sidebar.tree
    item = _item(window, "Pets")
    tree.scrollToItem(item)
    click_sidebar(qtbot, window, "Pets")  # the grid shows the branch being merged
    tree.customContextMenuRequested.emit(tree.visualItemRect(item).center())
    menu = window.tools.menu
    merge = next(a for a in menu.actions() if a.text() == "Merge Tag &Into…")
    assert merge.isEnabled()
    asked = answer_next_modal(type_text("Animals"))
    merge.trigger()
    menu.close()
    qtbot.waitUntil(lambda: bool(asked))
    settle(qtbot, window)
    assert "Merge “Pets” into which tag?" in asked[0]
    assert "The 2 tags under it move under that tag (“Pets/Cat/Kitten” becomes" in asked[0]
    assert window.status.currentMessage().startswith(
        "Merged “Pets” into “Animals” (3 photos; 2 tags under it moved under “Animals”, "
        "1 of them merged into the one already there)."
    )
    assert window.sidebar.tag_count("Pets") is None
    assert _children(window, "Animals") == ["Cat", "Fish"]
    assert _item(window, "Animals").text(1) == "5"
    # The selection followed 'Pets' to 'Animals': its branch, the photos merged in included.
    assert [i.text(0) for i in tree.selectedItems()] == ["Animals"]
    assert sorted(window.model.ids) == sorted(ids[:3] + ids[4:6])


def _listed(manager) -> dict[str, QTreeWidgetItem]:
    """Full tag name -> its row in Manage Tags, at any depth."""
    rows = all_items(manager.tree.invisibleRootItem())
    return {str(row.data(0, Qt.ItemDataRole.UserRole + 1)): row for row in rows}


def test_manage_tags_shows_the_tree_and_renames_and_deletes_a_group(
    qtbot: QtBot, tmp_path: Path
) -> None:
    """Manage Tags listed exact tags only: 'Pets' (a group with no tag of its own) was not
    there, so it could be renamed or deleted from the sidebar only. It shows the sidebar's tree
    now, with the sidebar's counts (a group: the photos of its branch, each once)."""
    window, ids = _pets(qtbot, tmp_path)
    window.decide(ids[4:5], "animals", "add")
    window.decide(ids[4:6], "beach", "add")
    window.decide(ids[5:6], "zoo", "add")
    manager = window.tools.open_tag_manager()
    settle(qtbot, window)
    assert {"Pets", "Pets/Cat", "Pets/Cat/Kitten", "Pets/Fish", "Pets2"} <= set(_listed(manager))
    pets = _listed(manager)["Pets"]
    assert pets.parent() is None  # a group with no tag of its own, at the top as in the sidebar
    below = [pets.child(i) for i in range(pets.childCount())]
    assert [c.text(0) for c in below if c is not None] == ["Cat", "Fish"]
    for name in ("Pets", "Pets/Cat", "Pets/Cat/Kitten", "Pets/Fish", "Pets2"):
        assert int(_listed(manager)[name].text(1)) == window.sidebar.tag_count(name), name
    assert pets.text(1).strip() == "3" == _item(window, "Pets").text(1)
    # By name as the sidebar sorts names, case aside ('Pets' between 'beach' and 'zoo'),
    # and by number in the Photos column.
    top = [manager.tree.topLevelItem(i) for i in range(manager.tree.topLevelItemCount())]
    labels = [t.text(0) for t in top if t is not None]
    assert len(labels) >= 5 and labels == sorted(labels, key=lambda t: (t.casefold(), t))
    manager.tree.sortItems(1, Qt.SortOrder.DescendingOrder)
    counts = [int(t.text(1)) for t in manager.tree.findItems("", Qt.MatchFlag.MatchContains)]
    assert counts == sorted(counts, reverse=True) and len(set(counts)) > 1

    manager.select("Pets")
    assert manager.rename_button.isEnabled() and manager.delete_button.isEnabled()
    asked = answer_next_modal(type_text("Animals"))
    qtbot.mouseClick(manager.rename_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(asked))
    settle(qtbot, window)
    assert "Renamed “Pets” to “Animals” (3 photos; 2 tags under it moved with it)" in (
        window.status.currentMessage()
    )
    qtbot.waitUntil(lambda: "Animals" in _listed(manager))
    assert "Pets" not in _listed(manager) and "Animals/Cat/Kitten" in _listed(manager)
    assert _children(window, "Animals") == ["Cat", "Fish"]

    manager.select("Animals")
    asked = answer_next_modal(say_yes)
    qtbot.mouseClick(manager.delete_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(asked))
    settle(qtbot, window)
    assert "Delete “Animals” and the 2 tags under it" in asked[0]
    qtbot.waitUntil(lambda: "Animals" not in _listed(manager))
    assert not [n for n in _listed(manager) if n.startswith("Animals")]
    assert "Pets2" in _listed(manager) and window.sidebar.tag_count("Animals") is None


def test_merge_into_offers_the_tags_and_groups_it_may_go_into(qtbot: QtBot, tmp_path: Path) -> None:
    """Merge Into… was a free-text box: a typo went through to a status-bar error. It lists
    every tag and group now (not the tag itself or its own branch), and a name may be typed."""
    window, ids = _pets(qtbot, tmp_path)
    window.decide(ids[4:5], "Animals/Fish", "add")
    settle(qtbot, window)
    offered: list[list[str]] = []

    def choose(parent, title, label, text, names):  # noqa: ANN001, ANN202 - a stand-in
        offered.append(names)
        return "Animals"

    window.tools.ask_tag = choose

    def free_text(*_: object) -> None:
        raise AssertionError("asked for a name in a free-text box")

    window.tools.ask_text = free_text
    window.tools.ask_merge("Pets")
    settle(qtbot, window)
    [names] = offered
    assert {"Animals", "Animals/Fish", "Pets2"} <= set(names)  # groups and tags, siblings too
    assert not {"Pets", "Pets/Fish", "Pets/Cat", "Pets/Cat/Kitten"} & set(names)
    assert names == sorted(names, key=str.casefold)
    assert window.sidebar.tag_count("Pets") is None
    assert _children(window, "Animals") == ["Cat", "Fish"]
