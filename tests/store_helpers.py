"""Shared set-up for store tests: a photo row without the fields a test does not care about."""

from __future__ import annotations

from typing import Any

import sqlite_utils

from phototagger.store.photos import insert_photo

_UNKNOWN = {
    "content_hash": None,
    "width": None,
    "height": None,
    "taken_at": None,
    "orientation": None,
}


def add_photo(
    db: sqlite_utils.Database,
    path: str,
    *,
    status: str = "tagged",
    size: int = 1,
    mtime: float = 1.0,
    **fields: Any,
) -> int:
    """insert_photo with the decoded facts (hash, size in pixels, date...) unknown by default."""
    return insert_photo(
        db, path=path, size=size, mtime=mtime, status=status, **{**_UNKNOWN, **fields}
    )
