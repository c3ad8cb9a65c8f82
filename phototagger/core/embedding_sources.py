"""Which runtime and precision wrote a library's embeddings, and for how many photos.

OpenVINO bf16 embeddings differ slightly from fp32 ones (TensorFlow, OpenVINO fp32, LiteRT) and
share their key: what they are used for agrees (ml/runtimes/agreement.py), so a library may hold
both, but never without saying so: each scan adds the photos it embedded to its runtime's count,
and `phototagger models` and the scan's summary show them. Photos scanned before this was kept
were embedded in fp32 (the conversion check then required a cosine of 0.999)."""

from __future__ import annotations

import sqlite_utils

from phototagger.core.wording import counted
from phototagger.ml.engine import BACKBONE_NAME
from phototagger.store.connection import transaction
from phototagger.store.embeddings import embedded_photos_and_copies
from phototagger.store.settings import get_setting, set_setting

SETTING = "embedding_sources"


def embedding_sources(db: sqlite_utils.Database) -> dict[str, int]:
    """{runtime and precision, e.g. "OpenVINO 2026.4.1 bf16": photos it embedded}."""
    value = get_setting(db, SETTING, {})
    if not isinstance(value, dict):
        return {}  # damaged: shown as unknown, counted again from the next scan
    return {str(k): int(v) for k, v in value.items() if isinstance(v, int)}


def note_embedding_source(db: sqlite_utils.Database, embedder: str, photos: int) -> None:
    """Add `photos` embedded by `embedder` (nothing when the model did not run)."""
    if not embedder or photos <= 0:
        return
    with transaction(db):
        counts = embedding_sources(db)
        counts[embedder] = counts.get(embedder, 0) + photos
        set_setting(db, SETTING, counts)


def describe_sources(db: sqlite_utils.Database) -> str:
    """One line: how many of the library's photos have an embedding, and who made them. An
    identical copy shares the embedding made once for its content: "257 photos (2 identical
    copies of another, sharing its embedding)", where the runtimes made 255 (it read "255
    photos" alone, as if two photos had none)."""
    photos, copies = embedded_photos_and_copies(db, BACKBONE_NAME)
    shared = ""
    if copies:
        copy = counted(copies, "is an identical copy", "are identical copies")
        shared = f" ({copy} of another, sharing its embedding)"
    total = f"{counted(photos, 'photo')}{shared}; made" if photos else "made"
    counts = embedding_sources(db)
    if not counts:
        return f"embeddings: {total} in fp32 (not recorded: scanned before runtimes were recorded)"
    parts = sorted(counts.items(), key=lambda item: -item[1])
    mixed = "; fp32 and bf16 mixed, measured compatible" if _mixed(counts) else ""
    listed = ", ".join(f"by {name} for {counted(n, 'photo')}" for name, n in parts)
    return f"embeddings: {total} {listed} (any scanned before this was recorded: fp32){mixed}"


def _mixed(counts: dict[str, int]) -> bool:
    return len({"bf16" if name.endswith("bf16") else "fp32" for name in counts}) > 1
