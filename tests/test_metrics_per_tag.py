"""Precision, recall, F1, average precision and threshold calibration on known cases."""

from __future__ import annotations

import numpy as np
import pytest

from phototagger.ml.metrics import average_precision, best_threshold, tag_metrics


def test_perfect_ranking_has_ap_1() -> None:
    assert average_precision(np.array([1, 1, 0, 0]), np.array([0.9, 0.8, 0.3, 0.1])) == 1.0


def test_ap_of_an_interleaved_ranking() -> None:
    # positives at ranks 1 and 3: (1/1 + 2/3) / 2
    ap = average_precision(np.array([1, 0, 1, 0]), np.array([0.9, 0.8, 0.7, 0.1]))
    assert ap == pytest.approx((1 + 2 / 3) / 2)


def test_constant_scores_earn_no_credit_for_order() -> None:
    ap = average_precision(np.array([1, 0, 0, 0]), np.full(4, 0.5))
    assert ap == pytest.approx(0.25)


def test_precision_recall_f1_at_a_threshold() -> None:
    m = tag_metrics(np.array([1, 1, 1, 0, 0]), np.array([0.9, 0.6, 0.2, 0.7, 0.1]), 0.5)
    assert (m.precision, m.recall) == pytest.approx((2 / 3, 2 / 3))
    assert m.f1 == pytest.approx(2 / 3)
    assert (m.positives, m.negatives) == (3, 2)


def test_best_threshold_separates_the_classes() -> None:
    labels = np.array([1, 1, 1, 0, 0, 0])
    scores = np.array([0.35, 0.4, 0.45, 0.1, 0.15, 0.2])
    t = best_threshold(labels, scores, fallback=0.5)
    assert 0.2 < t < 0.35
    assert tag_metrics(labels, scores, t).f1 == 1.0


def test_best_threshold_falls_back_without_both_classes() -> None:
    assert best_threshold(np.array([1, 1]), np.array([0.2, 0.9]), fallback=0.4) == 0.4
