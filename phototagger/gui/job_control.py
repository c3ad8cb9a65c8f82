"""Jobs as the main window shows them: starting a scan, its progress and Cancel in the status
bar, the grid and counts refreshed while it runs, and the outcome when it ends."""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import sqlite_utils
from PySide6.QtCore import QObject, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from phototagger.core.embedding_matrix import unwritten_note
from phototagger.core.folders import holding_root
from phototagger.core.jobs import Progress
from phototagger.core.library import Library
from phototagger.core.metadata.write import WriteOptions
from phototagger.core.model.retag import (
    PutBack,
    put_back_killed_switch,
    put_back_words,
    switch_left,
)
from phototagger.core.photos_view import library_folders
from phototagger.core.scan import ScanSummary, scan
from phototagger.core.scan_lock import scan_running
from phototagger.core.try_again import TriedAgain, try_again
from phototagger.core.wording import counted, listed
from phototagger.gui.jobs import JobRunner, not_while
from phototagger.gui.status import StatusBar, left_copies_in_words, left_sidecars_in_words
from phototagger.gui.tagger import TaggerCache

# While a job runs, the grid and the counts are read again at most this often, and at the latest
# this long after a report: photos appear as the scan finds them, then as they are tagged.
REFRESH_DURING_JOB_S = 1.0
# File ▸ Cancel Job's tip while it is greyed out.
NO_JOB = "No job is running"


@dataclass(frozen=True)
class JobViews:
    """What the window shows around a job, handed to JobControl so it needs no window."""

    idle_only: Sequence[QAction | QWidget]  # enabled only while no job runs
    cancel: QAction
    job_started: Callable[[], None]  # e.g. show the grid instead of the empty-library page
    refresh: Callable[[], bool]  # read the grid and counts again if the readers are free; ran?
    job_ended: Callable[[], None]  # everything a job may have changed, read again
    show_versions: Callable[[], None]  # Model Versions, where a damaged version is replaced
    model_status: Callable[[], None]  # the status bar's model version and where it runs, again
    grid_order: Callable[[], str]  # the grid's sort, read by a scan (on its thread) as it tags
    # The grid's filter in words ("Photos tagged clothing"), "" when it shows every photo.
    filter_words: Callable[[], str] = lambda: ""
    # Whether a scan's note that thumbnails cannot be saved is said now: not where the grid's
    # thumbnails said it first (gui/thumbnails.py: ThumbnailCache.first_said).
    first_said: Callable[[str], bool] = lambda _note: True
    # A scan saved thumbnails: a reason said before is said again when it comes back.
    saved_again: Callable[[], None] = lambda: None


class JobControl(QObject):
    def __init__(
        self,
        parent: QWidget,
        db: sqlite_utils.Database,
        jobs: JobRunner,
        status: StatusBar,
        taggers: TaggerCache,
        views: JobViews,
    ) -> None:
        super().__init__(parent)
        self._parent = parent
        self._db = db
        self._jobs = jobs
        self._status = status
        self._taggers = taggers
        self._views = views
        self._last_refresh = 0.0
        # A report too soon after the last refresh is not dropped but shown when due: the
        # walk's and "loading the model" came within the first second, the next one only once
        # the model had loaded and tagged a batch, and a first start showed an empty grid and
        # FOLDERS heading for that minute over photos the walk had committed, waiting.
        self._refresh_timer = QTimer(self, singleShot=True)
        self._refresh_timer.timeout.connect(self._refresh_due)
        self._phase = ""  # of the running job's last report
        self.queued: list[str] = []  # folders added while a job ran: scanned when it ends
        # Their notes ("Pictures is already in the library, rescanned"), said when they are.
        self._queued_notes: dict[str, str] = {}
        self._put_back_said = ""  # a killed switch put back, said again as the next job ends
        # Their own tips, given back when a job ends (while one runs they say which).
        self._tips = [(c.toolTip(), c.statusTip()) for c in views.idle_only]
        jobs.started.connect(self._started)
        jobs.progress.connect(self._progress)
        jobs.idle.connect(self.idle)
        jobs.failed.connect(self._failed)
        status.job.cancel_requested.connect(self.cancel)
        self._set_enabled(True)

    def add_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(
            self._parent, "Add a Folder of Photos", os.path.expanduser("~")
        )
        if not folder:
            return
        # A folder already in the library (or inside one) is only rescanned: "4 photos found,
        # 0 new" read as if its photos had been missed.
        inside = holding_root(folder, library_folders(self._db))
        note = ""
        if inside is not None:
            same = os.path.normpath(folder) == inside
            name = _name(folder)
            note = (
                f"{name} is already in the library, rescanned"
                if same
                else f"{name} is already in the library (in {inside}), rescanned"
            )
        self.start_scan([folder], note)

    def rescan(self) -> None:
        folders = library_folders(self._db)
        if folders and not self._put_back_then(lambda: self.start_scan(folders)):
            self.start_scan(folders)

    def put_back_then_resume(self, pending: int, database_path: Path) -> None:
        """At start: a model switch killed midway (the app or `train` killed while re-tagging,
        the computer gone off) is put back first, and said: its photos had kept the new
        version's tags under the old one, the new one listed as never made active, until the
        next scan or switch. Then the last scan goes on (resume)."""
        if not self._put_back_then(lambda: self.resume(pending, database_path)):
            self.resume(pending, database_path)

    def _put_back_then(
        self, then: Callable[[], object], stopped: Callable[[], object] = lambda: None
    ) -> bool:
        """A model switch killed midway (`models use` or `train` killed from a terminal while
        the app was open, the app itself at its last run) put back as a job of its own and
        said (_say_put_back), then `then` once the runner is idle; `stopped` instead where the
        user stopped the job (the put-back itself runs to its end). A Rescan or Try Again put
        it back inside its scan without a word (bad43). False, and nothing started, where no
        switch was left or another job runs."""
        if not switch_left(self._db) or self._jobs.busy:
            return False
        cancelled: list[bool] = []

        def job(library: Library, _progress: Any, cancel: Any) -> PutBack | None:
            put_back = put_back_killed_switch(library)
            cancelled.append(bool(cancel.cancelled))
            return put_back

        def then_said() -> None:
            (stopped if any(cancelled) else then)()
            if not self._jobs.busy:  # no job followed (nothing left to scan): said once only
                self._put_back_said = ""

        def go_on(*_: object) -> None:  # once the runner is idle: a job may start
            QTimer.singleShot(0, then_said)

        def done(put_back: PutBack | None) -> None:
            if put_back is not None:
                self._say_put_back(put_back)
            go_on()

        return self._jobs.start(
            "Putting back a model switch cut short", job, on_done=done, on_failed=go_on
        )

    def _say_put_back(self, put_back: PutBack) -> None:
        """The status bar says a killed switch put back, in the words of `models` and `scan`
        (put_back_words), with the app's way to make the version active after all."""
        apply = "select it in Model ▸ Model Versions and click Make Active"
        words = put_back_words(put_back, apply)
        self._put_back_said = words[0].upper() + words[1:]
        self._status.showMessage(self._put_back_said, 60_000)

    def _after_put_back(self, text: str) -> str:
        """`text`, the line a Rescan or Try Again ends with, after the put-back said before it:
        a rescan with nothing new ended within a second, its line over the put-back's."""
        said, self._put_back_said = self._put_back_said, ""
        return f"{said}. {text}" if said else text

    def resume(self, pending: int, database_path: Path) -> bool:
        """At start, with `pending` photos found and not tagged yet (the window was closed
        during a scan, or the computer went off): the scan goes on by itself, where it waited
        for File ▸ Rescan Folders. Not while another phototagger scans the library: its photos
        show here as it tags them."""
        folders = library_folders(self._db)
        if not pending or not folders or self._jobs.busy or scan_running(database_path):
            return False
        if not self.start_scan(folders):
            return False
        left = counted(pending, "photo")
        self._status.showMessage(f"Going on with the last scan: {left} left to tag", 10000)
        return True

    def start_scan(self, folders: list[str], note: str = "") -> bool:
        """Scan `folders` (queued while another job runs); `note` leads the status line it ends
        with."""
        if self._jobs.busy and not self._jobs.cancelling:
            self.queued.extend(f for f in folders if f not in self.queued)
            if note:
                # Kept for the scan that runs it: queued, the note was lost, and the folder's
                # rescan read "Scan finished: 4 photos found, 0 new" after all.
                self._queued_notes.update(dict.fromkeys(folders, note))
            queued = f"{counted(len(self.queued), 'folder')} queued"
            self._status.showMessage(
                # "Pictures is already in the library, rescanned when the running job ends"
                f"{note} when the running job ends"
                + (f" ({queued})" if len(self.queued) > 1 else "")
                if note
                else f"{queued}: scanned when the running job ends",
                8000,
            )
            return True
        # The grid's sort as the scan goes (a plain attribute read): one changed during the
        # scan is followed by the photos not tagged yet.
        taggers, order = self._taggers, self._views.grid_order
        title = (
            "Scanning " + _name(folders[0])
            if len(folders) == 1
            else f"Scanning {len(folders)} folders"
        )

        def job(library: Library, progress: Any, cancel: Any) -> ScanSummary:
            return scan(
                library,
                folders,
                taggers.loader_for(library),
                progress=progress,
                cancel=cancel,
                order=order,
            )

        started = self._jobs.start(
            title, job, on_done=lambda summary: self._scan_done(summary, note)
        )
        if not started:
            self._status.showMessage("Wait for the running job to finish, or cancel it", 5000)
        return started

    def start_try_again(
        self,
        paths: list[str],
        write_options: WriteOptions | None,
        on_done: Callable[[TriedAgain | None], None],
        on_failed: Callable[[str], None],
    ) -> bool:
        """File ▸ Problems ▸ Try Again on `paths` as a job (core/try_again.py), the scan's way:
        False, and nothing started, while another job runs."""
        if self._jobs.busy:
            return False

        def then_try() -> None:
            if not self.start_try_again(paths, write_options, on_done, on_failed):
                on_failed("another job started first: choose Try Again once it ends")

        if self._put_back_then(then_try, lambda: on_done(None)):
            return True
        taggers, order = self._taggers, self._views.grid_order()

        def job(library: Library, progress: Any, cancel: Any) -> TriedAgain:
            return try_again(
                library,
                paths,
                taggers.loader_for(library),
                write_options,
                progress=progress,
                cancel=cancel,
                order=order,
            )

        def done(tried: TriedAgain | None) -> None:
            said = "Try Again stopped" if tried is None else tried.summary()
            self._status.showMessage(self._after_put_back(said), 30000)
            on_done(tried)

        title = f"Trying {counted(len(paths), 'file')} again"
        return self._jobs.start(title, job, on_done=done, on_failed=on_failed)

    def _scan_done(self, summary: ScanSummary | None, note: str = "") -> None:
        if summary is None:
            return
        text = (
            f"{note + ': ' if note else 'Scan finished: '}{summary.found_in_words()}, "
            f"{summary.new:,} new, {summary.tagged:,} tagged"
        )
        if summary.moved:  # through the tagging pass ("Tagging 24 of 24"), not tagged again
            text += f", {summary.moved:,} recognised as moved (tags kept)"
        if summary.returned:
            # A folder removed from the library and added again, a drive plugged back in:
            # "0 new, 0 tagged" alone read as if nothing had come of it (the CLI: "back again").
            text += f", {summary.returned:,} back in the library, their tags kept"
        if summary.file_tags_in_words():  # digiKam's edits read: said, as the CLI says them
            text += f", {summary.file_tags_in_words()}"
        if summary.missing:  # deleted, or in a folder gone from the disk: out of the grid
            text += f", {summary.missing:,} no longer there"
        if summary.problems:
            # A file that is no photo is not in the grid: the menu is the only way to it. A
            # rescan counts again those listed before: how many are new is said apart.
            text += f", {summary.problems:,} could not be read"
            if summary.known_problems and summary.problems == 1:  # not "none of them new"
                text += ", listed before"
            elif summary.known_problems:
                new = summary.problems - summary.known_problems
                text += f", {f'{new:,}' if new else 'none'} of them new"
            text += summary.not_found_in_words(first=not summary.known_problems)
            text += " (File ▸ Problems says why)"
        if summary.region_problems:
            text += f", {summary.region_problems_in_words()} (File ▸ Problems)"
        if summary.cancelled and summary.pending_left:
            left = counted(summary.pending_left, "photo")
            text = f"Scan stopped: {left} left to tag (rescan to resume)"
        elif summary.cancelled:  # nothing left to tag: which step the stop cut short, as the CLI
            text = f"Scan {summary.stopped_in_words()}"
        unwritten = summary.thumbnails_unwritten  # the cache's disk full: shown all the same
        # The disk was freed since: said again if full again; not where the scan saved some
        # and failed others (a nearly full disk): one run of failures, said once (left53).
        if summary.thumbnails_saved and not unwritten:
            self._views.saved_again()
        if unwritten and self._views.first_said(unwritten):  # said once, here or by the grid
            text += f". {unwritten}"
        if summary.left_copies:
            text += f". {left_copies_in_words(summary.left_copies)}"
        if summary.left_sidecars:
            text += f". {left_sidecars_in_words(summary.left_sidecars)}"
        shown = self._views.filter_words()
        if summary.new and shown and not summary.cancelled:
            # The new photos were added out of view, behind a tag filter chosen before.
            text += f". Filter on ({shown}): Show All Photos to see every new one"
        self._status.showMessage(self._after_put_back(text), 15000)

    def cancel(self) -> None:
        if self._jobs.busy:
            self._jobs.cancel()
            self._status.job.cancelling()

    def _set_enabled(self, idle: bool, title: str = "") -> None:
        for control, (tip, status) in zip(self._views.idle_only, self._tips, strict=True):
            control.setEnabled(idle)
            control.setToolTip(tip if idle else not_while(tip, title))
            control.setStatusTip(status if idle else not_while(status, title, one_line=True))
        self._views.cancel.setEnabled(not idle)
        # Greyed out with nothing saying why, as the controls above were: said in its tooltip
        # and in the status bar as the menu passes over it, with the job's name while one runs.
        cancel = self._views.cancel
        keys = cancel.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
        said = NO_JOB if idle else f"Stop “{title}”; the work done so far is kept"
        cancel.setStatusTip(said)
        cancel.setToolTip(f"{said} ({keys})" if keys else said)
        if not idle:  # the status bar's Cancel button says the same, with the menu's keys
            self._status.job.cancel.setToolTip(cancel.toolTip())

    def _started(self, title: str) -> None:
        self._status.job.start(title)
        self._phase = ""
        self._last_refresh = time.monotonic()
        self._set_enabled(False, title)
        self._views.job_started()

    def _progress(self, progress: Progress) -> None:
        self._status.job.update_progress(progress)
        if progress.phase != self._phase:
            # Where the model runs is known once the job has loaded it: the status bar read
            # "model not loaded yet" through a whole first scan, until it ended.
            self._phase = progress.phase
            self._views.model_status()
        if not self._refresh_timer.isActive():
            wait = REFRESH_DURING_JOB_S - (time.monotonic() - self._last_refresh)
            self._refresh_timer.start(max(0, round(wait * 1000)))

    def _refresh_due(self) -> None:
        if not self._jobs.busy:
            return  # the job's end reads everything again
        if self._views.refresh():
            self._last_refresh = time.monotonic()
        else:  # a query still in flight: its answer may predate the report, so read once more
            self._refresh_timer.start(round(REFRESH_DURING_JOB_S * 1000))

    def idle(self) -> None:
        self._refresh_timer.stop()
        self._status.job.hide()
        self._set_enabled(True)
        self._views.job_ended()
        if note := unwritten_note():
            # The embeddings' copy a job (a scan's end, a training, a re-tag) could not save: its
            # results the same, read from the library instead; said once, after the job's line.
            line = self._status.currentMessage()
            self._status.showMessage(f"{line}. {note}" if line else note, 30000)
        if self.queued:
            folders, self.queued = self.queued, []
            notes, self._queued_notes = self._queued_notes, {}
            said = list(dict.fromkeys(notes[f] for f in folders if f in notes))
            others = [_name(f) for f in folders if f not in notes]
            if others:
                # Named: the scan of the folders added while another ran ended "Scan finished:
                # 220 photos found" over the first's line, 370 photos added in all.
                said.append(f"{listed(others)} scanned")
            self.start_scan(folders, "; ".join(said))

    def _failed(self, message: str) -> None:
        title = self._jobs.title
        self._status.showMessage(f"{title} failed: {message}", 30000)
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            "phototagger",
            f"{title} failed",
            QMessageBox.StandardButton.Ok,
            self._parent,
        )
        box.setInformativeText(message)
        if self._jobs.damaged is not None:
            # The way out of a damaged version is another one: offered here, one click away.
            show = box.addButton("Show Model Versions", QMessageBox.ButtonRole.ActionRole)
            show.clicked.connect(self._views.show_versions)
        box.open()


def _name(folder: str) -> str:
    """A folder as the status line names it: its own name ("Pictures")."""
    return os.path.basename(folder.rstrip(os.sep)) or folder
