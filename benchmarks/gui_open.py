"""Where the time goes when the app opens on a library of 100,000 photos, and on a tag filter.

Run: PYTHONPATH=. .venv/bin/python benchmarks/gui_open.py [--repeat 3] [--profile 12]
     [--before REF]

The synthetic library of benchmarks/store_search.py (100,000 photos, about 1,000,000 photo_tags
rows, 60 tags), its folders added to the library. Printed:
1. the sidebar's read (core/queries.overview, on the window's statistics reader): in all, and
   each of its parts on its own (medians of --repeat); the Train page's (core/retrain.
   training_overview, on the same reader, after it), with store/tags.last_answered as at
   --before (read from git) and as now, the same overview asserted;
2. the window (offscreen, 1400x880): from MainWindow's construction to the grid first painted,
   to the sidebar filled (the overview shown), and to everything settled, with last_answered
   as at --before and as now (each opened twice in turns, the second timed); then the GUI
   thread's costliest functions over another opening (cProfile, the --profile first by own
   time);
3. a click on a tag (on 70 % and on 5 % of the photos) to the grid painted (medians of
   --repeat), and the grid's query (core/queries.photo_ids) of that filter on its own.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import os
import pstats
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from PySide6.QtWidgets import QApplication  # noqa: E402

from benchmarks.gui_grid import clicked, painted_grid, wait_for  # noqa: E402
from benchmarks.store_search import build, tag_probabilities  # noqa: E402

ROOTS = ["/photos/big", "/photos/bigger", *(f"/photos/other{i}" for i in range(7))]


def _median_ms(call: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        call()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def overview_parts(db: Any, repeat: int) -> None:
    from phototagger.core import queries
    from phototagger.core.folders import folder_tree
    from phototagger.core.tag_admin import group_names
    from phototagger.store import file_metadata as file_store
    from phototagger.store import tags as tag_store

    counts = queries.library_counts(db)
    names = group_names([n for n, _ in counts.tags])
    parts: dict[str, Callable[[], object]] = {
        "whole overview": lambda: queries.overview(db),
        "  photos by status": lambda: queries._by_status(db),
        "  untagged photos": lambda: tag_store.untagged_photo_ids(db),
        "  tag counts": lambda: tag_store.tag_counts(db),
        "  photos to review": lambda: tag_store.undecided_below(db, queries.REVIEW_BELOW),
        "  all tag names": lambda: tag_store.all_tags(db),
        "  folder tree (counts_by_folder)": lambda: folder_tree(db),
        "  tag tree totals": lambda: tag_store.subtree_counts(db, names),
        "  label counts": lambda: file_store.label_counts(db),
    }
    print("the sidebar's read (core/queries.overview), medians:", flush=True)
    for name, call in parts.items():
        print(f"  {name:36} {_median_ms(call, repeat):7.1f} ms", flush=True)


def train_overview(library: Any, before: str, repeat: int) -> None:
    from benchmarks.review_versions import _module_at
    from phototagger.core import retrain

    now = retrain.last_answered
    old = _module_at(before, "tags", "store").last_answered
    times: dict[str, float] = {}
    read: dict[str, object] = {}
    for name, reader in (("before", old), ("now", now)):
        retrain.last_answered = reader
        try:
            times[name] = _median_ms(lambda: retrain.training_overview(library), repeat)
            read[name] = retrain.training_overview(library)
        finally:
            retrain.last_answered = now
    assert read["before"] == read["now"]
    print(
        f"the Train page's read (core/retrain.training_overview), {before} -> now: "
        f"{times['before']:.0f} -> {times['now']:.0f} ms (the same overview)",
        flush=True,
    )


def profiled(call: Callable[[], object], top: int) -> str:
    profile = cProfile.Profile()
    profile.enable()
    call()
    profile.disable()
    out = io.StringIO()
    pstats.Stats(profile, stream=out).sort_stats("tottime").print_stats(top)
    lines = out.getvalue().splitlines()
    start = next(i for i, line in enumerate(lines) if "ncalls" in line)
    return "\n".join("    " + line[:150] for line in lines[start : start + top + 1])


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--profile", type=int, default=12)
    parser.add_argument("--before", default="57c5572")
    args = parser.parse_args()
    app = QApplication(sys.argv[:1])
    with tempfile.TemporaryDirectory() as home:
        os.environ["PHOTOTAGGER_HOME"] = home
        from phototagger import paths
        from phototagger.core.library import open_library
        from phototagger.core.queries import GridFilter, photo_ids
        from phototagger.gui.main_window import MainWindow
        from phototagger.store.photos import add_folder

        start = time.perf_counter()
        db, names, _rows = build(paths.default_home().database)
        for root in ROOTS:
            add_folder(db, root)
        db.close()
        print(
            f"built 100,000 photos in {time.perf_counter() - start:.1f} s; "
            f"load {os.getloadavg()[0]:.1f}",
            flush=True,
        )
        with open_library(paths.default_home()) as library:
            overview_parts(library.db, args.repeat)
            train_overview(library, args.before, args.repeat)

        from benchmarks.review_versions import _module_at
        from phototagger.core import retrain

        readers = {
            "before": _module_at(args.before, "tags", "store").last_answered,
            "now": retrain.last_answered,
        }
        marks: dict[str, dict[str, float]] = {}
        opened: list[Any] = []

        def opening(name: str) -> None:
            """The window opened with last_answered as `name` has it, timed into marks."""
            retrain.last_answered = readers[name]
            times = marks.setdefault(name, {})
            started = time.perf_counter()
            library = open_library(paths.default_home())
            times["library opened"] = time.perf_counter() - started
            window = MainWindow(library)
            window.resize(1400, 880)
            window.show()
            times["window constructed"] = time.perf_counter() - started
            painted_grid(app, window, started)
            times["grid first painted"] = time.perf_counter() - started
            wait_for(app, lambda: not window._first_overview)  # noqa: SLF001
            times["sidebar filled"] = time.perf_counter() - started
            wait_for(app, lambda: not window.busy)
            times["settled"] = time.perf_counter() - started
            times["rows"] = window.model.rowCount()
            opened.append(window)

        def close() -> None:
            window = opened.pop()
            window.close()
            window.library.close()

        for name in ("before", "now", "before", "now"):  # each twice, the second kept
            opening(name)
            close()
        rows = int(marks["now"].pop("rows"))
        print(f"the window on {rows:,} photos, from construction, {args.before} -> now (second):")
        for mark, seconds in marks["now"].items():
            print(f"  {mark:24} {1000 * marks['before'][mark]:7.0f} -> {1000 * seconds:7.0f} ms")
        table = profiled(partial(opening, "now"), args.profile)  # a fifth, profiled, kept open
        window = opened[0]
        print(f"  the GUI thread's costliest functions over it (own time):\n{table}", flush=True)

        probs = tag_probabilities()
        common = names[0]
        rare = names[min(range(len(names)), key=lambda t: abs(probs[t] - 0.05))]

        click = partial(clicked, app, window)

        for tag, share in ((common, "70 %"), (rare, "5 %")):
            clicks = []
            for _ in range(args.repeat):
                click(None)
                clicks.append(click(tag))
            shown = window.model.rowCount()
            query = _median_ms(
                partial(photo_ids, window.library.db, GridFilter(all_of=(tag,)), "taken"),
                args.repeat,
            )
            print(
                f"a click on a tag on {share} of the photos ({shown:,} shown) to the grid "
                f"painted: {statistics.median(clicks):.0f} ms (each: "
                f"{' '.join(f'{c:.0f}' for c in clicks)}); its query alone {query:.0f} ms",
                flush=True,
            )
        table = profiled(lambda: (click(None), click(common)), args.profile)
        print(f"  the GUI thread over a click on the 70 % tag (own time):\n{table}")
        window.close()
        window.library.close()
    print(f"load {os.getloadavg()[0]:.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
