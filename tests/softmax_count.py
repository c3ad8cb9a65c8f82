"""Counting the default head's 1000-class softmaxes (DefaultHead.imagenet_probabilities), or
the rows of another of its steps."""

from __future__ import annotations

import numpy as np
import pytest

from phototagger.ml.heads import DefaultHead


def softmax_rows(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The number of rows of each softmax computed from now on (the list grows as they run)."""
    return counted_rows(monkeypatch, "imagenet_probabilities")


def counted_rows(monkeypatch: pytest.MonkeyPatch, step: str) -> list[int]:
    """The number of rows given to each call of DefaultHead.`step` from now on
    ('scores_from_probabilities': the default head's scores of every tag)."""
    rows: list[int] = []
    original = getattr(DefaultHead, step)

    def counted(self: DefaultHead, rows_in: np.ndarray) -> np.ndarray:
        rows.append(len(rows_in))
        return np.asarray(original(self, rows_in))

    monkeypatch.setattr(DefaultHead, step, counted)
    return rows
