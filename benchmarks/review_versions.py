"""The review queue with many older versions the user answered under, before and after.

Run: QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/review_versions.py [--before REF]
     [--versions 30] [--photos 2000] [--answers 10] [--repeat 5]

A library of --photos synthetic embeddings; --versions versions of a taught tag 'cats', each
activated in turn, with --answers "no" answers given under each (a day after it). Times, medians
of --repeat, the older versions' heads kept as the app keeps them after its first queue:
1. the turns of the unseen line (core/model/review._unseen_turns) and the whole queue
   (review_queue), with review.py as it is at --before (read from git) and as it is now, without
   the library's copies (embeddings, probabilities) and then with them (made as a scan's last
   step makes them, core/job_end_copies.py);
2. the Review page's list (gui/retrain_review.ReviewPage.load, which the page asks for after
   each round): from asking to the list shown, in a real main window (offscreen), before and
   now.
"""

from __future__ import annotations

import argparse
import dataclasses
import functools
import os
import statistics
import subprocess
import sys
import tempfile
import time
import types
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _module_at(ref: str, name: str = "review", package: str = "core/model") -> types.ModuleType:
    """phototagger/`package`/`name`.py as it is at git `ref`, as a module of its own."""
    source = subprocess.run(
        ["git", "-C", str(ROOT), "show", f"{ref}:phototagger/{package}/{name}.py"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    module = types.ModuleType(f"phototagger.{package.replace('/', '.')}._{name}_before")
    sys.modules[module.__name__] = module
    exec(compile(source, f"{name}.py@{ref}", "exec"), module.__dict__)
    if "for pid, state, at in timed_decisions_on(" in source:
        # Written before the decisions had an order number (d316ec8): the old review.py unpacks
        # (photo id, decision, time), and store/tags.py now gives the number as well.
        now = module.__dict__["timed_decisions_on"]
        module.__dict__["timed_decisions_on"] = lambda db, tag: [row[:3] for row in now(db, tag)]
    return module


def _median(call: Callable[[], object], repeat: int) -> float:
    call()  # the heads read once, as the app's first queue reads them
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        call()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--before", default="e0cff40")
    parser.add_argument("--versions", type=int, default=30)
    parser.add_argument("--photos", type=int, default=2000)
    parser.add_argument("--answers", type=int, default=10)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    scratch = tempfile.TemporaryDirectory(prefix="review-versions-")
    os.environ["PHOTOTAGGER_HOME"] = str(Path(scratch.name) / "home")
    sys.path.insert(0, str(ROOT))

    import numpy as np

    from phototagger.core.job_end_copies import refresh_after_job
    from phototagger.core.library import open_library
    from phototagger.core.model import review
    from phototagger.ml.engine import BACKBONE_NAME
    from phototagger.paths import default_home
    from phototagger.store import tags as tag_store
    from tests.store_helpers import embedded_photos
    from tests.taught_tags import taught

    before = _module_at(args.before)
    with open_library(default_home()) as lib:
        rng = np.random.default_rng(0)
        vectors = np.clip(rng.normal(0.4, 0.8, (args.photos, 1280)), 0, 6).astype(np.float32)
        ids = embedded_photos(lib.db, vectors)
        for n in range(args.versions):
            day = f"2026-{1 + n // 28:02d}-{1 + n % 28:02d}"
            taught(lib, "cats", {"Persian cat": 1.0}, f"v{n + 2}", created_at=f"{day}T00:00:00")
            for pid in ids[args.answers * (n + 1) : args.answers * (n + 2)]:
                tag_store.reject_tag(lib.db, pid, "cats")
                lib.db.execute(
                    "UPDATE photo_tags SET decided_at = ? WHERE photo_id = ?",
                    [f"{day}T12:00:00", pid],
                )
        print(
            f"{args.photos} photos, {args.versions} versions answered under, "
            f"{args.answers} answers each; medians of {args.repeat}",
            flush=True,
        )
        for copies in ("without the library's copies", "with them"):
            if copies == "with them":
                refresh_after_job(lib, [BACKBONE_NAME])
            turns = {}
            modules: list[tuple[str, types.ModuleType]] = [("before", before), ("now", review)]
            for name, module in modules:
                turns[name] = module._unseen_turns(lib, "cats")
                queue = [i.photo_id for i in module.review_queue(lib, "cats")]
                t = _median(functools.partial(module._unseen_turns, lib, "cats"), args.repeat)
                q = _median(functools.partial(module.review_queue, lib, "cats"), args.repeat)
                print(
                    f"  {copies}, {name}: turns {t:.3f} s, whole queue {q:.3f} s "
                    f"(turns {turns[name]}, queue starts {queue[:3]}; "
                    f"load {os.getloadavg()[0]:.1f})",
                    flush=True,
                )
            assert turns["before"] == turns["now"], turns
        for name, module in (("before", before), ("now", review)):
            page = _page_times(module, args.repeat)
            print(f"  the review page's list, {name}: {page}", flush=True)


def _page_times(module: types.ModuleType, repeat: int) -> str:
    """Seconds from ReviewPage.load('cats') to the list shown, the page's queue made by
    `module`'s review_queue: the first time in a new window (the older versions' heads read from
    disk, as in a new process) and after (as after each round)."""
    from PySide6.QtWidgets import QApplication

    from phototagger.core.library import open_library
    from phototagger.core.model.review import ReviewItem, ReviewRound
    from phototagger.gui import retrain_review
    from phototagger.gui.location import LibraryLocation
    from phototagger.gui.main_window import MainWindow
    from phototagger.paths import default_home

    app = QApplication.instance() or QApplication([])

    # The page reads a ReviewRound of today's items; an older review.py gives the list alone,
    # of items with fewer fields (no `cut` before 547803c): each is made one of today's.
    def queue_of(library: object, tag: str, limit: int = 50) -> ReviewRound:
        items = module.review_queue(library, tag, limit)
        return ReviewRound([ReviewItem(**dataclasses.asdict(item)) for item in items])

    retrain_review.review_round = getattr(module, "review_round", queue_of)
    module._ANSWERED_UNDER.clear()
    window = MainWindow(
        open_library(default_home()),
        location=LibraryLocation(Path(os.environ["PHOTOTAGGER_HOME"]) / "location.json"),
    )
    window.resize(1400, 880)
    window.show()
    page = window.retrain.review_page
    times = []
    for _ in range(1 + repeat):
        page.list.clear()
        start = time.perf_counter()
        page.load("cats")
        while page.list.count() == 0 and time.perf_counter() - start < 120:
            app.processEvents()
            time.sleep(0.002)
        times.append(time.perf_counter() - start)
        assert page.list.count() > 0, page.question.text()
    window.close()
    again = statistics.median(times[1:])
    return f"first {times[0]:.3f} s, then {again:.3f} s (median; load {os.getloadavg()[0]:.1f})"


if __name__ == "__main__":
    main()
