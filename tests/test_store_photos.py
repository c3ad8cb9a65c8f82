"""Photos and folders: insert, update, look up, and list in grid order."""

from __future__ import annotations

import pytest
import sqlite_utils

from phototagger.store import photos as photos_module
from phototagger.store.embeddings import get_embedding, put_embeddings
from phototagger.store.photos import (
    add_folder,
    all_photos,
    count_by_status,
    delete_photos,
    find_by_hash,
    get_photo,
    get_photo_by_path,
    insert_photo,
    list_folders,
    mark_missing,
    pending_photos,
    photo_ids_sorted,
    photos_by_ids,
    remove_folder,
    set_status,
    update_photo,
)
from phototagger.store.tags import tags_of_photo, write_model_tags


def _add(
    db: sqlite_utils.Database,
    path: str,
    taken_at: str | None = None,
    content_hash: str | None = None,
    status: str = "pending",
) -> int:
    return insert_photo(
        db,
        path=path,
        size=10,
        mtime=2.5,
        content_hash=content_hash,
        width=400,
        height=300,
        taken_at=taken_at,
        orientation=6,
        status=status,
    )


def test_folders(db: sqlite_utils.Database) -> None:
    add_folder(db, "/b")
    add_folder(db, "/a")
    add_folder(db, "/a")
    assert list_folders(db) == ["/a", "/b"]
    remove_folder(db, "/a")
    assert list_folders(db) == ["/b"]


def test_insert_and_get(db: sqlite_utils.Database) -> None:
    photo_id = _add(db, "/p/2024/x.jpg", taken_at="2024-05-01T10:00:00", content_hash="abc")
    photo = get_photo(db, photo_id)
    assert photo is not None
    assert (photo.folder, photo.name, photo.size, photo.mtime) == ("/p/2024", "x.jpg", 10, 2.5)
    assert (photo.width, photo.height, photo.orientation, photo.status) == (400, 300, 6, "pending")
    assert photo.added_at is not None and photo.added_at.endswith("+00:00")
    assert get_photo_by_path(db, "/p/2024/x.jpg") == photo
    assert get_photo(db, photo_id + 1) is None
    assert get_photo_by_path(db, "/nope.jpg") is None


def test_update_moves_folder_and_name_with_the_path(db: sqlite_utils.Database) -> None:
    photo_id = _add(db, "/p/x.jpg")
    update_photo(db, photo_id, path="/q/y.jpg", status="tagged", model_version="v1")
    photo = get_photo(db, photo_id)
    assert photo is not None
    assert (photo.path, photo.folder, photo.name) == ("/q/y.jpg", "/q", "y.jpg")
    assert (photo.status, photo.model_version) == ("tagged", "v1")


def test_update_refuses_unknown_columns_and_statuses(db: sqlite_utils.Database) -> None:
    photo_id = _add(db, "/p/x.jpg")
    with pytest.raises(ValueError):
        update_photo(db, photo_id, id=5)
    with pytest.raises(ValueError):
        update_photo(db, photo_id, status="lost")
    with pytest.raises(ValueError):
        _add(db, "/p/y.jpg", status="lost")


def test_find_by_hash(db: sqlite_utils.Database) -> None:
    first = _add(db, "/p/a.jpg", content_hash="same")
    second = _add(db, "/q/a.jpg", content_hash="same")
    _add(db, "/p/b.jpg", content_hash="other")
    assert [photo.id for photo in find_by_hash(db, "same")] == [first, second]


def test_statuses(db: sqlite_utils.Database) -> None:
    ids = [_add(db, f"/p/{i}.jpg") for i in range(4)]
    set_status(db, ids[:2], "tagged")
    mark_missing(db, ids[3:])
    assert count_by_status(db) == {"missing": 1, "pending": 1, "problem": 0, "tagged": 2}
    assert [photo.id for photo in pending_photos(db)] == [ids[2]]
    set_status(db, ids[:2], "pending")
    assert [photo.id for photo in pending_photos(db, limit=2)] == [ids[0], ids[1]]


def test_all_photos_by_path_across_pages(
    db: sqlite_utils.Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(photos_module, "_PAGE", 3)
    for name in ["e", "a", "d", "c", "b", "f", "g"]:
        _add(db, f"/p/{name}.jpg")
    assert [photo.name for photo in all_photos(db)] == [f"{c}.jpg" for c in "abcdefg"]


def test_grid_orders(db: sqlite_utils.Database) -> None:
    late = _add(db, "/b/late.jpg", taken_at="2024-02-01T00:00:00")
    early = _add(db, "/c/early.jpg", taken_at="2020-01-01T00:00:00")
    undated_z = _add(db, "/a/z.jpg")
    undated_a = _add(db, "/c/a.jpg")
    gone = _add(db, "/a/gone.jpg", taken_at="2000-01-01T00:00:00")
    mark_missing(db, [gone])
    assert photo_ids_sorted(db) == [early, late, undated_a, undated_z]
    assert photo_ids_sorted(db, "name") == [undated_a, early, late, undated_z]
    assert photo_ids_sorted(db, "folder") == [undated_z, late, undated_a, early]
    assert photo_ids_sorted(db, "added") == [late, early, undated_z, undated_a]
    assert photo_ids_sorted(db, "taken", include_missing=True)[0] == gone
    assert photo_ids_sorted(db, "taken", photo_ids=[undated_z, early, gone]) == [early, undated_z]
    with pytest.raises(ValueError):
        photo_ids_sorted(db, "size")


def test_photos_by_ids_keeps_the_order_given(db: sqlite_utils.Database) -> None:
    ids = [_add(db, f"/p/{i:04d}.jpg") for i in range(1200)]
    wanted = ids[::-1][:1100] + [999_999]
    assert [photo.id for photo in photos_by_ids(db, wanted)] == wanted[:-1]


def test_deleting_a_photo_deletes_its_tags_and_embeddings(db: sqlite_utils.Database) -> None:
    photo_id = _add(db, "/p/a.jpg")
    write_model_tags(db, photo_id, {"cat": 0.9}, ["cat"], "v1")
    put_embeddings(db, "lite0", [(photo_id, b"\x00\x01")])
    delete_photos(db, [photo_id])
    assert get_photo(db, photo_id) is None
    assert tags_of_photo(db, photo_id) == []
    assert get_embedding(db, photo_id, "lite0") is None
