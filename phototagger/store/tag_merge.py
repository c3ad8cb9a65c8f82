"""Moving one tag's photo rows onto another, for a merge (store/tag_admin.py) and for migration
13, which merges tags spelled in two Unicode forms: plain SQL on a connection already inside a
transaction, so the migration can run it before the store's connection module is usable."""

from __future__ import annotations

import sqlite3
from collections.abc import Mapping

from phototagger.store.states import TagState

# Which row survives when a photo has both tags of a merge: a decision that the photo has the
# tag beats a rejection, which beats a model suggestion; equal ranks keep the destination's row.
RANK: dict[str | None, int] = {
    TagState.ADDED: 3,
    TagState.ACCEPTED: 3,
    TagState.FILE: 3,
    TagState.REJECTED: 2,
    None: 1,
}

# The same, where the two tags are one tag spelled two ways (the same name, composed and
# decomposed: migration 13): both rows are the user's word about one tag, so what they said in
# this app beats a keyword read from a file, and a "no" beats a "yes".
SAME_TAG_RANK: dict[str | None, int] = {
    TagState.REJECTED: 4,
    TagState.ADDED: 3,
    TagState.ACCEPTED: 3,
    TagState.FILE: 2,
    None: 1,
}


def move_tag_rows(
    conn: sqlite3.Connection,
    source_id: int,
    dest_id: int,
    rank: Mapping[str | None, int] = RANK,
) -> int:
    """Move every photo's `source` row onto `dest`, then delete `source`; returns photos moved.

    Where a photo has both, the higher-ranked row (`rank`) stays, with the higher confidence.
    The caller holds the transaction.
    """
    conflicts = conn.execute(
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
        scored = [(c, v) for c, v in ((s_conf, s_version), (d_conf, d_version)) if c is not None]
        best, version = max(scored, key=lambda cv: cv[0]) if scored else (None, None)
        if rank[s_state] > rank[d_state]:
            state, decided = s_state, s_decided
        else:
            state, decided = d_state, None
        conn.execute(
            "UPDATE photo_tags SET confidence = ?, model_version = ?, state = ?,"
            " decided_at = coalesce(?, decided_at) WHERE photo_id = ? AND tag_id = ?",
            [best, version, state, decided, photo_id, dest_id],
        )
    moved = conn.execute(
        "UPDATE photo_tags SET tag_id = ? WHERE tag_id = ? AND photo_id NOT IN"
        " (SELECT photo_id FROM photo_tags WHERE tag_id = ?)",
        [dest_id, source_id, dest_id],
    ).rowcount
    conn.execute("DELETE FROM photo_tags WHERE tag_id = ?", [source_id])
    # Where a Find Duplicates decision came from (store/carried.py) follows it; deleting the
    # source would take it along (ON DELETE CASCADE), and undo could not take the decision off.
    conn.execute(
        "UPDATE OR IGNORE carried_decisions SET tag_id = ? WHERE tag_id = ?", [dest_id, source_id]
    )
    # The destination keeps its origin: a tag the user created stays the user's.
    conn.execute("DELETE FROM tags WHERE id = ?", [source_id])
    return int(moved) + len(conflicts)
