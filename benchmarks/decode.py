"""How much the draft decode saves on camera-sized JPEGs, and how fast a big tree walks.

Run: .venv/bin/python benchmarks/decode.py [--count 30] [--megapixels 12] [--files 20000]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent


def _time_each(paths: list[Path], work: Callable[[Path], object]) -> list[float]:
    timings = []
    for path in paths:
        start = time.perf_counter()
        work(path)
        timings.append(time.perf_counter() - start)
    return timings


def _summary(label: str, seconds: list[float]) -> float:
    mean_ms = statistics.fmean(seconds) * 1000
    median_ms = statistics.median(seconds) * 1000
    print(f"{label:<42} {mean_ms:7.1f} ms/photo (median {median_ms:.1f})")
    return mean_ms


def bench_decode(folder: Path, count: int, megapixels: float) -> None:
    from PIL import Image

    from phototagger.core.imaging import decode_photo
    from tests.photo_factory import big_jpeg

    start = time.perf_counter()
    paths = [big_jpeg(folder / f"IMG_{i:04d}.jpg", megapixels, seed=i) for i in range(count)]
    sizes = [path.stat().st_size for path in paths]
    with Image.open(paths[0]) as first:
        width, height = first.size
    print(
        f"generated {count} JPEGs of {width}x{height}, mean {statistics.fmean(sizes) / 1e6:.2f} MB,"
        f" in {time.perf_counter() - start:.1f} s"
    )

    def full_decode(path: Path) -> object:
        with Image.open(path) as im:
            return im.convert("RGB")

    # One untimed pass of each warms the page cache and Pillow's lazy plugin loading.
    full_decode(paths[0])
    decode_photo(paths[0])
    plain = _summary("plain full decode (open + convert RGB)", _time_each(paths, full_decode))
    drafted = _summary(
        "decode_photo (draft, hash, 224 input, thumb)", _time_each(paths, decode_photo)
    )
    print(f"{'speed-up (plain / decode_photo)':<42} {plain / drafted:7.1f} x")


def bench_walk(folder: Path, files: int) -> None:
    from phototagger.core.walk import FoundFile, walk_photos

    per_folder = 200
    for index in range(files):
        sub = folder / f"{2000 + index // 2400}" / f"{index // per_folder:04d}"
        if index % per_folder == 0:
            sub.mkdir(parents=True)
        (sub / f"IMG_{index:05d}.JPG").touch()
    timings = []
    for _ in range(3):
        start = time.perf_counter()
        found = sum(isinstance(item, FoundFile) for item in walk_photos([folder]))
        timings.append(time.perf_counter() - start)
    assert found == files, (found, files)
    first_ms, best_ms = timings[0] * 1000, min(timings) * 1000
    print(
        f"walk of {files:,} files in {files // per_folder} folders:"
        f" first {first_ms:.0f} ms, best of 3 {best_ms:.0f} ms"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--count", type=int, default=30, help="JPEGs to decode")
    parser.add_argument("--megapixels", type=float, default=12)
    parser.add_argument("--files", type=int, default=20_000, help="files in the walk tree")
    args = parser.parse_args()
    sys.path.insert(0, str(REPO_ROOT))  # for phototagger and tests.photo_factory
    with tempfile.TemporaryDirectory(prefix="phototagger-bench-") as tmp:
        bench_decode(Path(tmp) / "jpegs", args.count, args.megapixels)
        bench_walk(Path(tmp) / "tree", args.files)


if __name__ == "__main__":
    main()
