"""How long a Cancel (or Ctrl-C) waits when pressed during the check after a first scan, and what
converting in a child process costs when nobody cancels.

Run: .venv/bin/python benchmarks/cancel_conversion.py [--stop-at 1 12 25] [--rounds 2]

Each check measures the CPU runtimes from scratch (a fresh cache folder: every conversion is done)
on the 64 real test views at batch 16, as the check after a scan does (ml.runtimes.measurement).
First, --rounds times in turn (a shared machine's load changes): with a stop that never comes
(the conversions in the child process) and without a stop (in this process, as before); the peak
RSS of this process and of its children so far (a child's includes what it shared with this
process before its exec: the child alone, under /usr/bin/time, says what it needs itself). Then
each conversion's time in this process, and once per --stop-at: stop() turns true that many
seconds after the check began (the press), and the line gives the seconds from the press until
the check returned. For the old code's wait, copy this file into an older checkout and run it
there (it imports the checkout it lies in; drop the child-alone step, which the old code lacks).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")


def _peak(who: int) -> int:
    return round(resource.getrusage(who).ru_maxrss / 1024)


def _child_alone(engine: object, digest: str, root: Path) -> None:
    """The converting process on its own, under /usr/bin/time (a small parent: the peak RSS a
    child reports includes what it shared with a large parent before its exec)."""
    from phototagger.ml.runtimes import conversion_process
    from phototagger.ml.runtimes.candidates import installed_candidates

    folder = Path(tempfile.mkdtemp(dir=root))
    engine.keras_model.save_weights(folder / conversion_process._WEIGHTS)  # type: ignore[attr-defined]
    jobs = [
        {"name": c.name, "digest": digest, "version": c.version}
        for c in installed_candidates(digest, folder)
        if c.name in ("openvino", "litert")
    ]
    (folder / conversion_process._JOBS).write_text(json.dumps(jobs), "utf-8")
    command = f'exec /usr/bin/time -f "%e %M" "{sys.executable}" -m {conversion_process.__name__}'
    done = subprocess.run(
        ["sh", "-c", f'{command} "{folder}" $$'],
        env=conversion_process._child_env(),
        capture_output=True,
        text=True,
        check=True,
    )
    seconds, kib = done.stderr.strip().splitlines()[-1].split()
    print(f"the converting process alone: {seconds} s, peak RSS {int(kib) / 1024:.0f} MiB")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--stop-at", type=float, nargs="*", default=[1.0, 12.0, 25.0])
    parser.add_argument("--rounds", type=int, default=2)
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

        def stop() -> bool:
            return stop_at is not None and time.perf_counter() - began >= stop_at

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
            assert stop_at is not None
            waited = time.perf_counter() - began - stop_at
            outcome = f"stopped {waited:.2f} s after the press (stop() true from then on)"
        total = time.perf_counter() - began
        leftovers = sorted(p.name for p in folder.iterdir() if p.name.startswith(".tmp"))
        print(
            f"{label}: {total:.1f} s, {outcome}; temporary files left: {leftovers or 'none'}; "
            f"peak RSS so far: this process {_peak(resource.RUSAGE_SELF)} MiB, "
            f"largest child {_peak(resource.RUSAGE_CHILDREN)} MiB",
            flush=True,
        )

    # The child first: this process's peak RSS then is what it needs while the child converts.
    # Then alternately, as the load on a shared machine changes.
    for _ in range(args.rounds):
        run("check, stop() never true (conversions in a child process)", None, never=True)
        run("check, conversions in this process", None)
    _child_alone(engine, digest, root)
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
