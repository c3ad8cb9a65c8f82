"""The default photo vocabulary: tags defined as sets of ImageNet classes, read from models/."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from phototagger import paths

NUM_CLASSES = 1000


@dataclass(frozen=True)
class TagDefinition:
    name: str
    threshold: float
    classes: tuple[int, ...]  # the union of its own classes and those of the tags it includes


@dataclass(frozen=True)
class Vocabulary:
    name: str
    tags: tuple[TagDefinition, ...]
    class_names: tuple[str, ...]

    @property
    def tag_names(self) -> list[str]:
        return [t.name for t in self.tags]

    @property
    def thresholds(self) -> np.ndarray:
        return np.array([t.threshold for t in self.tags], dtype=np.float32)

    def membership(self) -> np.ndarray:
        """(1000, T) 0/1 matrix: probabilities @ membership gives each tag's summed probability."""
        m = np.zeros((NUM_CLASSES, len(self.tags)), dtype=np.float32)
        for j, tag in enumerate(self.tags):
            m[list(tag.classes), j] = 1.0
        return m

    def tag_probabilities(self, probabilities: np.ndarray) -> np.ndarray:
        return np.clip(probabilities @ self.membership(), 0.0, 1.0)


def _expand(entries: list[Any], where: str) -> set[int]:
    result: set[int] = set()
    for entry in entries:
        if isinstance(entry, int):
            lo = hi = entry
        elif isinstance(entry, str) and "-" in entry:
            a, b = entry.split("-", 1)
            lo, hi = int(a), int(b)
        else:
            raise ValueError(f"{where}: class entry {entry!r} is neither an index nor 'a-b'")
        if not 0 <= lo <= hi < NUM_CLASSES:
            raise ValueError(f"{where}: class range {entry!r} is outside 0-999")
        result.update(range(lo, hi + 1))
    return result


def load_vocabulary(folder: Path | None = None) -> Vocabulary:
    folder = folder or paths.models_data_dir()
    spec = json.loads((folder / "vocabulary.json").read_text(encoding="utf-8"))
    classes = json.loads((folder / "imagenet_classes.json").read_text(encoding="utf-8"))
    class_names = tuple(c["name"] for c in sorted(classes, key=lambda c: c["index"]))
    if len(class_names) != NUM_CLASSES:
        raise ValueError(f"imagenet_classes.json lists {len(class_names)} classes, not 1000")
    default_threshold = float(spec.get("default_threshold", 0.3))
    raw = {t["name"]: t for t in spec["tags"]}
    if len(raw) != len(spec["tags"]):
        raise ValueError("vocabulary.json names a tag twice")

    resolved: dict[str, set[int]] = {}

    def resolve(name: str, trail: tuple[str, ...]) -> set[int]:
        if name in trail:
            raise ValueError(f"vocabulary.json: tag {name!r} includes itself via {trail}")
        if name not in raw:
            raise ValueError(f"vocabulary.json: {trail[-1]!r} includes unknown tag {name!r}")
        if name not in resolved:
            tag = raw[name]
            members = _expand(tag.get("classes", []), name)
            for child in tag.get("include", []):
                members |= resolve(child, (*trail, name))
            resolved[name] = members
        return resolved[name]

    tags = []
    for entry in spec["tags"]:
        name = entry["name"]
        if name != name.strip().lower():
            raise ValueError(f"vocabulary.json: tag names are lowercase, {name!r} is not")
        members = resolve(name, ())
        if not members:
            raise ValueError(f"vocabulary.json: tag {name!r} has no classes")
        threshold = float(entry.get("threshold", default_threshold))
        tags.append(TagDefinition(name, threshold, tuple(sorted(members))))
    return Vocabulary(spec.get("name", "default"), tuple(tags), class_names)
