"""Cached per-photo head outputs (the default tags' scores), read together with the embeddings
they were computed from, so one pass over the embeddings table serves a whole re-tag."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

import sqlite_utils

from phototagger.store.connection import transaction

_PAGE = 5_000

# (photo id, embedding bytes, CRC-32 the cached scores were computed from or None, scores or None)
CachedRow = tuple[int, bytes, int | None, bytes | None]


def iter_embeddings_with_scores(db: sqlite_utils.Database, backbone: str, head: str,
                                page: int = _PAGE) -> Iterator[list[CachedRow]]:
    """Every embedding of `backbone` by photo id, a page at a time, with `head`'s cached scores.

    Pages keep no statement open between them, so the caller may write while iterating.
    """
    last = -1
    while True:
        rows = db.execute(
            "SELECT e.photo_id, e.vector, c.source_crc, c.scores FROM embeddings e"
            " LEFT JOIN score_cache c ON c.photo_id = e.photo_id AND c.head = ?"
            " WHERE e.photo_id > ? AND e.backbone = ? ORDER BY e.photo_id LIMIT ?",
            [head, last, backbone, page],
        ).fetchall()
        if rows:
            yield rows
        if len(rows) < page:
            return
        last = rows[-1][0]


def put_cached_scores(db: sqlite_utils.Database, head: str,
                      rows: Sequence[tuple[int, int, bytes]]) -> None:
    """Store (photo id, source CRC-32, scores bytes) for `head`, replacing older ones."""
    with transaction(db):
        db.conn.executemany(
            "INSERT INTO score_cache (photo_id, head, source_crc, scores) VALUES (?, ?, ?, ?)"
            " ON CONFLICT (photo_id, head) DO UPDATE"
            " SET source_crc = excluded.source_crc, scores = excluded.scores",
            [(photo_id, head, crc, scores) for photo_id, crc, scores in rows],
        )

