"""Decisions carried from a copy moved to the trash onto the copy kept (Find Duplicates), with
where each came from: the kept copy's tag row says what the user decided, and carried_decisions
which copy it was decided on, so that the copy's return takes exactly those decisions off again
(one the user has changed since is theirs, and stays)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import sqlite_utils

from phototagger.store.connection import in_chunks, transaction
from phototagger.store.records import utc_now
from phototagger.store.states import TagOrigin
from phototagger.store.tags import ensure_tag, keeps_order


@dataclass(frozen=True, slots=True)
class CarriedDecision:
    photo_id: int  # the copy kept
    tag: str
    state: str  # what it gets: added, accepted or rejected
    from_photo_id: int  # the copy it was decided on
    from_path: str
    decided_at: str | None  # when the user decided it, on the copy
    # Its order number among the user's decisions (store/tags.decision_mark), kept on the copy
    # kept: moving it is no new answer (None: decided before the library numbered them).
    decided_seq: int | None = None


def write_carried(db: sqlite_utils.Database, decisions: Sequence[CarriedDecision]) -> None:
    """Give the kept copies these decisions, each where the copy has no decision on the tag (a
    model suggestion keeps its score), and note where each came from."""
    now = utc_now()
    numbered = keeps_order(db)
    with transaction(db):
        for d in decisions:
            tid = ensure_tag(db, d.tag, TagOrigin.USER)
            row = db.execute(
                "SELECT state FROM photo_tags WHERE photo_id = ? AND tag_id = ?",
                [d.photo_id, tid],
            ).fetchone()
            if row is not None and row[0] is not None:
                continue  # decided on the kept copy meanwhile: its own answer stays
            db.execute(
                "INSERT INTO photo_tags (photo_id, tag_id, state, decided_at) VALUES (?, ?, ?, ?)"
                " ON CONFLICT (photo_id, tag_id) DO UPDATE"
                " SET state = excluded.state, decided_at = excluded.decided_at",
                [d.photo_id, tid, d.state, d.decided_at or now],
            )
            if numbered and d.decided_seq is not None:
                # Only decided_seq written: the triggers, on state and decided_at, stay still.
                db.execute(
                    "UPDATE photo_tags SET decided_seq = ? WHERE photo_id = ? AND tag_id = ?",
                    [d.decided_seq, d.photo_id, tid],
                )
            db.execute(
                "INSERT OR REPLACE INTO carried_decisions (photo_id, tag_id, state,"
                " from_photo_id, from_path, had_suggestion, carried_at)"
                " VALUES (?, ?, ?, ?, ?, ?, ?)",
                [d.photo_id, tid, d.state, d.from_photo_id, d.from_path, row is not None, now],
            )


def take_back_carried(db: sqlite_utils.Database, from_ids: Sequence[int]) -> int:
    """The copies `from_ids` are back: the decisions carried from them go off the kept copies
    (a model suggestion the kept copy had is a suggestion again), except where the user has
    changed the kept copy's answer since. Returns how many went."""
    taken = 0
    with transaction(db):
        for chunk, marks in in_chunks(list(from_ids)):
            rows = db.execute(
                "SELECT c.photo_id, c.tag_id, c.state, c.had_suggestion, pt.state"
                " FROM carried_decisions c LEFT JOIN photo_tags pt"
                " ON pt.photo_id = c.photo_id AND pt.tag_id = c.tag_id"
                f" WHERE c.from_photo_id IN ({marks})",
                chunk,
            ).fetchall()
            for photo_id, tid, carried, had_suggestion, now in rows:
                if now == carried:
                    taken += 1
                    if had_suggestion:
                        db.execute(
                            "UPDATE photo_tags SET state = NULL, decided_at = NULL"
                            " WHERE photo_id = ? AND tag_id = ?",
                            [photo_id, tid],
                        )
                    else:
                        db.execute(
                            "DELETE FROM photo_tags WHERE photo_id = ? AND tag_id = ?",
                            [photo_id, tid],
                        )
            db.execute(f"DELETE FROM carried_decisions WHERE from_photo_id IN ({marks})", chunk)
    return taken


def carried_onto(db: sqlite_utils.Database, photo_id: int) -> dict[str, str]:
    """Tag name -> the path of the copy its decision was carried from, for one kept photo;
    a decision the user has changed on the kept photo since is theirs, and absent."""
    rows = db.execute(
        "SELECT t.name, c.from_path FROM carried_decisions c JOIN tags t ON t.id = c.tag_id"
        " JOIN photo_tags pt ON pt.photo_id = c.photo_id AND pt.tag_id = c.tag_id"
        " WHERE c.photo_id = ? AND pt.state = c.state ORDER BY t.name",
        [photo_id],
    )
    return dict(rows.fetchall())
