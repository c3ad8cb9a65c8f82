"""At a 13-point font, a first start in a laptop window (1280 x 800, 1366 x 768) gave the sidebar
the 240 px it has at the default font: a built-in tag's name was cut beside a four-figure count
("musica…rument  1,500"). A first start now gives the sidebar the width the font needs for the
longest built-in name and a six-figure count; a longer name of the user's own is cut in the
middle, and its tooltip says it whole with its count."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PySide6.QtWidgets import QStyle, QTreeWidgetItem
from pytestqt.qtbot import QtBot

from phototagger import paths
from phototagger.core.library import open_library
from phototagger.gui.location import LibraryLocation
from phototagger.gui.main_window import MainWindow
from phototagger.gui.sidebar import WIDEST_NAME
from phototagger.gui.sidebar_trees import all_items
from phototagger.paths import default_home
from phototagger.store.connection import transaction
from phototagger.store.tags import add_user_tag
from tests.gui_helpers import settle
from tests.switch_helpers import synthetic_library

LONG = "Grandma's 80th birthday party at the lake house"


def _room(window: MainWindow, item: QTreeWidgetItem, column: int) -> int:
    """The width `item`'s text has in `column`, its cell's margins off."""
    tree = window.sidebar.tree
    margin = tree.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, tree) + 1
    return tree.visualRect(tree.indexFromItem(item, column)).width() - 2 * margin


@pytest.mark.parametrize("size", [(1280, 800), (1366, 768)])
def test_built_in_names_and_counts_read_whole_at_13_points(
    qtbot: QtBot, tmp_path: Path, at_13_points: None, size: tuple[int, int]
) -> None:
    with open_library(default_home()) as lib:
        ids = synthetic_library(lib.db, 1500)
        with transaction(lib.db):
            for pid in ids:
                add_user_tag(lib.db, pid, WIDEST_NAME)
            add_user_tag(lib.db, ids[0], LONG)
    window = MainWindow(
        open_library(default_home()), location=LibraryLocation(tmp_path / "location.json")
    )
    qtbot.addWidget(window)
    window.resize(*size)  # a first start: no layout saved
    with qtbot.waitExposed(window):
        window.show()
    qtbot.waitUntil(lambda: window.width() == size[0])
    settle(qtbot, window)
    tree = window.sidebar.tree
    tree.expandAll()
    metrics = tree.fontMetrics()
    items = {i.text(0): i for i in all_items(window.sidebar.tags_section)}
    widest = items[WIDEST_NAME]
    assert widest.text(1) == "1,500"
    assert metrics.horizontalAdvance(WIDEST_NAME) <= _room(window, widest, 0), (
        window.sidebar.width()
    )
    # Every count whole, beside every name.
    for item in items.values():
        assert metrics.horizontalAdvance(item.text(1)) <= _room(window, item, 1), item.text(1)
    # A longer name of the user's own is cut; its tooltip says it whole, with its count.
    assert metrics.horizontalAdvance(LONG) > _room(window, items[LONG], 0)
    assert items[LONG].toolTip(0) == f"{LONG}: 1 photo"
    # The grid keeps its three columns of thumbnails.
    assert window.grid.width() >= window.grid.width_for(3)


def test_the_widest_name_is_the_longest_built_in_tag() -> None:
    vocabulary = json.loads((paths.models_data_dir() / "vocabulary.json").read_text())
    names = [tag["name"] for tag in vocabulary["tags"]]
    assert WIDEST_NAME == max(names, key=len)
