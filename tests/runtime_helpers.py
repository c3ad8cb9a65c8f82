"""A converted OpenVINO backbone, checked on real photos once per test run, for tests that need
the fast path's cache warm (copied into each test's home: converting takes seconds)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from phototagger import paths
from phototagger.ml.engine import TaggingEngine


@pytest.fixture(scope="session")
def openvino_cache(tmp_path_factory: pytest.TempPathFactory, engine: Any) -> Path:
    """A runtimes cache folder holding the converted model and its (passed) verdict."""
    from benchmarks._photos import photo_set
    from phototagger.ml.runtimes.conversion_check import convert_and_check
    from phototagger.ml.runtimes.openvino import converted_model, openvino_version
    from phototagger.ml.weights_source import file_digest, source_weights_path

    folder = tmp_path_factory.mktemp("runtimes")
    version = openvino_version()
    assert version is not None, "openvino is a dependency"
    converted = converted_model(file_digest(source_weights_path()), version, folder)
    agreement = convert_and_check(engine, converted, photo_set()[1])
    assert agreement is not None and agreement.passed, agreement
    return folder


def warm(cache: Path) -> Path:
    """Copy the converted model into the current library home's cache; return that folder."""
    dest = paths.default_home().runtimes_cache
    shutil.copytree(cache, dest, dirs_exist_ok=True)
    return dest


def scan_in_subprocess(script: str, folder: Path) -> tuple[dict[str, Any], dict[str, Any]]:
    """Run `script` (a `scan --json` plus one JSON line of its own) in a fresh interpreter on
    `folder`; return the scan's summary and that last line."""
    root = Path(__file__).resolve().parent.parent
    env = {**os.environ, "PYTHONPATH": str(root)}
    done = subprocess.run(
        [sys.executable, "-c", script, str(folder)],
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
