"""Old version against new on held-out labels, the verdict, and threshold calibration."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from phototagger.core.training_set import Labels
from phototagger.ml.metrics import TagMetrics, best_threshold, tag_metrics

CALIBRATE_MIN = 5  # positives and negatives needed to move a tag's threshold
NOT_WORSE_TOLERANCE = 0.02


@dataclass(frozen=True)
class TagComparison:
    tag: str
    support: int  # held-out labels for this tag
    old: TagMetrics | None  # None: the old version had no such output
    new: TagMetrics


@dataclass(frozen=True)
class Scored:
    """One version's scores on a set of photos."""

    tags: list[str]
    thresholds: np.ndarray
    scores: np.ndarray  # (N, len(tags))


def compare(old: Scored, new: Scored, ids: list[int], labels: Labels) -> list[TagComparison]:
    old_col = {name: j for j, name in enumerate(old.tags)}
    result = []
    for j, name in enumerate(new.tags):
        idx, y = labels.rows(ids, name)
        if len(idx) == 0:
            continue
        new_m = tag_metrics(y, new.scores[idx, j], float(new.thresholds[j]))
        old_m = None
        if name in old_col:
            k = old_col[name]
            old_m = tag_metrics(y, old.scores[idx, k], float(old.thresholds[k]))
        result.append(TagComparison(name, len(idx), old_m, new_m))
    return result


def verdict(metrics: list[TagComparison]) -> tuple[bool, str]:
    """Not worse: mean F1 and mean AP over tags both versions know (with held-out positives and
    negatives) drop by at most NOT_WORSE_TOLERANCE. Newly learned tags cannot make it worse."""
    comparable = [m for m in metrics if m.old is not None and m.new.positives and m.new.negatives]
    learned = [m.tag for m in metrics if m.old is None]
    if not comparable:
        note = f"learned {', '.join(learned)}; " if learned else ""
        return True, note + "no held-out labels to compare old and new yet"
    old_f1 = float(np.mean([m.old.f1 for m in comparable if m.old]))
    new_f1 = float(np.mean([m.new.f1 for m in comparable]))
    old_ap = float(np.mean([m.old.average_precision for m in comparable if m.old]))
    new_ap = float(np.mean([m.new.average_precision for m in comparable]))
    ok = new_f1 >= old_f1 - NOT_WORSE_TOLERANCE and new_ap >= old_ap - NOT_WORSE_TOLERANCE
    summary = (
        f"mean F1 {old_f1:.2f} -> {new_f1:.2f}, AP {old_ap:.2f} -> {new_ap:.2f} "
        f"on {len(comparable)} tag{'s' if len(comparable) != 1 else ''}"
    )
    if learned:
        summary += f"; learned {', '.join(learned)}"
    return ok, summary


def calibrate(
    thresholds: np.ndarray, tags: list[str], scores: np.ndarray, ids: list[int], labels: Labels
) -> None:
    """Move each tag's threshold (in place) to its best F1 where the user labelled enough."""
    for j, name in enumerate(tags):
        idx, y = labels.rows(ids, name)
        if y.sum() >= CALIBRATE_MIN and (~y).sum() >= CALIBRATE_MIN:
            thresholds[j] = best_threshold(y, scores[idx, j], float(thresholds[j]))
