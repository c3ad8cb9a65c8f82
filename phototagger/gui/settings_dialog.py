"""Settings: the device the model runs on, per-tag thresholds (how sure the tagger must be, in
percent) and the library's location. Device and thresholds are stored with the library; the
location outside it (see location.py)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from phototagger.core.library import Library, device_setting
from phototagger.core.model.active import threshold_overrides
from phototagger.core.preferences import save_device_and_thresholds
from phototagger.core.tag_admin import shown_name
from phototagger.core.thresholds import model_thresholds
from phototagger.gui.keywords_settings import KeywordSettingsPage
from phototagger.gui.location import ENV, LibraryLocation, current_home
from phototagger.gui.muted import mute
from phototagger.gui.quotes import quoted
from phototagger.gui.screen_fit import resize_within_screen
from phototagger.paths import LibraryHome, home_override

DEVICES = {
    "auto": "Automatic (the graphics card if there is one)",
    "cpu": "The processor (CPU)",
    "gpu": "The graphics card (GPU)",
}
DEFAULT_TEXT = "model's own"
# Each tag's threshold, in the words and units a photographer reads: a bare "0.43" under
# "Threshold" said nothing. Shown in percent; stored as before, a fraction to two places.
SURE_HEADER = "Puts the tag on when sure at"
SURE_NOTE = (
    "How sure the tagger must be that a photo shows a tag before it puts the tag on it: "
    "higher means fewer tags, more of them right; lower, more tags, more of them wrong."
)


class SettingsDialog(QDialog):
    def __init__(
        self,
        library: Library,
        parent: QWidget | None = None,
        location: LibraryLocation | None = None,
    ) -> None:
        super().__init__(parent)
        db = library.db
        self.setWindowTitle("Settings")
        self._db = db
        self._location = location or LibraryLocation()
        self.device = QComboBox()
        for key, label in DEVICES.items():
            self.device.addItem(label, key)
        self.device.setCurrentIndex(list(DEVICES).index(device_setting(db)))
        device_note = _note(
            "Takes effect the next time the model is loaded (restart "
            "phototagger to switch a loaded model)."
        )
        self.thresholds = QTableWidget(0, 2)
        self.thresholds.setHorizontalHeaderLabels(["Tag", SURE_HEADER])
        self.thresholds.verticalHeader().hide()
        self.thresholds.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        header = self.thresholds.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self._spins: dict[str, QSpinBox] = {}
        overrides = threshold_overrides(db)
        # Each control starts from the value the tag uses now: the user's, else the model's.
        self._model = model_thresholds(library)
        # The tags the model suggests (and any set before, to clear): a keyword read from the
        # files, or a new tag not learned yet, has no output a threshold could change.
        names = sorted(set(self._model) | set(overrides), key=str.casefold)
        self.thresholds.setRowCount(len(names))
        for row, name in enumerate(names):
            item = QTableWidgetItem(shown_name(name))  # 'AC/DC', as it reads
            item.setFlags(Qt.ItemFlag.ItemIsEnabled)
            self.thresholds.setItem(row, 0, item)
            spin = QSpinBox()
            spin.setRange(0, 99)
            spin.setSingleStep(5)
            spin.setSuffix(" %")
            spin.setSpecialValueText(DEFAULT_TEXT)  # shown at 0: no override
            spin.setValue(percent(overrides.get(name, self._model.get(name, 0.0))))
            spin.setToolTip(
                f"{quoted(shown_name(name))} is put on a photo "
                "when the tagger is at least this sure it "
                "shows it; higher means fewer, surer tags"
            )
            self.thresholds.setCellWidget(row, 1, spin)
            self._spins[name] = spin
        threshold_note = _note(
            "Saving re-tags the library with these at once, without reading the photos "
            "again. “model's own”: the value the active model chose for the tag."
        )
        self.home = QLineEdit(self._location.chosen() or current_home())
        browse = QPushButton("Choose…")
        browse.clicked.connect(self._browse)
        home_row = QHBoxLayout()
        home_row.addWidget(self.home, 1)
        home_row.addWidget(browse)
        home_note = _note(
            "Changing the location needs a restart; the library there is opened "
            "(or created) then. Your photos are not moved."
        )
        if library.home != self._location.startup_home():
            home_note.setText(
                f"The library open now is {_root(library.home)} (given with --home); this is "
                "the one phototagger opens without it. " + home_note.text()
            )
        if home_override() is not None:
            home_note.setText(
                home_note.text() + f" Right now {ENV} is set in the environment, and it wins."
            )
        form = QFormLayout()
        form.addRow("Run the model on:", _with_note(self.device, device_note))
        form.addRow("Library location:", _with_note(home_row, home_note))
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        self.keywords = KeywordSettingsPage(db)
        layout.addWidget(self.keywords)
        layout.addWidget(QLabel("<b>How sure, per tag</b>"))
        layout.addWidget(_note(SURE_NOTE))
        layout.addWidget(self.thresholds, 1)
        layout.addWidget(threshold_note)
        layout.addWidget(buttons)
        resize_within_screen(self, 560, 780)

    def set_threshold(self, tag: str, value: float) -> None:
        """`value` as stored (0.75), shown in percent (75 %)."""
        self._spins[tag].setValue(percent(value))

    def threshold(self, tag: str) -> float:
        """The tag's threshold as it is stored (0.75 for 75 %); 0.0: the model's own."""
        return self._spins[tag].value() / 100

    def _browse(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, "Library Location", self.home.text())
        if folder:
            self.home.setText(folder)

    def accept(self) -> None:
        save_device_and_thresholds(
            self._db,
            self.device.currentData(),
            {
                name: self.threshold(name)
                for name in self._spins
                if self.threshold(name) > 0
                and abs(self.threshold(name) - self._model.get(name, -1.0)) >= 0.005
            },
        )
        self.keywords.save()
        home = self.home.text().strip()
        if home and home != (self._location.chosen() or current_home()):
            self._location.choose(home)
        super().accept()


def percent(value: float) -> int:
    """A stored threshold (0.43) as the percent the dialog shows (43)."""
    return round(value * 100)


def _root(home: LibraryHome) -> str:
    """The folder a person named for `home` (--home DIR keeps everything under DIR)."""
    folder = home.data.parent
    return str(folder if LibraryHome.under(folder) == home else home.data)


def _with_note(field: QWidget | QHBoxLayout, note: QLabel) -> QVBoxLayout:
    """A form's field with its note below it, as one row. A note in a row of its own was given
    the height of its lines wrapped narrow (QFormLayout sizes such a row by its size hint, not
    by the width it gets): 5 lines' height for 3 lines of text, an empty gap above and below."""
    column = QVBoxLayout()
    if isinstance(field, QWidget):
        column.addWidget(field)
    else:
        column.addLayout(field)
    column.addWidget(note)
    return column


def _note(text: str) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    mute(label)
    return label
