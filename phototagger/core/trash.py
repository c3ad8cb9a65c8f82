"""Photos the user moved to the system trash: out of the grid, and back in on undo.

Moving the file itself is the front's job (the GUI uses Qt's freedesktop trash, which remembers
where each file came from); here the library is told, keeping each photo's row, tags and
decisions so that an undo, or a file restored from the trash and found by the next scan, comes
back exactly as it was.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import sqlite_utils

from phototagger.store import photos as photo_store
from phototagger.store.connection import transaction


def mark_trashed(db: sqlite_utils.Database, photo_ids: Sequence[int]) -> dict[int, str]:
    """Mark the photos missing; returns each one's status before, for restore_trashed."""
    before: dict[int, str] = {p.id: p.status for p in photo_store.photos_by_ids(db, photo_ids)}
    photo_store.mark_missing(db, list(before))
    return before


def restore_trashed(db: sqlite_utils.Database, statuses: Mapping[int, str]) -> None:
    """Put the photos' statuses back as mark_trashed found them."""
    with transaction(db):
        for status in set(statuses.values()):
            photo_store.set_status(db, [i for i, s in statuses.items() if s == status], status)


def photo_paths(db: sqlite_utils.Database, photo_ids: Sequence[int]) -> dict[int, str]:
    return {p.id: p.path for p in photo_store.photos_by_ids(db, photo_ids)}
