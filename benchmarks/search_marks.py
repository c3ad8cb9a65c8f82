"""Times `phototagger search --rating/--label/--pick` on a made-up library.

Run: .venv/bin/python benchmarks/search_marks.py [--photos 100000]
Builds PHOTOS photos (store_search's synthetic ones) in a temporary home, one in 10 rated 4 or 5
and one in 50 labelled red in their files' records, and a tag 'beach' on one in 5, then prints
the median of 3 runs of the CLI's search, text and --json, with only marks and with a tag, in ms.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.store_search import photo_path, synthetic_photo  # noqa: E402
from phototagger.cli import main  # noqa: E402
from phototagger.core.library import open_library  # noqa: E402
from phototagger.paths import default_home  # noqa: E402
from phototagger.store.connection import transaction  # noqa: E402
from phototagger.store.tags import write_model_tags  # noqa: E402

RUNS = 3


def build(home: Path, photos: int) -> None:
    rng = random.Random(38)
    with open_library(default_home(home)) as library:
        db = library.db
        with transaction(db):
            for i in range(photos):
                photo_id = synthetic_photo(db, i, rng, photo_path)
                if i % 5 == 0:
                    write_model_tags(db, photo_id, {"beach": 0.9}, ["beach"], "bench-1")
                db.execute(
                    "INSERT INTO photo_file_metadata (photo_id, rating, color) VALUES (?, ?, ?)",
                    [photo_id, 4 + i % 2 if i % 10 == 0 else None, "red" if i % 50 == 0 else None],
                )


def timed(home: Path, *argv: str) -> tuple[float, int]:
    times, lines = [], 0
    for _ in range(RUNS):
        out = io.StringIO()
        start = time.perf_counter()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(io.StringIO()):
            assert main(["--home", str(home), "search", *argv]) == 0
        times.append((time.perf_counter() - start) * 1000)
        lines = len(out.getvalue().splitlines())
    return statistics.median(times), lines


def main_bench() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--photos", type=int, default=100_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        home = Path(folder)
        start = time.perf_counter()
        build(home, args.photos)
        print(f"{args.photos:,} photos built in {time.perf_counter() - start:.0f} s")
        for argv in (
            ["--rating", "4"],
            ["--label", "red"],
            ["--rating", "4", "--json"],
            ["beach", "--rating", "4"],
            ["beach", "--rating", "4", "--json"],
        ):
            ms, lines = timed(home, *argv)
            print(f"search {' '.join(argv)}: {ms:,.0f} ms ({lines:,} lines)")


if __name__ == "__main__":
    main_bench()
