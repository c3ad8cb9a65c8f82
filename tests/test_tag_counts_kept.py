"""speed48: the sidebar's tag counts (store/tags.tag_counts) are kept by the schema's triggers as
the tag rows are written (migration v28), where each refresh counted every row (660 ms for
500,000 photos: benchmarks/sidebar_counts.py). Checked here against a count of the rows
themselves (recount_tags, the query the sidebar ran before) after every kind of write: the
model's tags, labels, undo and redo, a tag renamed, merged or deleted, a folder taken out and
added back, photos deleted (out of the library or in it), decisions carried between copies, an
existing library upgraded, a scan, train, models use, and a process killed (tests/kill_helpers.py
checks them at each kill)."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest
import sqlite_utils

from phototagger.core import folders, tag_admin
from phototagger.core.labels import Edit
from phototagger.core.library import open_library
from phototagger.core.queries import REVIEW_BELOW
from phototagger.paths import default_home
from phototagger.store.connection import transaction
from phototagger.store.photos import add_folder, mark_missing, set_status
from phototagger.store.tags import (
    all_tags,
    count_undecided_below,
    count_untagged,
    recount_subtrees,
    recount_tags,
    recount_undecided_below,
    set_user_state,
    subtree_counts,
    tag_counts,
    untagged_photo_ids,
    write_model_tags,
    write_model_tags_many,
)
from tests.cli_helpers import face_labelled, run, scan_with
from tests.store_helpers import (
    add_photo,
    deleted_and_merged,
    edited_undone_redone,
    library_at_version,
    upgraded_and_set_back,
)


def _same(db: sqlite_utils.Database) -> list[tuple[str, int]]:
    counts = tag_counts(db)
    assert counts == recount_tags(db)
    return counts


def _photos(db: sqlite_utils.Database, folder: str, n: int) -> list[int]:
    ids = [add_photo(db, f"{folder}/{i:03d}.jpg") for i in range(n)]
    for i, pid in enumerate(ids):
        suggested = ["cat", "dog", "beach"][: 1 + i % 3]
        write_model_tags(db, pid, {"cat": 0.9, "dog": 0.7, "beach": 0.55}, suggested, "v1")
    return ids


def test_counts_follow_every_write_of_the_tag_rows(db: sqlite_utils.Database) -> None:
    add_folder(db, "/lib/a")
    add_folder(db, "/lib/b")
    a, b = _photos(db, "/lib/a", 9), _photos(db, "/lib/b", 6)
    assert dict(_same(db)) == {"cat": 15, "dog": 10, "beach": 5}
    # A re-tag: suggestions dropped and gained, rows of the user's only rescored.
    set_user_state(db, a[0], "cat", "accepted")
    write_model_tags(db, a[0], {"cat": 0.2, "beach": 0.8}, ["beach"], "v2")
    write_model_tags_many(
        db, ["cat", "dog"], [(a[1], [0.1, 0.9], [1]), (b[0], [0.9, 0.9], [])], "v2"
    )
    _same(db)
    # Labels: reject, add, a decision taken back; undone and done again.
    edited_undone_redone(
        db,
        [Edit(a[2], "cat", "reject"), Edit(a[3], "sunset", "add"), Edit(a[4], "dog", "remove")],
        lambda: _same(db),
    )
    set_user_state(db, a[2], "cat", None)
    set_user_state(db, a[5], "dog", "rejected")
    set_user_state(db, a[5], "dog", "added")
    _same(db)
    # Tags renamed (into a tree), merged, deleted.
    tag_admin.rename_tag(db, "beach", "places/beach")
    tag_admin.merge_tags(db, "sunset", "dog")
    _same(db)
    tag_admin.delete_tag(db, "places/beach")
    assert "places/beach" not in dict(_same(db))
    # A folder taken out: its photos leave every count, their rows kept; back at a scan.
    before = _same(db)
    folders.remove_folder(db, "/lib/b")
    assert dict(_same(db))["cat"] < dict(before)["cat"]
    set_user_state(db, b[1], "cat", "rejected")  # a decision on a photo out of the library
    write_model_tags(db, b[2], {"cat": 0.9, "beach": 0.9}, ["cat", "beach"], "v2")
    _same(db)
    set_status(db, b, "tagged")
    _same(db)
    # Photos deleted, one out of the library (its rows never counted) and one in it; a copy's
    # decisions merged into the photo kept.
    deleted_and_merged(db, (b[3], b[4], a[6], a[7]), lambda: _same(db))


def test_counts_kept_with_the_rows_or_not_at_all(db: sqlite_utils.Database) -> None:
    """A write that fails half way leaves neither rows nor counts changed."""
    ids = _photos(db, "/lib/a", 6)
    before = _same(db)
    with pytest.raises(sqlite3.IntegrityError), transaction(db):
        set_user_state(db, ids[0], "cat", "rejected")
        set_user_state(db, ids[1], "zebra", "added")
        db.execute("INSERT INTO photo_tags (photo_id, tag_id) VALUES (?, ?)", [ids[0], 10**6])
    assert _same(db) == before


def test_an_existing_library_is_counted_once_when_upgraded(tmp_path: Path) -> None:
    path = tmp_path / "library.db"
    old = library_at_version(path, 27)
    ids = _photos(old, "/lib/a", 12)
    set_user_state(old, ids[0], "cat", "rejected")
    with transaction(old):
        mark_missing(old, ids[1:4])
    expected = recount_tags(old)
    old.close()
    # Upgraded, then set back to v27 and upgraded again: counted anew, not counted twice.
    counted = upgraded_and_set_back(path, 27, tag_counts)
    assert dict(counted) == dict(expected) == {"cat": 8, "dog": 6, "beach": 3}
    assert counted == expected


def _check(step: Callable[[], object] | None = None) -> list[tuple[str, int]]:
    if step is not None:
        step()
    with open_library(default_home()) as lib:
        # The photos to review and the untagged are kept alike (migrations v29 and v30,
        # tests/test_photos_to_review_kept.py).
        review = count_undecided_below(lib.db, REVIEW_BELOW)
        assert review == recount_undecided_below(lib.db, REVIEW_BELOW)
        assert count_untagged(lib.db) == len(untagged_photo_ids(lib.db))
        # And the tag tree's levels' totals (v31, tests/test_tag_levels_kept.py).
        levels = tag_admin.group_names([name for name, _ in all_tags(lib.db)])
        assert subtree_counts(lib.db, levels) == recount_subtrees(lib.db, levels)
        return _same(lib.db)


def test_counts_follow_scan_label_train_and_models_use(
    template: Path,
    engine: object,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    pics, faces, patches = face_labelled(template, capsys)  # a scanned library, labelled
    assert dict(_check())["face"] == len(faces)
    assert run(capsys, "label", str(pics / "chelsea.jpg"), "--reject", "face")[0] == 0
    assert run(capsys, "label", faces[0], "--remove", "face")[0] == 0
    _check()
    assert run(capsys, "train")[0] == 0  # v2, active: every photo re-tagged
    trained = _check()
    assert run(capsys, "models", "use", "v1")[0] == 0
    _check()
    assert run(capsys, "models", "use", "v2")[0] == 0
    assert _check() == trained
    assert run(capsys, "tag", "rename", "face", "people/face")[0] == 0
    assert run(capsys, "label", faces[1], "--add", "trips/2024/rome")[0] == 0
    other = next(name for name, _ in _check() if name != "people/face")
    assert run(capsys, "tag", "merge", "people/face", other)[0] == 0
    _check()
    assert run(capsys, "tag", "delete", other)[0] == 0
    assert other not in dict(_check())
    with open_library(default_home()) as lib:
        folders.remove_folder(lib.db, str(pics))
        assert tag_counts(lib.db) == recount_tags(lib.db) == []
    assert scan_with(engine, pics, monkeypatch, capsys) in (0, 1)  # added again
    assert _check()
