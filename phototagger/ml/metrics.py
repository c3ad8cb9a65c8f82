"""Per-tag quality on the user's own labels: precision, recall, F1 and average precision."""

from __future__ import annotations

import math
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
    return TagMetrics(
        precision,
        recall,
        f1,
        average_precision(labels, scores),
        int(labels.sum()),
        int((~labels).sum()),
    )


def best_f1(y: np.ndarray, p: np.ndarray) -> float:
    """F1 of answers `y` at the threshold on scores `p` that maximises it."""
    y = y.astype(bool)
    order = np.argsort(-p, kind="stable")
    tp = np.cumsum(y[order])
    called = np.arange(1, len(p) + 1)
    last = np.r_[p[order][1:] != p[order][:-1], True]  # ties cut together
    f1 = 2 * tp / (called + y.sum())
    return float(f1[last].max()) if y.any() else 0.0


def log_loss(y: np.ndarray, p: np.ndarray) -> float:
    """Mean log loss of scores `p` for answers `y`."""
    p = np.clip(p, 1e-6, 1 - 1e-6)
    return float(-np.mean(np.where(y, np.log(p), np.log(1 - p))))


def best_threshold(
    labels: np.ndarray, scores: np.ndarray, fallback: float, beta: float = 1.0
) -> float:
    """The threshold with the best F-beta on these labels (beta < 1 weighs precision more: a
    wrong tag on many photos costs more than a missed one), placed midway between neighbouring
    scores so it is not tuned to one photo. Between equally good ones, the highest: the one that
    tags fewest photos. `scores` must not come from a model fitted on these labels (every cut
    would then tie)."""
    labels = labels.astype(bool)
    if labels.all() or not labels.any():
        return fallback
    # One sort: predicting the top k photos positive, for every k at once (O(n log n)).
    order = np.argsort(-scores, kind="stable")
    s, y = scores[order].astype(np.float64), labels[order]
    tp = np.cumsum(y)
    fp = np.arange(1, len(s) + 1) - tp
    b2 = beta * beta
    fscore = (1 + b2) * tp / ((1 + b2) * tp + fp + b2 * (y.sum() - tp))
    # A threshold can only fall between two different scores (or at the lowest one).
    boundary = np.r_[s[:-1] != s[1:], True]
    cuts = np.r_[(s[:-1] + s[1:]) / 2, s[-1]][boundary]
    fscore = fscore[boundary]
    best = np.flatnonzero(np.round(fscore, 9) == np.round(fscore.max(), 9))
    return float(np.clip(cuts[best].max(), 0.05, 0.95))


def library_threshold(
    positives: np.ndarray,
    negatives: np.ndarray,
    unlabelled: np.ndarray,
    unlabelled_scale: float = 1.0,
    beta: float = 0.5,
) -> float:
    """The threshold with the best expected F-beta over the whole library, not only over the
    labels: 30 rejections say little about the 990 other photos.

    `positives` / `negatives`: out-of-fold scores of the labelled photos; `unlabelled`: scores
    of (a sample of) the other photos from models that did not see them as labels, each
    standing for `unlabelled_scale` photos. The unlabelled scores are read as a mixture of the
    positives' and the negatives' score distributions; its share of positives (fitted by least
    squares over every cut) says how many unlabelled photos have the tag, and each cut's recall
    how many of them it keeps. Every other unlabelled photo above a cut counts as a mistake."""
    cuts = np.unique(np.r_[positives, negatives, unlabelled])
    cuts = np.r_[(cuts[:-1] + cuts[1:]) / 2, cuts[-1]] if len(cuts) > 1 else cuts
    pos_sorted, neg_sorted, unl_sorted = np.sort(positives), np.sort(negatives), np.sort(unlabelled)

    def above(sorted_scores: np.ndarray) -> np.ndarray:
        return len(sorted_scores) - np.searchsorted(sorted_scores, cuts, side="left")

    recall = above(pos_sorted) / max(len(positives), 1)
    false_rate = above(neg_sorted) / max(len(negatives), 1)
    share = above(unl_sorted) / max(len(unlabelled), 1)
    spread = recall - false_rate
    norm = max(float(spread @ spread), 1e-9)
    share_pos = float(np.clip(float((share - false_rate) @ spread) / norm, 0.0, 1.0))
    hidden = share_pos * len(unlabelled) * unlabelled_scale
    unl_above = above(unl_sorted) * unlabelled_scale
    tp = recall * hidden + above(pos_sorted)
    fp = np.maximum(unl_above - recall * hidden, 0.0) + above(neg_sorted)
    fn = (1 - recall) * hidden + (len(positives) - above(pos_sorted))
    b2 = beta * beta
    fscore = (1 + b2) * tp / np.maximum((1 + b2) * tp + fp + b2 * fn, 1e-9)
    best = np.flatnonzero(np.round(fscore, 9) == np.round(fscore.max(), 9))
    return float(np.clip(cuts[best].max(), 0.05, 0.95))


def binomial_upper_tail(k: int, n: int, p: float) -> float:
    """P(X >= k) for X ~ Binomial(n, p): the chance of `k` or more successes in `n` tries that
    each succeed with probability `p`. Summed in logs (lgamma), so it stays finite for any `n`
    (the binomial coefficients of a few hundred tries are past a float's range)."""
    if k <= 0:
        return 1.0
    if k > n or p <= 0.0:
        return 0.0
    if p >= 1.0:
        return 1.0
    log_p, log_q = math.log(p), math.log1p(-p)
    return sum(
        math.exp(
            math.lgamma(n + 1)
            - math.lgamma(i + 1)
            - math.lgamma(n - i + 1)
            + i * log_p
            + (n - i) * log_q
        )
        for i in range(k, n + 1)
    )
