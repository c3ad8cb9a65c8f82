"""What migration 27 (store/migrations.py: the title and caption columns; every photo's files read
again on its next scan) costs a large library: at its first opening, and at its next scan.

Run: PYTHONPATH=. .venv/bin/python benchmarks/migration27.py [--photos 100000 500000]
     [--tags 5] [--read 1000]

1. The opening. Per size, the made-up library of benchmarks/train_overheads.py (--photos rows in
   1,000 folders), each present photo with its file's record (as a scan leaves it), its embedding
   (a float16 vector of 1,280, as the scan stores it) and --tags model suggestions, left as a
   phototagger at schema 26 left it. Timed: store/connection.open_database, which upgrades it, as
   the app and every command open it (the copy kept aside first, migrations.backup_path, then
   migration 27's statements, one transaction), not told and told (store/migrations.Upgrading:
   the app's notice painted between the pieces of the work); the photos its next scan reads
   again.
2. That scan's reading (core/metadata/sync.sync_file_metadata, the scan's last step), on --read
   real photos of /work/shared/data/det-photos in a library of their own: unchanged (what a
   rescan reads of them otherwise) and after migration 27's statement; per photo, and so for
   --photos photos (a line's arithmetic: the files are det-photos', small JPEGs, in the page
   cache).
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from benchmarks.train_overheads import _build

ROOT = Path(__file__).resolve().parent.parent
DET_PHOTOS = Path("/work/shared/data/det-photos")


def _at_schema_26(path: Path, photos: int, tags: int) -> None:
    """The library at `path` made as the module says, left at schema 26."""
    import numpy as np

    from phototagger.store.connection import open_database, transaction

    _build(path, photos, scanning=False)
    db = open_database(path)
    rng = np.random.default_rng(0)
    present = [
        (pid, size, mtime)
        for pid, size, mtime in db.execute(
            "SELECT id, size, mtime FROM photos WHERE status = 'tagged' ORDER BY id"
        )
    ]
    with transaction(db):
        db.conn.executemany(
            "INSERT INTO tags (name, origin, created_at) VALUES (?, 'model', '2026-01-01')",
            [(f"tag {n}",) for n in range(59)],
        )
        db.conn.executemany(
            "INSERT INTO photo_file_metadata (photo_id, photo_size, photo_mtime, keywords,"
            " read_at) VALUES (?, ?, ?, '[]', '2026-01-01')",
            present,
        )
    for first in range(0, len(present), 10_000):
        chunk = present[first : first + 10_000]
        vectors = rng.random((len(chunk), 1280), dtype=np.float32).astype(np.float16)
        with transaction(db):
            db.conn.executemany(
                "INSERT INTO embeddings (photo_id, backbone, vector) VALUES (?, 'b0', ?)",
                [(pid, vectors[i].tobytes()) for i, (pid, _, _) in enumerate(chunk)],
            )
            db.conn.executemany(
                "INSERT INTO photo_tags (photo_id, tag_id, confidence, model_version)"
                " VALUES (?, ?, ?, 'v1')",
                [
                    (pid, 1 + (pid * 7 + k * 13) % 59, 0.5 + 0.1 * k)
                    for pid, _, _ in chunk
                    for k in range(tags)
                ],
            )
    db.execute("ALTER TABLE photo_file_metadata DROP COLUMN title")
    db.execute("ALTER TABLE photo_file_metadata DROP COLUMN caption")
    db.execute("PRAGMA user_version = 26")
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.conn.close()


def _opening(path: Path, told: bool) -> tuple[float, float, int, float | None]:
    """Seconds the opening upgrade took, of them the copy kept aside, the photos the next scan
    reads again, and (`told`: opened as the app and the command line open it, told of the
    upgrade) the longest time between two of the front end's turns, from the upgrade's start
    to its end (None: not told)."""
    from phototagger.store import migrations
    from phototagger.store.connection import open_database

    copying: list[float] = []
    copy_aside = migrations._copy_aside

    def timed_copy(source: Path, target: Path, between: Any = None) -> None:
        start = time.perf_counter()
        copy_aside(source, target, between)
        copying.append(time.perf_counter() - start)

    turns: list[float] = []

    class Told:
        def started(self, copy: Path | None) -> None:
            turns.append(time.perf_counter())

        def between(self) -> None:
            turns.append(time.perf_counter())

    migrations._copy_aside = timed_copy  # type: ignore[assignment]
    try:
        start = time.perf_counter()
        db = open_database(path, upgrading=Told() if told else None)
        seconds = time.perf_counter() - start
    finally:
        migrations._copy_aside = copy_aside
    turns.append(time.perf_counter())
    again = db.execute(
        "SELECT count(*) FROM photo_file_metadata WHERE photo_mtime IS NULL"
    ).fetchone()[0]
    db.conn.close()
    gap = max(b - a for a, b in zip(turns, turns[1:], strict=False)) if told else None
    return seconds, sum(copying), int(again), gap


def _reading(scratch: Path, count: int) -> tuple[float, float, int]:
    """Seconds the scan's reading of the files took on `count` det-photos: unchanged, and after
    migration 27's statement; and how many it read then."""
    from phototagger.core.metadata.sync import sync_file_metadata
    from phototagger.store.connection import open_database, transaction
    from phototagger.store.photos import add_folder, insert_photo

    folder = scratch / "det-photos"
    folder.mkdir()
    for source in sorted(DET_PHOTOS.glob("*.jpg"))[:count]:
        try:
            os.link(source, folder / source.name)
        except OSError:  # another file system
            shutil.copy(source, folder / source.name)
    db = open_database(scratch / "read.db")
    add_folder(db, str(folder))
    with transaction(db):
        for photo in sorted(folder.iterdir()):
            st = photo.stat()
            insert_photo(
                db,
                path=str(photo),
                size=st.st_size,
                mtime=st.st_mtime,
                content_hash=photo.name,
                width=None,
                height=None,
                taken_at=None,
                orientation=None,
                status="tagged",
            )
    sync_file_metadata(db, [str(folder)])  # as the scan that found them left them
    start = time.perf_counter()
    sync_file_metadata(db, [str(folder)])
    unchanged = time.perf_counter() - start
    db.execute("UPDATE photo_file_metadata SET photo_mtime = NULL")
    start = time.perf_counter()
    read = sync_file_metadata(db, [str(folder)]).read
    again = time.perf_counter() - start
    db.conn.close()
    return unchanged, again, read


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--photos", type=int, nargs="+", default=[100_000, 500_000])
    parser.add_argument("--tags", type=int, default=5)
    parser.add_argument("--read", type=int, default=1000)
    args = parser.parse_args()
    scratch = tempfile.TemporaryDirectory(prefix="migration27-")
    os.environ["PHOTOTAGGER_HOME"] = str(Path(scratch.name) / "home")
    sys.path.insert(0, str(ROOT))
    print(f"load {os.getloadavg()[0]:.1f}")
    per_photo: dict[str, Any] = {}
    if args.read:
        unchanged, again, read = _reading(Path(scratch.name), args.read)
        per_photo = {"unchanged": unchanged / args.read, "again": again / args.read}
        print(
            f"the scan's reading of {args.read:,} det-photos: unchanged {unchanged:.2f} s, after "
            f"migration 27 {again:.2f} s ({read:,} read; {1000 * per_photo['again']:.2f} ms a "
            f"photo; load {os.getloadavg()[0]:.1f})"
        )
    for photos in args.photos:
        path = Path(scratch.name) / f"library-{photos}.db"
        start = time.perf_counter()
        _at_schema_26(path, photos, args.tags)
        made = time.perf_counter() - start
        size = path.stat().st_size
        twin = path.with_name(f"twin-{photos}.db")
        shutil.copyfile(path, twin)
        print(f"{photos:,} photos ({size / 1e6:.0f} MB at schema 26, made in {made:.0f} s):")
        for library, told in ((path, False), (twin, True)):
            seconds, copying, again, gap = _opening(library, told)
            how = (
                f"told, as the app and the command line open it: the longest time between two "
                f"of the front end's turns {1000 * (gap or 0):.0f} ms"
                if told
                else "not told"
            )
            print(
                f"    the first opening {seconds:.1f} s, of it the copy kept aside "
                f"{copying:.1f} s and migration 27's statements {seconds - copying:.1f} s "
                f"({how}; load {os.getloadavg()[0]:.1f})"
            )
        print(f"    its next scan reads {again:,} photos' files again")
        if per_photo:
            print(
                f"    that reading at det-photos' pace: {again * per_photo['again']:.0f} s, "
                f"against {again * per_photo['unchanged']:.0f} s for an unchanged library"
            )
        for leftover in Path(scratch.name).glob(f"*-{photos}.db*"):
            leftover.unlink()


if __name__ == "__main__":
    main()
