"""Retraining never overrides the user, does not forget untouched tags, and rolls back."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from phototagger.core.catalog import search_photos
from phototagger.core.jobs import Cancelled, CancelToken, Progress
from phototagger.core.labels import label_paths
from phototagger.core.model.activation import activate_version
from phototagger.core.model.active import active_version
from phototagger.core.model.tagger import load_head
from phototagger.core.retrain import train_candidate
from phototagger.ml.heads import load_default_head
from tests.retrain_helpers import label_faces, library_from
from tests.store_helpers import tag_states


def test_a_rejected_tag_is_never_suggested_again(template: Path) -> None:
    lib, pics = library_from(template)
    with lib:
        label_faces(lib, pics)
        label_paths(lib.db, [str(pics / "chelsea.jpg")], reject=["cat"])
        activate_version(lib, train_candidate(lib).version)
        assert tag_states(lib.db, pics / "chelsea.jpg")["cat"] == "rejected"
        cats = {Path(p.path).name for p in search_photos(lib.db, ["cat"])}
        assert cats == {"chelsea-copy.jpg"}  # the other cat photo is still a cat


def test_untouched_default_tags_behave_as_before(template: Path) -> None:
    lib, pics = library_from(template)
    with lib:
        before = {Path(p.path).name for p in search_photos(lib.db, ["animal"])}
        label_faces(lib, pics)
        activate_version(lib, train_candidate(lib).version)
        after = {Path(p.path).name for p in search_photos(lib.db, ["animal"])}
        assert after == before
        from phototagger.core.embeddings import embedded_chunks

        _, matrix = next(embedded_chunks(lib.db))
        old = load_default_head().scores(matrix)
        new = load_head(lib).scores(matrix)[:, : old.shape[1]]
        assert float(np.abs(new - old).mean()) < 0.05


def test_rolling_back_brings_the_old_tags_back(template: Path) -> None:
    lib, pics = library_from(template)
    with lib:
        label_faces(lib, pics)
        before = tag_states(lib.db, pics / "face020.jpg")
        activate_version(lib, train_candidate(lib).version)
        assert "face" in tag_states(lib.db, pics / "face020.jpg")
        activate_version(lib, "v1")
        assert active_version(lib.db) == "v1"
        assert tag_states(lib.db, pics / "face020.jpg") == before
        assert tag_states(lib.db, pics / "face000.jpg")["face"] == "added"  # the user's label stays
        activate_version(lib, "v2")  # and forward again
        assert "face" in tag_states(lib.db, pics / "face020.jpg")


def test_a_training_run_stopped_midway_leaves_everything_as_it_was(template: Path) -> None:
    lib, pics = library_from(template)
    with lib:
        label_faces(lib, pics)
        token = CancelToken()

        def stop_at_epoch_3(p: Progress) -> None:
            if p.phase == "training" and p.done >= 3:
                token.cancel()

        with pytest.raises(Cancelled):
            train_candidate(lib, progress=stop_at_epoch_3, cancel=token)
        assert lib.models.saved() == []
        assert active_version(lib.db) == "v1"


def test_an_activation_stopped_midway_changes_nothing(template: Path) -> None:
    lib, pics = library_from(template)
    with lib:
        label_faces(lib, pics)
        version = train_candidate(lib).version
        before = tag_states(lib.db, pics / "face020.jpg")
        token = CancelToken()
        token.cancel()
        with pytest.raises(Cancelled):
            activate_version(lib, version, cancel=token)
        assert active_version(lib.db) == "v1"
        assert tag_states(lib.db, pics / "face020.jpg") == before
