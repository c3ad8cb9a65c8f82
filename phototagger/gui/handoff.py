"""Results handed from worker threads to the GUI thread without a Qt call that can freeze it.

A worker thread that calls into Qt holding Python's lock (the GIL) can freeze the program: Qt's
call waits for a lock of Qt's that the GUI thread holds, while the GUI thread, inside Qt, waits
for Python's lock (a test run froze so: commit dd2601a). Making QObjects, connecting, destroying
them, loading images through Qt's plugins all take such locks, and so does a worker that drops
the last reference to a QObject, which is then destroyed on the worker's thread.

So a worker holds no QObject and calls Qt for one thing only: it puts what it hands over, with a
weak reference to the GUI method that takes it, in a plain deque, and wakes the GUI thread with
the emit of a signal without arguments, of one object made on the GUI thread that lives as long
as the program. PySide lets go of Python's lock for an emit's whole time inside Qt, and a signal
without arguments needs it back for nothing there (an `object` argument is copied for a queued
call, and copying it takes Python's lock inside Qt). The GUI thread takes the deque's items off
in order; a receiver gone meanwhile (collected, or its Qt object deleted) gets nothing, as a
queued signal to a deleted object is dropped.
"""

from __future__ import annotations

import threading
import weakref
from collections import deque
from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, Qt, Signal


class _Waker(QObject):
    wake = Signal()


_WAITING: deque[tuple[weakref.WeakMethod[Callable[..., Any]], tuple[Any, ...]]] = deque()
_STATE_LOCK = threading.Lock()
_waker: _Waker | None = None  # made on the GUI thread; kept until the program ends
_wake_sent = False  # a wake is on its way: the next drain takes what was put since


def _gui_waker() -> _Waker:
    global _waker
    if _waker is None:
        if threading.current_thread() is not threading.main_thread():
            raise RuntimeError("handoff: the first Mailbox must be made on the GUI thread")
        _waker = _Waker()
        _waker.wake.connect(_drain, Qt.ConnectionType.QueuedConnection)
    return _waker


def _wake() -> None:
    global _wake_sent
    with _STATE_LOCK:
        if _wake_sent:
            return
        _wake_sent = True
    assert _waker is not None  # a Mailbox made it
    try:
        _waker.wake.emit()
    except RuntimeError:  # the program is ending and PySide has deleted its Qt objects:
        pass  # nobody is left to take what a thread still puts


def _drain() -> None:
    """On the GUI thread: each item put before this drain, to its receiver, in order. Those put
    meanwhile wait for the next (their own wake is on its way): threads that put faster than
    the GUI takes never keep it here, away from painting and input."""
    global _wake_sent
    with _STATE_LOCK:
        _wake_sent = False  # anything put from now on sends a wake of its own
    for _ in range(len(_WAITING)):
        try:
            target, args = _WAITING.popleft()
        except IndexError:  # a receiver ran an event loop of its own, whose drain took the rest
            break
        deliver = target()
        if deliver is None or not _alive(deliver):
            continue
        try:
            deliver(*args)
        except BaseException:
            if _WAITING:  # the rest still arrive
                _wake()
            raise


def _alive(deliver: Callable[..., Any]) -> bool:
    owner = getattr(deliver, "__self__", None)
    return not isinstance(owner, QObject) or shiboken6.isValid(owner)


class Mailbox:
    """Where worker threads leave results for one GUI method, called with them on the GUI
    thread. Made on the GUI thread; a worker holds only this (plain Python, and a weak
    reference to the method's object)."""

    def __init__(self, deliver: Callable[..., Any]) -> None:
        _gui_waker()
        self._target = weakref.WeakMethod(deliver)

    def put(self, *args: Any) -> None:
        """From any thread: `deliver(*args)` is called on the GUI thread."""
        _WAITING.append((self._target, args))
        _wake()
