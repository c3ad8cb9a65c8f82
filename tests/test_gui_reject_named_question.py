"""Tags ▸ Reject a Tag… (Shift+R) asks in English for one photo and for several: "Which tag do
these 15 photos not have?"; it asked "Which tag does 15 photos not have?"."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QInputDialog
from pytestqt.qtbot import QtBot

from phototagger.core.library import open_library
from phototagger.gui.reject_any import ask_tag_to_reject
from phototagger.paths import default_home
from tests.gui_helpers import open_window, settle
from tests.switch_helpers import synthetic_library


def test_the_question_agrees_with_the_count(qtbot: QtBot, tmp_path: Path) -> None:
    with open_library(default_home()) as lib:
        synthetic_library(lib.db, 15)
    window = open_window(qtbot, None, tmp_path)
    window.grid.selectAll()
    settle(qtbot, window)
    dialog = ask_tag_to_reject(window)
    assert isinstance(dialog, QInputDialog)
    assert dialog.labelText() == "Which tag do these 15 photos not have?"
    dialog.reject()

    window.grid.go_to_row(0)
    settle(qtbot, window)
    dialog = ask_tag_to_reject(window)
    assert isinstance(dialog, QInputDialog)
    assert dialog.labelText() == "Which tag does this photo not have?"
    dialog.reject()
