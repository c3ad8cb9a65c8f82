"""Recognising a moved photo whose old row still holds a pre-XXH3 (BLAKE2b) content hash."""

from __future__ import annotations

import sqlite_utils

from phototagger.core.errors import PhotoError
from phototagger.core.file_guard import is_legacy_hash, legacy_hash
from phototagger.store.photos import gone_with_size
from phototagger.store.records import Photo


def legacy_origin(db: sqlite_utils.Database, path: str, size: int) -> Photo | None:
    """The missing photo with an old-style hash that the file at `path` is, moved; or None.

    Only a missing photo of the same size can match, so the file is re-read (streamed) only
    in the rare case that one exists.
    """
    candidates = [p for p in gone_with_size(db, size) if is_legacy_hash(p.content_hash)]
    if not candidates:
        return None
    try:
        old_style = legacy_hash(path)
    except PhotoError:
        return None
    return next((p for p in candidates if p.content_hash == old_style), None)
