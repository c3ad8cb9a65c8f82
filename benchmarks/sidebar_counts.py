"""The sidebar's tag counts and photos-to-review count, as at --before (read from git) and as now,
in one run; and what the grid's rowCount costs per call, as written and with its value cached.

Run: PYTHONPATH=. nice .venv/bin/python benchmarks/sidebar_counts.py [--photos 100000]
     [--before main] [--repeat 5]

The synthetic library of benchmarks/store_search.py (--photos photos, 10 tags a photo on
average, 60 tags, about 1 in 10 rows under 0.6 sure), built in a temporary folder. Printed,
medians of --repeat, before and now taken in turns, the answers asserted the same:
1. store/tags.tag_counts, and the overview's to-review count (len(undecided_below) before),
   with every photo in the library, then with a folder of 5 % of the photos removed (missing);
2. what keeping the tag counts (triggers, migration v28) adds to the writes they follow, each
   write rolled back, without and with the triggers in turns: 100,000 tag rows written as a scan
   writes them (10,000 new photos, 10 tags each, one write_model_tags a photo), and the 5 %
   folder's photos marked missing;
3. 100,000 QAbstractListModel.index() calls from Python, each of which asks the model's Python
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

speed48, tag counts kept by triggers (2026-12-06), main (cfb3ce9) -> now, 500,000 photos
(4,997,810 rows; --repeat 3), two runs (load 3.4-5.4, then 7-9):
- tag counts 555 -> 0.1 ms and 414 -> 0.1 ms; with 5,000 photos missing 328 -> 0.1 ms and
  766 -> 0.1 ms (one row a tag read, 60 tags), the same counts.
- the cost, in the writes the triggers follow: 100,000 tag rows 802 -> 1,114 ms and 1,406 ->
  1,757 ms (+39 %, +25 %: about 3 us a row; in plain sqlite3 an empty row trigger alone cost
  half as much), 5,000 photos marked missing 234 -> 331 ms and 298 -> 411 ms. A scan spends
  20-60 ms of CPU a photo on the network; its 10 rows' triggers add about 30 us. The counts
  built anew, as the upgrade to v28 builds them: 603 ms. Library built in 205 s and 167 s (219 s
  before, without the triggers: the machine's load decides).
"""

from __future__ import annotations

import argparse
import contextlib
import os
import random
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
from phototagger.store.photos import mark_missing, set_status  # noqa: E402


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


# The triggers that keep the tag counts (store/migrations.py, v28): on the tag rows, and on the
# photos' status.
_ROW_TRIGGERS = ("insert", "delete", "update_out", "update_in")
_STATUS_TRIGGERS = ("photo_gone", "photo_back")


class _Undone(Exception):
    """Raised to roll a timed write back."""


def _timed_write(
    db: Any, write: Callable[[], object], triggers: tuple[str, ...], keep: bool
) -> float:
    """ms `write()` takes in a transaction, with the count triggers `triggers` dropped in the same
    transaction unless `keep`; rolled back, triggers and all."""
    elapsed = 0.0
    with contextlib.suppress(_Undone), transaction(db):
        if not keep:
            for name in triggers:
                db.execute(f"DROP TRIGGER tag_photo_counts_on_{name}")
        start = time.perf_counter()
        write()
        elapsed = (time.perf_counter() - start) * 1000
        raise _Undone
    return elapsed


def _count_anew(db: Any) -> None:
    """Migration v28's statements that fill the counts table from the rows."""
    from phototagger.store.migrations import MIGRATIONS

    for step in MIGRATIONS[28 - 1]:
        if isinstance(step, str) and "TRIGGER" not in step:
            db.execute(step)


def write_cost(db: Any, names: list[str], gone: list[int], repeat: int) -> None:
    """What the triggers add to writes, each rolled back, with and without them in turns: 100,000
    tag rows written as a scan writes them (10,000 new photos, 10 tags each, write_model_tags one
    photo at a time), and the `gone` photos marked missing (a folder taken out) and back."""
    from phototagger.store.tags import write_model_tags

    rng = random.Random(48)
    with transaction(db):
        ids = [
            store_search.synthetic_photo(
                db, store_search.PHOTOS + i, rng, lambda i, _: f"/photos/written/{i:06d}.jpg"
            )
            for i in range(10_000)
        ]
    rows = [
        (pid, dict(zip(picked, (rng.random() for _ in picked), strict=True)))
        for pid in ids
        for picked in [rng.sample(names, 10)]
    ]

    def scan_writes() -> None:
        for pid, scores in rows:
            write_model_tags(db, pid, scores, list(scores), "v9")

    for what, write, triggers in (
        ("100,000 tag rows written", scan_writes, _ROW_TRIGGERS),
        (f"{len(gone)} photos marked missing", lambda: mark_missing(db, gone), _STATUS_TRIGGERS),
    ):
        times: dict[bool, list[float]] = {False: [], True: []}
        for _ in range(repeat):
            for keep in (False, True):
                times[keep].append(_timed_write(db, write, triggers, keep))
        without, kept = statistics.median(times[False]), statistics.median(times[True])
        print(
            f"  {what:32} without the triggers {without:7.1f} ms, with them {kept:7.1f} ms"
            f" ({kept / without - 1:+.0%})",
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
        db, names, rows = store_search.build(Path(tmp) / "library.db")
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
        set_status(db, gone, "tagged")
        built = _timed_write(db, lambda: _count_anew(db), (), keep=True)
        print(f"the counts built anew, as the upgrade to v28 does: {built:.0f} ms", flush=True)
        print("what keeping the counts adds to writes:", flush=True)
        write_cost(db, names, gone, args.repeat)
    print("the grid's rowCount:", flush=True)
    row_count(args.repeat)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
