"""Background threads for the GUI's decoding (thumbnails, full-size pictures).

Python threads rather than a QThreadPool owned by a widget: a QThreadPool's destructor waits for
its running tasks while holding Python's interpreter lock, and a task that needs that lock to
finish then never does. A window collected in the middle of a load hung the whole program that
way. Dropping a WorkerPool never waits; its last task finishes and its result goes nowhere.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor, wait


class WorkerPool:
    def __init__(self, threads: int, name: str) -> None:
        self.threads = threads
        self._executor = ThreadPoolExecutor(max_workers=threads, thread_name_prefix=name)
        self._lock = threading.Lock()
        self._futures: set[Future[None]] = set()
        self._closed = False

    def start(self, task: Callable[[], None]) -> None:
        if self._closed:  # the window is closing: nothing new is decoded
            return
        future = self._executor.submit(task)
        with self._lock:
            self._futures.add(future)
        future.add_done_callback(self._forget)

    def clear(self) -> None:
        """Drop the tasks not started yet (the one running finishes)."""
        with self._lock:
            waiting = list(self._futures)
        for future in waiting:
            future.cancel()

    def wait(self, timeout_s: float) -> bool:
        """Wait up to `timeout_s` for the tasks started; True if all are done."""
        with self._lock:
            started = list(self._futures)
        return not wait(started, timeout=timeout_s).not_done

    def shutdown(self, timeout_s: float = 5.0) -> None:
        self._closed = True
        self.clear()
        self.wait(timeout_s)
        self._executor.shutdown(wait=False, cancel_futures=True)

    def _forget(self, future: Future[None]) -> None:
        with self._lock:
            self._futures.discard(future)
