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
        self._compiled = ov.Core().compile_model(str(xml), "CPU", config)

    def embed(self, pixels: np.ndarray) -> np.ndarray:
        check_pixels(pixels)
        # Copied: the output tensor belongs to the infer request and the next call reuses it.
        return np.array(self._compiled(np.ascontiguousarray(pixels))[0], dtype=np.float32)
