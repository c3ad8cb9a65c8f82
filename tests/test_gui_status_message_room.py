"""While a job with long words runs (after a first scan: "Finding the fastest way to run the
model · once, after the first scan on this model"), the status line's own message was cut by the
job's text beside it: the QA walkthrough read "Added “monkeys” to 10 photos (Ctrl+Z", the way to
undo lost. While a message does not fit, the job's words step aside (its bar and Cancel stay,
the words in the bar's tooltip), and come back with the message gone."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QPoint
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from phototagger.core.jobs import Progress
from phototagger.core.library import open_library
from phototagger.core.scan import AFTER_SCAN_CHECK, AFTER_SCAN_DETAIL
from phototagger.gui.main_window import MainWindow
from phototagger.paths import default_home
from tests.gui_helpers import open_window, settle
from tests.switch_helpers import synthetic_library


def _left_of_the_job(window: MainWindow) -> int:
    """Where the status line's message must end: the first visible part of the job's display
    or of the widgets kept at the right."""
    status = window.status
    parts: list[QWidget] = [status.job.label, status.job.bar, status.job.cancel, status.model]
    return min(p.mapTo(status, QPoint(0, 0)).x() for p in parts if p.isVisible())


def test_a_message_is_not_cut_by_a_running_jobs_words(qtbot: QtBot, tmp_path: Path) -> None:
    with open_library(default_home()) as lib:
        ids = synthetic_library(lib.db, 6)
    window = open_window(qtbot, None, tmp_path)
    # The walkthrough's window was 1400 px wide, beside a model chip that read "tagging on the
    # graphics card if there is one (model not loaded yet)"; it reads "model not loaded yet"
    # now (273 px shorter offscreen): the window is as much narrower, so that the
    # message and the job's words are as short of room.
    window.resize(1400 - 273, 880)
    status = window.status
    status.job.start("Scanning")
    status.job.update_progress(Progress(AFTER_SCAN_CHECK, 0, None, detail=AFTER_SCAN_DETAIL))
    words = status.job.label.text()
    assert words.startswith("Finding the fastest way")
    settle(qtbot, window)

    window.decide(ids, "monkeys", "add")  # T, "monkeys", Enter on the selected photos
    settle(qtbot, window)
    message = status.currentMessage()
    assert message == "Added “monkeys” to 6 photos (Ctrl+Z to undo)"
    needed = status.fontMetrics().horizontalAdvance(message)
    assert needed < _left_of_the_job(window)
    assert status.job.bar.isVisible() and status.job.cancel.isVisible()
    assert status.job.bar.toolTip() == words  # the job's words, still to be read

    status.clearMessage()  # the message's time is up
    settle(qtbot, window)
    assert status.job.label.isVisible() and status.job.label.text() == words
    assert status.job.bar.toolTip() == ""


def test_words_that_leave_the_message_room_stay(qtbot: QtBot, tmp_path: Path) -> None:
    with open_library(default_home()) as lib:
        ids = synthetic_library(lib.db, 6)
    window = open_window(qtbot, None, tmp_path)
    window.resize(1400, 880)
    status = window.status
    status.job.start("Scanning")
    status.job.update_progress(Progress("tagging", 32, 1020, rate=1.8))
    settle(qtbot, window)
    window.decide(ids[:1], "monkeys", "add")
    settle(qtbot, window)
    assert status.currentMessage().startswith("Added “monkeys”")
    assert status.job.label.isVisible() and status.job.bar.toolTip() == ""
