"""`scan --ray` on a local Ray cluster: throughput with 1 and 2 workers, and the SQLite merge rate.

Run: .venv/bin/python benchmarks/ray_scan.py [--photos 300] [--clips 10] [--workers 1 2]
         [--runtime auto|openvino|tensorflow] [--no-people] [--source /work/shared/data/det-photos]

1. For each worker count, a fresh library scans the first N photos of the source folder and C
   clips made from the next photos (H.264, 6 s each at 640 px: 6 sampled frames each) through a
   local cluster (`ray start --head --num-cpus=W`, started and stopped by this script); the
   workers also look for faces unless --no-people. Files/s of the whole Ray step (cluster
   connection and actor start-up included) and of its steady part (from the first result on),
   plus where the CNN ran.
2. The merge alone: the result rows of run 1 merged again into a fresh library (the files
   reconciled as pending first), files/s of the SQLite side (hash lookup, head scores, clips'
   frames pooled, faces and people tags, one transaction per 64): what one library absorbs,
   however many machines feed it.
Libraries are temporary; their weights and converted runtimes are cached under
benchmarks/out/ray-home/cache/, where an ordinary scan of --prime photos (a library of its own)
converts the CNN to OpenVINO and checks it first, as a user's first scan does on a worker
machine: without that verdict the workers would run TensorFlow (skipped for --runtime tensorflow).
"""

from __future__ import annotations

import argparse
import dataclasses
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from phototagger.core import cluster  # noqa: E402
from phototagger.core.library import open_library  # noqa: E402
from phototagger.core.people import PeopleStep  # noqa: E402
from phototagger.core.scan import ScanSummary, scan  # noqa: E402
from phototagger.paths import LibraryHome  # noqa: E402
from tests.ray_cluster import local_ray_cluster  # noqa: E402

OUT = Path(__file__).resolve().parent / "out"
REPO_ROOT = Path(__file__).resolve().parent.parent


def _never_load() -> Any:
    raise AssertionError("the local CNN was needed: every photo should come from the cluster")


def _subset(source: Path, count: int, clips: int, dest: Path) -> Path:
    """Links to the first `count` JPEGs and `clips` clips of the next ones: a folder the scan
    sees as its own."""
    from PIL import Image

    from tests.media_factory import clip

    dest.mkdir(parents=True, exist_ok=True)
    photos = sorted(source.glob("*.jpg"))
    for path in photos[:count]:
        (dest / path.name).symlink_to(path)
    rest = photos[count:]
    for i in range(clips):
        frames = []
        for path in rest[i * 3 : i * 3 + 3]:
            with Image.open(path) as im:
                frames.append(im.convert("RGB").resize((640, 480)))
        clip(dest / f"clip{i:03d}.mp4", frames, seconds_each=2.0)
    return dest


def prime(home: Path, folder: Path) -> None:
    """An ordinary scan in `home` (its own library): its cache then holds the checked OpenVINO
    conversion the workers load."""
    env = {**os.environ, "PHOTOTAGGER_HOME": str(home), "PYTHONPATH": str(REPO_ROOT)}
    cmd = [sys.executable, "-m", "phototagger", "scan", "--quiet", str(folder)]
    done = subprocess.run(cmd, env=env, capture_output=True, text=True, check=False)
    if done.returncode not in (0, 1):  # 1: finished with problems
        sys.exit(f"priming scan failed ({done.returncode}): {done.stderr[-2000:]}")


def _library(work: Path, name: str, home: Path) -> LibraryHome:
    """A fresh library whose model caches are the primed ones under `home`."""
    fresh = LibraryHome.beside(work / name / "library.db")
    cache = LibraryHome.under(home)
    return dataclasses.replace(
        fresh, weights_cache=cache.weights_cache, runtimes_cache=cache.runtimes_cache
    )


def run_on_ray(
    address: str, folder: Path, options: cluster.RayOptions, work: Path, home: Path
) -> tuple[list[dict[str, Any]], ScanSummary, float, float]:
    rows: list[dict[str, Any]] = []
    first: list[float] = []
    real_results = cluster.results_on_ray

    def timed(*args: Any, **kwargs: Any) -> Any:
        for row in real_results(*args, **kwargs):
            if not first:
                first.append(time.perf_counter())
            rows.append(row)
            yield row

    cluster.results_on_ray = timed
    try:
        with open_library(_library(work, f"ray-{options.workers}", home)) as lib:
            started = time.perf_counter()
            summary = scan(
                lib,
                [str(folder)],
                _never_load,
                people=PeopleStep(_never_load),
                remote=cluster.ray_step(address, options),
            )
            ended = time.perf_counter()
    finally:
        cluster.results_on_ray = real_results
    steady = ended - first[0] if first else float("nan")
    return rows, summary, ended - started, steady


def merge_rate(
    rows: list[dict[str, Any]], folder: Path, work: Path, home: Path
) -> tuple[int, float]:
    with open_library(_library(work, "merge", home)) as lib:
        # Reconciled as pending (the walk; the step stops the scan before tagging), then only
        # the merge is timed.
        scan(
            lib,
            [str(folder)],
            _never_load,
            people=False,
            remote=lambda _lib, _summary, _report, token, _order: token.cancel(),
        )
        started = time.perf_counter()
        merged = cluster.merge_results(lib, rows, ScanSummary())
        return merged, time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--photos", type=int, default=300)
    parser.add_argument("--clips", type=int, default=10)
    parser.add_argument("--no-people", action="store_true", help="no face detection")
    parser.add_argument("--prime", type=int, default=200, help="photos of the priming scan")
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument(
        "--runtime",
        default="auto",
        choices=("auto", "openvino", "tensorflow"),
        help="what the workers run the CNN on (auto: OpenVINO where checked)",
    )
    parser.add_argument("--source", type=Path, default=Path("/work/shared/data/det-photos"))
    args = parser.parse_args()
    home = OUT / "ray-home"
    home.mkdir(parents=True, exist_ok=True)
    os.environ["PHOTOTAGGER_HOME"] = str(home)  # the driver's library cache, too
    work = Path(tempfile.mkdtemp(prefix="ray-bench-"))
    try:
        if args.runtime != "tensorflow":
            # Same paths every time: a second run finds them unchanged, and the verdict cached.
            shutil.rmtree(home / "prime-photos", ignore_errors=True)
            prime(home, _subset(args.source, args.prime, 0, home / "prime-photos"))
        folder = _subset(args.source, args.photos, args.clips, work / "photos")
        n = len(list(folder.iterdir()))
        print(
            f"{args.photos} photos from {args.source} and {args.clips} clips, faces "
            f"{'not ' if args.no_people else ''}looked for; {os.cpu_count()} cores here"
        )
        first_rows: list[dict[str, Any]] = []
        for workers in args.workers:
            with local_ray_cluster(home, num_cpus=workers) as address:
                options = cluster.RayOptions(
                    workers=workers, runtime=args.runtime, people=not args.no_people
                )
                rows, summary, total_s, steady_s = run_on_ray(address, folder, options, work, home)
            first_rows = first_rows or rows
            print(
                f"{workers} worker(s): {summary.tagged} tagged, {summary.problems} problems; "
                f"{n / total_s:.1f} files/s overall ({total_s:.1f} s incl. connection and "
                f"model load), {len(rows) / steady_s:.1f} files/s from the first result; "
                f"{summary.runtime}"
            )
        merged, merge_s = merge_rate(first_rows, folder, work, home)
        print(
            f"merge into SQLite: {merged} photos in {merge_s:.2f} s = "
            f"{merged / merge_s:.0f} files/s"
        )
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
