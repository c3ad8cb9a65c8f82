"""A second Ctrl-C aborts a command line job, but not from inside Python's thread machinery: a
KeyboardInterrupt raised there (a stopping scan submitting to or shutting down its decode pool)
can leave one of the pool's locks held, and a second Ctrl-C hung the scan it was meant to abort
(tests/test_cli_ctrl_c_scan.py, once in many runs). It is raised once the main thread is out.
So is the one Ctrl-C that stops any other command (`classify` decodes in a thread pool too).
The retry needs no SIGALRM, which Windows lacks: there a held-back abort was never retried."""

from __future__ import annotations

import io
import os
import signal
import sys
import threading
import time
from types import FrameType

import pytest

from phototagger.core.jobs import CancelToken
from phototagger.terminal import cancel_on_interrupt, interrupts_kept_out_of_threads

# They signal the process itself: they run in a child pytest of their own, a fresh interpreter as
# the command line is (test_terminal_abort_child.py says why).
pytestmark = pytest.mark.skipif(
    os.environ.get("PHOTOTAGGER_TEST_TERMINAL_CHILD") != "1",
    reason="runs in a child process: test_terminal_abort_child.py",
)


def _press_then_set(in_wait: threading.Event, event: threading.Event) -> None:
    # Once the main thread is in the wait (a loaded machine may take it there late: a press
    # before it was raised at once, outside threading), then a while in it: held back.
    in_wait.wait(10)
    os.kill(os.getpid(), signal.SIGINT)  # lands while the main thread waits in threading
    time.sleep(0.3)
    event.set()


def _wait_through_a_press() -> list[bool]:
    """Ctrl-C pressed while the main thread waits in threading: what the wait returned before
    the KeyboardInterrupt came, which must come once the wait is over.

    The main thread tells the presser it is in threading's Condition.wait (where Event.wait
    blocks) from a profile hook of its own, called as that frame starts. Another thread looked
    at the main thread's frames through sys._current_frames(), and that crashed the interpreter
    (a segmentation fault, Python 3.11.7, in three full runs of the suite: it makes a frame
    object of every thread's current frame, and one thread's was not whole; faulthandler itself
    crashed printing it)."""
    in_wait, event = threading.Event(), threading.Event()
    returned: list[bool] = []
    helper = threading.Thread(target=_press_then_set, args=(in_wait, event))
    helper.start()  # before the hook: Thread.start waits in threading too

    def hook(frame: FrameType, what: str, _arg: object) -> None:
        if what == "call" and frame.f_code is threading.Condition.wait.__code__:
            in_wait.set()

    sys.setprofile(hook)  # the main thread's only
    try:
        with pytest.raises(KeyboardInterrupt):
            returned.append(event.wait(10))  # Condition.wait, in threading.py
            deadline = time.monotonic() + 5
            while time.monotonic() < deadline:  # raised here, within RETRY_SECONDS
                time.sleep(0.001)
    finally:
        sys.setprofile(None)
    helper.join()
    return returned


def test_a_second_ctrl_c_in_a_wait_is_raised_once_the_wait_is_over() -> None:
    token = CancelToken()
    out = io.StringIO()
    with cancel_on_interrupt(token, out):
        os.kill(os.getpid(), signal.SIGINT)  # the first: stop at the next batch
        time.sleep(0.05)
        assert token.cancelled and "Ctrl-C again to abort" in out.getvalue()
        # the wait ended as it should, not cut short inside threading
        assert _wait_through_a_press() == [True]
    assert signal.getsignal(signal.SIGALRM) in (signal.SIG_DFL, None, signal.default_int_handler)


def test_a_log_gets_the_stop_line_alone() -> None:
    """`train 2> log` (stderr no terminal) had an empty line before "stopping after…"."""
    token = CancelToken()
    out = io.StringIO()
    with cancel_on_interrupt(token, out):
        os.kill(os.getpid(), signal.SIGINT)
        while not token.cancelled:  # the handler runs at the next bytecode boundary
            time.sleep(0.01)
    assert out.getvalue() == "stopping after the current batch (Ctrl-C again to abort)...\n"


def test_a_second_ctrl_c_elsewhere_is_raised_at_once() -> None:
    token = CancelToken()
    with cancel_on_interrupt(token, io.StringIO()):
        token.cancel()
        began = time.monotonic()
        with pytest.raises(KeyboardInterrupt):
            os.kill(os.getpid(), signal.SIGINT)
            while time.monotonic() - began < 5:
                pass
        assert time.monotonic() - began < 1


def test_the_retry_needs_no_alarm_timer(monkeypatch: pytest.MonkeyPatch) -> None:
    """As on Windows (no setitimer, no SIGALRM): a second Ctrl-C in a wait is still held back
    until the wait is over, then raised."""
    monkeypatch.delattr(signal, "setitimer")
    token = CancelToken()
    with cancel_on_interrupt(token, io.StringIO()):
        token.cancel()
        assert _wait_through_a_press() == [True]


def test_nothing_is_left_behind_after_the_block() -> None:
    before = set(threading.enumerate())
    alarm = signal.getsignal(signal.SIGALRM)
    token = CancelToken()
    with cancel_on_interrupt(token, io.StringIO()):
        token.cancel()  # stopping, but no second Ctrl-C
        time.sleep(0.05)
    assert set(threading.enumerate()) == before  # the retry thread ended with the block
    assert signal.getsignal(signal.SIGALRM) == alarm  # no alarm handler taken or left


def test_any_command_s_ctrl_c_is_raised_once_out_of_a_wait() -> None:
    with interrupts_kept_out_of_threads():
        assert _wait_through_a_press() == [True]
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler  # put back


def test_a_command_started_with_ctrl_c_ignored_keeps_ignoring_it() -> None:
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)  # as `cmd &` in a script starts it
    try:
        with interrupts_kept_out_of_threads():
            os.kill(os.getpid(), signal.SIGINT)
            time.sleep(0.1)  # nothing raised
    finally:
        signal.signal(signal.SIGINT, previous)
