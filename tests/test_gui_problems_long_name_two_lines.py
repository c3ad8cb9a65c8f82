"""A 200-character file name wrapped to seven lines in File ▸ Problems' list (seen with xshot),
one row taking the room of seven. A name is now two lines at most, cut in its middle: its start
and its extension stay, the whole path in the row's tooltip (and Ctrl+C copies it). A name
without a space was one line, cut in its middle by the list: it stays so."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QStyledItemDelegate, QStyleOptionViewItem
from pytestqt.qtbot import QtBot

from phototagger.core.library import open_library
from phototagger.gui.problems_dialog import ROW_ROOM, ProblemsDialog
from phototagger.paths import default_home
from tests.problems_helpers import not_photos

WORDS = "Harbour at dawn, the boats coming in " * 5 + "end.jpg"  # 192 characters
NO_SPACE = "IMG_" + "20261204_harbour_" * 11 + "the_end.jpg"  # 202, not a space in it


def _shown_text(dialog: ProblemsDialog, row: int) -> str:
    """What the File column draws for `row`, at its width now (the delegate's own text)."""
    index = dialog.table.model().index(row, 0)
    option = QStyleOptionViewItem()
    option.initFrom(dialog.table)
    option.rect = dialog.table.visualRect(index)
    delegate = dialog.table.itemDelegateForColumn(0)
    assert isinstance(delegate, QStyledItemDelegate)
    delegate.initStyleOption(option, index)
    return option.text


def test_a_long_name_keeps_to_two_lines(qtbot: QtBot, tmp_path: Path) -> None:
    paths = not_photos(tmp_path, {"card": [WORDS, NO_SPACE, "IMG_2.jpg"]})
    assert len(WORDS) >= 190 and len(NO_SPACE) >= 200
    with open_library(default_home()) as library:
        dialog = ProblemsDialog(library.db)
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitExposed(dialog)
        table = dialog.table
        line = table.fontMetrics().lineSpacing()
        short = table.rowHeight(dialog.row_of(str(paths[2])))
        row = dialog.row_of(str(paths[0]))
        qtbot.waitUntil(lambda: table.rowHeight(row) <= 2 * line + ROW_ROOM + 4)
        assert table.rowHeight(row) > short  # two lines, not one
        text = _shown_text(dialog, row)
        assert "…" in text and text != paths[0].name
        assert text.startswith("Harbour at dawn") and text.endswith("end.jpg")
        for path in paths:
            item = table.item(dialog.row_of(str(path)), 0)
            assert item is not None and item.toolTip() == str(path)
            assert item.data(Qt.ItemDataRole.UserRole) == str(path)
        # Without a space: one line, the list cuts it in its middle as before.
        assert table.rowHeight(dialog.row_of(str(paths[1]))) == short
        assert table.textElideMode() == Qt.TextElideMode.ElideMiddle
        assert _shown_text(dialog, dialog.row_of(str(paths[2]))) == "IMG_2.jpg"

        # Wider, the name needs less cutting; as wide as the screen, it is whole again.
        row = dialog.row_of(str(paths[0]))
        before = len(_shown_text(dialog, row))
        table.horizontalHeader().resizeSection(0, 400)
        qtbot.waitUntil(lambda: len(_shown_text(dialog, row)) > before)
        assert table.rowHeight(row) <= 2 * line + ROW_ROOM + 4
        table.horizontalHeader().resizeSection(0, 1400)
        qtbot.waitUntil(lambda: _shown_text(dialog, row) == WORDS)
        dialog.close()
