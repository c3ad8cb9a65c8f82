"""A taught tag's base is moved by a correction from the embedding only when that correction
ranks the held-out answers clearly better (core/correction_choice.py)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from phototagger.core.correction_choice import correction_helps, keeps_correction
from phototagger.core.model.tagger import load_head
from phototagger.core.retrain import train_candidate
from phototagger.core.training_set import embeddings_of
from phototagger.ml.engine import BACKBONE_NAME
from phototagger.ml.heads import load_default_head
from phototagger.ml.metrics import best_f1
from tests.retrain_helpers import FACES, PATCHES, label_faces, library_from


def test_a_class_set_is_moved_by_a_correction_only_when_it_earns_it(template: Path) -> None:
    lib, pics = library_from(template)
    with lib:
        # Real faces against degraded patches, 12 and 12: the tag is learned from a WordNet
        # set, and the correction ranks the held-out answers no better than the set alone, so
        # the set is only recalibrated (scale and bias): no weight on the embedding at all.
        label_faces(lib, pics, positives=12, negatives=12)
        result = train_candidate(lib)
        learned = result.counts["learned"]["face"]
        assert learned["how"] == "concept" and "WordNet" in learned["label"]
        child = lib.models.load_head(result.version, load_default_head())
        j = child.tags.index("face")
        assert not child.kernel[:, j].any()
        head = load_head(lib, result.version)
        ids, emb = embeddings_of(lib.db, None, BACKBONE_NAME)
        names = dict(lib.db.execute("select id, path from photos").fetchall())
        scores = dict(zip([Path(names[i]).name for i in ids], head.scores(emb)[:, j], strict=True))
        unseen_faces = [scores[f"face{i:03d}.jpg"] for i in range(12, FACES)]
        unseen_patches = [scores[f"patch{i:03d}.jpg"] for i in range(12, PATCHES)]
        assert np.median(unseen_faces) > np.median(unseen_patches)
        assert float(head.thresholds[j]) != 0.5  # still calibrated out of fold

    lib, pics = library_from(template)
    with lib:
        # 10 and 20: the set chosen ('clothing') ranks faces poorly; the correction is clearly
        # better on the held-out answers and is kept.
        label_faces(lib, pics, positives=10, negatives=20)
        result = train_candidate(lib)
        assert "WordNet" in result.counts["learned"]["face"]["label"]
        child = lib.models.load_head(result.version, load_default_head())
        assert child.kernel[:, child.tags.index("face")].any()


def test_a_correction_is_kept_only_when_clearly_better() -> None:
    rng = np.random.default_rng(3)
    y = np.r_[np.ones(12, bool), np.zeros(30, bool)]
    noisy = y + rng.normal(0, 0.9, len(y))  # a base that ranks the answers poorly
    sharp = y + rng.normal(0, 0.1, len(y))  # a correction that ranks them all
    assert keeps_correction(y, sharp, noisy)
    assert not keeps_correction(y, noisy, sharp)
    # Equal rankings: the simpler model (the base alone) is preferred.
    assert not keeps_correction(y, sharp, sharp * 2)


def test_an_own_class_set_loses_its_correction_only_when_clearly_better_alone() -> None:
    # A base built from the examples' own classes: the correction stays unless the base alone
    # separates the held-out answers clearly better at its best threshold.
    y = np.r_[np.ones(12, bool), np.zeros(30, bool)]
    rng = np.random.default_rng(5)
    alone = np.r_[rng.uniform(0.6, 0.9, 12), rng.uniform(0.1, 0.5, 30)]  # separates all
    corrected = alone.copy()
    corrected[:4] = rng.uniform(0.05, 0.3, 4)  # a third of the positives fall to the bottom
    assert not keeps_correction(y, corrected, alone)
    assert not correction_helps(y, corrected, alone)
    # One positive below one rejection: the base alone is better, but not clearly so. The
    # WordNet set's rule would drop the correction; a set from the examples keeps it.
    nearly = alone.copy()
    nearly[0] = 0.3
    nearly[12] = 0.4
    assert best_f1(y, alone) > best_f1(y, nearly)
    assert not keeps_correction(y, nearly, alone)
    assert correction_helps(y, nearly, alone)
    # Clearly better by its ranking: kept, whatever the threshold says.
    noisy = y + rng.normal(0, 0.9, len(y))
    assert correction_helps(y, alone, noisy)


def test_best_f1_is_the_best_over_every_threshold() -> None:
    rng = np.random.default_rng(0)
    for _ in range(50):
        y = rng.random(30) < 0.3
        p = np.round(rng.random(30), 1)  # ties: photos of one score are called together
        scores = [2 * (y & (p >= t)).sum() / ((p >= t).sum() + y.sum()) for t in np.unique(p)]
        assert best_f1(y, p) == pytest.approx(max(scores))
