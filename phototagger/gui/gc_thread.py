"""Python's cycle collector, run on the GUI thread only while the window runs.

Python collects reference cycles on whichever thread allocates when its counts pass their
thresholds: a scan's job thread (TensorFlow allocates without pause) or a thumbnail thread. A
cycle that holds a Qt object (a dialog and a function connected to one of its signals) collected
there destroys that Qt object on the worker thread. Qt objects belong to the GUI thread, and
destroying one takes Qt's own locks with Python's held: the kind of call on a worker thread that
froze the window once (gui/handoff.py, commit dd2601a).

So while the window runs, automatic collection is off and a timer on the GUI thread collects as
Python would (gen 0 past its threshold, gen 1 past its own, gen 2 past its own), ten times a
second at most. A full collection (gen 2) takes 0.15 s or more once TensorFlow is loaded, so it
runs at most every FULL_EVERY_S seconds (Python's own collector also holds full collections back,
until a quarter of the long-lived objects are new). Cycles wait at most a tick longer than they
would; objects without cycles are freed at once as always.
"""

from __future__ import annotations

import gc
import time
from collections.abc import Iterator
from contextlib import contextmanager

from PySide6.QtCore import QObject, QTimer

INTERVAL_MS = 100
FULL_EVERY_S = 10.0


class GuiThreadCollector(QObject):
    """Collects cycles when Python would have, on the thread it was made on (the GUI thread)."""

    def __init__(self) -> None:
        super().__init__()
        self._last_full = time.monotonic()
        self._timer = QTimer(self)
        self._timer.setInterval(INTERVAL_MS)
        self._timer.timeout.connect(self.check)

    def start(self) -> None:
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()

    def check(self) -> int:
        """Collect the generation Python's thresholds call for, if any: its number, else -1."""
        threshold0, threshold1, threshold2 = gc.get_threshold()
        count0, count1, count2 = gc.get_count()
        if count0 <= threshold0 or threshold0 == 0:
            return -1
        generation = 0
        if count1 > threshold1:
            generation = 1
            now = time.monotonic()
            if count2 > threshold2 and now - self._last_full >= FULL_EVERY_S:
                generation = 2
                self._last_full = now
        gc.collect(generation)
        return generation


@contextmanager
def collected_on_gui_thread() -> Iterator[GuiThreadCollector]:
    """While inside: no automatic collection on any thread; the GUI thread's timer collects.
    Automatic collection is back as it was on leaving (a test process goes on as before)."""
    was_enabled = gc.isenabled()
    collector = GuiThreadCollector()
    gc.disable()
    collector.start()
    try:
        yield collector
    finally:
        collector.stop()
        if was_enabled:
            gc.enable()
