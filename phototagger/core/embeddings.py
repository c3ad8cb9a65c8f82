"""How a photo's embedding is kept: float16 bytes (2.5 KB per photo), float32 in memory."""

from __future__ import annotations

import numpy as np

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
