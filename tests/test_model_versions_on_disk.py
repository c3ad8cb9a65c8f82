"""Model versions are written atomically, read back exactly, and never unpickle anything."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from phototagger.ml import registry
from phototagger.ml.heads import load_default_head
from phototagger.ml.registry import ModelVersions
from phototagger.ml.trained_head import from_default, standardisation
from phototagger.ml.training import grow

pytestmark = pytest.mark.model  # runs the real network: full tier only


def _head(version: str = "v2"):
    default = load_default_head()
    rng = np.random.default_rng(0)
    mean, std = standardisation(rng.standard_normal((50, 1280)).astype(np.float32))
    head = grow(from_default(default, mean, std), ["grandma's garden"])
    head.version = version
    head.kernel[:, -1] = rng.standard_normal(1280).astype(np.float32)
    return head, default


def test_round_trip_gives_identical_scores(tmp_path: Path) -> None:
    head, default = _head()
    models = ModelVersions(tmp_path / "models")
    models.save(head, {"parent": "v1", "created_at": "2026-01-01T00:00:00+00:00"})
    loaded = models.load_head("v2", default)
    embeddings = np.random.default_rng(1).standard_normal((8, 1280)).astype(np.float32)
    np.testing.assert_allclose(loaded.scores(embeddings), head.scores(embeddings), atol=1e-6)
    assert loaded.tags[-1] == "grandma's garden"
    assert models.saved() == ["v2"]
    assert models.next_name() == "v3"
    assert not list(models.folder.glob(".tmp-*"))


def test_default_head_restated_matches_the_default() -> None:
    head, default = _head()
    embeddings = np.random.default_rng(2).standard_normal((5, 1280)).astype(np.float32) * 0.5
    plain = from_default(default, head.mean, head.std)
    np.testing.assert_allclose(plain.scores(embeddings), default.scores(embeddings), atol=2e-4)


def test_a_weights_file_holding_pickled_objects_is_refused(tmp_path: Path) -> None:
    head, default = _head()
    models = ModelVersions(tmp_path / "models")
    models.save(head, {"parent": "v1"})
    arrays = head.arrays()
    arrays["scale"] = np.array([object()], dtype=object)
    with open(models.weights_path("v2"), "wb") as f:
        np.savez(f, **arrays)
    with pytest.raises(ValueError, match="pickle"):
        models.load_head("v2", default)


def test_unknown_and_default_versions(tmp_path: Path) -> None:
    models = ModelVersions(tmp_path / "models")
    with pytest.raises(registry.UnknownVersionError):
        models.record("v7")
    with pytest.raises(registry.UnknownVersionError):
        registry.version_number("latest")
    with pytest.raises(ValueError, match="cannot be deleted"):
        models.delete("v1")
