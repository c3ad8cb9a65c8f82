"""speed50: the sidebar's totals of the tag tree's levels ('animals (1,234)': the photos having
'animals' or a tag below it, each photo once; store/tags.subtree_counts) are kept by the
schema's triggers as the tag rows, the photos' status and the tags' names are written (migration
v31), where each refresh passed over every row of the level's tags (873-1,692 ms for a level of
12 tags over 500,000 photos: benchmarks/sidebar_counts.py). Checked here against a count of the
rows themselves (recount_subtrees, the query the sidebar ran before) for every level of the tree
after every kind of write: the model's tags, labels, undo and redo, tags renamed into, out of and
between levels, a level renamed, merged or deleted, a folder taken out and added back, photos
going missing and deleted, decisions carried between copies, a failed write, many writes drawn
at random, and an existing library upgraded. tests/test_tag_counts_kept.py checks them after a
scan, train and a rename from the command line, and tests/kill_helpers.py at each kill."""

from __future__ import annotations

import random
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest
import sqlite_utils

from phototagger.core import folders, tag_admin
from phototagger.core.labels import Edit
from phototagger.store.connection import transaction
from phototagger.store.photos import add_folder, mark_missing, set_status
from phototagger.store.tags import (
    all_tags,
    ensure_tag,
    recount_subtrees,
    search,
    set_user_state,
    subtree_counts,
    write_model_tags,
    write_model_tags_many,
)
from phototagger.tag_names import name_key
from tests.store_helpers import (
    add_photo,
    deleted_and_merged,
    drawn_write,
    edited_undone_redone,
    library_at_version,
    upgraded_and_set_back,
)

_TAGS = ["animals", "animals/dog", "animals/cat", "animals/cat/kitten", "Places/beach", "sunset"]


def _levels_kept(db: sqlite_utils.Database) -> dict[str, int]:
    """Every level of the tag tree with its total, as kept and as counted from the rows (the
    same), with the levels kept exactly those of the tags' names."""
    names = tag_admin.group_names([name for name, _ in all_tags(db)])
    kept = {name_key(str(level)) for (level,) in db.execute("SELECT level FROM tag_levels")}
    assert kept == {name_key(name) for name in names}
    totals = subtree_counts(db, names)
    assert totals == recount_subtrees(db, names)
    # What keeps them holds each level's tags and its photos' counted rows, nothing else.
    members = db.execute(
        "SELECT l.id, t.id FROM tag_levels l JOIN tags t ON t.name = l.level"
        " OR (t.name >= l.level || '/' AND t.name < l.level || '0')"
    ).fetchall()
    assert sorted(db.execute("SELECT level_id, tag_id FROM tag_level_members")) == sorted(members)
    rows = db.execute(
        "SELECT m.level_id, pt.photo_id, count(*) FROM tag_level_members m"
        " JOIN photo_tags pt ON pt.tag_id = m.tag_id WHERE pt.state IS NOT 'rejected'"
        " AND pt.photo_id NOT IN (SELECT id FROM photos WHERE status = 'missing')"
        " GROUP BY m.level_id, pt.photo_id"
    ).fetchall()
    assert db.execute("SELECT * FROM tag_level_photos").fetchall() == rows
    return totals


def _photos(db: sqlite_utils.Database, folder: str, n: int) -> list[int]:
    """`n` photos, each suggested a run of the tags drawn from its number."""
    ids = [add_photo(db, f"{folder}/{i:03d}.jpg") for i in range(n)]
    for i, pid in enumerate(ids):
        suggested = [_TAGS[(i + k) % len(_TAGS)] for k in range(1 + i % 3)]
        write_model_tags(db, pid, {name: 0.9 for name in _TAGS}, suggested, "v1")
    return ids


def test_totals_follow_every_write(db: sqlite_utils.Database) -> None:
    add_folder(db, "/lib/a")
    add_folder(db, "/lib/b")
    a, b = _photos(db, "/lib/a", 12), _photos(db, "/lib/b", 9)
    first = _levels_kept(db)
    assert set(first) == {"animals", "animals/cat", "Places"}
    assert 0 < first["animals/cat"] < first["animals"] < len(a + b)
    # A re-tag: suggestions dropped and gained, and a photo's two tags of a level, one rejected.
    write_model_tags(db, a[0], {"animals/dog": 0.9, "animals/cat": 0.8}, ["animals/cat"], "v2")
    write_model_tags_many(
        db, ["animals/dog", "sunset"], [(a[1], [0.9, 0.9], [0, 1]), (b[0], [0.1, 0.9], [1])], "v2"
    )
    set_user_state(db, a[0], "animals/dog", "rejected")
    _levels_kept(db)
    # Labels: reject, add (a new tag below a level, a new level), remove; undone and redone.
    edited_undone_redone(
        db,
        [
            Edit(a[2], "animals", "reject"),
            Edit(a[3], "animals/bird", "add"),
            Edit(a[4], "trips/2024/rome", "add"),
            Edit(a[5], "animals/cat/kitten", "remove"),
        ],
        lambda: _levels_kept(db),
    )
    set_user_state(db, a[2], "animals", None)
    _levels_kept(db)
    # Tags moved into a level, out of one, between levels; a level renamed (case only too),
    # merged into another, and deleted with its tags.
    tag_admin.rename_tag(db, "sunset", "places/sky/sunset")
    _levels_kept(db)
    tag_admin.rename_tag(db, "animals/dog", "dog")
    tag_admin.rename_tag(db, "animals/cat", "pets/cat")  # 'kitten' with it
    _levels_kept(db)
    tag_admin.rename_tag(db, "dog", "pets/dog")
    tag_admin.rename_tag(db, "places", "PLACES")
    assert "PLACES" in tag_admin.group_names([n for n, _ in all_tags(db)])
    _levels_kept(db)
    tag_admin.rename_tag(db, "pets", "fauna")
    tag_admin.merge_tags(db, "animals", "fauna")  # the tag 'animals' into the level 'fauna'
    _levels_kept(db)
    assert "animals" not in _levels_kept(db)
    tag_admin.delete_tag(db, "PLACES", with_children=True)
    assert set(_levels_kept(db)) == {"fauna", "fauna/cat", "trips", "trips/2024"}
    # A tag made where a level is already, and a level made over a tag that was there.
    ensure_tag(db, "trips")
    set_user_state(db, b[1], "trips", "added")
    set_user_state(db, b[2], "fauna/bird", "added")
    _levels_kept(db)
    set_user_state(db, b[3], "fauna/bird/owl", "added")
    assert "fauna/bird" in _levels_kept(db)
    # A folder taken out: its photos leave every total, their rows kept; back at a scan.
    before = _levels_kept(db)
    folders.remove_folder(db, "/lib/b")
    assert _levels_kept(db)["fauna"] < before["fauna"]
    set_user_state(db, b[4], "fauna/cat", "added")  # a decision on a photo out of the library
    write_model_tags(db, b[5], {"fauna/cat": 0.9}, ["fauna/cat"], "v3")
    _levels_kept(db)
    set_status(db, b, "tagged")
    _levels_kept(db)
    # Photos deleted, one out of the library and one in it; a copy's decisions merged.
    deleted_and_merged(db, (b[6], b[7], a[8], a[9]), lambda: _levels_kept(db))


def _level_id(db: sqlite_utils.Database, level: str) -> int | None:
    row = db.execute("SELECT id FROM tag_levels WHERE level = ?", [level]).fetchone()
    return None if row is None else int(row[0])


def test_a_level_renamed_keeps_its_count(db: sqlite_utils.Database) -> None:
    """A level renamed whole keeps its kept count (its tags are not counted out and in again,
    row by row), into a name that is a tag with no tags below it too, or below a new level; into
    a level there already, its tags' rows join that one's count."""
    ids = _photos(db, "/lib/a", 12)
    set_user_state(db, ids[0], "outdoors", "added")  # a tag, no level
    set_user_state(db, ids[1], "outdoors", "added")
    before = _levels_kept(db)
    animals, cat = _level_id(db, "animals"), _level_id(db, "animals/cat")
    tag_admin.rename_tag(db, "animals", "outdoors")  # the tag 'animals' merged into 'outdoors'
    after = _levels_kept(db)
    assert (_level_id(db, "outdoors"), _level_id(db, "outdoors/cat")) == (animals, cat)
    assert after["outdoors/cat"] == before["animals/cat"]
    assert after["outdoors"] == len(search(db, any_of=["outdoors"]))
    tag_admin.rename_tag(db, "outdoors", "trips/outdoors")
    assert _level_id(db, "trips/outdoors") == animals
    assert _levels_kept(db)["trips"] == _levels_kept(db)["trips/outdoors"] == after["outdoors"]
    tag_admin.rename_tag(db, "trips/outdoors", "places")  # a level there: its own stays
    assert _level_id(db, "places") == _level_id(db, "Places") != animals
    assert "trips" not in _levels_kept(db)


def test_rows_moved_between_photos_and_tags_count_both(db: sqlite_utils.Database) -> None:
    ids = _photos(db, "/lib/a", 8)
    bare = add_photo(db, "/lib/a/bare.jpg")
    fox, sunset = ensure_tag(db, "animals/fox"), ensure_tag(db, "sunset")
    with transaction(db):
        db.execute("UPDATE photo_tags SET photo_id = ? WHERE photo_id = ?", [bare, ids[1]])
        db.execute("UPDATE photo_tags SET tag_id = ? WHERE tag_id = ?", [fox, sunset])
    _levels_kept(db)
    with transaction(db):
        db.execute("UPDATE photo_tags SET state = 'rejected' WHERE photo_id = ?", [ids[2]])
        db.execute("UPDATE tags SET name = 'wild/cat' WHERE name = 'animals/cat'")
    _levels_kept(db)


def _totals_written(db: sqlite_utils.Database) -> Callable[[], int]:
    """How many times a level's total has been written since (a temporary trigger counts)."""
    db.execute("CREATE TEMP TABLE totals_written (level_id INTEGER)")
    db.execute(
        "CREATE TEMP TRIGGER count_totals_written AFTER UPDATE OF photos ON main.tag_levels"
        " BEGIN INSERT INTO totals_written VALUES (NEW.id); END"
    )
    return lambda: int(db.execute("SELECT count(*) FROM totals_written").fetchone()[0])


def test_a_tag_merged_or_deleted_leaves_its_levels_at_once(db: sqlite_utils.Database) -> None:
    """A tag of a level merged into another (its suggestions dropped first where the version
    scores the other by its own column) or deleted leaves the level's total in one write over
    its rows, not one write a row of it (one of 'nature''s 12 tags deleted, 500,000 photos:
    4.3 s of CPU that way, 2.0 s this way: benchmarks/sidebar_counts.py); the totals are those
    of the rows after each."""
    ids = [add_photo(db, f"/lib/{i:03d}.jpg") for i in range(40)]
    for i, pid in enumerate(ids):
        tagged = ["animals/dog", "animals/cat", "pets/fish", "sunset", "sea/boat"][: 2 + i % 4]
        write_model_tags(db, pid, {name: 0.9 for name in tagged}, tagged, "v1")
    set_user_state(db, ids[0], "animals/dog", "rejected")
    set_user_state(db, ids[1], "sea/boat", "added")
    _levels_kept(db)
    written = _totals_written(db)
    for change in (
        lambda: tag_admin.merge_tags(db, "animals/dog", "animals/cat"),  # within a level
        lambda: tag_admin.merge_tags(db, "animals/cat", "pets/fish"),  # between levels
        lambda: tag_admin.merge_tags(db, "pets/fish", "sea/boat", scored=["sea/boat"]),
        lambda: tag_admin.merge_tags(db, "sunset", "sea/boat"),  # into a level
        lambda: tag_admin.delete_tag(db, "sea/boat"),
    ):
        before = written()
        change()
        assert written() - before <= 6
        _levels_kept(db)
    assert _levels_kept(db) == {}


def test_a_level_deleted_with_its_tags_goes_whole(db: sqlite_utils.Database) -> None:
    """A level deleted with every tag below it is dropped with its kept photos at once, not
    each of its tags counted out of it first over its rows; a level above it keeps its total."""
    ids = [add_photo(db, f"/lib/{i:03d}.jpg") for i in range(20)]
    names = ["animals/dog", "animals/cat", "animals/cat/kitten", "trips/sea/boat", "trips/rome"]
    for i, pid in enumerate(ids):
        tagged = names[i % 3 :] + names[: i % 2]
        write_model_tags(db, pid, {name: 0.9 for name in tagged}, tagged, "v1")
    _levels_kept(db)
    db.execute("CREATE TEMP TABLE entries_written (level_id INTEGER)")
    db.execute(
        "CREATE TEMP TRIGGER count_entries_written AFTER UPDATE ON main.tag_level_photos"
        " BEGIN INSERT INTO entries_written VALUES (NEW.level_id); END"
    )
    tag_admin.delete_tag(db, "animals", with_children=True)
    assert db.execute("SELECT count(*) FROM entries_written").fetchone()[0] == 0
    assert set(_levels_kept(db)) == {"trips", "trips/sea"}
    tag_admin.delete_tag(db, "trips/sea", with_children=True)
    assert set(_levels_kept(db)) == {"trips"}


def test_a_tag_of_few_rows_beside_its_level_or_many(db: sqlite_utils.Database) -> None:
    """A tag joining or leaving a level is counted in and out by its own rows where it has few
    beside the level's photos, by the level's photos where not (migration v31,
    tag_levels_on_member_in and _out): the totals are those of the rows either way."""
    ids = [add_photo(db, f"/lib/{i:03d}.jpg") for i in range(40)]
    for pid in ids[2:]:
        write_model_tags(db, pid, {"animals/cat": 0.9}, ["animals/cat"], "v1")
    for pid in ids[:3]:
        set_user_state(db, pid, "dog", "added")
    assert _levels_kept(db) == {"animals": 38}
    set_user_state(db, ids[0], "bird", "added")
    tag_admin.rename_tag(db, "bird", "animals/bird")  # 1 row into 38 photos, and out
    assert _levels_kept(db) == {"animals": 39}
    tag_admin.delete_tag(db, "animals/bird")
    assert _levels_kept(db) == {"animals": 38}
    tag_admin.rename_tag(db, "dog", "animals/dog")  # 3 rows into 38 photos
    assert _levels_kept(db) == {"animals": 40}
    tag_admin.rename_tag(db, "animals/dog", "pets/dog")  # out of 40, into none
    assert _levels_kept(db) == {"animals": 38, "pets": 3}
    tag_admin.rename_tag(db, "animals/cat", "pets/cat")  # 38 rows into 3 photos
    assert _levels_kept(db) == {"pets": 40}
    tag_admin.rename_tag(db, "pets/dog", "dog")  # 3 rows out of 40
    assert _levels_kept(db) == {"pets": 38}
    tag_admin.rename_tag(db, "dog", "pets/dog")
    tag_admin.delete_tag(db, "pets/dog")
    assert _levels_kept(db) == {"pets": 38}
    tag_admin.rename_tag(db, "pets/cat", "cat")  # 38 rows out of 38
    assert _levels_kept(db) == {}


def test_many_writes_drawn_at_random(db: sqlite_utils.Database) -> None:
    """Suggestions written, decisions taken and taken back, rows deleted, photos going missing,
    coming back and deleted, tags renamed into and out of levels and merged, in an order drawn
    at random: the totals kept are those of the rows after each."""
    rng = random.Random(50)
    names = ["a", "a/b", "a/b/c", "a/d", "e/f", "g"]
    ids = [add_photo(db, f"/lib/{i:03d}.jpg") for i in range(30)]
    for step in range(300):
        tags = [name for name, _ in all_tags(db)] or names
        kind = rng.randrange(7)
        if kind == 5:
            old, new = rng.choice(tags), rng.choice([*names, "x", "x/y", "a/b/z"])
            if not tag_admin.is_below(new, old) and name_key(new) != name_key(old):
                tag_admin.rename_tag(db, old, new)
        else:
            drawn_write(
                db, rng, ids, step, kind, names, decided=tags, replaced=(20, 6, ("tagged",))
            )
        _levels_kept(db)
    assert _levels_kept(db)


def test_totals_kept_with_the_rows_or_not_at_all(db: sqlite_utils.Database) -> None:
    """A write that fails half way leaves neither rows, names nor totals changed."""
    ids = _photos(db, "/lib/a", 6)
    before = _levels_kept(db)
    with pytest.raises(sqlite3.IntegrityError), transaction(db):
        set_user_state(db, ids[0], "animals/cat", "rejected")
        set_user_state(db, ids[1], "animals/zebra", "added")
        tag_admin.rename_tag(db, "Places/beach", "sea/beach")
        db.execute("INSERT INTO photo_tags (photo_id, tag_id) VALUES (?, ?)", [ids[0], 10**6])
    assert _levels_kept(db) == before


def test_an_existing_library_is_counted_once_when_upgraded(tmp_path: Path) -> None:
    path = tmp_path / "library.db"
    old = library_at_version(path, 30)
    ids = _photos(old, "/lib/a", 12)
    set_user_state(old, ids[0], "animals/cat", "rejected")
    with transaction(old):
        mark_missing(old, ids[1:4])
    names = tag_admin.group_names([name for name, _ in all_tags(old)])
    expected = recount_subtrees(old, names)
    old.close()
    assert upgraded_and_set_back(path, 30, _levels_kept) == expected
    assert expected == {"animals": 7, "animals/cat": 3, "Places": 3}
