"""Backbone embeddings, one float16 blob per photo and backbone, computed once and reused."""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from typing import NamedTuple

import sqlite_utils

from phototagger.store.connection import in_chunks, transaction

_PAGE = 1_000


def put_embeddings(
    db: sqlite_utils.Database,
    backbone: str,
    items: Sequence[tuple[int, bytes]],
    source: str | None = None,
) -> None:
    """Store (photo id, vector bytes) pairs, replacing earlier vectors of the same backbone;
    `source`: the runtime and precision that made them (None: not known)."""
    with transaction(db):
        db.conn.executemany(
            "INSERT INTO embeddings (photo_id, backbone, vector, source) VALUES (?, ?, ?, ?)"
            " ON CONFLICT (photo_id, backbone) DO UPDATE SET vector = excluded.vector,"
            " source = excluded.source",
            [(photo_id, backbone, bytes(vector), source) for photo_id, vector in items],
        )


def copy_embedding_sources(db: sqlite_utils.Database, copied_from: Mapping[int, int]) -> None:
    """{photo id: the photo whose embeddings it copied}: each copy's embeddings get the source
    of the ones they copy, backbone by backbone."""
    with transaction(db):
        db.conn.executemany(
            "UPDATE embeddings SET source = (SELECT o.source FROM embeddings o"
            " WHERE o.photo_id = ? AND o.backbone = embeddings.backbone) WHERE photo_id = ?",
            [(origin, photo_id) for photo_id, origin in copied_from.items()],
        )


def embedding_source_counts(db: sqlite_utils.Database, backbone: str) -> dict[str | None, int]:
    """{source (None: not recorded): present photos with a `backbone` embedding it made}, each
    content once: identical copies share the embedding made once for it."""
    rows = db.execute(
        "SELECT e.source, count(DISTINCT p.content_hash) + sum(p.content_hash IS NULL)"
        " FROM embeddings e JOIN photos p ON p.id = e.photo_id"
        " WHERE e.backbone = ? AND p.status != 'missing' GROUP BY e.source",
        [backbone],
    )
    return {source: int(count) for source, count in rows}


def get_embedding(db: sqlite_utils.Database, photo_id: int, backbone: str) -> bytes | None:
    row = db.execute(
        "SELECT vector FROM embeddings WHERE photo_id = ? AND backbone = ?", [photo_id, backbone]
    ).fetchone()
    return bytes(row[0]) if row else None


def iter_embeddings(
    db: sqlite_utils.Database, backbone: str, photo_ids: Sequence[int] | None = None
) -> Iterator[tuple[int, bytes]]:
    """(photo id, vector) by photo id, for all photos or just `photo_ids`, a page at a time.

    Pages keep no statement open between them, so the caller may write while iterating.
    """
    if photo_ids is not None:
        for chunk, marks in in_chunks(sorted(set(photo_ids)), _PAGE):
            rows = db.execute(
                "SELECT photo_id, vector FROM embeddings"
                f" WHERE backbone = ? AND photo_id IN ({marks}) ORDER BY photo_id",
                [backbone, *chunk],
            ).fetchall()
            yield from rows
        return
    yield from _paged(db, backbone, present_only=False)


def _paged(
    db: sqlite_utils.Database, backbone: str, present_only: bool
) -> Iterator[tuple[int, bytes]]:
    join = " JOIN photos p ON p.id = e.photo_id AND p.status != 'missing'" if present_only else ""
    last = -1
    while True:
        # The primary key is (photo_id, backbone); ranging on photo_id keeps to it.
        page = db.execute(
            f"SELECT e.photo_id, e.vector FROM embeddings e{join}"
            " WHERE e.photo_id > ? AND e.backbone = ? ORDER BY e.photo_id LIMIT ?",
            [last, backbone, _PAGE],
        ).fetchall()
        yield from page
        if len(page) < _PAGE:
            return
        last = page[-1][0]


def embedding_count(db: sqlite_utils.Database, backbone: str) -> int:
    row = db.execute("SELECT count(*) FROM embeddings WHERE backbone = ?", [backbone]).fetchone()
    return int(row[0])


def embedded_photos_and_copies(db: sqlite_utils.Database, backbone: str) -> tuple[int, int]:
    """(present photos with a `backbone` embedding, how many of them are identical copies of
    another: the same content, so the scan embedded it once and reused that for the others)."""
    row = db.execute(
        "SELECT count(*), count(*) - count(DISTINCT p.content_hash)"
        " - sum(p.content_hash IS NULL) FROM embeddings e JOIN photos p ON p.id = e.photo_id"
        " WHERE e.backbone = ? AND p.status != 'missing'",
        [backbone],
    ).fetchone()
    return int(row[0]), int(row[1] or 0)


def photos_without_embedding(db: sqlite_utils.Database, backbone: str) -> list[int]:
    """Ids of present (not missing) photos with no vector from `backbone` yet."""
    rows = db.execute(
        "SELECT id FROM photos p WHERE status != 'missing' AND NOT EXISTS"
        " (SELECT 1 FROM embeddings e WHERE e.photo_id = p.id AND e.backbone = ?) ORDER BY id",
        [backbone],
    )
    return [row[0] for row in rows]


def without_embedding(
    db: sqlite_utils.Database, photo_ids: Sequence[int], backbone: str
) -> set[int]:
    """Those of `photo_ids` that have no vector from `backbone` (never read: damaged, pending)."""
    ids = sorted(set(photo_ids))
    have: set[int] = set()
    for chunk, marks in in_chunks(ids):
        have.update(
            row[0]
            for row in db.execute(
                f"SELECT photo_id FROM embeddings WHERE backbone = ? AND photo_id IN ({marks})",
                [backbone, *chunk],
            )
        )
    return set(ids) - have


def iter_embedded_ids(db: sqlite_utils.Database, backbone: str) -> list[int]:
    """Ids of present photos that have an embedding for `backbone`, ascending."""
    rows = db.execute(
        "SELECT e.photo_id FROM embeddings e JOIN photos p ON p.id = e.photo_id"
        " WHERE e.backbone = ? AND p.status != 'missing' ORDER BY e.photo_id",
        [backbone],
    )
    return [row[0] for row in rows]


def present_embeddings(db: sqlite_utils.Database, backbone: str) -> Iterator[tuple[int, bytes]]:
    """(photo id, vector) of every present (not missing) photo, by id, a page at a time."""
    yield from _paged(db, backbone, present_only=True)


def embeddings_generation(db: sqlite_utils.Database, backbone: str) -> int | None:
    """A tag that changes whenever a `backbone` embedding is written or deleted (migration 8);
    None if there has never been one."""
    row = db.execute(
        "SELECT generation FROM embedding_generations WHERE backbone = ?", [backbone]
    ).fetchone()
    return int(row[0]) if row else None


def snapshot_embeddings(
    db: sqlite_utils.Database, backbone: str, page: int = 4096
) -> Iterator[tuple[int | None, int, list[tuple[int, bytes]]]]:
    """Every `backbone` embedding by photo id, from ONE statement (so one consistent snapshot),
    a page of rows at a time, each with the generation tag and the row count the snapshot
    holds. The statement stays open between pages: the caller must not write to the library
    meanwhile."""
    cursor = db.conn.execute(
        "SELECT (SELECT generation FROM embedding_generations WHERE backbone = ?),"
        " (SELECT count(*) FROM embeddings WHERE backbone = ?),"
        " photo_id, vector FROM embeddings WHERE backbone = ? ORDER BY photo_id",
        [backbone, backbone, backbone],
    )
    try:
        while rows := cursor.fetchmany(page):
            yield rows[0][0], rows[0][1], [(row[2], row[3]) for row in rows]
    finally:
        cursor.close()


class EmbeddingLog(NamedTuple):
    """Where a backbone's change log (migration 15) stands."""

    tag: int  # the library's log: another library's differs
    change: int  # the last change number, 0 while none is logged
    photo_id: int  # that change's photo (0: none)
    stamp: int  # that change's random stamp (migration 16): another change under its number differs


def embedding_log(db: sqlite_utils.Database, backbone: str) -> EmbeddingLog:
    tag = db.execute("SELECT tag FROM embedding_log WHERE id = 1").fetchone()
    row = db.execute(
        "SELECT change, photo_id, stamp FROM embedding_changes WHERE backbone = ?"
        " ORDER BY change DESC LIMIT 1",
        [backbone],
    ).fetchone()
    return EmbeddingLog(int(tag[0]), *((int(v) for v in row) if row else (0, 0, 0)))


def embedding_change_of(
    db: sqlite_utils.Database, backbone: str, photo_id: int
) -> tuple[int, int] | None:
    """(change number, stamp) of the photo's last `backbone` embedding change (None: none)."""
    row = db.execute(
        "SELECT change, stamp FROM embedding_changes WHERE backbone = ? AND photo_id = ?",
        [backbone, photo_id],
    ).fetchone()
    return (int(row[0]), int(row[1])) if row else None


def embeddings_changed_since(db: sqlite_utils.Database, backbone: str, change: int) -> list[int]:
    """Ids of the photos whose `backbone` embedding was written after change number `change`."""
    rows = db.execute(
        "SELECT photo_id FROM embedding_changes WHERE backbone = ? AND change > ?",
        [backbone, change],
    )
    return [row[0] for row in rows]
