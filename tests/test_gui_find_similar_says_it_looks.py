"""Find Similar says it is looking until the ranking is shown. Its first use reads every photo's
embedding and finds their main axes, 5-15 s for 4,000 photos on a busy machine, and meanwhile
the header already read "Photos like Photo 0091 – dog café.jpg, most similar first" above the
grid's old photos, with no sign that anything was under way (found in the app on a library of
4,000 photos). The status bar now says "Finding photos like …" until the ranking arrives."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from phototagger.core.library import open_library
from phototagger.paths import default_home
from tests.gui_helpers import click_photo, open_window, settle, shown_names
from tests.switch_helpers import synthetic_library


def test_find_similar_says_it_is_looking(qtbot: QtBot, tmp_path: Path) -> None:
    with open_library(default_home()) as lib:
        synthetic_library(lib.db, 20)
    window = open_window(qtbot, None, tmp_path)
    name = shown_names(window)[3]
    click_photo(qtbot, window, name)
    window.tools.show_similar()
    assert window.status.currentMessage() == f"Finding photos like {name}…"
    settle(qtbot, window)
    assert window.model.photo_id(0) == window.controller.filter.similar_to  # ranked
    assert window.status.currentMessage() == ""
    header = window.header.text()
    window.tools.show_similar()  # again, on the same photo: nothing to look for
    settle(qtbot, window)
    assert (window.status.currentMessage(), window.header.text()) == ("", header)
