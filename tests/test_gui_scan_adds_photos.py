"""Add Folder scans on a worker thread with progress and Cancel; the photos fill the grid."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog

from phototagger.core.jobs import Progress
from phototagger.core.scan import ScanSummary
from tests.gui_helpers import (
    JOB_TIMEOUT_MS,
    four_photos,
    open_window,
    prescanned,
    scan,
    settle,
    shown_names,
)
from tests.photo_factory import big_jpeg


def test_add_folder_scans_and_shows_the_photos(qtbot, engine, tmp_path: Path, monkeypatch) -> None:
    pics = four_photos(tmp_path / "Pictures")
    window = open_window(qtbot, engine, tmp_path)
    assert not window.centre.showing_grid  # the empty library's welcome page
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: str(pics))
    reports: list[Progress] = []
    window.jobs.progress.connect(reports.append)
    with qtbot.waitSignal(window.jobs.finished, timeout=JOB_TIMEOUT_MS) as finished:
        window.commands.add_folder.trigger()
        # Add Folder stays available: another folder is queued behind the running scan.
        assert window.jobs.busy and window.commands.add_folder.isEnabled()
        assert window.status.job.isVisible()
    settle(qtbot, window)
    summary = finished.args[0]
    assert isinstance(summary, ScanSummary) and summary.tagged == 4
    assert sorted(shown_names(window)) == [
        "astronaut.jpg",
        "chelsea.jpg",
        "coffee.jpg",
        "rocket.jpg",
    ]
    assert any(r.phase == "tagging" and r.total == 4 for r in reports)
    assert window.centre.showing_grid
    assert "4 photos" in window.status.library.text()
    assert "Scan finished" in window.status.currentMessage()
    assert window.sidebar.tag_count("cat") == 1
    assert window.commands.add_folder.isEnabled() and not window.status.job.isVisible()


def test_a_moved_photo_is_reported_as_moved_not_as_new(qtbot, engine, tmp_path: Path) -> None:
    pics = prescanned(tmp_path / "Pictures", engine)
    (pics / "cats").mkdir()
    (pics / "chelsea.jpg").rename(pics / "cats" / "chelsea.jpg")
    window = open_window(qtbot, engine, tmp_path)
    scan(qtbot, window, pics)
    assert window.status.currentMessage() == (
        "Scan finished: 4 photos found, 0 new, 0 tagged, 1 recognised as moved (tags kept)"
    )
    (pics / "coffee.jpg").unlink()  # deleted: the scan says so, not only "3 photos found"
    scan(qtbot, window, pics)
    assert window.status.currentMessage() == (
        "Scan finished: 3 photos found, 0 new, 0 tagged, 1 no longer there"
    )


def test_cancel_stops_the_scan_and_keeps_what_was_done(qtbot, engine, tmp_path: Path) -> None:
    pics = tmp_path / "many"
    for i in range(40):
        big_jpeg(pics / f"photo{i:02d}.jpg", megapixels=0.05, seed=i)
    window = open_window(qtbot, engine, tmp_path)

    def cancel_once_found(progress: Progress) -> None:
        # The walk has found them all; the job checks its token between batches of 32.
        if progress.phase == "looking for photos" and progress.total == 40:
            window.cancel_job()
            assert window.status.job.cancel.text() == "Stopping…"

    window.jobs.progress.connect(cancel_once_found)
    with qtbot.waitSignal(window.jobs.finished, timeout=JOB_TIMEOUT_MS) as finished:
        window.start_scan([str(pics)])
    settle(qtbot, window)
    summary = finished.args[0]
    assert summary.cancelled and summary.tagged < 40 and summary.pending_left > 0
    assert "rescan to resume" in window.status.currentMessage()
    # Photos still waiting are in the grid too, drawn as "waiting to be tagged".
    assert window.model.rowCount() == 40
    assert "waiting" in window.status.library.text()
