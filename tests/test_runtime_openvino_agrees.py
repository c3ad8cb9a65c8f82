"""The OpenVINO copy of the backbone gives TensorFlow's embeddings and tags on real photos, and a
conversion that disagrees is not used: the scan falls back to TensorFlow and says why. The first
scan runs on TensorFlow and measures the CPU runtimes after it (LiteRT: test_runtime_litert.py)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

from benchmarks._photos import photo_set
from phototagger.ml.heads import load_default_head
from phototagger.ml.runtimes.agreement import MIN_PHOTOS, measure_agreement
from phototagger.ml.runtimes.conversion_check import read_verdict
from phototagger.ml.runtimes.deferred import FIRST_SCAN, RecordingBackbone
from phototagger.ml.runtimes.openvino import (
    OpenVinoBackbone,
    converted_model,
    openvino_version,
    title_in_words,
)
from phototagger.ml.weights_source import file_digest, source_weights_path
from phototagger.paths import default_home
from tests.runtime_helpers import (
    cpu_runtimes,
    current_record,
    load_runtime_engine,
    openvino_cache,
    seed_conversions,
    warm,
)
from tests.session_runtimes import conversions_copied, sessions_tensorflow

__all__ = ["openvino_cache", "sessions_tensorflow"]


@pytest.fixture(autouse=True)
def _tensorflow(sessions_tensorflow: object) -> None:
    """The TensorFlow engine the runtime choice loads (its reference and fallback) is the
    session's: loading one in each test's fresh home built the model and converted its weights
    again (session_runtimes)."""


def _converted() -> object:
    version = openvino_version()
    assert version is not None
    return converted_model(
        file_digest(source_weights_path()), version, default_home().runtimes_cache
    )


def test_openvino_embeddings_match_tensorflow(engine, openvino_cache: Path) -> None:
    warm(openvino_cache)
    converted = _converted()
    default = load_default_head()
    backbone = OpenVinoBackbone(converted.xml, default.kernel, default.bias)  # type: ignore[attr-defined]
    _, pixels = photo_set()
    fast = np.concatenate([backbone.embed(pixels[i : i + 16]) for i in range(0, len(pixels), 16)])
    slow = np.concatenate([engine.embed(pixels[i : i + 16]) for i in range(0, len(pixels), 16)])
    agreement = measure_agreement(slow, fast, default)
    assert agreement.passed, agreement.describe()
    assert np.abs(fast - slow).max() < 1e-2 * np.abs(slow).max()
    # The cached verdict is the one measured at conversion.
    cached = read_verdict(converted)  # type: ignore[arg-type]
    assert cached is not None and cached.passed and cached.photos == len(pixels)


def test_openvino_tags_a_cat_without_tensorflow_engine(openvino_cache: Path) -> None:
    warm(openvino_cache)
    tagger = load_runtime_engine(
        "openvino", "cpu", None, lambda: np.zeros((0, 224, 224, 3), np.uint8)
    )
    assert tagger.runtime.startswith("OpenVINO"), tagger.runtime
    _, pixels = photo_set()
    names = [n for n, _ in tagger.suggest(tagger.scores(tagger.embed(pixels[8:9])))[0]]
    assert "cat" in names  # chelsea, centre view


def test_a_disagreeing_conversion_falls_back_to_tensorflow(openvino_cache: Path) -> None:
    """A measurement in which no runtime agreed (the real one, its tag agreement lowered)."""
    from phototagger.ml.runtimes.measurement import decide, record_path, write_record

    cache = warm(openvino_cache)
    measured = current_record()
    worse = tuple(
        replace(m, agreement=replace(m.agreement, decisions=0.95)) for m in measured.measured
    )
    chosen, reason = decide(worse, measured.batch)
    assert chosen is None
    record = replace(measured, measured=worse, chosen=chosen, reason=reason)
    write_record(record_path(file_digest(source_weights_path()), cache), record)
    tagger = load_runtime_engine("auto", "cpu", None, lambda: np.zeros((0, 224, 224, 3), np.uint8))
    assert tagger.runtime.startswith("TensorFlow fp32: OpenVINO"), tagger.runtime
    assert "LiteRT" in tagger.runtime
    assert tagger.runtime.count("disagreed (") == len(cpu_runtimes())
    assert "95.0%" in tagger.runtime
    forced = load_runtime_engine(
        "openvino", "cpu", None, lambda: np.zeros((0, 224, 224, 3), np.uint8)
    )
    assert forced.runtime.startswith("OpenVINO")


def test_tensorflow_when_asked(openvino_cache: Path) -> None:
    warm(openvino_cache)
    tagger = load_runtime_engine(
        "tensorflow", "cpu", None, lambda: np.zeros((0, 224, 224, 3), np.uint8)
    )
    assert tagger.runtime == "TensorFlow (chosen in the settings or with --runtime)"


def test_too_few_photos_to_check_keeps_tensorflow_and_asks_again(engine) -> None:
    _, pixels = photo_set()
    tagger = load_runtime_engine("auto", "cpu", None, lambda: pixels[:8])
    assert tagger.runtime == FIRST_SCAN  # TensorFlow at once: no conversion before the scan
    tagger.embed(pixels[:8])
    tagger.after_scan()  # type: ignore[attr-defined]
    assert tagger.runtime.startswith("TensorFlow (a CPU runtime is used once at least 32 photos")
    converted = _converted()
    assert not converted.exists  # type: ignore[attr-defined]  # nothing converted in vain
    again = load_runtime_engine("auto", "cpu", None, lambda: pixels[:8])
    assert again.runtime == FIRST_SCAN, again.runtime  # still nothing measured: asks again


def test_first_scan_runs_tensorflow_then_checks_openvino_on_what_it_embedded(
    engine, openvino_cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """(Converting is the session's: each conversion asked for copies its file, counted. The
    real ones: the session's measurement, the same code in this process, and
    test_scan_first_then_openvino's, in the child process a scan converts in.)"""
    converted_now = conversions_copied(openvino_cache, monkeypatch)
    _, pixels = photo_set()
    pixels = pixels[:MIN_PHOTOS]  # two of the scan's batches, as few as the check takes
    # The library sample is never needed: the scan itself embedded enough photos.
    tagger = load_runtime_engine("auto", "cpu", None, lambda: pixels[:0])
    assert tagger.runtime == FIRST_SCAN
    stored = np.concatenate([tagger.embed(pixels[i : i + 16]) for i in range(0, len(pixels), 16)])
    # What the scan stores is TensorFlow's own output, the recording changes nothing.
    np.testing.assert_allclose(stored, engine.embed(pixels), rtol=1e-4, atol=1e-4)
    converted = _converted()
    assert not converted.exists  # type: ignore[attr-defined]  # no conversion during the scan
    assert not converted_now
    tagger.after_scan()  # type: ignore[attr-defined]
    # Converted after the scan, each file once (OpenVINO's bf16 and mixed compile its fp32 IR).
    assert converted_now == {"openvino": 1, "litert": 1}, converted_now
    record = current_record()
    assert record is not None and record.chosen is not None
    # As the user reads it: OpenVINO's mixed precision (chosen where the CPU has bf16, an AMD
    # EPYC with avx512_bf16) is "bf16 with the first layers in fp32", not its key.
    chosen = title_in_words(record.result(record.chosen).title)
    assert tagger.runtime.startswith(f"TensorFlow; {chosen} checked on {len(pixels)} photos"), (
        tagger.runtime
    )
    verdict = read_verdict(converted)  # type: ignore[arg-type]
    assert verdict is not None and verdict.passed and verdict.photos == len(pixels)
    # Timed at the batch size the scan fed TensorFlow.
    assert record.batch == 16 and {m.name for m in record.measured} == set(cpu_runtimes())
    again = load_runtime_engine("auto", "cpu", None, lambda: pixels[:0])
    assert again.runtime.startswith(chosen), again.runtime


def test_the_after_scan_check_fails_a_conversion_that_disagrees(
    engine, openvino_cache: Path
) -> None:
    """The recorded TensorFlow embeddings are the reference: OpenVINO compared against embeddings
    of other photos (a wrong model, in effect) must fail, and the next scan stays on TensorFlow.
    The conversions are cached already (converting after the scan is the test above's): the
    check is judged."""
    seed_conversions(openvino_cache)
    _, pixels = photo_set()
    tagger = load_runtime_engine("auto", "cpu", None, lambda: pixels[:0])
    tagger.embed(pixels[:MIN_PHOTOS])  # as few as the check takes
    recorder = tagger.backbone  # the recorded inputs, rolled: each compared with another photo
    recorder._pixels = recorder._pixels[1:] + recorder._pixels[:1]  # type: ignore[attr-defined]
    tagger.after_scan()  # type: ignore[attr-defined]
    assert tagger.runtime.startswith("TensorFlow fp32: OpenVINO"), tagger.runtime
    assert tagger.runtime.count("disagreed (") == len(cpu_runtimes()), tagger.runtime  # all
    again = load_runtime_engine("auto", "cpu", None, lambda: pixels[:0])
    assert again.runtime.startswith("TensorFlow fp32: OpenVINO"), again.runtime


def test_the_recorded_sample_is_spread_over_the_whole_scan(engine) -> None:
    _, pixels = photo_set()
    recorder = RecordingBackbone(engine.backbone, keep=8)
    for i in range(0, len(pixels), 8):
        recorder.predict_all(pixels[i : i + 8])
    kept, embeddings = recorder.sample()
    assert len(kept) == 8 and embeddings.shape == (8, 1280)
    index = [next(i for i, p in enumerate(pixels) if np.array_equal(p, k)) for k in kept]
    assert max(index) >= len(pixels) // 2, index  # not just the first photos
    np.testing.assert_allclose(embeddings, engine.embed(kept), rtol=1e-4, atol=1e-4)
