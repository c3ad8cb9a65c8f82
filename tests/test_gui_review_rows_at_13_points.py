"""walk48, the Review tab at a 13-point font in an 856 x 600 window with its long note shown:
- an answered row ("✕ no · n04371430_1786_swimming_trunks.jpg" over "1% · a kind not asked
  about yet") wrapped its name in two, four lines where its thumbnail leaves room for three
  (82 px, not 62), and each answer took the queue's rows in view from 4 to 3. The name's line
  is one line now, elided in its middle; the row keeps its height once answered.
- the queue's ROWS rows were measured by its first row alone: a first row shorter than those
  under it left 3 rows and a half in view. The tallest row measures them now.
- the note and the question, cut to one or two lines, had a scroll bar with room for its
  arrows only (one line: no handle; two: a 12 px handle in 40). A box that short now has a
  handle alone over its whole height."""

from __future__ import annotations

from functools import partial
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import (
    QApplication,
    QListWidget,
    QListWidgetItem,
    QStyle,
    QStyleOptionSlider,
    QVBoxLayout,
    QWidget,
)
from pytestqt.qtbot import QtBot

from phototagger.gui.note_box import NoteBox
from phototagger.gui.review_split import ROWS, rows_height
from tests.gui_helpers import settle
from tests.store_helpers import DET
from tests.test_gui_review_long_note_small_window import beach_day_at_856
from tests.test_gui_review_small_window import rows_in_view


@pytest.mark.skipif(not DET.is_dir(), reason="needs /work/shared/data/det-photos")
def test_an_answered_row_keeps_its_height_and_the_queue_its_rows(
    at_13_points: None,
    qtbot: QtBot,
    engine: object,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    window, page = beach_day_at_856(qtbot, engine, tmp_path, monkeypatch, capsys)
    queue = page.list
    assert queue.count() > ROWS
    before = [queue.sizeHintForRow(row) for row in range(queue.count())]
    assert rows_in_view(page) >= ROWS
    for answered in range(1, 4):
        queue.setFocus()
        qtbot.keyClick(queue, Qt.Key.Key_R)
        settle(qtbot, window)
        qtbot.waitUntil(partial(_answered_no, queue.item(answered - 1)))
        heights = [queue.sizeHintForRow(row) for row in range(queue.count())]
        assert heights == before, (answered, heights, before)
        queue.scrollToTop()
        assert rows_in_view(page) >= ROWS, (answered, rows_in_view(page))
    window.close()


def test_the_rows_are_measured_by_the_tallest(qtbot: QtBot) -> None:
    queue = QListWidget()
    qtbot.addWidget(queue)
    queue.addItems(["IMG_1.jpg\n2% · below", "IMG_2.jpg\n0% · a kind\nnot asked\nabout yet"])
    queue.resize(300, 400)
    queue.show()
    pitch = [queue.sizeHintForRow(row) for row in range(2)]
    assert pitch[0] < pitch[1]
    assert rows_height(queue, 2) >= 2 * pitch[1] + 2 * queue.frameWidth()


class _StyleChanges(QObject):
    """Counts the times `widget` is styled anew (QEvent.StyleChange)."""

    def __init__(self, widget: QWidget) -> None:
        super().__init__(widget)
        self.count = 0
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        self.count += event.type() == QEvent.Type.StyleChange
        return False


def _answered_no(item: QListWidgetItem) -> bool:
    return item.text().startswith("✕ no · ")


def _bar_parts(box: NoteBox) -> dict[str, int]:
    bar = box.verticalScrollBar()
    option = QStyleOptionSlider()
    bar.initStyleOption(option)
    parts = {
        "up": QStyle.SubControl.SC_ScrollBarSubLine,
        "down": QStyle.SubControl.SC_ScrollBarAddLine,
        "handle": QStyle.SubControl.SC_ScrollBarSlider,
    }
    style = bar.style()
    return {
        name: max(
            0, style.subControlRect(QStyle.ComplexControl.CC_ScrollBar, option, part, bar).height()
        )
        for name, part in parts.items()
    }


def test_a_note_of_one_or_two_lines_has_a_handle_not_arrows(
    at_13_points: None, qtbot: QtBot
) -> None:
    page = QWidget()
    qtbot.addWidget(page)
    layout = QVBoxLayout(page)
    note = NoteBox()
    layout.addWidget(note)
    layout.addStretch()
    note.setText(
        "Nothing near where “beach day” starts tagging: every photo you have not answered "
        "scores under 2%, so it is likely to miss kinds of photo it was not shown. " * 3
    )
    page.resize(290, 400)
    page.show()
    qtbot.waitExposed(page)
    line = note.label.fontMetrics().lineSpacing()
    for lines in (1, 2):
        note.give_room(0, lines)
        QApplication.processEvents()
        assert line <= note.height() < (lines + 1) * line
        bar = note.verticalScrollBar()
        assert bar.isVisible() and bar.maximum() > 0
        parts = _bar_parts(note)
        assert parts["up"] == parts["down"] == 0, (lines, parts)
        assert parts["handle"] >= note.height() // 3 - 2, (lines, parts, note.height())
    # Fitted again at the same height (each answer sets the question anew), the bar is not
    # styled again.
    styled = _StyleChanges(note.verticalScrollBar())
    for _ in range(3):
        note.setText(note.text())
        QApplication.processEvents()
    assert styled.count == 0
    # Given room, the style's own scroll bar comes back, arrows and all.
    note.give_room(10 * line, 10)
    QApplication.processEvents()
    if note.verticalScrollBar().maximum() > 0:
        assert _bar_parts(note)["up"] > 0
    assert note.verticalScrollBar().styleSheet() == ""
