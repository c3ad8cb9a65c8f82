"""After the "Move to Trash?" question closed, Ctrl+Z did nothing until the user clicked the
grid: the keys must go on working on the grid, answered Yes (Ctrl+Z brings the photo back) or
No, by the real question."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from phototagger.core.library import open_library
from phototagger.paths import default_home
from phototagger.store.photos import add_folder, update_photo
from tests.gui_helpers import open_window, settle
from tests.modal_helpers import answer_next_modal, click_button, say_yes
from tests.store_helpers import add_photo

DET = Path("/work/shared/data/det-photos")


@pytest.mark.parametrize("answer", ["yes", "no"])
def test_the_grid_has_the_keys_after_the_question(
    qtbot: QtBot, tmp_path: Path, answer: str
) -> None:
    pics = tmp_path / "pics"
    pics.mkdir()
    with open_library(default_home()) as lib:
        add_folder(lib.db, str(pics))
        for source in sorted(DET.glob("*.jpg"))[:4]:
            photo = Path(shutil.copy(source, pics / source.name))
            update_photo(lib.db, add_photo(lib.db, str(photo)), model_version="v1")
    window = open_window(qtbot, None, tmp_path)
    trash = tmp_path / "trash"
    trash.mkdir()

    def to_trash(path: str) -> str:
        return str(shutil.move(path, str(trash / Path(path).name)))

    window.tools.trash = to_trash
    window.grid.setFocus()
    window.grid.go_to_row(1)
    settle(qtbot, window)
    first = window.current_photo_id()
    seen = answer_next_modal(say_yes if answer == "yes" else click_button("&No"))
    qtbot.keyClick(window.grid, Qt.Key.Key_Delete)
    settle(qtbot, window)
    assert seen and "trash" in seen[0]
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.grid)
    if answer == "yes":
        assert window.model.rowCount() == 3 and len(list(trash.iterdir())) == 1
        qtbot.keyClick(
            QApplication.focusWidget(), Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier
        )
        settle(qtbot, window)
        assert window.model.rowCount() == 4 and not list(trash.iterdir())
        assert window.current_photo_id() == first
    else:
        assert window.model.rowCount() == 4 and window.current_photo_id() == first
