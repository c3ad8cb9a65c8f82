"""Does a converted backbone agree with TensorFlow fp32? Measured on real photos, judged by what
the embeddings are used for: the tags the user sees (decisions, top-1 class) and the photos
"similar" puts next to each other (top-10 neighbours); the cosine only catches a broken conversion.

Embeddings are stored under the backbone's key whichever runtime made them, and taught tags,
similar photos and near-duplicates read them all, so a library may mix fp32 and bf16 ones. That
is safe because the uses agree, which benchmarks/embedding_compat.py measured on 1,000 real photos
(OpenVINO bf16 against TensorFlow fp32, lowest cosine 0.991): default tags identical on 99.2 %,
versions trained on fp32 embeddings deciding their taught tags identically on bf16 ones for
99.3-99.7 % of photos, training on a 50/50 mix as good as on fp32 alone (AP and F1 0.05 apart at
most, 0.005 on average), top-10 neighbours 0.967 the same, near-duplicate pairs 510 of 514 the
same. Which runtime
and precision wrote a library's embeddings is recorded (core/embedding_sources.py)."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

import numpy as np

from phototagger.ml.heads import DefaultHead

# Fewer photos than this say too little about a 1 % disagreement rate: the check waits for more.
MIN_PHOTOS = 32
MIN_DECISIONS = 0.99  # share of photos whose suggested tags are all identical
MIN_TOP1 = 0.98  # share of photos with the same most likely ImageNet class
# Mean share of each photo's 10 most similar check photos that stay among its 10 (cosine, the
# measure core/similar.py ranks by). OpenVINO bf16: 0.967 on 1,000 photos; a broken conversion
# (inputs of the wrong photos, wrong scaling) falls far below.
MIN_NEIGHBOURS = 0.9
NEIGHBOURS = 10
# A sanity floor, not the compatibility test (the uses above are): bf16's rounding costs at most
# 0.009 of cosine (0.991 at worst on 1,000 photos); a conversion that is wrong (a layer lost,
# another normalisation) lands far lower, so this catches it even where the tags happen to agree.
COSINE_FLOOR = 0.98
# What the cosine gate asked before compatibility was judged by the uses: a verdict written then
# (without a neighbour figure) with a cosine this high has neighbours as good as identical.
_OLD_MIN_COSINE = 0.999


@dataclass(frozen=True)
class Agreement:
    photos: int
    decisions: float
    top1: float
    min_cosine: float
    neighbours: float = 1.0

    @property
    def passed(self) -> bool:
        return not self.failed_checks()

    def failed_checks(self) -> list[str]:
        """The checks it fails, in order ('photos', 'decisions', 'top1', 'neighbours',
        'cosine'); empty when it passes. The one set of rules: failures() says them in the
        record's words, the scan's runtime lines in plain ones (measurement.py)."""
        checks = (
            ("photos", self.photos >= MIN_PHOTOS),
            ("decisions", self.decisions >= MIN_DECISIONS),
            ("top1", self.top1 >= MIN_TOP1),
            ("neighbours", self.neighbours >= MIN_NEIGHBOURS),
            ("cosine", self.min_cosine >= COSINE_FLOOR),
        )
        return [name for name, ok in checks if not ok]

    def failures(self) -> list[str]:
        """What fails the check, in words (empty when it passes)."""
        words = {
            "photos": f"fewer than {MIN_PHOTOS} photos",
            "decisions": f"tags identical on less than {MIN_DECISIONS:.0%}",
            "top1": f"top-1 identical on less than {MIN_TOP1:.0%}",
            "neighbours": f"fewer than {MIN_NEIGHBOURS:.0%} of similar photos kept",
            "cosine": f"an embedding cosine below {COSINE_FLOOR}",
        }
        return [words[check] for check in self.failed_checks()]

    def describe(self) -> str:
        failed = self.failures()
        return (
            f"{self.photos} photos: tags identical on {self.decisions:.1%}, top-1 "
            f"{self.top1:.1%}, similar photos kept {self.neighbours:.1%}, lowest embedding "
            f"cosine {self.min_cosine:.4f}" + (f" ({'; '.join(failed)})" if failed else "")
        )

    def as_dict(self) -> dict[str, Any]:
        return {**asdict(self), "passed": self.passed}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Agreement:
        cosine = float(data["min_cosine"])
        # A verdict from before the neighbour check: passed on a cosine that leaves neighbours
        # unchanged, else failed (and so measured again where it matters).
        old = 1.0 if cosine >= _OLD_MIN_COSINE else 0.0
        return cls(
            int(data["photos"]),
            float(data["decisions"]),
            float(data["top1"]),
            cosine,
            float(data.get("neighbours", old)),
        )


def neighbour_overlap(reference: np.ndarray, candidate: np.ndarray, k: int = NEIGHBOURS) -> float:
    """Mean share of each photo's `k` nearest others (by cosine) in `reference` that are also
    among its `k` nearest in `candidate`."""
    k = min(k, len(reference) - 1)
    if k < 1:
        return 1.0

    def nearest(vectors: np.ndarray) -> np.ndarray:
        unit = vectors / np.maximum(np.linalg.norm(vectors, axis=1, keepdims=True), 1e-12)
        cosine = unit @ unit.T
        np.fill_diagonal(cosine, -np.inf)
        return np.argpartition(-cosine, k - 1, axis=1)[:, :k]

    ref, cand = nearest(reference), nearest(candidate)
    return float(np.mean([len(set(a) & set(b)) / k for a, b in zip(ref, cand, strict=True)]))


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
        neighbours=neighbour_overlap(reference, candidate),
    )
