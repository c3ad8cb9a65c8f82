"""End-to-end scans on the old path (TensorFlow) and the new ones (OpenVINO, LiteRT), start-up
included, against bare TensorFlow inference of the same network at batch 16, all in one run.

Run: .venv/bin/python benchmarks/scan_runtimes.py [--big 48] [--ordinary 300]

Each scan is a fresh `phototagger scan` process on a fresh library (warm caches: converted
weights and the OpenVINO model, as after a first scan), timed from process start to exit, with
its peak RSS and whether it imported TensorFlow. Two sets: 12 MP camera-like JPEGs (generated
once, shared with benchmarks/scan.py) and ordinary real photos (det-photos, 0.1-0.5 MP, when
present). The first scan on `auto` measures the runtimes and picks one; the target is judged on
that one: a scan of ordinary photos at least as fast, in photos/s with its start-up, as bare
TensorFlow at batch 16 on already-decoded inputs; peak RSS under 1 GB.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

REPO_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO_ROOT))
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")

DET = Path("/work/shared/data/det-photos")
_CHILD = """
import json, resource, sys, time
from phototagger.paths import default_home
from phototagger.cli import main
from phototagger.ml.runtimes import deferred
after = [0.0]
plain = deferred.DeferredCheckEngine.after_scan
def timed(self, *args, **kwargs):  # the first scan's conversion + check, once all are tagged
    start = time.perf_counter()
    try:
        return plain(self, *args, **kwargs)
    finally:
        after[0] += time.perf_counter() - start
deferred.DeferredCheckEngine.after_scan = timed
code = main(["scan", "--quiet", "--json", "--runtime", sys.argv[1], sys.argv[2]])
print(json.dumps({"code": code, "tensorflow": "tensorflow" in sys.modules, "after_s": after[0],
                  "peak_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                  "cpu_s": sum(resource.getrusage(resource.RUSAGE_SELF)[:2])}))
"""


# The old path, then each converted runtime, forced (auto runs the one it measured fastest).
RUNTIMES = ("tensorflow", "openvino", "litert")


def record_file(home: Path) -> Path:
    """The choice the first scan on auto measured (ml/runtimes/measurement.py)."""
    return next((home / "cache" / "runtimes").glob("*-choice.json"))


def fresh_library_run(home: Path, code: str, *args: str) -> tuple[list[str], float]:
    """Run `code` (a scan) in a child process on a fresh library in `home`, its caches kept:
    (the child's stdout lines, wall seconds). Exits with the child's stderr if it failed."""
    shutil.rmtree(home / "data", ignore_errors=True)
    shutil.rmtree(home / "cache" / "thumbnails", ignore_errors=True)
    env = {**os.environ, "PHOTOTAGGER_HOME": str(home), "PYTHONPATH": str(REPO_ROOT)}
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", code, *args],
        env=env,
        capture_output=True,
        text=True,
        check=False,
        cwd=REPO_ROOT,
    )
    seconds = time.perf_counter() - start
    lines = done.stdout.strip().splitlines()
    if done.returncode != 0 or not lines:
        raise SystemExit(f"scan child failed ({done.returncode}): {done.stderr[-2000:]}")
    return lines, seconds


def child_scan(home: Path, runtime: str, folder: Path) -> dict[str, object]:
    """One scan process on a fresh library in `home` (its caches kept)."""
    lines, seconds = fresh_library_run(home, _CHILD, runtime, str(folder))
    tail = json.loads(lines[-1])
    if tail["code"] != 0:
        raise SystemExit(f"scan child: phototagger scan exited {tail['code']}")
    summary = json.loads("\n".join(lines[:-1]))
    return {**tail, "seconds": seconds, "tagged": summary["tagged"], "runtime": summary["runtime"]}


_WINDOW = """
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
app = QApplication(["phototagger"])
QTimer.singleShot(0, app.quit)  # runs once the window is shown and the event loop turns
from phototagger.gui.app import run
run()
"""


def first_window(home: Path) -> float:
    """Seconds from starting `phototagger gui` (offscreen) to its shown window's event loop."""
    env = {
        **os.environ,
        "PHOTOTAGGER_HOME": str(home),
        "PYTHONPATH": str(REPO_ROOT),
        "QT_QPA_PLATFORM": "offscreen",
    }
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-c", _WINDOW], env=env, check=True, cwd=REPO_ROOT, capture_output=True
    )
    return time.perf_counter() - start


def ordinary_folder(count: int, work: Path) -> Path | None:
    files = sorted(DET.glob("*.jpg"))[:count] if DET.is_dir() else []
    if not files:
        return None
    folder = work / "ordinary"
    folder.mkdir()
    for f in files:
        os.symlink(f, folder / f.name)
    return folder


def bare_runtimes(folder: Path, home: Path) -> dict[str, float]:
    """img/s of TensorFlow and of each converted runtime alone, at batch 16 on the folder's
    decoded model inputs, interleaved (TF, OV, LiteRT, TF, OV, LiteRT) so all see the same load."""
    from phototagger.core.imaging import decode_photo
    from phototagger.ml.engine import load_engine
    from phototagger.ml.runtimes.candidates import installed_candidates
    from phototagger.ml.runtimes.conversion_check import load_converted
    from phototagger.ml.weights_source import file_digest, source_weights_path
    from phototagger.paths import LibraryHome

    pixels = np.stack([decode_photo(p).model_input for p in sorted(folder.iterdir())[:160]])
    library_home = LibraryHome.under(home)
    engine = load_engine("cpu", weights_cache=library_home.weights_cache)
    runners = {"tensorflow": engine.embed}
    digest = file_digest(source_weights_path())
    for candidate in installed_candidates(digest, library_home.runtimes_cache):
        runners[candidate.name] = load_converted(engine, candidate).embed
    rates: dict[str, list[float]] = {name: [] for name in runners}
    cpu: dict[str, list[float]] = {name: [] for name in runners}
    for name, embed in list(runners.items()) * 2:
        embed(pixels[:16])
        start, start_cpu = time.perf_counter(), time.process_time()
        for i in range(0, len(pixels) - 15, 16):
            embed(pixels[i : i + 16])
        count = len(pixels) // 16 * 16
        rates[name].append(count / (time.perf_counter() - start))
        cpu[name].append((time.process_time() - start_cpu) / count * 1000)
    per_image = ", ".join(f"{name} {np.mean(cpu[name]):.0f} ms" for name in runners)
    print(f"  bare CPU time per image: {per_image} (all threads; load-independent, unlike img/s)")
    return {name: float(np.mean(r)) for name, r in rates.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--big", type=int, default=48, help="12 MP JPEGs to scan")
    parser.add_argument("--ordinary", type=int, default=300, help="det-photos to scan")
    args = parser.parse_args()
    from phototagger.ml.runtimes.agreement import MIN_PHOTOS

    if (args.ordinary or args.big) < MIN_PHOTOS:  # the first scan on auto scans that folder
        parser.error(f"auto checks a runtime on {MIN_PHOTOS} photos or more: scan at least that")
    from benchmarks.scan import big_photo_set, scan_folder

    with tempfile.TemporaryDirectory(prefix="pt-scan-runtimes-") as tmp:
        work = Path(tmp)
        home = work / "home"
        ordinary = ordinary_folder(args.ordinary, work)
        big = scan_folder(big_photo_set(args.big, 12)) if args.big else None
        warm_with = ordinary or big
        assert warm_with is not None, "nothing to scan"
        # The weights' cache warmed by a TensorFlow scan; then the first scan on `auto` (no
        # converted model yet) against a TensorFlow scan, interleaved.
        child_scan(home, "tensorflow", warm_with)
        before = child_scan(home, "tensorflow", warm_with)
        first = child_scan(home, "auto", warm_with)  # converts and checks after tagging
        after = child_scan(home, "tensorflow", warm_with)
        tf_s = (float(before["seconds"]) + float(after["seconds"])) / 2  # type: ignore[arg-type]
        first_s, conv_s = float(first["seconds"]), float(first["after_s"])  # type: ignore[arg-type]
        print(
            f"first scan ever, {first['tagged']} photos: all tagged after "
            f"{first_s - conv_s:.1f} s (TensorFlow alone: {tf_s:.1f} s, "
            f"{before['seconds']:.1f}/{after['seconds']:.1f}); then converts and checks "
            f"and times OpenVINO and LiteRT in {conv_s:.1f} s; process {first_s:.1f} s -> "
            f"{first['runtime']}"
        )
        chosen = json.loads(record_file(home).read_text())["chosen"] or "tensorflow"
        print(f"load average {os.getloadavg()[0]:.1f}; auto chose {chosen}")
        for name, folder in (("ordinary photos (det-photos)", ordinary), ("12 MP JPEGs", big)):
            if folder is None:
                continue
            # auto's choice too where it is none of those (openvino-mixed, openvino-bf16).
            runtimes = list(dict.fromkeys((*RUNTIMES, chosen)))
            results = {runtime: child_scan(home, runtime, folder) for runtime in runtimes}
            for runtime, r in results.items():
                rate = float(r["tagged"]) / float(r["seconds"])  # type: ignore[arg-type]
                print(
                    f"{name}: {runtime:<14} {r['tagged']} photos in {r['seconds']:.1f} s "
                    f"with start-up = {rate:5.1f} photos/s; CPU "
                    f"{float(r['cpu_s']) / float(r['tagged']) * 1000:.0f} ms/photo; "  # type: ignore[arg-type]
                    f"peak RSS {r['peak_mib']:.0f} MiB; "
                    f"TensorFlow imported: {r['tensorflow']}"
                )
            old = float(results["tensorflow"]["seconds"])  # type: ignore[arg-type]
            for runtime in runtimes[1:]:
                print(f"  {runtime}: {old / float(results[runtime]['seconds']):.2f}x TensorFlow")  # type: ignore[arg-type]
            new = float(results[chosen]["seconds"])  # type: ignore[arg-type]
            if folder is ordinary:
                print(
                    f"  first window of the GUI on this library (process start to its event "
                    f"loop, offscreen): {first_window(home):.2f} s"
                )
                ordinary_rate = float(results[chosen]["tagged"]) / new  # type: ignore[arg-type]
        if ordinary is not None:
            # Last: a scan child's peak RSS counts its parent's at the fork (Linux keeps the
            # high-water mark across exec), and this loads TensorFlow into the parent.
            bare = bare_runtimes(ordinary, home)
            verdict = "meets" if ordinary_rate >= bare["tensorflow"] else "MISSES"
            others = ", ".join(f"{k} {v:.1f}" for k, v in bare.items() if k != "tensorflow")
            print(
                f"ordinary photos: bare TensorFlow, batch 16, decoded inputs: "
                f"{bare['tensorflow']:.1f} img/s (bare {others} img/s); the scan on {chosen} "
                f"(auto's choice) with start-up {ordinary_rate:.1f} photos/s {verdict} the target"
            )
        print(f"load average {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
