"""Times the grid's Sure filter (GridFilter.sure, gui/sure_box.py) and View > Sort by Confidence
on large libraries: 100,000 then 500,000 photos, about 10 model-scored tags each (60 tags,
skewed as benchmarks/store_search.py skews them: the commonest on 70 % of the photos).

Run: .venv/bin/python benchmarks/sure_filter.py [--photos 100000 500000]
Builds the library in a temporary folder (the real schema through store.connection; each chunk
of photos' rows written in one statement), then prints the median of 5 runs of each query, in
ms, as the GUI's reader thread runs it (core/queries.photo_ids with its OrderedIds cache, the
date order cached, the tag's photos read again as after a commit), for a 70 % and a 10 % tag:
- before: the queries as they were (a Python set of a range's photos, a dict of the best
  scores, a sort by a Python key) on the (tag_id, photo_id, state) index migration 2 made;
- rewrite, old index: the queries as they are (numpy), on that index, with the store's reads;
- after: the queries as they are on migration 20's index, which holds the confidence too.
Last, what the index costs a re-tag: the first 100,000 photos' scores written again through
the re-tag's writer (store.tags.write_model_tags_flat), on the old index and on the new.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import numpy as np

# This checkout's phototagger, not the one installed (an editable install points at another
# worktree): first, before anything imports it.
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.store_search import TAGS, synthetic_photo, tag_probabilities
from phototagger.core import queries
from phototagger.core.queries import BY_CONFIDENCE, GridFilter, OrderedIds, photo_ids
from phototagger.store import migrations
from phototagger.store.connection import open_database, transaction
from phototagger.store.tags import (
    confidences_of,
    ensure_tag,
    photos_scored_within,
    set_user_state,
    write_model_tags_flat,
)

RUNS = 5
MODEL = "bench-1"
CHUNK = 20_000
RETAGGED = 100_000


def _confidence(rng: random.Random) -> float:
    """A suggestion's score: most above 0.7, a good share doubtful, a few under 0.4."""
    return min(1.0, max(0.05, rng.betavariate(4, 1.6)))


def _path(i: int, _rng: random.Random) -> str:
    return f"/photos/{i % 200:03d}/IMG_{i:07d}.jpg"


def grow(db: Any, names: list[str], start: int, stop: int, rng: random.Random) -> int:
    """Photos start..stop-1, each with the tags the skewed probabilities give it (about 10),
    every one a model suggestion with its score; about 1 % carry a decision. Returns rows."""
    probs = tag_probabilities()
    tids = [ensure_tag(db, name) for name in names]
    rows = 0
    for low in range(start, stop, CHUNK):
        with transaction(db):
            batch: list[tuple[int, int, float, str]] = []
            for i in range(low, min(stop, low + CHUNK)):
                pid = synthetic_photo(db, i, rng, _path)
                batch += [
                    (pid, tids[t], _confidence(rng), MODEL)
                    for t in range(TAGS)
                    if rng.random() < probs[t]
                ]
            db.conn.executemany(
                "INSERT INTO photo_tags (photo_id, tag_id, confidence, model_version)"
                " VALUES (?, ?, ?, ?)",
                batch,
            )
            rows += len(batch)
    with transaction(db):
        for i in range(start, stop, 97):  # some of the user's answers, as after labelling
            set_user_state(db, i + 1, names[i % 5], "rejected" if i % 2 else "accepted")
    db.execute("ANALYZE")
    return rows


def median_ms(fn: Callable[[], object]) -> tuple[float, int]:
    times = []
    size = 0
    for _ in range(RUNS):
        start = time.perf_counter()
        result = fn()
        times.append((time.perf_counter() - start) * 1000)
        if isinstance(result, tuple):  # (ids, scores)
            result = result[0]
        size = len(result) if isinstance(result, list | set | dict | np.ndarray) else 0
    return statistics.median(times), size


# The queries as they were before this benchmark (e5e108a, ecf9a4e), for "before" in the same
# run: the photos of a range as a Python set from one row a photo, the best score a photo as
# a dict, the confidence sort by a Python key.


def _old_sure_ids(db: Any, grid_filter: GridFilter, sure: tuple[int, int]) -> Any:
    low, high = sure[0] / 100, sure[1] / 100
    found: set[int] | None = None
    for name in grid_filter.all_of:
        ids = _old_scored_within(db, queries._subtree_ids(db, name), low, high)  # noqa: SLF001
        found = ids if found is None else found & ids
    found = found if found is not None else set()
    # The set went to numpy for the grid's mask (queries._photo_ids): that step, here.
    return np.fromiter(found, dtype=np.int64, count=len(found))


def _old_scored_within(db: Any, tag_ids: list[int], low: float, high: float) -> set[int]:
    marks = ", ".join("?" * len(tag_ids))
    top = "<=" if high >= 1 else "<"
    rows = db.execute(
        f"SELECT photo_id FROM photo_tags WHERE tag_id IN ({marks}) AND state IS NOT 'rejected'"
        f" AND confidence >= ? AND confidence {top} ?",
        [*tag_ids, low, high],
    )
    return {row[0] for row in rows}


def _old_surest_first(db: Any, grid_filter: GridFilter, ids: list[int]) -> list[int]:
    tag_ids = [t for name in grid_filter.all_of for t in queries._subtree_ids(db, name)]  # noqa: SLF001
    marks = ", ".join("?" * len(tag_ids))
    rows = db.execute(
        "SELECT photo_id, max(confidence) FROM photo_tags"
        f" WHERE tag_id IN ({marks}) AND state IS NOT 'rejected'"
        " AND confidence IS NOT NULL GROUP BY photo_id",
        [*tag_ids],
    )
    best = {photo_id: float(b) for photo_id, b in rows}
    return sorted(ids, key=lambda i: -best.get(i, -1.0))


@contextmanager
def old_queries() -> Iterator[None]:
    kept = queries._sure_ids, queries._surest_first  # noqa: SLF001
    queries._sure_ids, queries._surest_first = _old_sure_ids, _old_surest_first  # noqa: SLF001
    try:
        yield
    finally:
        queries._sure_ids, queries._surest_first = kept  # noqa: SLF001


def measure(db: Any, names: list[str], label: str, store: bool = True) -> dict[str, float]:
    """The grid's queries as the reader thread runs them, and (`store`) the store's under them."""
    probs = tag_probabilities()
    common = names[0]
    tenth = names[min(range(TAGS), key=lambda t: abs(probs[t] - 0.1))]
    cache = OrderedIds()
    cache.ids(db, "taken")
    found: dict[str, float] = {}

    def run(what: str, fn: Callable[[], object]) -> None:
        ms, size = median_ms(fn)
        found[what] = ms
        print(f"  {label:<22} {what:<48} {ms:8.1f} ms  ({size:,})", flush=True)

    for tag, share in ((common, f"{probs[0]:.0%}"), (tenth, "10%")):
        tid = [int(db.execute("SELECT id FROM tags WHERE name = ?", [tag]).fetchone()[0])]
        plain = GridFilter(all_of=(tag,))

        def no_range(plain: GridFilter = plain) -> list[int]:
            cache._tags.clear()  # noqa: SLF001 - as after a commit: the tag read again
            return photo_ids(db, plain, "taken", cache)

        run(f"grid: {share} tag, by date (no range: for scale)", no_range)
        for sure, words in (((70, 100), "Sure"), ((40, 70), "Doubtful")):
            wanted = GridFilter(all_of=(tag,), sure=sure)

            def grid(wanted: GridFilter = wanted) -> list[int]:
                cache._tags.clear()  # noqa: SLF001 - as after a commit: the tag read again
                return photo_ids(db, wanted, "taken", cache)

            run(f"grid: {share} tag, {words}", grid)
            if store:
                low, high = sure[0] / 100, sure[1] / 100

                def scored(tid: list[int] = tid, low: float = low, high: float = high) -> Any:
                    return photos_scored_within(db, tid, low, high)

                run(f"  store: photos_scored_within, {words}", scored)

        def by_confidence(plain: GridFilter = plain) -> list[int]:
            cache._tags.clear()  # noqa: SLF001
            return photo_ids(db, plain, BY_CONFIDENCE, cache)

        run(f"grid: {share} tag, Sort by Confidence", by_confidence)
        if store:

            def scores(tid: list[int] = tid) -> Any:
                return confidences_of(db, tid)

            run("  store: confidences_of", scores)
        both = GridFilter(all_of=(tag,), sure=(70, 100))

        def sure_sorted(both: GridFilter = both) -> list[int]:
            cache._tags.clear()  # noqa: SLF001
            return photo_ids(db, both, BY_CONFIDENCE, cache)

        run(f"grid: {share} tag, Sure + Sort by Confidence", sure_sorted)
    return found


def _index_statements() -> list[str]:
    """Migration 20's statements, the index measured (none in a phototagger without it)."""
    if len(migrations.MIGRATIONS) < 20:
        return []
    return [s for s in migrations.MIGRATIONS[19] if isinstance(s, str)]


# The index as migration 2 made it, before migration 20 put the confidence in it.
_OLD_INDEX = (
    "DROP INDEX IF EXISTS photo_tags_tag_state",
    "CREATE INDEX photo_tags_tag_state ON photo_tags(tag_id, photo_id, state)",
)


def _retag_s(db: Any, names: list[str], photos: int) -> float:
    """Seconds to write every score of the first `photos` photos again, each a little changed,
    through the re-tag's writer (store.tags.write_model_tags_flat), rolled back after."""
    rows = db.execute(
        "SELECT photo_id, tag_id, confidence FROM photo_tags WHERE photo_id <= ? AND state IS NULL",
        [photos],
    ).fetchall()
    column = {int(tid): j for j, tid in enumerate(_tag_ids(db, names))}
    ids = sorted({int(r[0]) for r in rows})
    at = {pid: i for i, pid in enumerate(ids)}
    flat = [(at[int(p)], column[int(t)], float(c) * 0.999) for p, t, c in rows]
    db.execute("BEGIN")
    start = time.perf_counter()
    write_model_tags_flat(db, names, ids, flat, lambda _i, _j: 0.0, MODEL)
    took = time.perf_counter() - start
    db.execute("ROLLBACK")
    return took


def _tag_ids(db: Any, names: list[str]) -> list[int]:
    return [int(db.execute("SELECT id FROM tags WHERE name = ?", [n]).fetchone()[0]) for n in names]


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--photos", type=int, nargs="+", default=[100_000, 500_000])
    args = parser.parse_args()
    names = [f"tag{i:02d}" for i in range(TAGS)]
    fix = _index_statements()
    with tempfile.TemporaryDirectory() as tmp:
        db = open_database(Path(tmp) / "library.db")
        rng = random.Random(20261205)
        have, rows = 0, 0
        for size in sorted(args.photos):
            start = time.perf_counter()
            rows += grow(db, names, have, size, rng)
            have = size
            print(
                f"{size:,} photos, {rows:,} photo_tags rows ({rows / size:.1f} a photo),"
                f" built in {time.perf_counter() - start:.0f} s",
                flush=True,
            )
            for statement in _OLD_INDEX:
                db.execute(statement)
            db.conn.commit()
            with old_queries():
                before = measure(db, names, "before", store=False)
            after = measure(db, names, "rewrite, old index")
            if fix:
                retagged = min(RETAGGED, size)
                retag_before = _retag_s(db, names, retagged)
                start = time.perf_counter()
                for statement in fix:
                    db.execute(statement)
                db.conn.commit()
                print(f"  migration 20 on {size:,} photos: {time.perf_counter() - start:.1f} s")
                after = measure(db, names, "after (rewrite, index)")
                retag_after = _retag_s(db, names, retagged)
                print(
                    f"  re-tag writes, the {retagged:,} first photos' scores written again:"
                    f" {retag_before:.2f} s before, {retag_after:.2f} s after",
                    flush=True,
                )
            for what in before:
                print(f"  {size:,} {what:<44} {before[what]:8.1f} -> {after[what]:6.1f} ms")
        db.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
