"""Renaming, merging and deleting tags: every row keeps its state, confidence, model version and
decision time, so what the user decided and where each tag came from survive the change."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager

import sqlite_utils

from phototagger.store.connection import cache, transaction
from phototagger.store.states import TagState
from phototagger.store.tag_merge import move_tag_rows
from phototagger.store.tags import below_bounds
from phototagger.tag_names import normal_name, spaced_once


def _forget_ids(db: sqlite_utils.Database) -> None:
    # tags.tag_id caches name -> id; a renamed or deleted tag must not be found by its old name.
    cache(db).pop("tag_ids", None)


def tag_row(db: sqlite_utils.Database, name: str) -> tuple[int, str] | None:
    """(id, name as stored) of the tag called `name` (case-insensitive; its runs of spaces as
    one where no tag is spelled with them, as tags.tag_id finds it), or None."""
    name = normal_name(name)
    row = db.execute("SELECT id, name FROM tags WHERE name = ?", [name]).fetchone()
    if row is None and spaced_once(name) != name:
        return tag_row(db, spaced_once(name))
    return (row[0], row[1]) if row else None


def usage_of_tags(db: sqlite_utils.Database, tag_ids: Sequence[int]) -> tuple[int, int, int]:
    """(photos showing any of these tags: suggested or said yes to, each once; the user's yes
    answers; the user's no answers)."""
    if not tag_ids:
        return 0, 0, 0
    marks = ", ".join("?" * len(tag_ids))
    row = db.execute(
        "SELECT count(DISTINCT photo_id) FILTER (WHERE state IS NULL OR state != ?),"
        " count(*) FILTER (WHERE state IS NOT NULL AND state != ?),"
        f" count(*) FILTER (WHERE state = ?) FROM photo_tags WHERE tag_id IN ({marks})",
        [TagState.REJECTED, TagState.REJECTED, TagState.REJECTED, *tag_ids],
    ).fetchone()
    return int(row[0]), int(row[1]), int(row[2])


@contextmanager
def levels_apart(db: sqlite_utils.Database, tag_ids: Sequence[int]) -> Iterator[None]:
    """The tags `tag_ids` out of the tag tree's levels they are counted by (migration v31:
    tag_level_members) while the block writes their rows, and back in after, where the tag and
    the level are still there; the caller holds the transaction. Each tag's rows go out and
    come back in one statement over them (the triggers tag_levels_on_member_out and _in), where
    a statement over the rows of a tag still in a level runs the levels' row triggers once a
    row: one of 'nature''s 12 tags (2,196,840 rows, 500,000 photos) deleted took 4.3 s of CPU
    that way, 2.0 s this way, 1.6 s without the levels kept (benchmarks/sidebar_counts.py)."""
    marks = ", ".join("?" * len(tag_ids))
    kept = db.execute(
        f"SELECT tag_id, level_id FROM tag_level_members WHERE tag_id IN ({marks})", list(tag_ids)
    ).fetchall()
    db.execute(f"DELETE FROM tag_level_members WHERE tag_id IN ({marks})", list(tag_ids))
    yield
    for tag_id, level_id in kept:
        db.execute(
            "INSERT OR IGNORE INTO tag_level_members (tag_id, level_id) SELECT t.id, l.id"
            " FROM tags t, tag_levels l WHERE t.id = ? AND l.id = ?",
            [tag_id, level_id],
        )


def drop_suggestions(db: sqlite_utils.Database, tag_id: int) -> int:
    """Delete the model's suggestions of the tag (rows no one decided); returns how many."""
    with transaction(db), levels_apart(db, [tag_id]):
        return int(
            db.execute(
                "DELETE FROM photo_tags WHERE tag_id = ? AND state IS NULL", [tag_id]
            ).rowcount
        )


def rename_tag_row(db: sqlite_utils.Database, tag_id: int, new_name: str) -> None:
    """Give the tag a new name (the caller checked no other tag has it)."""
    with transaction(db):
        # A new name's runs of spaces are one, as a new tag's (tags.ensure_tag).
        name = spaced_once(normal_name(new_name))
        db.execute("UPDATE tags SET name = ? WHERE id = ?", [name, tag_id])
    _forget_ids(db)


def rename_levels(db: sqlite_utils.Database, old: str, new: str) -> list[int]:
    """The tag tree's levels kept at and below `old` (migration v31: tag_levels) called as the
    branch is about to be, `new` in `old`'s place ('nature/trees' -> 'outdoors/trees'), where no
    other level has one of those names; their ids. The branch's tags renamed after stay counted
    by the same levels, where each tag's rows were counted out of the old level and into the new
    one by the triggers (a level of 2,200,000 rows over 500,000 photos renamed: 8.8 s of CPU,
    against 0.7 s without the levels kept). Any name the tags do not end up below is made right
    by the triggers as they are renamed; drop_emptied_levels then takes the level away."""
    old, new = normal_name(old), spaced_once(normal_name(new))
    rows = db.execute(
        "SELECT id, level FROM tag_levels WHERE level = ? OR (level >= ? AND level < ?)",
        [old, *below_bounds(old)],
    ).fetchall()
    renamed = [(lid, new + str(level)[len(old) :]) for lid, level in rows]
    ids = [lid for lid, _ in renamed]
    for _, name in renamed:
        taken = db.execute("SELECT id FROM tag_levels WHERE level = ?", [name]).fetchone()
        if taken is not None and taken[0] not in ids:
            return []
    with transaction(db):
        for lid, name in renamed:
            db.execute("UPDATE tag_levels SET level = ? WHERE id = ?", [name, lid])
    return ids


def drop_emptied_levels(db: sqlite_utils.Database, ids: Sequence[int]) -> None:
    """Of the levels `ids` (rename_levels'), those with no tag below them."""
    with transaction(db):
        for lid in ids:
            db.execute(
                "DELETE FROM tag_levels WHERE id = ? AND NOT EXISTS (SELECT 1 FROM tags"
                " WHERE name >= level || '/' AND name < level || '0')",
                [lid],
            )


def drop_branch_levels(db: sqlite_utils.Database, name: str, doomed: Sequence[int]) -> None:
    """The tag tree's levels kept at and below `name` (migration v31: tag_levels) with no tag
    below them but the tags `doomed`, about to be deleted (delete_tag with its children), dropped
    with their photos in the caller's transaction: each tag would otherwise be counted out of
    them over its rows first."""
    name = normal_name(name)
    marks = ", ".join("?" * len(doomed))
    db.execute(
        "DELETE FROM tag_levels WHERE (level = ? OR (level >= ? AND level < ?))"
        " AND NOT EXISTS (SELECT 1 FROM tags WHERE name >= level || '/' AND name < level || '0'"
        f" AND id NOT IN ({marks}))",
        [name, *below_bounds(name), *doomed],
    )


def merge_tag_rows(db: sqlite_utils.Database, source_id: int, dest_id: int) -> int:
    """Move every photo's `source` row onto `dest`, then delete `source`; returns photos moved.

    Where a photo has both, the higher-ranked row (tag_merge.RANK) stays, with the higher
    confidence. A tag the user created stays the user's when a vocabulary tag is merged into it.
    """
    with transaction(db):
        # `dest` too, where its rows are not many more than `source`'s: each row moved onto a
        # tag in a level runs the levels' row triggers (about 11 us a row), where `dest` out
        # and back in passes over all its rows twice (about 4 us a row).
        kept = dict(
            db.execute(
                "SELECT tag_id, photos FROM tag_photo_counts WHERE tag_id IN (?, ?)",
                [source_id, dest_id],
            ).fetchall()
        )
        apart = [source_id, dest_id]
        if 3 * kept.get(source_id, 0) < kept.get(dest_id, 0):
            apart = [source_id]
        with levels_apart(db, apart):
            moved = move_tag_rows(db.conn, source_id, dest_id)
    _forget_ids(db)
    return moved


def delete_tag_row(db: sqlite_utils.Database, tag_id: int) -> int:
    """Delete the tag and every photo's row of it; returns the rows deleted."""
    with transaction(db):
        with levels_apart(db, [tag_id]):
            count = db.execute("DELETE FROM photo_tags WHERE tag_id = ?", [tag_id]).rowcount
        db.execute("DELETE FROM tags WHERE id = ?", [tag_id])
    _forget_ids(db)
    return int(count)
