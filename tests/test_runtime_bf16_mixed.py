""" "openvino-mixed" keeps the first convolutions in fp32 (ml/runtimes/openvino.FP32_CONVS): on real
photos it agrees with TensorFlow fp32 at least as well as plain bf16 and moves the embeddings less,
its two parts really run at fp32 and bf16, and its verdicts are kept apart from plain bf16's."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from benchmarks._photos import photo_set
from phototagger.ml.heads import load_default_head
from phototagger.ml.runtimes import openvino
from phototagger.ml.runtimes.agreement import measure_agreement
from phototagger.ml.weights_source import file_digest, source_weights_path
from phototagger.paths import default_home
from tests.runtime_helpers import openvino_cache, warm

__all__ = ["openvino_cache"]

needs_bf16 = pytest.mark.skipif(not openvino.native_bf16(), reason="this CPU has no native bf16")


def _xml() -> Path:
    version = openvino.openvino_version()
    assert version is not None
    digest = file_digest(source_weights_path())
    return openvino.converted_model(digest, version, default_home().runtimes_cache).xml


def _runtime_precisions(backbone: openvino.OpenVinoBackbone) -> list[set[str]]:
    """Each compiled part's convolutions' precisions, as the CPU plugin ran them."""
    return [
        {
            str(op.get_rt_info()["runtimePrecision"].astype(str))
            for op in part.get_runtime_model().get_ops()
            if op.get_rt_info()["layerType"].astype(str) == "Convolution"
        }
        for part in backbone._parts
    ]


@needs_bf16
def test_fp32_stem_agrees_with_tensorflow_at_least_as_well_as_bf16(
    engine, openvino_cache: Path
) -> None:  # noqa: ANN001 - TaggingEngine
    warm(openvino_cache)
    default = load_default_head()
    mixed = openvino.OpenVinoBackbone(_xml(), default.kernel, default.bias, openvino.MIXED)
    plain = openvino.OpenVinoBackbone(_xml(), default.kernel, default.bias, openvino.BF16)
    assert _runtime_precisions(mixed) == [{"f32"}, {"bf16"}]
    assert _runtime_precisions(plain) == [{"bf16"}]
    pixels = photo_set()[1]

    def embed(run) -> np.ndarray:  # noqa: ANN001 - an embed method
        return np.concatenate([run(pixels[i : i + 16]) for i in range(0, len(pixels), 16)])

    reference = embed(engine.embed)
    ours = measure_agreement(reference, embed(mixed.embed), default)
    theirs = measure_agreement(reference, embed(plain.embed), default)
    assert ours.decisions >= theirs.decisions, (ours.describe(), theirs.describe())
    assert ours.top1 >= theirs.top1, (ours.describe(), theirs.describe())
    assert ours.min_cosine > theirs.min_cosine, (ours.describe(), theirs.describe())


def test_mixed_verdicts_are_not_plain_bf16_ones(tmp_path: Path) -> None:
    version = openvino.openvino_version()
    assert version is not None
    digest = file_digest(source_weights_path())
    mixed = openvino.converted_model(digest, version, tmp_path, openvino.MIXED)
    plain = openvino.converted_model(digest, version, tmp_path, openvino.BF16)
    assert mixed.xml == plain.xml  # one fp32 IR, compiled either way
    assert mixed.verdict != plain.verdict
    assert mixed.verdict.name.endswith(f"-{openvino.MIXED}.verdict.json")


def test_auto_takes_mixed_where_plain_bf16_fails_and_fp32_where_both_fail() -> None:
    """The fastest that agrees: plain bf16 when it passes, else mixed, else fp32."""
    from phototagger.ml.runtimes.agreement import Agreement
    from phototagger.ml.runtimes.measurement import Measured, decide

    good, bad = Agreement(200, 0.995, 0.99, 0.9986, 0.98), Agreement(200, 0.985, 0.985, 0.991, 0.97)

    def measured(plain: Agreement, mixed: Agreement) -> list[Measured]:
        return [
            Measured("openvino", "OpenVINO f32", Agreement(200, 1.0, 1.0, 1.0, 1.0), 127.0),
            Measured("openvino-bf16", f"OpenVINO {openvino.BF16}", plain, 230.0),
            Measured("openvino-mixed", f"OpenVINO {openvino.MIXED}", mixed, 192.0),
        ]

    assert decide(measured(good, good), 32)[0] == "openvino-bf16"
    chosen, reason = decide(measured(bad, good), 32)
    assert chosen == "openvino-mixed" and f"OpenVINO {openvino.BF16} disagreed" in reason
    assert decide(measured(bad, bad), 32)[0] == "openvino"


def test_a_cut_past_the_models_convolutions_is_a_load_error(openvino_cache: Path) -> None:
    """An IR that is not the converted Lite0 fails as OpenVINO's load errors do (RuntimeError,
    which the runtime choice reports and measures again), not with an IndexError."""
    import openvino as ov

    warm(openvino_cache)
    with pytest.raises(RuntimeError, match="convolutions, cut at 10000"):
        openvino.split_model(ov.Core(), _xml(), 10_000)
