"""The backbone on LiteRT (TensorFlow Lite's runtime, XNNPACK on the CPU): a copy of the Keras model
converted once to a .tflite file, cached next to the converted weights. Converting needs
TensorFlow (once); running it needs only the `ai-edge-litert` package, never TensorFlow."""

from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
import threading
import warnings
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import Any

import numpy as np

from phototagger.ml.backbone_name import BACKBONE_NAME
from phototagger.ml.device import native_stderr_silenced
from phototagger.ml.runtimes.converted_backbone import ConvertedBackbone, check_pixels

PRECISION = "fp32"
# A .tflite file is a FlatBuffer whose file identifier, bytes 4 to 8, is "TFL3".
IDENTIFIER = b"TFL3"


class DamagedModelError(ValueError):
    """A cached .tflite file that is not the one converted: truncated, edited or not a model."""


def litert_version() -> str | None:
    try:
        return metadata.version("ai-edge-litert")
    except metadata.PackageNotFoundError:
        return None


@dataclass(frozen=True)
class ConvertedLiteRt:
    """Where one conversion lives: keyed by the weights' digest and the LiteRT version. The
    .sha256 beside it is the converted file's digest, checked before every load."""

    tflite: Path
    verdict: Path

    @property
    def digest_file(self) -> Path:
        return self.tflite.with_name(self.tflite.name + ".sha256")

    @property
    def exists(self) -> bool:
        return self.tflite.exists() and self.digest_file.exists()

    @property
    def files(self) -> tuple[Path, ...]:
        return self.digest_file, self.tflite

    def remove(self) -> None:
        for path in (self.tflite, self.digest_file, self.verdict):
            path.unlink(missing_ok=True)


def converted_litert(weights_digest: str, version: str, cache_dir: Path) -> ConvertedLiteRt:
    stem = f"{BACKBONE_NAME}-{weights_digest}-litert-{version}-{PRECISION}"
    return ConvertedLiteRt(cache_dir / f"{stem}.tflite", cache_dir / f"{stem}.verdict.json")


def convert(keras_model: Any, dest: ConvertedLiteRt) -> None:
    """Convert the embedding output of the Keras Lite0 to a .tflite file (imports TensorFlow)."""
    import keras
    import tensorflow as tf

    embedding_only = keras.Model(keras_model.input, keras_model.output["embedding"])
    dest.tflite.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(dir=dest.tflite.parent, prefix=".tmp-litert-"))
    try:
        # Through a SavedModel: converted from a concrete function, Keras 3's variables were not
        # frozen and every output came back NaN.
        with warnings.catch_warnings(), native_stderr_silenced():
            warnings.simplefilter("ignore")
            embedding_only.export(str(tmp / "saved"), format="tf_saved_model", verbose=False)
            flatbuffer = tf.lite.TFLiteConverter.from_saved_model(str(tmp / "saved")).convert()
        (tmp / "model.tflite").write_bytes(flatbuffer)
        (tmp / "model.sha256").write_text(hashlib.sha256(flatbuffer).hexdigest(), "ascii")
        # The digest first: a cache entry exists once its .tflite does.
        os.replace(tmp / "model.sha256", dest.digest_file)
        os.replace(tmp / "model.tflite", dest.tflite)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def read_model(converted: ConvertedLiteRt) -> bytes:
    """The converted file's bytes, once they are shown to be the model that was converted (its
    FlatBuffer identifier, then its recorded digest); DamagedModelError says what is wrong."""
    name = converted.tflite.name
    try:
        data = converted.tflite.read_bytes()
        expected = converted.digest_file.read_text("ascii").strip()
    except OSError as exc:
        raise DamagedModelError(f"{name} cannot be read ({exc.strerror or exc})") from exc
    if len(data) < 8 or data[4:8] != IDENTIFIER:
        raise DamagedModelError(f"{name} is not a LiteRT model (no {IDENTIFIER.decode()} header)")
    if hashlib.sha256(data).hexdigest() != expected:
        raise DamagedModelError(
            f"{name} is not the file that was converted ({len(data):,} bytes, digest differs)"
        )
    return data


class LiteRtBackbone(ConvertedBackbone):
    """uint8 (N, 224, 224, 3) -> base embeddings, like ml.backbone.Backbone, on LiteRT."""

    def __init__(
        self,
        model: bytes,
        kernel: np.ndarray,
        bias: np.ndarray,
        threads: int | None = None,
    ) -> None:
        from ai_edge_litert.interpreter import Interpreter

        super().__init__(kernel, bias, "LiteRT")
        try:
            # XNNPACK is LiteRT's default CPU delegate; it runs on every core unless told.
            with native_stderr_silenced():  # "Created TensorFlow Lite XNNPACK delegate"
                self._interpreter = Interpreter(
                    model_content=model, num_threads=threads or os.cpu_count() or 1
                )
        except ValueError as exc:  # LiteRT verifies the FlatBuffer itself, too
            raise DamagedModelError(f"LiteRT refused the model: {exc}") from exc
        self._input = self._interpreter.get_input_details()[0]["index"]
        self._output = self._interpreter.get_output_details()[0]["index"]
        self._batch = 0
        # One interpreter holds one set of tensors: calls from two threads must take turns.
        self._lock = threading.Lock()

    def embed(self, pixels: np.ndarray) -> np.ndarray:
        check_pixels(pixels)
        if len(pixels) == 0:
            return np.zeros((0, 1280), np.float32)
        with self._lock:
            if self._batch != len(pixels):
                # Resizing re-plans XNNPACK (about 0.1 s): a scan's batches keep one size.
                self._interpreter.resize_tensor_input(self._input, list(pixels.shape))
                with native_stderr_silenced():
                    self._interpreter.allocate_tensors()
                self._batch = len(pixels)
            self._interpreter.set_tensor(self._input, np.ascontiguousarray(pixels))
            self._interpreter.invoke()
            # Copied: the output buffer belongs to the interpreter and the next call reuses it.
            return np.array(self._interpreter.get_tensor(self._output), dtype=np.float32)
