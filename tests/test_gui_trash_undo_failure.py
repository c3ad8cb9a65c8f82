"""Ctrl+Z after Move to Trash brings the files back; one that cannot come back (a new file took
its name, or the trash was emptied) is said in the status bar. Undo's failures were collected
and never shown: the photo stayed out of the grid and nothing said why."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from phototagger.core.library import open_library
from phototagger.paths import default_home
from tests.gui_helpers import open_window, settle
from tests.switch_helpers import synthetic_library


def test_a_file_that_cannot_come_back_is_said(qtbot: QtBot, tmp_path: Path) -> None:
    with open_library(default_home()) as lib:
        synthetic_library(lib.db, 3)
    window = open_window(qtbot, None, tmp_path)
    window.tools.confirm = lambda *_: True
    # The trash takes the file; then it is emptied (nothing there to bring back).
    window.tools.trash = lambda path: str(tmp_path / "trash" / Path(path).name)
    gone = window.model.photo_id(1)
    assert window.tools.move_photos_to_trash([gone])
    settle(qtbot, window)
    assert window.model.rowCount() == 2

    window.undo_stack.undo()
    settle(qtbot, window)
    message = window.status.currentMessage()
    assert "could not be brought back" in message
    assert window.model.rowCount() == 2  # still out of the grid, as the message says
