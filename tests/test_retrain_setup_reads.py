"""A training's set-up reads the labelled photos' embeddings from the library's copy of them
(core/embedding_matrix.py), not from SQLite, computes its rows' 1000-class softmax once, however
many rows, and searches each fold's class set once: the same rows, bits and trained head."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest

from phototagger.core.embedding_matrix import embedding_matrix
from phototagger.core.library import Library, open_library
from phototagger.core.tag_learning import ConceptTrainer
from phototagger.core.training_set import Labels, label_index, targets_for
from phototagger.ml.blas_threads import one_blas_thread
from phototagger.ml.engine import BACKBONE_NAME
from phototagger.ml.heads import DefaultHead, load_default_head
from phototagger.ml.trained_head import (
    SCORE_CHUNK,
    TrainedHead,
    from_default,
    grow,
    standardisation,
)
from phototagger.paths import default_home
from phototagger.store import tags as tag_store
from phototagger.store.connection import transaction
from tests.store_helpers import embedded_photos

TAG = "grandma"


def _library(lib: Library, count: int, labelled: int, seed: int = 0) -> np.ndarray:
    """`count` photos with embeddings; the first `labelled` answered about TAG (a fifth yes,
    marked by a shift along 64 dimensions)."""
    rng = np.random.default_rng(seed)
    vectors = np.clip(rng.normal(0.4, 0.8, (count, 1280)), 0, 6).astype(np.float32)
    yes = rng.random(count) < 0.2
    vectors[np.ix_(yes, rng.choice(1280, 64, replace=False))] += 1.5
    ids = embedded_photos(lib.db, vectors)
    with transaction(lib.db):
        for pid, positive in zip(ids[:labelled], yes[:labelled], strict=True):
            (tag_store.add_user_tag if positive else tag_store.reject_tag)(lib.db, pid, TAG)
    return vectors


def _heads(vectors: np.ndarray) -> tuple[TrainedHead, TrainedHead]:
    """(parent, start) as a first training makes them: the default head, then TAG added."""
    parent = from_default(load_default_head(), *standardisation(vectors))
    return parent, grow(parent, [TAG])


def _trainer(lib: Library, vectors: np.ndarray, labels: Labels, copy: bool) -> ConceptTrainer:
    parent, start = _heads(vectors)
    cache = lib.home.embeddings_cache if copy else None
    with one_blas_thread():  # as train_candidate builds it
        return ConceptTrainer(lib.db, BACKBONE_NAME, start, parent, labels, 0, {TAG}, None, cache)


def _fit(trainer: ConceptTrainer, labels: Labels) -> tuple[TrainedHead, np.ndarray]:
    known = trainer.parent_scores.shape[1]  # the parent's tags come first (grow)
    parent_scores = np.zeros((len(trainer.ids), len(trainer.start.tags)), np.float32)
    parent_scores[:, :known] = trainer.parent_scores
    targets, weights = targets_for(
        trainer.start, set(trainer.start.tags[:known]), trainer.ids, labels, parent_scores
    )
    with one_blas_thread():
        head, scores, _ = trainer.fit(
            np.ones(len(trainer.ids), bool), targets, weights, lambda *_: True
        )
    return head, scores


def test_the_training_rows_come_from_the_copy_with_the_bits_sqlite_gives() -> None:
    with open_library(default_home()) as lib:
        vectors = _library(lib, 2500, 400)
        labels = label_index(lib.db, _heads(vectors)[0].tags)
        # The copy, as a scan's last step leaves it (a training makes it if it is missing).
        assert embedding_matrix(lib.db, BACKBONE_NAME, lib.home.embeddings_cache) is not None
        statements: list[str] = []
        lib.db.conn.set_trace_callback(statements.append)
        try:
            copied = _trainer(lib, vectors, labels, copy=True)
        finally:
            lib.db.conn.set_trace_callback(None)
        # No embedding blob was read: the rows came from the copy.
        assert not [s for s in statements if "vector" in s]
        read = _trainer(lib, vectors, labels, copy=False)  # from SQLite, as before
        assert copied.ids == read.ids
        assert len(read.ids) == 400 + 2100  # the labelled photos, then all unlabelled ones
        assert copied.embeddings.tobytes() == read.embeddings.tobytes()
        assert copied.library_size == read.library_size == 2500
        head, scores = _fit(copied, labels)
        before, before_scores = _fit(read, labels)
        for name in ("scale", "bias", "kernel", "tag_thresholds", "concepts"):
            assert np.asarray(getattr(head, name)).tobytes() == (
                np.asarray(getattr(before, name)).tobytes()
            ), name
        assert scores.tobytes() == before_scores.tobytes()


@pytest.mark.parametrize("labelled", [4300, 4193])  # last chunks of 108 and of 1 row
def test_more_rows_than_a_score_chunk_take_one_softmax_and_score_as_before(
    monkeypatch: pytest.MonkeyPatch, labelled: int
) -> None:
    with open_library(default_home()) as lib:
        vectors = _library(lib, 8300, labelled, seed=1)
        labels = label_index(lib.db, _heads(vectors)[0].tags)
        softmaxes: list[int] = []
        original = DefaultHead.imagenet_probabilities

        def counted(self: DefaultHead, embeddings: np.ndarray) -> Any:
            softmaxes.append(len(embeddings))
            return original(self, embeddings)

        monkeypatch.setattr(DefaultHead, "imagenet_probabilities", counted)
        trainer = _trainer(lib, vectors, labels, copy=True)
        rows = len(trainer.ids)
        assert rows == labelled + 4000 and rows > SCORE_CHUNK
        head, scores = _fit(trainer, labels)
        # The training rows' softmax once; a last chunk of a single row is its own product.
        last = rows - SCORE_CHUNK
        assert softmaxes == [rows] + ([1, 1] if last == 1 else [])
        monkeypatch.setattr(DefaultHead, "imagenet_probabilities", original)
        # What TrainedHead.scores gives, chunk by chunk: to the bit where BLAS rounds a row
        # alike wherever it sits in a product; within a few units in the last place where it
        # does not (OpenBLAS's Haswell kernels, on AMD EPYC: the one softmax over every row
        # against TrainedHead.scores' chunks).
        parent = _heads(vectors)[0]
        with one_blas_thread():
            expected_parent = parent.scores(trainer.embeddings, faces=trainer.faces)
            expected = head.scores(trainer.embeddings, faces=trainer.faces)
        assert trainer.parent_scores.shape == expected_parent.shape
        assert np.abs(trainer.parent_scores - expected_parent).max() <= 1e-6
        assert scores.shape == expected.shape
        assert np.abs(scores - expected).max() <= 1e-6


def test_each_folds_class_set_is_searched_once_per_fit(monkeypatch: pytest.MonkeyPatch) -> None:
    """The candidates "node", "own" and "faces+node" search a class set in the same folds of a
    tag's answers: the search (the fits' largest cost) runs once per fold, and "faces", which
    does not use it, runs none. The scores are those each search gives."""
    from phototagger.core import tag_learning

    with open_library(default_home()) as lib:
        vectors = _library(lib, 600, 400, seed=2)
        labels = label_index(lib.db, _heads(vectors)[0].tags)
        trainer = _trainer(lib, vectors, labels, copy=False)
        j = trainer.start.tags.index(TAG)
        rows = np.flatnonzero([TAG in labels.by_photo.get(p, {}) for p in trainer.ids])
        targets = np.zeros(len(trainer.ids))
        targets[rows] = [labels.by_photo[trainer.ids[i]][TAG] for i in rows]
        weights = np.zeros(len(trainer.ids))
        weights[rows] = 1.0
        others = np.setdiff1d(np.arange(len(trainer.ids)), rows)
        searched: list[int] = []  # a hash of each search's rows and answers
        original = tag_learning.fit_concept

        def counted(probs: np.ndarray, positive: np.ndarray, *args: Any) -> Any:
            searched.append(hash(probs.tobytes() + positive.tobytes()))
            return original(probs, positive, *args)

        monkeypatch.setattr(tag_learning, "fit_concept", counted)
        with one_blas_thread():
            scored = {
                search: trainer._out_of_fold(j, targets, weights, rows, None, others, search)
                for search in ("node", "own", "faces", "faces+node")
            }
        assert len(searched) == len(set(searched)) == tag_learning.FOLDS
        monkeypatch.setattr(tag_learning, "fit_concept", original)
        fresh = _trainer(lib, vectors, labels, copy=False)  # nothing remembered
        with one_blas_thread():
            for search in ("own", "faces+node"):
                again = fresh._out_of_fold(j, targets, weights, rows, None, others, search)
                assert [a.tobytes() for a in again] == [b.tobytes() for b in scored[search]]
