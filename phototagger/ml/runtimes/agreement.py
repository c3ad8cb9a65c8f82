"""Does a converted backbone agree with TensorFlow fp32? Measured on real photos, judged by what
the user sees (tag decisions, top-1 class) and by whether its embeddings can share a cache key."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

import numpy as np

from phototagger.ml.heads import DefaultHead

# Fewer photos than this say too little about a 1 % disagreement rate: the check waits for more.
MIN_PHOTOS = 32
MIN_DECISIONS = 0.99  # share of photos whose suggested tags are all identical
MIN_TOP1 = 0.98  # share of photos with the same most likely ImageNet class
# Embeddings are stored under the backbone's key whichever runtime made them, and retraining reads
# them all; only a runtime whose embeddings are interchangeable with TensorFlow's may write there.
# (float16 storage alone keeps cosine above 0.99999; OpenVINO bf16 measured 0.991 at worst.)
MIN_COSINE = 0.999


@dataclass(frozen=True)
class Agreement:
    photos: int
    decisions: float
    top1: float
    min_cosine: float

    @property
    def passed(self) -> bool:
        return (
            self.photos >= MIN_PHOTOS
            and self.decisions >= MIN_DECISIONS
            and self.top1 >= MIN_TOP1
            and self.min_cosine >= MIN_COSINE
        )

    def describe(self) -> str:
        return (
            f"{self.photos} photos: tags identical on {self.decisions:.1%}, top-1 "
            f"{self.top1:.1%}, lowest embedding cosine {self.min_cosine:.4f}"
        )

    def as_dict(self) -> dict[str, Any]:
        return {**asdict(self), "passed": self.passed}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Agreement:
        return cls(
            int(data["photos"]),
            float(data["decisions"]),
            float(data["top1"]),
            float(data["min_cosine"]),
        )


def measure_agreement(reference: np.ndarray, candidate: np.ndarray, head: DefaultHead) -> Agreement:
    """Compare (N, 1280) embeddings of the same photos from TensorFlow and from a candidate."""
    if reference.shape != candidate.shape:
        raise ValueError(f"shapes differ: {reference.shape} vs {candidate.shape}")
    if len(reference) == 0:
        return Agreement(0, 0.0, 0.0, 0.0)
    ref_dec = head.scores(reference) >= head.thresholds
    cand_dec = head.scores(candidate) >= head.thresholds
    top_ref = head.imagenet_probabilities(reference).argmax(axis=1)
    top_cand = head.imagenet_probabilities(candidate).argmax(axis=1)
    norms = np.linalg.norm(reference, axis=1) * np.linalg.norm(candidate, axis=1)
    cosine = (reference * candidate).sum(axis=1) / np.maximum(norms, 1e-12)
    return Agreement(
        photos=len(reference),
        decisions=float((ref_dec == cand_dec).all(axis=1).mean()),
        top1=float((top_ref == top_cand).mean()),
        min_cosine=float(cosine.min()),
    )
