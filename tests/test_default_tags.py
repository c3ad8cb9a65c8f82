"""The default vocabulary turns ImageNet probabilities into sensible, confident photo tags."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from phototagger.core.imaging import decode_photo
from tests.photo_factory import real_photo


def _tags(engine, path: Path) -> dict[str, float]:
    embeddings = engine.embed(decode_photo(path).model_input[None])
    return dict(engine.suggest(engine.scores(embeddings))[0])


def test_cat_photo_is_tagged_cat_and_animal(engine, tmp_path: Path) -> None:
    tags = _tags(engine, real_photo(tmp_path / "chelsea.jpg", "chelsea"))
    assert tags["cat"] > 0.8
    assert tags["animal"] >= tags["cat"]  # hierarchy: every cat class is an animal class
    assert "dog" not in tags and "vehicle" not in tags


def test_espresso_photo_is_tagged_coffee_and_drink(engine, tmp_path: Path) -> None:
    tags = _tags(engine, real_photo(tmp_path / "coffee.jpg", "coffee"))
    assert tags["coffee"] > 0.8 and "drink" in tags
    assert "animal" not in tags


def test_noise_gets_no_confident_tag(engine) -> None:
    rng = np.random.default_rng(0)
    flat = np.full((1, 224, 224, 3), 128, dtype=np.uint8) + rng.integers(
        0, 3, (1, 224, 224, 3), dtype=np.uint8
    )
    tags = engine.suggest(engine.scores(engine.embed(flat)))[0]
    assert tags == [] or max(c for _, c in tags) < 0.9


def test_confidences_are_sorted_and_within_0_1(engine, tmp_path: Path) -> None:
    photo = decode_photo(real_photo(tmp_path / "c.jpg", "chelsea"))
    embeddings = engine.embed(photo.model_input[None])
    pairs = engine.suggest(engine.scores(embeddings))[0]
    confidences = [c for _, c in pairs]
    assert confidences == sorted(confidences, reverse=True)
    assert all(0.0 <= c <= 1.0 for c in confidences)
