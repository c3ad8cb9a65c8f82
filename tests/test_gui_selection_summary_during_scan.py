"""Several photos selected while a scan tags them: their tag summary in the details panel fills
in as the scan's batches land. It was read once, when the selection was made ("None of these
photos has a tag" while they waited), and again only when the scan ended; one photo shown
alone was already read again as the scan tagged it."""

from __future__ import annotations

import threading
from pathlib import Path

import numpy as np
from pytestqt.qtbot import QtBot

from phototagger.gui.main_window import MainWindow
from phototagger.ml.runtimes.deferred import DeferredCheckEngine
from tests.gui_helpers import JOB_TIMEOUT_MS
from tests.test_gui_photos_before_the_model import _scan_held


def _summary(window: MainWindow) -> list[str]:
    return [row.entry.name for row in window.details.tags.rows]


def test_selection_summary_fills_in_during_the_scan(qtbot: QtBot, engine, tmp_path: Path) -> None:
    looked = threading.Event()  # the test has seen their tags: the scan may end

    def held_after_tagging() -> np.ndarray:
        looked.wait(JOB_TIMEOUT_MS / 1000)  # the scan's last step, after every batch
        return np.zeros((0, 224, 224, 3), np.uint8)

    held = DeferredCheckEngine(engine, [], tmp_path / "choice.json", held_after_tagging)

    def select_the_waiting(window: MainWindow) -> None:
        window.grid.setFocus()
        window.grid.selectAll()
        qtbot.waitUntil(lambda: "4 of them waiting to be tagged" in window.details.facts.text())
        assert window.details.title.text() == "4 photos selected"
        empty = window.details.tags._empty
        assert not empty.isHidden() and "come when the scan reaches them" in empty.text()

    def tags_arrive(window: MainWindow) -> None:
        try:
            qtbot.waitUntil(lambda: "cat" in _summary(window))
            assert window.jobs.busy  # shown as the scan tagged them, not when it ended
            assert "waiting" not in window.details.facts.text()
        finally:
            looked.set()

    window, _ = _scan_held(qtbot, tmp_path, lambda: held, select_the_waiting, tags_arrive)
    assert window.details.title.text() == "4 photos selected"
    assert "cat" in _summary(window)
