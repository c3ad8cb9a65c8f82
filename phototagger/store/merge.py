"""Folding one photo row into another without losing what the user decided on either."""

from __future__ import annotations

import sqlite_utils

from phototagger.store.connection import transaction
from phototagger.store.tags import keeps_order

# Whether the decision being merged (excluded) came after the one the row has: by the order the
# decisions were made in where both have a number (migrations._V19_DECISION_ORDER; times are kept
# to the second), a numbered one after one made before the library kept the order, else by time.
_LATER = (
    "CASE WHEN excluded.decided_seq IS NOT NULL AND photo_tags.decided_seq IS NOT NULL"
    " THEN excluded.decided_seq > photo_tags.decided_seq"
    " WHEN excluded.decided_seq IS NOT NULL THEN 1 WHEN photo_tags.decided_seq IS NOT NULL THEN 0"
    " ELSE excluded.decided_at >= photo_tags.decided_at END"
)


def merge_decisions(db: sqlite_utils.Database, from_id: int, into_id: int) -> int:
    """Copy every user decision of photo `from_id` onto photo `into_id`; returns how many.

    Where both rows carry a decision about the same tag, the later one wins (it is what the
    user said last); a model suggestion on `into_id` becomes the decision. A decision copied
    keeps its order number: it is the one the user made, not a new answer. Runs in one
    transaction with the caller's, so a label committed just before is seen and one committed
    just after finds the merged row.
    """
    # A library older than the order (only tests write on one) goes by time alone.
    numbered = keeps_order(db)
    seq = ", decided_seq" if numbered else ""
    later = _LATER if numbered else "excluded.decided_at >= photo_tags.decided_at"
    with transaction(db):
        cursor = db.execute(
            "INSERT INTO photo_tags (photo_id, tag_id, confidence, model_version, state,"
            f" decided_at{seq}) SELECT ?, tag_id, confidence, model_version, state, decided_at"
            f"{seq} FROM photo_tags WHERE photo_id = ? AND state IS NOT NULL"
            " ON CONFLICT (photo_id, tag_id) DO UPDATE"
            " SET state = excluded.state, decided_at = excluded.decided_at"
            f" WHERE photo_tags.state IS NULL OR photo_tags.decided_at IS NULL OR {later}",
            [into_id, from_id],
        )
        if numbered:
            # The triggers numbered each decision written as one made now: its own number back.
            db.execute(
                "UPDATE photo_tags SET decided_seq = s.decided_seq FROM photo_tags s"
                " WHERE photo_tags.photo_id = ? AND s.photo_id = ?"
                " AND s.tag_id = photo_tags.tag_id AND s.state IS NOT NULL"
                " AND s.state IS photo_tags.state AND s.decided_at IS photo_tags.decided_at",
                [into_id, from_id],
            )
        return max(cursor.rowcount, 0)
