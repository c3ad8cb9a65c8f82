"""Find Similar: the grid shows the library ranked by likeness to one photo, that photo first.

The embedding index is built on the reader thread the first time and kept until the library
changes (core/similar.IndexCache), so the next "similar" is one matrix product.
"""

from __future__ import annotations

import sqlite_utils

from phototagger.core.similar import IndexCache

_INDEX = IndexCache()  # used on the grid's reader thread only


def similar_ids(db: sqlite_utils.Database, photo_id: int) -> list[int]:
    """The photo itself, then every other indexed photo, most similar first."""
    ranked = _INDEX.get(db).similar(photo_id)
    return [photo_id, *(pid for pid, _ in ranked)]
