"""A one-line label that gives up width: its text is cut with '…' to fit, and read whole in its
tooltip. A plain QLabel's minimum width is its whole text, so one long tag (a 300-character
keyword read from a photo's file) made the details panel 2,300 px wide inside its dock and put
every tag's buttons out of sight. A tag's name is cut in the middle: Flickr-style keywords
often share their first words, and two cut at the end read the same ('Soldier military ar…')."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QSize, Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QLabel, QWidget

# The fewest characters a cut label keeps in view, '…' included.
MIN_CHARS = 6


class ElidedLabel(QLabel):
    def __init__(
        self,
        text: str,
        parent: QWidget | None = None,
        mode: Qt.TextElideMode = Qt.TextElideMode.ElideRight,
    ) -> None:
        super().__init__(text, parent)
        self._full = text
        self._mode = mode

    def full_text(self) -> str:
        return self._full

    def setText(self, text: str) -> None:  # noqa: N802 - Qt's name
        self._full = text
        self.updateGeometry()  # its size hint is the new text's
        self._elide()

    def sizeHint(self) -> QSize:
        margins = self.contentsMargins()
        width = self.fontMetrics().horizontalAdvance(self._full) + margins.left() + margins.right()
        return QSize(width + 1, super().sizeHint().height())

    def minimumSizeHint(self) -> QSize:
        width = self.fontMetrics().averageCharWidth() * MIN_CHARS
        return QSize(min(width, self.sizeHint().width()), super().minimumSizeHint().height())

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._elide()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self._elide()

    def _elide(self) -> None:
        shown = self.fontMetrics().elidedText(self._full, self._mode, self.contentsRect().width())
        if shown != self.text():
            super().setText(shown)
        self.setToolTip(self._full if shown != self._full else "")
