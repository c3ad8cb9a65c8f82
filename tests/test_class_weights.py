"""A new tag's base from every class its examples show, weighted, and a version that keeps it."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest

from phototagger.core.class_weights import (
    WEIGHT_FLOOR,
    example_class_weights,
)
from phototagger.ml.heads import load_default_head
from phototagger.ml.registry import ModelVersions
from phototagger.ml.trained_head import from_default, grow
from phototagger.ml.version_check import DamagedModelError
from phototagger.paths import default_home
from tests.imagenet_photos import photo_probs


def test_every_class_an_example_shows_counts_unless_a_rejection_shows_it_more() -> None:
    rng = np.random.default_rng(3)
    # Bowls the tagger is unsure about: "pitcher 0.7, vase 0.2"; a ladle as "strainer, ladle".
    positives = [photo_probs({10: 0.7, 11: 0.2}, rng), photo_probs({20: 0.3, 21: 0.25}, rng)]
    rejections = [
        photo_probs({11: 0.6}, rng),
        photo_probs({500: 0.9}, rng),
    ]  # a vase, something else
    probs = np.array(positives + rejections)
    fit = example_class_weights(probs, np.array([True, True, False, False]))
    assert fit is not None and fit.weighted
    assert fit.classes[10] == pytest.approx(0.7, abs=0.05)
    assert fit.classes[20] == pytest.approx(0.3, abs=0.05) and fit.classes[21] > 0.2
    assert fit.classes[11] == 0.0  # a rejection shows vases more strongly than any example
    assert fit.classes[500] == 0.0
    assert ((fit.classes == 0) | (fit.classes >= WEIGHT_FLOOR)).all()
    assert fit.label == f"like the {fit.own} ImageNet classes your examples show, weighted"
    # A photo the tagger calls "ladle 0.3" (never any example's likeliest class) ranks above
    # one it calls a vase.
    unseen_ladle, vase = photo_probs({21: 0.3, 600: 0.5}, rng), photo_probs({11: 0.8}, rng)
    assert unseen_ladle @ fit.classes > vase @ fit.classes


def test_no_positives_or_nothing_left_gives_no_set() -> None:
    rng = np.random.default_rng(4)
    same = photo_probs({7: 0.9}, rng)
    assert example_class_weights(np.array([same, same]), np.array([False, False])) is None
    stronger = photo_probs({7: 0.95}, rng)
    # Whatever the one example shows, a rejection shows more strongly.
    probs = np.array([same, np.maximum(stronger, same + 0.001)])
    assert example_class_weights(probs, np.array([True, False])) is None


def test_a_version_with_weighted_classes_is_saved_read_back_and_scores_alike() -> None:
    default = load_default_head()
    base = from_default(default, np.zeros(1280, np.float32), np.ones(1280, np.float32))
    head = grow(dataclasses.replace(base, version="v2"), ["kitchenware", "music"])
    concepts = np.zeros((1000, len(head.tags)), np.float32)
    concepts[[10, 20, 21], -2] = [0.7, 0.3, 0.25]  # weighted (core/class_weights.py)
    concepts[[401, 402], -1] = 1.0  # a WordNet set, 0/1
    scale = head.scale.copy()
    scale[-2:] = 1.0
    head = dataclasses.replace(head, concepts=concepts, scale=scale)
    versions = ModelVersions(default_home().model_versions)
    versions.save(head, {"parent": "v1", "created_at": "2026-01-01T00:00:00"})
    loaded = versions.load_head("v2", default)
    assert loaded.concepts is not None
    assert np.array_equal(loaded.concepts, concepts)
    embeddings = np.abs(np.random.default_rng(5).normal(0, 1, (20, 1280))).astype(np.float32)
    assert np.array_equal(loaded.scores(embeddings), head.scores(embeddings))
    probs = default.imagenet_probabilities(embeddings)
    mass = np.clip(probs @ concepts[:, -2], 0, 1)
    expected = 1 / (1 + np.exp(-np.log(mass / (1 - mass)) - head.bias[-2]))
    assert np.allclose(loaded.scores(embeddings)[:, -2], expected, rtol=1e-3, atol=1e-5)

    # A weight outside [0, 1] is damage, not a class set.
    path = default_home().model_versions / "v2.npz"
    with np.load(path) as z:
        arrays = {k: z[k] for k in z.files}
    arrays["concepts"][10, -2] = 1.5
    with open(path, "wb") as f:
        np.savez(f, **arrays)
    with pytest.raises(DamagedModelError, match="concepts"):
        versions.load_head("v2", default)
