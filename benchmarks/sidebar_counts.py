"""The sidebar's tag counts and photos-to-review count, as at --before (read from git) and as now,
in one run; and what the grid's rowCount costs per call, as written and with its value cached.

Run: PYTHONPATH=. nice .venv/bin/python benchmarks/sidebar_counts.py [--photos 100000]
     [--before main] [--repeat 5]

The synthetic library of benchmarks/store_search.py (--photos photos, 10 tags a photo on
average, 60 tags, about 1 in 10 rows under 0.6 sure), built in a temporary folder. Printed,
medians of --repeat, before and now taken in turns, the answers asserted the same:
1. store/tags.tag_counts, and the overview's to-review count (len(undecided_below) before),
   with every photo in the library, then with a folder of 5 % of the photos removed (missing);
2. 100,000 QAbstractListModel.index() calls from Python, each of which asks the model's Python
   rowCount (QAbstractItemModel::hasIndex), as the grid's layout does for each row: rowCount as
   PhotoGridModel has it (len of the ids) and returning a cached int.

On the 2 shared cores (2026-12-06, load 5-7), main -> now:
- 100,000 photos (999,557 rows; --repeat 7): tag counts 95 -> 64 ms, 259 -> 89 ms with 5,000
  photos missing; to review 140 -> 96 ms, 135 -> 94 ms.
- 500,000 photos (4,997,810 rows, built in 219 s; --repeat 3): tag counts 1,022 -> 662 ms,
  1,819 -> 706 ms with 5,000 missing; to review 1,314 -> 965 ms, 1,749 -> 748 ms.
- rowCount cached: 12 %, 16 % and -13 % of the call saved in three runs (209 -> 183 ms, 379 ->
  318 ms, 278 -> 314 ms for 100,000 calls): the cost is Qt calling into Python once a row, not
  len(); left as it is.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks import store_search  # noqa: E402
from benchmarks.review_versions import _module_at  # noqa: E402
from phototagger.core.queries import REVIEW_BELOW  # noqa: E402
from phototagger.store import tags as tag_store  # noqa: E402
from phototagger.store.connection import transaction  # noqa: E402
from phototagger.store.photos import mark_missing  # noqa: E402


def in_turns(
    calls: dict[str, Callable[[], object]], repeat: int
) -> tuple[dict[str, float], dict[str, object]]:
    """Median ms of each call, the calls taken in turns (the shared machine's load falls on
    each alike), and each call's answer."""
    times: dict[str, list[float]] = {name: [] for name in calls}
    answers: dict[str, object] = {}
    for _ in range(repeat):
        for name, call in calls.items():
            start = time.perf_counter()
            answers[name] = call()
            times[name].append((time.perf_counter() - start) * 1000)
    return {name: statistics.median(t) for name, t in times.items()}, answers


def counts(db: Any, old: Any, repeat: int, label: str) -> None:
    for what, before, now in (
        ("tag counts", lambda: old.tag_counts(db), lambda: tag_store.tag_counts(db)),
        (
            "photos to review",
            lambda: len(old.undecided_below(db, REVIEW_BELOW)),
            lambda: tag_store.count_undecided_below(db, REVIEW_BELOW),
        ),
    ):
        ms, answers = in_turns({"before": before, "now": now}, repeat)
        assert answers["before"] == answers["now"], what
        answer = answers["now"]
        shown = answer if isinstance(answer, int) else len(answer)  # type: ignore[arg-type]
        print(
            f"  {what:17} {label:32} {ms['before']:6.1f} -> {ms['now']:6.1f} ms"
            f" ({1 - ms['now'] / ms['before']:+.0%} time saved; the same {shown})",
            flush=True,
        )


def row_count(repeat: int) -> None:
    from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex
    from PySide6.QtWidgets import QApplication

    _app = QApplication.instance() or QApplication([])
    rows = 100_000

    class AsWritten(QAbstractListModel):
        def __init__(self) -> None:
            super().__init__()
            self._ids = list(range(rows))

        def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
            return 0 if parent.isValid() else len(self._ids)

        def data(self, index: QModelIndex | QPersistentModelIndex, role: int = 0) -> Any:
            return None

    class Cached(AsWritten):
        def __init__(self) -> None:
            super().__init__()
            self._rows = len(self._ids)

        def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
            return 0 if parent.isValid() else self._rows

    def walk(model: QAbstractListModel) -> Callable[[], object]:
        index = model.index
        return lambda: [index(row, 0) for row in range(rows)]

    plain, cached = AsWritten(), Cached()
    ms, _ = in_turns({"plain": walk(plain), "cached": walk(cached)}, repeat)
    print(
        f"  100,000 index() calls (one rowCount each): as written {ms['plain']:.1f} ms,"
        f" rowCount cached {ms['cached']:.1f} ms"
        f" ({1 - ms['cached'] / ms['plain']:+.0%} time saved)",
        flush=True,
    )


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--photos", type=int, default=100_000)
    parser.add_argument("--before", default="main")
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    store_search.PHOTOS = args.photos
    old = _module_at(args.before, "tags", "store")
    with tempfile.TemporaryDirectory() as tmp:
        start = time.perf_counter()
        db, _, rows = store_search.build(Path(tmp) / "library.db")
        print(
            f"built {args.photos} photos, {rows} photo_tags rows in"
            f" {time.perf_counter() - start:.0f} s;"
            f" {args.before} -> now, medians of {args.repeat}:",
            flush=True,
        )
        counts(db, old, args.repeat, "(every photo in the library)")
        gone = [
            row[0]
            for row in db.execute("SELECT id FROM photos WHERE folder LIKE '/photos/bigger/%'")
        ]
        with transaction(db):
            mark_missing(db, gone)
        counts(db, old, args.repeat, f"({len(gone)} photos missing)")
    print("the grid's rowCount:", flush=True)
    row_count(args.repeat)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
