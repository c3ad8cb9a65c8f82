"""The ImageNet backbone: EfficientNet-Lite0 with weights converted once and cached."""

from __future__ import annotations

import os
import tempfile
import threading
from pathlib import Path

import keras
import numpy as np

from phototagger.ml.backbone_name import BACKBONE_NAME
from phototagger.ml.lite0 import (
    INPUT_SIZE,
    assign_weights,
    build_lite0,
    torch_to_keras_weights,
)
from phototagger.ml.torch_state import load_legacy_state_dict
from phototagger.ml.weights_source import file_digest, source_weights_path

__all__ = ["BACKBONE_NAME", "Backbone", "load_backbone", "source_weights_path"]


def cached_weights_path(source: Path, cache_dir: Path) -> Path:
    """The converted weights in `cache_dir` (the library home's weights cache)."""
    return cache_dir / f"{BACKBONE_NAME}-{file_digest(source)}.weights.h5"


class Backbone:
    """uint8 RGB batches in, (1280-d embeddings, 1000 ImageNet probabilities) out.

    With a fine-tuned top (a deep model version) it gives that version's embeddings under its own
    key, and the base CNN's alongside, so the base cache stays complete for rollbacks.
    """

    input_size = INPUT_SIZE

    def __init__(
        self, model: keras.Model, top: keras.Model | None = None, key: str = BACKBONE_NAME
    ) -> None:
        self.model = model
        self.top = top
        self.name = key

    def predict_all(self, pixels: np.ndarray) -> tuple[dict[str, np.ndarray], np.ndarray]:
        """({backbone key: embeddings}, ImageNet probabilities of the base CNN)."""
        if pixels.dtype != np.uint8 or pixels.ndim != 4 or pixels.shape[1:] != (224, 224, 3):
            raise ValueError(f"expected uint8 (N, 224, 224, 3), got {pixels.dtype} {pixels.shape}")
        out = self.model.predict_on_batch(pixels)
        embeddings = {BACKBONE_NAME: np.asarray(out["embedding"])}
        if self.top is not None:
            embeddings[self.name] = np.asarray(self.top.predict_on_batch(out["features"]))
        return embeddings, np.asarray(out["probabilities"])

    def predict(self, pixels: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        embeddings, probabilities = self.predict_all(pixels)
        return embeddings[self.name], probabilities

    def features(self, pixels: np.ndarray) -> np.ndarray:
        """The frozen lower network's output (N, 7, 7, 192): the deep fine-tune's input."""
        return np.asarray(self.model.predict_on_batch(pixels)["features"])

    def classifier(self) -> tuple[np.ndarray, np.ndarray]:
        """The final dense layer (1280 -> 1000): probabilities can be recomputed from embeddings."""
        kernel, bias = self.model.get_layer("classifier").get_weights()
        return np.asarray(kernel), np.asarray(bias)


# The base CNN last built in this process, under the state of the weights file it was loaded
# from (_file_state). A deep training and the activation after it (`train --deep`), a deep
# version's activation and the scan after it in the app: each built the CNN and loaded its
# weights again. Nothing writes to it: a deep version's top is a model of its own with copies of
# its weights (ml/deep.top_from), so every holder reads the same weights.
_built: tuple[tuple[object, ...], keras.Model] | None = None
_built_lock = threading.Lock()


def _file_state(path: Path) -> tuple[object, ...] | None:
    """What tells a weights file apart from the one a model was loaded from; None: no file."""
    try:
        st = path.stat()
    except OSError:
        return None
    return (str(path), st.st_ino, st.st_size, st.st_mtime_ns)


def load_backbone(source: Path | None, cache_dir: Path) -> Backbone:
    """Build Lite0, load cached converted weights, or convert from the torch file and cache them.
    The model built last in this process is used again while its cached weights file is as it
    was loaded (built once: _built)."""
    global _built
    source = source or source_weights_path()
    cached = cached_weights_path(source, cache_dir)
    with _built_lock:
        state = _file_state(cached)
        if _built is not None and state is not None and _built[0] == state:
            return Backbone(_built[1])
        model = _built_model(source, cached)
        state = _file_state(cached)
        _built = (state, model) if state is not None else None
        return Backbone(model)


def _built_model(source: Path, cached: Path) -> keras.Model:
    model = build_lite0()
    if cached.exists():
        try:
            model.load_weights(cached)
            return model
        except (OSError, ValueError):
            cached.unlink(missing_ok=True)  # a damaged cache is rebuilt, not trusted
    assign_weights(model, torch_to_keras_weights(load_legacy_state_dict(source)))
    _save_atomically(model, cached)
    return model


def _save_atomically(model: keras.Model, dest: Path) -> None:
    dest.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=dest.parent, prefix=".tmp-", suffix=".weights.h5")
    os.close(fd)
    try:
        model.save_weights(tmp, overwrite=True)
        os.replace(tmp, dest)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
