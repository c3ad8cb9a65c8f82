"""Retrain ▸ Versions: every model version with its parent and metrics; make any one active
(that is how a rollback is done) or discard one that is not."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from phototagger.core.model.listing import VersionInfo, list_versions
from phototagger.gui.reader import LibraryReader
from phototagger.gui.retrain_train import _cell, _table


class VersionsPage(QWidget):
    activate_requested = Signal(str)
    discard_requested = Signal(str)

    def __init__(self, reader: LibraryReader, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._reader = reader
        self.versions: list[VersionInfo] = []
        self.job_running: Callable[[], bool] = lambda: False  # the Model dock says
        self.table = _table(
            [
                "Version",
                "From",
                "Created",
                "Tags",
                "Compared with its parent",
                "How your tags were learned",
            ]
        )
        # The version's own name (and "● active") is never squeezed by the long text columns:
        # those scroll sideways and show their whole text as a tooltip.
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        # Make Active and Discard act on one version: with two selected they took the upper one.
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.itemSelectionChanged.connect(self.update_buttons)
        self.table.doubleClicked.connect(lambda _: self._activate())
        self.activate_button = QPushButton("Make Active")
        self.activate_button.setToolTip(
            "Re-tag the library with this version (your own "
            "decisions are kept); use it to roll back"
        )
        self.discard_button = QPushButton("Discard")
        self.discard_button.setToolTip(
            "Delete this version (not possible for the active one or the built-in v1)"
        )
        self.activate_button.clicked.connect(self._activate)
        self.discard_button.clicked.connect(self._discard)
        note = QLabel(
            "The active model tags new photos. Making an older version active rolls "
            "back; your accepted, rejected and added tags never change."
        )
        note.setWordWrap(True)
        note.setEnabled(False)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.discard_button)
        buttons.addWidget(self.activate_button)
        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self.update_buttons()

    def reload(self) -> None:
        self._reader.submit("versions", list_versions, self._loaded)

    def _loaded(self, versions: list[VersionInfo]) -> None:
        self.versions = versions
        self.table.setRowCount(len(versions))
        for row, info in enumerate(versions):
            name = _cell(info.version + ("  ● active" if info.active else ""))
            if info.active:
                font = QFont(name.font())
                font.setBold(True)
                name.setFont(font)
            self.table.setItem(row, 0, name)
            self.table.setItem(row, 1, _cell(info.parent or "—"))
            self.table.setItem(
                row, 2, _cell((info.created_at or "built in")[:16].replace("T", " "))
            )
            self.table.setItem(row, 3, _cell(str(info.tags), True))
            compared = _cell(info.metrics_summary)
            compared.setToolTip(info.metrics_summary.replace("; ", "\n"))
            self.table.setItem(row, 4, compared)
            learned = "; ".join(
                f"{tag}: {how.get('label', '')}" for tag, how in (info.learned or {}).items()
            )
            how = _cell(learned or "—")
            how.setToolTip(learned.replace("; ", "\n"))
            self.table.setItem(row, 5, how)
        self.update_buttons()

    def selected(self) -> VersionInfo | None:
        rows = {index.row() for index in self.table.selectedIndexes()}
        return self.versions[min(rows)] if rows and min(rows) < len(self.versions) else None

    def select(self, version: str) -> None:
        for row, info in enumerate(self.versions):
            if info.version == version:
                self.table.selectRow(row)

    def update_buttons(self) -> None:
        info = self.selected()
        idle = not self.job_running()
        self.activate_button.setEnabled(idle and info is not None and not info.active)
        self.discard_button.setEnabled(
            idle and info is not None and not info.active and info.parent is not None
        )

    def _activate(self) -> None:
        info = self.selected()
        if info is not None and not info.active:
            self.activate_requested.emit(info.version)

    def _discard(self) -> None:
        info = self.selected()
        if info is not None and not info.active:
            self.discard_requested.emit(info.version)
