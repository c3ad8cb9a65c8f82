"""Two long keywords read from photo files with the same first words read apart in the sidebar
too: cut at the end, both were drawn as "Soldier military ar…", with no tooltip to tell. The
list now cuts a long name in the middle, and each tag's tooltip gives its whole name."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QPoint
from PySide6.QtGui import QCursor
from pytestqt.qtbot import QtBot

from phototagger.core.library import open_library
from phototagger.gui.sidebar_trees import all_items
from phototagger.paths import default_home
from phototagger.store.tags import set_user_state
from tests.gui_helpers import open_window, settle
from tests.store_helpers import add_photo

START = "Soldier military army recruit enlisted war fatigues uniform front view contemporary life"
KEYWORDS = [f"{START} troop hat", f"{START} parade ground salute"]


def test_long_tags_starting_alike_are_drawn_apart(qtbot: QtBot, tmp_path: Path) -> None:
    with open_library(default_home()) as library:
        pid = add_photo(library.db, "/pics/soldier.jpg")
        for keyword in KEYWORDS:
            set_user_state(library.db, pid, keyword, "file")
    QCursor.setPos(QPoint(-1000, -1000))
    window = open_window(qtbot, None, tmp_path)
    settle(qtbot, window)
    tree = window.sidebar.tree
    items = [i for i in all_items(window.sidebar.tags_section) if i.text(0) in KEYWORDS]
    assert len(items) == 2 and not any(i.isSelected() for i in items)
    # Cut in the list (the sidebar is far narrower than the names)...
    assert tree.columnWidth(0) < tree.fontMetrics().horizontalAdvance(START)
    # ...but drawn differently: the end of each name shows.
    shot = tree.viewport().grab().toImage()
    drawn = [
        shot.copy(tree.visualItemRect(i).adjusted(0, 0, -tree.columnWidth(1), 0)) for i in items
    ]
    assert drawn[0].size() == drawn[1].size() and drawn[0] != drawn[1]
    assert {i.toolTip(0) for i in items} == {f"{k}: 1 photo" for k in KEYWORDS}
