"""File ▸ Cancel Job was greyed out with nothing saying why (left61, a walk through the menus):
while no job runs its tip says so, in the menu's tooltip and in the status bar as the menu
passes over it; while one runs, which job it stops."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QApplication, QMenu
from pytestqt.qtbot import QtBot

from tests.gui_helpers import JOB_TIMEOUT_MS, open_window, settle


def test_cancel_job_says_why_it_is_grey_and_which_job_it_stops(
    qtbot: QtBot, tmp_path: Path
) -> None:
    window = open_window(qtbot, None, tmp_path)
    settle(qtbot, window)
    cancel = window.commands.cancel_job
    assert not cancel.isEnabled()
    assert cancel.statusTip() == "No job is running"
    assert cancel.toolTip() == "No job is running (Ctrl+.)"
    file_menu = next(m for m in window.menuBar().findChildren(QMenu) if m.title() == "&File")
    assert cancel in file_menu.actions() and file_menu.toolTipsVisible()

    running = threading.Event()

    def job(_library: Any, _progress: Any, token: Any) -> None:
        running.set()
        while not token.cancelled:
            threading.Event().wait(0.02)

    assert window.jobs.start("Training a new model", job)
    qtbot.waitUntil(running.is_set, timeout=10_000)
    qtbot.waitUntil(cancel.isEnabled, timeout=3_000)
    said = "Stop “Training a new model”; the work done so far is kept"
    assert cancel.statusTip() == said
    assert cancel.toolTip() == f"{said} (Ctrl+.)"
    # The status bar's Cancel button says the same, not "(Esc)": Esc does not stop a job.
    assert window.status.job.cancel.toolTip() == f"{said} (Ctrl+.)"
    # The status bar says it as a menu says an entry's status tip (QAction.hovered).
    cancel.showStatusText(window)
    assert window.status.currentMessage() == said

    with qtbot.waitSignal(window.jobs.idle, timeout=JOB_TIMEOUT_MS):
        cancel.trigger()
    QApplication.processEvents()
    assert not cancel.isEnabled()
    assert cancel.statusTip() == "No job is running"
