"""ImageNet probabilities of made-up photos, for tests of class sets (pure numpy)."""

from __future__ import annotations

import json

import numpy as np

from phototagger import paths


def class_index(name: str) -> int:
    """The ImageNet class called `name` (models/imagenet_classes.json)."""
    classes = json.loads((paths.models_data_dir() / "imagenet_classes.json").read_text("utf-8"))
    return next(i for i, c in enumerate(classes) if c["name"] == name)


def photo_probs(shown: dict[int, float], rng: np.random.Generator) -> np.ndarray:
    """ImageNet probabilities of one photo showing `shown` classes, the rest spread thinly."""
    probs = rng.dirichlet(np.full(1000, 0.05)) * (1.0 - sum(shown.values()))
    for c, p in shown.items():
        probs[c] += p
    return probs.astype(np.float32)
