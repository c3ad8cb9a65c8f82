"""Photo records as the fronts show them (the GUI's grid, details and review pages; the CLI's
tags, search and similar listings): the store's frozen records, read through core so neither
front imports the store."""

from __future__ import annotations

from collections.abc import Sequence

import sqlite_utils

from phototagger.store import photos as photo_store
from phototagger.store import tags as tag_store
from phototagger.store.records import Photo, PhotoTag

__all__ = [
    "Photo",
    "PhotoTag",
    "get_photo",
    "library_folders",
    "library_is_empty",
    "photos_by_ids",
    "tag_names",
    "tags_of_photo",
    "tags_of_photos",
]


def get_photo(db: sqlite_utils.Database, photo_id: int) -> Photo | None:
    return photo_store.get_photo(db, photo_id)


def photo_at(db: sqlite_utils.Database, path: str) -> Photo | None:
    return photo_store.get_photo_by_path(db, path)


def photos_by_ids(db: sqlite_utils.Database, ids: Sequence[int]) -> list[Photo]:
    """The photos with these ids, in the order asked; unknown ids left out."""
    return photo_store.photos_by_ids(db, ids)


def tags_of_photo(db: sqlite_utils.Database, photo_id: int) -> list[PhotoTag]:
    """The photo's tag rows, rejections included: decisions first, then by confidence."""
    return tag_store.tags_of_photo(db, photo_id)


def tags_of_photos(
    db: sqlite_utils.Database, ids: Sequence[int], include_rejected: bool = True
) -> dict[int, list[PhotoTag]]:
    """tags_of_photo for many photos at once (rejections left out if asked: the grid shows only
    the tags a photo has); every asked-for id is a key."""
    return tag_store.tags_of_photos(db, ids, include_rejected)


def library_folders(db: sqlite_utils.Database) -> list[str]:
    """The folders the user added to the library."""
    return photo_store.list_folders(db)


def library_is_empty(db: sqlite_utils.Database) -> bool:
    """No folder added and no photo yet."""
    return photo_store.library_is_empty(db)


def tag_names(db: sqlite_utils.Database) -> list[str]:
    """Every tag's name (vocabulary, the user's, from files), by name."""
    return [name for name, _ in tag_store.all_tags(db)]


def untagged_photos(db: sqlite_utils.Database) -> list[Photo]:
    """Tagged photos that have no tag at all (photos waiting for the model are not untagged)."""
    return photo_store.photos_by_ids(db, tag_store.untagged_photo_ids(db))


def paths_by_id(db: sqlite_utils.Database, photo_ids: Sequence[int]) -> dict[int, str]:
    """The path of each photo id still in the library (unknown ids are left out)."""
    return {p.id: p.path for p in photo_store.photos_by_ids(db, photo_ids)}
