"""The backbone on OpenVINO (CPU): a copy of the Keras model converted once to OpenVINO IR,
cached next to the converted weights. Running it needs neither TensorFlow nor Keras."""

from __future__ import annotations

import functools
import os
import shutil
import tempfile
import warnings
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import Any

import numpy as np

from phototagger.ml.engine import BACKBONE_NAME
from phototagger.ml.runtimes.converted_backbone import ConvertedBackbone, check_pixels

# fp32 everywhere, and bf16 as a second candidate where the CPU runs it natively (OpenVINO's own
# default there: 2x fp32's speed, measured). bf16 moves embeddings (0.991 cosine at worst) but
# leaves their uses alike (ml/runtimes/agreement.py), and is checked on every conversion.
PRECISION = "f32"
BF16 = "bf16"
# A third candidate where bf16 is native ("openvino-mixed"): the first FP32_CONVS convolutions
# (the stem, the first block and the first of the second stage, at 112 px) in fp32, the rest in
# bf16. Rounding those early layers is what moves the embedding most: benchmarks/bf16_mixed.py,
# 1,000 det-photos against TensorFlow fp32, tags identical 99.2 % -> 99.5 %, top-1 98.5 -> 99.2 %,
# lowest cosine 0.991 -> 0.999, a 200-photo check passing on 66 % -> 94 % of random draws, at
# 1.5-1.6x fp32's speed against plain bf16's 1.9-2.2x (fp32 in the stem alone, or in the tail
# alone: no better than plain bf16). So `auto` takes plain bf16 where it passes, else this, else
# fp32. The CPU plugin (2026.4) ignores per-node fp32 markings (rt_info "precise_0",
# "disable_fp16_compression_0") at bf16, hence two compiled parts, cut between blocks. The name
# ends in "bf16" (core/embedding_sources.py counts it with bf16) and keys its own verdict.
MIXED = "f32stem6-bf16"
FP32_CONVS = 6
# MIXED as the user reads it (the scan's runtime line, `models`), in the words of the titles
# beside it ("OpenVINO 2026.4.1 bf16", "TensorFlow fp32"); the key stays what the embeddings
# record and the verdict is keyed by. No parenthesis, colon or semicolon: the runtime line is
# cut at the first (commands/library.runtime_lines), and no comma, `models` lists titles so.
MIXED_WORDS = "bf16 with the first layers in fp32"


def title_in_words(title: str) -> str:
    """A runtime's title as stored with the embeddings and measurements ("OpenVINO 2026.4.1
    f32stem6-bf16") as the user reads it ("OpenVINO 2026.4.1 bf16 with the first layers in
    fp32"); any other title as it is."""
    if title.endswith(f" {MIXED}"):
        return f"{title.removesuffix(MIXED)}{MIXED_WORDS}"
    return title


def titles_in_words(text: str) -> str:
    """`text` naming runtimes by their titles (a measurement's reason: "... OpenVINO 2026.4.1
    f32stem6-bf16 150.0 img/s") with each title in words, as title_in_words says it; a key
    inside a file name ('backbone-f32stem6-bf16.xml') is left as it is."""
    return text.replace(f" {MIXED}", f" {MIXED_WORDS}")


def openvino_version() -> str | None:
    try:
        return metadata.version("openvino")
    except metadata.PackageNotFoundError:
        return None


@functools.cache  # the CPU does not change; asking costs an OpenVINO Core (~0.1 s)
def native_bf16() -> bool:
    """OpenVINO runs bf16 on this CPU by default (AVX512_BF16 or AMX): it has the hardware."""
    import openvino as ov

    try:
        return bool(ov.Core().get_property("CPU", "INFERENCE_PRECISION_HINT") == ov.Type.bf16)
    except RuntimeError:
        return False


@dataclass(frozen=True)
class ConvertedModel:
    """Where one conversion lives: keyed by the weights' digest, the runtime's version and the
    precision, so a new weight file or an upgraded OpenVINO converts again."""

    xml: Path
    verdict: Path

    @property
    def exists(self) -> bool:
        return self.xml.exists() and self.xml.with_suffix(".bin").exists()

    @property
    def files(self) -> tuple[Path, ...]:
        return self.xml.with_suffix(".bin"), self.xml


def converted_model(
    weights_digest: str, version: str, cache_dir: Path, precision: str = PRECISION
) -> ConvertedModel:
    """Where the conversion lives in `cache_dir` (the library home's runtimes cache). The IR is
    fp32 whatever the precision it runs at (chosen when it is compiled): bf16 shares the fp32
    file and has a verdict of its own."""
    stem = f"{BACKBONE_NAME}-{weights_digest}-openvino-{version}"
    return ConvertedModel(
        cache_dir / f"{stem}-{PRECISION}.xml", cache_dir / f"{stem}-{precision}.verdict.json"
    )


def convert(keras_model: Any, dest: ConvertedModel) -> None:
    """Convert the embedding output of the Keras Lite0 to IR (this imports TensorFlow: once)."""
    import keras
    import openvino as ov

    embedding_only = keras.Model(keras_model.input, keras_model.output["embedding"])
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # Keras notes the input's name differs in a traced call
        converted = ov.convert_model(embedding_only)
    dest.xml.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(dir=dest.xml.parent, prefix=".tmp-ov-"))
    try:
        ov.save_model(converted, str(tmp / "model.xml"), compress_to_fp16=False)
        # The .bin first: a cache entry exists once its .xml does.
        os.replace(tmp / "model.bin", dest.xml.with_suffix(".bin"))
        os.replace(tmp / "model.xml", dest.xml)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


class OpenVinoBackbone(ConvertedBackbone):
    """uint8 (N, 224, 224, 3) -> base embeddings, like ml.backbone.Backbone, on OpenVINO."""

    def __init__(
        self,
        xml: Path,
        kernel: np.ndarray,
        bias: np.ndarray,
        precision: str = PRECISION,
        threads: int | None = None,
        compiled_cache: Path | None = None,
    ) -> None:
        import openvino as ov

        super().__init__(kernel, bias, "OpenVINO")
        config: dict[str, Any] = {
            "PERFORMANCE_HINT": "LATENCY",
            "INFERENCE_PRECISION_HINT": precision,
        }
        if threads:
            config["INFERENCE_NUM_THREADS"] = threads
        if compiled_cache is not None:
            # OpenVINO's own cache of the compiled model (keyed by the IR, the config and its
            # version; an unreadable entry is compiled again): measured 0.17 s of CPU to compile,
            # 0.05 s to load, at every scan's start.
            config["CACHE_DIR"] = str(compiled_cache)
        core = ov.Core()
        if precision == MIXED:
            first, rest = split_model(core, xml, FP32_CONVS)
            self._parts = [
                core.compile_model(first, "CPU", {**config, "INFERENCE_PRECISION_HINT": PRECISION}),
                core.compile_model(rest, "CPU", {**config, "INFERENCE_PRECISION_HINT": BF16}),
            ]
        else:
            self._parts = [core.compile_model(str(xml), "CPU", config)]

    def embed(self, pixels: np.ndarray) -> np.ndarray:
        check_pixels(pixels)
        out = np.ascontiguousarray(pixels)
        for part in self._parts:
            out = part(out)[0]
        # Copied: the output tensor belongs to the infer request and the next call reuses it.
        return np.array(out, dtype=np.float32)


def split_model(core: Any, xml: Path, convolutions: int) -> tuple[Any, Any]:
    """The IR cut in two before its convolution number `convolutions` (in graph order): the
    part up to there, and the rest taking that tensor as its input."""
    import openvino as ov

    def read() -> tuple[Any, Any]:
        model = core.read_model(str(xml))
        convs = [
            op
            for op in model.get_ordered_ops()
            if op.get_type_name() in ("Convolution", "GroupConvolution")
        ]
        if convolutions >= len(convs):
            # Not the converted Lite0 (an edited file): reported like OpenVINO's own load errors.
            raise RuntimeError(f"{xml.name} has {len(convs)} convolutions, cut at {convolutions}")
        return model, convs[convolutions].input_value(0)

    model, cut = read()
    first = ov.Model([cut], model.get_parameters(), "first")
    model, cut = read()  # a second copy: the rest's input replaces the first part's nodes
    param = ov.opset13.parameter(cut.get_partial_shape(), cut.get_element_type(), "cut")
    for target in list(cut.get_target_inputs()):
        target.replace_source_output(param.output(0))
    rest = ov.Model([r.input_value(0) for r in model.get_results()], [param], "rest")
    return first, rest
