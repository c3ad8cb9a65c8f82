"""Cycles holding Qt objects are collected on the GUI thread, not on a worker that allocates
(gui/gc_thread.py): a scan's thread allocating without pause must not destroy a dialog."""

from __future__ import annotations

import gc
import threading

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QApplication

from phototagger.gui.gc_thread import collected_on_gui_thread


class _Cycle:
    """A cycle with a Qt object in it, as a dialog and a function connected to it make (none
    where the cycle is collected on the worker: destroying one there is the fault itself)."""

    def __init__(self, seen: list[str], with_qt: bool = True) -> None:
        self.me = self
        self.qt = QObject() if with_qt else None
        self.seen = seen

    def __del__(self) -> None:
        self.seen.append(threading.current_thread().name)


def _allocate_on_a_worker(kept: list[object]) -> None:
    """A worker makes 100,000 containers, kept in `kept` (a scan's batch is held as long)."""

    def work() -> None:
        for _ in range(50):
            kept.append([[] for _ in range(2_000)])

    worker = threading.Thread(target=work, name="worker")
    worker.start()
    worker.join()


def _make_garbage(seen: list[str], with_qt: bool = True) -> None:
    gc.collect()
    _Cycle(seen, with_qt)  # unreachable at once: only a collection frees it


def test_a_cycle_is_collected_on_the_gui_thread_while_a_worker_allocates(qapp: QApplication):
    seen: list[str] = []
    with collected_on_gui_thread() as collector:
        _make_garbage(seen)
        kept: list[object] = []
        _allocate_on_a_worker(kept)
        assert seen == []  # the worker's allocations collected nothing
        assert collector.check() >= 0  # what its timer does: the counts call for a pass
        kept.clear()
    assert seen == [threading.current_thread().name]
    assert gc.isenabled()  # automatic collection is back on leaving


def test_without_it_the_worker_collects_the_cycle(qapp: QApplication):
    """What the window's threads did before: the allocating worker ran the collection."""
    assert gc.isenabled()
    seen: list[str] = []
    _make_garbage(seen, with_qt=False)
    kept: list[object] = []
    _allocate_on_a_worker(kept)
    assert seen == ["worker"]


def test_the_timer_collects_when_the_counts_call_for_it(qapp: QApplication, qtbot):
    seen: list[str] = []
    with collected_on_gui_thread():
        _make_garbage(seen)
        kept: list[object] = []
        _allocate_on_a_worker(kept)
        assert seen == []
        qtbot.waitUntil(lambda: seen != [], timeout=5_000)
    assert seen == [threading.current_thread().name]
