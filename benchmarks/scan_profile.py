"""Where a fast-path scan's time goes: one scan process per variant on a fresh library, with its
wall time, CPU time, peak RSS and (optionally) a cProfile of the whole process.

Run: .venv/bin/python benchmarks/scan_profile.py [--count 300] [--workers 1,2,3] [--no-people]
     [--profile] [--threads] [--folder DIR]

Needs a converted OpenVINO model in the benchmark home (a first scan makes it; this script runs
one if there is none). CPU time over wall time says how much of the 2 cores the scan used; on a
shared machine read the ratios between variants of one run, not the absolute rates.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO_ROOT))

DET = Path("/work/shared/data/det-photos")

_CHILD = """
import cProfile, io, json, os, pstats, resource, sys, time
from phototagger.core.library import open_library
from phototagger.paths import default_home
from phototagger.core.runtime import people_step
from phototagger.core.scan import scan
from phototagger.core.model.tagger import load_active_tagger
from benchmarks.thread_times import ThreadTimes
folder, workers, people, profile = sys.argv[1], int(sys.argv[2]), sys.argv[3] == "1", sys.argv[4]
runtime = sys.argv[5]
threads = ThreadTimes()
start = time.perf_counter()
profiler = cProfile.Profile() if profile else None
if profiler:
    profiler.enable()
with open_library(default_home()) as library:
    summary = scan(
        library, [folder], lambda: load_active_tagger(library, runtime=runtime),
        workers=workers, people=people_step(library, "openvino") if people else False,
        progress=lambda _: threads.sample(),
    )
threads.sample()
if profiler:
    profiler.disable()
    out = io.StringIO()
    pstats.Stats(profiler, stream=out).sort_stats("tottime").print_stats(25)
    open(profile, "w").write(out.getvalue())
usage = resource.getrusage(resource.RUSAGE_SELF)
print(json.dumps({"tagged": summary.tagged, "runtime": summary.runtime,
    "cpu_s": usage.ru_utime + usage.ru_stime, "peak_mib": usage.ru_maxrss / 1024,
    "tensorflow": "tensorflow" in sys.modules,
    "threads": threads.summary(usage.ru_utime + usage.ru_stime)}))
"""


def child(
    home: Path, folder: Path, workers: int, people: bool, profile: str, runtime: str
) -> dict[str, object]:
    from benchmarks.scan_runtimes import fresh_library_run

    lines, seconds = fresh_library_run(
        home, _CHILD, str(folder), str(workers), "1" if people else "0", profile, runtime
    )
    return {**json.loads(lines[-1]), "seconds": seconds}


def warm(home: Path, folder: Path) -> None:
    """A first scan on `auto`: converts and checks OpenVINO, as a user's first scan does."""
    if any((home / "cache" / "runtimes").glob("*.verdict.json")):
        return
    env = {**os.environ, "PHOTOTAGGER_HOME": str(home), "PYTHONPATH": str(REPO_ROOT)}
    subprocess.run(
        [sys.executable, "-m", "phototagger", "scan", "--quiet", "--runtime", "auto", str(folder)],
        env=env,
        check=False,
        capture_output=True,
        cwd=REPO_ROOT,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--count", type=int, default=300, help="det-photos to scan")
    parser.add_argument("--folder", type=Path, help="scan this folder instead of det-photos")
    parser.add_argument("--workers", default="2", help="decode worker counts to try, e.g. 1,2,3")
    parser.add_argument("--no-people", action="store_true", help="without the face detector")
    parser.add_argument("--both", action="store_true", help="with and without the face detector")
    parser.add_argument("--profile", action="store_true", help="print each scan's cProfile top")
    parser.add_argument(
        "--threads",
        action="store_true",
        help="print each scan's threads: CPU run, waiting for a core, blocked (pipeline stalls)",
    )
    parser.add_argument("--home", type=Path, help="benchmark home to reuse (keeps conversions)")
    parser.add_argument(
        "--runtimes",
        default="openvino",
        help="backbone runtimes to scan on, comma-separated (openvino is fp32; openvino-bf16 "
        "where the CPU has it), each forced as --runtime does",
    )
    parser.add_argument(
        "--bare",
        action="store_true",
        help="then bare TensorFlow and OpenVINO at batch 16 on the same photos, then the scans "
        "again: the end-to-end target (scan >= bare TensorFlow) read within one window of load",
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="pt-scan-profile-") as tmp:
        work = Path(tmp)
        home = args.home or work / "home"
        folder = args.folder
        if folder is None:
            folder = work / "photos"
            folder.mkdir()
            for f in sorted(DET.glob("*.jpg"))[: args.count]:
                os.symlink(f, folder / f.name)
        warm(home, folder)
        peoples = (True, False) if args.both else (not args.no_people,)
        print(f"{len(list(folder.iterdir()))} files; load average {os.getloadavg()[0]:.1f}")
        runtimes = args.runtimes.split(",")
        variants = [(w, rt) for w in (int(w) for w in args.workers.split(",")) for rt in runtimes]
        for people in peoples:
            for workers, runtime in variants:
                profile = str(work / "profile.txt") if args.profile else ""
                r = child(home, folder, workers, people, profile, runtime)
                seconds, cpu = float(r["seconds"]), float(r["cpu_s"])  # type: ignore[arg-type]
                print(
                    f"{runtime} faces {'on ' if people else 'off'} workers {workers}: "
                    f"{r['tagged']} photos "
                    f"in {seconds:.1f} s = {float(r['tagged']) / seconds:.1f} photos/s "  # type: ignore[arg-type]
                    f"(start-up included); CPU {cpu:.1f} s ({cpu / seconds:.2f} cores); "
                    f"peak RSS {r['peak_mib']:.0f} MiB; TensorFlow imported: {r['tensorflow']}"
                )
                if args.threads:
                    print(r["threads"])
                if profile:
                    print(Path(profile).read_text())
            if args.bare and people == peoples[-1]:
                from benchmarks.scan_runtimes import bare_runtimes

                bare = bare_runtimes(folder, home)
                print("bare batch 16: " + ", ".join(f"{k} {v:.1f} img/s" for k, v in bare.items()))
                args.bare = False
                for workers, runtime in variants:
                    r = child(home, folder, workers, people, "", runtime)
                    print(
                        f"again, {runtime} workers {workers}: "
                        f"{float(r['tagged']) / float(r['seconds']):.1f} photos/s"  # type: ignore[arg-type]
                    )
        print(f"load average {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
