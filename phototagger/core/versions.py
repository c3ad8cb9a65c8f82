"""Kept for callers not yet moved: the model-version use cases now live in core/model/, one per
module (see core/model/__init__.py). Nothing in core imports this facade, so it closes no circle.
"""

from __future__ import annotations

from phototagger.core.embeddings import embedded_chunks
from phototagger.core.model.activation import activate_version, discard_version
from phototagger.core.model.active import (
    ACTIVE_SETTING,
    SWITCH_SETTING,
    THRESHOLDS_SETTING,
    active_version,
    threshold_overrides,
)
from phototagger.core.model.listing import VersionInfo, describe, list_versions
from phototagger.core.model.record import ModelVersion
from phototagger.core.model.retag import SWITCH_CHUNK, finish_interrupted_switch
from phototagger.core.model.review import ReviewItem, review_queue, tag_scores
from phototagger.core.model.tagger import (
    backbone_for,
    load_active_tagger,
    load_head,
    load_tagger,
    model_version,
)

__all__ = [
    "ACTIVE_SETTING",
    "SWITCH_CHUNK",
    "SWITCH_SETTING",
    "THRESHOLDS_SETTING",
    "ModelVersion",
    "ReviewItem",
    "VersionInfo",
    "activate_version",
    "active_version",
    "backbone_for",
    "describe",
    "discard_version",
    "embedded_chunks",
    "finish_interrupted_switch",
    "list_versions",
    "load_active_tagger",
    "load_head",
    "load_tagger",
    "model_version",
    "review_queue",
    "tag_scores",
    "threshold_overrides",
]
