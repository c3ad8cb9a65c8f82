"""The viewer's caption marks the tags the user confirmed (✓). A in the viewer accepted the
highlighted tag and nothing in the viewer changed: the caption listed 'sport' before and after,
the details panel that says "you accepted it" being behind the viewer, so the key seemed to do
nothing (found in the app on a library of 4,000 photos). Undo takes the mark off again."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from phototagger.core.library import open_library
from phototagger.paths import default_home
from phototagger.store.tags import write_model_tags_many
from tests.gui_helpers import open_active_viewer, open_window, settle
from tests.switch_helpers import synthetic_library


def test_a_tag_accepted_in_the_viewer_is_marked_there(qtbot: QtBot, tmp_path: Path) -> None:
    with open_library(default_home()) as lib:
        (photo, *_) = synthetic_library(lib.db, 4)
        names = ["sport", "people"]  # the model suggests both on the first photo
        write_model_tags_many(lib.db, names, [(photo, [0.93, 0.7], [0, 1])], "v1")
    window = open_window(qtbot, None, tmp_path)
    row = window.model.row_of(photo)
    assert row is not None
    window.grid.go_to_row(row)
    settle(qtbot, window)
    viewer = open_active_viewer(qtbot, window, row)
    first = window.details.tags.highlighted
    assert first is not None and first.state is None  # the model's suggestion
    caption = viewer.caption.full_text()
    assert first.name in caption and f"{first.name} ✓" not in caption

    qtbot.keyClick(viewer, Qt.Key.Key_A)
    settle(qtbot, window)
    assert f"{first.name} ✓" in viewer.caption.full_text()

    window.decide([window.model.photo_id(row)], "harbour", "add")
    settle(qtbot, window)
    assert "harbour ✓" in viewer.caption.full_text()

    window.undo_stack.undo()
    window.undo_stack.undo()
    settle(qtbot, window)
    assert viewer.caption.full_text() == caption
