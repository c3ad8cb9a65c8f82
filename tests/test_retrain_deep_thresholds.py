"""The deep fine-tune takes a touched tag's threshold from the validation run's held-out scores,
never from the photos the final fit trained on, and leaves untouched tags' thresholds alone."""

from __future__ import annotations

import numpy as np
import pytest

from phototagger.core.retrain_deep import DeepTrainer
from phototagger.core.tag_threshold import MOSTLY_RIGHT, tag_threshold
from phototagger.core.training_set import Labels
from phototagger.ml.heads import load_default_head
from phototagger.ml.selection_aware import fit_library_calibration
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
    trainer.parent_learned = {}  # a tag new in this run
    # Where `train` places no cut of its own from these answers (deep47: a tag it keeps on
    # its yes answers, or one with fewer than 5 yes or 5 no): the validation run's is tested.
    trainer._head_path_cuts = lambda: {}  # type: ignore[method-assign]
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


def test_a_cut_between_two_sampled_photos_goes_where_a_photo_is_likelier_yes_than_not() -> None:
    """The deep run scores a few dozen photos without an answer, each standing for ~14 of a
    library of 1,000. "hoofed animals" (det-photos, 10 yes + 10 no then 4 yes + 5 no more;
    these are that run's held-out scores, rounded) was cut halfway between the sampled photos
    at 0.113 and 0.984, at 0.548, and the library's seals, carts and a cat scored between them
    were tagged. The calibration the cut came from says a photo is likelier the tag's than not
    from about 0.9 up: the cut goes there, and a photo scored 0.75 is not tagged."""
    base = from_default(load_default_head(), np.zeros(1280, np.float32), np.ones(1280, np.float32))
    head = grow(base, ["rex"])
    j = head.tags.index("rex")
    said = [0.738, 0.999, 1.0, 0.004, 0.02, 0.042, 0.059, 0.23, 0.651]
    positive = np.arange(len(said)) < 3
    free = np.r_[np.zeros(22), np.full(15, 0.001), np.full(14, 0.004), np.full(15, 0.012)]
    free = np.r_[free, 0.046, 0.055, 0.113, 0.984, 1.0]  # 71, as that run's
    labels = Labels({i: {"rex": bool(positive[i])} for i in range(len(said))}, {}, {})
    scores = np.zeros((len(said) + len(free), len(head.tags)), np.float32)
    scores[:, j] = np.r_[said, free]
    trained = np.zeros(len(scores), bool)  # every answer held out of the validation run
    trainer = _trainer(scores, trained, labels, head)
    trainer.examples = {"rex": {0, 3, 4, 5, 6, 7, 8}}  # two yes from review, as that run's
    final = grow(base, ["rex"])
    trainer._set_thresholds(final)

    calibration = fit_library_calibration(
        scores[: len(said), j],
        positive,
        np.isin(np.arange(len(said)), [0, 3, 4, 5, 6, 7, 8]),
        scores[len(said) :, j],
        (1000 - len(said)) / len(free),
    )
    assert calibration is not None
    likelier = calibration.score_at(MOSTLY_RIGHT)
    assert likelier is not None and 0.113 < likelier < 0.984
    assert final.tag_thresholds[j] == pytest.approx(likelier, abs=1e-6)
    assert final.tag_thresholds[j] > 0.75  # it was 0.548: halfway across the gap


def test_a_tag_its_parent_cut_keeps_that_cut_where_too_few_answers_were_held_out() -> None:
    """ "vehicles" (det-photos, 10 yes and 10 no, `train`, then a "no" on an ox and `train
    --deep`): the validation run held out too few of its 21 answers, and it was cut at 0.808,
    its yes answers' weight undone (4.2 / 5.2), under the 0.842 its parent's `train` placed on
    held-out scores: 75 unanswered photos tagged, 25 wrong. It keeps its parent's cut now; a
    tag new in this run, with no cut of its parent's, is cut as before."""
    base = from_default(load_default_head(), np.zeros(1280, np.float32), np.ones(1280, np.float32))
    head = grow(base, ["rex"])
    j = head.tags.index("rex")
    head.tag_thresholds[j] = 0.842
    positive = np.arange(21) < 10
    labels = Labels({i: {"rex": bool(positive[i])} for i in range(21)}, {}, {})
    scores = np.zeros((21 + 64, len(head.tags)), np.float32)
    trained = np.ones(len(scores), bool)
    trained[[0, 1, 10, 11, 12]] = False  # 2 yes held out: too few to place a cut
    weights = np.ones_like(scores)
    weights[:10, j] = 4.2

    cuts = []
    for learned in ({}, {"rex": {"how": "node", "label": "like WordNet 'vehicle'"}}):
        trainer = _trainer(scores, trained, labels, head)
        trainer._weights = weights
        trainer.parent_learned = learned
        final = grow(base, ["rex"])
        trainer._set_thresholds(final)
        cuts.append(float(final.tag_thresholds[j]))
    assert cuts[0] == pytest.approx(4.2 / 5.2, abs=1e-6)  # new in this run: as before
    assert cuts[1] == pytest.approx(0.842, abs=1e-6)  # its parent's
