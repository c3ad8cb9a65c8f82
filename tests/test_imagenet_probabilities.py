"""The default head's ImageNet probabilities, computed in place for speed, are bit for bit the
textbook softmax (fresh arrays at each step): every cached score and stored confidence was
computed one way or the other."""

from __future__ import annotations

import numpy as np

from phototagger.ml.heads import load_default_head, softmax


def _textbook(logits: np.ndarray) -> np.ndarray:
    shifted = logits - logits.max(axis=1, keepdims=True)
    exp = np.exp(shifted)
    return exp / exp.sum(axis=1, keepdims=True)


def test_in_place_probabilities_are_the_textbook_softmax() -> None:
    head = load_default_head()
    rng = np.random.default_rng(7)
    vectors = np.clip(rng.normal(0.4, 0.8, (1500, 1280)), 0, 6).astype(np.float16)
    for rows in (slice(0, 1), slice(3, 1027), slice(1027, 1500)):
        page = vectors[rows].astype(np.float32)
        page.setflags(write=False)  # as a page of the memory-mapped copy is
        expected = _textbook(page.astype(np.float32) @ head.kernel + head.bias)
        assert head.imagenet_probabilities(page).tobytes() == expected.tobytes()
        assert head.imagenet_probabilities(vectors[rows]).tobytes() == expected.tobytes()
        logits = page @ head.kernel
        assert softmax(logits).tobytes() == _textbook(logits).tobytes()
