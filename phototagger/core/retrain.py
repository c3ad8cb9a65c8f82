"""Retraining from the user's corrections: a new model version, validated against the old one.

What a version learns from (the rules, documented here because they decide what users get):
- Positives: tags the user added or accepted. Negatives: tags the user rejected, on any photo.
- A photo without a decision about a tag is unknown for that tag (weight 0 in the loss), with two
  documented exceptions:
  * Distillation: for tags the parent version already knows, unlabelled photos keep the parent's
    confidence as a soft target (weight DISTILL_WEIGHT), so tags the user never corrected behave as
    before.
  * Weak negatives: for a tag the user invented and the parent does not know yet, unlabelled photos
    count as negatives with a small weight (WEAK_NEGATIVE_WEIGHT). People label the photos that
    have a new tag, seldom the thousands that do not; without this, a tag with only positives
    would be learned as "everything".
- A tag the user invented becomes a model output once it has MIN_POSITIVES positives.
- Validation: a fixed quarter of the labelled photos (by photo id) is held out. A version trained
  without them is compared with the active one on them, per tag; the saved version is then trained
  on all labels. Thresholds are calibrated per tag on the training labels where there are enough.
"""

from __future__ import annotations

import time
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import sqlite_utils

from phototagger.core.jobs import Cancelled, CancelToken, Progress, ProgressCallback
from phototagger.core.library import Library
from phototagger.core.versions import (
    active_version,
    embedded_chunks,
    load_head,
)
from phototagger.ml import registry
from phototagger.ml.engine import BACKBONE_NAME
from phototagger.ml.heads import DEFAULT_VERSION, DefaultHead, load_default_head
from phototagger.ml.metrics import TagMetrics, best_threshold, tag_metrics
from phototagger.ml.trained_head import TrainedHead, from_default, standardisation
from phototagger.store.embeddings import iter_embedded_ids
from phototagger.store.records import utc_now
from phototagger.store.tags import decisions_count, user_decisions

MIN_POSITIVES = 5
DISTILL_WEIGHT = 0.5
WEAK_NEGATIVE_WEIGHT = 0.1
DISTILL_SAMPLE = 4000
MAX_POSITIVE_BOOST = 10.0
CALIBRATE_MIN = 5  # positives and negatives needed to move a tag's threshold
NOT_WORSE_TOLERANCE = 0.02


@dataclass(frozen=True)
class TagLabelCount:
    name: str
    positives: int
    negatives: int
    trainable: bool


@dataclass(frozen=True)
class TrainingOverview:
    active_version: str
    corrections_since_active: int
    tags: list[TagLabelCount]


@dataclass(frozen=True)
class TagComparison:
    tag: str
    support: int  # held-out labels for this tag
    old: TagMetrics | None  # None: the old version had no such output
    new: TagMetrics


@dataclass
class TrainingResult:
    version: str
    parent: str
    metrics: list[TagComparison]
    not_worse: bool
    summary: str
    counts: dict[str, Any] = field(default_factory=dict)
    seconds: float = 0.0


@dataclass
class _Labels:
    by_photo: dict[int, dict[str, bool]]  # photo -> {tag (as the model spells it): positive?}
    positives: dict[str, int]
    negatives: dict[str, int]


def _label_index(db: sqlite_utils.Database, known: list[str]) -> _Labels:
    spelling = {name.casefold(): name for name in known}
    by_photo: dict[int, dict[str, bool]] = defaultdict(dict)
    positives: dict[str, int] = defaultdict(int)
    negatives: dict[str, int] = defaultdict(int)
    for photo_id, tag, state in user_decisions(db):
        name = spelling.setdefault(tag.casefold(), tag)
        positive = state in ("added", "accepted")
        by_photo[photo_id][name] = positive
        (positives if positive else negatives)[name] += 1
    return _Labels(dict(by_photo), dict(positives), dict(negatives))


def _parent_trained(db: sqlite_utils.Database, default: DefaultHead) -> tuple[str, TrainedHead]:
    """The active version as a TrainedHead, to warm-start from."""
    version = active_version(db)
    if version != DEFAULT_VERSION:
        head = load_head(db, version, default)
        assert isinstance(head, TrainedHead)
        return version, head
    sample = _embeddings(db, None, limit=20_000)[1]
    if len(sample) == 0:
        raise ValueError("the library has no tagged photos yet: scan a folder first")
    mean, std = standardisation(sample)
    return version, from_default(default, mean, std)


def training_overview(db: sqlite_utils.Database) -> TrainingOverview:
    version = active_version(db)
    since = None
    if version != DEFAULT_VERSION:
        try:
            since = registry.load_record(version).get("created_at")
        except registry.UnknownVersionError:
            since = None
    known: list[str] = []
    if version == DEFAULT_VERSION:
        from phototagger.ml.vocabulary import load_vocabulary

        known = load_vocabulary().tag_names
    else:
        try:
            known = list(registry.load_record(version)["tags"])
        except registry.UnknownVersionError:
            known = []
    labels = _label_index(db, known)
    folded = {k.casefold() for k in known}
    names = sorted(set(labels.positives) | set(labels.negatives), key=str.casefold)
    tags = [TagLabelCount(n, labels.positives.get(n, 0), labels.negatives.get(n, 0),
                          n.casefold() in folded or labels.positives.get(n, 0) >= MIN_POSITIVES)
            for n in names]
    return TrainingOverview(version, decisions_count(db, since), tags)


def _embeddings(db: sqlite_utils.Database, ids: list[int] | None,
                limit: int | None = None) -> tuple[list[int], np.ndarray]:
    all_ids: list[int] = []
    parts: list[np.ndarray] = []
    for chunk_ids, matrix in embedded_chunks(db, photo_ids=ids):
        all_ids += chunk_ids
        parts.append(matrix)
        if limit is not None and len(all_ids) >= limit:
            break
    if not parts:
        return [], np.zeros((0, 1280), np.float32)
    return all_ids, np.concatenate(parts)


def _unlabelled_sample(db: sqlite_utils.Database, labelled: set[int], size: int,
                       seed: int) -> list[int]:
    ids = [pid for pid in iter_embedded_ids(db, BACKBONE_NAME) if pid not in labelled]
    if len(ids) <= size:
        return ids
    rng = np.random.default_rng(seed)
    return sorted(rng.choice(ids, size=size, replace=False).tolist())


def _held_out(photo_id: int) -> bool:
    # A fixed, well-mixed quarter of photos: the same photo is held out in every run.
    return (photo_id * 2654435761) % 2**32 % 4 == 0


def _targets(head: TrainedHead, parent_tags: set[str], ids: list[int],
             labels: _Labels, parent_scores: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    n, t = len(ids), len(head.tags)
    targets = np.zeros((n, t), np.float32)
    weights = np.zeros((n, t), np.float32)
    column = {name: j for j, name in enumerate(head.tags)}
    unlabelled = np.ones((n, t), bool)
    for i, photo_id in enumerate(ids):
        for name, positive in labels.by_photo.get(photo_id, {}).items():
            col = column.get(name)
            if col is not None:
                targets[i, col] = 1.0 if positive else 0.0
                weights[i, col] = 1.0
                unlabelled[i, col] = False
    for j, name in enumerate(head.tags):
        free = unlabelled[:, j]
        if name in parent_tags:
            targets[free, j] = parent_scores[free, j]
            weights[free, j] = DISTILL_WEIGHT
        else:
            # Weak negatives only make up for missing rejections, and in total never outweigh
            # the positives: many unlabelled photos may well have the tag.
            pos = labels.positives.get(name, 0)
            missing = pos - labels.negatives.get(name, 0)
            if missing > 0 and free.any():
                weights[free, j] = min(WEAK_NEGATIVE_WEIGHT, missing / free.sum())
        _balance(targets[:, j], weights[:, j], ~unlabelled[:, j])
    return targets, weights


def _balance(targets: np.ndarray, weights: np.ndarray, labelled: np.ndarray) -> None:
    """Weigh a tag's labelled positives and negatives equally (in place), so ten positives
    against thirty rejections are not simply outvoted."""
    pos = labelled & (targets > 0.5)
    neg = ~pos & (weights > 0) & ~(~labelled & (targets > 0.5))
    w_pos, w_neg = weights[pos].sum(), weights[neg].sum()
    if w_pos > 0 and w_neg > 0:
        factor = float(np.clip(w_neg / w_pos, 1.0, MAX_POSITIVE_BOOST))
        weights[pos] *= factor


def _compare(old: Any, new: TrainedHead, ids: list[int], embeddings: np.ndarray,
             labels: _Labels) -> list[TagComparison]:
    old_scores = old.scores(embeddings) if len(ids) else None
    new_scores = new.scores(embeddings) if len(ids) else None
    old_col = {name: j for j, name in enumerate(old.tags)}
    result = []
    for j, name in enumerate(new.tags):
        rows = [(i, labels.by_photo[pid][name]) for i, pid in enumerate(ids)
                if name in labels.by_photo.get(pid, {})]
        if not rows or new_scores is None:
            continue
        idx = np.array([i for i, _ in rows])
        y = np.array([v for _, v in rows])
        new_m = tag_metrics(y, new_scores[idx, j], float(new.thresholds[j]))
        old_m = None
        if name in old_col and old_scores is not None:
            k = old_col[name]
            old_m = tag_metrics(y, old_scores[idx, k], float(old.thresholds[k]))
        result.append(TagComparison(name, len(rows), old_m, new_m))
    return result


def _verdict(metrics: list[TagComparison]) -> tuple[bool, str]:
    comparable = [m for m in metrics
                  if m.old is not None and m.new.positives and m.new.negatives]
    learned = [m.tag for m in metrics if m.old is None]
    if not comparable:
        note = f"learned {', '.join(learned)}; " if learned else ""
        return True, note + "no held-out labels to compare old and new yet"
    old_f1 = float(np.mean([m.old.f1 for m in comparable if m.old]))
    new_f1 = float(np.mean([m.new.f1 for m in comparable]))
    old_ap = float(np.mean([m.old.average_precision for m in comparable if m.old]))
    new_ap = float(np.mean([m.new.average_precision for m in comparable]))
    ok = new_f1 >= old_f1 - NOT_WORSE_TOLERANCE and new_ap >= old_ap - NOT_WORSE_TOLERANCE
    summary = (f"mean F1 {old_f1:.2f} -> {new_f1:.2f}, AP {old_ap:.2f} -> {new_ap:.2f} "
               f"on {len(comparable)} tag{'s' if len(comparable) != 1 else ''}")
    if learned:
        summary += f"; learned {', '.join(learned)}"
    return ok, summary


def _calibrate(head: TrainedHead, ids: list[int], embeddings: np.ndarray,
               labels: _Labels) -> None:
    scores = head.scores(embeddings)
    for j, name in enumerate(head.tags):
        rows = [(i, labels.by_photo[pid][name]) for i, pid in enumerate(ids)
                if name in labels.by_photo.get(pid, {})]
        y = np.array([v for _, v in rows], dtype=bool)
        if y.sum() >= CALIBRATE_MIN and (~y).sum() >= CALIBRATE_MIN:
            idx = np.array([i for i, _ in rows])
            head.tag_thresholds[j] = best_threshold(y, scores[idx, j],
                                                    float(head.tag_thresholds[j]))


def train_candidate(library: Library, *, deep: bool = False,
                    progress: ProgressCallback | None = None,
                    cancel: CancelToken | None = None, seed: int = 0) -> TrainingResult:
    """Train a new version from the active one and the user's labels; save it, do not activate.

    Nothing in the library changes; a run that is cancelled or killed leaves no version behind.
    """
    from phototagger.ml.device import import_tensorflow

    import_tensorflow()
    from phototagger.ml.training import TrainingData, TrainingStopped, fit_head, grow

    started = time.monotonic()
    db = library.db
    report = progress or (lambda _: None)
    token = cancel or CancelToken()
    report(Progress("preparing", 0, None, detail="reading labels and embeddings"))
    default = load_default_head()
    parent_version, parent = _parent_trained(db, default)
    labels = _label_index(db, parent.tags)
    if not labels.by_photo:
        raise ValueError("there are no corrections to learn from yet: accept, reject or add tags")
    known = {t.casefold() for t in parent.tags}
    new_tags = sorted((n for n, c in labels.positives.items()
                       if c >= MIN_POSITIVES and n.casefold() not in known), key=str.casefold)
    start = grow(parent, new_tags)
    labelled_ids, labelled_emb = _embeddings(db, sorted(labels.by_photo))
    extra_ids = _unlabelled_sample(db, set(labels.by_photo), DISTILL_SAMPLE, seed)
    extra_ids, extra_emb = _embeddings(db, extra_ids)
    ids = labelled_ids + extra_ids
    embeddings = np.concatenate([labelled_emb, extra_emb])
    parent_scores = np.zeros((len(ids), len(start.tags)), np.float32)
    parent_scores[:, :len(parent.tags)] = parent.scores(embeddings)
    targets, weights = _targets(start, set(parent.tags), ids, labels, parent_scores)
    held = np.array([_held_out(pid) and pid in labels.by_photo for pid in ids])
    version = registry.next_version()
    phases = 2 if held.any() else 1

    def epoch_report(phase: int) -> Any:
        def on_epoch(epoch: int, epochs: int, loss: float) -> bool:
            report(Progress("training", (phase - 1) * epochs + epoch, phases * epochs,
                            detail=f"epoch {epoch}/{epochs}, loss {loss:.3f}"
                                   + (" (validation run)" if phase < phases else "")))
            return not token.cancelled
        return on_epoch

    try:
        metrics: list[TagComparison] = []
        if held.any():
            train = ~held
            probe = fit_head(start, TrainingData(embeddings[train], targets[train],
                                                 weights[train]),
                             version, on_epoch=epoch_report(1), seed=seed)
            _calibrate(probe, [p for p, h in zip(ids, train, strict=True) if h],
                       embeddings[train], labels)
            held_ids = [p for p, h in zip(ids, held, strict=True) if h]
            metrics = _compare(parent, probe, held_ids, embeddings[held], labels)
        final = fit_head(start, TrainingData(embeddings, targets, weights), version,
                         on_epoch=epoch_report(phases), seed=seed)
    except TrainingStopped:
        raise Cancelled() from None
    _calibrate(final, ids, embeddings, labels)
    not_worse, summary = _verdict(metrics)
    counts = {
        "labelled_photos": len(labels.by_photo),
        "held_out_photos": int(held.sum()),
        "distilled_photos": len(extra_ids),
        "new_tags": new_tags,
        "positives": labels.positives,
        "negatives": labels.negatives,
    }
    token.raise_if_cancelled()
    registry.save_version(final, {
        "parent": parent_version, "created_at": utc_now(), "kind": "deep" if deep else "head",
        "summary": summary, "not_worse": not_worse, "training": counts,
        "metrics": {m.tag: {"support": m.support, "old": m.old.as_dict() if m.old else None,
                            "new": m.new.as_dict()} for m in metrics},
    })
    return TrainingResult(version, parent_version, metrics, not_worse, summary, counts,
                          time.monotonic() - started)
