"""How long a Cancel (or Ctrl-C) waits when pressed during the check after a first scan, and what
converting in a child process costs when nobody cancels.

Run: PYTHONPATH=$PWD .venv/bin/python benchmarks/cancel_conversion.py [--stop-at 1 12 25]

Each run measures the CPU runtimes from scratch (a fresh cache folder: every conversion is done)
on the 64 real test views at batch 16, as the check after a scan does (ml.runtimes.measurement):
first once without a stop (conversions in this process, as before), once with a stop that never
comes (conversions in the child process), each conversion's time and the peak RSS of this process
and of its children; then once per --stop-at: stop() turns true that many seconds after the
check began, and the line gives the seconds from then until the check returned. Run it with
PYTHONPATH pointing at an older checkout to measure the old wait the same way. Load matters on a
shared machine: the load average is printed.
"""

from __future__ import annotations

import argparse
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")


def _peak(who: int) -> int:
    return round(resource.getrusage(who).ru_maxrss / 1024)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--stop-at", type=float, nargs="*", default=[1.0, 12.0, 25.0])
    args = parser.parse_args()

    from benchmarks._photos import photo_set
    from phototagger.ml.engine import load_engine
    from phototagger.ml.runtimes import litert, openvino
    from phototagger.ml.runtimes.candidates import installed_candidates
    from phototagger.ml.runtimes.measurement import MeasurementStopped, measure, record_path
    from phototagger.ml.weights_source import file_digest, source_weights_path
    from phototagger.paths import LibraryHome

    root = Path(tempfile.mkdtemp(prefix="cancel-conversion-"))
    engine = load_engine("cpu", weights_cache=LibraryHome.under(root / "home").weights_cache)
    pixels = photo_set()[1]
    digest = file_digest(source_weights_path())
    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores", flush=True)

    def run(label: str, stop_at: float | None, never: bool = False) -> None:
        folder = Path(tempfile.mkdtemp(dir=root))
        candidates = installed_candidates(digest, folder)
        began = time.perf_counter()
        asked: list[float] = []

        def stop() -> bool:
            if stop_at is not None and time.perf_counter() - began >= stop_at:
                asked.append(asked[0] if asked else time.perf_counter())
                return True
            return False

        try:
            measure(
                engine,
                candidates,
                pixels,
                None,
                16,
                record_path(digest, folder),
                stop if stop_at is not None or never else None,
            )
            outcome = "finished"
        except MeasurementStopped:
            outcome = f"stopped {time.perf_counter() - asked[0]:.2f} s after stop() turned true"
        total = time.perf_counter() - began
        leftovers = sorted(p.name for p in folder.iterdir() if p.name.startswith(".tmp"))
        print(
            f"{label}: {total:.1f} s, {outcome}; temporary files left: {leftovers or 'none'}; "
            f"peak RSS so far: this process {_peak(resource.RUSAGE_SELF)} MiB, "
            f"largest child {_peak(resource.RUSAGE_CHILDREN)} MiB",
            flush=True,
        )

    # The child first: this process's peak RSS then is what it needs while the child converts.
    run("check, stop() never true (conversions in a child process)", None, never=True)
    run("check, conversions in this process", None)
    for name, convert, dest in (
        ("OpenVINO", openvino.convert, openvino.converted_model(digest, "x", root / "one")),
        ("LiteRT", litert.convert, litert.converted_litert(digest, "x", root / "one")),
    ):
        began = time.perf_counter()
        convert(engine.keras_model, dest)  # type: ignore[arg-type]
        print(f"{name} conversion in this process: {time.perf_counter() - began:.1f} s")

    for at in args.stop_at:
        run(f"check, stop() true at {at:g} s", at)
    print(f"load average {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
