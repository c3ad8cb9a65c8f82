"""LiteRT's copy of the backbone (converted with TensorFlow, run without it) agrees with TensorFlow
fp32 on real photos, embeddings included; `auto` runs it only where it measured fastest of the
runtimes that agree; `--runtime litert` forces it; a damaged cached .tflite is refused with a
message, TensorFlow takes over, and it is converted again."""

from __future__ import annotations

import hashlib
import json
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

from benchmarks._photos import photo_set
from phototagger.ml.heads import load_default_head
from phototagger.ml.runtimes.agreement import MIN_PHOTOS, measure_agreement
from phototagger.ml.runtimes.candidates import LiteRtCandidate, candidate
from phototagger.ml.runtimes.conversion_check import read_verdict
from phototagger.ml.runtimes.deferred import FIRST_SCAN
from phototagger.ml.runtimes.litert import DamagedModelError, litert_version, read_model
from phototagger.ml.runtimes.measurement import decide, record_path, write_record
from phototagger.ml.weights_source import file_digest, source_weights_path
from phototagger.paths import default_home
from tests.runtime_helpers import current_record, load_runtime_engine, runtimes_cache, warm
from tests.session_runtimes import conversions_copied, sessions_tensorflow

__all__ = ["runtimes_cache", "sessions_tensorflow"]

FORCED = "chosen in the settings or with --runtime"


@pytest.fixture(autouse=True)
def _tensorflow(sessions_tensorflow: object) -> None:
    """The TensorFlow engine the runtime choice loads (its reference and fallback) is the
    session's: loading one in each test's fresh home built the model and converted its weights
    again (session_runtimes)."""


def _litert() -> LiteRtCandidate:
    version = litert_version()
    assert version is not None, "ai-edge-litert is a dependency"
    return LiteRtCandidate(
        file_digest(source_weights_path()), version, default_home().runtimes_cache
    )


def _record_file() -> Path:
    return record_path(file_digest(source_weights_path()), default_home().runtimes_cache)


def _no_photos() -> np.ndarray:
    return np.zeros((0, 224, 224, 3), np.uint8)


def test_litert_embeddings_match_tensorflow(engine, runtimes_cache: Path) -> None:
    warm(runtimes_cache)
    litert = _litert()
    default = load_default_head()
    backbone = litert.load(default.kernel, default.bias)
    _, pixels = photo_set()
    fast = np.concatenate([backbone.embed(pixels[i : i + 16]) for i in range(0, len(pixels), 16)])
    slow = np.concatenate([engine.embed(pixels[i : i + 16]) for i in range(0, len(pixels), 16)])
    agreement = measure_agreement(slow, fast, default)
    # Interchangeable embeddings (cosine >= 0.999): stored under the backbone's one key.
    assert agreement.passed and agreement.min_cosine >= 0.999, agreement.describe()
    assert np.abs(fast - slow).max() < 1e-2 * np.abs(slow).max()
    # Another batch size re-plans the interpreter and gives the same rows.
    np.testing.assert_allclose(backbone.embed(pixels[5:6])[0], fast[5], rtol=1e-4, atol=1e-4)
    cached = read_verdict(litert)
    assert cached is not None and cached.passed and cached.photos == len(pixels)


def test_auto_runs_the_runtime_measured_fastest(runtimes_cache: Path) -> None:
    """The decision on this run's real timings: the faster of the two that agree; and when the
    faster one disagrees, the other; the reason carries the figures."""
    warm(runtimes_cache)
    record = current_record()
    assert record is not None and record.batch == 16
    assert all(m.images_per_s > 0 for m in record.measured)
    # Among those that agree (OpenVINO bf16, where measured, changes tags on these views).
    agreeing = [m for m in record.measured if m.agreement.passed]
    rates = {m.name: m.images_per_s for m in agreeing}
    assert record.chosen == max(rates, key=lambda name: rates[name])
    winner = record.result(record.chosen)
    loser = next(m for m in agreeing if m.name != record.chosen)
    tagger = load_runtime_engine("auto", "cpu", None, _no_photos)
    assert tagger.runtime.startswith(winner.title), tagger.runtime
    assert f"{winner.title} {winner.images_per_s:.1f} img/s" in tagger.runtime
    assert f"{loser.title} {loser.images_per_s:.1f} img/s" in tagger.runtime
    # The same timings, the faster one's tags now identical on only 98.5 % of the photos.
    worse = replace(winner, agreement=replace(winner.agreement, decisions=0.985))
    chosen, reason = decide([worse, loser], record.batch)
    assert chosen == loser.name and f"{winner.title} disagreed" in reason
    write_record(_record_file(), replace(record, measured=(worse, loser), chosen=chosen))
    tagger = load_runtime_engine("auto", "cpu", None, _no_photos)
    assert tagger.runtime.startswith(loser.title), tagger.runtime
    # Swapping the measured rates swaps the choice: speed decides, not the order of runtimes.
    swapped = [
        replace(winner, images_per_s=loser.images_per_s),
        replace(loser, images_per_s=winner.images_per_s),
    ]
    if winner.images_per_s != loser.images_per_s:
        assert decide(swapped, record.batch)[0] == loser.name


def test_a_runtime_upgrade_measures_again(runtimes_cache: Path) -> None:
    warm(runtimes_cache)
    record = current_record()
    write_record(_record_file(), replace(record, versions={**record.versions, "litert": "2.2.0"}))
    assert current_record() is None  # measured with another LiteRT: not trusted
    tagger = load_runtime_engine("auto", "cpu", None, _no_photos)
    assert tagger.runtime == FIRST_SCAN


def test_forced_litert_runs_whatever_was_chosen_or_measured(runtimes_cache: Path) -> None:
    warm(runtimes_cache)
    tagger = load_runtime_engine("litert", "cpu", None, _no_photos)
    assert tagger.runtime.startswith("LiteRT") and FORCED in tagger.runtime, tagger.runtime
    _, pixels = photo_set()
    names = [n for n, _ in tagger.suggest(tagger.scores(tagger.embed(pixels[8:9])))[0]]
    assert "cat" in names  # chelsea, centre view
    litert = _litert()
    verdict = json.loads(litert.verdict.read_text())
    verdict.update(decisions=0.95, passed=False)
    litert.verdict.write_text(json.dumps(verdict))
    forced = load_runtime_engine("litert", "cpu", None, _no_photos)
    assert forced.runtime.startswith("LiteRT") and "tags identical on 95.0%" in forced.runtime


def test_forced_litert_on_a_fresh_library_converts_and_checks_now(
    runtimes_cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """(Converting is the session's, copied and counted: the check converts through
    load_converted, the same call that converted LiteRT for real in the session's measurement
    (runtime_helpers), 10 s or more again here. The check on the photos is real; TensorFlow,
    the reference, is the session's engine.)"""
    converted = conversions_copied(runtimes_cache, monkeypatch)
    _, pixels = photo_set()
    pixels = pixels[:MIN_PHOTOS]  # as few as the check takes
    tagger = load_runtime_engine("litert", "cpu", None, lambda: pixels)
    assert converted == {"litert": 1}  # converted now, LiteRT alone
    assert tagger.runtime.startswith("LiteRT"), tagger.runtime
    assert f"checked on {len(pixels)} photos" in tagger.runtime
    verdict = read_verdict(_litert())
    assert verdict is not None and verdict.passed
    assert current_record() is None  # forcing one runtime measures no choice


def test_forced_litert_with_too_few_photos_to_check_says_it_is_unchecked(
    runtimes_cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A library with too few photos to check a conversion on runs the forced runtime
    unchecked, and says so: it read "LiteRT … (checked on not checked: too few photos; …)".
    (Converting is the session's, copied.)"""
    converted = conversions_copied(runtimes_cache, monkeypatch)
    tagger = load_runtime_engine("litert", "cpu", None, _no_photos)
    assert converted == {"litert": 1}
    assert tagger.runtime.startswith(f"{_litert().title} (not checked: too few photos; "), (
        tagger.runtime
    )


def test_a_cached_tflite_that_is_not_the_converted_one_is_refused(runtimes_cache: Path) -> None:
    warm(runtimes_cache)
    flatbuffer = _litert().flatbuffer
    good = flatbuffer.tflite.read_bytes()
    assert read_model(flatbuffer) == good and good[4:8] == b"TFL3"
    flatbuffer.tflite.write_bytes(good[: len(good) // 2])  # an interrupted copy
    with pytest.raises(DamagedModelError, match="not the file that was converted"):
        read_model(flatbuffer)
    flatbuffer.tflite.write_bytes(b"\0" * 8 + good[8:])
    with pytest.raises(DamagedModelError, match="not a LiteRT model"):
        read_model(flatbuffer)
    edited = bytearray(good)
    edited[len(good) // 2] ^= 0xFF  # one weight changed: the header is fine, the digest is not
    flatbuffer.tflite.write_bytes(bytes(edited))
    with pytest.raises(DamagedModelError, match="digest differs"):
        read_model(flatbuffer)
    # A file that matches its digest but is no model: LiteRT's own verifier refuses it.
    default = load_default_head()
    garbage = good[:8] + bytes(4096)
    flatbuffer.tflite.write_bytes(garbage)
    flatbuffer.digest_file.write_text(hashlib.sha256(garbage).hexdigest())
    with pytest.raises(DamagedModelError, match="LiteRT refused the model"):
        _litert().load(default.kernel, default.bias)


def test_a_damaged_tflite_falls_back_to_tensorflow_and_is_converted_again(
    engine, runtimes_cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """(Converting is the session's: each conversion asked for here copies its file, counted;
    TensorFlow is the session's engine. The choice, the refusal, the fallback, the check and
    the timings after the scan are the product's own.)"""
    converted = conversions_copied(runtimes_cache, monkeypatch)
    warm(runtimes_cache)
    record = current_record()
    litert = _litert()
    if record.chosen != "litert":  # OpenVINO was faster in this run: it disagrees here
        measured = tuple(
            replace(m, agreement=replace(m.agreement, top1=0.9)) if m.name == "openvino" else m
            for m in record.measured
        )
        chosen, reason = decide(measured, record.batch)
        record = replace(record, measured=measured, chosen=chosen, reason=reason)
        write_record(_record_file(), record)
    assert record.chosen == "litert"
    good = litert.flatbuffer.tflite.read_bytes()
    litert.flatbuffer.tflite.write_bytes(good[:1000])
    tagger = load_runtime_engine("auto", "cpu", None, _no_photos)
    assert tagger.runtime.startswith("TensorFlow (the cached LiteRT"), tagger.runtime
    assert "is not the file that was converted" in tagger.runtime
    assert "converted again after this scan" in tagger.runtime
    assert not litert.exists and current_record() is None  # neither is trusted any more
    _, pixels = photo_set()
    pixels = pixels[:MIN_PHOTOS]  # as few as the check takes
    tagger.embed(pixels)  # the scan, on TensorFlow
    assert not converted  # nothing converted during the scan
    tagger.after_scan()  # type: ignore[attr-defined]
    assert converted == {"litert": 1}  # LiteRT alone: OpenVINO's conversion was sound
    assert read_model(litert.flatbuffer)  # converted again, whole
    again = current_record()
    assert again is not None and again.result("litert").agreement.passed
    # Forced, a damaged file is converted again at once (it is what the user asked for).
    litert.flatbuffer.tflite.write_bytes(b"\0" * 8 + good[8:])
    forced = load_runtime_engine("litert", "cpu", None, lambda: pixels)
    assert converted == {"litert": 2}
    assert forced.runtime.startswith("LiteRT"), forced.runtime
    assert "damaged" in forced.runtime and "converted again" in forced.runtime
    assert f"checked on {len(pixels)} photos" in forced.runtime
    assert read_model(litert.flatbuffer)


def test_a_chosen_model_deleted_from_the_cache_is_measured_again(runtimes_cache: Path) -> None:
    warm(runtimes_cache)
    record = current_record()
    chosen = candidate(record.chosen, file_digest(source_weights_path()), _record_file().parent)
    assert chosen is not None and chosen.exists
    chosen.discard()  # a user who cleared part of the cache folder
    tagger = load_runtime_engine("auto", "cpu", None, _no_photos)
    assert tagger.runtime.startswith(f"TensorFlow (the cached {chosen.title} model is missing")
    assert current_record() is None
