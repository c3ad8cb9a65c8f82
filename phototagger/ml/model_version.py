"""A model version's record: what its JSON file holds, read once into a frozen value.

The built-in default tagger (v1) has a record too, built from the default head, so every caller
reads one kind of record whatever the version.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

DEFAULT_VERSION = "v1"
# What v1 is, in the words the Versions page and `models` list it with: "ImageNet classes
# summed into tags" told a photographer nothing.
DEFAULT_NOTE = "as installed, before learning from you"
# The keys this record names; anything else a record holds is kept, untouched, in `extra`.
_KNOWN = (
    "version",
    "parent",
    "created_at",
    "kind",
    "tags",
    "thresholds",
    "backbone",
    "top_weights",
    "summary",
    "note",
    "not_worse",
    "metrics",
    "training",
    "learned",
    "label_digests",
    "example_labels",
    "decisions_up_to",
    "weights_sha256",
    "weights_sha256_added",
)


@dataclass(frozen=True)
class ModelVersion:
    version: str
    tags: tuple[str, ...]
    thresholds: tuple[float, ...]
    parent: str | None = None
    created_at: str | None = None
    kind: str = "head"  # "default", "head" or "deep"
    backbone: str | None = None  # whose embeddings it reads; None: the base CNN's
    top_weights: str | None = None  # the version whose fine-tuned CNN top it runs, if any
    summary: str = ""
    note: str = ""
    not_worse: bool | None = None
    metrics: Mapping[str, Any] = field(default_factory=dict)
    training: Mapping[str, Any] = field(default_factory=dict)  # training data counts
    learned: Mapping[str, Any] = field(default_factory=dict)  # per tag: how it was learned
    label_digests: Mapping[str, str] = field(default_factory=dict)
    # Per tag, the photos whose decision came before any version scored the tag (see
    # ml/selection_aware.py); None in records older than this field.
    example_labels: Mapping[str, Any] | None = None
    # The order number of the last of the user's decisions there were when it was trained
    # (store/tags.decision_mark): a decision numbered above it came after it. None in records
    # older than this field: see came_after.
    decisions_up_to: int | None = None
    # The SHA-256 (hex) of its weights file as it was saved: another file put in its place (a
    # copy of another version's, same tags and sound) is told from it. None in records older
    # than this field.
    weights_sha256: str | None = None
    # When weights_sha256 was recorded, where that was after the version was saved (UTC, ISO
    # 8601): a version saved before records kept it has it written at its first use, its file
    # then checked whole by its CRC-32s (trust on first use: ModelVersions). None: at its save.
    weights_sha256_added: str | None = None
    extra: Mapping[str, Any] = field(default_factory=dict)

    @classmethod
    def default(cls, tags: Sequence[str], thresholds: Sequence[float]) -> ModelVersion:
        """The built-in default tagger's record (it has no file)."""
        return cls(
            version=DEFAULT_VERSION,
            tags=tuple(tags),
            thresholds=tuple(float(t) for t in thresholds),
            kind="default",
            note=DEFAULT_NOTE,
        )

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> ModelVersion:
        """From a record already checked (ml/version_check.py)."""
        return cls(
            version=str(data["version"]),
            tags=tuple(data["tags"]),
            thresholds=tuple(float(t) for t in data["thresholds"]),
            parent=data.get("parent"),
            created_at=data.get("created_at"),
            kind=str(data.get("kind") or "head"),
            backbone=data.get("backbone"),
            top_weights=data.get("top_weights"),
            summary=str(data.get("summary") or ""),
            note=str(data.get("note") or ""),
            not_worse=data.get("not_worse"),
            metrics=dict(data.get("metrics") or {}),
            training=dict(data.get("training") or {}),
            learned=dict(data.get("learned") or {}),
            label_digests=dict(data.get("label_digests") or {}),
            example_labels=_mapping_or_none(data.get("example_labels")),
            decisions_up_to=_int_or_none(data.get("decisions_up_to")),
            weights_sha256=data.get("weights_sha256"),
            weights_sha256_added=data.get("weights_sha256_added"),
            extra={k: v for k, v in data.items() if k not in _KNOWN},
        )

    def to_json(self) -> dict[str, Any]:
        return {
            **self.extra,
            "version": self.version,
            "parent": self.parent,
            "created_at": self.created_at,
            "kind": self.kind,
            "tags": list(self.tags),
            "thresholds": list(self.thresholds),
            "backbone": self.backbone,
            "top_weights": self.top_weights,
            "summary": self.summary,
            "note": self.note,
            "not_worse": self.not_worse,
            "metrics": dict(self.metrics),
            "training": dict(self.training),
            "learned": dict(self.learned),
            "label_digests": dict(self.label_digests),
            **(
                {} if self.example_labels is None else {"example_labels": dict(self.example_labels)}
            ),
            **({} if self.decisions_up_to is None else {"decisions_up_to": self.decisions_up_to}),
            **({} if self.weights_sha256 is None else {"weights_sha256": self.weights_sha256}),
            **(
                {}
                if self.weights_sha256_added is None
                else {"weights_sha256_added": self.weights_sha256_added}
            ),
        }

    def came_after(self, seq: int | None, at: str | None) -> bool:
        """Whether a decision (its order number, None if made before the library kept the
        order; its time, to the second) came after this version was trained, so that the
        version did not learn from it: by number where the version records the last it had
        (decisions_up_to), as times to the second cannot tell which came first in the second the
        version was saved. An older version predates every numbered decision (the library kept
        the order from its upgrade on); against the others it has only its time: a decision in
        the second it was saved counts as one it learned from (as before the order was kept)."""
        if self.decisions_up_to is not None:
            return seq is not None and seq > self.decisions_up_to
        if seq is not None or self.created_at is None:
            return True
        return at is not None and str(self.created_at) < at

    @property
    def is_default(self) -> bool:
        return self.version == DEFAULT_VERSION

    @property
    def description(self) -> str:
        """One line for a listing: the training summary, or the note."""
        return self.summary or self.note


def _int_or_none(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _mapping_or_none(value: Any) -> dict[str, Any] | None:
    return dict(value) if isinstance(value, Mapping) else None
