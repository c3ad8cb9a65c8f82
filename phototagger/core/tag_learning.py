"""The default way a version learns: each tag with new decisions is corrected on its own, from
cached embeddings, with numpy; every other tag keeps its parent's weights bit for bit.

Per tag the user touched:
- a tag the user invented starts from the WordNet class set that best explains its labels
  (core/concepts.py), or from the face detector's findings when the tag is about people
  (core/face_concepts.py: "like detected faces", alone or times a class set), or from nothing
  when none does ("from your examples");
- a tag the model already had starts from its parent's weights, and keeps them bit for bit
  unless a correction ranks its held-out answers clearly better (answers that agree with it
  teach it nothing; too few to hold any out cannot show it), and keeps its threshold unless
  another tells its answers apart better;
- a small, regularised correction is fitted (ml/few_shot.py);
- its threshold comes from out-of-fold scores (each labelled photo scored by a model fitted
  without it, whose class set was also chosen without it), maximising the expected F0.5
  (precision first) over the photos not answered, knowing which labels were examples and
  which were answers chosen by score (core/tag_threshold.py); with too few labels, from the
  probability corrected for the weight the positives were given.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from functools import partial
from pathlib import Path
from typing import Any

import numpy as np
import sqlite_utils

from phototagger.core.candidate_choice import clearly_better
from phototagger.core.class_neighbours import neighbour_class_weights
from phototagger.core.concepts import (
    ConceptFit,
    classes_named,
    fit_concept,
    unshown_kinds,
    with_own_classes,
    yes_lift,
)
from phototagger.core.correction_choice import correction_helps, keeps_correction
from phototagger.core.embedding_matrix import embedding_matrix
from phototagger.core.face_concepts import (
    FaceConcept,
    face_concept_logit,
    fit_face_concept,
    yes_only_face_concept,
)
from phototagger.core.face_signals import face_signals
from phototagger.core.learned_words import (
    BY_FOLDER,
    ELSEWHERE,
    KEPT,
    NAMED,
    NO_VALIDATION,
    OWN_PHOTOS,
    UNCHECKED,
)
from phototagger.core.model.record import ModelVersion
from phototagger.core.tag_threshold import (
    NOTHING_TAKEN,
    YES_ONLY_CLEAR_AUC,
    YesOnlyCheck,
    ranks_yes_higher,
    tag_threshold,
    yes_ranked_above,
)
from phototagger.core.training_set import (
    DISTILL_SAMPLE,
    Labels,
    embeddings_of,
    unlabelled_sample,
)
from phototagger.ml.face_base import PARAMETERS
from phototagger.ml.few_shot import L2_DIRECTION, L2_EXAMPLES, fit_correction, principal_basis
from phototagger.ml.lookalikes import answer_level, held_under, rejected_kinds, unit_rows
from phototagger.ml.metrics import average_precision, log_loss
from phototagger.ml.penalised_logistic import clipped_sigmoid
from phototagger.ml.trained_head import SCORE_CHUNK, TrainedHead, logit
from phototagger.store.embeddings import iter_embedded_ids
from phototagger.store.photos import counts_by_folder, photos_by_ids

FOLDS = 5
CALIBRATE_MIN = 5  # positives and negatives needed for out-of-fold thresholds
NEW_TAG_PRIOR = 0.05
FIT_UNLABELLED = 1000  # unlabelled photos (distilled or weak negatives) one fit looks at
CONCEPT_MARGIN = 0.05  # out-of-fold AP by which "from your examples" must beat a class set
# The candidates whose base is a class set alone: its correction must earn its place.
CLASS_SETS = ("node", "own", "weighted")
# How often, held out by folder, a tag taught by folders must rank a held-out yes folder's photo
# above a held-out "no" folder's in every fold to spread (_spreads_past_folders): the clear line
# of a tag taught from yes answers (tag_threshold.YES_ONLY_CLEAR_AUC), which 9 random tags in 10
# stay under; beyond-chance alone let random photos through.
FOLDER_CLEAR_AUC = YES_ONLY_CLEAR_AUC
# A chunk of at least this many rows takes its softmax from the training rows' (_scores).
_SHARED_SOFTMAX_ROWS = 64

EpochHook = Any  # Callable[[int, int, float], bool]


class Stopped(Exception):
    """The progress hook asked to stop."""


@dataclass(frozen=True)
class Learned:
    """How one tag was learned in a version, for the record and the user."""

    how: str  # "concept", "faces", "examples", "corrected" or "kept"
    label: str
    synsets: tuple[str, ...] = ()
    # A WordNet group of the label too general to name ('matter'), by name: the classes it
    # holds that the yes answers show most (core/concepts.classes_named), as the user is told.
    named: tuple[tuple[str, tuple[str, ...]], ...] = ()
    # Cut at NOTHING_TAKEN: nothing the model sees told its yes answers apart from unanswered
    # photos, so it stays on its own photos (a record of what the threshold says, for the user).
    own_photos: bool = False
    # The folders of its yes answers and of its "no" answers: why it stays on its own photos,
    # where its answers are whole folders on both sides (folder_answers); or, for a tag taught
    # from yes answers alone (or 1-4 "no") whose every answered folder is whole and one way
    # (whole_folders; "no" folders may be none), whether it stays or spreads (a deep run's
    # only where it stays), so that `train` says labelling a folder tags its photos
    # (core/no_answers.py).
    folders: tuple[tuple[str, ...], tuple[str, ...]] | None = None
    # With those, its yes and "no" answers elsewhere (folder_answers): too few to show it is
    # something the pictures show, or not ranked clearly apart by a fit without them
    # (ranks_clearly).
    elsewhere: tuple[int, int] = (0, 0)
    # False where those were enough but too few were held out to check them (a deep run's).
    elsewhere_checked: bool = True
    # False where, besides, the deep run held none of the answers out (no validation run).
    validated: bool = True

    def as_dict(self) -> dict[str, Any]:
        record: dict[str, Any] = {
            "how": self.how,
            "label": self.label,
            "synsets": list(self.synsets),
        }
        if self.named:
            record[NAMED] = {group: list(classes) for group, classes in self.named}
        if self.own_photos:
            record[OWN_PHOTOS] = True
        if self.folders is not None:
            record[BY_FOLDER] = {"yes": list(self.folders[0]), "no": list(self.folders[1])}
            if any(self.elsewhere):
                record[BY_FOLDER] |= dict(zip(ELSEWHERE, self.elsewhere, strict=True))
            if not self.elsewhere_checked:
                record[BY_FOLDER][UNCHECKED] = True
                if not self.validated:
                    record[BY_FOLDER][NO_VALIDATION] = True
        return record

    @classmethod
    def of_record(cls, record: Mapping[str, Any]) -> Learned | None:
        """The way a tag was learned as a version's record keeps it (as_dict's "how", "label",
        "synsets" and classes_named; not whether it stayed on its own photos, nor its
        folders), or None for a record of no such way: a later run that fits the tag again on
        the same base (a deep fine-tune keeps its parent's bases) says it as it was."""
        how, label = record.get("how"), record.get("label")
        if not isinstance(how, str) or not isinstance(label, str):
            return None
        synsets = record.get("synsets")
        named = record.get(NAMED)
        return cls(
            how,
            label,
            tuple(str(s) for s in synsets) if isinstance(synsets, list) else (),
            tuple((str(g), tuple(map(str, c))) for g, c in named.items())
            if isinstance(named, Mapping)
            else (),
        )


def label_digests(labels: Labels) -> dict[str, str]:
    """Per tag, a fingerprint of its decisions: equal fingerprints mean nothing new to learn."""
    per_tag: dict[str, list[str]] = {}
    for photo_id, decided in sorted(labels.by_photo.items()):
        for tag, positive in decided.items():
            per_tag.setdefault(tag, []).append(f"{photo_id}:{int(positive)}")
    return {
        tag: hashlib.sha1(",".join(rows).encode()).hexdigest()[:16] for tag, rows in per_tag.items()
    }


def example_labels(
    tags: list[str],
    invented: set[str],
    parent_tags: list[str],
    labels: Labels,
    parent_record: ModelVersion,
) -> dict[str, list[int]]:
    """Per tag, the photos whose decision was given before any version knew the tag: examples
    the user chose by what they show, not by a score (ml/selection_aware.py). A tag new in this
    version: all of its decisions; a tag its parent learned: the parent's list, carried on. A
    tag the user invented under a version older than these lists: all of its decisions, as
    thresholds were estimated before. Default tags have none: the model scored them all along."""
    kept = parent_record.example_labels
    recorded = kept is not None
    before: Mapping[str, Any] = kept if kept is not None else {}
    known = set(parent_tags)
    result: dict[str, list[int]] = {}
    for tag in tags:
        if tag not in known or (not recorded and tag in invented):
            result[tag] = sorted(p for p, d in labels.by_photo.items() if tag in d)
        elif isinstance(before.get(tag), list):
            result[tag] = [p for p in before[tag] if isinstance(p, int)]
    return result


def touched_tags(tags: list[str], labels: Labels, parent_record: ModelVersion) -> set[str]:
    """The tags with decisions their parent did not learn from."""
    before = parent_record.label_digests
    now = label_digests(labels)
    return {t for t in tags if t in now and before.get(t) != now[t]}


@dataclass(frozen=True)
class _Plan:
    """One tag's answers in a training run and the candidate bases its choice tries."""

    tag: str
    decided: np.ndarray  # rows with a decision about the tag
    rows: np.ndarray  # its answers among the rows this fit may use
    y: np.ndarray  # the answers (True: yes)
    enough: bool  # enough of each answer to hold some out
    choices: list[tuple[str, ConceptFit | None]]
    # A tag the user invented with yes answers and fewer "no" than the choice holds out: its
    # yes answers are held out against unanswered photos instead (_yes_out_of_fold).
    yes_only: bool = False

    @property
    def fits(self) -> int:
        """The most fits the choice makes: FOLDS per candidate and for the correction choice
        (only if a WordNet set may win), then the saved fit; FOLDS more for a yes-only tag's
        check."""
        if not self.enough:
            return 1 + FOLDS * int(self.yes_only)
        node = any(search in CLASS_SETS for search, _ in self.choices)
        return (len(self.choices) + int(node)) * FOLDS + 1


class ConceptTrainer:
    """Trainer for the head path: per-tag numpy fits on the cached embeddings."""

    calibrates = True

    def __init__(
        self,
        db: sqlite_utils.Database,
        backbone: str,
        start: TrainedHead,
        parent: TrainedHead,
        labels: Labels,
        seed: int,
        touched: set[str],
        examples: dict[str, list[int]] | None = None,
        cache: Path | None = None,
    ) -> None:
        """`cache`: the library's embeddings cache folder (library.home.embeddings_cache)."""
        # From the library's copy of the embeddings where one can be kept (made now if stale,
        # as the library-wide comparison after the fits would make it anyway), else SQLite.
        matrix = None if cache is None else embedding_matrix(db, backbone, cache)
        labelled_ids, labelled = embeddings_of(db, sorted(labels.by_photo), backbone, None, matrix)
        embedded = iter_embedded_ids(db, backbone)
        extra = unlabelled_sample(
            db, set(labels.by_photo), DISTILL_SAMPLE, seed, backbone, embedded
        )
        extra_ids, extra_emb = embeddings_of(db, extra, backbone, None, matrix)
        self.ids = labelled_ids + extra_ids
        self.library_size = len(embedded)
        self.embeddings = np.concatenate([labelled, extra_emb])
        # What the face detector found in each photo (unknown where it has not looked).
        self.faces = face_signals(db, self.ids)
        # The rows' 1000-class softmax, computed once: every score of these rows below reads it.
        self.start = start
        self.probs = start.base.imagenet_probabilities(self.embeddings)
        self.parent_scores = self._scores(parent)
        # The kind of base each tag the user invented had in the parent (_base_kind).
        self.parent_kind = {
            t: (bool(parent.column_classes(k).any()), bool(parent.column_faces(k).any()))
            for k, t in enumerate(parent.tags)
            if parent.base_index[k] < 0
        }
        self.labels = labels
        # The folder each answered photo is in (folder_answers).
        self.folder_of = {p.id: p.folder for p in photos_by_ids(db, labelled_ids)}
        # The photos in given folders (folder_answers: answers that are whole folders), read
        # only for a tag whose answers could be: each folder's all one way.
        self.folder_sizes: FolderSizes = FolderSizeReads(partial(counts_by_folder, db))
        # Per yes-only tag, its held-out check against unanswered photos (for the record:
        # benchmarks/yes_only_leak.py prints it).
        self.yes_only: dict[str, YesOnlyCheck] = {}
        self.columns = [j for j, t in enumerate(start.tags) if t in touched]
        self.library_mean = self.probs.mean(axis=0)
        self._shuffled = np.random.default_rng(seed).permutation(len(self.ids))
        z = start.standardise(self.embeddings)
        self.basis = principal_basis(z, seed=seed)
        self.projected = (z @ self.basis.vectors).astype(np.float64)
        self.unit = unit_rows(z)  # for the lookalikes of kept rejections (ml/lookalikes.py)
        self.base_logits = start.base_logits(self.embeddings, self.probs).astype(np.float64)
        # What each tag said before, as a logit (exact, not through a clipped probability).
        self.start_logits = (self.base_logits * start.scale + z @ start.kernel + start.bias).astype(
            np.float64
        )
        self.learned: dict[str, Learned] = {}
        # Per tag, the decisions given as examples, before the model scored the tag; the rest
        # were chosen by score. A tag the parent knew from the default vocabulary has none.
        self.examples = {t: set(v) for t, v in (examples or {}).items()}
        self._step: Any = lambda: None
        self._masses: dict[bytes, np.ndarray] = {}
        self._fold_concepts: dict[bytes, ConceptFit | None] = {}

    def fit(
        self, mask: np.ndarray, targets: np.ndarray, weights: np.ndarray, on_epoch: EpochHook
    ) -> tuple[TrainedHead, np.ndarray, Any]:
        head = replace(
            self.start,
            scale=self.start.scale.copy(),
            bias=self.start.bias.copy(),
            kernel=self.start.kernel.copy(),
            tag_thresholds=self.start.tag_thresholds.copy(),
            overrides={},
            concepts=_concept_matrix(self.start),
            faces=_face_matrix(self.start),
        )
        learned: dict[str, Learned] = {}
        # Every tag's answers and candidate bases first: the progress bar counts the fits the
        # choice among them makes (one per fold and candidate, and the folds of the correction
        # choice when a WordNet set may win), not a guess.
        plans = [self._plan(j, mask, targets, weights) for j in self.columns]
        steps = sum(plan.fits for plan in plans)
        done = 0

        def step() -> None:
            # One report per fit (folds included), so a cancel lands within milliseconds.
            nonlocal done
            done += 1
            if not on_epoch(min(done, steps), steps, float("nan")):
                raise Stopped()

        self._step = step
        for j, plan in zip(self.columns, plans, strict=True):
            tag, decided, rows, y = plan.tag, plan.decided, plan.rows, plan.y
            enough, choices = plan.enough, plan.choices
            w = np.where(mask, weights[:, j], 0.0)
            others = np.flatnonzero(mask & ~decided)
            best: tuple[float, ConceptFit | None, tuple[np.ndarray, np.ndarray] | None] | None
            best = None
            best_search, best_weights = "", w
            was = self.parent_kind.get(tag)
            for search, candidate in choices:
                # Each candidate is judged as it would be fitted. When the parent scored this
                # tag from another kind of base (say its examples' classes, now the face
                # detector; or faces times a class set, now faces alone), its scores on
                # unanswered photos would pull the new base back towards the ranking it
                # replaces, so the new base is fitted on the answers alone. Counting "faces x a
                # class set" as the kind "faces", taught "persons" (benchmarks/new_tags.py,
                # seed 1) kept v1's "faces x 'covering'" ranking for three review rounds: F1
                # 0.67/0.74/0.81, now 0.72/0.84/0.85. A class set refitted to other classes
                # (WordNet 'vehicle', then 'conveyance') keeps its parent's scores as a pull:
                # without it, vehicles lost 0.03 F1 over 6 seeds.
                fitted = w if was in (None, _base_kind(candidate)) else np.where(decided, w, 0.0)
                oof = (
                    self._out_of_fold(
                        j, targets[:, j], fitted, np.flatnonzero(rows), candidate, others, search
                    )
                    if enough
                    else None
                )
                ap = average_precision(y, oof[0]) if oof is not None else 0.0
                # A class set generalises beyond the photos answered; the embedding alone must
                # rank clearly better on them to be preferred, as must a set widened by the
                # examples' own classes or a face base narrowed by a class set. The face
                # detector alone is a base of the same standing as a class set: the better wins.
                # When both rank every answer right (AP 1 on a few dozen), the one whose
                # held-out scores are surer of them (lower log loss) explains the tag better.
                # "Clearly" is also beyond the noise of a few answers (core/candidate_choice.py).
                # (Without held-out scores, too few answers, the first candidate stays.)
                if best is None or (
                    oof is not None
                    and best[2] is not None
                    and clearly_better(y, oof[0], best[2][0], CONCEPT_MARGIN)
                ):
                    best, best_search, best_weights = (ap, candidate, oof), search, fitted
                elif search == "faces" and oof is not None and best[2] is not None:
                    if ap > best[0] or (
                        ap == best[0] and log_loss(y, oof[0]) < log_loss(y, best[2][0])
                    ):
                        best, best_search, best_weights = (ap, candidate, oof), search, fitted
            assert best is not None
            # A WordNet class set's correction must earn its place too: the set is a prior the
            # examples did not shape. A set from the examples' own classes loses it only when
            # the set alone is clearly better (core/correction_choice.py).
            embedding = True
            if best_search in CLASS_SETS and best[1] is not None and best[2] is not None:
                alone = self._out_of_fold(
                    j,
                    targets[:, j],
                    best_weights,
                    np.flatnonzero(rows),
                    best[1],
                    others,
                    best_search,
                    embedding=False,
                )
                embedding = (
                    keeps_correction(y, best[2][0], alone[0])
                    if best_search == "node"
                    else correction_helps(y, best[2][0], alone[0])
                )
                if not embedding:
                    best = (average_precision(y, alone[0]), best[1], alone)
            # A tag the default tagger already had is moved only when its answers say so: its
            # parent's column as it is (scored on answers it never learned from, so honestly
            # held out) is the simpler candidate, and the correction must rank the held-out
            # answers clearly better than it (core/correction_choice.py). Answers that agree
            # with a default tag taught it nothing, and a correction fitted to them still
            # moved it: 10 yes and 30 random no made 'fish' 0.92 -> 0.62, 'kitchen' 0.71 ->
            # 0.42 on photos never answered (benchmarks/corrected_tags.py).
            # With too few answers to hold any out, no correction can show it is better, and
            # none is made: two file keywords calling a teapot and a zucchini 'food' spread
            # 'food' to vases, goblets and a Dutch oven (the ImageNet sample photos). The
            # answers themselves stay the photos' tags; the tag is learned once there are
            # CALIBRATE_MIN of each.
            as_is = bool(self.start.base_index[j] >= 0 and best[2] is None)
            unchanged = (0.0, np.zeros(self.projected.shape[1]), 0.0)  # the parent's column
            if self.start.base_index[j] >= 0 and best[2] is not None:
                # The parent learned nothing from these answers: its scores of them are held out
                # as they are.
                parent = (
                    self._column_scores(j, np.flatnonzero(rows), *unchanged, None),
                    self._column_scores(j, others, *unchanged, None),
                )
                if not keeps_correction(y, best[2][0], parent[0]):
                    as_is = True
                    best = (average_precision(y, parent[0]), None, parent)
            w = best_weights  # fitted with the weights it was judged with (above)
            # The threshold comes from the chosen candidate's own out-of-fold scores, whose
            # folds each searched their class set from their own labels: a held-out photo is
            # scored by a model whose set was chosen without it. (Folds that all kept the set
            # chosen on every label scored held-out positives near 1: the set was picked to
            # fit them, so the tag looked better separated than it is.)
            calibration = best[2]
            if as_is:  # the parent's column, bit for bit (its threshold may still move)
                fit, concept = unchanged, None
                learned[tag] = Learned(
                    "kept",
                    f"{KEPT}: "
                    + (
                        "no correction told your answers apart better"
                        if enough
                        else f"a correction needs {CALIBRATE_MIN} yes and {CALIBRATE_MIN} no "
                        "answers"
                    ),
                )
            else:
                fit, concept = self._fit_column(
                    j, targets[:, j], w, decided & mask, best[1], embedding
                )
                learned[tag] = _describe(self.start, j, concept, self.probs[rows][y])
            self._apply(head, j, fit, concept)
            step()
            # A tag the default tagger had: the photos given it that it did not suggest were
            # chosen by what they show; the rest (suggestions accepted or rejected, review
            # answers, rejections) are read as chosen by score.
            given = (
                self.examples.get(tag, ())
                if self.start.base_index[j] < 0
                else self.labels.unsuggested.get(tag, ())
            )
            answered = [self.ids[i] for i in np.flatnonzero(rows)]  # their photo ids
            chosen_as_example = np.array([pid in given for pid in answered], bool)
            head.tag_thresholds[j] = tag_threshold(
                float(self.start.tag_thresholds[j]),
                bool(self.start.base_index[j] >= 0),
                y,
                w[rows],
                calibration,
                self.library_size - int(rows.sum()),
                chosen_as_example,
                # Folds that each searched their own class set score on another scale than the
                # saved model: their library probabilities are carried over to its scores of
                # the same photos, by rank (core/tag_threshold.py).
                None
                if calibration is None or concept is None
                else self._column_scores(j, others, *fit, concept),
                same_scale=True,
                # Its scores of the answers: where no unanswered photo is likely the tag's,
                # the cut goes into the gap between them and the yes answers on its scale.
                final_labelled=None
                if calibration is None or concept is None
                else self._column_scores(j, np.flatnonzero(rows), *fit, concept),
            )
            if head.tag_thresholds[j] >= NOTHING_TAKEN and self.start.base_index[j] < 0:
                # Its held-out answers could not place it (tag_threshold): it stays on the
                # photos said yes to, and `train` says so (and where its answers split by
                # folder, that; not where answers enough elsewhere could tell what the pictures
                # show: then the folders are not why, folder_answers).
                found = (
                    folder_answers(self.folder_of, self.folder_sizes, answered, y)
                    if enough and _no_group(concept)
                    else None
                )
                if found is not None and found.enough_elsewhere:
                    found = None
                learned[tag] = _by_folder(replace(learned[tag], own_photos=True), found)
            elif plan.yes_only:
                # Taught from yes answers alone (or 1-4 "no"): nothing above checked that the tag
                # is anything the model can see. Held out against unanswered photos, yes answers
                # it cannot place score like them, or (short of a clear lead) land above the share
                # of them its cut takes no more often than chance would put unanswered photos
                # there (core/tag_threshold.YesOnlyCheck): no unanswered photo is taken for it.
                taken = self._column_scores(j, others, *fit, concept) >= head.tag_thresholds[j]
                check = YesOnlyCheck(
                    *self._yes_out_of_fold(
                        j, targets[:, j], w, np.flatnonzero(rows), y, best_search, best[1], others
                    ),
                    float(taken.mean()) if len(others) else 0.0,
                )
                self.yes_only[tag] = check
                # Where its yes answers are whole folders, `train` says that labelling a folder
                # tags its photos, beside answering no (core/no_answers.py), whether it spreads
                # or stays on its yes answers.
                split = whole_folders(self.folder_of, self.folder_sizes, answered, y)
                if not check.spreads:
                    head.tag_thresholds[j] = NOTHING_TAKEN
                    learned[tag] = replace(learned[tag], own_photos=True, folders=split)
                elif split is not None:
                    learned[tag] = replace(learned[tag], folders=split)
            elif enough and _no_group(concept) and self.start.base_index[j] < 0:
                found = folder_answers(self.folder_of, self.folder_sizes, answered, y)
                if found is not None and not self._spreads_past_folders(
                    j,
                    targets[:, j],
                    w,
                    (np.flatnonzero(rows), y),
                    others,
                    found,
                    (best_search, best[1], embedding),
                ):
                    # Learned from its examples (no WordNet group fits it), its yes answers whole
                    # folders and its "no" answers whole folders (folder_answers): the held-out
                    # check above cannot tell the tag from the folders. Photos of one kind look
                    # alike wherever they are, so a fold's fit ranks a held-out photo of the yes
                    # folder above one of the no folder for its kind alone: 'holiday Crete' said
                    # yes on a trip's 60 photos of every kind and no on another folder's 60
                    # passed the beyond-chance line (ranks_yes_higher) and went onto 18-58 more
                    # photos of 407 (benchmarks/folder_tags.py, 5 draws). It stays on its yes
                    # answers, and `train` says why (core/no_answers.py). With 2 folders or
                    # more on each side, folds by folder can check it, and answers elsewhere,
                    # 5 yes and 5 no or more, can (_spreads_past_folders).
                    head.tag_thresholds[j] = NOTHING_TAKEN
                    learned[tag] = _by_folder(replace(learned[tag], own_photos=True), found)
            # The set alone ranks photos by their class mass only: a "no" on a photo with more
            # of it than the yes answers cannot move it, nor its lookalikes (ml/lookalikes.py).
            # Such a rejection is kept with the version, and its lookalikes held under the cut.
            set_alone = not embedding and not as_is
            self._keep_rejections(head, j, np.flatnonzero(rows), y, fit, concept, kept=set_alone)
            # So are the kinds outside its WordNet group that only a yes photo's half guess
            # lends weight: a photo the tagger is sure shows one is held under the cut too.
            self._keep_unshown(head, j, np.flatnonzero(rows)[y], concept if set_alone else None)
        if done < steps and not on_epoch(steps, steps, float("nan")):
            # Fewer fits than foreseen (a candidate set not tried): the bar still ends full.
            raise Stopped()
        self.learned = learned
        return head, self._scores(head), None

    def _spreads_past_folders(
        self,
        j: int,
        targets: np.ndarray,
        weights: np.ndarray,
        answers: tuple[np.ndarray, np.ndarray],
        others: np.ndarray,
        found: FolderAnswers,
        base: tuple[str, ConceptFit | None, bool],
    ) -> bool:
        """Whether column `j`, learned from its examples (`base`: the search, the class set
        and whether the embedding corrects it, as chosen), its answers (`answers`: rows, yes)
        whole folders on both sides (`found`: folder_answers) and maybe some elsewhere, may
        spread: where its whole folders span 2 or more each side, their answers ranked, in
        folders its fit did not see, beyond chance and clearly (ranks_clearly), in every fold
        of folds by folder (yes folders and "no" folders held out together); or its answers
        elsewhere, CALIBRATE_MIN yes and CALIBRATE_MIN no or more, ranked so by a fit that did
        not see them. False otherwise.

        Every fold, and clearly (FOLDER_CLEAR_AUC): photos of one kind fall in several folders
        (a library's bursts, det-photos' 5 per kind), so held-out answers are fewer draws than
        their count, and random photos passed the beyond-chance line: 'holiday Crete' said yes
        on two folders of random photos and no on two others, 30 each, held out 0.646 pooled
        (line 0.587), 0.634 and 0.691 per fold (line 0.624), and went onto 165 photos more
        (benchmarks/folder_tags.py, seed 3). Fewer answers elsewhere cannot show it: 'holiday
        Crete', yes on Crete and no on WhatsApp (20 photos each), then yes on a helmet and no on
        a vacuum in Home from the review queue, passed the beyond-chance check of all its
        answers (photos of one kind look alike wherever they are) and went onto 11 random photos
        more (fold40)."""
        rows, y = answers
        out = found.elsewhere
        search, concept, embedding = base
        k = min(len(found.yes), len(found.no), FOLDS)
        if k >= 2:
            inside, said = rows[~out], y[~out]
            group = {f: i % k for i, f in enumerate(found.yes)}
            group |= {f: i % k for i, f in enumerate(found.no)}
            fold = np.array([group[self.folder_of[self.ids[i]]] for i in inside])
            held, _ = self._out_of_fold(
                j, targets, weights, inside, concept, others, search, embedding, folds=fold
            )
            if all(ranks_clearly(said[fold == f], held[fold == f]) for f in range(k)):
                return True
        if not found.enough_elsewhere:
            return False
        held, _ = self._out_of_fold(
            j, targets, weights, rows, concept, others, search, embedding, np.where(out, 0, -1)
        )
        return ranks_clearly(y[out], held[out])

    def _keep_rejections(
        self,
        head: TrainedHead,
        j: int,
        rows: np.ndarray,
        y: np.ndarray,
        fit: tuple[float, np.ndarray, float],
        concept: ConceptFit | None,
        kept: bool,
    ) -> None:
        """Column `j`'s kept rejections and their kinds (ml/lookalikes.py), made again from its
        answers (the labelled `rows`, answers `y`): when `kept` (its weights are the class set
        alone), the rejections `fit` scores at its threshold or above, with the tag's yes
        answers, and the classes those rejections are most likely that no yes answer shares."""
        columns = head.lookalike_tags
        others = np.ones(0, bool) if columns is None else columns != j
        vectors = [] if head.lookalikes is None else [head.lookalikes[others]]
        tags = [] if columns is None else [columns[others]]
        levels = [] if head.lookalike_levels is None else [head.lookalike_levels[others]]
        rejected = rows[~y]
        over = near = np.zeros(0, int)
        if kept and len(rejected) and y.any():
            scores = self._column_scores(j, rejected, *fit, concept)
            over = rejected[scores >= float(head.tag_thresholds[j])]
            # A kind is named by the rejections the tag takes or nearly takes: those it
            # scores where it holds the kind's photos (MARGIN under the cut) or above. Every
            # rejection (30 random ones in benchmarks/new_tags.py) cost music 0.02 F1 on one
            # seed of 3 at every step; over the cut only, a cut that rose past the rejection
            # (0.95 after it) left its kind's other photos tagged (a bookshelf for "shops").
            near = rejected[scores >= held_under(float(head.tag_thresholds[j]))]
        self._keep_kinds(head, j, near, rows[y])
        if len(over):
            level = answer_level(self.unit[rows], y)
            yes = rows[y]
            vectors.append(self.unit[np.concatenate([over, yes])])
            tags.append(np.full(len(over) + len(yes), j))
            levels.append(
                np.concatenate([np.full(len(over), level), np.full(len(yes), -1.0)]).astype(
                    np.float32
                )
            )
        if columns is None and not len(over):
            return
        head.lookalikes = np.concatenate(vectors).astype(np.float32)
        head.lookalike_tags = np.concatenate(tags).astype(int)
        head.lookalike_levels = np.concatenate(levels).astype(np.float32)

    def _keep_kinds(self, head: TrainedHead, j: int, over: np.ndarray, yes: np.ndarray) -> None:
        """Column `j`'s rejected kinds (ml/lookalikes.py) made again: those of the kept
        rejections `over` (rows) that no yes answer (rows `yes`) shares."""
        weights = head.column_classes(j)
        # A tag with no class set (faces alone) is not told apart by kind.
        over = over if weights.any() else over[:0]
        kinds = rejected_kinds(self.probs[over], self.probs[yes], weights)
        if head.kind_tags is None and not len(kinds):
            return
        assert head.kinds is not None or head.kind_tags is None
        head.kinds, head.kind_tags = column_rows(head.kinds, head.kind_tags, j, kinds)

    def _keep_unshown(
        self, head: TrainedHead, j: int, yes: np.ndarray, concept: ConceptFit | None
    ) -> None:
        """Column `j`'s unshown kinds (ml/lookalikes.py) made again: those of its WordNet set
        `concept` (None: its weights are not the set alone, and it has none) that no yes
        answer (rows `yes`) is sure of (core/concepts.unshown_kinds)."""
        kinds = unshown_kinds(concept, self.probs[yes])
        if head.unshown_tags is None and not len(kinds):
            return
        head.unshown, head.unshown_tags = column_rows(head.unshown, head.unshown_tags, j, kinds)

    def _plan(self, j: int, mask: np.ndarray, targets: np.ndarray, weights: np.ndarray) -> _Plan:
        """Column `j`'s answers and the bases it may start from (fit's candidates)."""
        tag = self.start.tags[j]
        # This tag's answers. A photo answered for another tag only is not one: its target
        # here is the parent's score (a distilled soft target), and counted as an answer
        # it made another tag's photos yes/no answers about this one, as the parent guessed
        # them (taught "persons", benchmarks/new_tags.py seed 4: 45 answers became 80).
        decided = np.array([tag in self.labels.by_photo.get(p, {}) for p in self.ids], bool)
        rows = decided & mask & (weights[:, j] > 0)
        y = targets[rows, j] > 0.5
        enough = y.sum() >= CALIBRATE_MIN and (~y).sum() >= CALIBRATE_MIN
        # With enough labels, a new tag's class set must earn its place. Candidates, in
        # order of preference: the WordNet set (core/concepts.py) with the classes the
        # positives show, and their WordNet neighbours, added at their weights
        # (core/class_neighbours.py), the face detector's signals (core/face_concepts.py),
        # that set widened by the positives' own likeliest classes instead, faces times the
        # set, every class the positives show weighted by how strongly and spread to their
        # WordNet neighbours, and the embedding alone ("from your examples").
        # A later one is kept only if it ranks the held-out labels clearly better. Each
        # candidate's class set is searched again inside every fold, from that fold's
        # labels only: a set chosen on all labels ranks them well by construction (a
        # search among a few hundred sets; the own classes are the positives' by
        # definition), which made a poor set (clothing for "people") look better than the
        # examples it then lost to on the photos never answered.
        found = None
        choices: list[tuple[str, ConceptFit | None]] = []
        # Fewer "no" answers than the held-out choice needs (1-4: the first review answers to a
        # tag taught from yes answers): the class set is searched, and the face detector
        # priced, from the yes answers alone, as with no "no" at all; the rejections teach the
        # correction (and the neighbour classes left out). With them in the search, the set
        # lost its widening for yes answers, or failed the search's checks, and the tag fell
        # to its examples: 'monkeys' taught from 4 monkeys went from 'primate' to 'monkey' on
        # 2 "no" (tests/test_new_tag_few_no_keeps_its_base.py); kitchenware, one review round
        # in (4 "no"), to 914 photos tagged (benchmarks/new_tags.py --no-answers 0, seed 8).
        few_no = bool(y.any() and not enough and (~y).sum() < CALIBRATE_MIN)
        yes_rows = np.flatnonzero(rows)[y] if few_no else np.flatnonzero(rows)
        if self.start.base_index[j] < 0:
            found = fit_concept(self.probs[yes_rows], y[y] if few_no else y, self.library_mean)
            if found is not None:
                # The node widened by what the examples show (core/class_weights.py).
                choices.append(("node", _widened(found, self.probs[rows], y)))
            if enough:
                # The face detector's signals (core/face_concepts.py), a base of the same
                # standing as the class set; the widened set and faces times the class set
                # come after, as refinements that must earn their place.
                faces = self._face_fit(np.flatnonzero(rows), y, None)
                if faces is not None:
                    choices.append(("faces", faces))
                wider = with_own_classes(found, self.probs[rows], y)
                if wider is not None:
                    choices.append(("own", wider))
                both = self._face_fit(np.flatnonzero(rows), y, found) if found else None
                if faces is not None and both is not None:
                    choices.append(("faces+node", both))
                weighted = neighbour_class_weights(self.probs[rows], y)
                if weighted is not None:
                    choices.append(("weighted", weighted))
            elif few_no:
                # Yes answers alone (or 1-4 "no" besides): no held-out choice, so the first
                # candidate is the base.
                # The face detector goes first when the answers show faces clearly more often
                # than the library's unanswered photos and the class set, priced per answer,
                # explains them worse (core/face_concepts.py). Taught "persons" from 10 yes, the
                # tag started from a WordNet set ('stethoscope' + 'equipment') on every seed of
                # 10. Not when the answers with a face all show one kind the tagger is sure of
                # (the answers' probabilities passed): "brass" taught on 5 trombones, 4 with
                # their player's face, went to violins with faces.
                faces = yes_only_face_concept(
                    self.faces.rows(yes_rows),
                    self.faces.rows(np.flatnonzero(mask & ~decided)),
                    self.probs.shape[1],
                    None
                    if found is None
                    else yes_lift(found, self.probs[yes_rows], self.library_mean),
                    None if found is None else self.probs[yes_rows],
                )
                if faces is not None:
                    choices.insert(0, ("faces", faces))
        if enough or not choices:
            choices.append(("examples", None))
        yes_only = bool(self.start.base_index[j] < 0 and few_no and y.sum() >= FOLDS)
        return _Plan(tag, decided, rows, y, bool(enough), choices, yes_only)

    def _scores(self, head: TrainedHead) -> np.ndarray:
        """head.scores of the rows, bit for bit, from the rows' softmax computed once (it took
        5 softmaxes of the same rows per training): up to TrainedHead.scores's chunk
        (SCORE_CHUNK rows) that is one chunk, whose softmax is self.probs."""
        if head.base is not self.start.base:
            return head.scores(self.embeddings, faces=self.faces)
        if len(self.embeddings) <= SCORE_CHUNK:
            return head.scores_given(self.embeddings, probs=self.probs, faces=self.faces)
        # More rows: TrainedHead.scores's chunks, each from its rows of self.probs, which a
        # matrix product of many rows gives with the same bits whatever rows are around them
        # (tests/test_retrain_setup_reads.py). A last chunk of a few rows is computed as
        # scores computes it: one row is a vector product, and OpenBLAS multiplies a few rows
        # by another kernel on AVX-512 machines. Each chunk's softmax was 0.2-0.5 s a fit.
        parts = []
        for start in range(0, len(self.embeddings), SCORE_CHUNK):
            rows = slice(start, start + SCORE_CHUNK)
            embeddings = self.embeddings[rows]
            probs = self.probs[rows] if len(embeddings) >= _SHARED_SOFTMAX_ROWS else None
            parts.append(head.scores_given(embeddings, probs=probs, faces=self.faces.rows(rows)))
        return np.concatenate(parts)

    def _fit_column(
        self,
        j: int,
        targets: np.ndarray,
        weights: np.ndarray,
        labelled: np.ndarray,
        concept: ConceptFit | None,
        embedding: bool = True,
    ) -> tuple[tuple[float, np.ndarray, float], ConceptFit | None]:
        """(d_scale, weights in the basis, d_bias), fitted on rows of weight > 0, and the class
        set a tag the user invented starts from (`concept`; None: from its examples alone).
        Without `embedding`, only the base's scale and bias move: its weights in the basis are
        exactly 0 (a zero feature has no gradient and its own penalty keeps it at 0)."""
        start_logit, base = self.start_logits[:, j], self.base_logits[:, j]
        learn_scale = self.start.base_index[j] >= 0
        if self.start.base_index[j] >= 0:
            concept = None  # a known tag keeps its own base
        else:
            # A tag the user invented: its starting point is refitted from its labels each time.
            if concept is not None:
                start_logit = base = self._concept_logit(concept)
                learn_scale = True
            else:
                prior = logit(np.array(NEW_TAG_PRIOR))
                start_logit = np.full(len(self.ids), float(prior))
                base = np.zeros(len(self.ids))
                learn_scale = False
        # Unlabelled photos (distilled, or weak negatives) together weigh at most as much as
        # the labels: they steady the tag, they must not outvote the user.
        weights = weights.copy()
        lab, free = labelled & (weights > 0), ~labelled & (weights > 0)
        if concept is not None and self.start.tags[j] not in self.parent_kind:
            # A tag the parent lacked: its unanswered photos are weak negatives (targets_for in
            # core/training_set.py). Under a class set, each is asked for what the set says of
            # it instead of 0: the unanswered photos with much of the set were the only weak
            # negatives with any loss, so the correction learned to cut them. Taught "monkeys"
            # from 10 yes (3 monkeys with 2 crops each, and a 4th), a 5th monkey and its crops
            # scored 0.14 under 'primate' (the set gave it 0.92); now 0.97.
            targets = targets.copy()
            targets[free] = clipped_sigmoid(base[free])
        if free.sum() > FIT_UNLABELLED:  # a fixed random subset is as steadying, and faster
            keep = self._shuffled[free[self._shuffled]][:FIT_UNLABELLED]
            kept = weights[keep].copy()
            weights[free] = 0.0
            weights[keep] = kept
            free = np.zeros_like(free)
            free[keep] = True
        lab_total, free_total = float(weights[lab].sum()), float(weights[free].sum())
        if free_total > lab_total > 0:
            weights[free] *= lab_total / free_total
        c = fit_correction(
            start_logit,
            base,
            self.projected if embedding else np.zeros_like(self.projected),
            targets,
            weights,
            labelled_weight=lab_total,
            learn_scale=learn_scale,
            direction_penalty=L2_DIRECTION if learn_scale else L2_EXAMPLES,
        )
        return (c.d_scale, c.weights, c.d_bias), concept

    def _apply(
        self,
        head: TrainedHead,
        j: int,
        fit: tuple[float, np.ndarray, float],
        concept: ConceptFit | None,
    ) -> None:
        d_scale, u, d_bias = fit
        direction = self.basis.vectors @ u
        assert head.concepts is not None
        if self.start.base_index[j] < 0:
            head.concepts[:, j] = 0 if concept is None else concept.classes
            assert head.faces is not None
            head.faces[j] = concept.face if isinstance(concept, FaceConcept) else 0
            head.scale[j] = (1.0 if concept is not None else 0.0) + d_scale
            head.kernel[:, j] = direction
            head.bias[j] = (
                0.0 if concept is not None else float(logit(np.array(NEW_TAG_PRIOR)))
            ) + d_bias
        else:
            head.scale[j] += d_scale
            head.kernel[:, j] += direction
            head.bias[j] += d_bias

    def _out_of_fold(
        self,
        j: int,
        targets: np.ndarray,
        weights: np.ndarray,
        rows: np.ndarray,
        concept: ConceptFit | None,
        others: np.ndarray,
        search: str = "",
        embedding: bool = True,
        folds: np.ndarray | None = None,
    ) -> tuple[np.ndarray, np.ndarray]:
        """Scores of the labelled `rows`, each from a fit that did not see it, and the mean
        score the fold fits give the unlabelled rows `others`. `search` ("node", "own" or
        "weighted"):
        each fold looks for its class set that way from its own labels (what choosing a set
        is worth), instead of keeping `concept`; "faces" or "faces+node": each fold fits its
        face base (and class set) from its own labels. `folds`: each row's fold, where not by
        photo id (_spreads_past_folders: by folder)."""
        # Folds by photo id, stratified: positives and rejections spread over every fold.
        positive = targets[rows] > 0.5
        fold = (
            _folds(np.array(self.ids)[rows], np.flatnonzero(positive), np.flatnonzero(~positive))
            if folds is None
            else folds
        )
        labelled = np.zeros(len(self.ids), bool)
        labelled[rows] = True
        scores = np.zeros(len(rows))
        unlabelled = np.zeros(len(others))
        for f in range(FOLDS):
            held = rows[fold == f]
            if folds is not None and not len(held):
                continue  # fewer folders than folds
            w = weights.copy()
            w[held] = 0.0
            kept = rows[fold != f]
            in_fold = concept
            fold_y = targets[kept] > 0.5
            if search in ("node", "own"):  # the search itself is part of what is validated
                in_fold = self._fold_concept(kept, fold_y)
                if search == "node":
                    in_fold = _widened(in_fold, self.probs[kept], fold_y)
                else:
                    in_fold = with_own_classes(in_fold, self.probs[kept], fold_y) or in_fold
            elif search in ("faces", "faces+node"):
                node = self._fold_concept(kept, fold_y) if search == "faces+node" else None
                in_fold = self._face_fit(kept, fold_y, node)
            elif search == "weighted":
                in_fold = neighbour_class_weights(self.probs[kept], fold_y)
            (d_scale, u, d_bias), used = self._fit_column(
                j, targets, w, labelled & (w > 0), in_fold, embedding
            )
            scores[fold == f] = self._column_scores(j, held, d_scale, u, d_bias, used)
            unlabelled += self._column_scores(j, others, d_scale, u, d_bias, used) / FOLDS
            self._step()
        return scores, unlabelled

    def _yes_out_of_fold(
        self,
        j: int,
        targets: np.ndarray,
        weights: np.ndarray,
        rows: np.ndarray,
        y: np.ndarray,
        search: str,
        concept: ConceptFit | None,
        others: np.ndarray,
    ) -> tuple[np.ndarray, np.ndarray]:
        """Scores of a yes-only tag's yes answers (`rows` where `y`) and of the unanswered rows
        `others`, each from a fit that did not see it: the yes answers and the unanswered
        photos are split into FOLDS folds alike, and each fold's fit leaves out both of its
        shares (an unanswered photo is a weak negative of the fits that see it, scored low by
        them for that alone). A class set ("node") is searched again from each fold's yes
        answers, as _plan searched it from all of them; another base is kept."""
        yes = rows[y]
        fold = _folds(np.array(self.ids), yes, others)
        labelled = np.zeros(len(self.ids), bool)
        labelled[rows] = True
        held_yes, held_others = np.zeros(len(yes)), np.zeros(len(others))
        for f in range(FOLDS):
            out_yes, out_others = fold[yes] == f, fold[others] == f
            w = weights.copy()
            w[yes[out_yes]] = 0.0
            w[others[out_others]] = 0.0
            in_fold = concept
            if search == "node":
                kept = yes[~out_yes]
                in_fold = _widened(
                    fit_concept(self.probs[kept], np.ones(len(kept), bool), self.library_mean),
                    self.probs[rows[w[rows] > 0]],
                    targets[rows[w[rows] > 0]] > 0.5,
                )
            (d_scale, u, d_bias), used = self._fit_column(
                j, targets, w, labelled & (w > 0), in_fold
            )
            held_yes[out_yes] = self._column_scores(j, yes[out_yes], d_scale, u, d_bias, used)
            held_others[out_others] = self._column_scores(
                j, others[out_others], d_scale, u, d_bias, used
            )
            self._step()
        return held_yes, held_others

    def _fold_concept(self, kept: np.ndarray, y: np.ndarray) -> ConceptFit | None:
        """fit_concept on the rows `kept` (answers `y`): a fold's class set. The candidates
        "node", "own" and "faces+node" each search it in the same folds of a tag's answers,
        and the search is the fits' largest cost (a few hundred WordNet nodes' mass per row):
        each fold's is searched once per fit."""
        key = kept.tobytes() + y.tobytes()
        if key not in self._fold_concepts:
            if len(self._fold_concepts) > 4 * FOLDS:
                self._fold_concepts.clear()
            self._fold_concepts[key] = fit_concept(self.probs[kept], y, self.library_mean)
        return self._fold_concepts[key]

    def _concept_logit(self, concept: ConceptFit) -> np.ndarray:
        """Logit of a class set's mass on every row. Folds and candidates often share a set:
        each is computed once per training run (a product with 1,000 classes per row)."""
        key = concept.classes.tobytes()
        if isinstance(concept, FaceConcept):
            key += concept.face.tobytes()
        found = self._masses.get(key)
        if found is None:
            if len(self._masses) > 64:
                self._masses.clear()
            if isinstance(concept, FaceConcept):
                classes = None
                if concept.classes.any():
                    mass = np.clip(self.probs @ concept.classes, 0.0, 1.0)
                    classes = logit(mass).astype(np.float32)
                found = face_concept_logit(concept, self.faces, classes)
            else:
                mass = np.clip(self.probs @ concept.classes, 0.0, 1.0)
                found = logit(mass).astype(np.float64)
            self._masses[key] = found
        return found

    def _face_fit(
        self, rows: np.ndarray, y: np.ndarray, node: ConceptFit | None
    ) -> FaceConcept | None:
        """The face base of the labelled `rows` (answers `y`), times `node`'s class set if
        given; photos without a face record are left out of its fit, not taken as faceless."""
        return fit_face_concept(self.faces.rows(rows), y, self.faces, self.probs.shape[1], node)

    def _column_scores(
        self,
        j: int,
        held: np.ndarray,
        d_scale: float,
        u: np.ndarray,
        d_bias: float,
        concept: ConceptFit | None,
    ) -> np.ndarray:
        correction = self.projected[held] @ u + d_bias
        if self.start.base_index[j] >= 0:
            z = self.start_logits[held, j] + d_scale * self.base_logits[held, j] + correction
        elif concept is not None:
            z = (1.0 + d_scale) * self._concept_logit(concept)[held] + correction
        else:
            z = float(logit(np.array(NEW_TAG_PRIOR))) + correction
        return clipped_sigmoid(z)


# The present photos of each of the given folders (store.photos.counts_by_folder restricted
# to them; a folder with none left out).
FolderSizes = Callable[[Sequence[str]], Mapping[str, int]]


def column_rows(
    values: np.ndarray | None, tags: np.ndarray | None, j: int, rows: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """A head's per-tag rows (`values`, with the column `tags` each is for; None: none yet)
    with column `j`'s replaced by `rows`: a version's rejected or unshown kinds made again."""
    others = np.ones(0, bool) if tags is None else tags != j
    old = np.zeros(0, int) if values is None else values[others]
    old_tags = np.zeros(0, int) if tags is None else tags[others]
    return (
        np.concatenate([old, rows]).astype(int),
        np.concatenate([old_tags, np.full(len(rows), j)]).astype(int),
    )


class FolderSizeReads:
    """A training's `FolderSizes`: each folder's photos read once (`read`: store's
    counts_by_folder of some folders), however many tags and fits ask. Every yes-only tag's
    answers are all one way, so each asked for the sizes of every folder its answers lie in
    (tag_learning.whole_folders), in each fit: a library with dozens of keyword tags read the
    same folders dozens of times (read40)."""

    def __init__(self, read: FolderSizes) -> None:
        self._read = read
        self._known: dict[str, int] = {}

    def __call__(self, folders: Sequence[str]) -> Mapping[str, int]:
        new = [f for f in folders if f not in self._known]
        if new:
            found = self._read(new)
            self._known.update({f: int(found.get(f, 0)) for f in new})
        return {f: self._known[f] for f in folders if self._known[f]}


@dataclass(frozen=True)
class FolderAnswers:
    """A tag's answers where some are whole folders on both sides (folder_answers): the
    folders whose every photo is answered yes, those whose every photo is answered no, and
    which answers lie elsewhere (`elsewhere`, per answer: on photos of folders not wholly
    answered one way), with how many of those are yes and no."""

    yes: tuple[str, ...]
    no: tuple[str, ...]
    elsewhere: np.ndarray
    yes_elsewhere: int = 0
    no_elsewhere: int = 0

    @property
    def split(self) -> tuple[tuple[str, ...], tuple[str, ...]]:
        return self.yes, self.no

    @property
    def counts(self) -> tuple[int, int]:
        """(yes, no) answers elsewhere."""
        return self.yes_elsewhere, self.no_elsewhere

    @property
    def enough_elsewhere(self) -> bool:
        """Whether the answers elsewhere are enough to show the tag is something the pictures
        show: CALIBRATE_MIN yes and CALIBRATE_MIN no or more (none elsewhere: False). Where
        they are not, nothing but the folders tells the answers apart."""
        return min(self.counts) >= CALIBRATE_MIN


def folder_answers(
    folder_of: dict[int, str], folder_sizes: FolderSizes, photo_ids: list[int], y: np.ndarray
) -> FolderAnswers | None:
    """The folders (`folder_of`, by photo id) wholly answered yes and wholly answered no among
    the answered photos `photo_ids` (answers `y`), where there is at least one of each, and the
    answers elsewhere; None otherwise. `folder_sizes`: the photos in the folders asked for,
    read only for folders whose answers are all one way, and only where both ways have one
    (reading every folder's took 0.08-0.21 s of each training at 500,000 photos). The head
    path (ConceptTrainer), the deep fine-tune (core/retrain_deep.py) and the review queue
    (core/model/review.py) read it.

    Only there can the folder be what tells the answers apart (a trip's folder said yes,
    another folder no), and answers elsewhere, a few photos answered one by one from the review
    queue, do not change that: 'holiday Crete', yes on Crete and no on WhatsApp (20 photos
    each), then yes on a helmet and no on a vacuum in Home, went onto 11 random photos more
    (fold40). Yes on a whole folder and no on some photos elsewhere is a common way to teach,
    and leaves photos of the yes folder's kinds unanswered in the "no" folders: no whole "no"
    folder, None: "my stuff" said yes on fav/ (3 rays, 3 violins, 3 pizzas) and no on 10 of the
    other photos of misc1/ and misc2/ (one more of each kind in each) stayed on its 9 yes
    answers where it had gone onto all 15 rays, violins and pizzas, none wrong.

    With answers elsewhere, the whole folders must hold CALIBRATE_MIN yes answers and
    CALIBRATE_MIN "no" or more: answers given photo by photo across a library of small folders
    (a folder per day) leave some folder of 1 or 2 photos wholly answered now and then, which
    says nothing of how the tag was taught."""
    answered = _answers_by_folder(folder_of, photo_ids, y)
    one_way = {f: said[0] for f, said in answered.items() if f and len(set(said)) == 1}
    if not (any(one_way.values()) and not all(one_way.values())):
        return None
    size = folder_sizes(sorted(one_way))
    whole = {f: said for f, said in one_way.items() if len(answered[f]) >= size.get(f, 0)}
    yes = tuple(sorted(f for f, said in whole.items() if said))
    no = tuple(sorted(f for f, said in whole.items() if not said))
    if not yes or not no:
        return None
    y = np.asarray(y, bool)
    elsewhere = np.array([folder_of.get(p, "") not in whole for p in photo_ids], bool)
    inside = (int((~elsewhere & y).sum()), int((~elsewhere & ~y).sum()))
    if elsewhere.any() and min(inside) < CALIBRATE_MIN:
        return None
    return FolderAnswers(
        yes, no, elsewhere, int((elsewhere & y).sum()), int((elsewhere & ~y).sum())
    )


def whole_folders(
    folder_of: dict[int, str], folder_sizes: FolderSizes, photo_ids: list[int], y: np.ndarray
) -> tuple[tuple[str, ...], tuple[str, ...]] | None:
    """The folders of the yes answers and of the "no" answers where every answered folder is
    answered whole and one way, with one yes folder at least ("no" folders may be none); None
    otherwise. A tag said yes on whole folders and on nothing else (the yes-only path, where
    folder_answers, which needs a whole "no" folder too, finds none) is told that labelling a
    folder tags its photos (core/no_answers.py, polish40)."""
    answered = _answers_by_folder(folder_of, photo_ids, y)
    if "" in answered or any(len(set(said)) > 1 for said in answered.values()):
        return None
    size = folder_sizes(sorted(answered))
    if any(len(said) < size.get(f, 0) for f, said in answered.items()):
        return None
    yes = tuple(sorted(f for f, said in answered.items() if said[0]))
    no = tuple(sorted(f for f, said in answered.items() if not said[0]))
    return (yes, no) if yes else None


def _answers_by_folder(
    folder_of: dict[int, str], photo_ids: list[int], y: np.ndarray
) -> dict[str, list[bool]]:
    """The answers `y` of the photos `photo_ids`, by the folder each is in (`folder_of`; "" for
    a photo whose folder is not known): folder_answers' and whole_folders' first step."""
    answered: dict[str, list[bool]] = {}
    for photo, said in zip(photo_ids, y, strict=True):
        answered.setdefault(folder_of.get(photo, ""), []).append(bool(said))
    return answered


def ranks_clearly(y: np.ndarray, held: np.ndarray) -> bool:
    """Whether held-out scores `held` rank the yes answers `y` above the no answers beyond
    chance and clearly (FOLDER_CLEAR_AUC): a tag taught by folders spreads only so
    (ConceptTrainer._spreads_past_folders, core/retrain_deep.py)."""
    return bool(
        ranks_yes_higher(y, held, beyond_chance=True)
        and yes_ranked_above(held[y], held[~y]) >= FOLDER_CLEAR_AUC
    )


def _by_folder(learned: Learned, found: FolderAnswers | None) -> Learned:
    """`learned` with the folders of its answers, and its answers elsewhere (folder_answers)."""
    if found is None:
        return learned
    return replace(learned, folders=found.split, elsewhere=found.counts)


def _folds(ids: np.ndarray, *groups: np.ndarray) -> np.ndarray:
    """The fold of each of `ids` (photo ids) in `groups` (positions in `ids`; the others are
    left unset), each group spread over the FOLDS folds in the order of a hash of the ids: a
    photo falls in the same fold in every training."""
    fold = np.empty(len(ids), int)
    for group in groups:
        order = group[np.argsort(ids[group] * 2654435761 % 2**32)]
        fold[order] = np.arange(len(order)) % FOLDS
    return fold


def _widened(found: ConceptFit | None, probs: np.ndarray, y: np.ndarray) -> ConceptFit | None:
    """A WordNet set with the classes its examples show, and their WordNet neighbours, added
    at their weights (core/class_neighbours.py); the set itself when nothing is added."""
    if found is None:
        return None
    return neighbour_class_weights(probs, y, found) or found


def _no_group(concept: ConceptFit | None) -> bool:
    """Whether a base no WordNet group shapes: the examples alone, or the ImageNet classes the
    yes answers show (a folder's photos of every kind show theirs too: _spreads_past_folders),
    not the face detector."""
    return concept is None or (not isinstance(concept, FaceConcept) and not concept.names)


def _base_kind(concept: ConceptFit | None) -> tuple[bool, bool]:
    """(has a class set, reads the face detector) for a base (None: from the examples)."""
    if concept is None:
        return (False, False)
    return (bool(concept.classes.any()), isinstance(concept, FaceConcept))


def _concept_matrix(head: TrainedHead) -> np.ndarray:
    if head.concepts is not None:
        return head.concepts.astype(np.float32).copy()
    return np.zeros((head.base.kernel.shape[1], len(head.tags)), np.float32)


def _face_matrix(head: TrainedHead) -> np.ndarray:
    if head.faces is not None:
        return head.faces.astype(np.float32).copy()
    return np.zeros((len(head.tags), PARAMETERS), np.float32)


def _describe(
    start: TrainedHead, j: int, concept: ConceptFit | None, positives: np.ndarray
) -> Learned:
    """How column j was learned; `positives`: the ImageNet probabilities of its yes answers."""
    if start.base_index[j] >= 0:
        return Learned("corrected", "the default tagger, corrected by your decisions")
    if concept is None:
        return Learned("examples", "from your examples")
    how = "faces" if isinstance(concept, FaceConcept) else "concept"
    named = tuple((g, tuple(c)) for g, c in classes_named(concept, positives).items())
    return Learned(how, concept.label, concept.wnids, named)
