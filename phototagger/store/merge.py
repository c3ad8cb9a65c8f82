"""Folding one photo row into another without losing what the user decided on either."""

from __future__ import annotations

import sqlite_utils

from phototagger.store.connection import transaction


def merge_decisions(db: sqlite_utils.Database, from_id: int, into_id: int) -> int:
    """Copy every user decision of photo `from_id` onto photo `into_id`; returns how many.

    Where both rows carry a decision about the same tag, the later one wins (it is what the
    user said last); a model suggestion on `into_id` becomes the decision. Runs in one
    transaction with the caller's, so a label committed just before is seen and one committed
    just after finds the merged row.
    """
    with transaction(db):
        cursor = db.execute(
            "INSERT INTO photo_tags (photo_id, tag_id, confidence, model_version, state,"
            " decided_at)"
            " SELECT ?, tag_id, confidence, model_version, state, decided_at FROM photo_tags"
            " WHERE photo_id = ? AND state IS NOT NULL"
            " ON CONFLICT (photo_id, tag_id) DO UPDATE"
            " SET state = excluded.state, decided_at = excluded.decided_at"
            " WHERE photo_tags.state IS NULL OR photo_tags.decided_at IS NULL"
            " OR excluded.decided_at >= photo_tags.decided_at",
            [into_id, from_id],
        )
        return max(cursor.rowcount, 0)
