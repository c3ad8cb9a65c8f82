"""Rendering job progress in a terminal: a live bar on a TTY, a line every few seconds otherwise."""

from __future__ import annotations

import os
import shutil
import signal
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from types import FrameType
from typing import TYPE_CHECKING, TextIO

from phototagger.core.jobs import CancelToken, Progress
from phototagger.core.wording import counted

if TYPE_CHECKING:
    from sys import UnraisableHookArgs


def format_duration(seconds: float | None) -> str:
    if seconds is None:
        return "--:--"
    seconds = int(round(seconds))
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


def describe(p: Progress) -> str:
    count = f"{p.done:,}" if p.total is None else f"{p.done:,}/{p.total:,}"
    parts = [f"{p.phase}: {count}"]
    if p.rate:
        parts.append(f"{p.rate:.1f}/s")
    if p.total and p.phase == "tagging":
        parts.append(f"ETA {format_duration(p.eta_s)}")
    if p.problems:
        parts.append(counted(p.problems, "problem"))
    return ", ".join(parts)


class TerminalProgress:
    def __init__(
        self, stream: TextIO | None = None, quiet: bool = False, interval_s: float = 5.0
    ) -> None:
        self.stream = stream or sys.stderr
        self.live = self.stream.isatty()
        self.quiet = quiet
        self.interval = interval_s
        self._last = 0.0
        self._width = 0

    def __call__(self, p: Progress) -> None:
        if self.quiet:
            return
        text = describe(p)
        if self.live:
            columns = shutil.get_terminal_size((100, 20)).columns
            fraction = p.fraction
            if fraction is not None:
                bar_width = 24
                filled = int(fraction * bar_width)
                text = f"[{'#' * filled}{'.' * (bar_width - filled)}] {text}"
            text = text[: columns - 1]
            self.stream.write("\r" + text.ljust(self._width))
            self._width = len(text)
            self.stream.flush()
        else:
            now = time.monotonic()
            final = p.total is not None and p.done >= p.total
            if now - self._last >= self.interval or final:
                self._last = now
                self.stream.write(text + "\n")
                self.stream.flush()

    def finish(self) -> None:
        if self.live and self._width and not self.quiet:
            self.stream.write("\n")
            self.stream.flush()
            self._width = 0


# Where a KeyboardInterrupt must not be raised: Python's thread and queue machinery. Raised in
# there (a stopping scan submitting to or shutting down its decode pool), it can leave one of the
# pool's locks held, and the next thread to take it waits for ever: a second Ctrl-C hung the
# scan it was meant to abort (found by tests/test_cli_ctrl_c_scan.py, once in many runs).
_MACHINERY = tuple(
    os.path.join(os.path.dirname(threading.__file__), name)
    for name in ("threading.py", "queue.py", os.path.join("concurrent", "futures", ""))
)
RETRY_SECONDS = 0.02  # how soon an abort held back there is tried again


def _in_machinery(frame: FrameType | None) -> bool:
    while frame is not None:
        if frame.f_code.co_filename.startswith(_MACHINERY):
            return True
        frame = frame.f_back
    return False


def _abort(frame: FrameType | None) -> bool:
    """Raise KeyboardInterrupt where the main thread is, unless that is inside the thread
    machinery: then try again RETRY_SECONDS later (SIGALRM) and return True (held back)."""
    if _in_machinery(frame) and hasattr(signal, "setitimer"):
        signal.setitimer(signal.ITIMER_REAL, RETRY_SECONDS)
        return True
    raise KeyboardInterrupt


class _Aborter:
    """A Ctrl-C that aborts: raised at once, or held back out of the thread machinery and tried
    again at each SIGALRM until it is raised. Any other SIGALRM (none is expected) aborts
    nothing."""

    def __init__(self) -> None:
        self.held = False

    def now(self, frame: FrameType | None) -> None:
        self.held = False
        self.held = _abort(frame)

    def alarm(self, signum: int, frame: FrameType | None) -> None:
        if self.held:
            self.now(frame)


@contextmanager
def _handling(
    on_interrupt: Callable[[int, FrameType | None], None], aborter: _Aborter
) -> Iterator[None]:
    previous = signal.signal(signal.SIGINT, on_interrupt)
    timer = hasattr(signal, "setitimer")
    previous_alarm = signal.signal(signal.SIGALRM, aborter.alarm) if timer else None
    try:
        yield
    finally:
        # None: a handler set outside Python; Python's own is the nearest to it.
        signal.signal(signal.SIGINT, signal.default_int_handler if previous is None else previous)
        if timer:
            signal.setitimer(signal.ITIMER_REAL, 0)
            # None: a handler set outside Python, which cannot be put back from here.
            signal.signal(
                signal.SIGALRM, signal.SIG_DFL if previous_alarm is None else previous_alarm
            )


@contextmanager
def interrupts_kept_out_of_threads() -> Iterator[None]:
    """Within the block, Ctrl-C raises KeyboardInterrupt as Python does, except inside Python's
    thread machinery, where it is held back until the main thread is out (_abort): every
    command that decodes in a thread pool (`classify`, a scan) could otherwise hang on a lock
    the interrupt left held. Nothing changes off the main thread, or where Ctrl-C is ignored
    (a job started in the background by a script)."""
    main_thread = threading.current_thread() is threading.main_thread()
    if not main_thread or signal.getsignal(signal.SIGINT) is signal.SIG_IGN:
        yield
        return
    aborter = _Aborter()
    with _handling(lambda _signum, frame: aborter.now(frame), aborter):
        yield


@contextmanager
def cancel_on_interrupt(token: CancelToken, stream: TextIO | None = None) -> Iterator[None]:
    """First Ctrl-C asks the job to stop at the next batch boundary; a second one aborts, as
    soon as the main thread is out of Python's thread machinery (_abort)."""
    out = stream or sys.stderr
    aborter = _Aborter()

    def handler(signum: int, frame: FrameType | None) -> None:
        if token.cancelled:
            aborter.now(frame)
            return
        token.cancel()
        out.write("\nstopping after the current batch (Ctrl-C again to abort)...\n")
        out.flush()

    with _handling(handler, aborter):
        yield


@contextmanager
def quiet_lost_interrupts() -> Iterator[None]:
    """Within the block, a Ctrl-C that Python cannot raise is dropped without a traceback.

    A Ctrl-C can land while Python finalises something, e.g. a stopping scan's decode generator
    closing its thread pool. Python cannot raise it there: it drops it and carries on, printing
    a traceback that looks like a crash. Only that print goes: a job with a cancel token was
    already told to stop by the first Ctrl-C, any other command is stopped by the next one.
    Any other exception Python cannot raise still goes to the previous hook.
    """
    previous = sys.unraisablehook

    def hook(unraisable: UnraisableHookArgs) -> None:
        if isinstance(unraisable.exc_value, KeyboardInterrupt):
            return
        previous(unraisable)

    sys.unraisablehook = hook
    try:
        yield
    finally:
        sys.unraisablehook = previous
