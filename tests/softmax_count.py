"""Counting the default head's 1000-class softmaxes (DefaultHead.imagenet_probabilities)."""

from __future__ import annotations

import numpy as np
import pytest

from phototagger.ml.heads import DefaultHead


def softmax_rows(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The number of rows of each softmax computed from now on (the list grows as they run)."""
    rows: list[int] = []
    original = DefaultHead.imagenet_probabilities

    def counted(self: DefaultHead, embeddings: np.ndarray) -> np.ndarray:
        rows.append(len(embeddings))
        return original(self, embeddings)

    monkeypatch.setattr(DefaultHead, "imagenet_probabilities", counted)
    return rows
