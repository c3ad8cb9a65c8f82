"""A trained tag head: the default tagger's judgement, corrected by what the user taught it.

For each tag t:  p_t(x) = sigmoid(scale_t * logit(default_t(x)) + w_t . z(x) + b_t)
where default_t is the default head's confidence (0 contribution for tags the user invented) and
z(x) the standardised embedding. With scale 1, w 0 and b 0 it is exactly the default head, so a
first trained version starts from what the default knows, and each later version starts from its
parent's weights: training corrects, it does not start over. Inference is numpy only.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from phototagger.ml.heads import DefaultHead, with_overrides

LOGIT_CLIP = 1e-4


def logit(p: np.ndarray) -> np.ndarray:
    p = np.clip(p, LOGIT_CLIP, 1 - LOGIT_CLIP)
    return np.log(p / (1 - p))


def sigmoid(x: np.ndarray) -> np.ndarray:
    # exp overflows to inf for very negative logits, which is the right limit (0): not a warning.
    with np.errstate(over="ignore"):
        return 1.0 / (1.0 + np.exp(-x))


@dataclass
class TrainedHead:
    version: str
    base: DefaultHead
    tags: list[str]
    base_index: np.ndarray  # (T,) int: column of the default head, -1 for the user's own tags
    scale: np.ndarray  # (T,)
    kernel: np.ndarray  # (1280, T)
    bias: np.ndarray  # (T,)
    mean: np.ndarray  # (1280,) embedding standardisation
    std: np.ndarray  # (1280,)
    tag_thresholds: np.ndarray  # (T,)
    overrides: dict[str, float] = field(default_factory=dict)

    @property
    def tag_names(self) -> list[str]:
        return self.tags

    @property
    def thresholds(self) -> np.ndarray:
        return with_overrides(self.tags, self.tag_thresholds, self.overrides)

    def standardise(self, embeddings: np.ndarray) -> np.ndarray:
        # No astype copies: 100,000 embeddings are 500 MB of float32.
        standard = (np.asarray(embeddings, np.float32) - self.mean) / self.std
        return standard.astype(np.float32, copy=False)

    def base_logits(self, embeddings: np.ndarray,
                    base_scores: np.ndarray | None = None) -> np.ndarray:
        """(N, T) logits of the default head's confidence per output tag; 0 where it has none.
        `base_scores`: the default head's scores of these embeddings, if already known."""
        base = logit(self.base.scores(embeddings) if base_scores is None else base_scores)
        out = np.zeros((len(embeddings), len(self.tags)), dtype=np.float32)
        known = self.base_index >= 0
        out[:, known] = base[:, self.base_index[known]]
        return out

    def scores(self, embeddings: np.ndarray, chunk: int = 8192,
               base_scores: np.ndarray | None = None) -> np.ndarray:
        if len(embeddings) == 0:
            return np.zeros((0, len(self.tags)), dtype=np.float32)
        parts = []
        for start in range(0, len(embeddings), chunk):
            e = embeddings[start:start + chunk]
            known = None if base_scores is None else base_scores[start:start + chunk]
            z = (self.base_logits(e, known) * self.scale + self.standardise(e) @ self.kernel
                 + self.bias)
            parts.append(sigmoid(z).astype(np.float32))
        return np.concatenate(parts)

    def arrays(self) -> dict[str, np.ndarray]:
        return {"base_index": self.base_index, "scale": self.scale, "kernel": self.kernel,
                "bias": self.bias, "mean": self.mean, "std": self.std,
                "thresholds": self.tag_thresholds}


def from_default(default: DefaultHead, mean: np.ndarray, std: np.ndarray) -> TrainedHead:
    """The default head restated in trained-head form (identical scores up to clipping)."""
    n = len(default.tag_names)
    return TrainedHead(
        version=default.version, base=default, tags=list(default.tag_names),
        base_index=np.arange(n), scale=np.ones(n, np.float32),
        kernel=np.zeros((len(mean), n), np.float32), bias=np.zeros(n, np.float32),
        mean=mean.astype(np.float32), std=std.astype(np.float32),
        tag_thresholds=default.thresholds.astype(np.float32),
    )


def standardisation(embeddings: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    mean = embeddings.mean(axis=0).astype(np.float32)
    std = embeddings.std(axis=0).astype(np.float32)
    return mean, np.maximum(std, 1e-3).astype(np.float32)
