"""Rendering job progress in a terminal: a live bar on a TTY, a line every few seconds otherwise."""

from __future__ import annotations

import _thread
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
    if p.total is None and not p.done:
        # Nothing counted yet (a step with no count: "preparing", "preparing for training"):
        # what it does, not a bare "preparing: 0".
        return f"{p.phase}: {p.detail}" if p.detail else p.phase
    if p.phase == "loading the model":
        # Seconds that count nothing: "loading the model: 0/43" read as if no photo would be
        # tagged. Said as the app's status bar says it.
        then = f", then {counted(p.total, 'photo')} to tag" if p.total else ""
        return f"loading the model{then}" + (f" ({p.detail})" if p.detail else "")
    count = f"{p.done:,}" if p.total is None else f"{p.done:,}/{p.total:,}"
    parts = [f"{p.phase}: {count}"]
    # As the app's status bar says them: "ETA 0:03" after 32 of 43 photos was jargon, and from
    # warming-up batches far off ("ETA --:--" before any).
    if p.rate_words:
        parts.append(p.rate_words)
    if p.time_left_s is not None:
        parts.append(f"{format_duration(p.time_left_s)} left")
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
        self._written = ""  # the last line written where the stream is no terminal
        self._phase = ""  # the step of that line

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
            # The last line again said nothing new: a scan reports its end of tagging twice,
            # and a log read "tagging: 255/255, 41.6/s, ETA 0:00" on two lines in a row.
            # A step that begins is written at once: a first scan's "finding the fastest way to
            # run the model" came within 5 s of "tagging: 379/379" and was dropped, and a log
            # then read nothing for the 90 s it took, as if the scan had hung (walk55).
            begins = p.phase != self._phase
            if (now - self._last >= self.interval or final or begins) and text != self._written:
                self._last = now
                self._written = text
                self._phase = p.phase
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


class _Retrier:
    """Tries a held-back abort again RETRY_SECONDS later, on every platform (no SIGALRM, which
    Windows lacks). Its thread is started with the block, before any Ctrl-C: the signal handler
    itself only releases a raw lock, as starting a thread there could wait for ever on one of
    threading's own locks that the interrupted main thread holds."""

    def __init__(self) -> None:
        self._wake = _thread.allocate_lock()
        self._wake.acquire()
        self._stopping = False
        self._thread = threading.Thread(target=self._run, name="ctrl-c retry", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while True:
            self._wake.acquire()
            if self._stopping:
                return
            time.sleep(RETRY_SECONDS)
            if self._stopping:
                return
            _thread.interrupt_main(signal.SIGINT)  # runs the block's handler in the main thread

    def _release(self) -> None:
        try:
            self._wake.release()
        except RuntimeError:  # already woken, not yet run
            pass

    def request(self) -> None:
        """From the signal handler: wake the thread (a raw lock's release, nothing more)."""
        self._release()

    def stop(self) -> None:
        self._stopping = True
        self._release()
        self._thread.join(1)


class _Aborter:
    """A Ctrl-C that aborts: raised at once, or held back out of the thread machinery and tried
    again (_Retrier) until it is raised."""

    def __init__(self, retrier: _Retrier) -> None:
        self.retrier = retrier

    def now(self, frame: FrameType | None) -> None:
        """Raise KeyboardInterrupt where the main thread is, unless that is inside the thread
        machinery: then try again RETRY_SECONDS later."""
        if _in_machinery(frame):
            self.retrier.request()
            return
        raise KeyboardInterrupt


@contextmanager
def _handling(
    on_interrupt: Callable[[Callable[[FrameType | None], None], FrameType | None], None],
) -> Iterator[None]:
    retrier = _Retrier()
    aborter = _Aborter(retrier)
    previous = signal.signal(signal.SIGINT, lambda _signum, frame: on_interrupt(aborter.now, frame))
    try:
        yield
    finally:
        # None: a handler set outside Python; Python's own is the nearest to it.
        signal.signal(signal.SIGINT, signal.default_int_handler if previous is None else previous)
        retrier.stop()


@contextmanager
def interrupts_kept_out_of_threads() -> Iterator[None]:
    """Within the block, Ctrl-C raises KeyboardInterrupt as Python does, except inside Python's
    thread machinery, where it is held back until the main thread is out (_Aborter): every
    command that decodes in a thread pool (`classify`, a scan) could otherwise hang on a lock
    the interrupt left held. Nothing changes off the main thread, or where Ctrl-C is ignored
    (a job started in the background by a script)."""
    main_thread = threading.current_thread() is threading.main_thread()
    if not main_thread or signal.getsignal(signal.SIGINT) is signal.SIG_IGN:
        yield
        return
    with _handling(lambda abort, frame: abort(frame)):
        yield


@contextmanager
def cancel_on_interrupt(token: CancelToken, stream: TextIO | None = None) -> Iterator[None]:
    """First Ctrl-C asks the job to stop at the next batch boundary; a second one aborts, as
    soon as the main thread is out of Python's thread machinery (_Aborter)."""
    out = stream or sys.stderr

    def handler(abort: Callable[[FrameType | None], None], frame: FrameType | None) -> None:
        if token.cancelled:
            abort(frame)
            return
        token.cancel()
        # Off the line the terminal's "^C" and a live progress line left; in a log (`train 2>
        # log`, --json) that newline was an empty line before it.
        lead = "\n" if getattr(out, "isatty", lambda: False)() else ""
        out.write(f"{lead}stopping after the current batch (Ctrl-C again to abort)...\n")
        out.flush()

    with _handling(handler):
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
