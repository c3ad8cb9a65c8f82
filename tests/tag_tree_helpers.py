"""Shared by the tag tree tests (rename, merge, delete of a branch): what a library's tags and a
photo's rows are, and a trained version saved under tag names of the tree."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import numpy as np
import sqlite_utils

from phototagger.ml.heads import load_default_head
from phototagger.ml.registry import ModelVersions
from phototagger.ml.trained_head import TrainedHead, from_default
from phototagger.paths import default_home
from phototagger.store.tags import all_tags, tags_of_photo


def rows(db: sqlite_utils.Database, photo_id: int) -> dict[str, tuple[Any, ...]]:
    """The photo's tag rows: name -> (state, confidence, model version)."""
    return {t.name: (t.state, t.confidence, t.model_version) for t in tags_of_photo(db, photo_id)}


def names(db: sqlite_utils.Database) -> list[str]:
    """Every tag's name, by name."""
    return [name for name, _ in all_tags(db)]


def saved_version(renames: dict[str, str], rng: np.random.Generator) -> TrainedHead:
    """A version 'v2' saved with the default tags `renames` names renamed (say 'cat' ->
    'pets/cat') and a random correction, so that its columns' scores tell them apart."""
    default = load_default_head()
    head = from_default(default, np.zeros(1280, np.float32), np.ones(1280, np.float32))
    taught = [renames.get(t, t) for t in head.tags]
    assert set(renames.values()) <= set(taught)
    head = replace(
        head,
        version="v2",
        tags=taught,
        kernel=rng.normal(0, 0.1, head.kernel.shape).astype(np.float32),
    )
    ModelVersions(default_home().model_versions).save(
        head, {"parent": "v1", "created_at": "2020-01-01T00:00:00+00:00"}
    )
    return head
