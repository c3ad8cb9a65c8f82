"""Before the model loads, with the device setting on automatic, the status bar read "Model v1 ·
tagging on the graphics card if there is one (model not loaded yet)": a guess, where all that is
known is that the model is not loaded yet. It says just that; where it runs comes once a job has
loaded it (test_gui_status_device_during_scan.py), and a device the user chose is said as
chosen (test_gui_status_bar.py)."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from phototagger.core.library import open_library
from phototagger.ml import device
from phototagger.paths import default_home
from tests.gui_helpers import open_window
from tests.switch_helpers import synthetic_library


def test_automatic_says_only_that_the_model_is_not_loaded(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(device, "_configured", None)  # no model loaded in this process yet
    with open_library(default_home()) as lib:
        synthetic_library(lib.db, 2)
    window = open_window(qtbot, None, tmp_path)
    window.update_model_status()
    assert window.status.model.text() == "Model v1 · model not loaded yet"
    assert "automatic" in window.status.model.toolTip()  # the setting, in the tooltip
