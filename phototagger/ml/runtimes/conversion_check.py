"""Converting the backbone to a CPU runtime and checking it against TensorFlow; the cached verdict.

The runtime choice (before a scan, when a runtime is forced) and the measurement after the first
scan both run it, so it lives apart from either.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Protocol

import numpy as np

from phototagger.ml.backbone_name import BACKBONE_NAME
from phototagger.ml.engine import TaggingEngine
from phototagger.ml.heads import load_default_head
from phototagger.ml.runtimes.agreement import MIN_PHOTOS, Agreement, measure_agreement
from phototagger.ml.runtimes.candidates import Candidate
from phototagger.ml.runtimes.converted_backbone import ConvertedBackbone
from phototagger.ml.runtimes.litert import DamagedModelError

CHECK_BATCH = 32


class HasVerdict(Protocol):
    @property
    def verdict(self) -> Path: ...


def load_cached(candidate: Candidate) -> ConvertedBackbone | None:
    """The candidate's cached converted backbone, or None when it has none or its cached file is
    damaged (discarded then: the damaged one says nothing, it is converted again)."""
    default = load_default_head()
    if candidate.exists:
        try:
            return candidate.load(default.kernel, default.bias)
        except DamagedModelError:
            candidate.discard()
    return None


def load_converted(reference: TaggingEngine, candidate: Candidate) -> ConvertedBackbone:
    """The candidate's converted backbone, converted now when it is not cached (or damaged)."""
    cached = load_cached(candidate)
    if cached is not None:
        return cached
    candidate.convert(reference.keras_model)
    default = load_default_head()
    return candidate.load(default.kernel, default.bias)


def reference_embeddings(
    reference: TaggingEngine, pixels: np.ndarray, batch: int = CHECK_BATCH
) -> np.ndarray:
    """TensorFlow's fp32 base embeddings of `pixels`, a batch at a time."""
    return np.concatenate(
        [
            reference.embed_all(pixels[start : start + batch])[BACKBONE_NAME]
            for start in range(0, len(pixels), batch)
        ]
    )


def convert_and_check(
    reference: TaggingEngine,
    candidate: Candidate,
    pixels: np.ndarray,
    embeddings: np.ndarray | None = None,
) -> Agreement | None:
    """Convert (if not cached), then compare with TensorFlow on the photos' model inputs and cache
    the verdict. `embeddings`: TensorFlow's fp32 base embeddings of `pixels` when it already ran
    on them (in the scan), else it runs here. None when there are too few photos to judge
    (nothing converted; checked again next time)."""
    if len(pixels) < MIN_PHOTOS:
        return None
    backbone = load_converted(reference, candidate)
    converted = np.concatenate(
        [
            backbone.embed(pixels[start : start + CHECK_BATCH])
            for start in range(0, len(pixels), CHECK_BATCH)
        ]
    )
    if embeddings is None:
        embeddings = reference_embeddings(reference, pixels)
    agreement = measure_agreement(embeddings, converted, load_default_head())
    write_verdict(candidate, agreement)
    return agreement


def read_verdict(converted: HasVerdict) -> Agreement | None:
    try:
        return Agreement.from_dict(json.loads(converted.verdict.read_text("utf-8")))
    except (OSError, ValueError, KeyError, TypeError):
        return None  # no verdict, or a damaged one: measured again


def write_verdict(converted: Candidate, agreement: Agreement) -> None:
    """The check's figures, with the runtime and precision they are of (whose embeddings the
    library will hold when it passes)."""
    tmp = converted.verdict.with_name(f".{converted.verdict.name}.tmp")
    data = {**agreement.as_dict(), "runtime": converted.title}
    tmp.write_text(json.dumps(data, indent=2), "utf-8")
    os.replace(tmp, converted.verdict)
