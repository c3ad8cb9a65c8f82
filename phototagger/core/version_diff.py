"""What a candidate version would change in the library, before it is applied: per tag, the
photos it would newly tag and the ones it would untag, against the active version."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np
import sqlite_utils

from phototagger.core.versions import embedded_chunks
from phototagger.ml.heads import with_overrides
from phototagger.ml.trained_head import TrainedHead

PREVIEW = 48  # photo ids kept per tag and direction, for a preview


@dataclass
class TagChange:
    tag: str
    before: int  # photos the active version tags
    after: int  # photos the candidate tags
    added: int = 0
    removed: int = 0
    added_ids: list[int] = field(default_factory=list)
    removed_ids: list[int] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {"tag": self.tag, "before": self.before, "after": self.after,
                "added": self.added, "removed": self.removed}


def library_changes(db: sqlite_utils.Database, active: TrainedHead, candidate: TrainedHead,
                    backbone: str) -> tuple[list[TagChange], int]:
    """Per tag of the candidate, how its assignments differ from the active version's, over
    every photo with an embedding. Both heads share the default head, so the ImageNet
    probabilities are computed once per chunk. Returns (changes, photos looked at)."""
    old_col = {t: j for j, t in enumerate(active.tags)}
    old_thr = active.thresholds
    new_thr = with_overrides(candidate.tags, candidate.tag_thresholds, active.overrides)
    changes = [TagChange(t, 0, 0) for t in candidate.tags]
    photos = 0
    for ids, matrix in embedded_chunks(db, backbone=backbone):
        probs = active.base.imagenet_probabilities(matrix)
        new_on = candidate.scores_given(matrix, probs) >= new_thr
        old_scores = active.scores_given(matrix, probs) >= old_thr
        id_array = np.asarray(ids)
        photos += len(ids)
        for j, change in enumerate(changes):
            k = old_col.get(change.tag)
            old_on = old_scores[:, k] if k is not None else np.zeros(len(ids), bool)
            gained, lost = new_on[:, j] & ~old_on, old_on & ~new_on[:, j]
            change.before += int(old_on.sum())
            change.after += int(new_on[:, j].sum())
            change.added += int(gained.sum())
            change.removed += int(lost.sum())
            room = PREVIEW - len(change.added_ids)
            change.added_ids += id_array[gained][:max(room, 0)].tolist()
            room = PREVIEW - len(change.removed_ids)
            change.removed_ids += id_array[lost][:max(room, 0)].tolist()
    return changes, photos


def base_rate_notes(changes: list[TagChange], positives: dict[str, int],
                    negatives: dict[str, int], photos: int) -> list[str]:
    """Tags that would go on more photos than their labels suggest: the share of positives
    among the user's answers bounds the share of the library (answers lean positive)."""
    notes = []
    for c in changes:
        pos, neg = positives.get(c.tag, 0), negatives.get(c.tag, 0)
        if pos + neg == 0 or photos == 0 or c.added == 0:
            continue
        ceiling = pos / (pos + neg) * photos
        if c.after > ceiling:
            notes.append(f"{c.tag} would be on {c.after:,} photos, more than its labels suggest "
                         f"(at most ~{ceiling:,.0f}: {pos} yes / {neg} no)")
    return notes
