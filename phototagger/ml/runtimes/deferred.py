"""The first scan on TensorFlow, the conversions and the measurement after it.

Converting the backbone and checking it on real photos used to come before the first scan's first
tag (measured 180 s instead of 74 s for 300 photos). Now the first scan runs on TensorFlow and keeps
a spread sample of the model inputs it fed TensorFlow, with the embeddings TensorFlow gave back;
once every photo is tagged, the model is converted to each CPU runtime (OpenVINO, LiteRT) and they
run on those same inputs only, timed at the scan's batch size, so the check costs neither a second
decode nor a second TensorFlow pass. The choice is cached (ml.runtimes.measurement) and the next
scan loads the fastest runtime that agrees (or keeps TensorFlow and says why).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import numpy as np

from phototagger.ml.engine import BACKBONE_NAME, BackboneRunner, TaggingEngine
from phototagger.ml.runtimes.agreement import MIN_PHOTOS
from phototagger.ml.runtimes.candidates import Candidate
from phototagger.ml.runtimes.measurement import (
    ChoiceRecord,
    MeasurementStopped,
    choice_in_words,
    measure,
    turned_down_in_words,
)
from phototagger.ml.runtimes.openvino import title_in_words

# As many photos as the check before the scan used (core.runtime.CHECK_PHOTOS): 1 % is visible.
KEEP = 200
# The runtimes are timed at the scan's batch size; a check on the library's photos uses this.
DEFAULT_BATCH = 32


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
        self.batch = 0  # the largest batch the scan fed: its batch size
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

    @property
    def seen(self) -> int:
        """How many model inputs (pictures: a clip's frames each count) it was fed recording."""
        return self._seen

    def stop(self) -> None:
        self.recording = False
        self._pixels, self._embeddings = [], []

    def resume(self) -> None:
        """Record again, from the next batch: the check it was stopped for was stopped. The
        pictures are counted afresh, as the sample is (the next scan says its own)."""
        self.recording = True
        self._seen = 0

    def predict_all(self, pixels: np.ndarray) -> tuple[dict[str, np.ndarray], np.ndarray]:
        embeddings, probabilities = self._inner.predict_all(pixels)
        if self.recording:
            self.batch = max(self.batch, len(pixels))
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
    "TensorFlow (first scan on this model: the CPU runtimes are converted, checked and timed "
    "once it is done)"
)
STOPPED = (
    "TensorFlow (the check of the CPU runtimes was stopped with the scan: it runs again after "
    "the next scan)"
)
TOO_FEW = (
    f"TensorFlow (a CPU runtime is used once at least {MIN_PHOTOS} photos can be checked "
    "against it)"
)


def pictures_checked(
    checked: int, seen: int, from_scan: np.ndarray | None, files: int | None = None
) -> str:
    """The pictures the runtimes were checked on, counted as a reader counts them: a scan's tags
    come from pictures, and a video clip gives several (the scan's "43 tagged" counts files).
    `files`: the files the scan tagged; the clips are said only where the pictures outnumber
    them ("48 pictures ... from 43 files"), not after a scan of photos alone."""
    if from_scan is None:  # the scan had too few: the library's photos
        return f"{checked:,} pictures of your library checked"
    said = (
        f"{checked:,} pictures this scan tagged"
        if checked >= seen
        else f"{checked:,} pictures checked of the {seen:,} this scan tagged"
    )
    if files is None or seen <= files:
        return said
    return f"{said} (from {files:,} files: a video clip gives a picture for each frame tagged)"


class DeferredCheckEngine(TaggingEngine):
    """A TensorFlow engine for the scan before the conversions; `after_scan` converts, checks
    and times every candidate runtime and caches the choice. `note`: why it came to this (a
    damaged cached model), said before the rest."""

    def __init__(
        self,
        engine: TaggingEngine,
        candidates: list[Candidate],
        record_file: Path,
        fallback_sample: Callable[[], np.ndarray],
        note: str = "",
    ) -> None:
        self._recorder = RecordingBackbone(engine.backbone)
        super().__init__(
            self._recorder,
            engine.head,
            engine.device,
            engine.class_names,
            runtime=f"TensorFlow ({note}; converted again after this scan)" if note else FIRST_SCAN,
        )
        self._candidates = candidates
        self._record_file = record_file
        # The library's own photos, decoded, when the scan embedded too few to judge by.
        self._fallback_sample = fallback_sample
        self.record: ChoiceRecord | None = None

    @property
    def checks_after_scan(self) -> bool:
        """Whether after_scan has runtimes to convert, check and time (minutes on a slow CPU)."""
        return self._recorder.recording

    def after_scan(self, stop: Callable[[], bool] | None = None, files: int | None = None) -> str:
        """Convert, run each runtime on the inputs TensorFlow embedded in this scan, compare, time,
        cache the choice (once per engine); returns the runtime line the scan reports. Once
        `stop()` is true (the user cancelled the scan during the check), it stops within a
        fraction of a second, a conversion under way included (ml.runtimes.conversion_process),
        records nothing and checks again after the next scan. `files`: the files the scan
        tagged, to say its pictures as it counted them (None: not known)."""
        if not self._recorder.recording:
            return self.runtime
        pixels, recorded = self._recorder.sample()
        seen = self._recorder.seen
        reference: np.ndarray | None = recorded
        batch = self._recorder.batch or DEFAULT_BATCH
        self._recorder.stop()
        if len(pixels) < MIN_PHOTOS:
            pixels, reference = self._fallback_sample(), None  # TensorFlow embeds them here
            batch = DEFAULT_BATCH
        if len(pixels) < MIN_PHOTOS:
            self.runtime = TOO_FEW
            return self.runtime
        try:
            self.record = measure(
                self, self._candidates, pixels, reference, batch, self._record_file, stop
            )
        except MeasurementStopped:
            self._recorder.resume()
            self.runtime = STOPPED
            return self.runtime
        checked = f"checked on {len(pixels)} photos and timed after the scan"
        chosen = self.record.result(self.record.chosen) if self.record.chosen else None
        if chosen is not None:
            self.runtime = (
                f"TensorFlow; {title_in_words(chosen.title)} {checked}: the next scans use it "
                f"({self.record.reason})"
            )
        else:
            self.runtime = (
                f"TensorFlow fp32: {self.record.reason}; the next scans stay on TensorFlow"
            )
        pictures = pictures_checked(len(pixels), seen, reference, files)
        # A runtime turned down that came close is said on a line of its own.
        words = "\n".join(
            [choice_in_words(self.record, pictures), *turned_down_in_words(self.record)]
        )
        self.runtime_words = f"TensorFlow ({words})"
        self.figures_file = str(self._record_file)
        return self.runtime
