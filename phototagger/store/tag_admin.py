"""Renaming, merging and deleting tags: every row keeps its state, confidence, model version and
decision time, so what the user decided and where each tag came from survive the change."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import sqlite_utils

from phototagger.store.connection import cache, transaction
from phototagger.store.states import TagState
from phototagger.tag_names import normal_name

# Which row survives when a photo has both tags of a merge: a decision that the photo has the
# tag beats a rejection, which beats a model suggestion; equal ranks keep the destination's row.
_RANK: dict[str | None, int] = {
    TagState.ADDED: 3,
    TagState.ACCEPTED: 3,
    TagState.FILE: 3,
    TagState.REJECTED: 2,
    None: 1,
}

# The same, where the two tags are one tag spelled two ways (the same name, composed and
# decomposed: migration 13): both rows are the user's word about one tag, so what they said in
# this app beats a keyword read from a file, and a "no" beats a "yes" (the later look).
SAME_TAG_RANK: dict[str | None, int] = {
    TagState.REJECTED: 4,
    TagState.ADDED: 3,
    TagState.ACCEPTED: 3,
    TagState.FILE: 2,
    None: 1,
}


def _forget_ids(db: sqlite_utils.Database) -> None:
    # tags.tag_id caches name -> id; a renamed or deleted tag must not be found by its old name.
    cache(db).pop("tag_ids", None)


def tag_row(db: sqlite_utils.Database, name: str) -> tuple[int, str] | None:
    """(id, name as stored) of the tag called `name` (case-insensitive), or None."""
    row = db.execute("SELECT id, name FROM tags WHERE name = ?", [normal_name(name)]).fetchone()
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


def rename_tag_row(db: sqlite_utils.Database, tag_id: int, new_name: str) -> None:
    """Give the tag a new name (the caller checked no other tag has it)."""
    with transaction(db):
        db.execute("UPDATE tags SET name = ? WHERE id = ?", [normal_name(new_name), tag_id])
    _forget_ids(db)


def merge_tag_rows(
    db: sqlite_utils.Database,
    source_id: int,
    dest_id: int,
    rank: Mapping[str | None, int] = _RANK,
) -> int:
    """Move every photo's `source` row onto `dest`, then delete `source`; returns photos moved.

    Where a photo has both, the higher-ranked row (`rank`, _RANK unless told) stays, with the
    higher confidence.
    """
    with transaction(db):
        conflicts = db.execute(
            "SELECT s.photo_id, s.confidence, s.model_version, s.state, s.decided_at,"
            " d.confidence, d.model_version, d.state FROM photo_tags s JOIN photo_tags d"
            " ON d.photo_id = s.photo_id AND d.tag_id = ? WHERE s.tag_id = ?",
            [dest_id, source_id],
        ).fetchall()
        for (
            photo_id,
            s_conf,
            s_version,
            s_state,
            s_decided,
            d_conf,
            d_version,
            d_state,
        ) in conflicts:
            # The higher confidence stays, with the model version that gave it.
            scored = [
                (c, v) for c, v in ((s_conf, s_version), (d_conf, d_version)) if c is not None
            ]
            best, version = max(scored, key=lambda cv: cv[0]) if scored else (None, None)
            if rank[s_state] > rank[d_state]:
                state, decided = s_state, s_decided
            else:
                state, decided = d_state, None
            db.execute(
                "UPDATE photo_tags SET confidence = ?, model_version = ?, state = ?,"
                " decided_at = coalesce(?, decided_at) WHERE photo_id = ? AND tag_id = ?",
                [best, version, state, decided, photo_id, dest_id],
            )
        moved = db.execute(
            "UPDATE photo_tags SET tag_id = ? WHERE tag_id = ? AND photo_id NOT IN"
            " (SELECT photo_id FROM photo_tags WHERE tag_id = ?)",
            [dest_id, source_id, dest_id],
        ).rowcount
        db.execute("DELETE FROM photo_tags WHERE tag_id = ?", [source_id])
        # A tag the user created stays the user's when a vocabulary tag is merged into it.
        db.execute("DELETE FROM tags WHERE id = ?", [source_id])
    _forget_ids(db)
    return int(moved) + len(conflicts)


def delete_tag_row(db: sqlite_utils.Database, tag_id: int) -> int:
    """Delete the tag and every photo's row of it; returns the rows deleted."""
    with transaction(db):
        count = db.execute("DELETE FROM photo_tags WHERE tag_id = ?", [tag_id]).rowcount
        db.execute("DELETE FROM tags WHERE id = ?", [tag_id])
    _forget_ids(db)
    return int(count)
