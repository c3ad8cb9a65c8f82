"""The viewer's caption lists the shown photo's tags; deciding from the viewer (R, A, or in the
details panel, or undo) changes them at once. It kept the tags the photo had when it was opened:
R on 'animal' left 'animal' in the caption until the user moved to another photo and back, so
the viewer seemed to ignore the key."""

from __future__ import annotations

from pathlib import Path

import shiboken6
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from phototagger.core.library import open_library
from phototagger.paths import default_home
from tests.gui_helpers import open_active_viewer, open_window, settle
from tests.switch_helpers import synthetic_library


def _caption_tags(viewer) -> list[str]:
    text = viewer.caption.full_text()
    tags = text.split("   —   ", 1)[1].split(" · ") if "   —   " in text else []
    return [tag.removesuffix(" ✓") for tag in tags]  # ✓: the user's own


def test_caption_follows_decisions_made_in_the_viewer(qtbot: QtBot, tmp_path: Path) -> None:
    with open_library(default_home()) as lib:
        synthetic_library(lib.db, 4)
    window = open_window(qtbot, None, tmp_path)
    row = 1
    window.decide([window.model.photo_id(row)], "beach", "add")
    window.decide([window.model.photo_id(row)], "sunset", "add")
    window.grid.go_to_row(row)
    settle(qtbot, window)
    viewer = open_active_viewer(qtbot, window, row)
    first = window.details.tags.highlighted
    assert first is not None and first.name in _caption_tags(viewer)

    qtbot.keyClick(viewer, Qt.Key.Key_R)
    settle(qtbot, window)
    assert first.name in window.undo_stack.undoText()
    assert first.name not in _caption_tags(viewer)

    window.decide([window.model.photo_id(row)], "holiday", "add")  # from the details panel
    settle(qtbot, window)
    assert "holiday" in _caption_tags(viewer)
    window.undo_stack.undo()
    window.undo_stack.undo()
    settle(qtbot, window)
    assert "holiday" not in _caption_tags(viewer) and first.name in _caption_tags(viewer)
    viewer.close()
    qtbot.waitUntil(lambda: not shiboken6.isValid(viewer))  # deleted on close
    window.decide([window.model.photo_id(row)], "holiday", "add")  # no viewer left to follow
    settle(qtbot, window)
