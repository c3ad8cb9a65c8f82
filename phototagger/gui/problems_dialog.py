"""Library ▸ Problems: the files a scan could not use, and why, in words a person can act on;
and what to do about them: see the file in its folder, try it again, or forget it.

A file never read that holds nothing of the user's (a text file named .jpg) is not among the
photos (core/problem_files.py): here is where it is seen.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import Any

import sqlite_utils
from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from phototagger.core import problem_files
from phototagger.core.catalog import problems
from phototagger.core.wording import counted

NOT_AMONG = "not among your photos"


class ProblemsDialog(QDialog):
    def __init__(
        self,
        db: sqlite_utils.Database,
        parent: QWidget | None = None,
        show_file: Callable[[str], bool] | None = None,
        rescan: Callable[[list[str]], bool] | None = None,
    ) -> None:
        super().__init__(parent)
        self._db = db
        self._show_file = show_file
        self._rescan = rescan
        # Where "Show in Folder" hands a folder (QDesktopServices; a test sees what it is given).
        self.open_url: Callable[[QUrl], Any] = QDesktopServices.openUrl
        self.setWindowTitle("Problems")
        self.table = QTableWidget(0, 2)
        self.table.setHorizontalHeaderLabels(["File", "What is wrong"])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setWordWrap(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.resizeSection(0, 320)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.table.cellDoubleClicked.connect(self._show)
        self.table.itemSelectionChanged.connect(self._selection_changed)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.show_in_folder = self._button(
            buttons, "Show in &Folder", "Open the file's folder in the file manager"
        )
        self.try_again = self._button(
            buttons,
            "&Try Again",
            "Read the file again now (after you copied a good one in its place, say)",
        )
        self.forget = self._button(
            buttons,
            "F&orget",
            "Take it off this list: it is not read or listed again until the file changes",
        )
        self.show_in_folder.clicked.connect(self._open_folder)
        self.try_again.clicked.connect(self._try_again)
        self.forget.clicked.connect(self._forget)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        self._fill()
        self.resize(820, 420)

    def _button(self, box: QDialogButtonBox, text: str, tip: str) -> QPushButton:
        button = box.addButton(text, QDialogButtonBox.ButtonRole.ActionRole)
        button.setToolTip(tip)
        button.setAutoDefault(False)
        return button

    def _fill(self) -> None:
        found = problems(self._db)
        self._hidden = problem_files.unread_paths(self._db)
        self.table.setRowCount(len(found))
        for row, problem in enumerate(found):
            path = QTableWidgetItem(problem.path)
            path.setToolTip(problem.path)
            self.table.setItem(row, 0, path)
            message = problem.message
            if problem.path in self._hidden:
                message += f" ({NOT_AMONG})"
            self.table.setItem(row, 1, QTableWidgetItem(message))
        self.table.resizeRowsToContents()
        unread = sum(p.path in self._hidden for p in found)
        parts = []
        if unread:
            parts.append(
                f"{counted(unread, 'file')} could not be read and "
                f"{'is' if unread == 1 else 'are'} {NOT_AMONG}."
            )
        shown = len(found) - unread
        if shown:
            parts.append(
                f"{counted(shown, 'photo')} in the grid "
                f"{'has a problem' if shown == 1 else 'have problems'}."
            )
        if found:
            parts.append("Double-click one to see it in the grid, or in its folder.")
        self.summary.setText(" ".join(parts) if found else "Every file found could be read.")
        if found:
            self.table.selectRow(0)  # the buttons act on the row that looks current
        self._selection_changed()

    def selected_paths(self) -> list[str]:
        rows = sorted({index.row() for index in self.table.selectedIndexes()})
        items = (self.table.item(row, 0) for row in rows)
        return [item.text() for item in items if item is not None]

    def _selection_changed(self) -> None:
        chosen = bool(self.selected_paths())
        for button in (self.show_in_folder, self.try_again, self.forget):
            button.setEnabled(chosen)
        self.try_again.setEnabled(chosen and self._rescan is not None)

    def _show(self, row: int, _column: int) -> None:
        item = self.table.item(row, 0)
        if item is None:
            return
        path = item.text()
        if path in self._hidden or self._show_file is None:
            self._open_folder_of(path)  # not in the grid: its folder is where to see it
        elif self._show_file(path):
            self.close()

    def _open_folder(self) -> None:
        for path in self.selected_paths()[:1]:
            self._open_folder_of(path)

    def _open_folder_of(self, path: str) -> None:
        folder = path if os.path.isdir(path) else os.path.dirname(path)
        if self.open_url(QUrl.fromLocalFile(folder)) is False:
            self.summary.setText(f"No app on this computer would open the folder {folder}")

    def _try_again(self) -> None:
        paths = self.selected_paths()
        if not paths or self._rescan is None:
            return
        folders = problem_files.retry(self._db, paths)
        if folders and self._rescan(folders):
            self.close()  # the scan's progress and outcome show in the window

    def _forget(self) -> None:
        paths = self.selected_paths()
        if paths:
            problem_files.forget(self._db, paths)
            self._fill()
