"""A note of a few lines that scrolls for the rest, its whole words in its tooltip.

gui44: at 856 x 600 (offscreen) the Review tab's note over the question ("Nothing near where
“beach day” starts tagging: every photo you have not answered scores under 2%, ...") took twelve
lines at the tab's width, and the queue under it kept one row: a word-wrapped QLabel asks for
every line it wraps to and gives none of them up. The note now takes what the window can
spare (the page says how much: give_room), LINES lines at least, and scrolls for the rest (a
scroll bar says there is more); where it is cut, its tooltip reads it whole."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QFrame, QLabel, QScrollArea, QWidget

LINES = 2  # the lines the note takes at least where cut (more where room is given: give_room)


class NoteBox(QScrollArea):
    """A word-wrapped plain-text note, LINES lines at most: text() and setText() are its
    label's (`widget()`)."""

    def __init__(self, parent: QWidget | None = None, lines: int = LINES) -> None:
        super().__init__(parent)
        self.lines = lines
        self.room = 0  # the height it may take besides its lines (give_room)
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.setWidget(self.label)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.viewport().setAutoFillBackground(False)
        self.label.setAutoFillBackground(False)

    def text(self) -> str:
        return self.label.text()

    def setText(self, text: str) -> None:  # noqa: N802 - Qt's name
        self.label.setText(text)
        self.verticalScrollBar().setValue(0)
        self._fit()

    def give_room(self, room: int) -> None:
        """Up to `room` pixels for the note where more than its `lines` lines."""
        if room != self.room:
            self.room = room
            self._fit()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if event.size().width() != event.oldSize().width():
            self._fit()

    def _fit(self) -> None:
        """As tall as the note at this width, up to `lines` lines; the tooltip where cut."""
        whole = self.label.heightForWidth(self.width())
        margins = self.label.contentsMargins()
        most = self.lines * self.label.fontMetrics().lineSpacing() + margins.top()
        most = max(most + margins.bottom(), self.room)
        self.setFixedHeight(min(whole, most))
        self.setToolTip(self.label.text() if whole > most else "")
