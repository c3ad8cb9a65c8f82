"""A converted OpenVINO backbone, checked on real photos once per test run, for tests that need
the fast path's cache warm (copied into each test's home: converting takes seconds)."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest

from phototagger import paths


@pytest.fixture(scope="session")
def openvino_cache(tmp_path_factory: pytest.TempPathFactory, engine: Any) -> Path:
    """A runtimes cache folder holding the converted model and its (passed) verdict."""
    from benchmarks._photos import photo_set
    from phototagger.ml.runtimes.choice import convert_and_check
    from phototagger.ml.runtimes.openvino import converted_model, openvino_version
    from phototagger.ml.weights_source import file_digest, source_weights_path

    folder = tmp_path_factory.mktemp("runtimes")
    version = openvino_version()
    assert version is not None, "openvino is a dependency"
    converted = converted_model(file_digest(source_weights_path()), version, cache_dir=folder)
    agreement = convert_and_check(engine, converted, photo_set()[1])
    assert agreement is not None and agreement.passed, agreement
    return folder


def warm(cache: Path) -> Path:
    """Copy the converted model into the current library home's cache; return that folder."""
    dest = paths.runtimes_cache_dir()
    shutil.copytree(cache, dest, dirs_exist_ok=True)
    return dest
