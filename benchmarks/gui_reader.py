"""Times the library reader's round trip: a query submitted on the GUI thread, run on the reader's
thread, its answer delivered back on the GUI thread (gui/reader.py, through gui/handoff.py).

Run: .venv/bin/python benchmarks/gui_reader.py [ROUNDS]
On an empty temporary library, offscreen, it prints:
- one at a time: ROUNDS queries (a one-row SELECT), each submitted when the last was answered;
  median, 90th percentile and worst, submit to answer;
- a burst: ROUNDS queries on one channel submitted at once (a user clicking through filters);
  the time until the reader settles, and how many answers were acted on (1: the newest);
- shutdown with a query of 0.5 s running: how long the window's close waits for the reader.
The event loop sleeps in Qt between events, as the app's does.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from PySide6.QtCore import QEventLoop, QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from phototagger.core.library import Library, open_library  # noqa: E402
from phototagger.gui.reader import LibraryReader  # noqa: E402
from phototagger.paths import LibraryHome  # noqa: E402


def _one_row(library: Library) -> int:
    return int(library.db.execute("select 1").fetchone()[0])


def _answered(reader: LibraryReader) -> None:
    """Run the event loop until the reader has no request in flight."""
    if not reader.busy:
        return
    loop = QEventLoop()
    reader.settled.connect(loop.quit)
    QTimer.singleShot(30_000, loop.quit)
    loop.exec()
    reader.settled.disconnect(loop.quit)


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:7.2f} ms"


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("rounds", nargs="?", type=int, default=500, help="queries per test")
    rounds = parser.parse_args().rounds
    app = QApplication(sys.argv[:1])
    with tempfile.TemporaryDirectory() as where:
        home = LibraryHome.under(Path(where) / "home")
        open_library(home).close()
        reader = LibraryReader(home)
        answers: list[int] = []
        reader.submit("warm", _one_row, answers.append)  # the reader's connection is opened
        _answered(reader)

        times = []
        for _ in range(rounds):
            start = time.perf_counter()
            reader.submit("one", _one_row, answers.append)
            _answered(reader)
            times.append(time.perf_counter() - start)
        times.sort()
        median = times[len(times) // 2]
        print(
            f"one at a time, {rounds} queries, submit to answer: median {_ms(median)}"
            f", p90 {_ms(times[int(len(times) * 0.9)])}, worst {_ms(times[-1])}"
            f" (mean {_ms(statistics.fmean(times))})"
        )

        answers.clear()
        start = time.perf_counter()
        for _ in range(rounds):
            reader.submit("burst", _one_row, answers.append)
        _answered(reader)
        print(
            f"a burst of {rounds} on one channel: settled in {_ms(time.perf_counter() - start)}, "
            f"{len(answers)} acted on"
        )

        reader.submit("slow", lambda _library: time.sleep(0.5), answers.append)
        time.sleep(0.05)  # the query has started
        start = time.perf_counter()
        reader.shutdown()
        print(f"shutdown with a 0.5 s query running: {_ms(time.perf_counter() - start)}")
    app.processEvents()
    return 0


if __name__ == "__main__":
    sys.exit(main())
