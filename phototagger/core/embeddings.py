"""How a photo's embedding is kept: float16 bytes (2.5 KB per photo), float32 in memory."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

import numpy as np
import sqlite_utils

from phototagger.ml.engine import BACKBONE_NAME
from phototagger.store.embeddings import iter_embeddings

EMBEDDING_DTYPE = np.dtype("<f2")


def encode_embedding(vector: np.ndarray) -> bytes:
    return vector.astype(EMBEDDING_DTYPE).tobytes()


def decode_embedding(blob: bytes) -> np.ndarray:
    return np.frombuffer(blob, dtype=EMBEDDING_DTYPE).astype(np.float32)


def decode_embeddings(blobs: list[bytes]) -> np.ndarray:
    """(N, d) float32 from N stored embeddings, in one conversion."""
    return (
        np.frombuffer(b"".join(blobs), dtype=EMBEDDING_DTYPE)
        .reshape(len(blobs), -1)
        .astype(np.float32)
    )


def embedded_chunks(
    db: sqlite_utils.Database,
    chunk: int = 4096,
    photo_ids: Sequence[int] | None = None,
    backbone: str = BACKBONE_NAME,
) -> Iterator[tuple[list[int], np.ndarray]]:
    """(photo ids, their (N, d) embeddings) from the cache, `chunk` photos at a time."""
    ids: list[int] = []
    blobs: list[bytes] = []
    for photo_id, blob in iter_embeddings(db, backbone, photo_ids):
        ids.append(photo_id)
        blobs.append(blob)
        if len(ids) >= chunk:
            yield ids, decode_embeddings(blobs)
            ids, blobs = [], []
    if ids:
        yield ids, decode_embeddings(blobs)
