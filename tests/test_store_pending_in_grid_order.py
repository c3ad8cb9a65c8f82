"""The photos waiting to be tagged come in the grid's order, any of its sorts, so a scan tags (and
thumbnails) the grid's top rows first; they came by id, the order the walk found them."""

from __future__ import annotations

import pytest
import sqlite_utils

from phototagger.store.photos import add_folder, pending_photos, photo_ids_sorted
from tests.store_helpers import add_photo


@pytest.mark.parametrize("order", ["taken", "name", "folder", "added"])
def test_pending_photos_in_each_grid_order(db: sqlite_utils.Database, order: str) -> None:
    add_folder(db, "/p")
    found = [  # as a walk finds them: by path, in byte order
        ("/p/Zoo/IMG_10.jpg", "2021-05-01T10:00:00", "pending"),
        ("/p/Zoo/IMG_9.jpg", None, "pending"),
        ("/p/Zoo/a.jpg", "2019-01-01T08:00:00", "tagged"),
        ("/p/apple/IMG_2.jpg", "2018-03-04T12:00:00", "pending"),
        ("/p/apple/b.jpg", "2022-07-08T09:00:00", "pending"),
        ("/p/c.jpg", "2020-02-02T02:00:00", "pending"),
        ("/p/d.jpg", "2017-01-01T00:00:00", "missing"),
    ]
    ids = {
        path: add_photo(db, path, taken_at=taken, status=status) for path, taken, status in found
    }
    waiting = {ids[path] for path, _, status in found if status == "pending"}
    shown = [i for i in photo_ids_sorted(db, order) if i in waiting]
    assert [p.id for p in pending_photos(db, order=order)] == shown
    assert [p.id for p in pending_photos(db, limit=2, order=order)] == shown[:2]
    expected = {
        "taken": ["apple/IMG_2", "c", "Zoo/IMG_10", "apple/b", "Zoo/IMG_9"],  # undated last
        "name": ["apple/b", "c", "apple/IMG_2", "Zoo/IMG_9", "Zoo/IMG_10"],  # naturally
        "folder": ["c", "apple/b", "apple/IMG_2", "Zoo/IMG_9", "Zoo/IMG_10"],  # as the sidebar
        "added": ["Zoo/IMG_10", "Zoo/IMG_9", "apple/IMG_2", "apple/b", "c"],
    }[order]
    assert shown == [ids[f"/p/{name}.jpg"] for name in expected]


def test_an_unknown_order_is_refused(db: sqlite_utils.Database) -> None:
    with pytest.raises(ValueError, match="unknown order"):
        pending_photos(db, order="size")
