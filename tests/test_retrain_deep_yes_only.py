"""`train --deep` took no account of a tag taught from yes answers alone that nothing visual
tells apart: 'Places|Greece|Crete' written on a trip's random photos went onto more photos like
any tag (on det-photos, 8 such tags of 10 random photos each: 3-16 more photos each). The deep
fine-tune now checks it as the head path does (core/tag_threshold.YesOnlyCheck): its held-out
yes answers (the validation run's quarter) against the preview photos neither run trains on,
and the share of them its cut takes. A tag whose held-out yes answers score like those photos
takes none of them, and is recorded as staying on its own photos (what `train` says); one whose
yes answers score above them keeps its cut."""

from __future__ import annotations

import numpy as np

from phototagger.core.retrain_deep import DeepTrainer
from phototagger.core.tag_threshold import NOTHING_TAKEN
from phototagger.core.training_set import Labels
from phototagger.ml.heads import load_default_head
from phototagger.ml.trained_head import TrainedHead, from_default, grow

TAGS = ["Crete", "dogs"]
YES = 12  # yes answers per tag, no "no"
PREVIEW = 64


def _trained(
    yes_scores: dict[str, np.ndarray], preview: np.ndarray
) -> tuple[DeepTrainer, TrainedHead]:
    """A DeepTrainer after its validation run (the decoding and the CNN are not what is tested:
    its state is set directly, as tests/test_retrain_deep_thresholds.py does), each tag of TAGS
    taught from YES yes answers, then its final thresholds set."""
    base = from_default(load_default_head(), np.zeros(1280, np.float32), np.ones(1280, np.float32))
    head = grow(base, TAGS)
    n = YES * len(TAGS)
    by_photo = {i: {TAGS[i // YES]: True} for i in range(n)}
    trainer = DeepTrainer.__new__(DeepTrainer)
    trainer.ids = list(range(n))
    trainer.labels = Labels(by_photo, {}, {})
    trainer.touched = set(TAGS)
    trainer.examples = {t: {i for i in range(n) if TAGS[i // YES] == t} for t in TAGS}
    trainer.folder_of = {}  # photos in no folder: its answers are no whole folders
    trainer.folder_sizes = lambda folders: {}
    trainer.library_size = 1000
    trainer.start = head
    trainer.learned = {}
    trainer.parent_learned = {}  # both tags new in this run
    trainer._plain_cuts = {}  # so none is taken from `train` (DeepTrainer._plain_fit)
    trained = np.ones(n, bool)
    trained[np.arange(0, n, 4)] = False  # the held-out quarter
    scores = np.zeros((n, len(head.tags)), np.float32)
    for t, s in yes_scores.items():
        j = head.tags.index(t)
        rows = [i for i in range(n) if TAGS[i // YES] == t]
        scores[rows, j] = s
    trainer._validation = (trained, scores)
    trainer._weights = np.ones_like(scores)
    columns = np.zeros((PREVIEW, len(head.tags)), np.float32)
    for t in TAGS:
        columns[:, head.tags.index(t)] = preview
    trainer._validation_preview = columns
    trainer.preview_scores = columns  # the final run scores them as the validation run did
    final = grow(base, TAGS)
    trainer._set_thresholds(final)
    return trainer, final


def test_a_yes_only_tag_that_scores_like_other_photos_takes_none_of_them() -> None:
    rng = np.random.default_rng(0)
    preview = rng.uniform(0.0, 1.0, PREVIEW).astype(np.float32)
    trainer, final = _trained(
        {
            # Held out, Crete's yes answers score like any photo; the fitted ones high.
            "Crete": np.where(np.arange(YES) % 4 == 0, rng.uniform(0.0, 1.0, YES), 0.95),
            # A visual tag's held-out yes answers score above every preview photo.
            "dogs": np.full(YES, 0.999),
        },
        preview,
    )
    crete, dogs = (final.tags.index(t) for t in TAGS)
    assert final.tag_thresholds[crete] == np.float32(NOTHING_TAKEN)
    assert trainer.learned["Crete"].own_photos
    assert final.tag_thresholds[dogs] < 1.0
    # Recorded as spreading (words41: `train --deep` warns of its few "no", as `train` does).
    assert not trainer.learned["dogs"].own_photos
