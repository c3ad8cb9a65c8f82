"""A folder added, then the folder above it (one year first, then all of Pictures): the sidebar
showed the year's photos twice, once under Pictures and again as a tree of its own, and let
the year be removed from the library though Pictures still holds it (its photos left the grid
until the next rescan brought them back)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from phototagger.core.folders import build_tree, library_roots, remove_folder
from phototagger.core.library import open_library
from phototagger.paths import default_home
from phototagger.store.photos import add_folder
from tests.gui_helpers import open_window, settle
from tests.store_helpers import add_photo


def test_a_root_inside_another_is_shown_within_it() -> None:
    tree = build_tree(
        ["/p/Pictures", "/p/Pictures/2023", "/p/Pictures/2023/x"],
        {"/p/Pictures": 1, "/p/Pictures/2023": 2, "/p/Pictures/2023/x": 3},
    )
    (pictures,) = tree
    assert (pictures.label, pictures.count) == ("Pictures", 6)
    (year,) = pictures.children
    assert (year.label, year.count) == ("2023", 5)
    assert [(c.label, c.count) for c in year.children] == [("x", 3)]


def test_sidebar_shows_one_tree_and_keeps_the_inner_root(qtbot: QtBot, tmp_path: Path) -> None:
    with open_library(default_home()) as lib:
        add_folder(lib.db, "/pictures/2023")
        add_folder(lib.db, "/pictures")
        add_photo(lib.db, "/pictures/2023/a.jpg")
        add_photo(lib.db, "/pictures/b.jpg")
    window = open_window(qtbot, None, tmp_path)
    tree = window.sidebar.tree
    assert len(tree.findItems("2023", Qt.MatchFlag.MatchExactly | Qt.MatchFlag.MatchRecursive)) == 1
    folders = tree.topLevelItem(1)
    assert folders is not None and folders.childCount() == 1  # one tree: pictures

    window.tools.confirm = lambda *_: True
    assert not window.tools.ask_remove_folder("/pictures/2023")
    settle(qtbot, window)
    assert window.model.rowCount() == 2  # nothing left the grid
    assert "inside" in window.status.currentMessage()


def test_removing_the_outer_folder_takes_the_inner_one_too(tmp_path: Path) -> None:
    """Removing Pictures left 2023 in the library: the next rescan brought its photos back."""
    with open_library(default_home()) as lib:
        add_folder(lib.db, "/pictures/2023")
        add_folder(lib.db, "/pictures")
        add_folder(lib.db, "/pictures-old")  # a name that merely starts the same
        add_photo(lib.db, "/pictures/2023/a.jpg")
        assert remove_folder(lib.db, "/pictures") == 1
        assert library_roots(lib.db) == ["/pictures-old"]
