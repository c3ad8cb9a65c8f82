"""Replaying the library's tag renames, merges and deletes on a model version's output columns.

A version saved before a change still names its columns the old way; loading it through here
renames the column (rename), drops the source column when the destination has its own (merge,
the destination's learning wins) or renames it onto the destination (merge into a tag the model
had no column for), and drops the column of a deleted tag. A change names a column as the
database tells tags apart (name_key): renaming 'dog' renames the column 'Dog', renaming 'äpfel'
leaves 'Äpfel' alone (two tags in the library, two columns in a model).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace
from typing import Any

import numpy as np

from phototagger.ml.model_version import ModelVersion
from phototagger.ml.trained_head import TrainedHead, remapped_lookalikes
from phototagger.store.tags import name_key

Change = tuple[str, str, str | None]  # (time, from, to)


def column_map(
    names: Sequence[str], changes: Sequence[Change], saved_at: str | None
) -> tuple[list[str], list[int]]:
    """(new names, the source column of each) after the changes made at or after `saved_at`
    (all changes when None: the default tagger predates them all)."""
    current = list(names)
    columns = list(range(len(names)))
    for at, old, new in changes:
        if saved_at is not None and at < saved_at:
            continue
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
    head: TrainedHead, changes: Sequence[Change], saved_at: str | None
) -> TrainedHead:
    names, cols = column_map(head.tags, changes, saved_at)
    if names == head.tags:
        return head
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
    example lists and how it learned each tag, under the names its columns have now: a learned
    tag renamed since the version was saved is still learned (nothing new to fit), keeps its
    examples, and a version trained from this one says how under the new name. A column
    dropped (merged away, deleted) drops its entries; other keys are kept as they are."""
    names, columns = column_map(list(record.tags), changes, record.created_at)
    if names == list(record.tags):
        return record
    renamed = {record.tags[c]: name for name, c in zip(names, columns, strict=True)}
    dropped = set(record.tags) - set(renamed)

    def keyed(per_tag: Mapping[str, Any]) -> dict[str, Any]:
        return {renamed.get(t, t): v for t, v in per_tag.items() if t not in dropped}

    examples = record.example_labels
    return replace(
        record,
        label_digests=keyed(record.label_digests),
        learned=keyed(record.learned),
        example_labels=None if examples is None else keyed(examples),
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
