"""A tag with no confidence (one read from the photo's file, or added by the user) has no figure
and no bar, yet its row kept their room empty and cut the name beside it: 'White B…kground' in
the details panel of an ImageNet photo carrying 20 keywords, at 1440 x 900. The name now takes
that room; the ✓ and ✕ stay in line with the model's rows
(tests/test_gui_added_tag_has_no_bar.py)."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from phototagger.core.library import open_library
from phototagger.paths import default_home
from tests.gui_helpers import click_photo, open_window, settle, shown_names
from tests.switch_helpers import synthetic_library


def test_a_keywords_name_reads_whole_beside_no_figure(qtbot: QtBot, tmp_path: Path) -> None:
    with open_library(default_home()) as lib:
        synthetic_library(lib.db, 4)
    window = open_window(qtbot, None, tmp_path)
    window.resize(1440, 900)
    click_photo(qtbot, window, shown_names(window)[0])
    window.details_dock.setFixedWidth(300)
    name = "White Background Studio"
    window.decide(window.details.photo_ids, name, "add")
    settle(qtbot, window)
    added = next(row for row in window.details.tags.rows if row.entry.name == name)
    qtbot.waitUntil(lambda: added.name_label.width() > 0)
    assert added.name_label.text() == name
    button = added.reject_button  # still in the dock
    right = button.mapTo(window.details, button.rect().topRight()).x()
    assert right < window.details.width()
