"""words41: what `train --deep` records of a tag the user invented, for `train`'s words
(core/retrain_deep.DeepTrainer._record), as the head path records it (core/tag_learning.py):

- taught from yes answers alone on a whole folder, a tag that goes on other photos had no
  record: `train --deep` said nothing of its few "no", nor that labelling a folder tags a
  folder's photos (`train` says both);
- one taught from yes answers and 4 "no" that tag_threshold itself cut to stay on its yes
  answers (held out, its yes answers under its "no"), whose yes answers stood out of the
  preview photos, had none either: it stayed on its yes answers, unsaid; so too one with 5
  "no" or more;
- one taught by whole folders with answers elsewhere that the run could not check, where no
  answer at all fell in the quarter it keeps out (no validation run), was said to have "held
  too few of the answers elsewhere out of its training".

The decoding and the CNN are not what is tested: the trainer's state after its validation run
is set directly, as tests/test_retrain_deep_yes_only.py sets it."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np

from phototagger.core.learned_words import NO_VALIDATION, UNCHECKED
from phototagger.core.no_answers import own_photos_only, own_photos_words, split_folders
from phototagger.core.retrain_deep import DeepTrainer
from phototagger.core.tag_threshold import NOTHING_TAKEN
from phototagger.core.training_set import Labels
from phototagger.ml.heads import load_default_head
from phototagger.ml.trained_head import TrainedHead, from_default, grow

TAG = "Crete trip"
PREVIEW = 64
UNANSWERED = 40


def _trainer(
    answers: dict[int, bool],
    folder_of: dict[int, str],
    sizes: Mapping[str, int],
    validation: tuple[np.ndarray, np.ndarray] | None,
    preview: np.ndarray,
) -> tuple[DeepTrainer, TrainedHead]:
    """A DeepTrainer after its validation run (`validation`: which rows it trained on, its
    scores of TAG per row; None: it made none), TAG answered `answers` (photo id -> yes) on the
    photos 0..N-1, the yes answers given as examples, each photo in its folder (`folder_of`,
    `sizes`: each folder's photos), UNANSWERED photos besides; then its final thresholds set."""
    base = from_default(load_default_head(), np.zeros(1280, np.float32), np.ones(1280, np.float32))
    head = grow(base, [TAG])
    j = head.tags.index(TAG)
    trainer = DeepTrainer.__new__(DeepTrainer)
    # The answered photos, then UNANSWERED photos (distilled: scored, not answered).
    trainer.ids = list(range(len(answers) + UNANSWERED))
    trainer.labels = Labels({p: {TAG: yes} for p, yes in answers.items()}, {}, {})
    trainer.touched = {TAG}
    trainer.examples = {TAG: {p for p, yes in answers.items() if yes}}
    trainer.folder_of = folder_of
    # Where `train` places no cut of its own (deep47): the validation run's rule is tested.
    trainer._head_path_cuts = lambda: {}  # type: ignore[method-assign]

    def folder_sizes(folders: Sequence[str]) -> Mapping[str, int]:
        return {f: sizes[f] for f in folders if f in sizes}

    trainer.folder_sizes = folder_sizes
    trainer.library_size = 1000
    trainer.start = head
    trainer.learned = {}
    trainer.parent_learned = {}  # a tag new in this run
    rows = len(trainer.ids)
    trainer._weights = np.ones((rows, len(head.tags)), np.float32)
    columns = np.zeros((PREVIEW, len(head.tags)), np.float32)
    columns[:, j] = preview
    trainer._validation_preview = columns
    trainer.preview_scores = columns  # the final run scores them as the validation run did
    trainer._validation = None
    if validation is not None:
        trained, column = validation
        scores = np.zeros((rows, len(head.tags)), np.float32)
        scores[: len(answers), j] = column
        scores[len(answers) :, j] = np.random.default_rng(2).uniform(0.0, 0.2, UNANSWERED)
        trainer._validation = (np.r_[trained, np.ones(UNANSWERED, bool)], scores)
    # Photos of every kind: no WordNet group fits them (_taught_by_folders' search).
    flat = np.full((rows, 1000), 1e-3, np.float32)
    trainer._imagenet_rows = (flat, flat.mean(axis=0))
    final = grow(base, [TAG])
    trainer._set_thresholds(final)
    return trainer, final


def _said(trainer: DeepTrainer, yes: int, no: int) -> str:
    """The note `train` makes of TAG's record (core/retrain.py's own_photos_folders)."""
    learned = {t: v.as_dict() for t, v in trainer.learned.items()}
    own = own_photos_only(learned, {TAG: yes})
    return own_photos_words(TAG, yes, no, split_folders(learned, own).get(TAG))


def test_a_yes_only_tag_on_a_whole_folder_that_spreads_keeps_its_folder() -> None:
    yes = 12
    held = np.arange(yes) % 4 == 0  # the held-out quarter
    rng = np.random.default_rng(0)
    trainer, final = _trainer(
        dict.fromkeys(range(yes), True),
        dict.fromkeys(range(yes), "/p/Music"),
        {"/p/Music": yes, "/p/Home": 80},
        (~held, np.full(yes, 0.999)),  # held out, its yes answers score above every photo
        rng.uniform(0.0, 1.0, PREVIEW).astype(np.float32),
    )
    assert final.tag_thresholds[final.tags.index(TAG)] < 1.0
    # Was: no record, so no few-"no" warning and no folder words.
    record = trainer.learned[TAG].as_dict()
    assert record == {
        "how": "examples",
        "label": "from your examples",
        "synsets": [],
        "answers_by_folder": {"yes": ["/p/Music"], "no": []},
    }, record


def test_a_yes_only_tag_cut_by_its_threshold_stays_told_by_its_folders() -> None:
    """12 yes on the whole of Crete, 4 "no" on the whole of a phone's folder (answers to
    review: not examples), 3 of each held out: held out, the yes answers score under the "no"
    ones, and tag_threshold cuts the tag to NOTHING_TAKEN; above every preview photo, they pass
    the yes-only check, which took it for a tag that spreads."""
    yes, no = 12, 4
    answers = {p: p < yes for p in range(yes + no)}
    held = np.zeros(yes + no, bool)
    held[[0, 4, 8, yes, yes + 1, yes + 2]] = True
    column = np.where(np.arange(yes + no) < yes, 0.3, 0.8)
    folder_of = {
        p: "/p/2024-07 Crete" if said else "/p/2025-05 phone" for p, said in answers.items()
    }
    trainer, final = _trainer(
        answers,
        folder_of,
        {"/p/2024-07 Crete": yes, "/p/2025-05 phone": no, "/p/Home": 80},
        (~held, column),
        np.random.default_rng(1).uniform(0.0, 0.2, PREVIEW).astype(np.float32),
    )
    assert final.tag_thresholds[final.tags.index(TAG)] == np.float32(NOTHING_TAKEN)
    # Was: no record (KeyError), so nothing said of a tag that stays on its yes answers.
    assert trainer.learned[TAG].own_photos
    assert trainer.learned[TAG].folders == (("/p/2024-07 Crete",), ("/p/2025-05 phone",))
    assert _said(trainer, yes, no) == (
        f"{TAG} stays on the 12 photos you said yes to: your yes answers are the whole of "
        "2024-07 Crete, and nothing the model sees tells them apart from your other photos; if "
        "it is something the pictures show, answer no on a few photos it should not have, then "
        "train again; if it is a trip, a place or an event, to tag another folder's photos, "
        "label that folder (in the app: pick the folder in the sidebar, select all, press T; or "
        "phototagger label FOLDER --add 'Crete trip')"
    )


def test_a_tag_taught_by_folders_checked_by_no_validation_run_says_so() -> None:
    """10 yes on the whole of Crete, 10 no on the whole of WhatsApp, 5 yes and 5 no on photos
    of Home: enough answers elsewhere to check, and no validation run to check them with."""
    answers = {p: p < 10 or 20 <= p < 25 for p in range(30)}
    folder_of = {
        p: "/p/Crete" if p < 10 else "/p/WhatsApp" if p < 20 else "/p/Home" for p in answers
    }
    trainer, final = _trainer(
        answers,
        folder_of,
        {"/p/Crete": 10, "/p/WhatsApp": 10, "/p/Home": 80},
        None,
        np.zeros(PREVIEW, np.float32),
    )
    assert final.tag_thresholds[final.tags.index(TAG)] == np.float32(NOTHING_TAKEN)
    record = trainer.learned[TAG].as_dict()["answers_by_folder"]
    assert record[UNCHECKED] and record[NO_VALIDATION], record
    said = _said(trainer, 15, 15)
    # Was: "... and the deep run held too few of the answers elsewhere out of its training to
    # check them (train without --deep checks them) ...": it held none out, of any tag.
    assert "held too few" not in said, said
    assert (
        "your yes answers are the whole of Crete and 5 photos elsewhere, your no answers the "
        "whole of WhatsApp and 5 photos elsewhere, and the deep run kept none of your answers "
        "out of its training to check them with (train without --deep checks them), so nothing "
        "but the folder tells them apart"
    ) in said, said


def test_a_tag_cut_by_its_threshold_stays_said_so() -> None:
    """10 yes and 10 "no" on photos in no folder of their own (answers one by one): held out,
    the yes answers score under the "no" ones, and tag_threshold cuts the tag to NOTHING_TAKEN.
    It stays on its yes answers, as on the head path, and `train --deep` now says so."""
    answers = {p: p < 10 for p in range(20)}
    held = np.isin(np.arange(20), [0, 4, 8, 10, 14, 18])
    trainer, final = _trainer(
        answers,
        dict.fromkeys(answers, "/p/Home"),
        {"/p/Home": 80},
        (~held, np.where(np.arange(20) < 10, 0.3, 0.8)),
        np.zeros(PREVIEW, np.float32),
    )
    assert final.tag_thresholds[final.tags.index(TAG)] == np.float32(NOTHING_TAKEN)
    # Was: no record (KeyError): nothing said of a tag that stays on its yes answers.
    assert trainer.learned[TAG].own_photos and trainer.learned[TAG].folders is None
    assert _said(trainer, 10, 10).startswith(
        f"{TAG} stays on the 10 photos you said yes to: nothing the model sees tells them apart "
        "from the 10 you said no to"
    )
