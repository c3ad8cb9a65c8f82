"""Keywords written to files per second: 1,000 real JPEGs (det-photos copies), three user tags
each (one of them a hierarchy), written to XMP sidecars and embedded into the files; then read
back as a scan does (the sync pass over new files, and over unchanged ones).

Run: .venv/bin/python benchmarks/keywords.py [--photos 1000] [--source DIR]

The photos are copied into a temporary folder (the originals are never touched); the library is
built through the store API as if scanned (no model needed). Every keyword value counts once per
field it goes into (dc:subject, lr:hierarchicalSubject, digiKam:TagsList, and IPTC when the file
uses it). About a minute on 2 cores.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from phototagger.core.metadata.job import write_keywords  # noqa: E402
from phototagger.core.metadata.sync import sync_file_metadata  # noqa: E402
from phototagger.core.metadata.write import WriteOptions  # noqa: E402
from phototagger.store.connection import open_database, transaction  # noqa: E402
from phototagger.store.photos import insert_photo  # noqa: E402
from phototagger.store.tags import add_user_tag  # noqa: E402

DEFAULT_SOURCE = Path("/work/shared/data/det-photos")
TAGS_PER_PHOTO = 3


def _library(folder: Path, db_path: Path) -> tuple[object, list[int]]:
    db = open_database(db_path)
    ids = []
    with transaction(db):
        for path in sorted(folder.glob("*.jpg")):
            st = path.stat()
            pid = insert_photo(
                db,
                path=str(path),
                size=st.st_size,
                mtime=st.st_mtime,
                content_hash=None,
                width=None,
                height=None,
                taken_at=None,
                orientation=None,
                status="tagged",
            )
            label = path.stem.split("_", 2)[-1]
            for tag in (label, f"Places/Trip {pid % 7}", "benchmark"):
                add_user_tag(db, pid, tag)
            ids.append(pid)
    return db, ids


def _run(name: str, db: object, ids: list[int], options: WriteOptions) -> None:
    started = time.perf_counter()
    summary = write_keywords(db, ids, options)  # type: ignore[arg-type]
    elapsed = time.perf_counter() - started
    print(
        f"{name:<9} {summary.photos:>5} photos in {elapsed:6.2f} s: "
        f"{summary.photos / elapsed:7.1f} photos/s, "
        f"{summary.photos * TAGS_PER_PHOTO / elapsed:7.1f} keywords/s, "
        f"{summary.keywords_added / elapsed:7.1f} field values/s "
        f"({summary.keywords_added:,} values, {summary.problems} problems)"
    )
    started = time.perf_counter()
    again = write_keywords(db, ids, options)  # type: ignore[arg-type]
    elapsed = time.perf_counter() - started
    print(f"{'':<9} again, nothing to change: {again.unchanged / elapsed:7.1f} photos/s")


def _read(name: str, db: object, folder: Path) -> None:
    started = time.perf_counter()
    summary = sync_file_metadata(db, [str(folder)])  # type: ignore[arg-type]
    elapsed = time.perf_counter() - started
    rate = f" ({summary.read / elapsed:.1f} photos/s)" if summary.read else ""
    print(
        f"{name:<9} {summary.read:>5} photos read{rate}, {summary.checked} candidates "
        f"looked at, in {elapsed:.2f} s"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--photos", type=int, default=1000)
    parser.add_argument("--source", type=Path, default=DEFAULT_SOURCE)
    args = parser.parse_args()
    sources = sorted(args.source.glob("*.jpg"))[: args.photos]
    if not sources:
        print(f"skipped: no JPEGs in {args.source} (pass --source DIR)")
        return
    with tempfile.TemporaryDirectory(prefix="keywords-bench-") as tmp:
        os.environ["PHOTOTAGGER_HOME"] = str(Path(tmp) / "home")
        size = 0
        for mode in ("sidecar", "embed"):
            folder = Path(tmp) / mode
            folder.mkdir()
            for src in sources:
                shutil.copyfile(src, folder / src.name)
                size += src.stat().st_size
        print(f"{len(sources):,} det-photos JPEGs ({size / 2 / 1e6:.0f} MB) per run, 3 tags each")
        for mode in ("sidecar", "embed"):
            folder = Path(tmp) / mode
            db, ids = _library(folder, Path(tmp) / f"{mode}.db")
            _run(mode, db, ids, WriteOptions(target=mode))
            # Read back as a scan would: first (every file new to the reader), then unchanged.
            db2 = open_database(Path(tmp) / f"{mode}-read.db")
            with transaction(db2):
                for path in sorted(folder.glob("*.jpg")):
                    st = path.stat()
                    insert_photo(
                        db2,
                        path=str(path),
                        size=st.st_size,
                        mtime=st.st_mtime,
                        content_hash=None,
                        width=None,
                        height=None,
                        taken_at=None,
                        orientation=None,
                        status="tagged",
                    )
            _read("read", db2, folder)
            _read("rescan", db2, folder)


if __name__ == "__main__":
    main()
