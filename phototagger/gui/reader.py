"""Library queries that can take more than a few milliseconds, run on a reader thread.

The reader has its own connection (WAL lets it read while the GUI or a job writes). Each
request belongs to a channel; when several requests of one channel are in flight only the
newest one's answer is delivered, so a user clicking through tags quickly never sees an
older filter's photos arrive last. Answers come back to the GUI thread through a mailbox
(gui/handoff.py): the reader thread emits no signal of its own.
"""

from __future__ import annotations

import atexit
import itertools
import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QThread, Signal, Slot

from phototagger.core.errors import PhototaggerError
from phototagger.core.library import Library, open_library
from phototagger.gui.handoff import Mailbox
from phototagger.gui.jobs import desktop_reason
from phototagger.paths import LibraryHome

_log = logging.getLogger(__name__)
Query = Callable[[Library], Any]  # runs on the reader thread, with the reader's own library

# The reader threads not shut down yet, with their workers. Qt aborts the whole program when a
# running QThread is destroyed, and a reader that Python collects without shutdown() (its window
# gone without a close event) would destroy its thread: held here, the thread lives on, idle.
_RUNNING: set[tuple[QThread, QObject]] = set()


@atexit.register
def _stop_left_running() -> None:
    """At exit, the threads left running are stopped before Python destroys them."""
    for thread, _worker in list(_RUNNING):
        thread.quit()
        thread.wait()
    _RUNNING.clear()


class _ReaderWorker(QObject):
    """Lives on the reader thread. Each answer goes to `mailbox` as (token, True, result), or
    (token, False, reason) when the query raised."""

    def __init__(self, home: LibraryHome, mailbox: Mailbox) -> None:
        super().__init__()
        self._home = home
        self._mailbox = mailbox
        self._library: Library | None = None

    @Slot(int, object)
    def execute(self, token: int, query: Query) -> None:
        try:
            if self._library is None:
                self._library = open_library(self._home)
            result = query(self._library)
        except Exception as exc:
            # An answer with a reason (a tag the active model lacks, a damaged version...):
            # shown where it was asked; only a bug's traceback belongs in the log.
            damaged = desktop_reason(exc)
            if damaged is not None:
                self._mailbox.put(token, False, damaged[0])
            elif isinstance(exc, PhototaggerError):
                self._mailbox.put(token, False, exc.message)
            else:
                _log.exception("library query failed")
                self._mailbox.put(token, False, str(exc) or type(exc).__name__)
            return
        self._mailbox.put(token, True, result)

    @Slot()
    def close(self) -> None:
        if self._library is not None:
            self._library.close()
            self._library = None


class LibraryReader(QObject):
    """Runs `query(library)` on the reader thread and calls `done(result)` on the GUI thread."""

    _request = Signal(int, object)
    _close = Signal()
    failed = Signal(str)
    settled = Signal()  # no request is in flight any more (tests and benchmarks wait on it)

    def __init__(self, home: LibraryHome, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._thread = QThread()
        self._thread.setObjectName("library-reader")
        self._worker = _ReaderWorker(home, Mailbox(self._from_reader))
        self._worker.moveToThread(self._thread)
        self._request.connect(self._worker.execute)
        self._close.connect(self._worker.close)
        self._tokens = itertools.count(1)
        self._latest: dict[str, int] = {}
        self._pending: dict[int, tuple[str, Callable[[Any], None]]] = {}
        self._on_error: dict[int, Callable[[str], None]] = {}
        _RUNNING.add((self._thread, self._worker))
        self._thread.start()

    def submit(
        self,
        channel: str,
        query: Query,
        done: Callable[[Any], None],
        failed: Callable[[str], None] | None = None,
    ) -> None:
        """`failed(reason)` is called instead of `done` if the query raises (else the reader's
        `failed` signal is emitted)."""
        token = next(self._tokens)
        self._latest[channel] = token
        self._pending[token] = (channel, done)
        if failed is not None:
            self._on_error[token] = failed
        self._request.emit(token, query)

    @property
    def busy(self) -> bool:
        return bool(self._pending)

    def _take(self, token: int) -> Callable[[Any], None] | None:
        channel, done = self._pending.pop(token, ("", None))
        return done if self._latest.get(channel) == token else None

    def _from_reader(self, token: int, answered: bool, result: Any) -> None:
        if answered:
            self._answered(token, result)
        else:
            self._broke(token, result)

    def _answered(self, token: int, result: object) -> None:
        self._on_error.pop(token, None)
        done = self._take(token)
        if done is not None:
            done(result)
        if not self._pending:
            self.settled.emit()

    def _broke(self, token: int, message: str) -> None:
        on_error = self._on_error.pop(token, None)
        if self._take(token) is not None:
            if on_error is not None:
                on_error(message)
            else:
                self.failed.emit(message)
        if not self._pending:
            self.settled.emit()

    def shutdown(self) -> None:
        """Stops the thread; an answer still on its way to the GUI thread is dropped: the window
        that asked is going away and its library may be closed already (a scan resumed then
        read a closed database)."""
        self._pending.clear()
        self._on_error.clear()
        self._close.emit()
        self._thread.quit()
        self._thread.wait()
        _RUNNING.discard((self._thread, self._worker))
