"""Which runtime runs the backbone, decided by measurement and remembered.

The first time (per weight file and OpenVINO version) the Keras model is converted to OpenVINO and
both run on real photos; the verdict is cached beside the converted model. Afterwards a scan on
the CPU loads the converted model directly and never imports TensorFlow. A conversion that
disagrees with TensorFlow fp32 is not used (unless the user forces it), and the engine says why.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path

import numpy as np

from phototagger.ml.device import DeviceChoice, note_device
from phototagger.ml.engine import BACKBONE_NAME, TaggingEngine, TagHead, load_engine
from phototagger.ml.heads import load_default_head
from phototagger.ml.runtimes import RuntimeChoice
from phototagger.ml.runtimes.agreement import MIN_PHOTOS, Agreement, measure_agreement
from phototagger.ml.runtimes.deferred import DeferredCheckEngine
from phototagger.ml.runtimes.openvino import (
    PRECISION,
    ConvertedModel,
    OpenVinoBackbone,
    convert,
    converted_model,
    openvino_version,
)
from phototagger.ml.weights_source import file_digest, source_weights_path

SamplePhotos = Callable[[], np.ndarray]  # uint8 (N, 224, 224, 3) of the user's own photos
_CHECK_BATCH = 32


def gpu_present() -> bool:
    """An NVIDIA driver is loaded: TensorFlow may have a GPU (asking it would import it)."""
    return os.path.exists("/proc/driver/nvidia/version")


def tensorflow_reason(runtime: RuntimeChoice, device: DeviceChoice) -> str | None:
    """Why the CNNs (backbone and face detector) run on TensorFlow, or None: OpenVINO."""
    if runtime == "tensorflow":
        return "chosen in the settings or with --runtime"
    if device == "gpu" or (device == "auto" and runtime == "auto" and gpu_present()):
        return "GPU"
    if openvino_version() is None:
        return "OpenVINO is not installed"
    return None


def load_runtime_engine(
    runtime: RuntimeChoice,
    device: DeviceChoice,
    head: TagHead | None,
    sample: SamplePhotos,
    *,
    weights_cache: Path,
    runtimes_cache: Path,
) -> TaggingEngine:
    """An engine on the runtime that `runtime` and the cached verdict allow (base backbone);
    the caches are the library home's (converted weights, converted runtimes)."""
    reason = tensorflow_reason(runtime, device)
    if reason is not None:
        engine = load_engine(device, head, weights_cache=weights_cache)
        engine.runtime = f"TensorFlow ({reason})"
        return engine
    version = openvino_version()
    assert version is not None
    converted = converted_model(file_digest(source_weights_path()), version, runtimes_cache)
    agreement = read_verdict(converted) if converted.exists else None
    forced = runtime == "openvino"
    if agreement is None and not forced:
        # Nothing measured yet: this scan runs on TensorFlow at once; the conversion and the
        # check come after it, on the inputs and embeddings it produced (DeferredCheckEngine).
        return DeferredCheckEngine(
            load_engine("cpu", head, weights_cache=weights_cache), converted, sample
        )
    if agreement is None:
        # Forced to OpenVINO before any check: converted now, checked if there are photos.
        reference = load_engine("cpu", head, weights_cache=weights_cache)
        if not converted.exists:
            convert(reference.keras_model, converted)
        agreement = convert_and_check(reference, converted, sample())
    elif not agreement.passed and not forced:
        engine = load_engine("cpu", head, weights_cache=weights_cache)
        engine.runtime = f"TensorFlow fp32: OpenVINO disagreed ({agreement.describe()})"
        return engine
    return openvino_engine(converted, head, version, agreement)


def openvino_engine(
    converted: ConvertedModel, head: TagHead | None, version: str, agreement: Agreement | None
) -> TaggingEngine:
    default = load_default_head()
    kernel, bias = default.kernel, default.bias
    backbone = OpenVinoBackbone(converted.xml, kernel, bias)
    checked = agreement.describe() if agreement else "not checked: too few photos"
    device = note_device(f"CPU ({os.cpu_count() or 1} cores, OpenVINO)")
    return TaggingEngine(
        backbone,
        head or default,
        device,
        default.vocabulary.class_names,
        runtime=f"OpenVINO {version} {PRECISION} (checked on {checked})",
    )


def convert_and_check(
    reference: TaggingEngine,
    converted: ConvertedModel,
    pixels: np.ndarray,
    embeddings: np.ndarray | None = None,
) -> Agreement | None:
    """Convert (if not cached), then compare with TensorFlow on the photos' model inputs and cache
    the verdict. `embeddings`: TensorFlow's fp32 base embeddings of `pixels` when it already ran
    on them (in the scan), else it runs here. None when there are too few photos to judge
    (nothing converted; checked again next time)."""
    if len(pixels) < MIN_PHOTOS:
        return None
    if not converted.exists:
        convert(reference.keras_model, converted)
    default = load_default_head()
    candidate = OpenVinoBackbone(converted.xml, default.kernel, default.bias)
    ref, cand = [], []
    for start in range(0, len(pixels), _CHECK_BATCH):
        batch = pixels[start : start + _CHECK_BATCH]
        if embeddings is None:
            ref.append(reference.embed_all(batch)[BACKBONE_NAME])
        cand.append(candidate.embed(batch))
    reference_embeddings = np.concatenate(ref) if embeddings is None else embeddings
    agreement = measure_agreement(reference_embeddings, np.concatenate(cand), default)
    write_verdict(converted, agreement)
    return agreement


def read_verdict(converted: ConvertedModel) -> Agreement | None:
    try:
        return Agreement.from_dict(json.loads(converted.verdict.read_text("utf-8")))
    except (OSError, ValueError, KeyError, TypeError):
        return None  # no verdict, or a damaged one: measured again


def write_verdict(converted: ConvertedModel, agreement: Agreement) -> None:
    tmp = converted.verdict.with_name(f".{converted.verdict.name}.tmp")
    tmp.write_text(json.dumps(agreement.as_dict(), indent=2), "utf-8")
    os.replace(tmp, converted.verdict)
