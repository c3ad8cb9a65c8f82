"""Why the Review tab asks about a photo was cut in its middle in the queue: '2% · a kind
n…ked about yet' under a photo's name in a Model dock 307 px wide (polish30, teaching 'my
kitchen things' on 329 ImageNet photos), as a long file name is cut ('IMG_2024…_0042.jpg'); and
with the dock made narrower the rows kept their width under a sideways scroll bar. The words
wrap onto the lines the thumbnail's height leaves and the rows follow the list's width; a long
name is still cut in its middle."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QTextLayout, QTextOption
from PySide6.QtWidgets import QListWidget, QStyle, QStyledItemDelegate, QStyleOptionViewItem
from pytestqt.qtbot import QtBot

from phototagger.core.review_mix import UNSEEN
from tests.gui_helpers import review_window, settle


def drawn_lines(view: QListWidget, row: int) -> tuple[list[str], int, int]:
    """The lines Qt lays the entry's text out in, as its style draws it (word-wrapped where
    the view wraps, else one line a paragraph), the width of the room they have, and how many
    fit its height."""
    index: QModelIndex = view.model().index(row, 0)
    option = QStyleOptionViewItem()
    view.initViewItemOption(option)
    delegate = view.itemDelegate()
    assert isinstance(delegate, QStyledItemDelegate)
    delegate.initStyleOption(option, index)
    option.rect = view.visualRect(index)
    room = view.style().subElementRect(QStyle.SubElement.SE_ItemViewItemText, option, view)
    wraps = bool(option.features & QStyleOptionViewItem.ViewItemFeature.WrapText)
    lines = []
    for paragraph in option.text.replace("\u2028", "\n").split("\n"):
        layout = QTextLayout(paragraph, option.font)
        text_option = QTextOption()
        text_option.setWrapMode(
            QTextOption.WrapMode.WordWrap if wraps else QTextOption.WrapMode.ManualWrap
        )
        layout.setTextOption(text_option)
        layout.beginLayout()
        while (line := layout.createLine()).isValid():
            line.setLineWidth(room.width())
            lines.append(paragraph[line.textStart() : line.textStart() + line.textLength()])
        layout.endLayout()
    return lines, room.width(), room.height() // view.fontMetrics().lineSpacing()


def test_why_a_photo_is_asked_is_read_whole_in_the_dock(qtbot: QtBot, tmp_path: Path) -> None:
    window, page = review_window(qtbot, tmp_path)
    # The dock dragged narrower (polish30's was 307 px: '2% · a kind n…ked about yet').
    window.resizeDocks([window.retrain_dock], [280], Qt.Orientation.Horizontal)
    qtbot.waitUntil(lambda: window.retrain_dock.width() == 280)
    view = page.list
    metrics = view.fontMetrics()
    asked = f"99% · {UNSEEN}"  # the longest words a photo is asked with, as the queue says them
    # The first photo as the queue gives it (the list's rows are all as wide as its own), the
    # others asked about as the longest words ask.
    assert view.count() > 3
    for row in range(1, view.count()):
        view.item(row).setText(f"IMG_{row:04d}.JPEG\n{asked}")
    long_name = "IMG_20240611_101530_HDR_edited_for_print.JPEG"
    view.item(2).setText(f"{long_name}\n{asked}")
    settle(qtbot, window)
    # The rows follow the list's width: they kept the width the dock had when the queue was
    # read, under a sideways scroll bar.
    qtbot.waitUntil(lambda: view.visualItemRect(view.item(0)).right() < view.viewport().width())
    for row in range(1, view.count()):
        lines, width, fit = drawn_lines(view, row)
        name, *reason = lines
        assert " ".join(reason).replace("  ", " ") == asked, lines
        for line in reason:
            assert metrics.horizontalAdvance(line.rstrip()) <= width, (line, width)
        assert len(lines) <= fit, (lines, fit)
    # A name wider than its room is one line, cut in its middle as before.
    lines, width, _ = drawn_lines(view, 2)
    assert lines[0] == long_name and metrics.horizontalAdvance(long_name) > width
    assert view.textElideMode() == Qt.TextElideMode.ElideMiddle
