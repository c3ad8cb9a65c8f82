"""HEIC/HEIF through pillow-heif's Pillow opener (libheif + libde265, bundled in its wheel).

libheif applies the file's rotation and mirroring boxes itself and then reports EXIF
orientation 1, so the shared pipeline never rotates a HEIC twice.
"""

from __future__ import annotations

import threading

_LOCK = threading.Lock()
_registered = False


def register() -> None:
    """Teach Pillow to open HEIF, once per process (AVIF needs nothing: Pillow 12+ reads it)."""
    global _registered
    if _registered:
        return
    with _LOCK:
        if not _registered:
            import pillow_heif

            # Thumbnails inside the file stay available to draft(); depth maps are never read.
            pillow_heif.register_heif_opener(depth_images=False, aux_images=False)
            _registered = True
