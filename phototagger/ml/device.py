"""Which device TensorFlow runs on: GPU when it sees one, CPU otherwise, or what the user forces."""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Iterator
from typing import Any, Literal, cast

DeviceChoice = Literal["auto", "cpu", "gpu"]
CHOICES: tuple[DeviceChoice, ...] = ("auto", "cpu", "gpu")

_configured: str | None = None


class DeviceUnavailableError(RuntimeError):
    pass


def parse_choice(value: str) -> DeviceChoice:
    lowered = value.strip().lower()
    if lowered not in CHOICES:
        raise ValueError(f"device must be one of {', '.join(CHOICES)}, not {value!r}")
    return cast(DeviceChoice, lowered)


@contextlib.contextmanager
def native_stderr_silenced() -> Iterator[None]:
    """Hide what TensorFlow's C++ runtime writes to fd 2 while it loads and probes for CUDA.

    TF 2.21 prints oneDNN and CUDA notices before it reads TF_CPP_MIN_LOG_LEVEL; users should not
    see "failed call to cuInit" on a laptop without a GPU. Python exceptions still propagate.
    """
    try:
        sys.stderr.flush()
        saved = os.dup(2)
    except (OSError, ValueError):
        yield
        return
    devnull = os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(devnull, 2)
        yield
    finally:
        os.dup2(saved, 2)
        os.close(saved)
        os.close(devnull)


def import_tensorflow() -> Any:
    """Import TensorFlow quietly (its import alone takes seconds: never at module import)."""
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
    if "tensorflow" in sys.modules:
        return sys.modules["tensorflow"]
    with native_stderr_silenced():
        import tensorflow

    # Retracing notices (a smaller last batch) are for TensorFlow developers, not our users.
    tensorflow.get_logger().setLevel("ERROR")
    return tensorflow


def configure_device(choice: DeviceChoice = "auto") -> str:
    """Pick the device before TensorFlow runs any op; return a description of it.

    Must be called before the first model is built: TensorFlow fixes its visible devices then.
    XLA JIT stays off: on a laptop CPU it made EfficientNet-Lite0 ten times slower.
    """
    global _configured
    tf = import_tensorflow()
    with native_stderr_silenced():
        gpus = tf.config.list_physical_devices("GPU")
    if _configured is None:
        tf.config.optimizer.set_jit(False)
        if choice == "cpu" and gpus:
            tf.config.set_visible_devices([], "GPU")
        elif choice == "gpu" and not gpus:
            raise DeviceUnavailableError(
                "no GPU is visible to TensorFlow (install phototagger[gpu] and a CUDA driver), "
                "use --device cpu or auto"
            )
        for gpu in tf.config.get_visible_devices("GPU"):
            tf.config.experimental.set_memory_growth(gpu, True)
        visible = tf.config.get_visible_devices("GPU")
        if visible:
            details = tf.config.experimental.get_device_details(visible[0])
            _configured = f"GPU ({details.get('device_name', visible[0].name)})"
        else:
            _configured = f"CPU ({os.cpu_count() or 1} cores)"
    return _configured


def note_device(description: str) -> str:
    """Record where a model that is not TensorFlow's runs (OpenVINO), for current_device()."""
    global _configured
    if _configured is None:
        _configured = description
    return description


def current_device() -> str | None:
    """The description chosen by configure_device, or None before the model was loaded."""
    return _configured
