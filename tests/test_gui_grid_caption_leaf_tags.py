"""The line of tags under each thumbnail named them whole: a digiKam library's photo read
"Family/Grandma · Places/Gar…", its hierarchy filling the line and the tags after it never
shown. It now names each tag by its last level, as digiKam's thumbnails do ("Grandma · Garden ·
people"), each once; the tooltip still names them whole."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from phototagger.core.library import open_library
from phototagger.gui.grid_delegate import tag_line
from phototagger.paths import default_home
from phototagger.store.tags import set_user_state, write_model_tags
from tests.gui_helpers import open_window, row_of, settle
from tests.store_helpers import add_photo


def test_the_caption_names_tags_by_their_last_level(qtbot: QtBot, tmp_path: Path) -> None:
    with open_library(default_home()) as library:
        pid = add_photo(library.db, "/pics/family_00.jpg")
        for tag in ("Family/Grandma", "Places/Garden", "Friends/Grandma"):
            set_user_state(library.db, pid, tag, "added")
        write_model_tags(library.db, pid, {"people": 0.99}, ["people"], "v1")
    window = open_window(qtbot, None, tmp_path)
    settle(qtbot, window)
    row = row_of(window, "family_00.jpg")
    _, tags, _, _ = window.model.cell(row)
    assert tag_line(tags) == "Grandma · Garden · people"
    tip = window.model.data(window.model.index(row), Qt.ItemDataRole.ToolTipRole)
    assert "Family/Grandma, Friends/Grandma, Places/Garden, people" in tip
