"""File ▸ Problems: the files a scan could not use, and why, in words a person can act on."""

from __future__ import annotations

from collections.abc import Callable

import sqlite_utils
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from phototagger.core.catalog import problems
from phototagger.core.wording import counted


class ProblemsDialog(QDialog):
    def __init__(
        self,
        db: sqlite_utils.Database,
        parent: QWidget | None = None,
        show_file: Callable[[str], bool] | None = None,
    ) -> None:
        super().__init__(parent)
        self._show_file = show_file
        self.setWindowTitle("Problems")
        found = problems(db)
        self.table = QTableWidget(len(found), 2)
        self.table.setHorizontalHeaderLabels(["File", "What is wrong"])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.resizeSection(0, 320)
        for row, problem in enumerate(found):
            path = QTableWidgetItem(problem.path)
            path.setToolTip(problem.path)
            self.table.setItem(row, 0, path)
            self.table.setItem(row, 1, QTableWidgetItem(problem.message))
        self.table.resizeRowsToContents()
        summary = QLabel(
            f"{counted(len(found), 'file')} could not be used."
            if found
            else "Every file found could be read."
        )
        if found and show_file is not None:
            summary.setText(summary.text() + " Double-click one to see it in the grid.")
            self.table.cellDoubleClicked.connect(self._show)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(summary)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        self.resize(820, 420)

    def _show(self, row: int, _column: int) -> None:
        item = self.table.item(row, 0)
        if item is not None and self._show_file is not None and self._show_file(item.text()):
            self.close()
