"""The grid's caption and tooltip named a photo's tags in one order, the details panel beside it
in another (preview41): the grid the user's decisions first ("beach · Grandma · Zebra · dog ·
grass"), the panel by the model's figure with the user's own tags last (dog 95%, beach 90%,
grass 60%, Grandma, Zebra). Both now list the tags the user gave first, by name, then the
model's by confidence, an accepted one in its place: accepting a tag in the panel still moves
no row under the user's keys, and the keys start on the model's first row."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from phototagger.core.library import open_library
from phototagger.gui.grid_delegate import tag_line
from phototagger.paths import default_home
from phototagger.store.photos import set_model_version
from phototagger.store.tags import set_user_state, write_model_tags
from tests.gui_helpers import click_photo, open_window, row_of, settle
from tests.store_helpers import add_photo

ORDER = ["Grandma", "Zebra", "dog", "beach", "grass"]


def test_the_grid_and_the_details_panel_list_a_photo_s_tags_alike(
    qtbot: QtBot, tmp_path: Path
) -> None:
    with open_library(default_home()) as library:
        pid = add_photo(library.db, "/pics/garden.jpg")
        set_model_version(library.db, [pid], "v1")  # tagged by v1: its figures are v1's
        scores = {"dog": 0.95, "beach": 0.9, "grass": 0.6}
        write_model_tags(library.db, pid, scores, list(scores), "v1")
        set_user_state(library.db, pid, "beach", "accepted")
        set_user_state(library.db, pid, "Zebra", "added")
        set_user_state(library.db, pid, "Grandma", "file")
    window = open_window(qtbot, None, tmp_path)
    settle(qtbot, window)
    click_photo(qtbot, window, "garden.jpg")
    panel = [row.entry.name for row in window.details.tags.rows]
    row = row_of(window, "garden.jpg")
    _, tags, _, _ = window.model.cell(row)
    tip = window.model.data(window.model.index(row), Qt.ItemDataRole.ToolTipRole)
    assert panel == ORDER
    assert tag_line(tags) == " · ".join(ORDER)
    assert f"Tags: {', '.join(ORDER)}" in tip

    # The keys start on the model's surest, not on the user's own keyword above it (where A
    # did nothing and R said no to the user's own tag).
    assert window.details.tags.highlighted is not None
    assert window.details.tags.highlighted.name == "dog"

    # Accepting a suggestion in the panel moves no row.
    grass = next(r for r in window.details.tags.rows if r.entry.name == "grass")
    qtbot.mouseClick(grass.accept_button, Qt.MouseButton.LeftButton)
    settle(qtbot, window)
    assert [row.entry.name for row in window.details.tags.rows] == ORDER
    _, tags, _, _ = window.model.cell(row_of(window, "garden.jpg"))
    assert tag_line(tags) == " · ".join(ORDER)
