"""Per-tag quality on the user's own labels: precision, recall, F1 and average precision."""

from __future__ import annotations

from dataclasses import asdict, dataclass

import numpy as np


@dataclass(frozen=True)
class TagMetrics:
    precision: float
    recall: float
    f1: float
    average_precision: float
    positives: int
    negatives: int

    def as_dict(self) -> dict[str, float | int]:
        return asdict(self)


def average_precision(labels: np.ndarray, scores: np.ndarray) -> float:
    """Area under the precision-recall curve as the mean precision at each positive (ties broken
    pessimistically, so a constant score earns no credit for order)."""
    positives = int(labels.sum())
    if positives == 0:
        return 0.0
    order = np.lexsort((labels, -scores))  # equal scores: negatives first
    hits = labels[order].astype(np.float64)
    precision_at_k = np.cumsum(hits) / np.arange(1, len(hits) + 1)
    return float((precision_at_k * hits).sum() / positives)


def tag_metrics(labels: np.ndarray, scores: np.ndarray, threshold: float) -> TagMetrics:
    labels = labels.astype(bool)
    predicted = scores >= threshold
    tp = int((predicted & labels).sum())
    fp = int((predicted & ~labels).sum())
    fn = int((~predicted & labels).sum())
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return TagMetrics(precision, recall, f1, average_precision(labels, scores),
                      int(labels.sum()), int((~labels).sum()))


def best_threshold(labels: np.ndarray, scores: np.ndarray, fallback: float) -> float:
    """The threshold with the best F1 on these labels; between equally good ones, the one nearest
    `fallback`, placed midway between neighbouring scores so it is not tuned to one photo."""
    labels = labels.astype(bool)
    if labels.all() or not labels.any():
        return fallback
    # One sort: predicting the top k photos positive, for every k at once (O(n log n)).
    order = np.argsort(-scores, kind="stable")
    s, y = scores[order].astype(np.float64), labels[order]
    tp = np.cumsum(y)
    fp = np.arange(1, len(s) + 1) - tp
    f1 = 2 * tp / (2 * tp + fp + (y.sum() - tp))
    # A threshold can only fall between two different scores (or at the lowest one).
    boundary = np.r_[s[:-1] != s[1:], True]
    cuts = np.r_[(s[:-1] + s[1:]) / 2, s[-1]][boundary]
    f1 = f1[boundary]
    at_fallback = tag_metrics(labels, scores, fallback).f1
    cuts, f1 = np.r_[cuts, fallback], np.r_[f1, at_fallback]
    best = np.flatnonzero(np.round(f1, 9) == np.round(f1.max(), 9))
    chosen = cuts[best[np.argmin(np.abs(cuts[best] - fallback))]]
    return float(np.clip(chosen, 0.05, 0.95))
