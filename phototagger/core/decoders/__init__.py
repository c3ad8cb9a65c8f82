"""Which decoder reads a file: Pillow (with HEIF), LibRaw for camera RAW, FFmpeg for clips.

Each decoder module imports its native library lazily, so `phototagger --help` and the GUI's
first window never load FFmpeg or LibRaw.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from enum import StrEnum


class MediaKind(StrEnum):
    PHOTO = "photo"
    RAW = "raw"
    CLIP = "clip"


# Pillow reads these (HEIF through pillow-heif's opener, AVIF natively since Pillow 12).
PHOTO_EXTENSIONS = frozenset(
    {
        ".jpg",
        ".jpeg",
        ".png",
        ".webp",
        ".tif",
        ".tiff",
        ".bmp",
        ".gif",
        ".heic",
        ".heif",
        ".hif",
        ".avif",
    }
)
# LibRaw reads far more; these are the names cameras in use write.
RAW_EXTENSIONS = frozenset(
    {
        ".dng",
        ".cr2",
        ".cr3",
        ".crw",
        ".nef",
        ".nrw",
        ".arw",
        ".srf",
        ".sr2",
        ".orf",
        ".rw2",
        ".raf",
        ".pef",
        ".srw",
        ".x3f",
        ".3fr",
        ".iiq",
        ".erf",
        ".kdc",
        ".dcr",
        ".mrw",
        ".rwl",
    }
)
CLIP_EXTENSIONS = frozenset({".mp4", ".m4v", ".mov", ".avi", ".mkv", ".3gp", ".webm", ".mts"})
ALL_EXTENSIONS = PHOTO_EXTENSIONS | RAW_EXTENSIONS | CLIP_EXTENSIONS


def kind_of(path: str | os.PathLike[str]) -> MediaKind:
    """The decoder a file goes to, by its extension (the content decides the format within)."""
    ext = os.path.splitext(os.fspath(path))[1].lower()
    if ext in RAW_EXTENSIONS:
        return MediaKind.RAW
    if ext in CLIP_EXTENSIONS:
        return MediaKind.CLIP
    return MediaKind.PHOTO


@dataclass(frozen=True)
class MediaInfo:
    """What the library keeps about a file beyond a photo's pixels."""

    kind: MediaKind
    format: str  # JPEG, HEIF, AVIF, DNG, MP4 ...: what `stats` counts by
    duration: float | None = None  # seconds, clips only
