"""The sidebar's tag counts, photos-to-review count and a parent tag's total, as at --before (read
from git) and as now, in one run; and what the grid's rowCount costs per call, as written and with
its value cached.

Run: PYTHONPATH=. nice .venv/bin/python benchmarks/sidebar_counts.py [--photos 100000]
     [--before main] [--repeat 5] [--keep PATH]

The synthetic library of benchmarks/store_search.py (--photos photos, 10 tags a photo on
average, 60 tags, about 1 in 5 rows under 0.6 sure), built in a temporary folder; with --keep,
built once at PATH (minutes for 500,000 photos) and a copy of it used (upgraded to this
schema when opened). Printed, medians of --repeat, before and now taken in turns, the answers
asserted the same:
1. store/tags.tag_counts, count_undecided_below (the "Needs review" count) and count_untagged
   ("Untagged"), with every photo in the library, then with a folder of 5 % of the photos
   removed (missing); and how long the upgrades to v28, v29 and v30 take to count them anew;
2. what keeping the counts (triggers: the tag counts', migration v28; the photos to review's,
   v29; the untagged photos', v30) adds to the writes they follow, each write rolled back,
   without and with each set of triggers in turns, in ms of this process's CPU: 100,000 tag
   rows written as a scan writes them (10,000 new photos, 10 tags each, one write_model_tags a
   photo), the same rows scored again by another version, and the 5 % folder's photos marked
   missing;
3. store/tags.subtree_counts of 'nature' once 12 tags are moved under it (store_search.tree),
   what the 12 renames and the level's rename cost with the levels' triggers (v31) and without,
   in ms of CPU, and how long the upgrade to v31 takes to count the levels anew; then 2. runs
   with those 12 of the 60 tags below 'nature';
4. 100,000 QAbstractListModel.index() calls from Python, each of which asks the model's Python
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

speed49, the photos to review and the untagged kept by triggers (2026-12-06), main (bcd183f) ->
now, 500,000 photos (4,996,878 rows), --keep (the library built once, in 192 s), three runs
(load 7-9):
- "Needs review" 558 -> 0.04 ms, 1,060 -> 0.04 ms and 1,848 -> 0.04 ms (--repeat 5); with
  5,000 photos missing 661 -> 0.03 ms, 936 -> 0.04 ms and 976 -> 0.04 ms: one row read, the
  same 436,985 and 432,576 photos. The upgrade to v29 counts them once: 377 ms of CPU
  (1,056 and 1,135 ms by the clock).
- the cost, in ms of CPU (--repeat 5): 100,000 tag rows written 1,301 -> 1,438 (+11 %); the
  same rows scored again 1,019 -> 1,317 (+29 %: this library's second scores cross the 0.6 cut
  on 4 rows in 5, each such row looked up among its photo's others; a row staying on its side
  of the cut is let by in the trigger's WHEN); 5,000 photos marked missing 252 -> 277 (+10 %).
- "Untagged" (v30, the same run as the last figures above; the library has 1 untagged photo,
  and every photo was listed to find it): 493 -> 0.07 ms, 466 -> 0.06 ms with 5,000 photos
  missing; 310 ms in a plain call of untagged_photo_ids. The upgrade to v30: 243 ms of CPU.
  Its cost in ms of CPU: 100,000 tag rows written 1,347 -> 1,489 (+10 %), scored again 1,196
  -> 1,155 (-3 %: only a state or photo change runs it), 5,000 photos marked missing 244 ->
  259 (+6 %). In that run the v29 triggers: +7 %, +29 %, +5 %; v28's +22 %, +8 %, +21 %.
- left as they were: the folder tree (88 ms at 500,000 photos) and the photos by status (31 ms).
- a parent tag's total, not changed: 'nature' with 12 tags below (2,196,840 rows, 498,147
  photos) 873-1,692 ms in four runs, before and now alike. Its photos are counted once each,
  so the count passes over each photo or row: rewritten as a merge of the tags' index ranges
  562 ms, as a look-up of each photo 517 ms, against 582 ms as it is (plain sqlite3, load 8).
  Keeping it would take a count of rows per group and photo, rebuilt whenever a rename or a
  merge moves a tag in the tree: left out.

speed50, the tag tree's levels' totals kept by triggers (2026-12-06), main (91c8cf8) -> now,
500,000 photos (4,996,878 rows), --keep, --repeat 3 (load 5-7):
- 'nature' (12 tags below, 2,196,840 rows, 498,147 photos) 1,171 -> 0.1 ms, and 1,654 -> 0.4 ms
  in a second run (the renames alone, --repeat 2): one row read, the same 498,147.
- the cost, in ms of CPU: 100,000 tag rows written 1,573 -> 1,951 (+24 %: 12 of the 60 tags
  below 'nature', about 2 rows of each photo's 10 counted into it), rescored 1,344 -> 1,291
  (-4 %: a score alone does not run them), 5,000 photos marked missing 280 -> 378 (+35 %).
  The 12 tags renamed into 'nature/' (each tag's rows counted into the new level) 500 -> 4,061
  and 506 -> 3,850; 'nature' renamed 'outdoors' 659 -> 8,818 with the rows counted out of one
  level and into the other, 705 -> 713 once a rename moves the level's kept rows with it
  (store/tag_admin.rename_levels). The upgrade to v31 counts the levels: 1,260 and 1,404.
- left as it was: the folder tree (88 ms; store/photos.counts_by_folder says why).

speed50b, regrouping at the cost of one statement a tag (2026-12-06), 5b6786c -> now, the same
library, --repeat 1, in ms of CPU (without the levels' triggers, then with them; load 5-7):
- one of the 12 tags of 'nature' (2,196,840 rows in all) merged into another: 6,915 / 12,961
  -> 5,438 / 8,159; one deleted 1,554 / 4,256 -> 1,399 / 2,032: the tags are taken
  out of their levels in one statement over their rows while their rows are written, and back
  after (store/tag_admin.levels_apart), not counted out by the row triggers one row at a time.
- the 12 tags renamed into 'nature/' 541 / 4,369 and 510 / 4,109 -> 495 / 3,056: a tag not
  small beside its level (under 1/16 of its photos) has the level's photos counted once (one
  pass over them, 12-15 ms at 460,000) instead of each of its rows looked up in the level.
  Merge, delete then 6,073 / 7,853 and 1,694 / 1,901. A rename stays about 0.25 s of CPU a tag
  of 183,000 rows above what it cost without the levels kept: each row's photo is counted into
  the level (an upsert, about 1 us a row); cheaper would take another way of keeping them.
- 'nature' deleted with its 12 tags (one run each, two runs): 12,784 / 17,270 and 14,118 /
  18,336 -> 16,090 / 16,124 and 17,572 / 18,390: the levels at and below it are dropped whole
  first (store/tag_admin.drop_branch_levels), not each tag counted out of them over its rows.
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import os
import random
import shutil
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
            lambda: old.count_undecided_below(db, REVIEW_BELOW),
            lambda: tag_store.count_undecided_below(db, REVIEW_BELOW),
        ),
        (
            "untagged",
            lambda: len(old.untagged_photo_ids(db)),
            lambda: tag_store.count_untagged(db),
        ),
    ):
        ms, answers = in_turns({"before": before, "now": now}, repeat)
        assert answers["before"] == answers["now"], what
        answer = answers["now"]
        shown = answer if isinstance(answer, int) else len(answer)  # type: ignore[arg-type]
        print(
            f"  {what:17} {label:32} {ms['before']:7.2f} -> {ms['now']:7.2f} ms"
            f" ({1 - ms['now'] / ms['before']:+.0%} time saved; the same {shown})",
            flush=True,
        )


# The triggers that keep the tag counts (store/migrations.py, v28) and the photos to review (v29):
# on the tag rows, and on the photos' status.
_KEPT_BY = {
    "tag counts": ("tag_photo_counts_on_", ("insert", "delete", "update_out", "update_in")),
    "photos to review": ("photos_to_review_on_", ("insert", "delete", "update")),
    "untagged photos": ("untagged_photos_on_", ("insert", "delete", "update")),
    "tag levels": ("tag_levels_on_", ("insert", "delete", "update_out", "update_in")),
}
_STATUS = {
    "tag counts": ("photo_gone", "photo_back"),
    "photos to review": ("photo_gone", "photo_back"),
    "untagged photos": ("photo_status",),
    "tag levels": ("photo_gone", "photo_back"),
}


class _Undone(Exception):
    """Raised to roll a timed write back."""


def _timed_write(
    db: Any,
    write: Callable[[], object],
    triggers: tuple[str, ...],
    keep: bool,
    first: Callable[[], object] | None = None,
) -> float:
    """ms of this process's CPU time `write()` takes in a transaction (after `first()`, not
    timed), with the triggers `triggers` dropped in the same transaction unless `keep`; rolled
    back, triggers and all. CPU time, not the clock's: on the shared cores the clock's time of
    one write doubled from one turn to the next."""
    elapsed = 0.0
    with contextlib.suppress(_Undone), transaction(db):
        if first is not None:
            first()
        if not keep:
            for name in triggers:
                db.execute(f"DROP TRIGGER {name}")
        start = time.process_time()
        write()
        elapsed = (time.process_time() - start) * 1000
        raise _Undone
    return elapsed


def _without_and_with(
    db: Any,
    write: Callable[[], object],
    triggers: tuple[str, ...],
    first: Callable[[], object] | None,
    repeat: int,
) -> tuple[float, float]:
    """Median ms of CPU of `write()` without the triggers and with them, in turns (_timed_write)."""
    times: dict[bool, list[float]] = {False: [], True: []}
    for _ in range(repeat):
        for keep in (False, True):
            times[keep].append(_timed_write(db, write, triggers, keep, first))
    return statistics.median(times[False]), statistics.median(times[True])


def _count_anew(db: Any, version: int) -> None:
    """Migration `version`'s statements that fill its count from the rows."""
    from phototagger.store.migrations import MIGRATIONS

    for step in MIGRATIONS[version - 1]:
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

    def rescore() -> None:  # the same photos tagged again by another version: other scores
        for pid, scores in rows:
            write_model_tags(db, pid, {n: 1 - c for n, c in scores.items()}, list(scores), "v10")

    for count, (prefix, row_triggers) in _KEPT_BY.items():
        print(f" the {count}' triggers:", flush=True)
        for what, write, triggers, first in (
            ("100,000 tag rows written", scan_writes, row_triggers, None),
            ("100,000 tag rows rescored", rescore, row_triggers, scan_writes),
            (
                f"{len(gone)} photos marked missing",
                lambda: mark_missing(db, gone),
                _STATUS[count],
                None,
            ),
        ):
            dropped = tuple(prefix + name for name in triggers)
            without, kept = _without_and_with(db, write, dropped, first, repeat)
            print(
                f"  {what:32} without the triggers {without:7.1f} ms, with them {kept:7.1f} ms"
                f" of CPU ({kept / without - 1:+.0%})",
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


def _v31_triggers() -> tuple[str, ...]:
    from phototagger.store.migrations import _V31_TRIGGERS

    return _V31_TRIGGERS


def parent_totals(db: Any, old: Any, names: list[str], repeat: int) -> list[str]:
    """A group's total (photos having any tag below it, each once), as store_search.tree puts 12
    tags under 'nature/'; what the renames cost with the levels' triggers (v31) and without; the
    names after."""
    from phototagger.core.tag_admin import delete_tag, merge_tags, rename_tag

    def into_nature() -> None:
        for name in names[4:16]:
            rename_tag(db, name, f"nature/{name}")

    def level_renamed() -> None:
        rename_tag(db, "nature", "outdoors")

    def merged() -> None:
        merge_tags(db, f"nature/{names[4]}", f"nature/{names[5]}")

    def deleted() -> None:
        delete_tag(db, f"nature/{names[4]}")

    def level_deleted() -> None:
        delete_tag(db, "nature", with_children=True)

    triggers = _v31_triggers()
    for what, write, first in (
        ("12 tags renamed into 'nature/'", into_nature, None),
        ("'nature' renamed 'outdoors'", level_renamed, into_nature),
        ("a tag of 'nature' merged in it", merged, into_nature),
        ("a tag of 'nature' deleted", deleted, into_nature),
        ("'nature' deleted with its 12 tags", level_deleted, into_nature),
    ):
        without, kept = _without_and_with(db, write, triggers, first, min(repeat, 2))
        print(
            f"  {what:32} without the levels' triggers {without:7.1f} ms, with them"
            f" {kept:7.1f} ms of CPU",
            flush=True,
        )
    into_nature()
    ms, answers = in_turns(
        {
            "before": lambda: old.subtree_counts(db, ["nature"]),
            "now": lambda: tag_store.subtree_counts(db, ["nature"]),
        },
        repeat,
    )
    assert answers["before"] == answers["now"]
    print(
        f"  'nature' (12 tags below): {ms['before']:6.1f} -> {ms['now']:6.1f} ms"
        f" (the same {answers['now']})",
        flush=True,
    )
    built = _timed_write(db, functools.partial(_count_anew, db, 31), triggers, keep=False)
    print(f"  the levels counted anew, as the upgrade to v31 does: {built:.0f} ms of CPU")
    return [f"nature/{name}" if 4 <= i < 16 else name for i, name in enumerate(names)]


def _library(keep: Path | None, tmp: Path) -> tuple[Any, list[str], int]:
    """The synthetic library, built in `tmp`; or built once in `keep` and copied into `tmp`."""
    from phototagger.store.connection import open_database

    if keep is None:
        return store_search.build(tmp / "library.db")
    if not keep.exists():
        db, _, _ = store_search.build(keep)
        db.close()
    shutil.copyfile(keep, tmp / "library.db")
    db = open_database(tmp / "library.db")  # upgraded, if built by an older phototagger
    names = [f"tag{i:02d}" for i in range(store_search.TAGS)]
    return db, names, int(db.execute("SELECT count(*) FROM photo_tags").fetchone()[0])


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--photos", type=int, default=100_000)
    parser.add_argument("--before", default="main")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument(
        "--keep",
        type=Path,
        help="the library built once at this path (--photos photos) and a copy of it used",
    )
    args = parser.parse_args()
    store_search.PHOTOS = args.photos
    old = _module_at(args.before, "tags", "store")
    with tempfile.TemporaryDirectory() as tmp:
        start = time.perf_counter()
        db, names, rows = _library(args.keep, Path(tmp))
        print(
            f"{'copied (and upgraded)' if args.keep else 'built'} {args.photos} photos,"
            f" {rows} photo_tags rows in {time.perf_counter() - start:.0f} s;"
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
        for version, what in (
            (28, "the tag counts"),
            (29, "the photos to review"),
            (30, "the untagged"),
        ):
            built = _timed_write(db, functools.partial(_count_anew, db, version), (), keep=True)
            print(f"{what} counted anew, as the upgrade to v{version} does: {built:.0f} ms of CPU")
        print("the parent tags' totals:", flush=True)
        names = parent_totals(db, old, names, args.repeat)
        print("what keeping the counts adds to writes (12 of the 60 tags below 'nature'):")
        write_cost(db, names, gone, args.repeat)
    print("the grid's rowCount:", flush=True)
    row_count(args.repeat)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
