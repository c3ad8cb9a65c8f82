"""Classify loose image files without a library: decode, run the model, report tags."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from phototagger.core.errors import PhotoError
from phototagger.core.imaging import decode_photo
from phototagger.ml.engine import TaggingEngine


@dataclass
class ClassifyResult:
    path: str
    tags: list[tuple[str, float]] = field(default_factory=list)
    top_classes: list[tuple[str, float]] = field(default_factory=list)
    error: PhotoError | None = None


def _decode(path: str) -> np.ndarray | PhotoError:
    try:
        return decode_photo(Path(path)).model_input
    except PhotoError as exc:
        return exc


def classify_files(paths: Sequence[str], engine: TaggingEngine, batch_size: int = 16,
                   top_k: int = 3) -> Iterator[ClassifyResult]:
    """Yield one result per path, in order; a file that cannot be decoded carries its error."""
    with ThreadPoolExecutor(max_workers=2) as pool:
        for start in range(0, len(paths), batch_size):
            chunk = list(paths[start:start + batch_size])
            decoded = list(pool.map(_decode, chunk))
            good = [i for i, d in enumerate(decoded) if isinstance(d, np.ndarray)]
            results = {i: ClassifyResult(chunk[i]) for i in range(len(chunk))}
            for i, d in enumerate(decoded):
                if isinstance(d, PhotoError):
                    results[i].error = d
            if good:
                pixels = np.stack([decoded[i] for i in good])  # type: ignore[misc]
                embeddings, probabilities = engine.imagenet(pixels)
                suggested = engine.suggest(engine.scores(embeddings))
                for row, i in enumerate(good):
                    results[i].tags = suggested[row]
                    top = np.argsort(-probabilities[row])[:top_k]
                    results[i].top_classes = [
                        (engine.class_names[c], float(probabilities[row, c])) for c in top
                    ]
            yield from (results[i] for i in range(len(chunk)))
