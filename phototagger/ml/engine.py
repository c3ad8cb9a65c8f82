"""The tagging engine the core layer talks to: pixels -> embeddings -> tag confidences.

TensorFlow is imported only when an engine is loaded, so the CLI and GUI start fast.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Protocol

import numpy as np

from phototagger.ml.backbone_name import BACKBONE_NAME
from phototagger.ml.device import DeviceChoice
from phototagger.ml.heads import suggestions


class TagHead(Protocol):
    version: str

    @property
    def tag_names(self) -> list[str]: ...

    @property
    def thresholds(self) -> np.ndarray: ...

    def scores(self, embeddings: np.ndarray) -> np.ndarray: ...


class BackboneRunner(Protocol):
    """What runs the CNN: ml.backbone.Backbone (TensorFlow) or ml.runtimes.openvino's."""

    name: str
    model: Any

    def predict_all(self, pixels: np.ndarray) -> tuple[dict[str, np.ndarray], np.ndarray]: ...

    def predict(self, pixels: np.ndarray) -> tuple[np.ndarray, np.ndarray]: ...

    def features(self, pixels: np.ndarray) -> np.ndarray: ...

    def classifier(self) -> tuple[np.ndarray, np.ndarray]: ...


class TaggingEngine:
    def __init__(
        self,
        backbone: BackboneRunner,
        head: TagHead,
        device: str,
        class_names: tuple[str, ...],
        runtime: str = "TensorFlow",
        embedder: str = "TensorFlow fp32",
    ) -> None:
        self._backbone = backbone
        self.head = head
        self.device = device
        self.class_names = class_names
        # Which runtime runs the CNN, and why (a fallback says so): shown after a scan.
        self.runtime = runtime
        # The same in plain words, where `runtime` holds figures a user does not read (a first
        # scan's measurement): what the scan's summary says; "": `runtime` is said as it is.
        self.runtime_words = ""
        # The file that keeps the measured figures behind `runtime_words` (the choice record:
        # ml.runtimes.measurement.record_path), for a user to open; "": none.
        self.figures_file = ""
        # Which runtime and precision write the embeddings (core/embedding_sources.py).
        self.embedder = embedder

    @property
    def backbone(self) -> BackboneRunner:
        return self._backbone

    @property
    def backbone_name(self) -> str:
        return self._backbone.name

    @property
    def model_version(self) -> str:
        return self.head.version

    @property
    def tag_names(self) -> list[str]:
        return self.head.tag_names

    def embed(self, pixels: np.ndarray) -> np.ndarray:
        """uint8 (N, 224, 224, 3) -> float32 (N, 1280) embeddings of the active backbone."""
        embeddings, _ = self._backbone.predict(pixels)
        return embeddings

    def embed_all(self, pixels: np.ndarray) -> dict[str, np.ndarray]:
        """Embeddings under every backbone key this engine produces (base, and a deep one)."""
        return self._backbone.predict_all(pixels)[0]

    def features(self, pixels: np.ndarray) -> np.ndarray:
        return self._backbone.features(pixels)

    @property
    def keras_model(self) -> object:
        return self._backbone.model

    def imagenet(self, pixels: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        return self._backbone.predict(pixels)

    def scores(self, embeddings: np.ndarray) -> np.ndarray:
        return self.head.scores(embeddings)

    def suggest(self, scores: np.ndarray) -> list[list[tuple[str, float]]]:
        return suggestions(self.head.tag_names, self.head.thresholds, scores)

    def classifier(self) -> tuple[np.ndarray, np.ndarray]:
        return self._backbone.classifier()


def load_engine(
    device: DeviceChoice = "auto",
    head: TagHead | None = None,
    top_weights: dict[str, list[np.ndarray]] | None = None,
    backbone_key: str = BACKBONE_NAME,
    *,
    weights_cache: Path,
) -> TaggingEngine:
    """Configure the device, load the backbone (cached weights) and the given or default head;
    with `top_weights` (a deep version), its fine-tuned top gives the embeddings.
    `weights_cache`: the library home's folder for converted weights (LibraryHome)."""
    from phototagger.ml.device import configure_device, import_tensorflow

    import_tensorflow()
    from phototagger.ml.backbone import load_backbone
    from phototagger.ml.heads import DefaultHead
    from phototagger.ml.vocabulary import load_vocabulary

    described = configure_device(device)
    backbone = load_backbone(None, weights_cache)
    if top_weights is not None:
        from phototagger.ml.deep import top_from

        backbone = type(backbone)(
            backbone.model, top_from(backbone.model, top_weights), backbone_key
        )
    vocabulary = load_vocabulary()
    if head is None:
        kernel, bias = backbone.classifier()
        head = DefaultHead(vocabulary, kernel, bias)
    return TaggingEngine(backbone, head, described, vocabulary.class_names)
