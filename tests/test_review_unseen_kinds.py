"""The review queue's line of kinds no answer showed: a photo the tag scores near 0 whose
likeliest class WordNet puts beside the tag's own, on a real library with the real model."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import numpy as np
import pytest

from phototagger.core.labels import label_paths
from phototagger.core.library import Library
from phototagger.core.model.activation import activate_version
from phototagger.core.model.review import review_queue
from phototagger.core.model.tagger import load_head
from phototagger.core.model.unseen_kinds import neighbour_weights, scores_and_unseen_kinds
from phototagger.core.review_mix import mixed_order
from phototagger.core.training_set import embeddings_of
from phototagger.ml.engine import BACKBONE_NAME
from phototagger.ml.heads import load_default_head
from phototagger.ml.registry import ModelVersions
from phototagger.ml.trained_head import TrainedHead, from_default, grow
from phototagger.store.tags import decided_photo_ids
from tests.imagenet_photos import class_index
from tests.retrain_helpers import library_from

pytestmark = pytest.mark.model  # runs the real network: full tier only


def _taught(lib: Library, tag: str, classes: dict[str, float]) -> TrainedHead:
    """Activate a version v2 whose new `tag` is the mass of `classes` (as a taught tag whose
    examples showed only those), threshold 0.5."""
    default = load_default_head()
    base = from_default(default, np.zeros(1280, np.float32), np.ones(1280, np.float32))
    head = grow(dataclasses.replace(base, version="v2"), [tag])
    concepts = np.zeros((1000, len(head.tags)), np.float32)
    for name, weight in classes.items():
        concepts[class_index(name), -1] = weight
    scale, bias, thresholds = head.scale.copy(), head.bias.copy(), head.tag_thresholds.copy()
    scale[-1], bias[-1], thresholds[-1] = 1.0, 0.0, 0.5
    head = dataclasses.replace(
        head, concepts=concepts, scale=scale, bias=bias, tag_thresholds=thresholds
    )
    ModelVersions(lib.home.model_versions).save(
        head, {"parent": "v1", "created_at": "2026-01-01T00:00:00"}
    )
    activate_version(lib, "v2")
    loaded = load_head(lib)
    assert isinstance(loaded, TrainedHead)
    return loaded


def test_a_cat_no_answer_showed_is_offered_once_until_a_rejection_says_otherwise(
    template: Path,
) -> None:
    lib, pics = library_from(template)
    with lib:
        # A tag whose examples were all Persian cats: the tabby in chelsea.jpg (and its copy)
        # scores near 0, like the faces, the patches and the coffee cup.
        head = _taught(lib, "cats", {"Persian cat": 1.0})
        j = head.tags.index("cats")
        weights = neighbour_weights(lib, head, j)
        assert weights is not None
        assert weights[class_index("Persian cat")] == 0.0  # the tag weighs it already
        assert weights[class_index("tabby")] > 0.15 and weights[class_index("coffee mug")] == 0.0
        scored, unseen = scores_and_unseen_kinds(lib, head, j, weights, set())
        path_of = {q.photo_id: Path(q.path).name for q in review_queue(lib, "cats", limit=60)}
        assert len(scored) == len(path_of)  # every embedded photo, none decided yet
        cats = {pid for pid, name in path_of.items() if name.startswith("chelsea")}
        assert len(cats) == 2 and all(conf < 0.5 for pid, conf in scored if pid in cats)
        # At most one photo per kind, and only cats (no face, patch or cup).
        assert unseen and {p for p, _ in unseen} <= cats

        # The queue holds it among its first lines, stays the same until answered ...
        queue = [q.photo_id for q in review_queue(lib, "cats", limit=4)]
        assert unseen[0][0] in queue
        assert [q.photo_id for q in review_queue(lib, "cats", limit=4)] == queue
        threshold = float(head.thresholds[j])
        assert queue == [p for p, _ in mixed_order(scored, threshold, 4, unseen)]

        # ... and once the user says this cat is not one of their "cats", the kind it shows
        # most is no longer lent any weight, and no answered photo comes back.
        first = unseen[0][0]
        label_paths(lib.db, [str(pics / path_of[first])], reject=["cats"])
        _, emb = embeddings_of(lib.db, [first], BACKBONE_NAME)
        shown = int(np.argmax(head.base.imagenet_probabilities(emb)[0]))
        assert weights[shown] > 0
        after = neighbour_weights(lib, head, j)
        assert after is None or after[shown] == 0.0
        again = [q.photo_id for q in review_queue(lib, "cats", limit=60)]
        assert first not in again and first in decided_photo_ids(lib.db, "cats")
