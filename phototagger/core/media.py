"""Photos, RAWs and clips side by side: pooled clip tagging, media facts, stats by format.

A clip is tagged from up to 16 sampled frames. Each frame goes through the CNN like a photo;
the clip's tag probabilities are the MEAN of its frames' probabilities, and the embedding kept
for retraining is the mean of its frames' embeddings.

Why mean and not max: max pooling tags a clip with anything one frame suggests, so its false
positives grow with the number of frames (one frame of 16 wrongly scored 0.4 "dog" is enough),
and a clip would be tagged differently from the still of the same scene. The mean rewards what
the clip shows for a good part of its length, which is what a tag on a clip should mean; a
subject seen in a quarter of a 16-frame clip at 0.9 still scores above 0.2, and thresholds
calibrated on the user's labels adapt to the pooled scale. The mean embedding is the same choice
in the space the retrained heads learn from, so retraining on clips and on photos is one path.
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Sequence
from typing import Protocol

import numpy as np
import sqlite_utils

from phototagger.core.decoders import MediaInfo, MediaKind, kind_of
from phototagger.store import media as media_store
from phototagger.store.media import MediaRow
from phototagger.store.photos import get_photo_by_path
from phototagger.store.records import Photo

# Frames per CNN call: 16 clips of 16 frames would otherwise be one 600 MB batch.
_EMBED_CHUNK = 64


class _Embedder(Protocol):
    @property
    def backbone_name(self) -> str: ...

    def embed_all(self, pixels: np.ndarray) -> dict[str, np.ndarray]: ...

    def scores(self, embeddings: np.ndarray) -> np.ndarray: ...


class _Decoded(Protocol):
    @property
    def model_input(self) -> np.ndarray: ...

    @property
    def frames(self) -> np.ndarray | None: ...


def embed_frames(
    tagger: _Embedder, decoded: Sequence[_Decoded]
) -> tuple[dict[str, np.ndarray], list[tuple[int, int]]]:
    """Every frame's embedding per backbone key (a still is one frame), and each item's span of
    rows in them."""
    spans: list[tuple[int, int]] = []
    pixels: list[np.ndarray] = []
    for item in decoded:
        frames = item.frames if item.frames is not None else item.model_input[None]
        spans.append((len(pixels), len(pixels) + len(frames)))
        pixels.extend(frames)
    per_frame: dict[str, list[np.ndarray]] = {}
    for start in range(0, len(pixels), _EMBED_CHUNK):
        chunk = np.stack(pixels[start : start + _EMBED_CHUNK])
        for key, rows in tagger.embed_all(chunk).items():
            per_frame.setdefault(key, []).append(rows)
    return {key: np.concatenate(parts) for key, parts in per_frame.items()}, spans


def embed_pooled(
    tagger: _Embedder, decoded: Sequence[_Decoded]
) -> tuple[dict[str, np.ndarray], dict[int, np.ndarray]]:
    """Embeddings per backbone key, one row per item (clips mean-pooled), and the mean-pooled
    tag scores of the clips among them, by position."""
    stacked, spans = embed_frames(tagger, decoded)
    pooled = {
        key: np.stack([rows[a:b].mean(axis=0) for a, b in spans]) for key, rows in stacked.items()
    }
    clip_scores: dict[int, np.ndarray] = {}
    active = stacked.get(tagger.backbone_name)
    for index, (item, (a, b)) in enumerate(zip(decoded, spans, strict=True)):
        if item.frames is not None and active is not None:
            clip_scores[index] = tagger.scores(active[a:b]).mean(axis=0)
    return pooled, clip_scores


def record_media(db: sqlite_utils.Database, rows: Sequence[tuple[int, MediaInfo]]) -> None:
    """Keep each decoded photo's kind, format and (for clips) duration."""
    media_store.put_media(
        db, [(photo_id, info.kind.value, info.format, info.duration) for photo_id, info in rows]
    )


def forget_companions(db: sqlite_utils.Database, photo_id: int) -> None:
    """The photo was found alone: its RAW twin or live clip was moved away or deleted. (A photo
    moved away from them takes the companions found where it is now, when its move is known.)"""
    media_store.set_companions(db, photo_id, [])


def note_companions(db: sqlite_utils.Database, path: str, companions: Sequence[str]) -> None:
    """Remember the RAW twin or live clip found beside the photo at `path` (core/companions)."""
    photo = get_photo_by_path(db, path)
    if photo is not None:
        media_store.set_companions(db, photo.id, [os.path.basename(c) for c in companions])


def media_fields(photo: Photo, media: MediaRow | None) -> dict[str, object]:
    """The export/JSON fields of a photo's media: kind, format, duration, companions."""
    if media is None or media.format is None:
        kind, fmt = kind_of(photo.name).value, _format_from_name(photo.name)
    else:
        kind, fmt = media.kind, media.format
    return {
        "media_type": kind,
        "format": fmt,
        "duration": None if media is None or media.duration is None else round(media.duration, 2),
        "companions": list(media.companions) if media is not None else [],
    }


def media_info(db: sqlite_utils.Database, photo_ids: Sequence[int]) -> dict[int, MediaRow]:
    return media_store.media_of(db, photo_ids)


def counts_by_format(db: sqlite_utils.Database) -> dict[str, dict[str, int]]:
    """{"photo": {"JPEG": 120, "HEIF": 80}, "raw": {...}, "clip": {"MOV": 12}}, missing excluded.

    A photo scanned before formats were recorded is counted by its extension.
    """
    counts: dict[str, Counter[str]] = {kind.value: Counter() for kind in MediaKind}
    for name, kind, fmt in media_store.kinds_and_formats(db):
        if kind is None or fmt is None:
            kind = kind_of(name).value
            fmt = _format_from_name(name)
        counts[kind][fmt] += 1
    return {kind: dict(sorted(c.items())) for kind, c in counts.items()}


def format_counts(by_format: dict[str, dict[str, int]]) -> str:
    """`stats`' line of the photos' formats, by kind: "formats: 80 HEIF, 120 JPEG; RAW: 3 DNG;
    clips: 12 MOV" (the photos line above says how many there are in all)."""
    kinds = []
    for kind, label in (("photo", ""), ("raw", "RAW: "), ("clip", "clips: ")):
        counts = by_format.get(kind) or {}
        if counts:
            kinds.append(label + ", ".join(f"{n:,} {fmt}" for fmt, n in counts.items()))
    return f"formats: {'; '.join(kinds) or 'none yet'}"


_EXTENSION_FORMATS = {"JPG": "JPEG", "TIF": "TIFF", "HEIC": "HEIF", "HIF": "HEIF"}


def _format_from_name(name: str) -> str:
    ext = os.path.splitext(name)[1].lstrip(".").upper() or "unknown"
    return _EXTENSION_FORMATS.get(ext, ext)
