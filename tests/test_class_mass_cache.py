"""A class set's probability mass from cached softmax normalisers equals the full softmax's,
and a photo whose embedding changed is recomputed, not read from the cache."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from phototagger.core.class_mass import Normalisers, class_mass
from phototagger.ml.heads import load_default_head


def test_mass_from_cached_normalisers_matches_the_softmax(tmp_path: Path) -> None:
    default = load_default_head()
    rng = np.random.default_rng(0)
    emb = np.clip(rng.normal(0.5, 0.6, (40, 1280)), 0, 6).astype(np.float32)
    classes = np.zeros((1000, 2), np.float32)
    classes[33:69, 0] = 1  # the reptiles
    classes[[365, 370, 380], 1] = 1
    expected = default.imagenet_probabilities(emb) @ classes
    ids = list(range(1, 41))
    first = Normalisers(tmp_path / "imagenet", "test-backbone", default)
    got = class_mass(default, emb, first.lookup(ids, emb), classes)
    assert np.allclose(got, expected, atol=1e-5)
    first.save()

    again = Normalisers(
        tmp_path / "imagenet", "test-backbone", default
    )  # read back from the cache file
    assert np.array_equal(again.lookup(ids, emb), first.lookup(ids, emb))
    changed = emb.copy()
    changed[0] = np.clip(changed[0] + 1.0, 0, 6)  # photo 1 was re-embedded
    redone = class_mass(default, changed, again.lookup(ids, changed), classes)
    assert np.allclose(redone, default.imagenet_probabilities(changed) @ classes, atol=1e-5)
