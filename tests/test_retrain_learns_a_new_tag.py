"""Labelling a few photos with a new tag and training makes the model suggest it on similar
photos it was never shown, with the metrics saying so."""

from __future__ import annotations

from pathlib import Path

import pytest

from phototagger.core.catalog import search_photos
from phototagger.core.errors import NothingToLearn
from phototagger.core.model.activation import activate_version
from phototagger.core.model.active import active_version
from phototagger.core.model.listing import list_versions
from phototagger.core.retrain import MIN_POSITIVES, train_candidate, training_overview
from tests.retrain_helpers import FACES, PATCHES, label_faces, library_from


def test_a_new_tag_is_learned_and_suggested_on_unseen_photos(template: Path) -> None:
    lib, pics = library_from(template)
    with lib:
        label_faces(lib, pics, positives=6, negatives=12)
        overview = training_overview(lib)
        face = next(t for t in overview.tags if t.name == "face")
        assert (face.positives, face.negatives, face.trainable) == (6, 12, True)
        assert overview.corrections_since_active == 18

        result = train_candidate(lib)
        assert result.version == "v2" and result.parent == "v1"
        assert result.counts["new_tags"] == ["face"]
        [metrics] = [m for m in result.metrics if m.tag == "face"]
        assert metrics.old is None  # the old model had no such output
        assert metrics.new.average_precision > 0.8
        assert active_version(lib.db) == "v1"  # training alone changes nothing

        activate_version(lib, result.version)
        assert active_version(lib.db) == "v2"
        found = {Path(p.path).name for p in search_photos(lib.db, ["face"])}
        unseen_faces = {f"face{i:03d}.jpg" for i in range(6, FACES)}
        unseen_patches = {f"patch{i:03d}.jpg" for i in range(12, PATCHES)}
        assert len(found & unseen_faces) >= 0.8 * len(unseen_faces)
        assert len(found & unseen_patches) <= 0.2 * len(unseen_patches)
        assert {"chelsea.jpg", "coffee.jpg"}.isdisjoint(found)
        assert [v.version for v in list_versions(lib) if v.active] == ["v2"]


def test_a_tag_needs_a_handful_of_positives(template: Path) -> None:
    lib, pics = library_from(template)
    with lib:
        label_faces(lib, pics, positives=MIN_POSITIVES - 1, negatives=4)
        assert not next(t for t in training_overview(lib).tags if t.name == "face").trainable
        # Nothing else to learn: no version, and the reason (tests/test_train_waits_for_new_tag.py).
        with pytest.raises(NothingToLearn, match="'face' has 4"):
            train_candidate(lib)


def test_training_without_corrections_is_refused(template: Path) -> None:
    lib, _ = library_from(template)
    with lib, pytest.raises(NothingToLearn, match="no corrections"):
        train_candidate(lib)
