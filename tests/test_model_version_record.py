"""A model version's record is one frozen value, read once, that round-trips its JSON file; the
built-in default tagger has one record, the same wherever it is asked for."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import numpy as np
import pytest

from phototagger.core.library import open_library
from phototagger.core.model.listing import list_versions
from phototagger.core.model.record import ModelVersion
from phototagger.core.model.tagger import model_version
from phototagger.ml import registry
from phototagger.ml.heads import load_default_head
from phototagger.ml.registry import ModelVersions
from phototagger.ml.trained_head import from_default
from phototagger.paths import LibraryHome

RECORD = {
    "version": "v3",
    "parent": "v2",
    "created_at": "2026-03-01T12:00:00+00:00",
    "kind": "deep",
    "tags": ["cat", "grandma's garden"],
    "thresholds": [0.5, 0.25],
    "backbone": "efficientnet-lite0@v3",
    "top_weights": "v3",
    "summary": "better on 2 tags",
    "note": "",
    "not_worse": True,
    "metrics": {"cat": {"support": 4, "old": None, "new": {"f1": 0.8}}},
    "training": {"labelled_photos": 12, "new_tags": ["grandma's garden"]},
    "learned": {"grandma's garden": {"label": "from your examples"}},
    "label_digests": {"cat": "abc123"},
    "a_field_from_a_later_release": [1, 2, 3],
}


def test_a_record_is_frozen_and_round_trips_its_json() -> None:
    record = ModelVersion.from_json(RECORD)
    with pytest.raises(dataclasses.FrozenInstanceError):
        record.version = "v9"  # type: ignore[misc]
    assert record.tags == ("cat", "grandma's garden") and record.thresholds == (0.5, 0.25)
    assert record.top_weights == "v3" and record.training["labelled_photos"] == 12
    assert record.extra == {"a_field_from_a_later_release": [1, 2, 3]}  # kept, not dropped
    assert record.to_json() == RECORD
    again = ModelVersion.from_json(json.loads(json.dumps(record.to_json())))
    assert again == record
    assert registry.backbone_key(record) == "efficientnet-lite0@v3"


def test_a_saved_version_reads_back_as_the_record_it_was_saved_as(tmp_path: Path) -> None:
    default = load_default_head()
    head = from_default(default, np.zeros(1280, np.float32), np.ones(1280, np.float32))
    head = dataclasses.replace(head, version="v2")
    models = ModelVersions(tmp_path / "models")
    saved = models.save(head, {"parent": "v1", "summary": "first", "training": {"n": 3}})
    assert models.record("v2") == saved
    assert saved.parent == "v1" and saved.kind == "head" and saved.backbone is None
    assert registry.backbone_key(saved) == "efficientnet-lite0"


def test_the_default_version_has_one_record(tmp_path: Path) -> None:
    default = load_default_head()
    with open_library(LibraryHome.under(tmp_path)) as lib:
        from_models = lib.models.record("v1")
        assert from_models == registry.default_version(default) == model_version(lib)
        assert from_models.kind == "default" and from_models.is_default
        assert from_models.tags == tuple(default.tag_names)
        [listed] = list_versions(lib)
        assert listed.version == "v1" and listed.tags == len(default.tag_names)
        assert listed.metrics_summary == from_models.note
