"""Settings: device and per-tag thresholds are stored with the library; a new library location
is remembered for the next start, which the dialog says it needs."""

from __future__ import annotations

import os
from pathlib import Path

from phototagger.core.library import device_setting
from phototagger.core.versions import threshold_overrides
from phototagger.gui.location import LibraryLocation
from phototagger.gui.settings_dialog import SettingsDialog
from tests.gui_helpers import open_window, prescanned


def test_device_and_thresholds_are_saved_with_the_library(qtbot, engine, tmp_path: Path) -> None:
    prescanned(tmp_path / "pics", engine)
    window = open_window(qtbot, engine, tmp_path)
    dialog = window.open_settings()
    assert isinstance(dialog, SettingsDialog) and dialog.isVisible()
    assert dialog.device.currentData() == "auto"
    dialog.device.setCurrentIndex(dialog.device.findData("cpu"))
    dialog.set_threshold("cat", 0.75)
    dialog.accept()
    assert device_setting(window.db) == "cpu"
    assert threshold_overrides(window.db) == {"cat": 0.75}
    assert "Settings saved" in window.status.currentMessage()
    again = window.open_settings()
    assert again.device.currentData() == "cpu" and again._spins["cat"].value() == 0.75
    assert again._spins["dog"].specialValueText() == "model's own"
    again.reject()


def test_a_new_library_location_waits_for_a_restart(qtbot, tmp_path: Path, db, monkeypatch) -> None:
    location = LibraryLocation(tmp_path / "config" / "location.json")
    dialog = SettingsDialog(db, None, location)
    qtbot.addWidget(dialog)
    assert "needs a restart" in _texts(dialog)
    dialog.home.setText(str(tmp_path / "elsewhere"))
    dialog.accept()
    assert location.chosen() == str(tmp_path / "elsewhere")
    monkeypatch.delenv("PHOTOTAGGER_HOME")
    location.apply()
    assert os.environ["PHOTOTAGGER_HOME"] == str(tmp_path / "elsewhere")


def _texts(dialog: SettingsDialog) -> str:
    from PySide6.QtWidgets import QLabel

    return " ".join(label.text() for label in dialog.findChildren(QLabel))
