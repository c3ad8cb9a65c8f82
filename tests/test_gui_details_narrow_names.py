"""The details panel in a narrow dock (found using the window at 700 px, then 1,024 px: the
Details dock kept 230 px): each tag row's 64-px confidence bar left the name 'p…e' for
"people" and 'cl…ng' for "clothing", the figure beside the bar saying the confidence anyway.
The bar now gives the name the room it needs, down to a short bar, then the name is cut."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from phototagger.core.library import open_library
from phototagger.gui.tag_list import TagRow
from phototagger.paths import default_home
from phototagger.store.tags import write_model_tags
from tests.gui_helpers import click_photo, open_window, settle, shown_names
from tests.switch_helpers import synthetic_library


def test_a_short_tag_name_reads_whole_in_a_narrow_details_panel(
    qtbot: QtBot, tmp_path: Path
) -> None:
    with open_library(default_home()) as lib:
        ids = synthetic_library(lib.db, 6)
        # As the walkthrough's photo: two suggestions of the model's, with their figures.
        scores = {"people": 1.0, "clothing": 0.63}
        write_model_tags(lib.db, ids[0], scores, list(scores), "v1")
    window = open_window(qtbot, None, tmp_path)
    window.resize(1024, 720)
    click_photo(qtbot, window, shown_names(window)[0])
    window.resizeDocks([window.details_dock], [230], Qt.Orientation.Horizontal)
    settle(qtbot, window)
    qtbot.wait(50)
    rows = window.details.findChildren(TagRow)
    scored = [row for row in rows if row.bar is not None]
    assert {row.entry.name for row in scored} == {"people", "clothing"}

    def whole() -> bool:
        return all(row.name_label.text() == row.name_label.full_text() for row in scored)

    qtbot.waitUntil(whole, timeout=3000)  # the dock's new width laid out
    for row in scored:
        assert row.bar is not None and row.bar.isVisible() and row.bar.width() >= 16
        assert row.accept_button.geometry().right() < row.reject_button.geometry().left()
        assert row.reject_button.geometry().right() <= row.contentsRect().right()
