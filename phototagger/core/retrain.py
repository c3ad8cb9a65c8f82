"""Retraining from the user's corrections: a new model version, validated against the old one.

What a version learns from (the rules, documented here because they decide what users get):
- Positives: tags the user added or accepted. Negatives: tags the user rejected, on any photo
  in the library. A photo out of it (its folder removed from the library, its file gone at a
  rescan, moved to the trash) keeps its decisions but teaches nothing, and is not counted, until
  it comes back: it is in no grid, count or search (store/tags.user_decisions).
- A photo without a decision about a tag is unknown for that tag (weight 0 in the loss), with two
  documented exceptions:
  * Distillation: for tags the parent version already knows, unlabelled photos keep the parent's
    confidence as a soft target (weight DISTILL_WEIGHT), so tags the user never corrected behave as
    before.
  * Weak negatives: for a tag the user invented and the parent does not know yet, unlabelled photos
    count as negatives with a small weight (WEAK_NEGATIVE_WEIGHT). People label the photos that
    have a new tag, seldom the thousands that do not; without this, a tag with only positives
    would be learned as "everything".
- A tag the user invented becomes a model output once it has MIN_POSITIVES positives. Its base is
  the WordNet class set that best explains its labels, the face detector's findings (for a tag
  about people; photos the detector has not looked at are unknown, not faceless), or none ("from
  your examples"); see core/concepts.py, core/face_concepts.py and core/tag_learning.py.
- Only tags with new decisions (their decisions' fingerprint differs from the parent's) are
  fitted; every other tag keeps its parent's weights and threshold bit for bit.
- Thresholds are never calibrated on rows just fitted: out-of-fold scores (the deep fine-tune:
  the validation run's held-out scores) and the library's unlabelled photos give an expected
  F0.5 per cut (precision first); with too few labels, a new tag's probability is corrected for
  the weight its positives were given, a known tag keeps its.
- A tag the default tagger has is corrected only with CALIBRATE_MIN yes and CALIBRATE_MIN no
  answers (core/tag_learning.py); with fewer it stays as it was, bit for bit. A run whose only
  new decisions are on such tags would save its parent under a new name: `train` refuses it and
  says what each tag still needs (core/new_tag_wait.py), as it does for new tags short of
  MIN_POSITIVES photos. Labels are not a random sample:
  examples (given before any version knew the tag) sample each class, answers given once the
  model scored the tag (review, suggestions) were chosen by score; each version records which
  were examples, and P(yes | score) is fitted knowing how each was chosen (ml/selection_aware.py).
- Validation: a fixed quarter of the labelled photos (by photo id) is held out. A version trained
  without them is compared with the active one on them, per tag; the saved version is then trained
  on all labels. The active version was trained on all of the labels of its day, held-out ones
  included: answers it learned from (given by the time it was made, on a tag it learned) are
  left out of the comparison, and the summary says how many; with none left, it says nothing can
  be compared yet. Before anything is applied, the library's photos are scored by the changed tags:
  per tag, how many the new version adds and removes, and whether it would tag more photos than
  the labels' share of yes answers suggests (core/version_diff.py).
"""

from __future__ import annotations

import time
from collections.abc import Mapping, Sequence
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any, Protocol

import numpy as np

from phototagger.core.embedding_matrix import leading_embeddings
from phototagger.core.errors import NothingToLearn
from phototagger.core.few_photos import few_photos, queue_settled
from phototagger.core.jobs import Cancelled, CancelToken, Progress, ProgressCallback
from phototagger.core.kept_off import with_kept_off
from phototagger.core.learned_cover import add_named_cover
from phototagger.core.learned_words import KEPT, kept_unchanged
from phototagger.core.library import Library
from phototagger.core.model.active import active_version, threshold_overrides
from phototagger.core.model.tagger import load_head
from phototagger.core.new_tag_wait import (
    detector_answered,
    from_files_only,
    nothing_new_message,
    out_of_library_note,
    short_of_answers,
    unread_note,
    waiting_tags,
)
from phototagger.core.no_answers import few_no_answers, own_photos_only, split_folders
from phototagger.core.scan_lock import model_lock
from phototagger.core.tag_admin import shown_name, tag_changes
from phototagger.core.tag_learning import (
    ConceptTrainer,
    Stopped,
    example_labels,
    label_digests,
    touched_tags,
)
from phototagger.core.tag_map import column_map, remap_record, remap_trained, without_columns
from phototagger.core.training_set import (
    DISTILL_WEIGHT,
    MIN_POSITIVES,
    Labels,
    embeddings_of,
    held_out,
    label_index,
    targets_for,
)
from phototagger.core.validation import (
    FEW_HELD_OUT,
    Scored,
    TagComparison,
    calibrate,
    compare,
    headline,
    headline_words,
    learned_by_old,
    not_compared_why,
    verdict,
    yes_found,
)
from phototagger.core.version_diff import (
    TagChange,
    base_rate_notes,
    library_changes,
    lost_unanswered,
    sampled_changes,
)
from phototagger.core.wording import counted, listed
from phototagger.ml import registry
from phototagger.ml.blas_threads import one_blas_thread
from phototagger.ml.engine import BACKBONE_NAME
from phototagger.ml.heads import DEFAULT_VERSION, DefaultHead, load_default_head
from phototagger.ml.model_version import ModelVersion
from phototagger.ml.trained_head import (
    TrainedHead,
    as_default_columns,
    from_default,
    learned_columns,
    standardisation,
)
from phototagger.ml.version_check import DamagedModelError
from phototagger.store.records import utc_now
from phototagger.store.states import TagOrigin
from phototagger.store.tags import (
    accepted_counts,
    all_tags,
    decided_by,
    decided_tags,
    decision_mark,
    decisions_by_kind,
    file_keyword_tags,
    last_answered,
    name_key,
)

if TYPE_CHECKING:
    import sqlite_utils

__all__ = [
    "MIN_POSITIVES",
    "TagComparison",
    "TagLabelCount",
    "TrainingOverview",
    "TrainingResult",
    "train_candidate",
    "training_overview",
]


# The first of a training's two runs: trained without the answers kept out, tested on them.
TRIAL_RUN = "trial run, to test it on answers kept out"
# In a run's counts: per tag kept as the parent kept it, not learned again, the parent's label.
KEPT_CARRIED = "kept_carried"


@dataclass(frozen=True)
class TagLabelCount:
    name: str
    positives: int
    negatives: int
    trainable: bool  # a tag the model can learn or correct from its decisions now
    # The active version saw every decision about it (a tag it has: learned from them all).
    learned: bool = False
    # A tag of the default tagger short of the answers a correction needs: (more yes, more no).
    more_answers: tuple[int, int] | None = None
    # A tag of the face detector: the answers stay on their photos; the tagger does not learn it.
    detector: bool = False
    # Every decision about it is a keyword read from the photos' files: none made in the app.
    from_files: bool = False
    # When the user last answered about it in phototagger (store.tags.last_answered; the
    # larger, the later): the tag they are working on, first among tags as near to learnable.
    last_answered: tuple[int, str] = (-1, "")
    # Some of its yes answers are keywords read from the photos' files since the active version
    # was trained (training takes them as yes answers alike): the Train page says whether this
    # training learns from any of them.
    keywords: bool = False


@dataclass(frozen=True)
class TakenBack:
    """The tags a version learned (its columns changed by answers: learned_columns) of which
    no answer is in the library now: learned_then_taken_back."""

    # Every answer taken back (Ctrl+Z, `label --remove`): the next version undoes what was
    # learned of them (_undo_taken_back).
    tags: tuple[str, ...] = ()
    # Of them, the default tagger's (the rest are the user's own): scored as it does again.
    stock: tuple[str, ...] = ()
    # Their answers stored but on photos out of the library (a folder removed, files gone):
    # kept as the version has them, learned from again once the photos are back.
    out_of_library: tuple[str, ...] = ()

    @classmethod
    def from_counts(cls, counts: Mapping[str, Any]) -> TakenBack:
        """As a run's counts["taken_back"] (`train --json`) has it."""
        taken = counts.get("taken_back") or {}
        return cls(
            *(
                tuple(str(t) for t in taken.get(key) or ())
                for key in ("tags", "stock", "out_of_library")
            )
        )

    def as_dict(self) -> dict[str, list[str]]:
        return {
            "tags": list(self.tags),
            "stock": list(self.stock),
            "out_of_library": list(self.out_of_library),
        }


@dataclass(frozen=True)
class TrainingOverview:
    active_version: str
    corrections_since_active: int  # made in phototagger: accepted, rejected, added
    tags: list[TagLabelCount]
    keywords_since_active: int = 0  # read from the photos' files (also learned from)
    # A version trained from the active one on these very answers, neither applied nor
    # discarded (the app closed meanwhile): training again would only make it over.
    trained_waiting: str | None = None
    # Decisions on photos out of the library (a folder removed, files gone): not counted
    # above, not learned from, until the photos come back. The user's answers, and apart from
    # them the keywords read from the photos' files (out_of_library_words).
    out_of_library: int = 0
    keywords_out_of_library: int = 0
    # The tags the active version learned from answers none of which is in the library now:
    # taken back (the next version undoes them), or out of it (kept): learned_then_taken_back.
    taken_back: TakenBack = field(default_factory=TakenBack)


@dataclass
class TrainingResult:
    version: str
    parent: str
    metrics: list[TagComparison]
    not_worse: bool
    summary: str
    counts: dict[str, Any] = field(default_factory=dict)
    seconds: float = 0.0
    changes: list[TagChange] = field(default_factory=list)  # against the active version
    # Tags it changes only on photos the user had answered when it was counted (while
    # training ran): none now, but an answer undone makes its photo the version's again.
    answered_changes: list[TagChange] = field(default_factory=list)

    def listed(self) -> tuple[list[TagComparison], list[str]]:
        """(the rows of its table of figures, `train`'s and the Train page's; the tags left out
        of it): a tag this run kept as it was (not fitted: a file's keyword, a default tag
        short of answers), its figures the same for both versions and resting on 1 to
        FEW_HELD_OUT - 1 yes answers (on "no" answers alone its row reads "-" already). Three
        keywords read from the files, 1 yes each, showed "Right 0 -> 0" (`train`: "F1 old 0.00
        F1 new 0.00") in every training's table, read as a model wrong on tags the user never
        touched (polish31). --json keeps every row."""
        if self.counts.get("sampled_changes"):  # a deep run: every tag may move
            return list(self.metrics), []
        fitted = self.fitted()
        changed = {name_key(str(t)) for t in [*fitted, *(self.counts.get("new_tags") or [])]}
        rows: list[TagComparison] = []
        kept: list[str] = []
        for m in self.metrics:
            if (
                name_key(m.tag) not in changed
                and m.old == m.new
                and m.right == m.right_before
                and 0 < m.new.positives < FEW_HELD_OUT  # all "no": shown as "-" already
            ):
                kept.append(m.tag)
            else:
                rows.append(m)
        return rows, kept

    def judged(self) -> str:
        """Its verdict in a word (validation.headline), as `train`, `--json` and the Train page
        say it: NEW_ONLY where the tags its table lists are all new."""
        return headline(self.not_worse, self.metrics, self.listed()[0])

    def judged_words(self, named: bool = False) -> str:
        """The verdict as `train`, `--json` (verdict_words) and the Train page head it
        (validation.headline_words); `named`: with this version's name as its subject, as a
        sentence of its own (the page)."""
        neither = bool(self.counts.get("learned_by_parent"))
        listed = self.listed()[0]
        version = self.version if named else ""
        why = not_compared_why(self.summary)
        judged = self.judged()
        return headline_words(judged, self.metrics, self.parent, neither, listed, version, why)

    def fitted(self) -> list[str]:
        """The tags this run learned from answers (its learned records but those it kept as it
        found them)."""
        learned = self.counts.get("learned") or {}  # a tag kept as it was is said there too
        kept_as_is = set(self._kept_as_is())
        return [str(t) for t in learned if t not in kept_as_is]

    def stays_on_yes(self) -> set[str]:
        """The tags this run cut to stay on the photos the user (or the files' keywords) said
        yes to (counts' own_photos and own_photos_from_files): learned to spread they were
        not, and their note says so; `train` and the Train page do not call them learned."""
        return {
            str(t)
            for key in ("own_photos", "own_photos_from_files")
            for t in self.counts.get(key) or {}
        }

    def new_learned(self) -> list[str]:
        """The tags new in this run (counts' new_tags) but those that stay on their yes
        answers (stays_on_yes)."""
        stays = self.stays_on_yes()
        return [str(t) for t in self.counts.get("new_tags") or [] if str(t) not in stays]

    def taken_back(self) -> TakenBack:
        """The tags its parent learned from answers none of which is in the library now
        (learned_then_taken_back): undone by this run, or kept (out of the library)."""
        return TakenBack.from_counts(self.counts)

    def lost_unanswered(self) -> dict[str, int]:
        """Per tag it takes off photos nobody answered about (version_diff.lost_unanswered),
        how many: `train` and the Train page warn of them before Apply. None in a deep run
        (its changes are an estimate on photos drawn at random)."""
        return lost_unanswered(self.changes, self.taken_back().tags)

    def taken_back_words(self, quotes: str = "''", *, undone_said: bool = False) -> list[str]:
        """What this run did with them (taken_back_words), as `train` and the Train page say
        it: a sentence each for the tags undone and those kept, or none. `undone_said`: the
        tags undone are said elsewhere (the Train page's verdict: taken_back_does), left out."""
        taken = self.taken_back()
        if undone_said:
            taken = replace(taken, tags=(), stock=())
        return taken_back_words(self.parent, taken, self.version, quotes, deep=self._deep())

    def taken_back_does(self, quotes: str = "''") -> list[str]:
        """What this run did with the tags whose answers were all taken back, a phrase each
        kind (taken_back_does), with the photos each is taken off: "takes 'concert' off 14
        photos"."""
        removed = {name_key(c.tag): c.removed for c in self.changes}
        return taken_back_does(self.taken_back(), quotes, deep=self._deep(), photos=removed)

    def _deep(self) -> bool:
        """A `train --deep` run: it scores a default tag on a backbone of its own."""
        return bool(self.counts.get("sampled_changes"))

    def untested_kept(self) -> list[str]:
        """The tags this run kept as it found them that no answer tested (none in its metrics:
        no answer of theirs kept out of training, or only answers the parent had learned
        from). Neither in the table nor among listed()'s tags, they went unsaid under it:
        'boat' (1 yes tested) was named "kept as it was" and 'bird', kept for the same want
        of answers, was not (accept30)."""
        if self.counts.get("sampled_changes"):
            return []
        tested = {name_key(m.tag) for m in self.metrics}
        return [t for t in self._kept_as_is() if name_key(t) not in tested]

    def named_kept(self) -> list[str]:
        """The tags this run kept as they were that are named under its table of figures, with
        why they are not in it (listed's left out, untested_kept)."""
        return [*self.listed()[1], *self.untested_kept()]

    def untouched(self) -> list[str]:
        """The tags this run kept as the default tagger has them for want of answers and whose
        photos it changes none of (learned_words.kept_unchanged): named in one line under the
        table of changes and in `train`, not a row or a line each. None in a deep run, where
        every tag may move; none whose answers were all taken back (the run undid them)."""
        if self._deep():
            return []
        taken = set(self.taken_back().tags)
        learned = self.counts.get("learned") or {}
        moved = [c.tag for c in self.changes if c.added or c.removed]
        return kept_unchanged({t: h for t, h in learned.items() if t not in taken}, moved)

    def kept_why(self) -> dict[str, str]:
        """Per tag the run kept as it found it, why, as its record says it after KEPT ("a
        correction needs 5 yes and 5 no answers", "no correction told your answers apart
        better"): the words `train --json`'s learned labels and the Versions page give; of a
        tag kept as the parent kept it (KEPT_CARRIED), the parent's words."""
        learned = self.counts.get("learned") or {}
        carried = self.counts.get(KEPT_CARRIED) or {}
        labels = {t: str(label) for t, label in carried.items()} | {
            t: str(how.get("label", "")) for t, how in learned.items() if isinstance(how, dict)
        }
        return {
            str(t): label.removeprefix(f"{KEPT}: ")
            for t, label in labels.items()
            if label.startswith(f"{KEPT}: ")
        }

    def _kept_as_is(self) -> list[str]:
        """The tags the run's learned records say it kept as they were (core/tag_learning)."""
        learned = self.counts.get("learned") or {}
        return [
            str(t)
            for t, how in learned.items()
            if isinstance(how, dict) and str(how.get("label", "")).startswith(KEPT)
        ]


EpochHook = Any  # Callable[[int, int, float], bool]


class Trainer(Protocol):
    """One kind of training run over a fixed set of photos."""

    ids: list[int]
    parent_scores: np.ndarray  # (N, parent tags): what the parent says about these photos

    def fit(
        self, mask: np.ndarray, targets: np.ndarray, weights: np.ndarray, on_epoch: EpochHook
    ) -> tuple[TrainedHead, np.ndarray, Any]:
        """Train on the rows in `mask`; return (head, its scores on all N photos, CNN top)."""
        ...


def _active_tags(library: Library) -> tuple[list[str], ModelVersion | None]:
    """The tags the active version scores, under today's names; its record (None: the default
    tagger, or a version whose record is gone), whose label_digests are its per-tag decision
    fingerprints."""
    db = library.db
    version = active_version(db)
    if version == DEFAULT_VERSION:
        return _default_tags(library), None
    try:
        record = remap_record(library.models.record(version), tag_changes(db))
    except registry.UnknownVersionError:
        return [], None
    return column_map(list(record.tags), tag_changes(db), record)[0], record


def _default_tags(library: Library) -> list[str]:
    """The default tagger's tags under today's names (renamed, merged, deleted since)."""
    from phototagger.ml.vocabulary import load_vocabulary

    return column_map(load_vocabulary().tag_names, tag_changes(library.db), None)[0]


def _detector_tags(library: Library) -> list[str]:
    """The face detector's tags ('people', 'portrait', 'group'), as the library names them."""
    return [name for name, origin in all_tags(library.db) if origin == TagOrigin.DETECTOR]


def model_tag_names(library: Library) -> list[str]:
    """The tags the active version looks for, under today's names."""
    return _active_tags(library)[0]


def training_overview(library: Library) -> TrainingOverview:
    db = library.db
    version = active_version(db)
    known, record = _active_tags(library)
    digests = record.label_digests if record is not None else {}
    labels = label_index(db, known)
    # The rules train_candidate applies too.
    detector = _detector_tags(library)
    waiting = waiting_tags(labels, known, detector)
    faces = set(detector_answered(labels, known, detector))
    short = short_of_answers(labels, set(known) & set(_default_tags(library)))
    names = sorted(set(labels.positives) | set(labels.negatives), key=str.casefold)
    now = label_digests(labels)
    only_files = from_files_only(db, names)
    answered = last_answered(db)
    # The tags the keywords read since the active version was trained give (counted below).
    since = (record.created_at, record.decisions_up_to) if record is not None else (None, None)
    keyword_tags = {name_key(n) for n in file_keyword_tags(db, *since)}
    tags = [
        TagLabelCount(
            n,
            labels.positives.get(n, 0),
            labels.negatives.get(n, 0),
            n not in waiting and n not in short and n not in faces,
            n in now and digests.get(n) == now[n],
            short.get(n),
            n in faces,
            n in only_files,
            answered.get(name_key(n), (-1, "")),
            name_key(n) in keyword_tags,
        )
        for n in names
    ]
    # Since the active version was trained: by the order the decisions were made in where its
    # record has it (an answer given in the second it was saved is one it did not learn from);
    # answers on photos out of the library are not counted (they teach nothing until back).
    corrections, keywords = decisions_by_kind(db, *since, in_library=True)
    taken = _taken_back_now(library, version, record, labels) if record is not None else TakenBack()
    return TrainingOverview(
        version,
        corrections,
        tags,
        keywords,
        _waiting(library, version, now),
        labels.out_of_library,
        labels.keywords_out_of_library,
        taken,
    )


def _taken_back_now(
    library: Library, version: str, record: ModelVersion, labels: Labels
) -> TakenBack:
    """learned_then_taken_back for the active version (a trained one: it has a record); none
    where its weights cannot be read (the Train page says so elsewhere)."""
    try:
        head = load_head(library, version)
    except (registry.UnknownVersionError, DamagedModelError):
        return TakenBack()
    assert isinstance(head, TrainedHead)
    return learned_then_taken_back(library.db, head, record, labels)


def learned_then_taken_back(
    db: sqlite_utils.Database, head: TrainedHead, record: ModelVersion, labels: Labels
) -> TakenBack:
    """The tags `record`'s version (its `head`, both under today's names) learned, of which no
    answer is in the library now (`labels`). Training learns from answers, so it kept such a
    tag as the version has it: 'concert' taught on 10 photos and applied (v2 put it on 51),
    the 10 answers taken back with Ctrl+Z, and the Train page said "Nothing new to learn yet"
    over a greyed-out Train while v2 kept 'concert' (undo36). A version trained from it now
    undoes what it learned of a tag whose answers are all taken back (_undo_taken_back): the
    undo of all the teaching un-teaches the tag. Learned: in the record's learned tags (its
    own or carried from its parent) with a column answers changed (learned_columns); a default
    tag kept as it was, short of answers, learned nothing: 1 yes on 'musical instrument' taken
    back made a version that changed nothing, said to undo it (fixc37). Answers on photos out
    of the library (a folder removed, files gone) are not taken back: they come back with the
    photos, and the tag is kept as the version has it; so are answers, "yes" or "no", on
    photos in the library never read (a damaged file): the tag is answered, and kept."""
    answered = {
        name_key(t)
        for t in [*labels.positives, *labels.negatives, *labels.unread, *labels.unread_no]
    }
    said = {name_key(t) for t in record.learned}
    learned = [
        (tag, bool(base >= 0))
        for tag, base, changed in zip(
            head.tags, head.base_index, learned_columns(head), strict=True
        )
        if changed and name_key(tag) in said and name_key(tag) not in answered
    ]
    if not learned:
        return TakenBack()
    stored = decided_tags(db)
    gone = [(t, stock) for t, stock in learned if name_key(t) not in stored]
    return TakenBack(
        tuple(t for t, _ in gone),
        tuple(t for t, stock in gone if stock),
        tuple(t for t, _ in learned if name_key(t) in stored),
    )


TAKEN_BACK = "all taken back since"
TAKEN_BACK_CELL = "undone: its answers were all taken back"  # the table of changes' Learned


def _quoted(tags: Sequence[str], quotes: str) -> str:
    """The tags as named, each in `quotes` (opening, closing), listed: "'a', 'b' and 'c'"."""
    return listed([f"{quotes[0]}{shown_name(t)}{quotes[1]}" for t in tags])


def taken_back_words(
    version: str,
    taken: TakenBack,
    new: str = "a new version",
    quotes: str = "''",
    *,
    deep: bool = False,
) -> list[str]:
    """What training does with the tags `version` learned from answers none of which is in the
    library now (learned_then_taken_back), in the Train page's and `train`'s words: "v2 learned
    'concert' from your answers, all taken back since: a new version takes 'concert' off every
    photo", and for those out of the library "v2 learned 'boat' from answers on photos out of
    the library now (…): a new version keeps it as v2 has it". `new`: the version that does it;
    `quotes`: the opening and closing quote; `deep`: a `train --deep` run, whose backbone is
    its own. One wording for the Train page, `train`'s note and the run's Train page notes."""

    said: list[str] = []
    if taken.tags:
        does = taken_back_does(taken, quotes, deep=deep)
        said.append(
            f"{version} learned {_quoted(taken.tags, quotes)} from your answers, {TAKEN_BACK}: "
            f"{new} " + " and ".join(does)
        )
    if taken.out_of_library:
        out = taken.out_of_library
        it = "it" if len(out) == 1 else "them"
        said.append(
            f"{version} learned {_quoted(out, quotes)} from answers on photos now out of the "
            f"library (their folder removed, or their files gone): {new} keeps {it} as "
            f"{version} has {it}, and learns from those answers again once the photos are back"
        )
    return said


def taken_back_does(
    taken: TakenBack,
    quotes: str = "''",
    *,
    deep: bool = False,
    photos: Mapping[str, int] | None = None,
) -> list[str]:
    """What a new version does with the tags whose answers are all taken back (taken.tags), a
    phrase each kind: "takes 'concert' off every photo", "scores 'sky' as the default tagger
    does" (`deep`: on the backbone a `train --deep` run fine-tuned). `photos`: how many photos
    each tag (by name_key) is taken off, where known: "takes 'concert' off 14 photos". The
    pieces of taken_back_words, and of the Train page's verdict on a run that did only this."""

    keys = {name_key(t) for t in taken.stock}
    own = [t for t in taken.tags if name_key(t) not in keys]
    default = [t for t in taken.tags if name_key(t) in keys]
    if photos is None:
        does = [f"takes {_quoted(own, quotes)} off every photo"] if own else []
    else:
        does = [
            f"takes {_quoted([t], quotes)} off {counted(photos.get(name_key(t), 0), 'photo')}"
            for t in own
        ]
    if default and deep:
        # Its column is the default tagger's again, over the CNN this run fine-tuned: near
        # what the default tagger says, not the same (fixc37).
        does.append(
            f"scores {_quoted(default, quotes)} with the default tagger's own weights, on the "
            "backbone it fine-tuned (close to the default tagger, not the same)"
        )
    elif default:
        does.append(f"scores {_quoted(default, quotes)} as the default tagger does")
    return does


def taken_off_words(tag: str, photos: int, stock: bool) -> str:
    """A tag's line in what a version trained past its taken-back answers changes (the Train
    page's table of changes): "“concert” taken off 51 photos: its answers were all taken
    back"; a default tag (`stock`): "“sky” as the default tagger scores it (…)"."""
    if stock:
        return (
            f"“{shown_name(tag)}” as the default tagger scores it (its answers were all taken back)"
        )
    return (
        f"“{shown_name(tag)}” taken off {counted(photos, 'photo')}: its answers were all taken back"
    )


def _undo_taken_back(head: TrainedHead, taken: TakenBack) -> TrainedHead:
    """`head` with what its parent learned of the tags whose answers are all taken back
    (learned_then_taken_back) undone: a tag the user invented has no column (as a deleted
    tag's is dropped: on no photo), a default tag is scored as the default tagger scores it."""
    stock = {name_key(t) for t in taken.stock}
    own = {name_key(t) for t in taken.tags} - stock
    head = as_default_columns(head, [j for j, t in enumerate(head.tags) if name_key(t) in stock])
    return without_columns(head, [t for t in head.tags if name_key(t) in own])


def _waiting(library: Library, active: str, now: Mapping[str, str]) -> str | None:
    """The newest version trained from `active` on the answers as they are now (`now`, per tag
    their fingerprints) and never made active; None when there is none."""
    from phototagger.core.model.listing import list_versions

    waiting = [
        v.version
        for v in list_versions(library)
        if v.never_active and v.parent == active and v.version != active
    ]
    for version in reversed(waiting):
        if dict(library.models.record(version).label_digests) == dict(now):
            return version
    return None


def _parent_trained(library: Library, default: DefaultHead) -> tuple[str, TrainedHead]:
    """The active version as a TrainedHead, to warm-start from."""
    db = library.db
    version = active_version(db)
    if version != DEFAULT_VERSION:
        head = load_head(library, version, default)
        assert isinstance(head, TrainedHead)
        return version, head
    sample = leading_embeddings(library, BACKBONE_NAME, 20_000)
    if sample is None:
        sample = embeddings_of(db, None, BACKBONE_NAME, limit=20_000)[1]
    if len(sample) == 0:
        raise NothingToLearn("the library has no tagged photos yet: scan a folder first")
    mean, std = standardisation(sample)
    return version, remap_trained(from_default(default, mean, std), tag_changes(db), None)


def _held_out_answers(labels: Labels) -> dict[str, dict[str, list[int]]]:
    """Per tag, the photos of the held-out quarter answered yes and no: what a version, saved
    trained on every answer, learned that its child will be tested on."""
    found: dict[str, dict[str, list[int]]] = {}
    for photo_id, decided in sorted(labels.by_photo.items()):
        if held_out(photo_id):
            for tag, positive in decided.items():
                found.setdefault(tag, {"yes": [], "no": []})["yes" if positive else "no"].append(
                    photo_id
                )
    return found


def _parent_learned_from(
    library: Library, record: ModelVersion, tags: list[str], labels: Labels
) -> dict[str, set[int]]:
    """Per tag (as the parent spells it), the photos whose answer, as it is now, the parent
    learned from, on a tag it (or a version before it) learned from answers; a deep fine-tune
    learned from every answer. The default tagger learned from none. Held out of this run, they
    are not held out of the parent's: v2 trained on 46 of the yes answers v3 was tested on, and
    "right 88 -> 17" compared a test it had seen with one v3 had not. A version's record names
    them (held_out_answers); an older one's: the answers given by the time it was made."""
    if record.is_default or not record.created_at:
        return {}
    spelling = {name_key(t): t for t in tags}
    # A default tag kept for want of answers ("a correction needs 5 yes and 5 no answers")
    # is the default tagger's, bit for bit: it learned nothing from them.
    learned = {
        name_key(t)
        for t, how in record.learned.items()
        if "correction needs" not in str(how.get("label", "") if isinstance(how, dict) else "")
    }
    seen: dict[str, set[int]] = {}
    recorded = record.extra.get("held_out_answers")
    if isinstance(recorded, dict):
        for name, answers in recorded.items():
            key = name_key(str(name))
            if key not in spelling or not (record.kind == "deep" or key in learned):
                continue
            tag = spelling[key]
            for answer, positive in (("yes", True), ("no", False)):
                for photo_id in answers.get(answer, ()) if isinstance(answers, dict) else ():
                    if labels.by_photo.get(photo_id, {}).get(tag) is positive:
                        seen.setdefault(tag, set()).add(photo_id)
        return seen
    for photo_id, name in decided_by(library.db, record.created_at, record.decisions_up_to):
        key = name_key(name)
        if key in spelling and (record.kind == "deep" or key in learned):
            seen.setdefault(spelling[key], set()).add(photo_id)
    return seen


def train_candidate(
    library: Library,
    *,
    deep: bool = False,
    progress: ProgressCallback | None = None,
    cancel: CancelToken | None = None,
    seed: int = 0,
) -> TrainingResult:
    """Train a new version from the active one and the user's labels; save it, do not activate.

    Nothing in the library changes; a run that is cancelled or killed leaves no version behind.
    One training or switch of a library's model at a time (model_lock: ModelBusyError at once
    if another runs).
    """
    with model_lock(library.database_path):
        try:
            return _train_candidate(library, deep=deep, progress=progress, cancel=cancel, seed=seed)
        except DamagedModelError as exc:
            if exc.training or exc.version != _active_or_none(library):
                raise
            # The active version, which every training starts from: said so, with the way out.
            raise DamagedModelError(exc.version, exc.reason, training=True) from exc


def _active_or_none(library: Library) -> str | None:
    try:
        return active_version(library.db)
    except DamagedModelError:  # a setting that names no version: not one a training read
        return None


def _train_candidate(
    library: Library,
    *,
    deep: bool,
    progress: ProgressCallback | None,
    cancel: CancelToken | None,
    seed: int,
) -> TrainingResult:
    from phototagger.ml.trained_head import grow

    class _NeverRaised(Exception):
        pass

    training_stopped: type[Exception] = _NeverRaised
    started = time.monotonic()
    db = library.db
    report = progress or (lambda _: None)
    token = cancel or CancelToken()
    # Nothing is reported, nor TensorFlow imported, until it is known there is something to
    # learn: `train` printed "preparing: 0" before "there are no corrections to learn from yet".
    default = load_default_head()
    parent_version, parent = _parent_trained(library, default)
    # Its per-tag records under today's names: a learned tag renamed since is not new to it.
    parent_record = remap_record(library.models.record(parent_version, default), tag_changes(db))
    # Before the answers are read: one given meanwhile is taken as given after this version
    # (a review answer to it), never as one it learned from without having seen it.
    decisions_up_to = decision_mark(db)
    labels = label_index(db, parent.tags)
    # Tags the parent learned from answers all taken back: this version undoes what it learned
    # of them, and with nothing else to learn it is made for that alone.
    taken_back = learned_then_taken_back(db, parent, parent_record, labels)
    gone = taken_back.tags
    if not labels.by_photo and not labels.unread and not gone:  # unread photos: said below
        raise NothingToLearn(
            "there are no corrections to learn from yet: accept, reject or add tags"
            + out_of_library_note(labels)
        )
    known = {name_key(t) for t in parent.tags}  # as the database tells tags apart
    detector = _detector_tags(library)
    faces = detector_answered(labels, parent.tags, detector)
    unlearned = known | {name_key(f) for f in faces}  # the face detector's are not learned
    new_tags = sorted(
        (
            n
            for n, c in labels.positives.items()
            if c >= MIN_POSITIVES and name_key(n) not in unlearned
        ),
        key=str.casefold,
    )
    version = library.models.next_name()
    start = replace(grow(parent, new_tags), version=version)
    invented = {t for t, b in zip(start.tags, start.base_index, strict=True) if b < 0}
    examples = example_labels(start.tags, invented, parent.tags, labels, parent_record)
    touched = touched_tags(start.tags, labels, parent_record)
    waiting = waiting_tags(labels, known, detector)
    defaults = [t for t, b in zip(start.tags, start.base_index, strict=True) if b >= 0]
    short = short_of_answers(labels, defaults)
    if not touched - set(short) and not deep and not gone:
        # A version that learns nothing would be its parent again under a new name (a deep
        # fine-tune learns the backbone's top from the same decisions: another model).
        raise NothingToLearn(
            nothing_new_message(
                parent_version,
                waiting,
                {t: short[t] for t in touched},
                faces,
                from_files_only(db, [*waiting, *short, *faces]),
            )
            + unread_note(labels)
            + out_of_library_note(labels)
        )
    report(Progress("preparing", 0, None, detail="reading your answers"))
    if deep:  # the head path is numpy only: no TensorFlow to import
        from phototagger.ml.device import import_tensorflow

        import_tensorflow()
        from phototagger.ml.training import TrainingStopped

        training_stopped = TrainingStopped
    trainer: Trainer
    deep_trainer = None
    if deep:
        from phototagger.core.retrain_deep import DeepTrainer

        trainer = deep_trainer = DeepTrainer(
            library,
            parent_version,
            parent_record,
            start,
            parent,
            labels,
            seed,
            report,
            token,
            # A default tag short of answers is kept as it was, as the head path keeps it
            # (below: nor does the CNN's top learn from its answers).
            touched - set(short),
            examples,
        )
    else:
        with one_blas_thread():  # a few thousand rows: threads only wait for each other
            trainer = ConceptTrainer(
                db,
                registry.backbone_key(parent_record),
                start,
                parent,
                labels,
                seed,
                touched,
                examples,
                library.home.embeddings_cache,
            )
    calibrated = getattr(trainer, "calibrates", False)
    ids = trainer.ids
    parent_scores = np.zeros((len(ids), len(start.tags)), np.float32)
    parent_scores[:, : len(parent.tags)] = trainer.parent_scores
    targets, weights = targets_for(start, set(parent.tags), ids, labels, parent_scores)
    if deep:
        # `train --deep` fitted a default tag on answers too few to correct it (5 yes, no
        # "no": 'monkey' went from 5 photos of det-photos to 13, the 8 more koalas, bears, a
        # lion, a horse, a panda) and said it was "kept as they were". Its column is the
        # parent's, and its answers are distilled from the parent as a tag with none is.
        for j in (j for j, tag in enumerate(start.tags) if tag in short):
            targets[:, j], weights[:, j] = parent_scores[:, j], DISTILL_WEIGHT
    held = np.array([held_out(pid) and pid in labels.by_photo for pid in ids], dtype=bool)
    phases = 2 if held.any() else 1

    def epoch_hook(phase: int) -> EpochHook:
        def on_epoch(epoch: int, epochs: int, loss: float) -> bool:
            report(
                Progress(
                    "training",
                    (phase - 1) * epochs + epoch,
                    phases * epochs,
                    # The Train page shows it: a photographer's words, save the deep
                    # fine-tune's (the CLI's --deep), whose epochs and loss are its own.
                    detail=(
                        f"step {epoch}/{epochs}"
                        if loss != loss
                        else f"epoch {epoch}/{epochs}, loss {loss:.3f}"
                    )
                    + (f" ({TRIAL_RUN})" if phase < phases else ""),
                )
            )
            return not token.cancelled

        return on_epoch

    metrics: list[TagComparison] = []
    tested_on: list[TagComparison] = []  # the version's own test: see `tested` below
    learned_before: dict[str, int] = {}
    # The head path's per-tag fits are small products (ml/blas_threads.py); TensorFlow's
    # training is left its threads.
    threads: AbstractContextManager[Any] = nullcontext() if deep else one_blas_thread()
    try:
        with threads:
            if held.any():
                probe, probe_scores, _ = trainer.fit(~held, targets, weights, epoch_hook(1))
                train_ids = [p for p, h in zip(ids, held, strict=True) if not h]
                if not calibrated:
                    calibrate(
                        probe.tag_thresholds, probe.tags, probe_scores[~held], train_ids, labels
                    )
                held_ids = [p for p, h in zip(ids, held, strict=True) if h]
                seen = _parent_learned_from(library, parent_record, parent.tags, labels)
                parent_scored = Scored(parent.tags, parent.thresholds, trainer.parent_scores[held])
                probe_scored = Scored(probe.tags, probe.thresholds, probe_scores[held])
                metrics = compare(parent_scored, probe_scored, held_ids, labels, seen)
                # The answers the parent learned from are left out of the comparison, as they
                # would flatter the parent; the version fitted without them is tested on them
                # all the same (walk52: a tag trained again after an Apply, every kept-out yes
                # answer one the parent had learned from, had no test left to say, and its note
                # and queue "if it misses photos you meant", "Nothing likely left to find",
                # where the version had found none of them).
                tested_on = compare(parent_scored, probe_scored, held_ids, labels)
                learned_before = learned_by_old(parent.tags, held_ids, labels, seen)
            everything = np.ones(len(ids), dtype=bool)
            final, final_scores, top = trainer.fit(everything, targets, weights, epoch_hook(phases))
    except (training_stopped, Stopped):
        raise Cancelled() from None
    if not calibrated:
        calibrate(final.tag_thresholds, final.tags, final_scores, ids, labels)
    trained, final = final, _undo_taken_back(final, taken_back)
    learned_now = {t: v.as_dict() for t, v in getattr(trainer, "learned", {}).items()}
    # How many yes answers the WordNet groups each tag was learned like show in: by the
    # version's own reading of them (a deep version's, through the CNN top it trained).
    reader = deep_trainer if deep_trainer is not None else trainer
    if isinstance(reader, ConceptTrainer) or reader is deep_trainer:
        add_named_cover(learned_now, reader.ids, reader.probs, reader.faces, labels.by_photo)
    # What the parent learned of a tag whose answers are all taken back is undone: said nowhere.
    undone = {name_key(t) for t in gone}
    learned = {
        t: how
        for t, how in {**parent_record.learned, **learned_now}.items()
        if name_key(t) not in undone
    }
    # The kinds each tag holds under its cut, as the saved weights hold them (core/kept_off.py):
    # a record carried from the parent keeps the parent's, a deep version holds none.
    learned = with_kept_off(learned, final)
    learned_now = with_kept_off(learned_now, final)
    # A tag cut to stay on its own photos (nothing the model sees tells them apart: keytags34)
    # is said so, once, in its note (core/no_answers.own_photos_words): the verdict called it
    # learned beside "stays on the 20 photos you said yes to" (q39).
    own = own_photos_only(learned, labels.positives)
    # "(v1: 44)": the old one named
    kept = [t for t, how in learned_now.items() if how.get("how") == "kept"]
    not_worse, summary = verdict(metrics, parent_version, learned_before, new_tags, own, kept)
    changes: list[TagChange] = []
    answered_changes: list[TagChange] = []
    notes: list[str] = []
    preview: dict[str, Any] = {}
    tagged_besides: dict[str, int] = {}  # per tag counted, the photos tagged not answered
    confirmed: dict[str, int] = {}  # per tag counted, the yes answers accepting its suggestion
    # Per tag counted, whether its review queue will say nothing is likely left to find.
    settled: dict[str, bool] = {}
    # The active version as it tags now (the user's own thresholds in), compared with `final`.
    active_view = replace(parent, overrides=threshold_overrides(db))
    if deep_trainer is None:
        counted, photos = library_changes(
            library, active_view, final, registry.backbone_key(parent_record)
        )
        changes = [c for c in counted if c.added or c.removed]
        tagged_besides = {c.tag: c.unanswered_after for c in counted}
        # Per tag, its yes answers that accepted the model's suggestion: its own finds
        # confirmed (walk43: 5 of "monkeys"' 17, core/few_photos.py).
        accepted = {name_key(t): n for t, n in accepted_counts(db).items()}
        confirmed = {c.tag: accepted.get(name_key(c.tag), 0) for c in counted}
        settled = {c.tag: queue_settled(c.nearest_unanswered, c.cut) for c in counted}
        # Dropped with the rest, a tag that changed only on a photo answered while training
        # ran could not come back when that answer was undone.
        answered_changes = [c for c in counted if not (c.added or c.removed) and c.open_to_answers]
        notes = base_rate_notes(changes, labels.positives, labels.negatives, photos)
        if notes:
            summary += "; " + "; ".join(notes)
    else:
        # A deep version showed no change at all: its photos are counted when it is made
        # active (every photo decoded again). What it is shown by is counted on photos drawn
        # at random that it never trained on, every tag included (all may move).
        sampled = sampled_changes(
            active_view,
            deep_trainer.preview_parent_scores,
            trained,  # the columns its scores were computed with
            deep_trainer.preview_scores,
        )
        preview = {
            "photos": len(deep_trainer.preview_ids),
            "library": deep_trainer.library_size,
            "changes": [c.as_dict() for c in sampled],
        }
    examples = {t: v for t, v in examples.items() if name_key(t) not in undone}
    # Its yes answers kept out of training (those the parent learned from too), and how many the
    # version fitted without them found: the few-photos note says it where some were missed
    # (core/few_photos.py), and so does the tag's queue.
    tested = {m.tag: (m.new.positives, yes_found(m.new)) for m in tested_on if m.new.positives}
    few = few_photos(learned_now, tagged_besides, labels.positives, tested, settled, confirmed)
    # Of the tags learned with few "no" answers, those only the files' keywords give are said
    # once, together (no_answers.few_no_keywords_words): a stock library's dozens of keywords
    # each had a warning of its own, the user's own tag lost among them.
    few_no = few_no_answers(learned, labels.positives, labels.negatives)
    # A tag that stays on its own photos is said so instead, once: "it cannot be told apart"
    # and "goes on no photo besides the 15 you said yes to ... say yes to more" told the user it
    # would spread, or that yes answers would help, where only "no" answers can.
    for tag in own:
        few_no.pop(tag, None)
        few.pop(tag, None)
    keyword_only = from_files_only(db, [*few, *few_no, *own])
    # A tag only the files' keywords give is no tag the user taught: not said to go on few.
    few = {t: n for t, n in few.items() if t not in keyword_only}
    # A tag the new version puts on no photo besides its yes answers is said so (few_photos:
    # yes answers find more), and only that: 'concert' on 10 brass photos, on no other, was
    # also told "it cannot be told apart; answer no on a few photos it should not have", with
    # no photo to say no on (kwspread37). One on a few photos more keeps both (those few may
    # be the ones to say no on), and the files' keywords keep their one line (never said to
    # go on few).
    for tag in [t for t, n in few.items() if not n["others"]]:
        few_no.pop(tag, None)
    # One on a few photos more is said once, in its few-"no" words (no_answers.few_no_words
    # says both steps: "no" on those few, yes on the kinds it misses), with one link: two
    # notes each said "goes on 2 photos besides the 10 you said yes to" (fixh38).
    for tag in [t for t in few if t in few_no]:
        few.pop(tag)
    # The user's own (the files' keywords' apart, said together).
    own_few_no = {t: n for t, n in few_no.items() if t not in keyword_only}
    own_stays = {t: n for t, n in own.items() if t not in keyword_only}
    counts = {
        # The answered photos it learned from: a deep run's it could not read now (unread_now)
        # were counted, "on 18 labelled photos" with 4 of them not read.
        "labelled_photos": sum(1 for p in ids if p in labels.by_photo),
        # Of them, those labelled by their files' keywords alone, no answer of the user's.
        "keywords_only_photos": sum(1 for p in ids if p in labels.keywords_only),
        # Answers on photos out of the library (a folder removed, files gone): not learned from.
        # The user's answers; apart from them the files' keywords (out_of_library_words).
        "out_of_library": labels.out_of_library,
        "keywords_out_of_library": labels.keywords_out_of_library,
        # A deep run's answered photos it could not read from disk now, each "name: why"
        # (retrain_deep.DeepTrainer.unread): not learned from; the head path reads no file.
        "unread_now": [] if deep_trainer is None else deep_trainer.unread,
        "held_out_photos": int(held.sum()),
        "distilled_photos": len(ids) - sum(1 for p in ids if p in labels.by_photo),
        "new_tags": new_tags,
        "waiting": waiting,
        # Default tags kept as they were for want of answers: (more yes, more no) each needs.
        "short_of_answers": {t: {"yes": y, "no": n} for t, (y, n) in short.items()},
        # Held-out answers the parent had learned from, per tag: left out of the comparison.
        "learned_by_parent": learned_before,
        # Tags learned from yes answers with fewer than 5 "no" (core/no_answers.py): their no.
        # The user's own; those only the files' keywords give apart.
        "few_no": own_few_no,
        "few_no_from_files": {t: n for t, n in few_no.items() if t in keyword_only},
        # Theirs, their yes answers and the photos the new version puts them on besides the
        # answered ones (None where not counted): on few, the words are a note (words38).
        # Theirs whose answers are whole folders (learned_words.BY_FOLDER): the folders of
        # each, for the words that say labelling a folder tags its photos.
        "few_no_folders": split_folders(learned, own_few_no),
        "few_no_photos": {
            t: {
                "yes": labels.positives.get(t, 0),
                "others": tagged_besides.get(t),
                # Of the yes answers, the model's finds accepted (few_photos).
                "confirmed": confirmed.get(t, 0),
            }
            for t in own_few_no
        },
        # Tags that stay on their own photos (core/no_answers.own_photos_only): their yes
        # answers. The user's own; those only the files' keywords give apart.
        "own_photos": own_stays,
        "own_photos_from_files": {t: n for t, n in own.items() if t in keyword_only},
        # Their "no" answers: where enough to be held out, they could not place it either.
        "own_photos_no": {t: labels.negatives.get(t, 0) for t in own_stays},
        # Those whose yes and "no" answers lie in folders apart (learned_words.BY_FOLDER): the
        # folders of each, for the words that say why.
        "own_photos_folders": split_folders(learned, own_stays),
        # Tags learned now that go on few photos besides their yes answers (core/few_photos).
        "few_photos": few,
        # Tags the parent learned from answers none of which is in the library now
        # (learned_then_taken_back): "tags" all taken back, what it learned of them undone
        # (_undo_taken_back), "stock" those of them the default tagger's; "out_of_library"
        # those whose answers are on photos out of the library, kept as the parent has them.
        "taken_back": taken_back.as_dict(),
        # Tags that would go on more photos than their answers suggest (base_rate_notes, in the
        # summary too): the Train page warns of them beside what applying it changes.
        "more_than_answers": notes,
        "learned": learned_now,
        # The tags kept as the parent kept them (the default tagger as it was), their answers
        # unchanged, so not learned again: its words why, as kept_why says them (walk52: the
        # first run said "kept as they were (a correction needs 5 yes and 5 no answers)" of the
        # keyword tags, the next of the same tags "(tested on fewer than 5 yes answers)").
        KEPT_CARRIED: {
            t: label
            for t, how in learned.items()
            if t not in learned_now and (label := str(how.get("label", ""))).startswith(KEPT)
        },
        "changes": [c.as_dict() for c in changes],
        # A deep version's changes, on photos sampled at random (an estimate): {} otherwise.
        "sampled_changes": preview,
        "positives": labels.positives,
        "negatives": labels.negatives,
    }
    token.raise_if_cancelled()
    record = {
        "parent": parent_version,
        "created_at": utc_now(),
        # Which of the user's decisions it may have learned from: those numbered up to this.
        "decisions_up_to": decisions_up_to,
        "kind": "deep" if deep else "head",
        "summary": summary,
        "not_worse": not_worse,
        "training": counts,
        "backbone": f"{BACKBONE_NAME}@{version}" if deep else registry.backbone_key(parent_record),
        "top_weights": version if deep else parent_record.top_weights,
        "metrics": {
            m.tag: {
                "support": m.support,
                "old": m.old.as_dict() if m.old else None,
                "new": m.new.as_dict(),
            }
            for m in metrics
        },
        "learned": learned,
        "label_digests": label_digests(labels),
        # The held-out quarter's answers it learned from: its child leaves them out of its test.
        "held_out_answers": _held_out_answers(labels),
        "example_labels": examples,
    }
    library.models.save(final, record, top=top)
    return TrainingResult(
        version,
        parent_version,
        metrics,
        not_worse,
        summary,
        counts,
        time.monotonic() - started,
        changes,
        answered_changes,
    )
