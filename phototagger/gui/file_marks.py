"""The sidebar's choices of what the photos' files say, as digiKam and Lightroom set it: at least
so many stars, a colour label, a pick flag (a reject is one, as in both). "Show me my 4- and 5-star
photos tagged beach", "the red-labelled ones": they narrow any view but Find Similar's."""

from __future__ import annotations

from PySide6.QtCore import QSignalBlocker, Qt, Signal
from PySide6.QtGui import QColor, QIcon, QPainter, QPixmap
from PySide6.QtWidgets import QComboBox, QWidget

from phototagger.core.queries import PICKS, RATINGS

ANY = "Any"
RATING_TIP = (
    "The stars in the photos' files, as digiKam or Lightroom set them: at least this many. "
    "Photos with no stars are left out. A rejected photo has none: choose Pick ▸ Rejected."
)
LABEL_TIP = (
    "The colour label in the photos' files (digiKam's or Lightroom's); the list has the labels "
    "your photos have, and how many each"
)
PICK_TIP = (
    "The pick flag in the photos' files: digiKam's Pick label (Picked, Pending, Rejected). "
    "Rejected also finds the photos rated -1 (xmp:Rating), the reject of Lightroom, Bridge "
    "and darktable; they are in no choice of Rating."
)
PICK_NAMES = {"accepted": "Picked", "rejected": "Rejected", "pending": "Pending"}


def rating_item(rating: int) -> str:
    """'★★★★ or more', '★★★★★'."""
    return "★" * rating + (" or more" if rating < 5 else "")


def _swatch(name: str, side: int) -> QIcon:
    """A round dot of the label's colour; none for a label of the user's own ('to print')."""
    colour = QColor(name)
    if not colour.isValid():
        return QIcon()
    pixmap = QPixmap(side, side)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(QColor(0, 0, 0, 90))
    painter.setBrush(colour)
    painter.drawEllipse(1, 1, side - 2, side - 2)
    painter.end()
    return QIcon(pixmap)


class _Choice(QComboBox):
    """A combo box as narrow as the sidebar lets it be, whose value is its item's data."""

    def __init__(self, tip: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.setMinimumContentsLength(8)
        self.setToolTip(tip)

    def value(self) -> object:
        return self.currentData()

    def choose(self, value: object) -> None:
        """Show `value` as chosen (Any where it has no item); emits nothing."""
        with QSignalBlocker(self):
            found = [i for i in range(self.count()) if self.itemData(i) == value]
            self.setCurrentIndex(found[0] if found else 0)


class FileMarks(QWidget):
    """The three choices (not laid out here: the sidebar puts each on a row of its own). `chosen`
    says a choice changed, by the user."""

    chosen = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.hide()  # a holder: its boxes live in the sidebar's layout
        self.rating = _Choice(RATING_TIP)
        self.rating.addItem(ANY, None)
        for rating in RATINGS:
            self.rating.addItem(rating_item(rating), rating)
        self.label = _Choice(LABEL_TIP)
        self._labels: list[tuple[str, int]] = []
        self._fill_labels()
        self.pick = _Choice(PICK_TIP)
        self.pick.addItem(ANY, None)
        for pick in PICKS:
            self.pick.addItem(PICK_NAMES[pick], pick)
        for box in self.boxes:
            box.activated.connect(lambda _: self.chosen.emit())

    @property
    def boxes(self) -> tuple[QComboBox, QComboBox, QComboBox]:
        return self.rating, self.label, self.pick

    def values(self) -> tuple[int | None, str | None, str | None]:
        """(at least so many stars, -1 rejected; colour label; pick flag): None for any."""
        rating, label, pick = (box.currentData() for box in self.boxes)
        return (
            rating if isinstance(rating, int) else None,
            label if isinstance(label, str) else None,
            pick if isinstance(pick, str) else None,
        )

    def set_values(self, rating: int | None, label: str | None, pick: str | None) -> None:
        """Show these as chosen (a label no photo has now gets an item of its own); emits
        nothing."""
        self.rating.choose(rating)
        self._fill_labels(label)
        self.pick.choose(pick)

    def clear(self) -> None:
        """Any, Any, Any; emits nothing."""
        self.set_values(None, None, None)

    def set_labels(self, labels: list[tuple[str, int]]) -> None:
        """The colour labels the library's files have, with how many photos each, in the order
        digiKam and Lightroom list them."""
        if labels != self._labels:
            self._labels = labels
            self._fill_labels(self.values()[1])

    def _fill_labels(self, chosen: str | None = None) -> None:
        side = self.fontMetrics().height() * 3 // 4
        with QSignalBlocker(self.label):
            self.label.clear()
            self.label.addItem(ANY, None)
            names = [name for name, _ in self._labels]
            for name, count in self._labels:
                self.label.addItem(_swatch(name, side), f"{name.capitalize()} ({count:,})", name)
            if chosen is not None and chosen not in names:
                self.label.addItem(_swatch(chosen, side), f"{chosen.capitalize()} (0)", chosen)
            self.label.choose(chosen)
