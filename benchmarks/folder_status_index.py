"""Would an index on photos(folder, status) pay? The sidebar's folder counts with and without it,
what it costs a scan's writes and the library's size, and what else it could speed.

Run: PYTHONPATH=. .venv/bin/python benchmarks/folder_status_index.py [--photos 100000 500000]
     [--repeat 5] [--scan 20000]

Per size, the made-up library of benchmarks/train_overheads.py (--photos rows in 1,000 folders,
settled; then with the last fifth found by a scan and not read yet). Printed, medians of
--repeat, without the index -> with it (ANALYZE'd neither: the app never runs it):
- the sidebar's folder counts (store/photos.counts_by_folder; the same counts asserted), every
  folder's, and those of 40 folders (a training's read, core/tag_learning);
- the grid's filter by folder (store/photos.known_files of one folder: it reads the path index,
  a folder and every folder inside it, so the new index cannot serve it);
- the query plans of both counts, so it is plain which index each read;
- CREATE INDEX (what a migration adding it costs at the first opening) and the bytes it adds;
- a scan's writes: --scan new photos found (insert_photo, one transaction per 32 as a scan's
  batches), then each set 'tagged' (update_photo, the same batches); --repeat such scans into
  each library in turns, the library without the index first in every other turn.

Measured (speed41, 2026-12-06, 2 shared cores, load 1.5-2.8), without -> with the index:
- 500,000 photos, settled: every folder's counts 57.0 -> 43.4 ms (99.7 -> 72.5 ms at load 2.8);
  40 folders' 3.4 -> 3.0 ms; the grid's filter by folder 58.8 -> 59.8 ms (the path index serves
  it either way); CREATE INDEX 0.37-0.61 s and 24.1 MB more (8.4 % of this 287 MB library of
  photo rows only; 0.9 % of the 2.7 GB such a library is with its embeddings); a scan's writes
  of 20,000 photos 1.62 -> 2.19 s (+29 us a photo; medians of 5 turns).
- 500,000 photos, a fifth found and not read yet: every folder's 108.4 -> 105.4 ms.
- 100,000 photos: every folder's 12.7 -> 10.1 ms (20.9 -> 19.1 ms mid-scan).
Not made: it saves 3-27 ms of a read that runs on the window's statistics reader, never on the
GUI thread, beside the rest of the sidebar's read (465 ms at 100,000 photos, of it 32 ms these
counts: benchmarks/gui_open.py); it speeds nothing else (a training's counts of 40 folders by
under 1 ms; the grid's folder filter not at all); and every scan pays for it on each photo it
finds and tags, and every library 24 MB per 500,000 photos.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from benchmarks.train_overheads import _build, _ms

ROOT = Path(__file__).resolve().parent.parent
INDEX = "CREATE INDEX photos_folder_status ON photos(folder, status)"


def _plan(db: Any, sql: str, params: list[Any]) -> str:
    rows = db.execute(f"EXPLAIN QUERY PLAN {sql}", params).fetchall()
    return "; ".join(str(r[-1]) for r in rows if "INDEX" in str(r[-1]) or "SCAN" in str(r[-1]))


def _reads(db: Any, repeat: int) -> dict[str, Any]:
    from phototagger.store import photos as photo_store

    every, counts = _ms(lambda: photo_store.counts_by_folder(db), repeat)
    folders = sorted(counts)[::25][:40]
    some, part = _ms(lambda: photo_store.counts_by_folder(db, folders), repeat)
    one = folders[0].rsplit("/", 1)[0]  # a year's folder, its trips inside it
    grid, inside = _ms(lambda: photo_store.known_files(db, one), repeat)
    whole: tuple[str, list[str]] = (
        "SELECT folder, count(*) FROM photos WHERE status != 'missing' GROUP BY folder",
        [],
    )
    chosen: tuple[str, list[str]] = (
        "SELECT folder, count(*) FROM photos WHERE folder IN (?, ?) AND status != 'missing'"
        " GROUP BY folder",
        folders[:2],
    )
    return {
        "every": every,
        "some": some,
        "grid": grid,
        "counts": (counts, part, len(inside)),
        "plans": (_plan(db, *whole), _plan(db, *chosen)),
    }


def _scan_writes(path: Path, new: int, turn: int) -> float:
    """Seconds for a scan's writes of `new` photos found in the library at `path` (its
    `turn`th such scan: other paths each time)."""
    from phototagger.store.connection import open_database, transaction
    from phototagger.store.photos import insert_photo, update_photo

    db = open_database(path)
    start = time.perf_counter()
    ids: list[int] = []
    for first in range(0, new, 32):
        with transaction(db):
            for i in range(first, min(new, first + 32)):
                folder = f"/home/me/Pictures/new {turn}/Trip {i % 40:02d}"
                ids.append(
                    insert_photo(
                        db,
                        path=f"{folder}/NEW_{i:07d}.JPG",
                        size=2_000_000 + i,
                        mtime=1.8e9 + i,
                        content_hash=None,
                        width=None,
                        height=None,
                        taken_at=None,
                        orientation=None,
                        status="pending",
                    )
                )
    for first in range(0, len(ids), 32):
        with transaction(db):
            for pid in ids[first : first + 32]:
                update_photo(db, pid, status="tagged", content_hash=f"{pid:032x}")
    seconds = time.perf_counter() - start
    db.conn.close()
    return seconds


def _size(db: Any) -> int:
    page = db.execute("PRAGMA page_size").fetchone()[0]
    return int(db.execute("PRAGMA page_count").fetchone()[0]) * int(page)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--photos", type=int, nargs="+", default=[100_000, 500_000])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--scan", type=int, default=20_000)
    args = parser.parse_args()
    scratch = tempfile.TemporaryDirectory(prefix="folder-status-index-")
    os.environ["PHOTOTAGGER_HOME"] = str(Path(scratch.name) / "home")
    sys.path.insert(0, str(ROOT))

    from phototagger.store.connection import open_database

    print(f"medians of {args.repeat}, without the index -> with it; load {os.getloadavg()[0]:.1f}")
    for photos in args.photos:
        for scanning in (False, True):
            plain = Path(scratch.name) / f"library-{photos}-{scanning}.db"
            _build(plain, photos, scanning)
            indexed = plain.with_name(plain.stem + "-indexed.db")
            shutil.copyfile(plain, indexed)
            kind = "a fifth found by a scan, not read yet" if scanning else "settled"
            db = open_database(plain)
            size = _size(db)
            without = _reads(db, args.repeat)
            db.conn.close()
            db = open_database(indexed)
            start = time.perf_counter()
            db.execute(INDEX)
            made = time.perf_counter() - start
            added = _size(db) - size
            with_it = _reads(db, args.repeat)
            db.conn.close()
            assert with_it["counts"] == without["counts"]
            print(f"{photos:,} photos, {kind} ({size / 1e6:.0f} MB):")
            for key, what in (
                ("every", "sidebar's folder counts, every folder's"),
                ("some", "folder counts of 40 folders (a training's)"),
                ("grid", f"grid's filter by folder ({without['counts'][2]:,} photos)"),
            ):
                print(f"    {what}: {without[key]:.1f} -> {with_it[key]:.1f} ms")
            for name, plans in (("without", without["plans"]), ("with", with_it["plans"])):
                print(f"    plans {name}: every folder's: {plans[0]} | 40 folders': {plans[1]}")
            print(
                f"    CREATE INDEX: {made:.2f} s; {added / 1e6:.1f} MB more "
                f"({100 * added / size:.1f} % of {size / 1e6:.0f} MB)"
            )
            if not scanning:
                # Taken in turns, the library without the index first, then with it, and so on:
                # the medians of --repeat turns.
                times: dict[Path, list[float]] = {plain: [], indexed: []}
                for turn in range(args.repeat):
                    for library in (plain, indexed) if turn % 2 == 0 else (indexed, plain):
                        times[library].append(_scan_writes(library, args.scan, turn))
                before, after = (statistics.median(times[p]) for p in (plain, indexed))
                print(
                    f"    a scan's writes of {args.scan:,} new photos (found, then tagged): "
                    f"{before:.2f} -> {after:.2f} s ({1e6 * (after - before) / args.scan:+.0f} µs "
                    f"a photo; each turn: {' '.join(f'{t:.2f}' for t in times[plain])} -> "
                    f"{' '.join(f'{t:.2f}' for t in times[indexed])} s; "
                    f"load {os.getloadavg()[0]:.1f})"
                )
            plain.unlink()
            indexed.unlink()


if __name__ == "__main__":
    main()
