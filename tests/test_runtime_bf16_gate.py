"""OpenVINO bf16 is judged by what its embeddings are used for (tags, top-1, similar photos), not by
a blanket cosine: moved embeddings whose uses agree pass; a candidate that changes tags or scrambles
neighbours fails, and `auto` falls back to fp32 saying why. Where the CPU has bf16, `auto` takes it
when its check passes; `--runtime openvino` stays fp32; which runtime and precision embedded the
photos is recorded and shown."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

from benchmarks._photos import photo_set
from phototagger.ml.backbone_name import BACKBONE_NAME
from phototagger.ml.heads import load_default_head
from phototagger.ml.runtimes.agreement import (
    COSINE_FLOOR,
    MIN_NEIGHBOURS,
    Agreement,
    measure_agreement,
)
from phototagger.ml.runtimes.measurement import decide, record_path, write_record
from phototagger.ml.runtimes.openvino import (
    converted_model,
    native_bf16,
    openvino_version,
)
from phototagger.ml.weights_source import file_digest, source_weights_path
from tests.runtime_helpers import current_record, load_runtime_engine, runtimes_cache, warm

__all__ = ["runtimes_cache"]

needs_bf16 = pytest.mark.skipif(not native_bf16(), reason="this CPU has no native bf16")
NO_SAMPLE = np.zeros((0, 224, 224, 3), np.uint8)


def _reference(engine) -> np.ndarray:  # noqa: ANN001 - TaggingEngine
    pixels = photo_set()[1]
    return np.concatenate([engine.embed(pixels[i : i + 16]) for i in range(0, len(pixels), 16)])


def test_moved_embeddings_whose_uses_agree_pass(engine) -> None:
    """TensorFlow's embeddings of real photos moved by 8 % of their length (seeded) in directions
    the ImageNet classifier does not read (the null space of its kernel, 280 of 1,280): the
    cosine falls to about 0.997, below the old 0.999 bar; tags and top-1 cannot change, and the
    similar photos stay."""
    reference = _reference(engine)
    kernel = load_default_head().kernel
    unread = np.linalg.svd(kernel, full_matrices=True)[0][:, kernel.shape[1] :]
    rng = np.random.default_rng(0)
    noise = rng.standard_normal((len(reference), unread.shape[1])) @ unread.T
    noise *= 0.08 * np.linalg.norm(reference, axis=1, keepdims=True)
    noise /= np.linalg.norm(noise, axis=1, keepdims=True)
    moved = (reference + noise).astype(np.float32)
    agreement = measure_agreement(reference, moved, load_default_head())
    assert agreement.min_cosine < 0.999, agreement.describe()
    assert agreement.passed, agreement.describe()


def test_embeddings_that_scramble_neighbours_or_tags_fail(engine) -> None:
    reference = _reference(engine)
    default = load_default_head()
    rolled = measure_agreement(reference, np.roll(reference, 1, axis=0), default)
    assert not rolled.passed and rolled.neighbours < MIN_NEIGHBOURS, rolled.describe()
    assert "similar photos kept" in rolled.describe()
    # Neighbours alone: every figure else as good as bf16's, the similar photos scrambled.
    scrambled = Agreement(200, 1.0, 1.0, 0.995, neighbours=0.5)
    assert scrambled.failures() == ["fewer than 90% of similar photos kept"]
    # A broken conversion whose tags happen to agree: caught by the cosine floor.
    broken = Agreement(200, 1.0, 1.0, COSINE_FLOOR - 0.05, neighbours=0.95)
    assert broken.failures() == [f"an embedding cosine below {COSINE_FLOOR}"]


def test_a_verdict_from_before_the_neighbour_check_still_reads(tmp_path: Path) -> None:
    """fp32 conversions cached before this change keep their file names and pass as they did;
    a bf16 verdict of then (cosine 0.991) is failed until measured again."""
    version = openvino_version()
    assert version is not None
    digest = file_digest(source_weights_path())
    fp32 = converted_model(digest, version, tmp_path)
    bf16 = converted_model(digest, version, tmp_path, "bf16")
    assert fp32.xml.name == f"{BACKBONE_NAME}-{digest}-openvino-{version}-f32.xml"
    assert fp32.verdict.name == f"{BACKBONE_NAME}-{digest}-openvino-{version}-f32.verdict.json"
    assert bf16.xml == fp32.xml and bf16.verdict != fp32.verdict  # one IR, a verdict each
    old = {"photos": 200, "decisions": 1.0, "top1": 1.0, "min_cosine": 0.99998, "passed": True}
    assert Agreement.from_dict(old).passed
    assert not Agreement.from_dict({**old, "min_cosine": 0.991}).passed


@needs_bf16
def test_bf16_that_changes_tags_falls_back_to_fp32_and_says_why(runtimes_cache: Path) -> None:
    """Measured for real on the 64 test views (four crops of 16 photos), where bf16 changes the
    tags of some: auto keeps OpenVINO fp32 or LiteRT and names bf16's failure."""
    warm(runtimes_cache)
    record = current_record()
    bf16 = record.result("openvino-bf16")
    assert bf16 is not None and not bf16.agreement.passed
    assert bf16.agreement.min_cosine >= COSINE_FLOOR  # a sound conversion: only its uses differ
    assert record.chosen in {"openvino", "litert"}
    assert f"{bf16.title} disagreed" in record.reason and "less than" in record.reason
    tagger = load_runtime_engine("auto", "cpu", None, lambda: NO_SAMPLE)
    assert "bf16 disagreed" in tagger.runtime and tagger.embedder.endswith(("f32", "XNNPACK"))
    # Forced, it runs whatever its verdict, and says what the check found.
    forced = load_runtime_engine("openvino-bf16", "cpu", None, lambda: NO_SAMPLE)
    assert forced.embedder == bf16.title and "tags identical on less than 99%" in forced.runtime


def bf16_chosen(cache: Path) -> None:
    """Rewrite the measured record (real conversions, real figures) as if bf16 had passed its
    check on these photos and been the fastest: what `auto` then does is under test, not the
    figures (on these 64 views bf16 changes some tags; on det-photos it passes)."""
    measured = current_record()
    fastest = max(m.images_per_s for m in measured.measured)
    passing = tuple(
        replace(
            m, agreement=replace(m.agreement, decisions=1.0, top1=1.0), images_per_s=fastest + 1
        )
        if m.name == "openvino-bf16"
        else m
        for m in measured.measured
    )
    chosen, reason = decide(passing, measured.batch)
    assert chosen == "openvino-bf16", reason
    record = replace(measured, measured=passing, chosen=chosen, reason=reason)
    write_record(record_path(file_digest(source_weights_path()), cache), record)


def _cosine(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    return np.asarray((a * b).sum(1) / np.linalg.norm(a, axis=1) / np.linalg.norm(b, axis=1))


@needs_bf16
def test_auto_takes_bf16_when_its_check_passes(engine, runtimes_cache: Path) -> None:
    cache = warm(runtimes_cache)
    bf16_chosen(cache)
    tagger = load_runtime_engine("auto", "cpu", None, lambda: NO_SAMPLE)
    version = openvino_version()
    assert tagger.runtime.startswith(f"OpenVINO {version} bf16"), tagger.runtime
    assert tagger.embedder == f"OpenVINO {version} bf16"
    forced = load_runtime_engine("openvino", "cpu", None, lambda: NO_SAMPLE)
    assert forced.embedder == f"OpenVINO {version} f32"  # --runtime openvino: fp32
    pixels = photo_set()[1][:16]
    reference = engine.embed(pixels)
    assert _cosine(reference, forced.embed(pixels)).min() > 0.9999
    assert _cosine(reference, tagger.embed(pixels)).min() < 0.9999  # it really runs at bf16
    digest = file_digest(source_weights_path())
    verdict = converted_model(digest, version or "", cache, "bf16").verdict
    data = json.loads(verdict.read_text("utf-8"))
    assert data["runtime"] == f"OpenVINO {version} bf16" and "neighbours" in data
