"""The review queue scores only the tag it asks about (TrainedHead.column_given), not every tag
of the model: the default head's scores of its 59 tags were a fifth of a queue at 100,000
photos, for a taught tag that reads none of them. Each tag's queue still gives, photo for
photo, the very confidence `scores TAG` gives (core/model/review.tag_scores), bit for bit,
whichever column of the model the tag is and whatever its score is made of."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest

from phototagger.core.job_end_copies import refresh_after_job
from phototagger.core.library import open_library
from phototagger.core.model.activation import activate_version
from phototagger.core.model.review import review_queue, tag_scores
from phototagger.core.model.tagger import load_head
from phototagger.ml.engine import BACKBONE_NAME
from phototagger.ml.face_base import PARAMETERS, FaceSignals
from phototagger.ml.heads import load_default_head
from phototagger.ml.registry import ModelVersions
from phototagger.ml.trained_head import TrainedHead, from_default, grow
from phototagger.paths import default_home
from phototagger.store import tags as tag_store
from tests.imagenet_photos import class_index
from tests.softmax_count import counted_rows
from tests.store_helpers import embedded_photos


def _moved_columns(vectors: np.ndarray) -> TrainedHead:
    """A version whose columns are not the default head's: its default tags in reverse order
    (tag j reads the default head's column base_index[j], not j), 'dog' and 'food' corrected by
    the embeddings, 'cat' as the default head scores it, then 'cats' (its classes' mass alone:
    no correction), 'sunsets' (its classes' mass, corrected) and 'portraits' (the face
    detector's findings, corrected)."""
    rng = np.random.default_rng(7)
    default = load_default_head()
    mean = vectors.mean(axis=0).astype(np.float32)
    std = np.maximum(vectors.std(axis=0), 1e-3).astype(np.float32)
    base = from_default(default, mean, std)
    order = np.arange(len(default.tag_names))[::-1].copy()
    base = dataclasses.replace(
        base,
        version="v2",
        tags=[base.tags[i] for i in order],
        base_index=order,
        tag_thresholds=base.tag_thresholds[order].copy(),
    )
    head = grow(base, ["cats", "sunsets", "portraits"])
    scale, bias, kernel = head.scale.copy(), head.bias.copy(), head.kernel.copy()
    for name in ("dog", "food"):
        j = head.tags.index(name)
        scale[j], bias[j] = 0.8, 0.3
        kernel[:, j] = rng.normal(0, 0.02, 1280)
    concepts = np.zeros((1000, len(head.tags)), np.float32)
    for name in ("Persian cat", "tabby", "tiger cat", "Egyptian cat"):
        concepts[class_index(name), -3] = 1.0 if name == "Persian cat" else 0.2
    for name in ("seashore", "lakeside", "volcano"):
        concepts[class_index(name), -2] = 1.0
    faces = np.zeros((len(head.tags), PARAMETERS), np.float32)
    faces[-1] = rng.normal(0, 1, PARAMETERS)
    scale[-3:], bias[-3:] = 1.0, (0.0, -0.5, 0.2)
    kernel[:, -2:] = rng.normal(0, 0.02, (1280, 2))
    thresholds = head.tag_thresholds.copy()
    thresholds[-3:] = 0.05
    return dataclasses.replace(
        head,
        scale=scale,
        bias=bias,
        kernel=kernel,
        concepts=concepts,
        faces=faces,
        tag_thresholds=thresholds,
    )


def test_a_tags_column_alone_is_its_column_of_every_tags_scores() -> None:
    """column_given(j) is scores_given's column j, bit for bit, for every kind of column."""
    rng = np.random.default_rng(1)
    vectors = np.clip(rng.normal(0.4, 0.8, (300, 1280)), 0, 6).astype(np.float32)
    head = _moved_columns(vectors)
    probs = head.base.imagenet_probabilities(vectors)
    found = [(n, 0.1 * n, 0.9) if i % 3 else None for i, n in enumerate(rng.integers(0, 3, 300))]
    for faces in (None, FaceSignals.from_summaries(found)):
        every = head.scores_given(vectors, probs=probs, faces=faces)
        for j in range(len(head.tag_names)):
            alone = head.column_given(vectors, j, probs=probs, faces=faces)
            assert alone.tobytes() == every[:, j].tobytes(), head.tag_names[j]
        # Without the probabilities given, as scores_given computes them.
        j = head.tag_names.index("sunsets")
        alone = head.column_given(vectors, j, faces=faces)
        assert alone.tobytes() == head.scores_given(vectors, faces=faces)[:, j].tobytes()


def test_each_tags_queue_gives_the_confidences_scores_gives(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    with open_library(default_home()) as lib:
        rng = np.random.default_rng(0)
        # One page (probability_matrix.PAGE) of photos: the queue scores the library a page at
        # a time, `scores` 4096 photos at a time, and a matrix product's last bit depends on
        # how many rows it has too.
        vectors = np.clip(rng.normal(0.4, 0.8, (1000, 1280)), 0, 6).astype(np.float32)
        ids = embedded_photos(lib.db, vectors)
        ModelVersions(lib.home.model_versions).save(
            _moved_columns(vectors), {"parent": "v1", "created_at": "2026-01-01T00:00:00"}
        )
        activate_version(lib, "v2")
        head = load_head(lib)
        assert isinstance(head, TrainedHead)
        for pid in ids[:5]:
            tag_store.reject_tag(lib.db, pid, "cats")
        tag_store.add_user_tag(lib.db, ids[5], "dog")
        refresh_after_job(lib, [BACKBONE_NAME])  # the probabilities' copy the queue reads

        checked = {}
        for tag in ("dog", "food", "cat", "cats", "sunsets", "portraits"):
            j = head.tag_names.index(tag)
            assert j not in (0, head.base_index[j])  # neither the first column nor its base's
            queue = review_queue(lib, tag, limit=50)
            scores = dict(tag_scores(lib, tag))
            assert len(queue) == 50
            assert [i.confidence for i in queue] == [scores[i.photo_id] for i in queue], tag
            checked[tag] = len({i.confidence for i in queue})
        # Confidences that differ from photo to photo: a few alike would prove little.
        assert all(different > 40 for different in checked.values()), checked

        scored = counted_rows(monkeypatch, "scores_from_probabilities")
        # A taught tag's queue reads none of the default head's scores of the library: only
        # those of the 5 photos answered "no" to it (what its unseen line asks about, by the
        # version they were answered under: review._unseen_turns).
        assert len(review_queue(lib, "cats", limit=50)) == 50
        assert scored == [5]
        # A default tag's reads them (its score is one of them), once a page.
        scored.clear()
        assert len(review_queue(lib, "dog", limit=50)) == 50
        assert scored == [1000]
