"""polish28, rolled back and forth in a real X session: Model ▸ Versions listed v4 to v9 each
"retrained kitchen things", wrapped where it needed, and the active v9 (its row bold) read
"retrained kitchen …", cut, though the table's summaries are never cut (max_lines 0). The
fitted table measured each text once, by its words alone: the bold row's text had been measured
in the plain rows' font. A text is measured in the font its cell draws it in."""

from __future__ import annotations

import math

from PySide6.QtGui import QFont, QFontMetricsF
from pytestqt.qtbot import QtBot

from phototagger.gui.retrain_tables import cell, refilling, table


def test_the_same_text_in_a_bold_row_is_measured_in_bold(qtbot: QtBot) -> None:
    summaries = table(["Version", "Summary"], text_columns=(1,))
    summaries.max_lines = 0  # as on the Versions page
    qtbot.addWidget(summaries)
    text = "retrained kitchen things"
    bold = QFont(summaries.font())
    bold.setBold(True)
    plain_width = QFontMetricsF(summaries.font()).horizontalAdvance(text)
    bold_width = QFontMetricsF(bold).horizontalAdvance(text)
    assert bold_width > plain_width + 6
    with refilling(summaries):
        summaries.setRowCount(2)
        for row, weight in enumerate((False, True)):
            summaries.setItem(row, 0, cell(f"v{row + 8}"))
            item = cell(text)
            font = QFont(item.font())
            font.setBold(weight)
            item.setFont(font)
            summaries.setItem(row, 1, item)
    summaries.show()
    qtbot.waitExposed(summaries)
    # The Summary column as wide as the plain text needs, and narrower than the bold one.
    summaries.resize(summaries.width() + 400, 200)
    qtbot.waitUntil(lambda: summaries.columnWidth(1) > bold_width + 20)
    wanted = math.ceil(plain_width) + 12
    summaries.resize(summaries.width() - (summaries.columnWidth(1) - wanted), 200)
    qtbot.waitUntil(lambda: summaries.columnWidth(1) == wanted)
    line = summaries.fontMetrics().lineSpacing()
    assert summaries.rowHeight(1) >= summaries.rowHeight(0) + line  # wrapped onto two lines
    bold_cell = summaries.item(1, 1)
    assert bold_cell is not None and summaries.shown_text(bold_cell) == text
