"""Which tags a switch of model version must rescore: only those the new version scores
differently from the active one.

A retrain changes the tags the user taught; every other tag keeps its parent's weights and
threshold bit for bit (core/tag_learning.py), so its score on every photo is exactly what the
active version already wrote. Re-tagging 100,000 photos then rescores and rewrites a handful of
tags instead of all of them (benchmarks/new_tags.py: the write of every model row was ~2 s of a
re-tag). Photos the active version did not tag (its model rows are another version's, or none)
are re-tagged in full.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from phototagger.core.library import Library
from phototagger.core.model.active import threshold_overrides
from phototagger.core.model.tagger import backbone_for, load_head
from phototagger.core.tag_admin import tag_changes
from phototagger.core.tag_map import remap_trained
from phototagger.core.version_diff import changed_columns
from phototagger.ml import registry
from phototagger.ml.engine import TagHead
from phototagger.ml.heads import DEFAULT_VERSION
from phototagger.ml.trained_head import TrainedHead, from_default
from phototagger.store.photos import ids_tagged_by_other


@dataclass(frozen=True)
class RescorePlan:
    columns: list[int]  # the new head's tags whose scores differ from the active version's
    everything: list[int]  # photos to re-tag in full: the active version did not tag them


def rescore_plan(library: Library, active: str, head: TagHead) -> RescorePlan | None:
    """What switching from version `active` to `head` must rescore, or None: everything (the
    new head is not a trained one, the versions read different embeddings, or the new version
    drops a tag the active one has, whose rows must go)."""
    if not isinstance(head, TrainedHead) or active == head.version:
        return None
    try:
        if backbone_for(library, active) != backbone_for(library, head.version):
            return None
        old = trained_form(library, active, head)
    except (registry.UnknownVersionError, registry.DamagedModelError):
        return None
    if old is None:
        return None
    if set(old.tags) - set(head.tags):
        return None
    columns = set(changed_columns(old, head))
    # A tag with a face base reads the face detector's findings, which may have grown since the
    # active version wrote its scores: always rescored.
    columns |= set(np.flatnonzero(head.face_columns()).tolist())
    if not (np.array_equal(old.mean, head.mean) and np.array_equal(old.std, head.std)):
        # Another standardisation: any column with embedding weights scores differently.
        columns |= set(np.flatnonzero(head.kernel.any(axis=0)).tolist())
    return RescorePlan(sorted(columns), ids_tagged_by_other(library.db, active))


def trained_form(
    library: Library, version: str, like: TrainedHead, head: TagHead | None = None
) -> TrainedHead | None:
    """`version`'s head (`head`, else loaded on `like`'s base) as a TrainedHead, the user's
    thresholds in, to compare with `like` (core/version_diff.py); None where it has none."""
    head = head if head is not None else load_head(library, version, like.base)
    if isinstance(head, TrainedHead):
        return head
    if version != DEFAULT_VERSION:
        return None
    # The default head in trained form: every tag exactly the default's (no correction, so
    # the standardisation is never used).
    old = remap_trained(from_default(like.base, like.mean, like.std), tag_changes(library.db), None)
    old.overrides = threshold_overrides(library.db)
    return old
