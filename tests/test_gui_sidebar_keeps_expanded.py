"""The sidebar's folders and tag groups stay as the user opened or closed them. Every change of
a tag (A, R, adding one) reads the counts again and the sidebar was rebuilt with its defaults:
the subfolder the user had opened to pick a month closed under the selected folder, and a
collapsed tag group opened again, at every key press."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTreeWidgetItem
from pytestqt.qtbot import QtBot

from phototagger.core.library import open_library
from phototagger.paths import default_home
from phototagger.store.photos import add_folder
from tests.gui_helpers import click_sidebar, open_window, settle
from tests.store_helpers import add_photo


def _item(window, label: str) -> QTreeWidgetItem:
    found = window.sidebar.tree.findItems(
        label, Qt.MatchFlag.MatchExactly | Qt.MatchFlag.MatchRecursive, 0
    )
    assert len(found) == 1, label
    return found[0]


def test_opened_and_closed_items_survive_a_label_change(qtbot: QtBot, tmp_path: Path) -> None:
    with open_library(default_home()) as lib:
        add_folder(lib.db, "/pictures")
        for month in ("01", "02"):
            for day in ("first", "second"):
                add_photo(lib.db, f"/pictures/2023/{month}/{day}/{month}-{day}.jpg")
    window = open_window(qtbot, None, tmp_path)
    ids = list(window.model.ids)
    window.decide(ids[:2], "trips/summer", "add")
    window.decide(ids[2:], "trips/winter", "add")
    settle(qtbot, window)
    assert _item(window, "pictures").isExpanded() and not _item(window, "2023").isExpanded()

    _item(window, "2023").setExpanded(True)  # the user opens the year, then a month
    _item(window, "01").setExpanded(True)
    _item(window, "trips").setExpanded(False)  # and closes a tag group
    click_sidebar(qtbot, window, "first")
    assert window.model.rowCount() == 1

    window.decide([window.model.ids[0]], "beach", "add")
    settle(qtbot, window)
    assert window.sidebar.tag_count("beach") == 1  # the sidebar was refilled
    assert _item(window, "2023").isExpanded() and _item(window, "01").isExpanded()
    assert not _item(window, "02").isExpanded()
    assert not _item(window, "trips").isExpanded()
    assert [i.text(0) for i in window.sidebar.tree.selectedItems()] == ["first"]
