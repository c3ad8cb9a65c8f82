"""What a converted backbone (OpenVINO, LiteRT) shares: it embeds uint8 photos and applies the
ImageNet classifier itself, in numpy, so neither TensorFlow nor Keras is behind it."""

from __future__ import annotations

import numpy as np

from phototagger.ml.backbone_name import BACKBONE_NAME
from phototagger.ml.heads import softmax


def check_pixels(pixels: np.ndarray) -> None:
    if pixels.dtype != np.uint8 or pixels.ndim != 4 or pixels.shape[1:] != (224, 224, 3):
        raise ValueError(f"expected uint8 (N, 224, 224, 3), got {pixels.dtype} {pixels.shape}")


class ConvertedBackbone:
    """uint8 (N, 224, 224, 3) -> base embeddings, like ml.backbone.Backbone; a runtime's
    subclass runs `embed`."""

    def __init__(self, kernel: np.ndarray, bias: np.ndarray, runtime: str) -> None:
        self._kernel = kernel
        self._bias = bias
        self._runtime = runtime
        self.name = BACKBONE_NAME
        self.model = None  # no Keras model behind it: training loads TensorFlow's

    def embed(self, pixels: np.ndarray) -> np.ndarray:
        raise NotImplementedError

    def predict_all(self, pixels: np.ndarray) -> tuple[dict[str, np.ndarray], np.ndarray]:
        embeddings = self.embed(pixels)
        return {BACKBONE_NAME: embeddings}, softmax(embeddings @ self._kernel + self._bias)

    def predict(self, pixels: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        embeddings, probabilities = self.predict_all(pixels)
        return embeddings[BACKBONE_NAME], probabilities

    def features(self, pixels: np.ndarray) -> np.ndarray:
        raise NotImplementedError(f"the deep fine-tune runs on TensorFlow, not {self._runtime}")

    def classifier(self) -> tuple[np.ndarray, np.ndarray]:
        return self._kernel, self._bias
