"""The default way a version learns: each tag with new decisions is corrected on its own, from
cached embeddings, with numpy; every other tag keeps its parent's weights bit for bit.

Per tag the user touched:
- a tag the user invented starts from the WordNet class set that best explains its labels
  (core/concepts.py), or from nothing when none does ("from your examples");
- a tag the model already had starts from its parent's weights;
- a small, regularised correction is fitted (ml/few_shot.py);
- its threshold comes from out-of-fold scores (each labelled photo scored by a model fitted
  without it), maximising F0.5 (precision first); with too few labels, from the probability
  corrected for the weight the positives were given.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, replace
from typing import Any

import numpy as np
import sqlite_utils

from phototagger.core.concepts import ConceptFit, fit_concept
from phototagger.core.training_set import (
    DISTILL_SAMPLE,
    Labels,
    embeddings_of,
    unlabelled_sample,
)
from phototagger.ml.few_shot import fit_correction, principal_basis
from phototagger.ml.metrics import best_threshold
from phototagger.ml.trained_head import TrainedHead, logit

FOLDS = 5
CALIBRATE_MIN = 5  # positives and negatives needed for out-of-fold thresholds
PRECISION_BETA = 0.5
NEW_TAG_PRIOR = 0.05

EpochHook = Any  # Callable[[int, int, float], bool]


class Stopped(Exception):
    """The progress hook asked to stop."""


@dataclass(frozen=True)
class Learned:
    """How one tag was learned in a version, for the record and the user."""

    how: str  # "concept", "examples", "corrected" or "kept"
    label: str
    synsets: tuple[str, ...] = ()

    def as_dict(self) -> dict[str, Any]:
        return {"how": self.how, "label": self.label, "synsets": list(self.synsets)}


def label_digests(labels: Labels) -> dict[str, str]:
    """Per tag, a fingerprint of its decisions: equal fingerprints mean nothing new to learn."""
    per_tag: dict[str, list[str]] = {}
    for photo_id, decided in sorted(labels.by_photo.items()):
        for tag, positive in decided.items():
            per_tag.setdefault(tag, []).append(f"{photo_id}:{int(positive)}")
    return {tag: hashlib.sha1(",".join(rows).encode()).hexdigest()[:16]
            for tag, rows in per_tag.items()}


def touched_tags(tags: list[str], labels: Labels, parent_record: dict[str, Any]) -> set[str]:
    """The tags with decisions their parent did not learn from."""
    before = parent_record.get("label_digests") or {}
    now = label_digests(labels)
    return {t for t in tags if t in now and before.get(t) != now[t]}


class ConceptTrainer:
    """Trainer for the head path: per-tag numpy fits on the cached embeddings."""

    calibrates = True

    def __init__(self, db: sqlite_utils.Database, backbone: str, start: TrainedHead,
                 parent: TrainedHead, labels: Labels, seed: int, touched: set[str]) -> None:
        labelled_ids, labelled = embeddings_of(db, sorted(labels.by_photo), backbone)
        extra = unlabelled_sample(db, set(labels.by_photo), DISTILL_SAMPLE, seed, backbone)
        extra_ids, extra_emb = embeddings_of(db, extra, backbone)
        self.ids = labelled_ids + extra_ids
        self.embeddings = np.concatenate([labelled, extra_emb])
        self.parent_scores = parent.scores(self.embeddings)
        self.start = start
        self.labels = labels
        self.columns = [j for j, t in enumerate(start.tags) if t in touched]
        self.probs = start.base.imagenet_probabilities(self.embeddings)
        self.library_mean = self.probs.mean(axis=0)
        z = start.standardise(self.embeddings)
        self.basis = principal_basis(z, seed=seed)
        self.projected = (z @ self.basis.vectors).astype(np.float64)
        self.base_logits = start.base_logits(self.embeddings).astype(np.float64)
        # What each tag said before, as a logit (exact, not through a clipped probability).
        self.start_logits = (self.base_logits * start.scale + z @ start.kernel
                             + start.bias).astype(np.float64)
        self.learned: dict[str, Learned] = {}
        self._step: Any = lambda: None

    def fit(self, mask: np.ndarray, targets: np.ndarray, weights: np.ndarray,
            on_epoch: EpochHook) -> tuple[TrainedHead, np.ndarray, Any]:
        head = replace(self.start, scale=self.start.scale.copy(), bias=self.start.bias.copy(),
                       kernel=self.start.kernel.copy(),
                       tag_thresholds=self.start.tag_thresholds.copy(), overrides={},
                       concepts=_concept_matrix(self.start))
        learned: dict[str, Learned] = {}
        labelled = np.array([pid in self.labels.by_photo for pid in self.ids])
        steps = len(self.columns) * (FOLDS + 1)
        done = 0

        def step() -> None:
            # One report per fit (folds included), so a cancel lands within milliseconds.
            nonlocal done
            done += 1
            if not on_epoch(min(done, steps), steps, float("nan")):
                raise Stopped()

        self._step = step
        for j in self.columns:
            tag = self.start.tags[j]
            w = np.where(mask, weights[:, j], 0.0)
            fit, concept = self._fit_column(j, targets[:, j], w, labelled & mask)
            self._apply(head, j, fit, concept)
            learned[tag] = _describe(self.start, j, concept)
            rows = labelled & mask & (weights[:, j] > 0)
            step()
            head.tag_thresholds[j] = self._threshold(j, targets[:, j], w, rows)
        self.learned = learned
        return head, head.scores(self.embeddings), None

    def _fit_column(self, j: int, targets: np.ndarray, weights: np.ndarray,
                    labelled: np.ndarray) -> tuple[tuple[float, np.ndarray, float],
                                                   ConceptFit | None]:
        """(d_scale, weights in the basis, d_bias) and the class set, fitted on rows weight > 0."""
        concept = None
        start_logit, base = self.start_logits[:, j], self.base_logits[:, j]
        learn_scale = self.start.base_index[j] >= 0
        if self.start.base_index[j] < 0:
            # A tag the user invented: its starting point is refitted from its labels each time.
            rows = labelled & (weights > 0)
            concept = fit_concept(self.probs[rows], targets[rows] > 0.5, self.library_mean)
            if concept is not None:
                mass = np.clip(self.probs @ concept.classes, 0.0, 1.0)
                start_logit = base = logit(mass).astype(np.float64)
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
        lab_total, free_total = float(weights[lab].sum()), float(weights[free].sum())
        if free_total > lab_total > 0:
            weights[free] *= lab_total / free_total
        c = fit_correction(start_logit, base, self.projected, targets, weights,
                           labelled_weight=lab_total, learn_scale=learn_scale)
        return (c.d_scale, c.weights, c.d_bias), concept

    def _apply(self, head: TrainedHead, j: int, fit: tuple[float, np.ndarray, float],
               concept: ConceptFit | None) -> None:
        d_scale, u, d_bias = fit
        direction = self.basis.vectors @ u
        assert head.concepts is not None
        if self.start.base_index[j] < 0:
            head.concepts[:, j] = 0 if concept is None else concept.classes
            head.scale[j] = (1.0 if concept is not None else 0.0) + d_scale
            head.kernel[:, j] = direction
            head.bias[j] = (0.0 if concept is not None else float(logit(
                np.array(NEW_TAG_PRIOR)))) + d_bias
        else:
            head.scale[j] += d_scale
            head.kernel[:, j] += direction
            head.bias[j] += d_bias

    def _threshold(self, j: int, targets: np.ndarray, weights: np.ndarray,
                   rows: np.ndarray) -> float:
        y = targets[rows] > 0.5
        if y.sum() < CALIBRATE_MIN or (~y).sum() < CALIBRATE_MIN:
            # Too few labels to hold any out: undo the positives' extra weight instead (they
            # were weighed up to match the rejections, which inflates the odds by that factor).
            boost = float(weights[rows][y].max()) if y.any() else 1.0
            return float(np.clip(boost / (1.0 + boost), 0.5, 0.95))
        oof = self._out_of_fold(j, targets, weights, np.flatnonzero(rows))
        fallback = float(self.start.tag_thresholds[j])
        return best_threshold(y, oof, fallback, beta=PRECISION_BETA)

    def _out_of_fold(self, j: int, targets: np.ndarray, weights: np.ndarray,
                     rows: np.ndarray) -> np.ndarray:
        """Scores of the labelled `rows`, each from a fit that did not see it."""
        ids = np.array(self.ids)[rows]
        # Folds by photo id, stratified: positives and rejections spread over every fold.
        positive = targets[rows] > 0.5
        fold = np.empty(len(rows), int)
        for group in (positive, ~positive):
            order = np.flatnonzero(group)[np.argsort(ids[group] * 2654435761 % 2**32)]
            fold[order] = np.arange(len(order)) % FOLDS
        labelled = np.zeros(len(self.ids), bool)
        labelled[rows] = True
        scores = np.zeros(len(rows))
        for f in range(FOLDS):
            held = rows[fold == f]
            w = weights.copy()
            w[held] = 0.0
            (d_scale, u, d_bias), concept = self._fit_column(j, targets, w, labelled & (w > 0))
            scores[fold == f] = self._column_scores(j, held, d_scale, u, d_bias, concept)
            self._step()
        return scores

    def _column_scores(self, j: int, held: np.ndarray, d_scale: float, u: np.ndarray,
                       d_bias: float, concept: ConceptFit | None) -> np.ndarray:
        correction = self.projected[held] @ u + d_bias
        if self.start.base_index[j] >= 0:
            z = self.start_logits[held, j] + d_scale * self.base_logits[held, j] + correction
        elif concept is not None:
            base = logit(np.clip(self.probs[held] @ concept.classes, 0.0, 1.0))
            z = (1.0 + d_scale) * base + correction
        else:
            z = float(logit(np.array(NEW_TAG_PRIOR))) + correction
        return 1.0 / (1.0 + np.exp(-np.clip(z, -30, 30)))


def _concept_matrix(head: TrainedHead) -> np.ndarray:
    if head.concepts is not None:
        return head.concepts.astype(np.float32).copy()
    return np.zeros((head.base.kernel.shape[1], len(head.tags)), np.float32)


def _describe(start: TrainedHead, j: int, concept: ConceptFit | None) -> Learned:
    if start.base_index[j] >= 0:
        return Learned("corrected", "the default tagger, corrected by your decisions")
    if concept is not None:
        return Learned("concept", concept.label, concept.wnids)
    return Learned("examples", "from your examples")
