"""The first scan on a model converts and times the CPU runtimes once every photo is tagged: on
1,000 photos and two busy cores that took two minutes, and all the while the status bar still read
"Tagging 1,000 of 1,000 · 7.5/s" with its Cancel button, as if the scan had hung on its last
photo. The status bar says what is being done instead."""

from __future__ import annotations

import threading
from pathlib import Path

import numpy as np
import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from phototagger.core.scan import AFTER_SCAN_CHECK
from phototagger.ml.runtimes.agreement import MIN_PHOTOS
from phototagger.ml.runtimes.deferred import STOPPED, DeferredCheckEngine
from tests.gui_helpers import four_photos, open_window

pytestmark = pytest.mark.model


def test_the_status_bar_says_the_runtimes_are_being_timed(
    qtbot: QtBot, engine, tmp_path: Path
) -> None:
    shown = threading.Event()
    checking: list[bool] = []

    def library_sample() -> np.ndarray:
        # Called inside the after-scan check (the scan embedded too few photos to judge by):
        # held there until the window has shown the phase, or has not in 30 s.
        checking.append(shown.wait(30))
        return np.zeros((0, 224, 224, 3), np.uint8)

    deferred = DeferredCheckEngine(engine, [], tmp_path / "choice.json", library_sample)
    window = open_window(qtbot, deferred, tmp_path)
    label = window.status.job.label
    seen: list[str] = []

    def checked() -> bool:
        seen.append(label.full_text())
        if label.full_text().startswith(AFTER_SCAN_CHECK.capitalize()):
            shown.set()
        return bool(checking)

    with qtbot.waitSignal(window.jobs.idle, timeout=90_000):
        assert window.start_scan([str(four_photos(tmp_path / "Pictures"))])
        qtbot.waitUntil(checked, timeout=60_000)
    assert checking == [True], sorted(set(seen))
    assert deferred.runtime.startswith("TensorFlow (a CPU runtime is used once")


def test_cancel_during_the_check_stops_it_and_it_runs_after_the_next_scan(
    qtbot: QtBot, engine, tmp_path: Path
) -> None:
    """Cancel during the check waited for all of it (minutes on a slow CPU, with "Stopping…"
    on the button). It now stops between one conversion or timed batch and the next, records
    nothing, and the next scan checks again."""
    clicked = threading.Event()

    def library_sample() -> np.ndarray:
        # Inside the check: the user clicks Cancel now (from the GUI thread), then the
        # measurement sees the cancel before its first step.
        clicked.wait(30)
        return np.zeros((MIN_PHOTOS, 224, 224, 3), np.uint8)

    record = tmp_path / "choice.json"
    deferred = DeferredCheckEngine(engine, [], record, library_sample)
    window = open_window(qtbot, deferred, tmp_path)
    label = window.status.job.label

    def cancel_in_the_check() -> bool:
        if label.full_text().startswith(AFTER_SCAN_CHECK.capitalize()) and not clicked.is_set():
            qtbot.mouseClick(window.status.job.cancel, Qt.MouseButton.LeftButton)
            clicked.set()
        return clicked.is_set()

    with qtbot.waitSignal(window.jobs.idle, timeout=90_000):
        assert window.start_scan([str(four_photos(tmp_path / "Pictures"))])
        qtbot.waitUntil(cancel_in_the_check, timeout=60_000)
    assert deferred.runtime == STOPPED and not record.exists()
    assert deferred.checks_after_scan  # it records the next scan's photos, to check then
