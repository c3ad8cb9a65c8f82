"""Small reads the command line needs beside the use cases: a photo's tags, paths by id."""

from __future__ import annotations

from collections.abc import Sequence

import sqlite_utils

from phototagger.store import photos as photo_store
from phototagger.store import tags as tag_store
from phototagger.store.records import Photo, PhotoTag


def photo_tags(db: sqlite_utils.Database, photo_id: int) -> list[PhotoTag]:
    """The photo's tags, rejections included: user decisions first, then most confident first."""
    return tag_store.tags_of_photo(db, photo_id)


def untagged_photos(db: sqlite_utils.Database) -> list[Photo]:
    """Tagged photos that have no tag at all (photos waiting for the model are not untagged)."""
    return photo_store.photos_by_ids(db, tag_store.untagged_photo_ids(db))


def paths_by_id(db: sqlite_utils.Database, photo_ids: Sequence[int]) -> dict[int, str]:
    """The path of each photo id still in the library (unknown ids are left out)."""
    return {p.id: p.path for p in photo_store.photos_by_ids(db, photo_ids)}
