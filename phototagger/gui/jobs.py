"""The one job runner: a core job function on its own thread, its reports turned into signals.

A job is `fn(library, progress, cancel) -> result`. It gets a library connection opened in its
own thread (SQLite connections are not shared between threads), reports core.jobs.Progress and
checks the CancelToken between batches; the runner relays each report as a Qt signal on the GUI
thread. The pattern is napari's `_qt/qthreading.py` and Picard's `util/thread.py`; the job's
thread hands its reports and its end to the GUI thread through a mailbox (gui/handoff.py), and
emits no signal of its own.
"""

from __future__ import annotations

import atexit
import logging
import time
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QThread, Signal

from phototagger.core.failures import damaged_version, explain
from phototagger.core.jobs import Cancelled, CancelToken, Progress, ProgressCallback
from phototagger.core.library import Library, open_library
from phototagger.gui.handoff import Mailbox
from phototagger.paths import LibraryHome

_log = logging.getLogger(__name__)
JobFunction = Callable[[Library, ProgressCallback, CancelToken], Any]

# Reports closer together than this are dropped (the last one of a job always goes through):
# a scan can report hundreds of times a second, and a GUI needs a few.
REPORT_INTERVAL_S = 0.1

# Every job thread started and not yet ended. Qt aborts the whole program when a running QThread
# is destroyed: a window closed mid-job (it waits a moment, then goes) drops its runner, and the
# thread must outlive it until its job notices the cancel. Ended threads are dropped at the next
# start.
_STARTED: set[_JobThread] = set()


@atexit.register
def _end_left_running() -> None:
    """At exit, the jobs left running are told to stop and waited for before Python destroys
    their threads (the app itself leaves at once instead: gui/app.py)."""
    for thread in list(_STARTED):
        thread.cancel()
        thread.wait()
    _STARTED.clear()


# A damaged model version's way out, in the app: the command line's own line names a command.
DAMAGED_ADVICE = (
    "In Model ▸ Model Versions, select another version and click Make Active, or train a new model"
)

# The same, met by a training: it starts from the active version, so training again cannot help.
TRAINING_ADVICE = (
    "Training starts from the active model: in Model ▸ Model Versions, select another version "
    "and click Make Active, then train"
)


def desktop_reason(exc: BaseException) -> tuple[str, str] | None:
    """(what to tell the user, the damaged version) when `exc` is a damaged model version;
    else None, and explain() has the line."""
    damaged = damaged_version(exc)
    if damaged is None:
        return None
    version, why, training = damaged
    advice = TRAINING_ADVICE if training else DAMAGED_ADVICE
    return f"model version {version} cannot be used: {why}. {advice}", version


class _JobThread(QThread):
    """Runs one job. What it reports goes to `mailbox` as ("reported", progress), then one of
    ("succeeded", result) or ("errored", reason, damaged version or None)."""

    def __init__(
        self, fn: JobFunction, home: LibraryHome, token: CancelToken, mailbox: Mailbox
    ) -> None:
        super().__init__()
        self._fn = fn
        self._home = home
        self._token = token
        self._mailbox = mailbox
        self._last_report = 0.0
        self._last_phase = ""

    def _report(self, progress: Progress) -> None:
        now = time.monotonic()
        final = progress.total is not None and progress.done >= progress.total
        # A new phase is always shown: one reported just after the last one's final count was
        # dropped, and "Tagging 1,000 of 1,000" stayed up through minutes of other work.
        new_phase = progress.phase != self._last_phase
        if final or new_phase or now - self._last_report >= REPORT_INTERVAL_S:
            self._last_report = now
            self._last_phase = progress.phase
            self._mailbox.put("reported", progress)

    def cancel(self) -> None:
        self._token.cancel()

    def run(self) -> None:
        try:
            with open_library(self._home) as library:
                result = self._fn(library, self._report, self._token)
        except Cancelled:
            self._mailbox.put("succeeded", None)
        except Exception as exc:  # any failure is reported to the user, never lost in a thread
            # A full disk, a read-only library, a damaged version: said in words, and no bug;
            # only a failure nobody expected gets its traceback in the log.
            damaged = desktop_reason(exc)
            reason = damaged[0] if damaged else explain(exc, self._home)
            if reason is None:
                _log.exception("job failed")
            else:
                _log.warning("job failed: %s", reason)
            self._mailbox.put(
                "errored", reason or str(exc) or type(exc).__name__, damaged[1] if damaged else None
            )
        else:
            self._mailbox.put("succeeded", result)


def not_while(tip: str, title: str, one_line: bool = False) -> str:
    """The tip of a control greyed out while a job runs: what it does, and why not now (Train
    and Ctrl+T were greyed out with nothing saying a scan ran). `one_line`: the status bar's,
    short enough to be read beside the job's progress and its Cancel button."""
    why = f"Not while a job runs ({title})"
    if one_line:
        return f"{tip} · {why}" if tip else why
    why += ": wait for it to finish, or cancel it (File ▸ Cancel Job)"
    return f"{tip}\n{why}" if tip else why


class JobRunner(QObject):
    """Runs one job at a time. Signals arrive on the thread that owns the runner (the GUI's)."""

    started = Signal(str)  # the job's title
    progress = Signal(object)  # core.jobs.Progress
    finished = Signal(object)  # the job function's result (None if it was cancelled by raising)
    failed = Signal(str)  # a one-line reason
    idle = Signal()  # after finished or failed: the runner can take the next job

    def __init__(self, home: LibraryHome, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._home = home
        self._thread: _JobThread | None = None
        self._token: CancelToken | None = None
        self._on_done: Callable[[Any], None] | None = None
        self._on_failed: Callable[[str], None] | None = None
        self.title = ""
        self.damaged: str | None = None  # the damaged model version the last failed job met
        self._mailbox = Mailbox(self._from_thread)

    @property
    def busy(self) -> bool:
        return self._thread is not None

    @property
    def cancelling(self) -> bool:
        return self._token is not None and self._token.cancelled

    def start(
        self,
        title: str,
        fn: JobFunction,
        on_done: Callable[[Any], None] | None = None,
        on_failed: Callable[[str], None] | None = None,
    ) -> bool:
        """Start `fn` on a worker thread; False (and nothing started) if a job is running.

        `on_done(result)` or `on_failed(reason)` is called on the GUI thread when it ends,
        before the runner's own finished or failed signal.
        """
        if self._thread is not None:
            return False
        self.title = title
        self.damaged = None
        self._on_done = on_done
        self._on_failed = on_failed
        self._token = CancelToken()
        thread = _JobThread(fn, self._home, self._token, self._mailbox)
        self._thread = thread
        _STARTED.difference_update([t for t in _STARTED if t.isFinished()])
        _STARTED.add(thread)
        thread.start()
        self.started.emit(title)
        return True

    def cancel(self) -> None:
        if self._token is not None:
            self._token.cancel()

    def wait(self, timeout_ms: int = 30_000) -> bool:
        """Block until the running job has ended (used on quit); True if it did."""
        return self._thread is None or self._thread.wait(timeout_ms)

    def _from_thread(self, kind: str, *args: Any) -> None:
        """On the GUI thread: what the job's thread put in the mailbox, in order."""
        if kind == "reported":
            self.progress.emit(*args)
        elif kind == "succeeded":
            self._succeeded(*args)
        else:
            self._errored(*args)

    def _done(self) -> None:
        thread, self._thread, self._token = self._thread, None, None
        if thread is not None:
            thread.wait()
            _STARTED.discard(thread)
            thread.deleteLater()

    def _succeeded(self, result: object) -> None:
        self._done()
        callback, self._on_done, self._on_failed = self._on_done, None, None
        if callback is not None:
            callback(result)
        self.finished.emit(result)
        self.idle.emit()

    def _errored(self, message: str, damaged: str | None = None) -> None:
        self._done()
        self.damaged = damaged
        callback, self._on_done, self._on_failed = self._on_failed, None, None
        if callback is not None:
            callback(message)
        self.failed.emit(message)
        self.idle.emit()
