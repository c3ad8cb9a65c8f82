"""The sidebar listed tags by name with 'Été' after 'Work' and 'Trip 10' before 'Trip 9': a
photographer with French or German keywords from digiKam ('Été', 'Österreich', 'Places/Ávila')
found them at the bottom of the list, away from the E's, O's and A's, while the grid and the
folders sort names with accents and case aside and numbers as numbers. The tags (each level of
the tree, and Tags ▸ Manage Tags) now sort as the folders do."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QTreeWidgetItem
from pytestqt.qtbot import QtBot

from phototagger.core.library import open_library
from phototagger.gui.tag_manager import TagManager
from phototagger.paths import default_home
from phototagger.store.tags import set_user_state
from tests.gui_helpers import open_window, settle
from tests.store_helpers import add_photo

TAGS = ["Work", "Été", "Eiffel", "Trip 10", "Trip 9", "Österreich", "Places/Zürich"]
TAGS += ["Places/Ávila", "Places/Athens", "Zoo"]
TOP = ["Eiffel", "Été", "Österreich", "Places", "Trip 9", "Trip 10", "Work", "Zoo"]
PLACES = ["Athens", "Ávila", "Zürich"]


def _children(item: QTreeWidgetItem | None) -> list[str]:
    assert item is not None
    children = [item.child(i) for i in range(item.childCount())]
    return [child.text(0) for child in children if child is not None]


def test_tags_are_listed_with_accents_aside(qtbot: QtBot, tmp_path: Path) -> None:
    with open_library(default_home()) as library:
        pid = add_photo(library.db, "/pics/IMG_0001.jpg")
        for tag in TAGS:
            set_user_state(library.db, pid, tag, "added")
    window = open_window(qtbot, None, tmp_path)
    settle(qtbot, window)
    section = window.sidebar.tags_section
    assert _children(section) == TOP
    assert _children(section.child(TOP.index("Places"))) == PLACES

    manager = window.tools.open_tag_manager()
    assert isinstance(manager, TagManager)
    settle(qtbot, window)
    tree = manager.tree
    top = [tree.topLevelItem(i) for i in range(tree.topLevelItemCount())]
    assert [item.text(0) for item in top if item is not None] == TOP
    places = next(item for item in top if item is not None and item.text(0) == "Places")
    assert _children(places) == PLACES
    manager.close()
