"""Face boxes per photo, and which detector version has looked at each photo."""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import sqlite_utils

from phototagger.store.connection import in_chunks, transaction
from phototagger.store.records import utc_now


@dataclass(frozen=True)
class StoredFace:
    x: float  # left edge, 0-1 of the oriented photo's width
    y: float  # top edge, 0-1 of its height
    w: float
    h: float
    confidence: float
    detector: str


def replace_faces(
    db: sqlite_utils.Database,
    photo_id: int,
    faces: Sequence[tuple[float, float, float, float, float]],
    detector: str,
    counted: int,
) -> None:
    """The photo's faces are now `faces` (x, y, w, h, confidence), as found by `detector`;
    `counted` of them are confident enough to count as people.

    Runs inside the caller's transaction, so boxes, tags and the scan mark land together.
    """
    db.conn.execute("DELETE FROM faces WHERE photo_id = ?", [photo_id])
    db.conn.executemany(
        "INSERT INTO faces (photo_id, x, y, w, h, confidence, detector) "
        "VALUES (?, ?, ?, ?, ?, ?, ?)",
        [(photo_id, *face, detector) for face in faces],
    )
    db.conn.execute(
        "INSERT INTO face_scans (photo_id, detector, faces, scanned_at) VALUES (?, ?, ?, ?) "
        "ON CONFLICT(photo_id) DO UPDATE SET detector = excluded.detector, "
        "faces = excluded.faces, scanned_at = excluded.scanned_at",
        [photo_id, detector, counted, utc_now()],
    )


def faces_of(
    db: sqlite_utils.Database, photo_id: int, min_confidence: float = 0.0
) -> list[StoredFace]:
    rows = db.execute(
        "SELECT x, y, w, h, confidence, detector FROM faces WHERE photo_id = ? "
        "AND confidence >= ? ORDER BY confidence DESC, id",
        [photo_id, min_confidence],
    )
    return [StoredFace(*row) for row in rows]


def faces_of_photos(
    db: sqlite_utils.Database, photo_ids: Sequence[int], min_confidence: float = 0.0
) -> dict[int, list[StoredFace]]:
    """faces_of for each of the photos at once (those with none absent)."""
    found: dict[int, list[StoredFace]] = {}
    for chunk, marks in in_chunks(photo_ids):
        rows = db.execute(
            "SELECT photo_id, x, y, w, h, confidence, detector FROM faces"
            f" WHERE photo_id IN ({marks}) AND confidence >= ? ORDER BY confidence DESC, id",
            [*chunk, min_confidence],
        )
        for photo_id, *row in rows:
            found.setdefault(photo_id, []).append(StoredFace(*row))
    return found


def face_confidences(db: sqlite_utils.Database) -> dict[int, list[float]]:
    """Every examined photo's face confidences, highest first (an empty list: no face)."""
    found: dict[int, list[float]] = {}
    for photo_id, confidence in db.execute(
        "SELECT s.photo_id, f.confidence FROM face_scans s "
        "LEFT JOIN faces f ON f.photo_id = s.photo_id ORDER BY s.photo_id, f.confidence DESC"
    ):
        faces = found.setdefault(photo_id, [])
        if confidence is not None:
            faces.append(confidence)
    return found


def face_counts(db: sqlite_utils.Database, photo_ids: Sequence[int]) -> dict[int, int]:
    """Faces found per photo, for the photos the detector has looked at (absent: not yet)."""
    counts: dict[int, int] = {}
    for chunk, marks in in_chunks(photo_ids):
        counts.update(
            db.execute(f"SELECT photo_id, faces FROM face_scans WHERE photo_id IN ({marks})", chunk)
        )
    return counts


def photos_to_examine(
    db: sqlite_utils.Database, detectors: Sequence[str]
) -> list[tuple[int, str, str]]:
    """(id, path, content hash) of tagged photos none of these detector versions looked at."""
    if isinstance(detectors, str):  # one version, not its characters
        detectors = [detectors]
    marks = ", ".join("?" for _ in detectors) or "NULL"
    rows = db.execute(
        "SELECT p.id, p.path, p.content_hash FROM photos p "
        "LEFT JOIN face_scans s ON s.photo_id = p.id "
        "WHERE p.status = 'tagged' AND p.content_hash IS NOT NULL "
        f"AND (s.detector IS NULL OR s.detector NOT IN ({marks})) ORDER BY p.id",
        list(detectors),
    )
    return [(int(i), str(path), str(h)) for i, path, h in rows]


def face_summaries(
    db: sqlite_utils.Database, photo_ids: Sequence[int], min_confidence: float
) -> dict[int, tuple[int, float, float]]:
    """(faces counted, the largest counted face's share of the photo's area, the best confidence
    of any face found) per photo the detector has looked at; absent: not looked at yet, or a
    clip (its one frame does not say who is in the clip)."""
    found: dict[int, tuple[int, float, float]] = {}
    for chunk, marks in in_chunks(photo_ids):
        for photo_id, counted, largest, best in db.execute(
            "SELECT s.photo_id, s.faces, "
            "MAX(CASE WHEN f.confidence >= ? THEN f.w * f.h END), MAX(f.confidence) "
            "FROM face_scans s LEFT JOIN faces f ON f.photo_id = s.photo_id "
            "LEFT JOIN media m ON m.photo_id = s.photo_id "
            f"WHERE s.photo_id IN ({marks}) AND COALESCE(m.kind, 'photo') != 'clip' "
            "GROUP BY s.photo_id",
            [min_confidence, *chunk],
        ):
            found[int(photo_id)] = (int(counted), float(largest or 0.0), float(best or 0.0))
    return found


def add_face_name(
    db: sqlite_utils.Database,
    photo_id: int,
    box: tuple[float, float, float, float],
    name: str,
    kind: str,
) -> int:
    """The user named the face at `box` (fractions of the photo as shown) `name` ("": took its
    name off where the name's tag stays, another face having it), a `kind` ("face": a person's
    name, "pet": a pet's; of a name taken off, the name's before): the row's id."""
    with transaction(db):
        cursor = db.conn.execute(
            "INSERT INTO face_names (photo_id, name, box, kind) VALUES (?, ?, ?, ?)",
            [photo_id, name, json.dumps(list(box)), kind],
        )
    return int(cursor.lastrowid or 0)


def remove_face_name(db: sqlite_utils.Database, row_id: int) -> None:
    """A naming undone (add_face_name's row `row_id` taken back)."""
    with transaction(db):
        db.conn.execute("DELETE FROM face_names WHERE id = ?", [row_id])


def face_names_of(
    db: sqlite_utils.Database, photo_id: int
) -> list[tuple[tuple[float, float, float, float], str, str]]:
    """The names the user gave the photo's faces (box, name, kind), the newest first."""
    rows = db.execute(
        "SELECT box, name, kind FROM face_names WHERE photo_id = ? ORDER BY id DESC", [photo_id]
    )
    faces = []
    for box, name, kind in rows:
        x, y, w, h = (float(v) for v in json.loads(box))
        faces.append(((x, y, w, h), str(name), str(kind)))
    return faces


def rename_face_names(
    db: sqlite_utils.Database, renamed: Callable[[str, str], tuple[str, str] | None]
) -> int:
    """Each name the user gave a face (its name, its kind) called and kinded `renamed(name,
    kind)` instead where that gives one (None: as it is), in the caller's transaction: how many
    rows changed."""
    rows = db.execute("SELECT id, name, kind FROM face_names WHERE name != ''").fetchall()
    changes = [
        (*new, row_id)
        for row_id, name, kind in rows
        if (new := renamed(str(name), str(kind))) is not None and new != (name, kind)
    ]
    db.conn.executemany("UPDATE face_names SET name = ?, kind = ? WHERE id = ?", changes)
    return len(changes)


def photos_with_face_names(db: sqlite_utils.Database, photo_ids: Sequence[int]) -> set[int]:
    """Which of the photos have a face the user named (face_names rows)."""
    found: set[int] = set()
    for chunk, marks in in_chunks(photo_ids):
        found.update(
            int(photo_id)
            for (photo_id,) in db.execute(
                f"SELECT DISTINCT photo_id FROM face_names WHERE photo_id IN ({marks})", chunk
            )
        )
    return found
