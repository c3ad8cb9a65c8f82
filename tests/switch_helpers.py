"""A library of synthetic photo rows with embeddings, and a second model version to switch to."""

from __future__ import annotations

import dataclasses
from typing import Any

import numpy as np
import sqlite_utils

from phototagger.core.embeddings import encode_embedding
from phototagger.core.library import Library
from phototagger.ml.engine import BACKBONE_NAME
from phototagger.ml.heads import load_default_head
from phototagger.ml.registry import ModelVersions
from phototagger.ml.trained_head import from_default
from phototagger.paths import default_home
from phototagger.store.connection import transaction
from phototagger.store.embeddings import put_embeddings
from phototagger.store.photos import set_model_version
from phototagger.store.tags import tags_of_photos, write_model_tags_many
from tests.store_helpers import add_photo


def synthetic_library(
    db: sqlite_utils.Database, photos: int, seed: int = 0, folder: str = "/synthetic"
) -> list[int]:
    """`photos` tagged rows in `folder`, each with a random (non-negative, like pooled CNN
    features) embedding, tagged by the default model v1."""
    rng = np.random.default_rng(seed)
    head = load_default_head()
    with transaction(db):
        ids = [add_photo(db, f"{folder}/{i:06d}.jpg") for i in range(photos)]
        set_model_version(db, ids, "v1")
        vectors = np.abs(rng.normal(0, 1, (photos, 1280))).astype(np.float32)
        put_embeddings(
            db,
            BACKBONE_NAME,
            [(pid, encode_embedding(v)) for pid, v in zip(ids, vectors, strict=True)],
        )
        scores = head.scores(vectors)
        picked = [np.flatnonzero(row >= head.thresholds).tolist() for row in scores]
        write_model_tags_many(
            db, head.tag_names, list(zip(ids, scores.tolist(), picked, strict=True)), "v1"
        )
    return ids


def save_second_version(version: str = "v2") -> str:
    """A saved version that suggests more than v1 (a raised bias), so a switch changes rows."""
    default = load_default_head()
    base = from_default(default, np.zeros(1280, np.float32), np.ones(1280, np.float32))
    head = dataclasses.replace(base, version=version, bias=base.bias + 1.0)
    # Saved in the test's own library home, as `phototagger train` would.
    ModelVersions(default_home().model_versions).save(
        head, {"parent": "v1", "created_at": "2026-01-01T00:00:00"}
    )
    return version


def save_version_record(version: str, record: dict[str, Any]) -> None:
    """A saved version that tags as v1 does, with `record` (parent, created_at, summary,
    learned...) as training writes it, in the test's own library home."""
    default = load_default_head()
    base = from_default(default, np.zeros(1280, np.float32), np.ones(1280, np.float32))
    ModelVersions(default_home().model_versions).save(
        dataclasses.replace(base, version=version), record
    )


def two_taught_tags(lib: Library, tag: str, other: str) -> tuple[list[int], str]:
    """60 synthetic photos; `tag` added to 10 of them and rejected on 30, `other` added to 6 and
    rejected on 10; a version trained on those answers, made active: (the photo ids, its name)."""
    from phototagger.core import labels
    from phototagger.core.model.activation import activate_version
    from phototagger.core.retrain import train_candidate

    ids = synthetic_library(lib.db, 60)
    labels.apply_edits(lib.db, labels.decision_edits(ids[:10], tag, "add"))
    labels.apply_edits(lib.db, labels.decision_edits(ids[10:40], tag, "reject"))
    labels.apply_edits(lib.db, labels.decision_edits(ids[:6], other, "add"))
    labels.apply_edits(lib.db, labels.decision_edits(ids[20:30], other, "reject"))
    version = train_candidate(lib).version
    activate_version(lib, version)
    return ids, version


def pets_beside_animal(lib: Library, animal_yes: int) -> Any:
    """60 synthetic photos; the new tag 'pets' added to 10 and rejected on 30, 'animal' (a tag
    the model has) added to `animal_yes` others, too few to correct it: the training's result."""
    from phototagger.core import labels
    from phototagger.core.retrain import train_candidate

    ids = synthetic_library(lib.db, 60)
    labels.apply_edits(lib.db, labels.decision_edits(ids[:10], "pets", "add"))
    labels.apply_edits(lib.db, labels.decision_edits(ids[10:40], "pets", "reject"))
    labels.apply_edits(lib.db, labels.decision_edits(ids[40 : 40 + animal_yes], "animal", "add"))
    return train_candidate(lib)


def shown_tags(db: sqlite_utils.Database) -> dict[int, set[str]]:
    """Every photo's tags as the grid shows them (rejected ones left out)."""
    ids = [row[0] for row in db.execute("SELECT id FROM photos")]
    return {
        p: {t.name for t in tags}
        for p, tags in tags_of_photos(db, ids, include_rejected=False).items()
    }
