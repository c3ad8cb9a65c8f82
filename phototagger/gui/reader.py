"""Library queries that can take more than a few milliseconds, run on a reader thread.

The reader has its own connection (WAL lets it read while the GUI or a job writes), opened on its
thread. Each request belongs to a channel; when several requests of one channel are in flight
only the newest one's answer is delivered, so a user clicking through tags quickly never sees an
older filter's photos arrive last. Answers come back to the GUI thread through a mailbox
(gui/handoff.py).

The thread is a plain Python thread fed by a queue.Queue, and makes no Qt call but the mailbox's
wake: it was a QThread whose QObject worker received each query as a queued call with an
`object` argument, and Qt takes Python's lock to copy such an argument, the kind of Qt call made
off the GUI thread that froze the window once (handoff.py). A query holds no Qt object (it runs
with the reader's library and plain data): the thread lets go of it when it has answered.

shutdown() does not wait for a query running: the window closes at once, and the thread ends
when that query does, closing its connection; nothing it answers is acted on. A reader that
Python collects without shutdown() ends its thread the same way, and at interpreter exit the
readers' threads left are told to stop and waited for (a query still running ends first).
"""

from __future__ import annotations

import atexit
import itertools
import logging
import queue
import threading
import weakref
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Signal

from phototagger.core.errors import PhototaggerError
from phototagger.core.library import Library, open_library
from phototagger.gui.handoff import Mailbox
from phototagger.gui.jobs import desktop_reason
from phototagger.paths import LibraryHome

_log = logging.getLogger(__name__)
Query = Callable[[Library], Any]  # runs on the reader thread, with the reader's own library
_Request = tuple[int, Query] | None  # None: stop


class _ReaderThread(threading.Thread):
    """Runs each (token, query) from `requests` in turn. Each answer goes to `mailbox` as
    (token, True, result), or (token, False, reason) when the query raised. Holds no reference
    to the reader (the mailbox holds a weak one), so a reader dropped without shutdown is
    collected, and its finalizer stops the thread."""

    def __init__(self, home: LibraryHome, mailbox: Mailbox) -> None:
        # A daemon: Python's exit waits for its non-daemon threads before the atexit handlers,
        # and a reader still held then (never shut down) would keep this one waiting for ever;
        # stop_left_running stops and waits for it instead.
        super().__init__(name="library-reader", daemon=True)
        self._home = home
        self._mailbox = mailbox
        self._requests: queue.Queue[_Request] = queue.Queue()
        self._stopping = threading.Event()
        self._library: Library | None = None

    def ask(self, token: int, query: Query) -> None:
        self._requests.put((token, query))

    def stop(self) -> None:
        """From any thread: the query running finishes (its answer goes nowhere), those waiting
        are dropped, and the thread ends."""
        self._stopping.set()
        self._requests.put(None)

    def run(self) -> None:
        try:
            while not self._stopping.is_set():
                request = self._requests.get()
                if request is None or self._stopping.is_set():
                    break
                self._answer(*request)
                del request  # the query goes now, not when the next one comes
        finally:
            if self._library is not None:
                self._library.close()
                self._library = None

    def _answer(self, token: int, query: Query) -> None:
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


@atexit.register
def stop_left_running() -> None:
    """At exit, the reader threads still running are stopped and waited for (their query ends,
    their connection is closed) before Python goes on to destroy what they use. The app calls
    it before it closes its library: a reader's connection open then kept the close's copy of
    the log from being made (and so from being refused, and said: gui/app.py)."""
    left = [t for t in threading.enumerate() if isinstance(t, _ReaderThread)]
    for thread in left:
        thread.stop()
    for thread in left:
        thread.join()


class LibraryReader(QObject):
    """Runs `query(library)` on the reader thread and calls `done(result)` on the GUI thread."""

    failed = Signal(str)
    settled = Signal()  # no request is in flight any more (tests and benchmarks wait on it)

    def __init__(self, home: LibraryHome, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._thread = _ReaderThread(home, Mailbox(self._from_reader))
        self._tokens = itertools.count(1)
        self._latest: dict[str, int] = {}
        self._pending: dict[int, tuple[str, Callable[[Any], None]]] = {}
        self._on_error: dict[int, Callable[[str], None]] = {}
        self._shut = False
        # Collected without shutdown() (its window gone without a close event): the thread ends.
        self._stop = weakref.finalize(self, self._thread.stop)
        self._stop.atexit = False  # stop_left_running does it, and waits
        self._thread.start()

    def submit(
        self,
        channel: str,
        query: Query,
        done: Callable[[Any], None],
        failed: Callable[[str], None] | None = None,
    ) -> None:
        """`failed(reason)` is called instead of `done` if the query raises (else the reader's
        `failed` signal is emitted). After shutdown() nothing is run."""
        if self._shut:
            return
        token = next(self._tokens)
        self._latest[channel] = token
        self._pending[token] = (channel, done)
        if failed is not None:
            self._on_error[token] = failed
        self._thread.ask(token, query)

    @property
    def busy(self) -> bool:
        return bool(self._pending)

    def _take(self, token: int) -> Callable[[Any], None] | None:
        channel, done = self._pending.pop(token, ("", None))
        return done if self._latest.get(channel) == token else None

    def _from_reader(self, token: int, answered: bool, result: Any) -> None:
        if self._shut:
            return  # the window that asked is going away
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
        """Stops the thread without waiting for a query running (it ends with that query); no
        answer is acted on from now on: the window that asked is going away and its library may
        be closed already (a scan resumed then read a closed database)."""
        self._shut = True
        self._pending.clear()
        self._on_error.clear()
        self._stop()
