"""Converting the backbone in a child process that a cancel ends at once.

A conversion is one long call into TensorFlow (measured on 2 busy cores: OpenVINO 5-10 s, LiteRT
17-40 s; benchmarks/cancel_conversion.py) that Python cannot interrupt, so a Cancel or Ctrl-C
during the check after the first scan waited for it. Here every conversion the check needs runs
in one child process (one TensorFlow start-up for all of them), in a private folder of the
runtimes cache; the parent polls `stop()` and kills the child when it turns true (the check ended
0.06-0.14 s after the press). A conversion is moved into the cache only once the child has
finished it, in the order that makes it exist last, so a killed one leaves nothing behind that a
later scan would trust: its folder is removed.

The price: the child's own TensorFlow start-up and model build, 6-14 s more on a 20-34 s check
(2 busy cores), and about 1.07 GB of memory in the child while this process's peak falls by
0.15 GB (the conversions' memory moves out of it). A conversion left running in a thread instead
would cost nothing, but it cannot be stopped: it would keep the CPU busy for up to 40 s after the
cancel, and a `phototagger scan` could not exit before it ends (nor, the thread a daemon, without
tearing TensorFlow down under it).
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from phototagger.ml.runtimes.candidates import Candidate, candidate_class

POLL_S = 0.1  # how often the parent asks stop(): a cancel is honoured within this
_WEIGHTS = "model.weights.h5"
_JOBS = "jobs.json"
_PREFIX = ".tmp-convert-"  # then the parent's pid: a folder whose process is gone is removed
_PR_SET_PDEATHSIG = 1


class ConversionStopped(Exception):
    """stop() turned true while converting: the child was killed; the conversions it had
    finished were kept, the one under way is gone."""


def convert_stoppably(
    keras_model: Any, candidates: Sequence[Candidate], stop: Callable[[], bool]
) -> dict[str, str]:
    """Convert every candidate (those sharing a converted file once) in one child process,
    ending it within POLL_S once `stop()` is true (then ConversionStopped). Returns, for each
    candidate that could not be converted, why; the others exist in their cache afterwards."""
    by_files: dict[tuple[Path, ...], Candidate] = {}
    for candidate in candidates:
        by_files.setdefault(candidate.converted.files, candidate)
    unique = list(by_files.values())
    if not unique:
        return {}
    cache = unique[0].converted.files[-1].parent
    cache.mkdir(parents=True, exist_ok=True)
    _remove_abandoned(cache)
    folder = Path(tempfile.mkdtemp(dir=cache, prefix=f"{_PREFIX}{os.getpid()}-"))
    try:
        keras_model.save_weights(folder / _WEIGHTS)
        jobs = [{"name": c.name, "digest": c.weights_digest, "version": c.version} for c in unique]
        (folder / _JOBS).write_text(json.dumps(jobs), "utf-8")
        try:
            code, log = _run_child(folder, stop)
        except ConversionStopped:
            _publish(unique, folder)  # the conversions it finished are kept for the next check
            raise
        missing = _publish(unique, folder)
        errors = {}
        for job in missing:
            error = folder / f"{job.name}.error"
            errors[job.converted.files] = (
                error.read_text("utf-8")
                if error.exists()
                else f"the converting process ended with {code}: {log}"
            )
        return {
            c.name: errors[c.converted.files] for c in candidates if c.converted.files in errors
        }
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _publish(jobs: list[Candidate], folder: Path) -> list[Candidate]:
    """Move every conversion the child finished into the cache (the file that makes it exist
    last); returns the jobs it did not finish."""
    missing = []
    for job in jobs:
        done = candidate_class(job.name)(job.weights_digest, job.version, folder)
        if not done.exists:
            missing.append(job)
            continue
        for source, dest in zip(done.converted.files, job.converted.files, strict=True):
            os.replace(source, dest)
    return missing


def _run_child(folder: Path, stop: Callable[[], bool]) -> tuple[int, str]:
    """(the child's exit code, the last line it wrote to stderr); ConversionStopped once stop()."""
    with open(folder / "stderr.txt", "w+b") as log:
        child = subprocess.Popen(
            [sys.executable, "-m", __name__, str(folder), str(os.getpid())],
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=log,
            env=_child_env(),
        )
        try:
            while True:
                try:
                    code = child.wait(POLL_S)
                    break
                except subprocess.TimeoutExpired:
                    if stop():
                        raise ConversionStopped from None
        finally:
            if child.poll() is None:
                child.kill()  # SIGKILL: the conversion is inside TensorFlow, deaf to anything else
                child.wait()
        log.seek(0)
        lines = log.read().decode("utf-8", "replace").strip().splitlines()
    return code, lines[-1] if lines else "no message"


def _child_env() -> dict[str, str]:
    """This process's environment, with this phototagger first on the path (the child runs the
    same code, wherever it was imported from) and TensorFlow's start-up notices off."""
    root = str(Path(__file__).resolve().parents[3])
    path = os.pathsep.join(p for p in (root, os.environ.get("PYTHONPATH", "")) if p)
    return {**os.environ, "PYTHONPATH": path, "TF_CPP_MIN_LOG_LEVEL": "3"}


def _remove_abandoned(cache: Path) -> None:
    """The working folders of processes that are gone (a window closed or a scan killed while it
    converted): their conversions were never moved into the cache, nothing else uses them."""
    for folder in cache.glob(f"{_PREFIX}*"):
        try:
            os.kill(int(folder.name[len(_PREFIX) :].split("-")[0]), 0)
        except ProcessLookupError:
            shutil.rmtree(folder, ignore_errors=True)
        except (ValueError, OSError):
            continue  # not ours, or a process alive under another user


def _die_with(parent: int) -> None:
    """End this process when `parent` ends (killed outright, or an app closed mid-job), not
    convert on for nobody: the kernel's parent-death signal on Linux, else a watch."""
    if sys.platform.startswith("linux"):
        import ctypes

        ctypes.CDLL(None).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    else:

        def watch() -> None:
            while os.getppid() == parent:
                time.sleep(1)
            os._exit(1)

        threading.Thread(target=watch, daemon=True).start()
    if os.getppid() != parent:  # it ended before the line above
        os._exit(1)


def _main(folder: Path, parent: int) -> None:
    # The parent owns Ctrl-C (a terminal sends it to the whole process group): it kills this
    # process when the scan stops.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _die_with(parent)
    from phototagger.ml.device import import_tensorflow

    import_tensorflow()
    from phototagger.ml.lite0 import build_lite0

    model = build_lite0()
    model.load_weights(folder / _WEIGHTS)
    for job in json.loads((folder / _JOBS).read_text("utf-8")):
        converted = candidate_class(job["name"])(job["digest"], job["version"], folder)
        try:
            converted.convert(model)
        except Exception as exc:  # reported as the candidate's failure, the others go on
            (folder / f"{job['name']}.error").write_text(str(exc) or type(exc).__name__, "utf-8")


if __name__ == "__main__":
    _main(Path(sys.argv[1]), int(sys.argv[2]))
