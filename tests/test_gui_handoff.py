"""gui/handoff.py: what is put in a mailbox reaches its receiver on the GUI thread, in order, and
items that keep arriving while the GUI thread takes them never keep it in the mailbox: its other
events (painting, input, timers) run between. The first drain took items until the deque was
empty, and two threads putting without pause held the GUI thread there for good (seen with
benchmarks/qt_lock_freeze.py: the GUI thread never back in its event loop)."""

from __future__ import annotations

import threading
from typing import Any

import shiboken6
from PySide6.QtCore import QCoreApplication, QObject, QTimer

from phototagger.gui import handoff
from phototagger.gui.handoff import Mailbox

ENOUGH = 5000


class Taker(QObject):
    """Takes numbers; each one taken puts the next, as a thread putting without pause would
    (at most ENOUGH, so that the old drain ends)."""

    def __init__(self) -> None:
        super().__init__()
        self.mailbox = Mailbox(self.take)
        self.taken: list[int] = []
        self.threads: set[str] = set()
        self.taken_when_the_timer_ran: list[int] = []

    def take(self, number: int) -> None:
        self.taken.append(number)
        self.threads.add(threading.current_thread().name)
        if number == 0:  # an event of the GUI's, due while the items keep arriving
            QTimer.singleShot(0, lambda: self.taken_when_the_timer_ran.append(len(self.taken)))
        if number + 1 < ENOUGH:
            self.mailbox.put(number + 1)


def test_items_arriving_without_pause_leave_the_gui_thread_its_other_events(qtbot: Any) -> None:
    taker = Taker()
    worker = threading.Thread(target=taker.mailbox.put, args=(0,), name="worker")
    worker.start()
    worker.join()
    qtbot.waitUntil(lambda: len(taker.taken) == ENOUGH, timeout=20_000)
    assert len(taker.taken_when_the_timer_ran) == 1
    assert taker.taken_when_the_timer_ran[0] < 10  # the old drain: all 5,000 first
    assert taker.taken == list(range(ENOUGH))
    assert taker.threads == {threading.main_thread().name}


def test_a_receiver_running_an_event_loop_of_its_own_loses_nothing(qtbot: Any) -> None:
    """A receiver that runs an event loop (a message box's, on a job's end) takes the items put
    meanwhile there; the drain it interrupted goes on with what is left, in order."""
    taken: list[str] = []

    class Nested(QObject):
        def take(self, item: str) -> None:
            taken.append(item)
            if item == "a":
                mailbox.put("c")
                QCoreApplication.processEvents()  # takes b and c

    nested = Nested()
    mailbox = Mailbox(nested.take)
    mailbox.put("a")
    mailbox.put("b")
    qtbot.waitUntil(lambda: len(taken) == 3, timeout=5000)
    qtbot.wait(50)
    assert taken == ["a", "b", "c"]


def test_a_put_after_the_qt_objects_are_gone_is_dropped(monkeypatch: Any) -> None:
    """At exit PySide deletes every Qt object it holds, the wake-up object too; a thread still
    putting then raised RuntimeError ("already deleted") inside itself."""
    taker = Taker()
    gone = handoff._Waker()
    shiboken6.delete(gone)
    monkeypatch.setattr(handoff, "_waker", gone)
    monkeypatch.setattr(handoff, "_wake_sent", False)
    errors: list[BaseException] = []

    def put() -> None:
        try:
            taker.mailbox.put(1)
        except BaseException as exc:
            errors.append(exc)

    worker = threading.Thread(target=put)
    worker.start()
    worker.join()
    handoff._WAITING.clear()
    assert errors == []
