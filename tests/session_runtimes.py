"""The session's TensorFlow engine and its conversions, reused where a test of the runtime choice
would otherwise load its own engine or convert the model again (seconds each on 2 busy cores):
what the test is about still runs the product's own code."""

from __future__ import annotations

import shutil
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from phototagger.ml.engine import TaggingEngine


@pytest.fixture
def sessions_tensorflow(engine: TaggingEngine, monkeypatch: pytest.MonkeyPatch) -> TaggingEngine:
    """tensorflow_is_the_sessions for the test; the session's engine."""
    tensorflow_is_the_sessions(engine, monkeypatch)
    return engine


def tensorflow_is_the_sessions(engine: TaggingEngine, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every TensorFlow engine the product loads with the built-in CNN (the runtime choice's
    reference and fallback, `classify`'s) is a new TaggingEngine on the session `engine`'s
    backbone (the same Keras model and weights), with the head it is given: the product would
    build the model and convert its weights again in the test's fresh home. A deep version's
    top (top_weights) still loads its own."""
    import phototagger.ml.engine as engine_module
    import phototagger.ml.runtimes.choice as choice

    own = engine_module.load_engine

    def load_engine(
        device: Any = "auto", head: Any = None, top_weights: Any = None, *args: Any, **kw: Any
    ) -> TaggingEngine:
        if top_weights is not None:
            return own(device, head, top_weights, *args, **kw)
        return TaggingEngine(
            engine.backbone, head or engine.head, engine.device, engine.class_names
        )

    monkeypatch.setattr(engine_module, "load_engine", load_engine)
    monkeypatch.setattr(choice, "load_engine", load_engine)


def conversions_copied(cache: Path, monkeypatch: pytest.MonkeyPatch) -> Counter[str]:
    """Converting the model to OpenVINO or LiteRT in this process gives the session's conversion
    of the same weights and version (`cache`: runtime_helpers' measured cache), copied into the
    destination the conversion writes, in its order (the file that makes it exist last, last).
    The counts of conversions asked for, by runtime ("openvino", "litert"), are returned: a test
    sees that the product converted, and how often. The real conversions are the session
    fixture's (runtime_helpers._measured_cache, the same in-process code) and
    test_scan_first_then_openvino's and test_runtime_cancel_conversion's (in the child
    process)."""
    from phototagger.ml.runtimes import litert, openvino

    asked: Counter[str] = Counter()

    def copied(name: str, files: tuple[Path, ...]) -> None:
        asked[name] += 1
        files[0].parent.mkdir(parents=True, exist_ok=True)
        for file in files:
            source = cache / file.name
            assert source.exists(), f"the session has no {source.name}"
            shutil.copyfile(source, file)

    monkeypatch.setattr(openvino, "convert", lambda model, dest: copied("openvino", dest.files))
    monkeypatch.setattr(litert, "convert", lambda model, dest: copied("litert", dest.files))
    return asked
