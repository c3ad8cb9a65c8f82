"""A taught tag whose base is a given class set, activated as a new model version (for tests
of what the review queue asks about, without training)."""

from __future__ import annotations

import dataclasses

import numpy as np

from phototagger.core.library import Library
from phototagger.core.model.activation import activate_version
from phototagger.core.model.tagger import load_head
from phototagger.ml.heads import load_default_head
from phototagger.ml.registry import ModelVersions
from phototagger.ml.trained_head import TrainedHead, from_default, grow
from phototagger.store.tags import decision_mark
from tests.imagenet_photos import class_index


def taught(
    lib: Library,
    tag: str,
    classes: dict[str, float],
    version: str = "v2",
    threshold: float = 0.5,
    created_at: str = "2026-01-01T00:00:00",
    decisions_up_to: int | None = None,
) -> TrainedHead:
    """Activate a `version` (made at `created_at`, from the user's decisions made so far as
    training records them, decisions_up_to, unless given) whose new `tag` is the mass of
    `classes` (as a taught tag whose examples showed only those): a photo's confidence is that
    mass."""
    default = load_default_head()
    base = from_default(default, np.zeros(1280, np.float32), np.ones(1280, np.float32))
    head = grow(dataclasses.replace(base, version=version), [tag])
    concepts = np.zeros((1000, len(head.tags)), np.float32)
    for name, weight in classes.items():
        concepts[class_index(name), -1] = weight
    scale, bias, thresholds = head.scale.copy(), head.bias.copy(), head.tag_thresholds.copy()
    scale[-1], bias[-1], thresholds[-1] = 1.0, 0.0, threshold
    head = dataclasses.replace(
        head, concepts=concepts, scale=scale, bias=bias, tag_thresholds=thresholds
    )
    up_to = decision_mark(lib.db) if decisions_up_to is None else decisions_up_to
    record = {"parent": "v1", "created_at": created_at, "decisions_up_to": up_to}
    ModelVersions(lib.home.model_versions).save(head, record)
    activate_version(lib, version)
    loaded = load_head(lib)
    assert isinstance(loaded, TrainedHead)
    return loaded
