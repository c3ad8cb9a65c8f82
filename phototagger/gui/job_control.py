"""Jobs as the main window shows them: starting a scan, its progress and Cancel in the status
bar, the grid and counts refreshed while it runs, and the outcome when it ends."""

from __future__ import annotations

import os
import time
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QFileDialog, QMessageBox

from phototagger.core.jobs import Progress
from phototagger.core.library import Library
from phototagger.core.photos_view import library_folders
from phototagger.core.scan import ScanSummary, scan

if TYPE_CHECKING:
    from phototagger.gui.main_window import MainWindow

# While a job runs, the grid and the counts are read again at most this often: new photos
# appear as they are tagged.
REFRESH_DURING_JOB_S = 1.0


class JobControl(QObject):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self._window = window
        self._last_refresh = 0.0
        self.queued: list[str] = []  # folders added while a job ran: scanned when it ends
        jobs = window.jobs
        jobs.started.connect(self._started)
        jobs.progress.connect(self._progress)
        jobs.idle.connect(self.idle)
        jobs.failed.connect(self._failed)
        window.status.job.cancel_requested.connect(self.cancel)
        self._set_enabled(True)

    def add_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(
            self._window, "Add a Folder of Photos", os.path.expanduser("~")
        )
        if folder:
            self.start_scan([folder])

    def rescan(self) -> None:
        folders = library_folders(self._window.db)
        if folders:
            self.start_scan(folders)

    def start_scan(self, folders: list[str]) -> bool:
        if self._window.jobs.busy and not self._window.jobs.cancelling:
            self.queued.extend(f for f in folders if f not in self.queued)
            self._window.status.showMessage(
                f"{len(self.queued)} folder{'s' if len(self.queued) != 1 else ''} queued: "
                "scanned when the running job ends",
                8000,
            )
            return True
        taggers = self._window.taggers
        title = (
            "Scanning " + os.path.basename(folders[0].rstrip(os.sep))
            if len(folders) == 1
            else f"Scanning {len(folders)} folders"
        )

        def job(library: Library, progress: Any, cancel: Any) -> ScanSummary:
            return scan(
                library, folders, taggers.loader_for(library), progress=progress, cancel=cancel
            )

        started = self._window.jobs.start(title, job, on_done=self._scan_done)
        if not started:
            self._window.status.showMessage(
                "Wait for the running job to finish, or cancel it", 5000
            )
        return started

    def _scan_done(self, summary: ScanSummary | None) -> None:
        if summary is None:
            return
        text = (
            f"Scan finished: {summary.found:,} photos found, {summary.new:,} new, "
            f"{summary.tagged:,} tagged"
        )
        if summary.problems:
            text += f", {summary.problems:,} could not be read"
        if summary.cancelled:
            text = f"Scan stopped: {summary.pending_left:,} photos left to tag (rescan to resume)"
        self._window.status.showMessage(text, 15000)

    def cancel(self) -> None:
        if self._window.jobs.busy:
            self._window.jobs.cancel()
            self._window.status.job.cancelling()

    def _set_enabled(self, idle: bool) -> None:
        commands = self._window.commands
        for action in (commands.rescan, commands.train):
            action.setEnabled(idle)
        commands.cancel_job.setEnabled(not idle)
        self._window.empty_button.setEnabled(idle)

    def _started(self, title: str) -> None:
        self._window.status.job.start(title)
        self._last_refresh = time.monotonic()
        self._set_enabled(False)
        self._window.centre.show_grid()

    def _progress(self, progress: Progress) -> None:
        window = self._window
        window.status.job.update_progress(progress)
        now = time.monotonic()
        if (
            now - self._last_refresh >= REFRESH_DURING_JOB_S
            and not window.reader.busy
            and not window.stats.busy
        ):
            self._last_refresh = now
            window.controller.reload()
            window.load_overview()

    def idle(self) -> None:
        window = self._window
        window.status.job.hide()
        self._set_enabled(True)
        window.update_model_status()
        window.details.refresh()
        window.refresh()
        if self.queued:
            folders, self.queued = self.queued, []
            self.start_scan(folders)

    def _failed(self, message: str) -> None:
        window = self._window
        window.status.showMessage(f"{window.jobs.title} failed: {message}", 30000)
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            "phototagger",
            f"{window.jobs.title} failed",
            QMessageBox.StandardButton.Ok,
            window,
        )
        box.setInformativeText(message)
        box.open()
