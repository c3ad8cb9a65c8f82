"""Which runtime runs the backbone, decided by measurement and remembered.

The first time (per weight file and set of runtime versions) the Keras model is converted to every
CPU runtime installed (OpenVINO, LiteRT), each is checked against TensorFlow on real photos and
timed, and the fastest that agrees is recorded (ml.runtimes.measurement). Afterwards a scan on the
CPU loads that converted model directly and never imports TensorFlow. A conversion that disagrees
with TensorFlow fp32 is not used (unless the user forces it), and the engine says why.
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
from phototagger.ml.runtimes.candidates import (
    TITLES,
    Candidate,
    candidate,
    installed_candidates,
    installed_version,
)
from phototagger.ml.runtimes.conversion_check import convert_and_check, load_cached, read_verdict
from phototagger.ml.runtimes.conversion_process import ConversionStopped, convert_stoppably
from phototagger.ml.runtimes.deferred import DeferredCheckEngine
from phototagger.ml.runtimes.litert import DamagedModelError
from phototagger.ml.runtimes.measurement import read_record, record_path
from phototagger.ml.weights_source import file_digest, source_weights_path

SamplePhotos = Callable[[], np.ndarray]  # uint8 (N, 224, 224, 3) of the user's own photos
FORCED = "chosen in the settings or with --runtime"
# Why a later scan runs where it runs, in plain words (the figures: the engine's `runtime`).
MEASURED_AFTER_FIRST_SCAN = (
    "the fastest way found to give the same tags as TensorFlow, measured after the first scan "
    "on this model"
)


def gpu_present() -> bool:
    """An NVIDIA driver is loaded: TensorFlow may have a GPU (asking it would import it)."""
    return os.path.exists("/proc/driver/nvidia/version")


def tensorflow_reason(runtime: RuntimeChoice, device: DeviceChoice) -> str | None:
    """Why the face detector's nets run on TensorFlow, or None: OpenVINO (they have no other
    CPU runtime; with the backbone on LiteRT they still run on OpenVINO)."""
    if runtime == "tensorflow":
        return FORCED
    if device == "gpu" or (device == "auto" and runtime == "auto" and gpu_present()):
        return "GPU"
    if installed_version("openvino") is None:
        return "OpenVINO is not installed"
    return None


def backbone_tensorflow_reason(runtime: RuntimeChoice, device: DeviceChoice) -> str | None:
    """Why the backbone runs on TensorFlow, or None: a converted CPU runtime."""
    if runtime == "tensorflow":
        return FORCED
    if device == "gpu" or (device == "auto" and runtime == "auto" and gpu_present()):
        return "GPU"
    if runtime in ("openvino-bf16", "openvino-mixed") and installed_version(runtime) is None:
        have = installed_version("openvino") is not None
        return "this CPU has no native bf16" if have else "OpenVINO is not installed"
    if runtime != "auto" and installed_version(runtime) is None:
        return f"{TITLES[runtime]} is not installed"
    if not any(installed_version(name) for name in TITLES):
        return f"no CPU runtime is installed ({' or '.join(TITLES.values())})"
    return None


def load_runtime_engine(
    runtime: RuntimeChoice,
    device: DeviceChoice,
    head: TagHead | None,
    sample: SamplePhotos,
    *,
    weights_cache: Path,
    runtimes_cache: Path,
    stop: Callable[[], bool] | None = None,
) -> TaggingEngine:
    """An engine on the runtime that `runtime` and the cached measurement allow (base backbone);
    the caches are the library home's (converted weights, converted runtimes). `stop`: a forced
    runtime's conversion runs in a child process that ends once it is true (ConversionStopped)."""
    reason = backbone_tensorflow_reason(runtime, device)
    if reason is not None:
        engine = load_engine(device, head, weights_cache=weights_cache)
        engine.runtime = f"TensorFlow ({reason})"
        return engine
    digest = file_digest(source_weights_path())
    if runtime != "auto":
        forced = candidate(runtime, digest, runtimes_cache)
        assert forced is not None  # installed: checked above
        return forced_engine(forced, head, sample, weights_cache, stop)
    candidates = installed_candidates(digest, runtimes_cache)
    record_file = record_path(digest, runtimes_cache)
    record = read_record(record_file, candidates)
    if record is None:
        # Nothing measured yet: this scan runs on TensorFlow at once; the conversions, checks and
        # timings come after it, on the inputs and embeddings it produced.
        return DeferredCheckEngine(
            load_engine("cpu", head, weights_cache=weights_cache), candidates, record_file, sample
        )
    chosen = next((c for c in candidates if c.name == record.chosen), None)
    measured = record.result(chosen.name) if chosen else None
    if chosen is None or measured is None:
        engine = load_engine("cpu", head, weights_cache=weights_cache)
        engine.runtime = f"TensorFlow fp32: {record.reason}"
        return engine
    note = f"the cached {chosen.words} model is missing"
    if chosen.exists:
        try:
            engine = converted_engine(chosen, head, measured.agreement, f"auto: {record.reason}")
            engine.runtime_words = f"{TITLES[chosen.name]} ({MEASURED_AFTER_FIRST_SCAN})"
            engine.figures_file = str(record_file)
            return engine
        except (DamagedModelError, RuntimeError) as exc:  # OpenVINO's loader raises RuntimeError
            note = f"the cached {chosen.words} model is damaged: {exc}"
    # The measurement named a file that is no longer the one measured: measured again.
    chosen.discard()
    record_file.unlink(missing_ok=True)
    return DeferredCheckEngine(
        load_engine("cpu", head, weights_cache=weights_cache),
        candidates,
        record_file,
        sample,
        note=note,
    )


def forced_engine(
    forced: Candidate,
    head: TagHead | None,
    sample: SamplePhotos,
    weights_cache: Path,
    stop: Callable[[], bool] | None = None,
) -> TaggingEngine:
    """The runtime the user chose, whatever its verdict; converted (and checked, given enough
    photos) now if there is no usable conversion yet. With a `stop` (a scan's cancel), the
    conversion runs in the child process a cancel kills (ml.runtimes.conversion_process): in
    this process it could not be stopped, and a Cancel or Ctrl-C waited for it (LiteRT's took
    17-40 s on 2 busy cores). Nothing of a stopped conversion is left in the cache."""
    agreement = read_verdict(forced)
    note = ""
    if agreement is not None and forced.exists:
        try:
            return converted_engine(forced, head, agreement, FORCED)
        except DamagedModelError as exc:
            note = f"; the cached model was damaged ({exc}) and converted again"
            forced.discard()
    reference = load_engine("cpu", head, weights_cache=weights_cache)
    if stop is not None and load_cached(forced) is None:
        failed = convert_stoppably(reference.keras_model, [forced], stop)
        if forced.name in failed:
            raise RuntimeError(f"{forced.words} could not be converted: {failed[forced.name]}")
    if stop is not None and stop():
        raise ConversionStopped
    agreement = convert_and_check(reference, forced, sample())
    if not forced.exists:
        forced.convert(reference.keras_model)  # too few photos to check: used unchecked
    return converted_engine(forced, head, agreement, FORCED + note)


def converted_engine(
    converted: Candidate, head: TagHead | None, agreement: Agreement | None, why: str
) -> TaggingEngine:
    """An engine on a converted backbone; DamagedModelError when its cached file is not the one
    converted."""
    default = load_default_head()
    backbone = converted.load(default.kernel, default.bias)
    checked = f"checked on {agreement.describe()}" if agreement else "not checked: too few photos"
    device = note_device(f"CPU ({os.cpu_count() or 1} cores, {TITLES[converted.name]})")
    return TaggingEngine(
        backbone,
        head or default,
        device,
        default.vocabulary.class_names,
        runtime=f"{converted.words} ({checked}; {why})",
        embedder=converted.title,
    )
