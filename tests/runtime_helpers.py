"""Every CPU runtime's converted backbone, checked and timed on real photos once per test run,
for tests that need the fast path's cache warm (copied into each test's home: converting takes
seconds)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

import pytest

from phototagger import paths
from phototagger.ml.engine import TaggingEngine
from tests.built_once import built_once

# The scan's default batch size is 32; the 64 test views make two timed batches at 16 per runtime.
MEASURE_BATCH = 16


def cpu_runtimes() -> list[str]:
    """The candidate runtimes installed here, in order: OpenVINO fp32, OpenVINO bf16 and mixed
    where the CPU has bf16, LiteRT (both packages are dependencies)."""
    from phototagger.ml.runtimes.openvino import native_bf16

    bf16 = ["openvino-bf16", "openvino-mixed"] if native_bf16() else []
    return ["openvino", *bf16, "litert"]


_MEASURED: list[Path] = []  # one measurement per test run, whichever fixture asks first


def _measured_cache(tmp_path_factory: pytest.TempPathFactory, engine: Any) -> Path:
    """The measured cache; under pytest-xdist, made once for the run by the first worker that
    asks, the others waiting for it and then reading the same folder (tests/built_once.py; each
    measured its own: 20-25 s of both conversions and the timings on 2 busy cores, a worker's)."""
    if not _MEASURED:
        folder = tmp_path_factory.mktemp("runtimes")
        _MEASURED.append(built_once("runtimes-measured", folder, lambda f: _measure(f, engine)))
    return _MEASURED[0]


def _measure(folder: Path, engine: Any) -> Path:
    """Every CPU runtime converted, checked and timed into `folder`."""
    from benchmarks._photos import photo_set
    from phototagger.ml.runtimes.candidates import installed_candidates
    from phototagger.ml.runtimes.measurement import measure, record_path
    from phototagger.ml.weights_source import file_digest, source_weights_path

    digest = file_digest(source_weights_path())
    candidates = installed_candidates(digest, folder)
    assert [c.name for c in candidates] == cpu_runtimes()
    # Converted here, on the session's engine, not in the child process a scan's check converts
    # in so that a cancel ends it (that path is test_scan_first_then_openvino's and
    # test_runtime_cancel_conversion's): its TensorFlow start-up cost 6-14 s on 2 busy cores.
    record = measure(
        engine, candidates, photo_set()[1], None, MEASURE_BATCH, record_path(digest, folder)
    )
    # fp32 agrees; bf16 and mixed are judged on their own (on these 64 views bf16 changes tags).
    fp32 = [m for m in record.measured if m.name not in ("openvino-bf16", "openvino-mixed")]
    assert all(m.agreement.passed for m in fp32), record.reason
    assert record.chosen is not None and len(record.measured) == len(cpu_runtimes()), record
    return folder


@pytest.fixture(scope="session")
def runtimes_cache(tmp_path_factory: pytest.TempPathFactory, engine: Any) -> Path:
    """A runtimes cache folder holding the OpenVINO and LiteRT conversions, their (passed)
    verdicts and the measured choice between them (whichever was faster in this run)."""
    return _measured_cache(tmp_path_factory, engine)


@pytest.fixture(scope="session")
def openvino_cache(tmp_path_factory: pytest.TempPathFactory, engine: Any) -> Path:
    """The same cache (its name from when OpenVINO was the only CPU runtime)."""
    return _measured_cache(tmp_path_factory, engine)


def current_record() -> Any:
    """The choice record in the current library home's runtimes cache (or None)."""
    from phototagger.ml.runtimes.candidates import installed_candidates
    from phototagger.ml.runtimes.measurement import read_record, record_path
    from phototagger.ml.weights_source import file_digest, source_weights_path

    digest = file_digest(source_weights_path())
    cache = paths.default_home().runtimes_cache
    return read_record(record_path(digest, cache), installed_candidates(digest, cache))


def warm(cache: Path) -> Path:
    """Copy the converted models, their verdicts and the choice into the current library home's
    cache; return that folder."""
    dest = paths.default_home().runtimes_cache
    shutil.copytree(cache, dest, dirs_exist_ok=True)
    return dest


def seed_conversions(cache: Path) -> Path:
    """Copy only the converted models (no verdict, no measured choice) into the current library
    home's cache, as a measurement stopped after its conversions leaves them: the next check
    loads them instead of converting again (for tests about the check, not the conversion);
    return that folder."""
    from phototagger.ml.runtimes.candidates import installed_candidates
    from phototagger.ml.weights_source import file_digest, source_weights_path

    digest = file_digest(source_weights_path())
    dest = paths.default_home().runtimes_cache
    dest.mkdir(parents=True, exist_ok=True)
    targets = installed_candidates(digest, dest)
    for source, target in zip(installed_candidates(digest, cache), targets, strict=True):
        assert source.exists, source.title
        for file, copy in zip(source.converted.files, target.converted.files, strict=True):
            shutil.copyfile(file, copy)  # in the order that makes the copy exist last
    assert all(t.exists and not t.verdict.exists() for t in targets)
    return dest


def scan_in_subprocess(
    script: str, folder: Path, *args: str
) -> tuple[dict[str, Any], dict[str, Any]]:
    """Run `script` (a `scan --json` plus one JSON line of its own) in a fresh interpreter on
    `folder` (and `args`); return the scan's summary and that last line."""
    root = Path(__file__).resolve().parent.parent
    env = {**os.environ, "PYTHONPATH": str(root)}
    done = subprocess.run(
        [sys.executable, "-c", script, str(folder), *args],
        env=env,
        cwd=root,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    lines = done.stdout.strip().splitlines()
    return json.loads("\n".join(lines[:-1])), json.loads(lines[-1])


def load_runtime_engine(*args: Any) -> TaggingEngine:
    """The runtime loader on the test's library home's caches, as core's tagger loader calls it."""
    from phototagger.ml.runtimes.choice import load_runtime_engine as load

    home = paths.default_home()
    return load(*args, weights_cache=home.weights_cache, runtimes_cache=home.runtimes_cache)


class CancelDuringLiteRt:
    """The user presses Cancel once a LiteRT conversion is under way (its working folder exists,
    wherever in the cache `cache` it is made): `pressed` is when. Called, it is a stop() that
    says whether it was pressed; given a cancel `token`, it cancels it at the press."""

    def __init__(self, cache: Path, token: Any = None) -> None:
        self.pressed: float | None = None
        self._token = token
        self._done = threading.Event()
        self._thread = threading.Thread(target=self._watch, args=(cache,), daemon=True)

    def _watch(self, cache: Path) -> None:
        while not self._done.wait(0.05):
            try:
                started = any(cache.rglob(".tmp-litert-*"))
            except OSError:  # a folder removed while it was listed
                continue
            if started:
                self.pressed = time.monotonic()
                if self._token is not None:
                    self._token.cancel()
                return

    def __enter__(self) -> CancelDuringLiteRt:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._done.set()
        self._thread.join()

    def __call__(self) -> bool:
        return self.pressed is not None
