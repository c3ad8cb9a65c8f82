"""The sidebar's headings, folders and tag groups opened or closed by the user were all back as
on a first start after a restart (headings, roots and tag groups open, deeper folders closed).
They now come back as left, as digiKam keeps its album tree; a branch put back as it first was is
no longer kept, a folder gone meanwhile is left out, and a settings value this version cannot
read is ignored."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTreeWidgetItem
from pytestqt.qtbot import QtBot

from phototagger.core.folders import remove_folder
from phototagger.core.library import open_library
from phototagger.gui.main_window import MainWindow
from phototagger.gui.remembered_view import BRANCHES_KEY
from phototagger.paths import default_home
from phototagger.store.photos import add_folder
from phototagger.store.tags import set_user_state
from tests.gui_helpers import open_window, settle
from tests.store_helpers import add_photo


def _library() -> None:
    with open_library(default_home()) as library:
        db = library.db
        for folder in ("/pics/home", "/pics/trips"):
            add_folder(db, folder)
        home = [add_photo(db, f"/pics/home/2024/summer/IMG_{i}.jpg") for i in range(3)]
        trips = [add_photo(db, f"/pics/trips/Rome/IMG_{i}.jpg") for i in range(2)]
        for pid in home:
            set_user_state(db, pid, "Pets/cat", "added")
        for pid in trips:
            set_user_state(db, pid, "Places/Roma", "added")


def _item(window: MainWindow, label: str) -> QTreeWidgetItem:
    flags = Qt.MatchFlag.MatchExactly | Qt.MatchFlag.MatchRecursive
    (item,) = window.sidebar.tree.findItems(label, flags)
    return item


def _open(window: MainWindow) -> dict[str, bool]:
    return {
        label: _item(window, label).isExpanded()
        for label in ("home", "2024", "trips", "Rome", "Pets", "Places")
    }


def _reopen(qtbot: QtBot, window: MainWindow, tmp_path: Path) -> MainWindow:
    window.close()
    again = open_window(qtbot, None, tmp_path)
    settle(qtbot, again)
    return again


def test_opened_and_closed_branches_come_back_after_a_restart(qtbot, tmp_path: Path) -> None:
    _library()
    window = open_window(qtbot, None, tmp_path)
    first_start = {
        "home": True,
        "2024": False,
        "trips": True,
        "Rome": False,
        "Pets": True,
        "Places": True,
    }
    assert _open(window) == first_start
    tree = window.sidebar.tree
    tree.expandItem(_item(window, "2024"))  # as the arrow beside it does
    tree.collapseItem(_item(window, "trips"))
    tree.collapseItem(_item(window, "Pets"))
    tree.collapseItem(_item(window, "LIBRARY"))  # a heading too

    again = _reopen(qtbot, window, tmp_path)
    left = {**first_start, "2024": True, "trips": False, "Pets": False}
    assert _open(again) == left
    assert not _item(again, "LIBRARY").isExpanded() and _item(again, "TAGS").isExpanded()
    assert not _item(again, "summer").isExpanded()  # it has no folder below it to show
    # A refill (a tag added, a scan) keeps them too.
    again.sidebar.set_overview(again.sidebar._overview)  # type: ignore[arg-type]
    assert _open(again) == left and not _item(again, "LIBRARY").isExpanded()

    # Put back as on a first start, a branch is no longer kept: the defaults may change.
    again.sidebar.tree.expandItem(_item(again, "Pets"))
    third = _reopen(qtbot, again, tmp_path)
    assert _open(third) == {**left, "Pets": True}
    assert ["tag", "Pets", False] not in _saved(third)
    assert ["section", "library", False] in _saved(third)  # still closed, through a refill


def _saved(window: MainWindow) -> list[list[object]]:
    import json

    window.view_keeper.save()
    return json.loads(str(window.settings.value(BRANCHES_KEY)))


def test_a_folder_gone_meanwhile_or_an_unreadable_value_is_left_out(qtbot, tmp_path: Path) -> None:
    _library()
    window = open_window(qtbot, None, tmp_path)
    window.sidebar.tree.expandItem(_item(window, "Rome"))
    window.sidebar.tree.expandItem(_item(window, "2024"))
    window.close()
    with open_library(default_home()) as library:
        remove_folder(library.db, "/pics/trips")  # from the command line, meanwhile
    again = open_window(qtbot, None, tmp_path)
    settle(qtbot, again)
    assert _item(again, "2024").isExpanded()
    assert not again.sidebar.tree.findItems("Rome", Qt.MatchFlag.MatchRecursive)

    again.settings.setValue(BRANCHES_KEY, "{not json")
    again.settings.sync()
    third = open_window(qtbot, None, tmp_path)
    settle(qtbot, third)
    assert not _item(third, "2024").isExpanded()  # as on a first start, and no error
