"""Retrain ▸ Versions: every model version with its parent and metrics; make any one active
(that is how a rollback is done) or discard one that is not."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from phototagger.core.model.listing import VersionInfo, list_versions
from phototagger.gui.reader import LibraryReader
from phototagger.gui.retrain_tables import refilling
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
            ],
            text_columns=(4, 5),
        )
        # The version's own name (and "● active"), its parent, date and tag count are never
        # squeezed by the long text columns: those are cut with '…' (whole in the tooltip and
        # the details below) and scroll sideways when even that does not fit.
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
        # The selected version's comparison and how each tag was learned, whole and wrapped:
        # in the table those are long lines that scroll sideways out of the dock.
        self.details = QLabel()
        self.details.setWordWrap(True)
        self.details.setTextFormat(Qt.TextFormat.PlainText)
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.details.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        details_scroll = QScrollArea()
        details_scroll.setWidget(self.details)
        details_scroll.setWidgetResizable(True)
        details_scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        details_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.discard_button)
        buttons.addWidget(self.activate_button)
        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addWidget(self.table, 1)
        layout.addWidget(details_scroll, 1)
        layout.addLayout(buttons)
        self.update_buttons()

    def reload(self) -> None:
        self._reader.submit("versions", list_versions, self._loaded)

    def _loaded(self, versions: list[VersionInfo]) -> None:
        self.versions = versions
        with refilling(self.table):
            self._fill(versions)
        self.update_buttons()

    def _fill(self, versions: list[VersionInfo]) -> None:
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

    def selected(self) -> VersionInfo | None:
        rows = {index.row() for index in self.table.selectedIndexes()}
        return self.versions[min(rows)] if rows and min(rows) < len(self.versions) else None

    def select(self, version: str) -> None:
        for row, info in enumerate(self.versions):
            if info.version == version:
                self.table.selectRow(row)

    def update_buttons(self) -> None:
        info = self.selected()
        self.details.setText(describe(info or next((v for v in self.versions if v.active), None)))
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


def describe(info: VersionInfo | None) -> str:
    """A version's record in words: its comparison with its parent, then per tag how it was
    learned ("herps: like WordNet 'amphibian' + 'turtle'…", "monkeys: from your examples")."""
    if info is None:
        return ""
    origin = f"from {info.parent}, " if info.parent else ""
    when = (info.created_at or "built in")[:16].replace("T", " ")
    lines = [f"{info.version}{' (active)' if info.active else ''}: {origin}{when}"]
    if info.not_worse is False and info.parent:
        # Trained, found worse, and perhaps never applied: before making it active, say so.
        lines.append(f"Worse than {info.parent} on held-out photos when it was trained")
    if info.metrics_summary:
        lines += info.metrics_summary.split("; ")
    learned = info.learned or {}
    if learned:
        lines.append("How your tags were learned:")
        lines += [f"• {tag}: {how.get('label', '')}" for tag, how in learned.items()]
    return "\n".join(lines)
