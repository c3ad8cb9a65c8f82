"""Library ▸ Problems' commands: which listed files are among the photos, try a file again, or
forget it.

A file never read that holds nothing of the user's (a text file named .jpg, an empty one) is no
photo: the grid and every count leave it out, and Problems is where it is seen. A photo damaged
after it was read keeps its tags, so it stays in the grid, marked as unreadable.
"""

from __future__ import annotations

import os
from collections.abc import Iterable

import sqlite_utils

from phototagger.core.folders import outermost_root
from phototagger.core.states import PhotoStatus
from phototagger.store import photos as photo_store
from phototagger.store.connection import transaction
from phototagger.store.problems import clear_problem


def unread_paths(db: sqlite_utils.Database) -> set[str]:
    """The paths of the files the grid leaves out (photo_store.unread_ids)."""
    return {p.path for p in photo_store.photos_by_ids(db, photo_store.unread_ids(db))}


def retry(db: sqlite_utils.Database, paths: Iterable[str]) -> list[str]:
    """Mark the files to be read again: the library folders to scan for it (a scan reads a
    waiting file whatever its size and time; a file the walk could not open is tried anew)."""
    roots = photo_store.list_folders(db)
    folders: list[str] = []
    with transaction(db):
        for path in paths:
            photo = photo_store.get_photo_by_path(db, path)
            if photo is not None and photo.status == PhotoStatus.PROBLEM:
                photo_store.update_photo(db, photo.id, status=PhotoStatus.PENDING)
            root = outermost_root(os.path.dirname(path), roots)
            if root in roots and root not in folders:
                folders.append(root)
    return folders


def forget(db: sqlite_utils.Database, paths: Iterable[str]) -> int:
    """Take the files off the Problems list. A file the library holds stays known as unusable,
    so no scan reads or lists it again until it changes (a good copy put in its place); one it
    does not hold (a folder it could not open) is looked at again by the next scan. Returns
    how many were forgotten."""
    forgotten = 0
    with transaction(db):
        for path in paths:
            clear_problem(db, path)
            forgotten += 1
    return forgotten
