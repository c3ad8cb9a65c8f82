"""speed49: the sidebar's "Needs review" count (store/tags.count_undecided_below at
core/queries.REVIEW_BELOW) is kept by the schema's triggers as the tag rows and the photos'
status are written (migration v29), where each refresh looked up every photo's rows (591-816 ms
for 500,000 photos: benchmarks/sidebar_counts.py). Checked here against a count of the rows
themselves (recount_undecided_below, the query the sidebar ran before) after every kind of
write: the model's tags and scores, labels, undo and redo, a tag renamed, merged or deleted, a
folder taken out and added back, photos deleted, decisions carried between copies, a failed
write, many writes drawn at random, an existing library upgraded, and a scan, train and models
use from the command line (tests/test_tag_counts_kept.py's run, which checks it too). The
"Untagged" count (store/tags.count_untagged, migration v30) is kept alike and checked with it."""

from __future__ import annotations

import random
import sqlite3
from pathlib import Path

import pytest
import sqlite_utils

from phototagger.core import folders, tag_admin
from phototagger.core.labels import Edit
from phototagger.core.queries import REVIEW_BELOW
from phototagger.store import migrations
from phototagger.store.connection import transaction
from phototagger.store.photos import add_folder, mark_missing, set_status
from phototagger.store.tags import (
    count_undecided_below,
    count_untagged,
    ensure_tag,
    recount_undecided_below,
    set_user_state,
    undecided_below,
    untagged_photo_ids,
    write_model_tags,
    write_model_tags_many,
)
from tests.store_helpers import (
    add_photo,
    deleted_and_merged,
    drawn_write,
    edited_undone_redone,
    library_at_version,
    upgraded_and_set_back,
)


def _same(db: sqlite_utils.Database) -> int:
    kept = count_undecided_below(db, REVIEW_BELOW)
    assert kept == recount_undecided_below(db, REVIEW_BELOW)
    assert kept == len(undecided_below(db, REVIEW_BELOW))  # the photos "Needs review" shows
    # And "Untagged" (v30), kept alike: the photos its filter shows.
    assert count_untagged(db) == len(untagged_photo_ids(db))
    return kept


def _photos(db: sqlite_utils.Database, folder: str, n: int) -> list[int]:
    """`n` photos: 'cat' sure on each, 'dog' at 0.55 (to review) on two in three, 'beach' at
    0.45 (to review) on one in three."""
    ids = [add_photo(db, f"{folder}/{i:03d}.jpg") for i in range(n)]
    for i, pid in enumerate(ids):
        suggested = ["cat", "dog", "beach"][: 1 + i % 3]
        write_model_tags(db, pid, {"cat": 0.9, "dog": 0.55, "beach": 0.45}, suggested, "v1")
    return ids


def test_the_cut_kept_is_the_one_the_sidebar_asks_for() -> None:
    assert REVIEW_BELOW == migrations.REVIEW_KEPT_BELOW


def test_count_follows_every_write_of_the_rows_and_photos(db: sqlite_utils.Database) -> None:
    add_folder(db, "/lib/a")
    add_folder(db, "/lib/b")
    a, b = _photos(db, "/lib/a", 9), _photos(db, "/lib/b", 6)
    assert _same(db) == 10  # 'dog' on 6 of a, 4 of b
    # Rescored: a photo's last suggestion to review made sure, another's made doubtful, one
    # photo's two suggestions to review each rescored (one stays under the cut).
    write_model_tags(db, a[1], {"cat": 0.9, "dog": 0.8}, ["cat", "dog"], "v2")
    write_model_tags(db, a[0], {"cat": 0.3}, ["cat"], "v2")
    write_model_tags(
        db, a[2], {"cat": 0.9, "dog": 0.7, "beach": 0.5}, ["cat", "dog", "beach"], "v2"
    )
    write_model_tags_many(
        db, ["cat", "dog"], [(a[3], [0.1, 0.59], [1]), (b[0], [0.59, 0.9], [0, 1])], "v2"
    )
    _same(db)
    # Labels: the suggestion to review accepted, rejected, taken back; undone and done again.
    edited_undone_redone(
        db,
        [Edit(a[4], "dog", "accept"), Edit(a[5], "dog", "reject"), Edit(a[7], "sunset", "add")],
        lambda: _same(db),
    )
    set_user_state(db, a[4], "dog", None)  # back to a suggestion, under the cut again
    _same(db)
    # Tags renamed (into a tree), merged (rows moved to another tag), deleted.
    tag_admin.rename_tag(db, "beach", "places/beach")
    tag_admin.merge_tags(db, "dog", "cat")
    _same(db)
    tag_admin.delete_tag(db, "places/beach")
    _same(db)
    # A folder taken out: its photos leave the count, their rows kept; back at a scan.
    write_model_tags(db, b[1], {"cat": 0.5}, ["cat"], "v3")
    before = _same(db)
    folders.remove_folder(db, "/lib/b")
    assert _same(db) < before
    write_model_tags(db, b[2], {"cat": 0.4}, ["cat"], "v2")  # scored while out of the library
    set_user_state(db, b[3], "cat", "rejected")
    _same(db)
    set_status(db, b, "tagged")
    assert _same(db) > 0
    # Photos deleted, one out of the library and one in it; a copy's decisions merged.
    deleted_and_merged(db, (b[4], b[5], a[6], a[8]), lambda: _same(db))


def test_rows_moved_between_photos_and_tags_count_both(db: sqlite_utils.Database) -> None:
    """An UPDATE that moves a row to another photo or tag counts the row out of where it was
    and into where it is."""
    ids = _photos(db, "/lib/a", 6)
    with transaction(db):
        # 'dog' (0.55) of the second photo moved to the first, which had only 'cat'
        db.execute(
            "UPDATE photo_tags SET photo_id = ? WHERE photo_id = ? AND confidence < 0.6",
            [ids[0], ids[1]],
        )
    _same(db)
    other = ensure_tag(db, "cat")
    zebra = ensure_tag(db, "zebra")
    with transaction(db):  # 'beach' (0.45) of the third photo moved to 'zebra', 'dog' kept
        db.execute(
            "UPDATE photo_tags SET tag_id = ? WHERE photo_id = ? AND confidence < 0.5",
            [zebra, ids[2]],
        )
    _same(db)
    with transaction(db):
        db.execute("UPDATE photo_tags SET confidence = 0.2 WHERE photo_id = ?", [ids[3]])
    _same(db)
    # A suggestion with no confidence (not to review) given one under the cut, and back.
    for confidence in (None, 0.3, None):
        with transaction(db):
            db.execute(
                "UPDATE photo_tags SET confidence = ? WHERE photo_id = ? AND tag_id = ?",
                [confidence, ids[3], other],
            )
        _same(db)
    with transaction(db):
        db.execute("UPDATE photo_tags SET state = NULL, confidence = 0.1")
    assert _same(db) == 6


def test_many_writes_drawn_at_random(db: sqlite_utils.Database) -> None:
    """Suggestions written and rescored, decisions taken and taken back, rows deleted, photos
    going missing, coming back and deleted, in an order drawn at random: the count kept is the
    count of the rows after each."""
    rng = random.Random(49)
    names = ["cat", "dog", "beach", "car"]
    ids = [add_photo(db, f"/lib/{i:03d}.jpg") for i in range(30)]
    for step in range(400):
        drawn_write(
            db,
            rng,
            ids,
            step,
            rng.randrange(6),
            names,
            confidences=(0.3, 0.59, 0.6, 0.61, 0.9),
            statuses=("tagged", "tagged", "pending", "problem"),
            replaced=(40, 5, ("tagged", "pending")),
        )
        assert count_undecided_below(db, REVIEW_BELOW) == recount_undecided_below(
            db, REVIEW_BELOW
        ), step
        assert count_untagged(db) == len(untagged_photo_ids(db)), step
    assert _same(db) > 0


def test_count_kept_with_the_rows_or_not_at_all(db: sqlite_utils.Database) -> None:
    """A write that fails half way leaves neither rows nor the count changed."""
    ids = _photos(db, "/lib/a", 6)
    before = _same(db)
    with pytest.raises(sqlite3.IntegrityError), transaction(db):
        set_user_state(db, ids[1], "dog", "accepted")
        write_model_tags(db, ids[0], {"car": 0.3}, ["car"], "v2")
        db.execute("INSERT INTO photo_tags (photo_id, tag_id) VALUES (?, ?)", [ids[0], 10**6])
    assert _same(db) == before


def test_another_cut_is_counted_from_the_rows(db: sqlite_utils.Database) -> None:
    _photos(db, "/lib/a", 6)
    assert count_undecided_below(db, 0.5) == recount_undecided_below(db, 0.5) == 2
    assert count_undecided_below(db, REVIEW_BELOW) == 4


def test_an_existing_library_is_counted_once_when_upgraded(tmp_path: Path) -> None:
    path = tmp_path / "library.db"
    old = library_at_version(path, 28)
    ids = _photos(old, "/lib/a", 12)
    set_user_state(old, ids[1], "dog", "rejected")
    with transaction(old):
        mark_missing(old, ids[2:5])
    add_photo(old, "/lib/a/bare.jpg")  # tagged, with no tag: untagged
    expected = recount_undecided_below(old, REVIEW_BELOW)
    assert len(untagged_photo_ids(old)) == 1
    old.close()

    def counted(db: sqlite_utils.Database) -> tuple[int, int]:
        return _same(db), count_untagged(db)

    # Upgraded, then set back to v28 and upgraded again: counted anew, not counted twice.
    assert upgraded_and_set_back(path, 28, counted) == (expected, 1)
    assert expected == 5
