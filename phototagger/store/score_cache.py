"""Cached per-photo head outputs (the default tags' scores), read together with the embeddings
they were computed from, so one pass serves a whole re-tag. Writing an embedding drops the
photo's cached scores (triggers of migration 3), so what is cached is always current."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

import sqlite_utils

from phototagger.store.connection import in_chunks, transaction

_PAGE = 5_000

# (photo id, cached scores or None, the embedding or None when not asked for and cached)
CachedRow = tuple[int, bytes | None, bytes | None]


def iter_embeddings_with_scores(
    db: sqlite_utils.Database,
    backbone: str,
    head: str | None,
    vectors: bool | None,
    page: int = _PAGE,
    photo_ids: Sequence[int] | None = None,
) -> Iterator[list[CachedRow]]:
    """Every photo with a `backbone` embedding, by id, a page at a time, with `head`'s cached
    scores; the embedding itself only where `vectors` is true or nothing is cached (so a warm
    cache is read without touching the embeddings' pages), never where it is None. `head`
    None: no cached scores are read.

    Pages keep no statement open between them, so the caller may write while iterating.
    `photo_ids`: only these photos.
    """
    wants = [int(vectors is True), int(vectors is not None)]
    if photo_ids is not None:
        for chunk, marks in in_chunks(sorted(set(photo_ids)), page):
            rows = db.execute(
                "SELECT e.photo_id, c.scores,"
                " CASE WHEN ? OR (? AND c.scores IS NULL) THEN e.vector END FROM embeddings e"
                " LEFT JOIN score_cache c ON c.photo_id = e.photo_id AND c.head = ?"
                f" WHERE e.backbone = ? AND e.photo_id IN ({marks}) ORDER BY e.photo_id",
                [*wants, head, backbone, *chunk],
            ).fetchall()
            if rows:
                yield rows
        return
    last = -1
    while True:
        rows = db.execute(
            "SELECT e.photo_id, c.scores,"
            " CASE WHEN ? OR (? AND c.scores IS NULL) THEN e.vector END FROM embeddings e"
            " LEFT JOIN score_cache c ON c.photo_id = e.photo_id AND c.head = ?"
            " WHERE e.photo_id > ? AND e.backbone = ? ORDER BY e.photo_id LIMIT ?",
            [*wants, head, last, backbone, page],
        ).fetchall()
        if rows:
            yield rows
        if len(rows) < page:
            return
        last = rows[-1][0]


def put_cached_scores(
    db: sqlite_utils.Database, head: str, rows: Sequence[tuple[int, bytes]]
) -> None:
    """Store (photo id, scores bytes) for `head`, replacing older ones."""
    with transaction(db):
        db.conn.executemany(
            "INSERT INTO score_cache (photo_id, head, scores) VALUES (?, ?, ?)"
            " ON CONFLICT (photo_id, head) DO UPDATE SET scores = excluded.scores",
            [(photo_id, head, scores) for photo_id, scores in rows],
        )
