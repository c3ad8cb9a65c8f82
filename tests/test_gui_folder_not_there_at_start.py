"""A library folder whose drive is not plugged in when the app starts is marked in the sidebar.
qa26 renamed "USB stick" away and started the app: the sidebar listed "USB stick 30" like any
other folder and its photos as if nothing were wrong; only a photo's details said its file was
gone, and only File ▸ Rescan Folders named the folder (Problems: "this folder does not exist (was
a drive unplugged?)"). The folder is now greyed, with a warning sign, its tooltip saying why and
what to do; with the drive back and a rescan it reads as before."""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTreeWidgetItem

from phototagger.core.folders import folder_tree
from phototagger.core.library import open_library
from phototagger.gui.main_window import MainWindow
from phototagger.paths import default_home
from tests.gui_helpers import open_window, prescanned, scan, settle


def _root_item(window: MainWindow, path: Path) -> QTreeWidgetItem:
    tree = window.sidebar.tree
    items = tree.findItems("", Qt.MatchFlag.MatchContains | Qt.MatchFlag.MatchRecursive, 0)
    return next(i for i in items if i.toolTip(0).split("\n")[0] == str(path))


def test_a_library_folder_not_there_is_marked(qtbot, engine, tmp_path: Path) -> None:
    stick = prescanned(tmp_path / "USB stick", engine)
    away = tmp_path / "unplugged"
    os.rename(stick, away)
    window = open_window(qtbot, engine, tmp_path)
    settle(qtbot, window)
    item = _root_item(window, stick)
    assert item.text(0) == "USB stick"  # the name it is known by
    assert item.text(1) == "4"  # its photos are still the library's
    assert "was a drive unplugged" in item.toolTip(0)
    assert item.foreground(0).color() != window.sidebar.tree.palette().text().color()
    assert not item.icon(0).isNull()

    os.rename(away, stick)  # plugged in again
    scan(qtbot, window, stick)
    item = _root_item(window, stick)
    assert item.toolTip(0) == str(stick)
    assert item.icon(0).isNull()


def test_the_tree_says_which_roots_are_there(tmp_path: Path, engine) -> None:
    stick = prescanned(tmp_path / "stick", engine)
    with open_library(default_home()) as lib:
        assert [n.there for n in folder_tree(lib.db)] == [True]
        os.rename(stick, tmp_path / "gone")
        assert [n.there for n in folder_tree(lib.db)] == [False]
