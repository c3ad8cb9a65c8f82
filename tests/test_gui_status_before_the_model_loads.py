"""Before the model loads, with the device setting on automatic, the status bar read "Model v1 ·
tagging on the graphics card if there is one (model not loaded yet)": a guess, where all that is
known is that the model is not loaded yet. It then read "Model v1 · model not loaded yet" (walk50):
jargon, which said neither what to do nor what to expect. It says when the model loads ("loads
when new photos are scanned"); where it runs comes once a job has loaded it
(test_gui_status_device_during_scan.py), and a device the user chose is said as chosen
(test_gui_status_bar.py)."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from phototagger.core.library import open_library
from phototagger.ml import device
from phototagger.paths import default_home
from tests.gui_helpers import open_window
from tests.switch_helpers import synthetic_library


def test_automatic_says_when_the_model_loads(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(device, "_configured", None)  # no model loaded in this process yet
    with open_library(default_home()) as lib:
        synthetic_library(lib.db, 2)
    window = open_window(qtbot, None, tmp_path)
    window.update_model_status()
    model = window.status.model
    assert model.text() == "Model v1 · loads when new photos are scanned"
    assert "not loaded" not in model.toolTip()
    tip = model.toolTip().splitlines()[1]
    # The setting, where it is set, and when where it runs is known.
    assert tip == (
        "Runs on: automatic, as set in Settings (known once the model has loaded, when new "
        "photos are scanned)"
    )
