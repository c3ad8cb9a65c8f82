"""speed39: the sidebar's folder counts (store.photos.counts_by_folder) are read from the folder
index alone, less the files not to count found on the status index, where one query looked at
each photo's hash and model version (79 -> 56 ms at 500,000 photos, 209 -> 112 ms with a fifth
of them found by a scan and not read yet: benchmarks/train_overheads.py). A training reads the
counts of given folders only. Both count what the sidebar counted: present photos, not the files
never read that hold nothing of the user's, nor those a scan found and has not read yet."""

from __future__ import annotations

from typing import Any

from phototagger.store import photos as photo_store
from phototagger.store import tags as tag_store
from tests.store_helpers import add_photo


def test_each_folder_counts_its_present_photos_only(db: Any) -> None:
    def photo(folder: str, name: str, status: str, **fields: Any) -> int:
        return add_photo(db, f"/lib/{folder}/{name}.jpg", status=status, **fields)

    for i in range(3):
        photo("a", f"tagged{i}", "tagged", content_hash=f"a{i}")
    photo("a", "gone", "missing", content_hash="a-gone")
    photo("a", "unread", "problem")  # never read, nothing of the user's: not a photo
    damaged = photo("a", "damaged", "problem", content_hash="a-d")  # read once, then damaged
    photo_store.set_model_version(db, [damaged], "v1")
    photo("b", "found", "pending")  # found by a scan, not read yet
    photo("b", "waiting", "pending", content_hash="b-w")  # read, waiting to be tagged again
    answered = photo("b", "answered", "pending")  # not read yet, but the user answered it
    tag_store.reject_tag(db, answered, "cats")
    rejected = photo("b", "unread-answered", "problem")
    tag_store.reject_tag(db, rejected, "cats")
    photo("c", "unread", "problem")  # a folder of files never read: no count
    photo("d", "gone", "missing", content_hash="d-gone")  # every photo missing: no count
    expected = {"/lib/a": 4, "/lib/b": 3}
    assert photo_store.counts_by_folder(db) == expected
    assert photo_store.counts_by_folder(db, ["/lib/b", "/lib/c", "/lib/d", "/lib/e"]) == {
        "/lib/b": 3
    }
    assert photo_store.counts_by_folder(db, ["/lib/a", "/lib/a"]) == {"/lib/a": 4}
    assert photo_store.counts_by_folder(db, []) == {}
