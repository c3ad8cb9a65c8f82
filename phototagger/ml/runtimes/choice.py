"""Which runtime runs the backbone, decided by measurement and remembered.

The first time (per weight file and OpenVINO version) the Keras model is converted to OpenVINO and
both run on real photos; the verdict is cached beside the converted model. Afterwards a scan on
the CPU loads the converted model directly and never imports TensorFlow. A conversion that
disagrees with TensorFlow fp32 is not used (unless the user forces it), and the engine says why.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import numpy as np

from phototagger.ml.device import DeviceChoice, note_device
from phototagger.ml.engine import TaggingEngine, TagHead, load_engine
from phototagger.ml.heads import load_default_head
from phototagger.ml.runtimes import RuntimeChoice
from phototagger.ml.runtimes.agreement import Agreement
from phototagger.ml.runtimes.conversion_check import convert_and_check, read_verdict
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


def compiled_cache(converted: ConvertedModel) -> Path:
    """OpenVINO's compiled-model cache, beside the converted model in the runtimes cache."""
    return converted.xml.parent / "openvino-compiled"


def openvino_engine(
    converted: ConvertedModel, head: TagHead | None, version: str, agreement: Agreement | None
) -> TaggingEngine:
    default = load_default_head()
    kernel, bias = default.kernel, default.bias
    backbone = OpenVinoBackbone(
        converted.xml, kernel, bias, compiled_cache=compiled_cache(converted)
    )
    checked = agreement.describe() if agreement else "not checked: too few photos"
    device = note_device(f"CPU ({os.cpu_count() or 1} cores, OpenVINO)")
    return TaggingEngine(
        backbone,
        head or default,
        device,
        default.vocabulary.class_names,
        runtime=f"OpenVINO {version} {PRECISION} (checked on {checked})",
    )
