"""The deep fine-tune takes a touched tag's threshold from the validation run's held-out scores,
never from the photos the final fit trained on, and leaves untouched tags' thresholds alone."""

from __future__ import annotations

import numpy as np

from phototagger.core.retrain_deep import DeepTrainer
from phototagger.core.tag_threshold import tag_threshold
from phototagger.core.training_set import Labels
from phototagger.ml.heads import load_default_head
from phototagger.ml.trained_head import from_default, grow


def _trainer(scores: np.ndarray, trained: np.ndarray, labels: Labels, head: object) -> DeepTrainer:
    # The decoding and the CNN are not what is tested: the trainer's state after its
    # validation run is set directly.
    trainer = DeepTrainer.__new__(DeepTrainer)
    trainer.ids = list(range(len(scores)))
    trainer.labels = labels
    trainer.touched = {"rex"}
    trainer.examples = {"rex": set(labels.by_photo)}
    trainer.library_size = 1000
    trainer.start = head  # type: ignore[assignment]
    trainer._validation = (trained, scores)
    trainer._weights = np.ones_like(scores)
    # No folders known: the rule for tags taught by folders (deep38) does not apply.
    trainer.folder_of = {}
    trainer.folder_sizes = lambda folders: {}
    return trainer


def test_the_threshold_comes_from_held_out_rows_only() -> None:
    base = from_default(load_default_head(), np.zeros(1280, np.float32), np.ones(1280, np.float32))
    head = grow(base, ["rex"])
    j = head.tags.index("rex")
    rng = np.random.default_rng(0)
    n_labelled, n_free = 80, 200
    positive = np.arange(n_labelled) < 20
    labels = Labels({i: {"rex": bool(positive[i])} for i in range(n_labelled)}, {}, {})
    trained = np.ones(n_labelled + n_free, bool)
    trained[np.arange(0, n_labelled, 4)] = False  # the held-out quarter
    scores = np.zeros((n_labelled + n_free, len(head.tags)), np.float32)
    # Rows the validation run trained on look perfectly separated; held-out rows overlap.
    column = np.where(positive, 0.99, 0.01)
    held = ~trained[:n_labelled]
    column[held] = np.where(positive[held], rng.uniform(0.3, 0.9, held.sum()), 0.01)
    column[held & ~positive] = rng.uniform(0.05, 0.6, (held & ~positive).sum())
    scores[:n_labelled, j] = column
    scores[n_labelled:, j] = rng.uniform(0.0, 1.0, n_free)
    trainer = _trainer(scores, trained, labels, head)
    final = grow(base, ["rex"])
    trainer._set_thresholds(final)

    expected = tag_threshold(
        0.5,
        False,
        positive[held],
        np.ones(held.sum()),
        (column[held], scores[n_labelled:, j]),
        1000 - n_labelled,
        np.ones(held.sum(), bool),
    )
    assert final.tag_thresholds[j] == np.float32(expected)
    on_trained = tag_threshold(
        0.5,
        False,
        positive[~held],
        np.ones((~held).sum()),
        (column[~held], scores[n_labelled:, j]),
        1000 - n_labelled,
        np.ones((~held).sum(), bool),
    )
    assert abs(expected - on_trained) > 0.01  # the two readings differ: the test can tell
    assert np.array_equal(final.tag_thresholds[:j], base.tag_thresholds)
