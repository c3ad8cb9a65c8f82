"""Long jobs: progress reports and cancellation, shared by the CLI (a bar) and the GUI (signals)."""

from __future__ import annotations

import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass

# Raised inside a job when its token was cancelled; a domain error (exit 130), kept importable here.
from phototagger.core.errors import Cancelled

TIME_LEFT_AFTER = 96  # items done (three batches) before a time left is said


@dataclass(frozen=True)
class Progress:
    phase: str  # what the job is doing now, e.g. "looking for photos", "tagging"
    done: int
    total: int | None
    current: str | None = None  # the item being worked on (a path), for display
    rate: float | None = None  # items per second over the last few seconds
    eta_s: float | None = None  # seconds left at that rate
    problems: int = 0
    detail: str | None = None  # free text for the job's own figures, e.g. "epoch 3/20, loss 0.21"

    @property
    def fraction(self) -> float | None:
        if not self.total:
            return None
        return min(1.0, self.done / self.total)

    @property
    def time_left_s(self) -> float | None:
        """The time left to say, as the app's status bar and the command line say it: none
        before TIME_LEFT_AFTER items are done (the first batches include warming up, and a time
        left from them would be far off) nor once all are done."""
        if self.eta_s is None or not self.total or not TIME_LEFT_AFTER <= self.done < self.total:
            return None
        return self.eta_s

    @property
    def rate_words(self) -> str | None:
        """The rate in words: "12.3 photos/s" (every job that reports a rate counts photos;
        a bare "12.3/s" left the reader to guess of what)."""
        return f"{self.rate:,.1f} photos/s" if self.rate else None


ProgressCallback = Callable[[Progress], None]


def ignore_progress(_: Progress) -> None:
    return None


class CancelToken:
    """Checked by jobs between batches; set from another thread (GUI) or a signal (Ctrl-C)."""

    def __init__(self) -> None:
        self._event = threading.Event()

    def cancel(self) -> None:
        self._event.set()

    @property
    def cancelled(self) -> bool:
        return self._event.is_set()

    def raise_if_cancelled(self) -> None:
        if self._event.is_set():
            raise Cancelled()


class RateMeter:
    """Items per second over a sliding window, and the time left at that rate."""

    def __init__(self, window_s: float = 10.0, clock: Callable[[], float] = time.monotonic) -> None:
        self._window = window_s
        self._clock = clock
        self._samples: deque[tuple[float, int]] = deque()

    def update(self, done: int) -> None:
        now = self._clock()
        self._samples.append((now, done))
        while len(self._samples) > 2 and now - self._samples[0][0] > self._window:
            self._samples.popleft()

    @property
    def rate(self) -> float | None:
        if len(self._samples) < 2:
            return None
        (t0, d0), (t1, d1) = self._samples[0], self._samples[-1]
        if t1 <= t0:
            return None
        return (d1 - d0) / (t1 - t0)

    def eta(self, done: int, total: int | None) -> float | None:
        rate = self.rate
        if total is None or not rate or rate <= 0:
            return None
        return max(0.0, (total - done) / rate)
