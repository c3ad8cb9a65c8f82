"""What a training run learns from: the user's labels turned into masked, weighted targets.

The rules are documented in phototagger/core/retrain.py; the constants live here with the code
that applies them.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

import numpy as np
import sqlite_utils

from phototagger.core.embedding_matrix import EmbeddingMatrix
from phototagger.core.embeddings import embedded_chunks
from phototagger.core.states import POSITIVE_STATES, TagState
from phototagger.ml.engine import BACKBONE_NAME
from phototagger.ml.trained_head import TrainedHead
from phototagger.store.embeddings import iter_embedded_ids, without_embedding
from phototagger.store.tags import decisions_out_of_library, name_key, user_decisions

MIN_POSITIVES = 5
DISTILL_SAMPLE = 4000  # unlabelled photos that keep the parent's confidence as a soft target
DISTILL_WEIGHT = 0.5
WEAK_NEGATIVE_WEIGHT = 0.1
MAX_POSITIVE_BOOST = 10.0


@dataclass
class Labels:
    by_photo: dict[int, dict[str, bool]]  # photo -> {tag (as the model spells it): positive?}
    positives: dict[str, int]
    negatives: dict[str, int]
    unread: dict[str, int] = field(default_factory=dict)  # positives left out: photos never read
    # Per tag, the photos the user gave it that no model suggested it on (added with T, or a
    # keyword in the file): chosen by what they show, not by a score (ml/selection_aware.py).
    unsuggested: dict[str, set[int]] = field(default_factory=dict)
    # Decisions on photos out of the library (their folder removed, their files gone): kept for
    # when they come back, and learned from then, not now. The user's answers, and apart from
    # them the keywords read from the photos' files.
    out_of_library: int = 0
    keywords_out_of_library: int = 0
    # The "no" answers on photos never read, by tag: they teach nothing either, but the tag is
    # answered (a version that learned it keeps it, as for a "yes" there: learned_then_taken_back).
    unread_no: dict[str, int] = field(default_factory=dict)
    # The photos whose only decisions are keywords read from their files (TagState.FILE): no
    # answer of the user's. `train` says them apart: "on 15 labelled photos" read as a miscount
    # beside the 13 photos the user had answered (walk48).
    keywords_only: set[int] = field(default_factory=set)

    def rows(self, ids: list[int], tag: str) -> tuple[np.ndarray, np.ndarray]:
        """(row indices into `ids`, labels) of the photos labelled for `tag`."""
        pairs = [
            (i, self.by_photo[pid][tag])
            for i, pid in enumerate(ids)
            if tag in self.by_photo.get(pid, {})
        ]
        return (
            np.array([i for i, _ in pairs], dtype=int),
            np.array([v for _, v in pairs], dtype=bool),
        )


def label_index(db: sqlite_utils.Database, known: list[str]) -> Labels:
    """Every user decision on a photo that was read, with tag names folded onto the spelling
    the model knows, as the database tells tags apart (name_key: 'dog' is the model's 'Dog',
    'äpfel' is a tag of its own beside 'Äpfel', as in the library). A photo never read (a
    damaged file, one still pending) has no embedding and teaches nothing: five labels on
    damaged files must not make a new tag "learned". A photo out of the library (its folder
    removed from it, its file gone) teaches nothing either until it comes back: it is in no
    grid, no count, no search (store/tags.user_decisions); its decisions are only counted."""
    spelling = {name_key(name): name for name in known}
    by_photo: dict[int, dict[str, bool]] = defaultdict(dict)
    positives: dict[str, int] = defaultdict(int)
    negatives: dict[str, int] = defaultdict(int)
    unread: dict[str, int] = defaultdict(int)
    unread_no: dict[str, int] = defaultdict(int)
    unsuggested: dict[str, set[int]] = defaultdict(set)
    answered: set[int] = set()  # the photos with a decision of the user's
    from_files: set[int] = set()  # those with a keyword read from their file
    decisions = user_decisions(db)
    # Only the labelled photos are looked up (not a library of 100,000), in the base backbone's
    # embeddings, which every scan stores whatever version is active.
    never_read = without_embedding(db, [d[0] for d in decisions], BACKBONE_NAME)
    for photo_id, tag, state in decisions:
        name = spelling.setdefault(name_key(tag), tag)
        positive = state in POSITIVE_STATES
        if photo_id in never_read:
            unread[name] += positive
            unread_no[name] += not positive
            continue
        by_photo[photo_id][name] = positive
        (positives if positive else negatives)[name] += 1
        if state in (TagState.ADDED, TagState.FILE):
            unsuggested[name].add(photo_id)
        (from_files if state == TagState.FILE else answered).add(photo_id)
    return Labels(
        dict(by_photo),
        dict(positives),
        dict(negatives),
        {n: c for n, c in unread.items() if c},
        dict(unsuggested),
        *decisions_out_of_library(db),
        {n: c for n, c in unread_no.items() if c},
        from_files - answered,
    )


def embeddings_of(
    db: sqlite_utils.Database,
    ids: list[int] | None,
    backbone: str,
    limit: int | None = None,
    copy: EmbeddingMatrix | None = None,
) -> tuple[list[int], np.ndarray]:
    """(the photos of `ids` with a `backbone` embedding, by id; their float32 embeddings).
    `copy`: the library's current copy of them (core/embedding_matrix.py); the same bits,
    read without SQLite (10,000 photos' blobs were 0.5-0.7 s of a training's set-up) when
    every one of `ids` is in it."""
    if copy is not None and ids is not None and limit is None:
        wanted = sorted(set(ids))
        found = copy.rows(wanted)
        if found is not None:
            return wanted, np.array(found, np.float32)
    all_ids: list[int] = []
    parts: list[np.ndarray] = []
    for chunk_ids, matrix in embedded_chunks(db, photo_ids=ids, backbone=backbone):
        all_ids += chunk_ids
        parts.append(matrix)
        if limit is not None and len(all_ids) >= limit:
            break
    if not parts:
        return [], np.zeros((0, 1280), np.float32)
    return all_ids, np.concatenate(parts)


def unlabelled_sample(
    db: sqlite_utils.Database,
    labelled: set[int],
    size: int,
    seed: int,
    backbone: str,
    embedded: list[int] | None = None,
) -> list[int]:
    """`size` photos with a `backbone` embedding and no label, at random (`seed`), by id.
    `embedded`: iter_embedded_ids(db, backbone), if the caller has read it already."""
    everything = iter_embedded_ids(db, backbone) if embedded is None else embedded
    ids = [pid for pid in everything if pid not in labelled]
    if len(ids) <= size:
        return ids
    rng = np.random.default_rng(seed)
    return sorted(rng.choice(ids, size=size, replace=False).tolist())


def held_out(photo_id: int) -> bool:
    # A fixed, well-mixed quarter of photos: the same photo is held out in every run.
    return (photo_id * 2654435761) % 2**32 % 4 == 0


def targets_for(
    head: TrainedHead,
    parent_tags: set[str],
    ids: list[int],
    labels: Labels,
    parent_scores: np.ndarray,
) -> tuple[np.ndarray, np.ndarray]:
    """(targets, weights), both (N, T): labels where the user decided, the rules elsewhere."""
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
            missing = labels.positives.get(name, 0) - labels.negatives.get(name, 0)
            if missing > 0 and free.any():
                weights[free, j] = min(WEAK_NEGATIVE_WEIGHT, missing / free.sum())
        _balance(targets[:, j], weights[:, j], ~unlabelled[:, j])
    return targets, weights


def _balance(targets: np.ndarray, weights: np.ndarray, labelled: np.ndarray) -> None:
    """Weigh a tag's labelled positives and its negatives equally (in place), so ten positives
    against thirty rejections are not simply outvoted."""
    pos = labelled & (targets > 0.5)
    neg = (weights > 0) & ~pos & ~(~labelled & (targets > 0.5))
    w_pos, w_neg = weights[pos].sum(), weights[neg].sum()
    if w_pos > 0 and w_neg > 0:
        weights[pos] *= float(np.clip(w_neg / w_pos, 1.0, MAX_POSITIVE_BOOST))
