"""How long the `phototagger` process runs on after its last line of output.

Run: .venv/bin/python benchmarks/cli_exit.py [--photos 6] [--rounds 3]

Each round, in a fresh library home: `phototagger scan --runtime tensorflow DIR` on --photos
det-photos (TensorFlow loaded, as on every first scan), the same scan stopped by a Ctrl-C at its
first "tagging" line, `phototagger classify` on one of them (TensorFlow, no library written) and
`phototagger stats` (no TensorFlow). Each line gives the seconds from
the last line the process printed to its exit (what a script waits for nothing), and the whole
run. For the old code's figures, run this file from an older checkout (it runs the phototagger of
the checkout it lies in).
"""

from __future__ import annotations

import argparse
import os
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
PHOTOS = Path("/work/shared/data/det-photos")


def timed(argv: list[str], home: Path, interrupt: bool = False) -> tuple[int, float, float]:
    """(exit status, seconds from the last line printed to the exit, seconds in all)."""
    env = {**os.environ, "PHOTOTAGGER_HOME": str(home), "PYTHONPATH": str(REPO)}
    env.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
    start = time.monotonic()
    child = subprocess.Popen(
        [sys.executable, "-m", "phototagger", *argv],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    assert child.stdout is not None
    last = start
    for line in child.stdout:
        last = time.monotonic()
        if interrupt and "tagging" in line:
            child.send_signal(signal.SIGINT)
            interrupt = False
    code = child.wait()
    end = time.monotonic()
    return code, end - last, end - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--photos", type=int, default=6)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    figures: dict[str, list[float]] = {"scan": [], "scan, Ctrl-C": [], "classify": [], "stats": []}
    for round_ in range(args.rounds):
        with tempfile.TemporaryDirectory(prefix="cli-exit-") as tmp:
            pics = Path(tmp) / "pics"
            pics.mkdir()
            for source in sorted(PHOTOS.glob("*.jpg"))[: args.photos]:
                shutil.copy(source, pics / source.name)
            runs = [
                ("scan", ["scan", "--runtime", "tensorflow", "--batch-size", "2", str(pics)]),
                ("classify", ["classify", str(next(pics.iterdir()))]),
                ("stats", ["stats"]),
            ]
            for name, argv in runs:
                code, after, total = timed(argv, Path(tmp) / "home")
                figures[name].append(after)
                print(
                    f"round {round_ + 1} {name:<13} exit {code:>3}: {after:5.2f} s after its "
                    f"last line ({total:5.1f} s in all)",
                    flush=True,
                )
            argv = ["scan", "--runtime", "tensorflow", "--batch-size", "2", str(pics)]
            code, after, total = timed(argv, Path(tmp) / "home2", interrupt=True)
            figures["scan, Ctrl-C"].append(after)
            print(
                f"round {round_ + 1} {'scan, Ctrl-C':<13} exit {code:>3}: {after:5.2f} s after "
                f"its last line ({total:5.1f} s in all)",
                flush=True,
            )
    load = os.getloadavg()[0]
    print(f"median seconds from the last line to the exit (load average {load:.1f}):")
    for name, values in figures.items():
        print(
            f"  {name:<13} {statistics.median(values):5.2f} (min {min(values):.2f}, "
            f"max {max(values):.2f})"
        )


if __name__ == "__main__":
    main()
