"""The sidebar's choice of how sure the tagger must be of the tags the grid is filtered on: any,
sure (70 % or more), doubtful (40-70 %), unsure (under 40 %), or a range of the user's own. A
photographer checking "beach" looks at the doubtful ones first, or trusts the sure ones."""

from __future__ import annotations

from PySide6.QtCore import QSignalBlocker, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QSpinBox,
    QWidget,
)

from phototagger.core.queries import SURE_RANGES, sure_words

ANY = "Any"
CHOOSE = "Range…"
TIP = (
    "How sure the tagger is of the tags chosen (its confidence, as the details panel shows "
    "it): the doubtful ones to check, or the sure ones. A tag you gave a photo that the "
    "tagger has not scored is in no range."
)


class SureBox(QComboBox):
    """Any, the ranges of SURE_RANGES, the user's own range once chosen, and "Range…", which
    asks for one. `chosen` says the range (None: any) when the user picks one."""

    chosen = Signal(object)  # tuple[int, int] | None

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.setMinimumContentsLength(8)
        self.setToolTip(TIP)
        self._value: tuple[int, int] | None = None
        self._fill()
        self.activated.connect(self._picked)

    def value(self) -> tuple[int, int] | None:
        return self._value

    def set_value(self, sure: tuple[int, int] | None) -> None:
        """Show `sure` as chosen (a range of the user's own gets an item of its own); emits
        nothing."""
        self._value = sure
        self._fill()

    def _fill(self) -> None:
        with QSignalBlocker(self):
            self.clear()
            self.addItem(ANY, None)
            for sure, name in SURE_RANGES.items():
                self.addItem(f"{name} ({sure_words(sure)})", sure)
            if self._value is not None and self._value not in SURE_RANGES:
                self.addItem(sure_words(self._value), self._value)
            self.addItem(CHOOSE, "choose")
            # By value: findData compares a Python object held in an item by identity.
            found = [i for i in range(self.count()) if self._data(i) == self._value]
            self.setCurrentIndex(found[0] if found else 0)

    def _data(self, index: int) -> tuple[int, int] | str | None:
        data = self.itemData(index)
        return tuple(data) if isinstance(data, (list, tuple)) else data

    def _picked(self, index: int) -> None:
        data = self._data(index)
        if data == "choose":
            asked = ask_range(self, self._value)
            if asked is None:  # cancelled: the choice before stays
                self._fill()
                return
            data = asked
        sure = data if isinstance(data, tuple) else None
        if sure == self._value:
            self._fill()
            return
        self.set_value(sure)
        self.chosen.emit(self._value)


class RangeDialog(QDialog):
    """From and to, in percent."""

    def __init__(self, parent: QWidget | None, start: tuple[int, int]) -> None:
        super().__init__(parent)
        self.setWindowTitle("How Sure the Tagger Is")
        self.low, self.high = QSpinBox(), QSpinBox()
        for box, value in ((self.low, start[0]), (self.high, start[1])):
            box.setRange(0, 100)
            box.setSingleStep(5)
            box.setSuffix(" %")
            box.setValue(value)
        self.low.valueChanged.connect(lambda v: self.high.setValue(max(self.high.value(), v + 1)))
        self.high.valueChanged.connect(lambda v: self.low.setValue(min(self.low.value(), v - 1)))
        self.high.setMinimum(1)
        self.low.setMaximum(99)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QFormLayout(self)
        note = QLabel("Show the photos whose tag the tagger is this sure of:")
        note.setWordWrap(True)
        layout.addRow(note)
        layout.addRow("From", self.low)
        layout.addRow("To", self.high)
        layout.addRow(buttons)

    def chosen(self) -> tuple[int, int]:
        return self.low.value(), self.high.value()


def ask_range(parent: QWidget, now: tuple[int, int] | None) -> tuple[int, int] | None:
    """A range the user types in (None: cancelled)."""
    dialog = RangeDialog(parent, now or (40, 70))
    return dialog.chosen() if dialog.exec() == QDialog.DialogCode.Accepted else None
