"""The status line's Cancel button kept its size only while the job's words filled the room the
job was given: qa26 saw it stretched to 240 px, the bar beside it and no words, while "1 folder
queued: scanned when the running job ends" showed (a second folder added during a scan), and
measured it 205 px wide (its size 80) beside "Tag 5 of 93". The room left over now goes to the
left of the words, which stay next to the bar; Cancel keeps its size."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QPoint
from pytestqt.qtbot import QtBot

from phototagger.core.jobs import Progress
from tests.gui_helpers import open_window, settle


def test_cancel_keeps_its_size_beside_short_words(qtbot: QtBot, tmp_path: Path) -> None:
    window = open_window(qtbot, None, tmp_path)
    window.resize(1400, 880)
    status, job = window.status, window.status.job
    status.set_model("v1", "CPU (2 cores, LiteRT)")
    job.start("Scanning")
    job.update_progress(Progress("tag", 5, 93, current="IMG_1000.jpg"))
    status.showMessage("1 folder queued: scanned when the running job ends")
    settle(qtbot, window)
    assert job.label.isVisible() and job.cancel.isVisible()
    assert job.cancel.width() == job.cancel.sizeHint().width()
    # The words end at the bar, not somewhere left of a gap.
    end = job.label.mapTo(status, QPoint(job.label.width(), 0)).x()
    bar = job.bar.mapTo(status, QPoint(0, 0)).x()
    layout = job.layout()
    assert layout is not None
    assert 0 <= bar - end <= layout.spacing() + 1
    assert job.label.width() <= job.label.sizeHint().width() + 1

    # The words stepped aside for a long message: Cancel still its own size.
    status.showMessage("Added “a tag with a long name for the photos of the trip” to 6 photos " * 2)
    settle(qtbot, window)
    assert job.stepped_aside
    assert job.cancel.width() == job.cancel.sizeHint().width()
