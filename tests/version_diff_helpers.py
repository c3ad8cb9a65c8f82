"""A version that tags more than the active one, on a synthetic library: what it would change,
counted afresh by version_diff.library_changes, and which photos each version tags."""

from __future__ import annotations

import dataclasses

import numpy as np

from phototagger.core.library import Library
from phototagger.core.retrain import _parent_trained
from phototagger.core.training_set import embeddings_of
from phototagger.core.version_diff import TagChange, library_changes
from phototagger.ml.engine import BACKBONE_NAME
from phototagger.ml.heads import load_default_head
from phototagger.ml.trained_head import TrainedHead


def heads(lib: Library) -> tuple[TrainedHead, TrainedHead]:
    """The active version (v1) and one that tags more (its bias raised), as a run would."""
    _, active = _parent_trained(lib, load_default_head())
    return active, dataclasses.replace(active, version="v2", bias=active.bias + 1.0)


def counted(lib: Library, tag: str) -> TagChange:
    """What the raised version changes of `tag`, counted now."""
    changes, _ = library_changes(lib, *heads(lib), BACKBONE_NAME)
    return next(c for c in changes if c.tag == tag)


def a_tag_it_changes(lib: Library) -> tuple[str, list[int], list[int], list[int]]:
    """A tag the raised version gives more photos, with photos both versions tag and some
    neither does, each version's own scores say which: the tag, and the photos only the new
    version tags, those both tag, those neither tags."""
    active, candidate = heads(lib)
    scored, vectors = embeddings_of(lib.db, None, BACKBONE_NAME)
    old_on = active.scores(vectors) >= active.thresholds
    new_on = candidate.scores(vectors) >= candidate.thresholds
    only_new, both, neither = new_on & ~old_on, new_on & old_on, ~new_on & ~old_on
    j = max(
        (j for j in range(len(active.tags)) if both[:, j].any() and neither[:, j].any()),
        key=lambda j: only_new[:, j].sum(),
    )
    added, kept, off = (np.asarray(scored)[m[:, j]].tolist() for m in (only_new, both, neither))
    assert len(added) >= 3
    return active.tags[j], added, kept, off
