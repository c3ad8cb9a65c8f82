"""Which runtime and precision wrote a library's embeddings, and for how many photos.

OpenVINO bf16 embeddings differ slightly from fp32 ones (TensorFlow, OpenVINO fp32, LiteRT) and
share their key: what they are used for agrees (ml/runtimes/agreement.py), so a library may hold
both, but never without saying so: each embedding records what made it, and `phototagger models`
counts the photos in the library now by it (a photo embedded again, damaged then fixed, once; a
photo in the trash not at all). Embeddings made before that was recorded carry none: fp32, unless
the counts the scans kept then (SETTING) name bf16. Photos scanned before even those were kept
were embedded in fp32 (the conversion check then required a cosine of 0.999)."""

from __future__ import annotations

import sqlite_utils

from phototagger.core.wording import counted
from phototagger.ml.engine import BACKBONE_NAME
from phototagger.ml.runtimes.openvino import title_in_words
from phototagger.store.embeddings import embedded_photos_and_copies, embedding_source_counts
from phototagger.store.settings import get_setting

# What each scan added to its runtime's count, kept until schema v12 recorded it per embedding:
# read (does it name bf16?), never written. Those counts grew with every photo embedded again.
SETTING = "embedding_sources"


def embedding_sources(db: sqlite_utils.Database) -> dict[str, int]:
    """{runtime and precision, e.g. "OpenVINO 2026.4.1 bf16": photos of the library whose
    embedding it made}; identical copies, which share one, count once; unrecorded ones left out."""
    counts = embedding_source_counts(db, BACKBONE_NAME)
    return {source: n for source, n in counts.items() if source is not None}


def _earlier_counts(db: sqlite_utils.Database) -> dict[str, int]:
    value = get_setting(db, SETTING, {})
    if not isinstance(value, dict):
        return {}  # damaged: read as fp32
    return {str(k): int(v) for k, v in value.items() if isinstance(v, int)}


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
    counts = embedding_source_counts(db, BACKBONE_NAME)
    unrecorded = counts.pop(None, 0)
    recorded = {source: n for source, n in counts.items() if source is not None}
    earlier = "fp32"
    if any(_precision(name) == "bf16" for name in _earlier_counts(db)):
        earlier = "fp32 or bf16"  # the scans of the time said they used bf16, not for which
    if not photos:
        # A library with none said they were "made in fp32 (not recorded: scanned before
        # runtimes were recorded)", of photos it never had.
        return "embeddings: none yet"
    if not recorded:
        unknown = "not recorded: scanned before runtimes were recorded"
        return f"embeddings: {total} in {earlier} ({unknown})"
    parts = sorted(recorded.items(), key=lambda item: -item[1])
    # The source as recorded ("OpenVINO 2026.4.1 f32stem6-bf16") in words.
    listed = ", ".join(f"by {title_in_words(name)} for {counted(n, 'photo')}" for name, n in parts)
    precisions = {_precision(name) for name in recorded}
    if unrecorded:
        listed += (
            f", in {earlier} for {counted(unrecorded, 'photo')} scanned before this was recorded"
        )
        precisions.update(earlier.split(" or "))
    mixed = "; fp32 and bf16 mixed, measured compatible" if len(precisions) > 1 else ""
    return f"embeddings: {total} {listed}{mixed}"


def _precision(name: str) -> str:
    return "bf16" if name.endswith("bf16") else "fp32"
