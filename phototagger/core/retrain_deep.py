"""The deeper fine-tune's training run: decode the labelled photos again, train the CNN's top.

Only labelled photos (and a small sample of others, for distillation) are decoded; a photo whose
file cannot be read any more is left out of this run.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from phototagger.core.errors import PhotoError
from phototagger.core.jobs import CancelToken, Progress, ProgressCallback
from phototagger.core.library import Library
from phototagger.core.scan import decoded_stream
from phototagger.core.states import PhotoStatus
from phototagger.core.training_set import Labels, unlabelled_sample
from phototagger.core.versions import load_tagger
from phototagger.ml import registry
from phototagger.ml.engine import BACKBONE_NAME
from phototagger.ml.trained_head import TrainedHead
from phototagger.store.photos import photos_by_ids

DEEP_DISTILL_SAMPLE = 64


class DeepTrainer:
    def __init__(
        self,
        library: Library,
        parent_version: str,
        parent_record: dict[str, Any],
        start: TrainedHead,
        parent: TrainedHead,
        labels: Labels,
        seed: int,
        report: ProgressCallback,
        token: CancelToken,
    ) -> None:
        db = library.db
        wanted = sorted(labels.by_photo) + unlabelled_sample(
            db, set(labels.by_photo), DEEP_DISTILL_SAMPLE, seed, BACKBONE_NAME
        )
        photos = [p for p in photos_by_ids(db, wanted) if p.status != PhotoStatus.MISSING]
        report(Progress("loading the model", 0, len(photos), detail="deep fine-tune"))
        engine = load_tagger(library, parent_version, runtime="tensorflow")  # it trains
        ids: list[int] = []
        pixels: list[np.ndarray] = []
        for done, item in enumerate(
            decoded_stream(photos, library.thumbnails_dir, 2, token, 96), start=1
        ):
            if not isinstance(item.result, PhotoError):
                ids.append(item.photo.id)
                pixels.append(item.result.model_input)
            if done % 16 == 0:
                report(Progress("reading photos", done, len(photos), item.photo.path))
            token.raise_if_cancelled()
        if not ids:
            raise ValueError("none of the labelled photos can be read from disk any more")
        from phototagger.ml.deep import embed_with_top

        batch = np.stack(pixels)
        self.ids = ids
        self.model = engine.keras_model
        top_version = parent_record.get("top_weights")
        self.start_top = registry.load_top(top_version) if top_version else None
        # One pass of the CNN: the parent's embeddings follow from the features through its top.
        self.features = np.concatenate(
            [engine.features(batch[i : i + 32]) for i in range(0, len(batch), 32)]
        )
        self.parent_embeddings = embed_with_top(self.model, self.start_top or {}, self.features)
        self.parent_scores = parent.scores(self.parent_embeddings)
        self.start = start
        self.seed = seed

    def fit(
        self, mask: np.ndarray, targets: np.ndarray, weights: np.ndarray, on_epoch: Any
    ) -> tuple[TrainedHead, np.ndarray, Any]:
        from phototagger.ml.deep import embed_with_top, fit_deep
        from phototagger.ml.training import TrainingData

        data = TrainingData(self.parent_embeddings[mask], targets[mask], weights[mask])
        head, top = fit_deep(
            self.model,
            self.start,
            self.start_top,
            self.features[mask],
            data,
            self.start.version,
            on_epoch=on_epoch,
            seed=self.seed,
        )
        return head, head.scores(embed_with_top(self.model, top, self.features)), top
