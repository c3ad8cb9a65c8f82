"""The read-only tables of the Model panel's pages (labels, metrics, changes): one look, and
room for enough rows to read."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableWidget, QTableWidgetItem


def cell(text: str, align_right: bool = False, colour: QColor | None = None) -> QTableWidgetItem:
    item = QTableWidgetItem(text)
    item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
    if align_right:
        item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    if colour is not None:
        item.setForeground(colour)
    return item


def table(headers: list[str]) -> QTableWidget:
    table = QTableWidget(0, len(headers))
    table.setHorizontalHeaderLabels(headers)
    table.verticalHeader().hide()
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setAlternatingRowColors(True)
    table.verticalHeader().setDefaultSectionSize(table.fontMetrics().height() + 8)
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
    return table


ROWS_SHOWN = 6  # rows a table of the Train page shows at least, when it has them
FEWEST_ROWS = 3  # an empty or short table still looks like a table


def show_rows(table: QTableWidget, most: int = ROWS_SHOWN) -> None:
    """Keep room for `most` rows of `table` (fewer if it has fewer), header, frame and a
    sideways scroll bar included: squeezed into the dock beside the others, each table showed
    about two rows. The page scrolls instead (retrain_train.py)."""
    rows = max(FEWEST_ROWS, min(table.rowCount(), most))
    scroll_bar = table.horizontalScrollBar().sizeHint().height()
    table.setMinimumHeight(
        table.horizontalHeader().sizeHint().height()
        + rows * table.verticalHeader().defaultSectionSize()
        + 2 * table.frameWidth()
        + scroll_bar
    )


@contextmanager
def refilling(table: QTableWidget) -> Iterator[None]:
    """Replace a table's items in one go. A column sized to its contents is measured again,
    every row of it, each time one of its items is replaced: refilling the Train page's 95
    labels took 0.5 s of the GUI thread (120,600 size hints), after every decision and every
    scan batch. The columns are sized once, when the items are in."""
    header = table.horizontalHeader()
    modes = [header.sectionResizeMode(c) for c in range(table.columnCount())]
    for column in range(len(modes)):
        header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
    try:
        yield
    finally:
        for column, mode in enumerate(modes):
            header.setSectionResizeMode(column, mode)
