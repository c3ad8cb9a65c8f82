"""The ported EfficientNet-Lite0 gives the original network's answers on real photos."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from phototagger.core.imaging import decode_photo
from tests.photo_factory import real_photo

DOMESTIC_CATS = {"tabby", "tiger cat", "Egyptian cat", "Persian cat", "Siamese cat"}


def _top(engine, path: Path, k: int = 3) -> list[str]:
    pixels = decode_photo(path).model_input[None]
    _, probabilities = engine.imagenet(pixels)
    return [engine.class_names[i] for i in np.argsort(-probabilities[0])[:k]]


def test_chelsea_is_a_domestic_cat(engine, tmp_path: Path) -> None:
    top = _top(engine, real_photo(tmp_path / "chelsea.jpg", "chelsea"))
    assert top[0] in DOMESTIC_CATS
    assert set(top) <= DOMESTIC_CATS  # all three guesses are cats, as in the original network


def test_coffee_is_an_espresso(engine, tmp_path: Path) -> None:
    path = real_photo(tmp_path / "coffee.jpg", "coffee")
    pixels = decode_photo(path).model_input[None]
    _, probabilities = engine.imagenet(pixels)
    assert engine.class_names[int(np.argmax(probabilities[0]))] == "espresso"
    assert probabilities[0].max() > 0.8


def test_rocket_is_a_missile_or_projectile(engine, tmp_path: Path) -> None:
    top = _top(engine, real_photo(tmp_path / "rocket.jpg", "rocket"), k=2)
    assert set(top) & {"missile", "projectile", "space shuttle"}


def test_probabilities_are_a_distribution_and_embeddings_are_1280d(engine, tmp_path: Path) -> None:
    pixels = decode_photo(real_photo(tmp_path / "a.jpg", "astronaut")).model_input[None]
    embeddings, probabilities = engine.imagenet(pixels)
    assert embeddings.shape == (1, 1280)
    assert probabilities.shape == (1, 1000)
    assert probabilities.sum() == pytest.approx(1.0, abs=1e-4)


def test_head_recomputes_the_networks_probabilities_from_the_embedding(engine, tmp_path) -> None:
    pixels = np.stack(
        [
            decode_photo(real_photo(tmp_path / f"{n}.jpg", n)).model_input
            for n in ("chelsea", "coffee")
        ]
    )
    embeddings, probabilities = engine.imagenet(pixels)
    recomputed = engine.head.imagenet_probabilities(embeddings)
    np.testing.assert_allclose(recomputed, probabilities, atol=1e-4)


def test_model_rejects_wrong_input(engine) -> None:
    with pytest.raises(ValueError, match="uint8"):
        engine.embed(np.zeros((1, 224, 224, 3), dtype=np.float32))
