"""Times what the app counts at each grid refresh while a scan is reading files.

Run: .venv/bin/python benchmarks/scan_counts.py [--photos 500000] [--db FILE]
Builds (or reuses, with --db) a made-up library of PHOTOS rows, the last fifth found by a scan
and not read yet (pending, no content hash), and prints the median of 5 runs, in ms, of the
grid's read on the reader thread (all photos, with the photo count: with_photo_count), what the
UI thread does with it (the found files among those shown), and the sidebar's library_counts.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, cast

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from phototagger.core.queries import (  # noqa: E402
    GridFilter,
    OrderedIds,
    library_counts,
    photo_ids,
    with_photo_count,
)
from phototagger.store.connection import open_database, transaction  # noqa: E402
from phototagger.store.photos import insert_photo  # noqa: E402

RUNS = 5


def build(db_path: Path, photos: int) -> None:
    db = open_database(db_path)
    with transaction(db):
        for i in range(photos):
            read = i < photos * 4 // 5
            insert_photo(
                db,
                path=f"/photos/{i % 500:03d}/IMG_{i:07d}.jpg",
                size=1_000_000 + i,
                mtime=1.7e9 + i,
                content_hash=f"{i:032x}" if read else None,
                width=4000 if read else None,
                height=3000 if read else None,
                taken_at=None,
                orientation=1,
                status="tagged" if read else "pending",
            )
    db.conn.close()


def median_ms(fn: Callable[[], object]) -> tuple[float, object]:
    times, result = [], None
    for _ in range(RUNS):
        start = time.perf_counter()
        result = fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times), result


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--photos", type=int, default=500_000)
    parser.add_argument("--db", type=Path, help="a library built before (built there if none)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        db_path = args.db or Path(folder) / "library.db"
        if not db_path.exists():
            build(db_path, args.photos)
        db = open_database(db_path)
        cache = OrderedIds()
        photo_ids(db, GridFilter(), "name", cache)  # the grid's order cached, as in the app
        ms, read = median_ms(
            lambda: with_photo_count(
                db, lambda: photo_ids(db, GridFilter(), "name", cache), lambda ids: ids
            )
        )
        ids, total = cast("tuple[list[int], Any]", read)
        print(f"grid read (reader thread): {ms:,.0f} ms, {len(ids):,} photos shown")
        ms, _ = median_ms(lambda: with_photo_count(db, lambda: ids, lambda ids: ids))
        print(f"of which the photo count: {ms:,.0f} ms")
        found = total.found
        if isinstance(found, int):
            print(f"found among them: {found:,}, counted on the reader thread")
        else:  # before: the found ids, intersected with the grid's on the UI thread
            ms, n = median_ms(lambda: len(found.intersection(ids)))
            print(f"found among them (UI thread): {ms:,.1f} ms, {n:,}")
        ms, counts = median_ms(lambda: library_counts(db))
        print(f"library_counts (sidebar): {ms:,.0f} ms, found {cast(Any, counts).found:,}")


if __name__ == "__main__":
    main()
