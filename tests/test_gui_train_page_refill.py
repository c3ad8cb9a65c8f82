"""The Train page's tables are refilled without measuring every row for every cell: the labels
table is refilled after each decision and each scan batch, and with its columns sized to their
contents each replaced item had the header measure the whole column again. A library whose
files carried ~100 keywords froze the window for 0.5 s per refill (120,600 size hints for 95
rows), so the keyboard loop and a scan stuttered (found in the app)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSize
from PySide6.QtWidgets import QStyledItemDelegate, QStyleOptionViewItem, QTableWidget
from pytestqt.qtbot import QtBot

from phototagger.core import labels
from phototagger.core.library import open_library
from phototagger.paths import default_home
from tests.gui_helpers import open_window, settle
from tests.switch_helpers import synthetic_library

TAGS = 120


class CountingDelegate(QStyledItemDelegate):
    """Counts the size hints the table asks for: the work a refill makes the header do."""

    calls = 0

    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        self.calls += 1
        return super().sizeHint(option, index)


def _count(qtbot: QtBot, window, table: QTableWidget, refill) -> int:  # noqa: ANN001
    delegate = CountingDelegate(table)
    table.setItemDelegate(delegate)
    refill()
    settle(qtbot, window)
    return delegate.calls


def test_refilling_the_labels_table_measures_each_row_a_few_times(
    qtbot: QtBot, tmp_path: Path
) -> None:
    with open_library(default_home()) as lib:
        ids = synthetic_library(lib.db, 10)
        edits = [labels.Edit(ids[i % 10], f"keyword {i:03d}", "add") for i in range(TAGS)]
        labels.apply_edits(lib.db, edits)
    window = open_window(qtbot, None, tmp_path)
    window.commands.train.trigger()
    settle(qtbot, window)
    page = window.retrain.train_page
    assert page.labels.rowCount() == TAGS
    # Each decision reloads the page: the rows are replaced, the columns keep their sizes.
    calls = _count(qtbot, window, page.labels, page.reload)
    assert page.labels.rowCount() == TAGS
    assert calls <= 10 * TAGS, calls  # it was about TAGS * TAGS * 3 (43,560 here)
    widths = [page.labels.columnWidth(c) for c in range(1, 4)]
    assert all(w > 0 for w in widths)
    assert widths[2] >= page.labels.fontMetrics().horizontalAdvance("needs 4 more yes")
