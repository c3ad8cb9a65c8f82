"""Classify loose image files without a library: decode, run the model, report tags."""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from phototagger.core.errors import VANISHED, PhotoError
from phototagger.core.imaging import decode_photo
from phototagger.ml.engine import TaggingEngine


@dataclass
class ClassifyResult:
    path: str
    tags: list[tuple[str, float]] = field(default_factory=list)
    top_classes: list[tuple[str, float]] = field(default_factory=list)
    error: PhotoError | None = None


def _decode(path: str) -> np.ndarray | PhotoError:
    """The model input: one image for a photo, the sampled frames (N x H x W x 3) for a clip."""
    if not os.path.lexists(path):  # a name mistyped, not a file that vanished during a scan
        return PhotoError(VANISHED, "there is no such file")
    try:
        decoded = decode_photo(Path(path))
    except PhotoError as exc:
        return exc
    return decoded.frames if decoded.frames is not None else decoded.model_input[None]


def _mean_rows(values: np.ndarray, counts: list[int]) -> np.ndarray:
    """A clip's frames back to one row each: the mean over its frames (core/media.py says why)."""
    ends = np.cumsum(counts)
    return np.stack([values[e - n : e].mean(axis=0) for e, n in zip(ends, counts, strict=True)])


def classify_files(
    paths: Sequence[str], engine: TaggingEngine, batch_size: int = 16, top_k: int = 3
) -> Iterator[ClassifyResult]:
    """Yield one result per path, in order; a file that cannot be decoded carries its error."""
    with ThreadPoolExecutor(max_workers=2) as pool:
        for start in range(0, len(paths), batch_size):
            chunk = list(paths[start : start + batch_size])
            decoded = list(pool.map(_decode, chunk))
            good = [i for i, d in enumerate(decoded) if isinstance(d, np.ndarray)]
            results = {i: ClassifyResult(chunk[i]) for i in range(len(chunk))}
            for i, d in enumerate(decoded):
                if isinstance(d, PhotoError):
                    results[i].error = d
            if good:
                frames = [d for d in decoded if isinstance(d, np.ndarray)]
                pixels = np.concatenate(frames)
                counts = [len(f) for f in frames]
                embeddings, probabilities = engine.imagenet(pixels)
                probabilities = _mean_rows(probabilities, counts)
                suggested = engine.suggest(_mean_rows(engine.scores(embeddings), counts))
                for row, i in enumerate(good):
                    results[i].tags = suggested[row]
                    top = np.argsort(-probabilities[row])[:top_k]
                    results[i].top_classes = [
                        (engine.class_names[c], float(probabilities[row, c])) for c in top
                    ]
            yield from (results[i] for i in range(len(chunk)))
