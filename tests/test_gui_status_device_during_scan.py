"""The status bar says where the model runs as soon as a job has loaded it. Through a whole first
scan of 1,000 photos it read "Model v1 · automatic (model not loaded yet)" while the model tagged
8 photos a second, and changed to "CPU (2 cores)" only when the scan ended."""

from __future__ import annotations

import threading
from pathlib import Path

import numpy as np
import pytest
from pytestqt.qtbot import QtBot

from phototagger.core.library import open_library
from phototagger.gui.location import LibraryLocation
from phototagger.gui.main_window import MainWindow
from phototagger.ml import device
from phototagger.ml.runtimes.deferred import DeferredCheckEngine
from phototagger.paths import default_home
from tests.gui_helpers import four_photos

pytestmark = pytest.mark.model


def test_the_device_is_shown_while_the_scan_runs(
    qtbot: QtBot, engine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    release = threading.Event()

    def library_sample() -> np.ndarray:
        release.wait(30)  # the scan is held at its end, after tagging, until the test has looked
        return np.zeros((0, 224, 224, 3), np.uint8)

    deferred = DeferredCheckEngine(engine, [], tmp_path / "choice.json", library_sample)
    monkeypatch.setattr(device, "_configured", None)  # no model loaded in this process yet

    def load(_library: object) -> DeferredCheckEngine:
        device.note_device("CPU (3 cores, LiteRT)")  # as loading the model records where it runs
        return deferred

    window = MainWindow(
        open_library(default_home()), load_tagger=load, location=LibraryLocation(tmp_path / "l")
    )
    qtbot.addWidget(window)
    window.show()
    model = window.status.model
    assert model.text() == "Model v1 · loads when new photos are scanned"
    with qtbot.waitSignal(window.jobs.idle, timeout=90_000):
        assert window.start_scan([str(four_photos(tmp_path / "Pictures"))])
        try:
            qtbot.waitUntil(lambda: "runs on the processor (3 cores)" in model.text())
        finally:
            release.set()
    # The scan over, nothing tags: "tagging on the processor" stayed and read as if it still
    # tagged (walk61); where the model runs is still said.
    assert model.text() == "Model v1 · runs on the processor (3 cores)"
