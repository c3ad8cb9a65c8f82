"""Times the search box's file-name search (a word that is no tag: core/queries.py GridFilter
.names, OrderedIds.names) on a library of 100,000 photos, as the GUI's reader thread runs it
(core/queries.photo_ids with its OrderedIds cache, the date order cached).

Run: .venv/bin/python benchmarks/search_file_names.py [--photos 100000]
Builds the library in a temporary folder (the real schema through store.connection): phone
names IMG_YYYYMMDD_HHMMSS.jpg (60 %), PXL_….jpg (15 %), DSC_####.NEF (15 %), clips
VID_….mp4 (5 %) and accented names "Été à Nice ####.HEIC" (5 %), in 200 folders "Trip YYYY";
one photo in 10 tagged 'dog'. Prints the median of 5 runs of each, in ms:
- a tag ('dog'): what Enter cost before, and costs still;
- the same word as a tag no photo has ('VID' before this change: nothing found);
- 'VID' as a file name: first after a commit (the order and the names read again; beside the
  tag's first after a commit), then cached; the names read and folded alone;
- 'dog, IMG_2019' (a tag and a name), '-IMG_' (names left out), 'ete' (accents);
- the empty grid's check that no file name has a word ('zzq', core/queries.names_found, on
  the reader thread with the names cached);
- Enter on a word that starts a tag's name: whether a file name has it ('VID', found; 'zzq',
  not: the same names_found, asked of the reader thread), and the tag-or-name search after;
and the names cache's size in memory.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

# This checkout's phototagger, not the one installed (an editable install points at another
# worktree): first, before anything imports it.
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.store_search import synthetic_photo
from phototagger.core.queries import (
    GridFilter,
    OrderedIds,
    folded_names,
    names_found,
    photo_ids,
)
from phototagger.store.connection import open_database, transaction
from phototagger.store.tags import ensure_tag

RUNS = 5
CHUNK = 20_000


def _name(i: int, rng: random.Random) -> str:
    day = f"{rng.randrange(2010, 2025)}{rng.randrange(1, 13):02d}{rng.randrange(1, 29):02d}"
    kind = rng.random()
    if kind < 0.60:
        return f"IMG_{day}_{rng.randrange(0, 240000):06d}.jpg"
    if kind < 0.75:
        return f"PXL_{day}_{rng.randrange(0, 10**9):09d}.jpg"
    if kind < 0.90:
        return f"DSC_{i % 10000:04d}.NEF"
    if kind < 0.95:
        return f"VID_{day}_{rng.randrange(0, 240000):06d}.mp4"
    return f"Été à Nice {i:06d}.HEIC"


def _path(i: int, rng: random.Random) -> str:
    return f"/photos/Trip {2010 + i % 15}/{i % 200:03d}/{i:07d}_{_name(i, rng)}"


def build(db: Any, photos: int, rng: random.Random) -> None:
    dog = ensure_tag(db, "dog")
    for low in range(0, photos, CHUNK):
        with transaction(db):
            ids = [synthetic_photo(db, i, rng, _path) for i in range(low, min(photos, low + CHUNK))]
            db.conn.executemany(
                "INSERT INTO photo_tags (photo_id, tag_id, state, decided_at)"
                " VALUES (?, ?, 'added', '2026-12-07T21:00:00')",
                [(pid, dog) for pid in ids if rng.random() < 0.1],
            )


def median_ms(run: Callable[[], object], before: Callable[[], object] = lambda: None) -> float:
    times = []
    for _ in range(RUNS):
        before()
        start = time.perf_counter()
        run()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--photos", type=int, default=100_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        db = open_database(Path(tmp) / "library.db")
        start = time.perf_counter()
        build(db, args.photos, random.Random(61))
        print(f"{args.photos:,} photos built in {time.perf_counter() - start:.1f} s")
        cache = OrderedIds()
        photo_ids(db, GridFilter(), "taken", cache)  # the date order cached, as in the grid

        def shown(f: GridFilter) -> int:
            return len(photo_ids(db, f, "taken", cache))

        other = open_database(Path(tmp) / "library.db")  # a scan's, another process's

        def commit() -> None:  # a commit that changes the photos: orders and names read again
            with transaction(other):
                other.execute("UPDATE photo_generation SET generation = random() WHERE id = 1")

        rows = [
            ("tag 'dog'", GridFilter(all_of=("dog",)), False),
            ("'VID' as a tag (before: found nothing)", GridFilter(all_of=("VID",)), False),
            ("'dog' first after a commit (order read)", GridFilter(all_of=("dog",)), True),
            ("'VID' as a name, first after a commit", GridFilter(names=("VID",)), True),
            ("'VID' as a name, names cached", GridFilter(names=("VID",)), False),
            ("'dog, IMG_2019'", GridFilter(all_of=("dog",), names=("IMG_2019",)), False),
            ("'-IMG_'", GridFilter(names_out=("IMG_",)), False),
            ("'ete' (accents aside)", GridFilter(names=("ete",)), False),
            # "VID" and Enter where a tag ('dog' here) is offered for it (search62): the tag
            # alone before, the tag or the name now.
            (
                "'VID' or tag 'dog' (tag or name)",
                GridFilter(any_of=("dog",), names_any=("VID",)),
                False,
            ),
        ]

        def nothing() -> None:
            pass

        for words, grid_filter, cold in rows:
            found = shown(grid_filter)
            ms = median_ms(partial(shown, grid_filter), commit if cold else nothing)
            print(f"{words:42s} {ms:7.1f} ms  ({found:,} photos)")
        ms = median_ms(lambda: folded_names(db))
        print(f"{'the names read and folded alone':42s} {ms:7.1f} ms")
        ms = median_ms(lambda: names_found(db, ["zzq"], cache))
        print(f"{'empty grid: no file name has zzq (cached)':42s} {ms:7.1f} ms")
        # Enter on a word a tag's name starts with: does a file name contain it? (search62)
        for word in ("VID", "zzq"):
            ms = median_ms(partial(names_found, db, [word], cache))
            print(f"{f'Enter: a file name has {word}? (cached)':42s} {ms:7.1f} ms")
        ids, folded = cache.names(db)
        size = ids.nbytes + sum(sys.getsizeof(n) for n in folded) + sys.getsizeof(folded)
        print(f"names cache: {size / 1e6:.1f} MB for {len(folded):,} photos")
        other.close()
        db.close()


if __name__ == "__main__":
    main()
