"""The first scan on TensorFlow, the OpenVINO conversion after it.

Converting the backbone and checking it on real photos used to come before the first scan's first
tag (measured 180 s instead of 74 s for 300 photos). Now the first scan runs on TensorFlow and keeps
a spread sample of the model inputs it fed TensorFlow, with the embeddings TensorFlow gave back;
once every photo is tagged, the model is converted and OpenVINO runs on those same inputs only, so
the check costs neither a second decode nor a second TensorFlow pass. The verdict is cached as
before and the next scan loads OpenVINO (or keeps TensorFlow and says why).
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from phototagger.ml.engine import BACKBONE_NAME, BackboneRunner, TaggingEngine
from phototagger.ml.runtimes.agreement import MIN_PHOTOS, Agreement
from phototagger.ml.runtimes.conversion_check import convert_and_check
from phototagger.ml.runtimes.openvino import ConvertedModel

# As many photos as the check before the scan used (core.runtime.CHECK_PHOTOS): 1 % is visible.
KEEP = 200


class RecordingBackbone:
    """The TensorFlow backbone, keeping a uniform sample (reservoir, seeded) of up to `keep` model
    inputs it embedded and their base embeddings, spread over the whole scan."""

    def __init__(self, inner: BackboneRunner, keep: int = KEEP) -> None:
        self._inner = inner
        self._keep = keep
        self._rng = np.random.default_rng(0)
        self._seen = 0
        self._pixels: list[np.ndarray] = []
        self._embeddings: list[np.ndarray] = []
        self.recording = True
        self.name = inner.name
        self.model = inner.model

    def _record(self, pixels: np.ndarray, embeddings: np.ndarray) -> None:
        for image, embedding in zip(pixels, embeddings, strict=True):
            self._seen += 1
            if len(self._pixels) < self._keep:
                self._pixels.append(image.copy())
                self._embeddings.append(np.array(embedding, np.float32))
                continue
            slot = int(self._rng.integers(self._seen))
            if slot < self._keep:
                self._pixels[slot] = image.copy()
                self._embeddings[slot] = np.array(embedding, np.float32)

    def sample(self) -> tuple[np.ndarray, np.ndarray]:
        """(uint8 inputs (N, 224, 224, 3), TensorFlow's fp32 base embeddings (N, 1280))."""
        if not self._pixels:
            return np.zeros((0, 224, 224, 3), np.uint8), np.zeros((0, 1280), np.float32)
        return np.stack(self._pixels), np.stack(self._embeddings)

    def stop(self) -> None:
        self.recording = False
        self._pixels, self._embeddings = [], []

    def predict_all(self, pixels: np.ndarray) -> tuple[dict[str, np.ndarray], np.ndarray]:
        embeddings, probabilities = self._inner.predict_all(pixels)
        if self.recording:
            self._record(pixels, embeddings[BACKBONE_NAME])
        return embeddings, probabilities

    def predict(self, pixels: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        embeddings, probabilities = self.predict_all(pixels)
        return embeddings[self.name], probabilities

    def features(self, pixels: np.ndarray) -> np.ndarray:
        return self._inner.features(pixels)

    def classifier(self) -> tuple[np.ndarray, np.ndarray]:
        return self._inner.classifier()


FIRST_SCAN = (
    "TensorFlow (first scan on this model: OpenVINO is converted and checked once it is done)"
)
TOO_FEW = (
    f"TensorFlow (OpenVINO is used once at least {MIN_PHOTOS} photos can be checked against it)"
)


class DeferredCheckEngine(TaggingEngine):
    """A TensorFlow engine for the scan before the conversion; `after_scan` converts and checks."""

    def __init__(
        self,
        engine: TaggingEngine,
        converted: ConvertedModel,
        fallback_sample: Callable[[], np.ndarray],
    ) -> None:
        self._recorder = RecordingBackbone(engine.backbone)
        super().__init__(
            self._recorder, engine.head, engine.device, engine.class_names, runtime=FIRST_SCAN
        )
        self._converted = converted
        # The library's own photos, decoded, when the scan embedded too few to judge by.
        self._fallback_sample = fallback_sample
        self.agreement: Agreement | None = None

    def after_scan(self) -> str:
        """Convert, run OpenVINO on the inputs TensorFlow embedded in this scan, compare, cache
        the verdict (once per engine); returns the runtime line the scan reports."""
        if not self._recorder.recording:
            return self.runtime
        pixels, recorded = self._recorder.sample()
        reference: np.ndarray | None = recorded
        self._recorder.stop()
        if len(pixels) < MIN_PHOTOS:
            pixels, reference = self._fallback_sample(), None  # TensorFlow embeds them here
        self.agreement = convert_and_check(self, self._converted, pixels, reference)
        if self.agreement is None:
            self.runtime = TOO_FEW
        elif self.agreement.passed:
            self.runtime = (
                f"TensorFlow; OpenVINO converted after the scan and checked on "
                f"{self.agreement.describe()}: the next scans use it"
            )
        else:
            self.runtime = (
                f"TensorFlow fp32: OpenVINO disagreed ({self.agreement.describe()}); "
                "the next scans stay on TensorFlow"
            )
        return self.runtime
