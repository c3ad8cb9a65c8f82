"""Replaying the library's tag renames, merges and deletes on a model version's output columns.

A version saved before a change still names its columns the old way; loading it through here
renames the column (rename), drops the source column when the destination has its own (merge,
the destination's learning wins) or renames it onto the destination (merge into a tag the model
had no column for), and drops the column of a deleted tag. A change names a column as the
database tells tags apart (name_key): renaming 'dog' renames the column 'Dog', renaming 'äpfel'
leaves 'Äpfel' alone (two tags in the library, two columns in a model).
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import replace
from typing import Any

import numpy as np

from phototagger.core.tag_admin import LoggedChange
from phototagger.ml.model_version import ModelVersion
from phototagger.ml.trained_head import TrainedHead, remapped_lookalikes
from phototagger.store.tags import name_key

Change = tuple[str, str, str | None]  # (time, from, to); a LoggedChange also has its number


def came_after(change: Change, saved: ModelVersion | None) -> bool:
    """Whether the tag change was made after the version `saved` was trained (None, or a record
    with no time: the default tagger, which predates every change), so that its columns still
    carry the names from before it. By the order numbers where both have one (a change takes
    one of the decisions' numbers, tag_admin._log; a version records the last it read,
    decisions_up_to): a change made in the second a version was saved, before or after its
    training, is told apart. A numbered change was logged after every version that records
    no number; an older change by time, one in the version's second counting as after it."""
    if saved is None or saved.created_at is None:
        return True
    seq = change.seq if isinstance(change, LoggedChange) else None
    if seq is not None:
        return saved.decisions_up_to is None or seq > saved.decisions_up_to
    return change[0] >= str(saved.created_at)


def column_map(
    names: Sequence[str], changes: Sequence[Change], saved: ModelVersion | None
) -> tuple[list[str], list[int]]:
    """(new names, the source column of each) of the version `saved` (None: the default
    tagger) after the changes made after it was trained (came_after)."""
    current = list(names)
    columns = list(range(len(names)))
    for change in changes:
        if not came_after(change, saved):
            continue
        _, old, new = change
        folded = name_key(old)
        hit = next((i for i, n in enumerate(current) if name_key(n) == folded), None)
        if hit is None:
            continue
        target = (
            None
            if new is None
            else next(
                (i for i, n in enumerate(current) if name_key(n) == name_key(new) and i != hit),
                None,
            )
        )
        if new is None or target is not None:
            del current[hit], columns[hit]
        else:
            current[hit] = new
    return current, columns


def remap_trained(
    head: TrainedHead, changes: Sequence[Change], saved: ModelVersion | None
) -> TrainedHead:
    names, cols = column_map(head.tags, changes, saved)
    if names == head.tags:
        return head
    return _picked(head, names, cols)


def without_columns(head: TrainedHead, tags: Collection[str]) -> TrainedHead:
    """`head` without the columns of `tags` (as the database tells tags apart), each dropped as
    a deleted tag's is (remap_trained): a tag the user invented whose answers are all taken
    back (core/retrain.py) is on no photo of the version made without it."""
    gone = {name_key(t) for t in tags}
    cols = [j for j, t in enumerate(head.tags) if name_key(t) not in gone]
    if len(cols) == len(head.tags):
        return head
    return _picked(head, [head.tags[j] for j in cols], cols)


def _picked(head: TrainedHead, names: list[str], cols: Sequence[int]) -> TrainedHead:
    """`head` with columns `cols` only (new column i is old column cols[i]), named `names`."""
    picked = np.asarray(cols, dtype=int)
    concepts = None if head.concepts is None else head.concepts[:, picked]
    # Kept rejections follow their tag's column (before the columns move: they name old ones).
    head = remapped_lookalikes(head, picked)
    return replace(
        head,
        tags=names,
        base_index=head.base_index[picked],
        scale=head.scale[picked],
        kernel=head.kernel[:, picked],
        bias=head.bias[picked],
        tag_thresholds=head.tag_thresholds[picked],
        concepts=concepts,
        faces=None if head.faces is None else head.faces[picked],
    )


def remap_record(record: ModelVersion, changes: Sequence[Change]) -> ModelVersion:
    """The record's per-tag fingerprints of the decisions it learned from, its per-tag
    example lists, how it learned each tag and its few-photos counts, under the names its
    columns have now: a learned tag renamed since the version was saved is still learned
    (nothing new to fit), keeps its examples, and a version trained from this one says how
    under the new name. A column dropped (merged away, deleted) drops its entries; other keys
    are kept as they are."""
    names, columns = column_map(list(record.tags), changes, record)
    if names == list(record.tags):
        return record
    renamed = {record.tags[c]: name for name, c in zip(names, columns, strict=True)}
    dropped = set(record.tags) - set(renamed)

    def keyed(per_tag: Mapping[str, Any]) -> dict[str, Any]:
        return {renamed.get(t, t): v for t, v in per_tag.items() if t not in dropped}

    examples = record.example_labels
    # Its few-photos counts too: the review queue of a tag renamed since says what its test
    # found (core/model/review.held_out_missed).
    few = record.training.get("few_photos")
    training = record.training
    if isinstance(few, Mapping):
        training = {**training, "few_photos": keyed(few)}
    return replace(
        record,
        label_digests=keyed(record.label_digests),
        learned=keyed(record.learned),
        example_labels=None if examples is None else keyed(examples),
        training=training,
    )


class RemappedDefault:
    """The default head's columns under their current names."""

    def __init__(self, head: object, names: list[str], columns: list[int]) -> None:
        self._head = head
        self._names = names
        self._columns = np.asarray(columns, dtype=int)
        self.version: str = head.version  # type: ignore[attr-defined]

    @property
    def tag_names(self) -> list[str]:
        return self._names

    @property
    def default_columns(self) -> np.ndarray:
        """Which of the default head's columns each current tag is (for cached scores)."""
        return self._columns

    @property
    def thresholds(self) -> np.ndarray:
        return np.asarray(self._head.thresholds)[self._columns]  # type: ignore[attr-defined]

    def scores(self, embeddings: np.ndarray) -> np.ndarray:
        return np.asarray(self._head.scores(embeddings))[:, self._columns]  # type: ignore[attr-defined]
