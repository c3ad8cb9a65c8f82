"""How responsive the window stays while a scan tags photos on its worker thread.

Run: .venv/bin/python benchmarks/gui_responsive.py [PHOTOS]
Writes PHOTOS (default 150) photo-like 2-megapixel JPEGs, opens the main window offscreen on a
temporary library and scans them with the real model, while a 10 ms timer on the GUI thread
measures how late each of its ticks arrives. Prints the scan rate and the event loop's delays
(median, 99th percentile, worst): what a user would feel as lag while clicking and scrolling.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

# This checkout's phototagger, not the one installed (an editable install points at another
# worktree): first, before anything imports it.
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from phototagger.paths import default_home

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from PySide6.QtCore import QEventLoop, QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from tests.photo_factory import big_jpeg  # noqa: E402

TICK_MS = 10


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("photos", nargs="?", type=int, default=150, help="JPEGs to scan")
    count = parser.parse_args().photos
    app = QApplication(sys.argv[:1])
    app.setApplicationName("phototagger")
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["PHOTOTAGGER_HOME"] = str(Path(tmp) / "home")
        pictures = Path(tmp) / "Pictures"
        for i in range(count):
            big_jpeg(pictures / f"IMG_{i:04d}.jpg", megapixels=2, seed=i)
        from phototagger.core.library import open_library
        from phototagger.gui.main_window import MainWindow

        library = open_library(default_home())
        window = MainWindow(library)
        window.resize(1400, 880)
        window.show()
        delays: list[float] = []
        last = [time.perf_counter()]

        phase = ["starting"]
        window.jobs.progress.connect(lambda p: phase.__setitem__(0, p.phase))
        stalls: list[tuple[float, str]] = []

        def tick() -> None:
            now = time.perf_counter()
            delays.append(max(0.0, (now - last[0]) * 1000 - TICK_MS))
            if delays[-1] > 100:
                stalls.append((delays[-1], phase[0]))
            last[0] = now
            window.grid.viewport().update()  # a repaint per tick, as while scrolling

        timer = QTimer()
        timer.setInterval(TICK_MS)
        timer.timeout.connect(tick)
        loop = QEventLoop()
        window.jobs.idle.connect(loop.quit)
        started = time.perf_counter()
        window.start_scan([str(pictures)])
        timer.start()
        loop.exec()
        elapsed = time.perf_counter() - started
        timer.stop()
        delays.sort()
        print(
            f"scanned {count} photos (2 MP) in {elapsed:.1f} s, model load included: "
            f"{count / elapsed:.1f} photos/s; grid shows {window.model.rowCount()}"
        )
        print(
            f"GUI event loop delay while scanning ({len(delays)} ticks of {TICK_MS} ms): "
            f"median {statistics.median(delays):.1f} ms, "
            f"99th percentile {delays[int(len(delays) * 0.99)]:.1f} ms, "
            f"worst {delays[-1]:.1f} ms"
        )
        for delay, during in stalls:
            print(f"  a {delay:.0f} ms stall while {during}")
        window.close()
        library.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
