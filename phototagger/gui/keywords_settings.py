"""The settings page for keywords in files: whether phototagger may write them, sidecar or
embedded, the sidecar's name, whether the model's suggestions go along, and whether keywords
of tags the user rejected are removed even where another program wrote them."""

from __future__ import annotations

from dataclasses import replace

import sqlite_utils
from PySide6.QtWidgets import QCheckBox, QComboBox, QFormLayout, QGroupBox, QLabel, QWidget

from phototagger.core.metadata.settings import KeywordSettings, load_settings, save_settings
from phototagger.gui.muted import mute

TARGETS = {
    "sidecar": "XMP sidecar files next to the photos (recommended)",
    "embed": "Into the photo files, where Lightroom reads them (never RAW, HEIC or clips)",
}
NAMINGS = {
    "photo.ext.xmp": "photo.jpg.xmp (digiKam, darktable)",
    "photo.xmp": "photo.xmp (Lightroom, for RAW files)",
}


class KeywordSettingsPage(QGroupBox):
    def __init__(self, db: sqlite_utils.Database, parent: QWidget | None = None) -> None:
        super().__init__("Keywords in files", parent)
        self.setObjectName("keywordSettings")
        self._db = db
        current = load_settings(db)
        self.enabled = QCheckBox("Write my tags into the files when I ask (Tags menu)")
        self.enabled.setChecked(current.enabled)
        self.target = _combo(TARGETS, current.target)
        self.naming = _combo(NAMINGS, current.naming)
        self.suggestions = QCheckBox("Also write the model's suggestions (under phototagger|auto)")
        self.suggestions.setChecked(current.include_suggestions)
        self.remove_rejected = QCheckBox(
            "Also remove keywords I rejected, even ones other programs wrote"
        )
        self.remove_rejected.setToolTip(
            "A tag you reject is taken out of every keyword field of the file and its sidecar, "
            "as digiKam does when you remove a tag. Off: only keywords phototagger wrote are "
            "removed."
        )
        self.remove_rejected.setChecked(current.remove_rejected)
        self.keep_times = QCheckBox("Keep the files' modification times")
        self.keep_times.setChecked(current.keep_times)
        note = QLabel(
            "Keywords already in your files are read on every scan and become your "
            "tags. Writing never reorders your keywords, and removes one that another "
            "program wrote only if you rejected its tag and ticked the box above."
        )
        note.setWordWrap(True)
        mute(note)
        form = QFormLayout(self)
        form.addRow(self.enabled)
        form.addRow("Write to:", self.target)
        form.addRow("Sidecar name:", self.naming)
        form.addRow(self.suggestions)
        form.addRow(self.remove_rejected)
        form.addRow(self.keep_times)
        form.addRow(note)

    def chosen(self) -> KeywordSettings:
        return replace(
            load_settings(self._db),
            enabled=self.enabled.isChecked(),
            asked=True,
            target=self.target.currentData(),
            naming=self.naming.currentData(),
            include_suggestions=self.suggestions.isChecked(),
            keep_times=self.keep_times.isChecked(),
            remove_rejected=self.remove_rejected.isChecked(),
        )

    def save(self) -> None:
        save_settings(self._db, self.chosen())


def _combo(choices: dict[str, str], current: str) -> QComboBox:
    combo = QComboBox()
    for key, label in choices.items():
        combo.addItem(label, key)
    combo.setCurrentIndex(max(0, combo.findData(current)))
    return combo
