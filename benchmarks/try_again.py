"""File ▸ Problems ▸ Try Again on 3 files in a folder of a few thousand photos: how long it takes,
and how many files its progress speaks of (it should be the 3, not the folder).

Run: PYTHONPATH=$PWD .venv/bin/python benchmarks/try_again.py [--photos 2000] [--keep DIR]

The folder holds copies of the det-photos JPEGs (cycled, each copy its own file); 3 of them have
their first bytes wiped, so the scan lists them in Problems. The library is scanned once with the
real model (minutes; kept in --keep to be reused, so that runs on other code, e.g. main's with
PYTHONPATH=/work/main, time the same library); then each run restores the scanned library, mends
2 of the 3 files and times Try Again on the 3 with the model already loaded: only the retry.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from phototagger.core.jobs import Progress  # noqa: E402
from phototagger.core.library import open_library  # noqa: E402
from phototagger.core.scan import Tagger, scan  # noqa: E402
from phototagger.core.try_again import TriedAgain, try_again  # noqa: E402
from phototagger.paths import LibraryHome  # noqa: E402

DEFAULT_SOURCE = Path("/work/shared/data/det-photos")


def _chosen(photos: int) -> list[str]:
    """The 3 files damaged, spread through the folder; the last one stays damaged."""
    return [f"IMG_{n:05d}.jpg" for n in (photos // 30, photos // 2, photos - 100)]


def _headless(data: bytes) -> bytes:
    damaged = bytearray(data)
    damaged[:64] = bytes(64)
    return bytes(damaged)


def _build(keep: Path, source: Path, photos: int) -> None:
    """The folder and its library, scanned once (skipped when `keep` holds them already)."""
    folder, home = keep / "photos", LibraryHome.under(keep / "home")
    if (keep / "scanned.db").exists():
        return
    folder.mkdir(parents=True, exist_ok=True)
    sources = sorted(source.glob("*.jpg"))
    for n in range(photos):
        dest = folder / f"IMG_{n:05d}.jpg"
        data = sources[n % len(sources)].read_bytes()
        dest.write_bytes(_headless(data) if dest.name in _chosen(photos) else data)
    from phototagger.ml.engine import load_engine

    started = time.monotonic()
    engine = load_engine("auto", weights_cache=home.weights_cache)
    with open_library(home) as lib:
        summary = scan(lib, [str(folder)], lambda: engine)
    print(
        f"scanned {summary.found:,} files once in {time.monotonic() - started:.0f} s "
        f"({summary.problems} problems)"
    )
    shutil.copyfile(home.database, keep / "scanned.db")


def _restore(keep: Path, source: Path, chosen: list[str]) -> None:
    """The library as scanned, the 3 files damaged as they were, then 2 of them mended."""
    home = LibraryHome.under(keep / "home")
    for suffix in ("-wal", "-shm"):
        Path(f"{home.database}{suffix}").unlink(missing_ok=True)
    shutil.copyfile(keep / "scanned.db", home.database)
    sources = sorted(source.glob("*.jpg"))
    for name in chosen:
        path = keep / "photos" / name
        data = sources[int(name[4:9]) % len(sources)].read_bytes()
        path.write_bytes(data if name != chosen[-1] else _headless(data))


def _timed(
    home: LibraryHome, chosen: list[str], engine: Tagger
) -> tuple[float, float, tuple[int, int], TriedAgain]:
    """Try Again on `chosen`: seconds in all, seconds until the files were looked at, how many
    were looked at and to tag (as its progress said), and what came of it."""
    said: list[tuple[float, Progress]] = []
    with open_library(home) as lib:
        started = time.monotonic()
        tried = try_again(
            lib,
            chosen,
            lambda: engine,
            None,
            progress=lambda p: said.append((time.monotonic(), p)),
        )
        took = time.monotonic() - started
    walk = [(at, p.done) for at, p in said if p.phase == "looking for photos" and p.total]
    tagged = max((p.total or 0 for _, p in said if p.phase == "tagging"), default=0)
    return took, walk[-1][0] - started, (walk[-1][1], tagged), tried


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--photos", type=int, default=2000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--source", type=Path, default=DEFAULT_SOURCE)
    parser.add_argument("--keep", type=Path, help="the scanned library, built here once")
    args = parser.parse_args()
    keep = args.keep or Path(tempfile.mkdtemp(prefix="try-again-bench-"))
    _build(keep, args.source, args.photos)
    from phototagger.ml.engine import load_engine

    home = LibraryHome.under(keep / "home")
    engine = load_engine("auto", weights_cache=home.weights_cache)
    times: list[float] = []
    walks: list[float] = []
    for run in range(args.runs):
        _restore(keep, args.source, _chosen(args.photos))
        chosen = [str(keep / "photos" / name) for name in _chosen(args.photos)]
        took, walk, (walked, tagged), tried = _timed(home, chosen, engine)
        times.append(took)
        walks.append(walk)
        print(
            f"run {run + 1}: {times[-1]:.2f} s (looking for photos: {walks[-1]:.3f} s); "
            f"progress: {walked:,} files looked at, {tagged:,} to tag; {tried.summary()}"
        )
    median = statistics.median(times)
    print(
        f"Try Again of 3 files among {args.photos:,}: {median:.2f} s, of which looking for "
        f"photos {statistics.median(walks):.3f} s (medians of {args.runs})"
    )


if __name__ == "__main__":
    main()
