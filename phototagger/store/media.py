"""What kind of file each photo is: kind, format, a clip's length and its companion files."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass

import sqlite_utils

from phototagger.store.connection import in_chunks
from phototagger.store.photos import _FOUND_UNREAD, _UNREAD


@dataclass(frozen=True, slots=True)
class MediaRow:
    kind: str  # photo | raw | clip
    format: str | None  # None until the photo is decoded (only its companions known yet)
    duration: float | None
    companions: tuple[str, ...]  # names of files beside it that belong to it


def put_media(
    db: sqlite_utils.Database, rows: Sequence[tuple[int, str, str | None, float | None]]
) -> None:
    """Record (photo id, kind, format, duration) after a decode; companions are kept."""
    db.conn.executemany(
        "INSERT INTO media (photo_id, kind, format, duration) VALUES (?, ?, ?, ?)"
        " ON CONFLICT (photo_id) DO UPDATE SET kind = excluded.kind,"
        " format = excluded.format, duration = excluded.duration",
        list(rows),
    )


def set_companions(db: sqlite_utils.Database, photo_id: int, names: Sequence[str]) -> None:
    """The files found beside a photo that belong to it (its RAW twin, its live clip)."""
    value = json.dumps(sorted(names), ensure_ascii=False) if names else None
    db.execute(
        "INSERT INTO media (photo_id, companions) VALUES (?, ?)"
        " ON CONFLICT (photo_id) DO UPDATE SET companions = excluded.companions",
        [photo_id, value],
    )


def paired_photo_ids(db: sqlite_utils.Database) -> set[int]:
    """The photos that have companions recorded."""
    rows = db.execute("SELECT photo_id FROM media WHERE companions IS NOT NULL")
    return {row[0] for row in rows}


def media_of(db: sqlite_utils.Database, photo_ids: Sequence[int]) -> dict[int, MediaRow]:
    """The media rows of these photos; photos never decoded since the table existed are absent."""
    found: dict[int, MediaRow] = {}
    for chunk, marks in in_chunks(photo_ids):
        rows = db.execute(
            "SELECT photo_id, kind, format, duration, companions FROM media"
            f" WHERE photo_id IN ({marks})",
            chunk,
        )
        for photo_id, kind, fmt, duration, companions in rows:
            names = tuple(json.loads(companions)) if companions else ()
            found[photo_id] = MediaRow(kind, fmt, duration, names)
    return found


def kinds_and_formats(db: sqlite_utils.Database) -> list[tuple[str, str | None, str | None]]:
    """(file name, kind, format) of every photo that is not missing; kind/format may be None.
    Files never read that hold nothing of the user's are no photos: left out, as are those a
    scan found and has not read yet (counted apart, as `stats` counts its photos)."""
    rows = db.execute(
        "SELECT photos.name, m.kind, m.format FROM photos"
        " LEFT JOIN media m ON m.photo_id = photos.id"
        f" WHERE photos.status != 'missing' AND NOT ({_UNREAD}) AND NOT ({_FOUND_UNREAD})"
    )
    return [(name, kind, fmt) for name, kind, fmt in rows]


def owner_of_companion(db: sqlite_utils.Database, folder: str, name: str) -> int | None:
    """The photo in `folder` that has the file `name` as its companion (a RAW twin, a live
    clip), if any: the pair is one photo, so its RAW's path names it too."""
    row = db.execute(
        "SELECT p.id FROM photos p JOIN media m ON m.photo_id = p.id, json_each(m.companions) c"
        " WHERE p.folder = ? AND m.companions IS NOT NULL AND c.value = ? ORDER BY p.id LIMIT 1",
        [folder, name],
    ).fetchone()
    return int(row[0]) if row else None
