"""benchmarks/learnability.py: the bound it reports is leave-one-out and cut at the best
threshold, on real arithmetic (no model needed)."""

from __future__ import annotations

import numpy as np
import pytest

from benchmarks.learnability import best_f1, learnability, likeness_scores


def test_best_f1_cuts_between_distinct_scores_only() -> None:
    truth = np.array([True, False, True, False])
    assert best_f1(truth, np.array([0.9, 0.8, 0.7, 0.1])) == pytest.approx(0.8)
    # A tie between a positive and a negative cannot be split: both or neither.
    assert best_f1(np.array([True, False]), np.array([0.5, 0.5])) == pytest.approx(2 / 3)


def test_likeness_leaves_each_positive_out_of_its_own_mean() -> None:
    features = np.array([[1.0, 0.0], [0.0, 1.0], [0.0, 1.0], [1.0, 0.0]])
    truth = np.array([True, True, True, False])
    scores = likeness_scores(features, truth)
    # Photo 0 looks like no other positive: without itself its mean is (0, 1), so it scores 0,
    # below the negative photo 3, which is scored by the mean of all three positives.
    assert scores[0] == pytest.approx(0.0)
    assert scores[3] == pytest.approx(1 / 3)
    assert scores[1] == pytest.approx(0.5)


def test_a_separable_tag_is_learnable_and_noise_is_not() -> None:
    rng = np.random.default_rng(0)
    probs = rng.dirichlet(np.full(1000, 0.05), size=200).astype(np.float32)
    embeddings = rng.normal(size=(200, 16)).astype(np.float32)
    clear = np.zeros(200, bool)
    clear[:40] = True
    probs[:40] = 0.0
    probs[:40, 7] = 1.0  # the tag's photos all show class 7, nothing else does
    assert learnability(clear, probs, embeddings)["ceiling"] == pytest.approx(1.0)
    noise = rng.random(200) < 0.2
    assert learnability(noise, probs, embeddings)["ceiling"] < 0.6


def test_face_signals_count_when_given() -> None:
    # A tag that only the face detector sees: the probabilities and embeddings are noise, the
    # first face signal (a face was counted) is the tag.
    rng = np.random.default_rng(1)
    probs = rng.dirichlet(np.full(1000, 0.05), size=200).astype(np.float32)
    embeddings = rng.normal(size=(200, 16)).astype(np.float32)
    truth = rng.random(200) < 0.3
    faces = np.zeros((200, 4), np.float32)
    faces[truth, 0] = 1.0
    without = learnability(truth, probs, embeddings)
    assert "logistic, faces + embedding" not in without
    assert without["ceiling"] < 0.7
    found = learnability(truth, probs, embeddings, faces)
    assert found["logistic, faces + embedding"] == pytest.approx(1.0)
    assert found["ceiling"] == pytest.approx(1.0)
