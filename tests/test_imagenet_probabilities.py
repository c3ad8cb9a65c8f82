"""The default head's ImageNet probabilities, computed in place for speed, are bit for bit the
textbook softmax (fresh arrays at each step): every cached score and stored confidence was
computed one way or the other."""

from __future__ import annotations

import numpy as np

from phototagger.ml.heads import load_default_head, softmax


def _textbook(logits: np.ndarray) -> np.ndarray:
    shifted = logits - logits.max(axis=1, keepdims=True)
    exp = np.exp(shifted)
    return exp / exp.sum(axis=1, keepdims=True)


def test_in_place_probabilities_are_the_textbook_softmax() -> None:
    head = load_default_head()
    rng = np.random.default_rng(7)
    vectors = np.clip(rng.normal(0.4, 0.8, (1500, 1280)), 0, 6).astype(np.float16)
    for rows in (slice(0, 1), slice(3, 1027), slice(1027, 1500)):
        page = vectors[rows].astype(np.float32)
        page.setflags(write=False)  # as a page of the memory-mapped copy is
        expected = _textbook(page.astype(np.float32) @ head.kernel + head.bias)
        assert head.imagenet_probabilities(page).tobytes() == expected.tobytes()
        assert head.imagenet_probabilities(vectors[rows]).tobytes() == expected.tobytes()
        logits = page @ head.kernel
        assert softmax(logits).tobytes() == _textbook(logits).tobytes()


def test_a_taught_tags_scores_do_not_depend_on_blas_threads() -> None:
    """TrainedHead._base computes a taught tag's class-set mass on one thread (on a busy
    machine the threads mostly waited): a page's scores are then the same bits whatever the
    number of threads numpy's BLAS may use (split over 4, some rows of a 952-row page came
    out different in the last bit)."""
    from dataclasses import replace

    from threadpoolctl import threadpool_limits

    from phototagger.ml.trained_head import from_default, grow, standardisation

    default = load_default_head()
    rng = np.random.default_rng(8)
    vectors = np.clip(rng.normal(0.4, 0.8, (3000, 1280)), 0, 6).astype(np.float32)
    head = grow(from_default(default, *standardisation(vectors)), ["a", "b", "c", "d"])
    sets = np.zeros((1000, len(head.tags)), np.float32)
    sets[:, -4:] = rng.random((1000, 4)) < 0.05
    sets[:, -1] *= rng.random(1000).astype(np.float32)  # weighted classes (core/class_weights.py)
    head = replace(head, concepts=sets, scale=np.ones(len(head.tags), np.float32))
    assert head.concept_columns().sum() == 4
    for rows in (slice(0, 1024), slice(2048, 3000)):
        # The page's probabilities computed once: numpy's own product over 1,000 classes may
        # round differently with the number of threads (OpenBLAS's Haswell kernels, on AMD
        # EPYC), and a scan stores them once; what is checked is what the head does with them.
        probs = default.imagenet_probabilities(vectors[rows])
        scored = []
        for threads in (4, 2, 1):
            with threadpool_limits(limits=threads, user_api="blas"):
                scored.append(head.scores_given(vectors[rows], probs=probs)[:, -4:])
        assert all(s.tobytes() == scored[0].tobytes() for s in scored)


def test_scores_from_the_rows_softmax_are_scores() -> None:
    """A training computes its rows' softmax once and scores every version from it
    (core/tag_learning.ConceptTrainer._scores): the bits of TrainedHead.scores."""
    from dataclasses import replace

    from phototagger.ml.trained_head import from_default, grow, standardisation

    default = load_default_head()
    rng = np.random.default_rng(9)
    rows = np.clip(rng.normal(0.4, 0.8, (4280, 1280)), 0, 6).astype(np.float32)
    head = grow(from_default(default, *standardisation(rows)), ["a", "b"])
    sets = np.zeros((1000, len(head.tags)), np.float32)
    sets[:, -2:] = rng.random((1000, 2)) < 0.05
    kernel = head.kernel + rng.normal(0, 0.01, head.kernel.shape).astype(np.float32)
    head = replace(head, concepts=sets, kernel=kernel, scale=np.ones(len(head.tags), np.float32))
    probs = default.imagenet_probabilities(rows)
    assert head.scores_given(rows, probs=probs).tobytes() == head.scores(rows).tobytes()
