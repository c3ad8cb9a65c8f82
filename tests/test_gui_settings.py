"""Settings: device and per-tag thresholds are stored with the library; a new library location
is remembered for the next start, which the dialog says it needs."""

from __future__ import annotations

import os
from pathlib import Path

from phototagger.core.library import device_setting, open_library
from phototagger.core.model.active import threshold_overrides
from phototagger.gui.location import LibraryLocation
from phototagger.gui.settings_dialog import SettingsDialog
from phototagger.paths import LibraryHome
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
    assert again.device.currentData() == "cpu" and again.threshold("cat") == 0.75
    assert again._spins["dog"].specialValueText() == "model's own"
    again.reject()


def test_thresholds_say_how_sure_in_percent(qtbot, engine, tmp_path: Path) -> None:
    """Settings listed each tag's threshold as a bare "0.43" under "Threshold": it now says
    what it is (how sure the tagger must be to put the tag on) in percent, "43 %", and stores
    the same 0.43 as before."""
    prescanned(tmp_path / "pics", engine)
    window = open_window(qtbot, engine, tmp_path)
    dialog = window.open_settings()
    header = dialog.thresholds.horizontalHeaderItem(1)
    assert header is not None and header.text() == "Puts the tag on when sure at"
    assert "How sure the tagger must be that a photo shows a tag" in _texts(dialog)
    own = dialog._model["cat"]
    cat = dialog._spins["cat"]
    assert cat.text() == f"{round(own * 100)} %" and cat.suffix() == " %"
    cat.setValue(43)  # as typed or stepped to
    assert cat.text() == "43 %"
    assert "at least this sure" in cat.toolTip()
    dialog.accept()
    assert threshold_overrides(window.db) == {"cat": 0.43}  # stored as a fraction, as before
    again = window.open_settings()
    assert again._spins["cat"].text() == "43 %"
    again.reject()


def test_a_new_library_location_waits_for_a_restart(
    qtbot, tmp_path: Path, home: LibraryHome, monkeypatch
) -> None:
    location = LibraryLocation(tmp_path / "config" / "location.json")
    with open_library(home) as library:
        dialog = SettingsDialog(library, None, location)
        qtbot.addWidget(dialog)
        assert "needs a restart" in _texts(dialog)
        dialog.home.setText(str(tmp_path / "elsewhere"))
        dialog.accept()
    assert location.chosen() == str(tmp_path / "elsewhere")
    # At the next start the GUI opens the chosen folder, and writes no environment variable.
    monkeypatch.delenv("PHOTOTAGGER_HOME")
    before = dict(os.environ)
    assert location.startup_home() == LibraryHome.under((tmp_path / "elsewhere").resolve())
    assert dict(os.environ) == before
    # PHOTOTAGGER_HOME, when set, still wins over the setting.
    monkeypatch.setenv("PHOTOTAGGER_HOME", str(tmp_path / "from-env"))
    assert location.startup_home() == LibraryHome.under(tmp_path / "from-env")


def _texts(dialog: SettingsDialog) -> str:
    from PySide6.QtWidgets import QLabel

    return " ".join(label.text() for label in dialog.findChildren(QLabel))


def test_a_library_opened_with_home_is_named(
    qtbot, tmp_path: Path, home: LibraryHome, monkeypatch
) -> None:
    """`phototagger gui --home DIR`: Settings showed only the location opened without --home
    (the default folder, or the one chosen before), as if it were the library on screen."""
    location = LibraryLocation(tmp_path / "config" / "location.json")
    location.choose(str(tmp_path / "usual"))
    monkeypatch.delenv("PHOTOTAGGER_HOME")
    with open_library(home) as library:  # as `gui --home` opens it
        dialog = SettingsDialog(library, None, location)
        qtbot.addWidget(dialog)
        assert dialog.home.text() == str(tmp_path / "usual")  # what a plain start opens
        assert f"The library open now is {home.data.parent} (given with --home)" in _texts(dialog)
        dialog.accept()
    assert location.chosen() == str(tmp_path / "usual")  # saving did not make --home the usual
    monkeypatch.setenv("PHOTOTAGGER_HOME", str(home.data.parent))
    with open_library(home) as library:  # the usual start: nothing to add
        dialog = SettingsDialog(library, None, location)
        qtbot.addWidget(dialog)
        assert "open now" not in _texts(dialog)
