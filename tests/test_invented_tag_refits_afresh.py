"""A tag the user invented, touched again, is refitted from its labels: a version trained from
a parent that knew it scores it exactly as one trained afresh from the same labels. Distilling it
to its previous fit kept that fit's mistakes after the class set changed."""

from __future__ import annotations

import shutil
from pathlib import Path

import numpy as np
import pytest

from phototagger.core.labels import label_paths
from phototagger.core.library import Library, open_library
from phototagger.core.model.activation import activate_version
from phototagger.core.model.tagger import load_head
from phototagger.core.retrain import train_candidate
from phototagger.core.training_set import embeddings_of
from phototagger.ml.engine import BACKBONE_NAME
from phototagger.paths import LibraryHome
from tests.retrain_helpers import label_faces, library_from

pytestmark = pytest.mark.model  # runs the real network: full tier only


def _more_answers(lib: Library, pics: Path) -> None:
    label_paths(lib.db, [str(pics / f"face{i:03d}.jpg") for i in (14, 15)], add=["face"])
    label_paths(lib.db, [str(pics / "chelsea.jpg"), str(pics / "coffee.jpg")], reject=["face"])


def _face_scores(lib: Library, version: str) -> np.ndarray:
    _, emb = embeddings_of(lib.db, None, BACKBONE_NAME)
    head = load_head(lib, version)
    return np.asarray(head.scores(emb)[:, list(head.tag_names).index("face")])


def test_a_retrained_new_tag_scores_as_if_learned_afresh(template: Path, tmp_path: Path) -> None:
    lib, pics = library_from(template)
    with lib:
        label_faces(lib, pics, positives=8, negatives=10)
        activate_version(lib, train_candidate(lib).version)
        _more_answers(lib, pics)
        again = train_candidate(lib).version  # from a parent that learned "face"
        assert lib.models.record(again).parent != "v1"
        retrained = _face_scores(lib, again)

    shutil.copytree(template / "home", tmp_path / "fresh")
    with open_library(LibraryHome.under(tmp_path / "fresh")) as fresh:
        label_faces(fresh, pics, positives=8, negatives=10)
        _more_answers(fresh, pics)
        first = train_candidate(fresh).version  # from v1, which never knew "face"
        assert fresh.models.record(first).parent == "v1"
        afresh = _face_scores(fresh, first)

    assert np.allclose(retrained, afresh, rtol=1e-5, atol=1e-6)
