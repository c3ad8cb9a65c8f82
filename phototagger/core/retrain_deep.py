"""The deeper fine-tune's training run: decode the labelled photos again, train the CNN's top.

Only labelled photos, a small sample of others for distillation and another for the preview
are decoded; a photo whose file cannot be read any more is left out of this run.

As on the head path:
- Thresholds are never calibrated on rows just fitted. A deep fit is too slow to repeat per fold:
  a tag of yours its parent learned, answered 5 yes and 5 no or more, is learned as `train` learns
  it from the same answers, its column, cut (from out-of-fold scores) and record, and the top
  does not learn from its answers (DeepTrainer._plain_fit says why); so is a tag new in this run
  so answered that `train` learns like a WordNet group (the top learns from its answers); any
  other touched tag's cut comes from the validation run (trained without a fixed quarter of the
  labelled photos): its scores of those held-out photos and of the photos without a decision
  (core/tag_threshold.py). With too few held-out labels, a new tag's probability is corrected for
  its positives' weight and a known tag keeps its threshold.
- A tag with no new decisions keeps its parent's head weights and threshold bit for bit. Its
  scores still move with the retrained top (every embedding changes in a deep version): the
  distillation targets (the parent's scores of the sampled photos, the top trained with those
  columns as they are saved) hold that move back, they do not stop it. What the version would
  change is shown before it is used, estimated on PREVIEW_SAMPLE photos drawn at random that
  it does not train on (core/version_diff.sampled_changes); benchmarks/deep_drift.py measures
  it over the whole of det-photos.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import replace
from functools import partial
from typing import Any

import numpy as np

from phototagger.core.concepts import ConceptFit, fit_concept, unshown_kinds
from phototagger.core.deep_holds import holds_made_again
from phototagger.core.errors import NothingToLearn, PhotoError
from phototagger.core.face_signals import face_signals
from phototagger.core.jobs import CancelToken, Progress, ProgressCallback
from phototagger.core.library import Library
from phototagger.core.model.record import ModelVersion
from phototagger.core.model.tagger import load_tagger
from phototagger.core.scan import decoded_stream
from phototagger.core.states import PhotoStatus
from phototagger.core.tag_learning import (
    CALIBRATE_MIN,
    FOLDS,
    ConceptTrainer,
    FolderAnswers,
    FolderSizeReads,
    FolderSizes,
    Learned,
    column_rows,
    folder_answers,
    ranks_clearly,
    whole_folders,
)
from phototagger.core.tag_threshold import NOTHING_TAKEN, YesOnlyCheck, tag_threshold
from phototagger.core.training_set import Labels, targets_for, unlabelled_sample
from phototagger.ml import registry
from phototagger.ml.blas_threads import one_blas_thread
from phototagger.ml.engine import BACKBONE_NAME
from phototagger.ml.trained_head import TrainedHead, kinds_of_columns
from phototagger.store.embeddings import iter_embedded_ids
from phototagger.store.photos import counts_by_folder, photos_by_ids

DEEP_DISTILL_SAMPLE = 64
# Unlabelled photos decoded and scored, never trained on: what the version would change.
PREVIEW_SAMPLE = 64
HELD_OUT_MIN = 3  # held-out positives and rejections a tag needs for its threshold


class DeepTrainer:
    calibrates = True  # sets its thresholds itself, from the validation run

    def __init__(
        self,
        library: Library,
        parent_version: str,
        parent_record: ModelVersion,
        start: TrainedHead,
        parent: TrainedHead,
        labels: Labels,
        seed: int,
        report: ProgressCallback,
        token: CancelToken,
        touched: set[str],
        examples: dict[str, list[int]],
    ) -> None:
        db = library.db
        self.labels = labels
        # What `train` would fit of these answers: the columns and cuts of the tags it takes
        # (_plain_fit), made once (ConceptTrainer) and fitted per run of the deep fit.
        self._head_path = (library, parent_record, start, parent, seed, examples)
        self._plain_trainer: ConceptTrainer | None = None
        self._plain_cuts: dict[str, float] = {}
        self._plain_learned: dict[str, Learned] = {}
        self.touched = touched
        self.examples = {t: set(v) for t, v in examples.items()}
        # How the parent learned each tag: a tag fitted again keeps its base (_learned).
        self.parent_learned = parent_record.learned
        self.library_size = sum(1 for _ in iter_embedded_ids(db, BACKBONE_NAME))
        self._validation: tuple[np.ndarray, np.ndarray] | None = None
        # The validation run's scores of the preview photos: neither run trains on them.
        self._validation_preview: np.ndarray | None = None
        # Per tag the user invented that stays on its own photos, or was taught from yes answers
        # alone (or 1-4 "no"), its record as `train` reads it (_record).
        self.learned: dict[str, Learned] = {}
        self._weights = np.zeros((0, len(start.tags)), np.float32)
        distilled = unlabelled_sample(
            db, set(labels.by_photo), DEEP_DISTILL_SAMPLE, seed, BACKBONE_NAME
        )
        # Photos it never trains on, to show what the version would change before it is used
        # (scoring the whole library would decode every photo again): version_diff.sampled_changes.
        previewed = unlabelled_sample(
            db, set(labels.by_photo) | set(distilled), PREVIEW_SAMPLE, seed + 1, BACKBONE_NAME
        )
        wanted = sorted(labels.by_photo) + distilled + previewed
        photos = [p for p in photos_by_ids(db, wanted) if p.status != PhotoStatus.MISSING]
        # The folder each photo is in, and the photos in given folders, read only for a tag
        # whose answers could be whole folders (_taught_by_folders: folder_answers).
        self.folder_of = {p.id: p.folder for p in photos}
        self.folder_sizes: FolderSizes = FolderSizeReads(partial(counts_by_folder, db))
        report(Progress("loading the model", 0, len(photos), detail="deep fine-tune"))
        engine = load_tagger(library, parent_version, runtime="tensorflow")  # it trains
        ids: list[int] = []
        pixels: list[np.ndarray] = []
        # The answered photos it cannot read now (gone, moved, made a folder or a fifo since the
        # scan), each "name: why": left out of this run, and `train --deep` says so; it had
        # learned without them and said nothing, on "26 labelled photos".
        self.unread: list[str] = []
        for done, item in enumerate(
            decoded_stream(photos, library.thumbnails_dir, 2, token, 96), start=1
        ):
            if not isinstance(item.result, PhotoError):
                ids.append(item.photo.id)
                pixels.append(item.result.model_input)
            elif item.photo.id in labels.by_photo:
                name = os.path.basename(item.photo.path) or item.photo.path
                self.unread.append(f"{name}: {item.result.message}")
            if done % 16 == 0:
                report(Progress("reading photos", done, len(photos), item.photo.path))
            token.raise_if_cancelled()
        if not ids:
            raise NothingToLearn("none of the labelled photos can be read from disk any more")
        from phototagger.ml.deep import embed_with_top

        batch = np.stack(pixels)
        shown = np.isin(ids, previewed)
        self.ids = [p for p, seen in zip(ids, shown, strict=True) if not seen]
        self.preview_ids = [p for p, seen in zip(ids, shown, strict=True) if seen]
        self.model = engine.keras_model
        top_version = parent_record.top_weights
        self.start_top = library.models.load_top(top_version) if top_version else None
        # One pass of the CNN: the parent's embeddings follow from the features through its top.
        features = np.concatenate(
            [engine.features(batch[i : i + 32]) for i in range(0, len(batch), 32)]
        )
        embeddings = embed_with_top(self.model, self.start_top or {}, features)
        self.features, self.preview_features = features[~shown], features[shown]
        self.parent_embeddings = embeddings[~shown]
        # Their ImageNet probabilities under the version each fit makes (fit), the last one's.
        self.probs = np.zeros((len(self.ids), 1000), np.float32)
        # Every photo decoded, for the WordNet search of a tag whose answers split by folder
        # (_imagenet), computed then only.
        self._decoded = (embeddings, shown)
        self._imagenet_rows: tuple[np.ndarray, np.ndarray] | None = None
        # Tags whose base is the face detector score from the faces stored for these photos.
        self.faces = face_signals(db, self.ids)
        self.preview_faces = face_signals(db, self.preview_ids)
        self.parent_scores = parent.scores(self.parent_embeddings, faces=self.faces)
        self.preview_parent_scores = parent.scores(embeddings[shown], faces=self.preview_faces)
        self.preview_scores = self.preview_parent_scores  # the trained version's, once fitted
        self.start = start
        self.seed = seed

    def fit(
        self, mask: np.ndarray, targets: np.ndarray, weights: np.ndarray, on_epoch: Any
    ) -> tuple[TrainedHead, np.ndarray, Any]:
        from phototagger.ml.deep import embed_with_top, fit_deep
        from phototagger.ml.training import TrainingData

        self._weights = weights
        kept = np.array([t not in self.touched for t in self.start.tags], bool)
        # A tag `train` fits from the same answers (_plain_tags) is `train`'s column, cut and
        # kept kinds; the top does not learn from its answers where its parent learned it (their
        # weight 0: _plain_fit), and does where it is new (its own column fitted, then replaced).
        plain = self._plain_fit(mask)
        taken = np.array([plain is not None and t in self._plain_cuts for t in self.start.tags])
        fixed = taken & np.array([t in self.parent_learned for t in self.start.tags], bool)
        if fixed.any():
            weights = np.where(fixed[None, :], 0.0, weights).astype(weights.dtype)
        data = TrainingData(self.parent_embeddings[mask], targets[mask], weights[mask])
        head, top = fit_deep(
            self.model,
            self.start,
            self.start_top,
            self.features[mask],
            data,
            self.start.version,
            on_epoch=on_epoch,
            seed=self.seed,
            kept=kept | fixed,
        )
        # Untouched tags: the parent's weights exactly (the fit only read them; L2 and Adam
        # may still have moved the trained layer's copy).
        head = replace(
            head,
            kernel=np.where(kept[None, :], self.start.kernel, head.kernel).astype(np.float32),
            bias=np.where(kept, self.start.bias, head.bias).astype(np.float32),
            scale=np.where(kept, self.start.scale, head.scale).astype(np.float32),
            tag_thresholds=self.start.tag_thresholds.copy(),
        )
        # Kept rejections (ml/lookalikes.py) are embeddings of the parent's CNN: a version with
        # its own CNN top sees photos otherwise, and makes them again on its own embeddings
        # (core/deep_holds.py, below). An untouched tag keeps the kinds it holds under its
        # cut: its weights are its parent's (a class set alone), scored on the ImageNet
        # probabilities of this version's embeddings, where a photo's kind is read too;
        # without them a deep run that taught "vehicles" put "pigs" back on a turtle the
        # tagger is sure is a platypus, 0.98 against a cut of 0.47 (held43). A tag
        # this run fits holds no rejected kind: the fit corrects its class set from the
        # embedding (the set's mass is in the graph, ml/deep.base_logits_of), and the correction
        # learns from its "no" answers, which the rule of rejected kinds (a set alone cannot)
        # is about. Measured (deep46, det-photos, the version scoring every photo): "vehicles"
        # said no on a cattle photo the tagger reads as an ox, which `train` holds the ox kind
        # for (the other ox 0.875, under its cut of 0.950), scored that other ox 0.227 and the
        # "no" photo 0.057 under a cut of 0.842; over 5 runs ("hoofed animals" twice, "pigs",
        # "vehicles" twice) its "no" answers scored 0.06 or less, where the rule holds the kind
        # of a "no" answer scored within a logit of the cut (0.39-0.88): it would hold none.
        # Its unshown kinds are made again (_unshown): no answer shows one. A tag taken from
        # `train` (_plain_fit) holds the unshown kinds `train` holds for it, and the "no"
        # answers and their kinds `train` would hold, made again by its rule on this
        # version's embeddings (its class set alone: "vehicles" holds the ox).
        head = kinds_of_columns(head, kept)
        if plain is not None:
            head = _columns_of(head, plain, taken)
        embeddings = embed_with_top(self.model, top, self.features)
        # The photos' ImageNet probabilities under this version's own embeddings: what its class
        # sets score and its kinds are read from (the record's named_cover too, core/retrain.py).
        self.probs = head.base.imagenet_probabilities(embeddings)
        # The "no" answers a tag of `train`'s holds, and an untouched tag whose parent held
        # some, made again on them (core/deep_holds.py).
        head = holds_made_again(
            head,
            taken | (kept & self._kept_like()),
            taken,
            (embeddings, self.probs, self.faces),
            partial(self._answered, mask, head.tags),
            fitted=True,
        )
        self._unshown(head, kept | taken, mask)
        scores = head.scores(embeddings, faces=self.faces)
        preview = (
            head.scores(
                embed_with_top(self.model, top, self.preview_features), faces=self.preview_faces
            )
            if self.preview_ids  # none where every other photo is labelled or distilled
            else None
        )
        if not mask.all():
            self._validation = (mask.copy(), scores)  # the held-out rows' honest scores
            self._validation_preview = preview
        else:
            # With no photo left to preview, none scored, in the version's own columns (its
            # parent's lack the new tags: sampled_changes read a column past their end).
            self.preview_scores = (
                preview if preview is not None else np.zeros((0, len(head.tags)), np.float32)
            )
            self._set_thresholds(head)
        return head, scores, top

    def _kept_like(self) -> np.ndarray:
        """(T,) bool: the tags whose "no" answers' lookalikes the parent held."""
        return np.array(
            [(self.start.column_lookalikes(j)[1] >= 0).any() for j in range(len(self.start.tags))],
            bool,
        )

    def _answered(self, mask: np.ndarray, tags: list[str], j: int) -> tuple[np.ndarray, np.ndarray]:
        """The rows of the photos answered for tag `j` among those `mask` trains on, and their
        answers (True: yes)."""
        idx, y = self.labels.rows(self.ids, tags[j])
        fitted = mask[idx]
        return idx[fitted], y[fitted]

    def _unshown(self, head: TrainedHead, kept: np.ndarray, mask: np.ndarray) -> None:
        """In place: the unshown kinds (core/concepts.unshown_kinds) of each tag this run fits
        whose base is a WordNet group's class set (its parent's record names the group; not one
        that reads the face detector), made again from the set and its yes answers' ImageNet
        probabilities under this version's embeddings (those the fit trains on: `mask`), as
        the head path makes a set-alone tag's. The fit corrects the set on the tag's answers,
        and no answer shows such a kind: a deep run that retrained "pigs" (held off the
        platypus) on 3 more "no" put it back onto a turtle the tagger is sure is a platypus,
        0.99 against a cut of 0.90 (deep43). A yes answer sure of such a kind lets its kind
        in, as on the head path."""
        sets = self.start.concept_columns() & ~self.start.face_columns() & ~kept
        for j in np.flatnonzero(sets):
            tag = head.tags[j]
            had = self.parent_learned.get(tag)
            learned = Learned.of_record(had) if isinstance(had, Mapping) else None
            if learned is None or not learned.synsets:
                continue
            idx, y = self.labels.rows(self.ids, tag)
            group = ConceptFit(learned.synsets, (), head.column_classes(int(j)), 0.0, 0.0)
            kinds = unshown_kinds(group, self.probs[idx[y & mask[idx]]])
            head.unshown, head.unshown_tags = column_rows(
                head.unshown, head.unshown_tags, int(j), kinds
            )

    def _set_thresholds(self, head: TrainedHead) -> None:
        """Each touched tag's threshold: `train`'s where it calibrates one from out-of-fold
        scores (_head_path_cuts), else from the validation run's held-out scores."""
        calibrated = self._head_path_cuts()
        for j, tag in enumerate(head.tags):
            if tag not in self.touched:
                continue
            idx, y = self.labels.rows(self.ids, tag)
            if tag in calibrated:  # `train`'s column, cut and record (fit)
                head.tag_thresholds[j] = calibrated[tag]
                self.learned[tag] = self._plain_learned[tag]
                continue
            held = None
            unlabelled_rows = np.setdiff1d(np.arange(len(self.ids)), idx)
            if self._validation is not None:
                trained, scores = self._validation
                out = ~trained[idx]
                if (y[out]).sum() >= HELD_OUT_MIN and (~y[out]).sum() >= HELD_OUT_MIN:
                    idx, y = idx[out], y[out]
                    held = (scores[idx, j], scores[unlabelled_rows, j])
            examples = self.examples.get(tag, set())
            head.tag_thresholds[j] = tag_threshold(
                float(self.start.tag_thresholds[j]),
                bool(self.start.base_index[j] >= 0) or (held is None and self._parent_cut(j, tag)),
                y,
                self._weights[idx, j],
                held,
                self.library_size - len(self.labels.rows(self.ids, tag)[0]),
                np.array([self.ids[i] in examples for i in idx], bool),
                # A few dozen photos without an answer, each standing for many (DeepTrainer).
                sampled=True,
            )
            if self.start.base_index[j] < 0:
                self._record(head, j, tag)

    def _head_path_cuts(self) -> dict[str, float]:
        """The cuts of the tags the last fit took from `train` (_plain_fit)."""
        return self._plain_cuts

    def _plain_tags(self) -> set[str]:
        """The touched tags the user invented, learned by the parent or new in this run,
        answered CALIBRATE_MIN yes and CALIBRATE_MIN "no" or more: those `train` fits and cuts
        from out-of-fold scores."""
        invented = {t for t, b in zip(self.start.tags, self.start.base_index, strict=True) if b < 0}
        answers = {t: self.labels.rows(self.ids, t)[1] for t in self.touched & invented}
        return {t for t, y in answers.items() if min(y.sum(), (~y).sum()) >= CALIBRATE_MIN}

    def _plain_fit(self, mask: np.ndarray) -> TrainedHead | None:
        """What `train` fits of the answers on the photos `mask` keeps (a validation run leaves
        its held-out quarter out, as `train`'s does), for the tags of _plain_tags: its head
        (core/tag_learning.ConceptTrainer, from the same parent, on the library's cached
        embeddings; a second or so on det-photos), with _plain_cuts and _plain_learned set to
        the cut and record of each of them it cuts for photos to take (under NOTHING_TAKEN):
        the deep version takes those columns, cuts and records (fit). None: no such tag.

        The deep fit ranked such a tag's unanswered photos worse than `train`, and its
        calibration could not tell: measured on det-photos, each version scoring every photo
        through its own CNN top (deep48), "hoofed animals" (10 yes and 10 no, `train`, then 4
        yes and 5 no more, two draws of answers) and "vehicles" (10 yes, 10 no, `train`, then
        a "no" on an ox, two draws), average precision on the unanswered photos 0.954, 0.963,
        0.856 and 0.818 against `train`'s 0.987, 0.975, 0.873 and 0.852. Both parts lost: the
        correction the deep fit adds to the class set (`train` kept the set alone in all four)
        took an elephant the tagger reads as a Bouvier des Flandres over the cut (0.93), and
        the top trained on the tag's few dozen answers took a cart over it (0.92 under
        `train`'s column, 0.97). A deep fit is too slow to repeat per fold, and its own
        answers, which its top learned, separate perfectly: the few dozen unanswered photos it
        decodes are too few to place a cut among (deep47). So the tag is `train`'s, and the top
        does not learn from its answers (their weight 0): precision 0.913 → 0.923, 0.920 →
        0.958, 0.825 → 0.814, 0.896 → 0.880, F1 0.857 → 0.923, 0.885 → 0.902, 0.879 → 0.881,
        0.878 → 0.880 (`train` 0.923, 0.920, 0.897, 0.880); average precision 0.983, 0.972,
        0.849 and 0.798. What remains is the top's drift, which moves every tag: held by the
        other tags' distillation alone, it ranked "vehicles" a little worse than the top that
        learned its answers had (a cattle photo it no longer reads as an ox, 0.96, over the
        cut; weighting its answers at the distillation's weight to `train`'s scores instead
        gave F1 0.923, 0.880, 0.889 and 0.869: no better). A default tag
        keeps the deep fit and its rule (tag_threshold, from the validation run).

        A tag new in this run is taken where `train` learns it like a WordNet group (its record's
        how, "concept"): the deep fit searches no class set, and learns the column from nothing
        with the top (its cut from the validation run, 0.500 in all five runs below). Its answers
        still train the top with a column of its own, replaced after the fit: with their weight 0,
        as for a tag the parent learned, benchmarks/deep_drift.py --seeds 0 moved 60 of 995
        assignments of untouched tags (54 with them) and its new tag 'strings' took 3 of 15
        unanswered strings photos, none wrong (6 and 1 wrong with them; the deep fit's own column
        10, none wrong, deep48). Measured
        (deep49, the same way, a new tag 10 yes and 10 no trained straight, two draws each),
        "hoofed animals" average precision 0.670 and 0.618 → 0.974 and 0.976 (`train` 0.988, 0.978),
        F1 0.615 and 0.643 → 0.829 and 0.868 (`train` 0.829, 0.889); "vehicles" F1 0.752 and 0.846 →
        0.845 and 0.850 (`train` 0.866, 0.835; average precision 0.812 and 0.821 → 0.822 and 0.885).
        A tag `train` learns from the face detector or from its examples alone keeps the deep fit:
        "strings" (10 of the guitar, violin, cello, banjo and harp photos, no on 10 other
        instruments) `train` learned "like detected faces", average precision 0.282 and F1 0.333
        against the deep fit's 0.725 and 0.720."""
        self._plain_cuts, self._plain_learned = {}, {}
        wanted = self._plain_tags()
        if not wanted:
            return None
        library, record, start, parent, seed, examples = self._head_path
        left_out = {p for p, fitted in zip(self.ids, mask, strict=True) if not fitted}
        with one_blas_thread():
            if self._plain_trainer is None:
                self._plain_trainer = ConceptTrainer(
                    library.db,
                    registry.backbone_key(record),
                    start,
                    parent,
                    self.labels,
                    seed,
                    wanted,
                    examples,
                    library.home.embeddings_cache,
                )
            trainer = self._plain_trainer
            scores = np.zeros((len(trainer.ids), len(start.tags)), np.float32)
            scores[:, : len(parent.tags)] = trainer.parent_scores
            targets, weights = targets_for(
                start, set(parent.tags), trainer.ids, self.labels, scores
            )
            fitted, _, _ = trainer.fit(
                np.array([p not in left_out for p in trainer.ids], bool),
                targets,
                weights,
                lambda *_: True,
            )
        cuts = dict(zip(fitted.tags, fitted.tag_thresholds.tolist(), strict=True))
        # A tag new in this run is taken where `train` learns it like a WordNet group (a class
        # set, which the deep fit never searches); learned from the face detector or from the
        # examples alone, it keeps the deep fit (measured: the docstring).
        self._plain_cuts = {
            t: cuts[t]
            for t in wanted
            if cuts[t] < NOTHING_TAKEN
            and (
                t in self.parent_learned or getattr(trainer.learned.get(t), "how", "") == "concept"
            )
        }
        self._plain_learned = {t: trainer.learned[t] for t in self._plain_cuts}
        return fitted

    def _parent_cut(self, j: int, tag: str) -> bool:
        """Whether a tag the user invented keeps its parent's cut where the validation run held
        out too few of its answers to place one (fewer than HELD_OUT_MIN yes or "no"), as a
        default tag keeps its own: its parent learned it (its record names it) and cut it for
        photos to take (under NOTHING_TAKEN). The cut for a tag with too few answers to hold any
        out (its positives' weight undone, tag_threshold) reads nothing of them: "vehicles"
        (det-photos, 10 yes and 10 no, `train`, then a "no" on an ox and `train --deep`) holds
        out a quarter of its 21 answers, too few; it was cut at 0.808 from its yes answers'
        weight alone, under its parent's 0.842 that `train` placed on held-out scores, and took
        75 unanswered photos, 25 wrong (precision 0.667), where its parent's cut takes 69, 19
        wrong (0.725)."""
        return tag in self.parent_learned and self.start.tag_thresholds[j] < NOTHING_TAKEN

    def _record(self, head: TrainedHead, j: int, tag: str) -> None:
        """How a tag the user invented was learned, for `train`'s words (as on the head path,
        core/tag_learning.py): one taught from yes answers alone (or 1-4 "no") stays on them
        where tag_threshold cut it to NOTHING_TAKEN or its yes answers do not stand out
        (_yes_only_spreads), else spreads, a few-"no" warning said of it; either way with the
        folders of its answers where they are whole folders (whole_folders), for the words
        that say labelling a folder tags its photos. One taught by whole folders stays on its
        yes answers (_taught_by_folders); one cut to NOTHING_TAKEN otherwise, on them.

        words41: a yes-only tag that spread had no record, so `train --deep` said nothing of
        its few "no" nor of its folders; one tag_threshold cut to NOTHING_TAKEN (its held-out
        yes answers under its "no") whose yes answers stood out of the preview photos had
        none either, and stayed on its yes answers unsaid."""
        idx, y = self.labels.rows(self.ids, tag)
        stays = bool(head.tag_thresholds[j] >= NOTHING_TAKEN)
        if (~y).sum() < CALIBRATE_MIN:
            split = whole_folders(self.folder_of, self.folder_sizes, [self.ids[i] for i in idx], y)
            if stays or not self._yes_only_spreads(head, j, tag):
                head.tag_thresholds[j] = NOTHING_TAKEN
                self.learned[tag] = self._learned(tag, own_photos=True, folders=split)
            else:
                self.learned[tag] = self._learned(tag, folders=split)
        elif (by_folder := self._taught_by_folders(j, tag)) is not None:
            # Its answers say only which folder a photo is in: it stays on its yes
            # answers, and `train` says why (core/no_answers.py), as on the head path.
            found, checked = by_folder
            head.tag_thresholds[j] = NOTHING_TAKEN
            self.learned[tag] = self._learned(
                tag,
                own_photos=True,
                folders=found.split,
                elsewhere=found.counts,
                elsewhere_checked=checked,
                validated=self._validation is not None,
            )
        elif stays:
            self.learned[tag] = self._learned(tag, own_photos=True)

    def _learned(self, tag: str, **said: Any) -> Learned:
        """`tag`'s record with `said`: fitted on the base its parent's record names (a deep
        fine-tune keeps its parent's bases), or from your examples (a tag new in this run)."""
        had = self.parent_learned.get(tag)
        base = Learned.of_record(had) if isinstance(had, Mapping) else None
        return replace(base or Learned("examples", "from your examples"), **said)

    def _yes_only_spreads(self, head: TrainedHead, j: int, tag: str) -> bool:
        """Whether a tag the user invented, taught from FOLDS yes answers or more and fewer than
        CALIBRATE_MIN "no" (the head path's yes-only tags), may take unanswered photos, by its rule
        (core/tag_threshold.YesOnlyCheck): the validation run's scores of its held-out yes
        answers against those of the preview photos (neither run trains on them), and the
        share of the preview photos the final cut takes. Taught from yes answers alone, a
        folder's keyword on 10 random det-photos went onto 3-16 more photos, 8 tags of 8.
        Other tags, and a library too small for preview photos, are left as they are."""
        idx, y = self.labels.rows(self.ids, tag)
        if y.sum() < FOLDS or (~y).sum() >= CALIBRATE_MIN:
            return True
        if self._validation is None or self._validation_preview is None:
            return True
        trained, scores = self._validation
        yes = idx[y & ~trained[idx]]
        if not len(yes) or not len(self.preview_scores):
            return True
        taken = float((self.preview_scores[:, j] >= head.tag_thresholds[j]).mean())
        return YesOnlyCheck(scores[yes, j], self._validation_preview[:, j], taken).spreads

    def _taught_by_folders(self, j: int, tag: str) -> tuple[FolderAnswers, bool] | None:
        """The whole folders of a tag's yes answers and of its "no" answers, and its answers
        elsewhere (folder_answers), where the tag is one the user invented, answered
        CALIBRATE_MIN times or more each way (as on the head path), at least one whole folder
        said yes and one said no, no WordNet group fits it, and its answers elsewhere do not
        show it is something the pictures show (_shown_elsewhere); with whether those, where
        enough, could be checked. None otherwise.

        The deep fine-tune searches no class set: a new tag's column is fitted from the CNN's
        top alone. "No WordNet group fits" is what the head path's search finds from the same
        answers (core/concepts.fit_concept on their ImageNet probabilities under the parent's
        top): "music" said yes on a folder of instruments and no on one of kitchenware finds
        a group and is left to spread as before; "holiday Crete" said yes on a trip's photos
        of every kind finds none. A column that reads the face detector (a parent's
        face base) is left as it is, as on the head path.

        The head path checks a split of 2 folders or more each side by folds by folder
        (ConceptTrainer._spreads_past_folders); a deep fit is too slow to repeat per fold
        (its thresholds come from one validation run for that reason), so here any split
        keeps the tag on its yes answers: `train` (the head path) can check it."""
        idx, y = self.labels.rows(self.ids, tag)
        if self.start.base_index[j] >= 0 or min(y.sum(), (~y).sum()) < CALIBRATE_MIN:
            return None
        found = folder_answers(self.folder_of, self.folder_sizes, [self.ids[i] for i in idx], y)
        if found is None or self.start.column_faces(j).any():
            return None
        shown, checked = self._shown_elsewhere(j, idx[found.elsewhere], y[found.elsewhere], found)
        if shown:
            return None
        probs, library_mean = self._imagenet()
        return (found, checked) if fit_concept(probs[idx], y, library_mean) is None else None

    def _shown_elsewhere(
        self, j: int, rows: np.ndarray, y: np.ndarray, found: FolderAnswers
    ) -> tuple[bool, bool]:
        """Whether a tag's answers elsewhere (`rows`, answers `y`: outside its whole folders,
        `found`) show it is something the pictures show, as on the head path
        (ConceptTrainer._spreads_past_folders): CALIBRATE_MIN yes and CALIBRATE_MIN no or more,
        and those of them the validation run did not train on (HELD_OUT_MIN of each or more)
        ranked yes above no beyond chance and clearly (tag_learning.ranks_clearly). A fit per
        fold is too slow here: with fewer held out, it stays on its yes answers. With whether
        they could be checked so (False: enough of them, too few held out)."""
        if not found.enough_elsewhere:
            return False, True
        if self._validation is None:
            return False, False
        trained, scores = self._validation
        out = ~trained[rows]
        held, said = scores[rows[out], j], y[out]
        if min(said.sum(), (~said).sum()) < HELD_OUT_MIN:
            return False, False
        return ranks_clearly(said, held), True

    def _imagenet(self) -> tuple[np.ndarray, np.ndarray]:
        """The rows' ImageNet probabilities under the parent's top, and their mean over every
        photo decoded (the preview photos too): the WordNet search of _taught_by_folders, as
        the head path's. Computed on first use: most runs have no tag it searches for."""
        if self._imagenet_rows is None:
            embeddings, shown = self._decoded
            probs = self.start.base.imagenet_probabilities(embeddings)
            self._imagenet_rows = (probs[~shown], probs.mean(axis=0))
        return self._imagenet_rows


def _columns_of(head: TrainedHead, plain: TrainedHead, taken: np.ndarray) -> TrainedHead:
    """`head` with `plain`'s columns where `taken` ((T,) bool, the same tags): their weights,
    cut, class set, face base, and rejected and unshown kinds (not a kept rejection's
    lookalikes, embeddings of the base CNN: kinds_of_columns)."""
    out = replace(
        head,
        kernel=np.where(taken[None, :], plain.kernel, head.kernel).astype(np.float32),
        bias=np.where(taken, plain.bias, head.bias).astype(np.float32),
        scale=np.where(taken, plain.scale, head.scale).astype(np.float32),
        tag_thresholds=np.where(taken, plain.tag_thresholds, head.tag_thresholds).astype(
            np.float32
        ),
    )
    if plain.concepts is not None:
        had = np.zeros_like(plain.concepts) if head.concepts is None else head.concepts
        out = replace(out, concepts=np.where(taken[None, :], plain.concepts, had))
    if plain.faces is not None:
        had = np.zeros_like(plain.faces) if head.faces is None else head.faces
        out = replace(out, faces=np.where(taken[:, None], plain.faces, had))
    theirs = kinds_of_columns(plain, taken)
    for j in np.flatnonzero(taken):
        out.kinds, out.kind_tags = column_rows(
            out.kinds, out.kind_tags, int(j), _rows_of(theirs.kinds, theirs.kind_tags, int(j))
        )
        out.unshown, out.unshown_tags = column_rows(
            out.unshown,
            out.unshown_tags,
            int(j),
            _rows_of(theirs.unshown, theirs.unshown_tags, int(j)),
        )
    return out


def _rows_of(values: np.ndarray | None, tags: np.ndarray | None, j: int) -> np.ndarray:
    """Column `j`'s rows of a head's per-tag rows (`values`, the column `tags` each is for)."""
    return np.zeros(0, int) if values is None or tags is None else values[tags == j]
