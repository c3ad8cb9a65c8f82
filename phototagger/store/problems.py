"""Files that could not be read or tagged, kept so the user can see and retry them."""

from __future__ import annotations

from collections.abc import Set

import sqlite_utils

from phototagger.store.photos import _UNREAD, _path_range
from phototagger.store.records import Problem, utc_now


def record_problem(
    db: sqlite_utils.Database, path: str, code: str, message: str, file_mode: int | None = None
) -> None:
    """Note a problem with `path` (and the file's mode then, if known); a repeat replaces code,
    message and mode and bumps the count."""
    now = utc_now()
    db.execute(
        "INSERT INTO problems (path, code, message, first_seen, last_seen, count, file_mode)"
        " VALUES (?, ?, ?, ?, ?, 1, ?) ON CONFLICT (path) DO UPDATE SET code = excluded.code,"
        " message = excluded.message, last_seen = excluded.last_seen, count = count + 1,"
        " file_mode = excluded.file_mode",
        [path, code, message, now, now, file_mode],
    )


def problem_file_mode(db: sqlite_utils.Database, path: str) -> int | None:
    """The file's mode when its problem was recorded (None if unknown or no problem)."""
    row = db.execute("SELECT file_mode FROM problems WHERE path = ?", [path]).fetchone()
    return None if row is None else row[0]


def clear_problem(db: sqlite_utils.Database, path: str, code: str | None = None) -> None:
    """Forget the problem of `path` (only if it is of `code`, when given)."""
    if code is None:
        db.execute("DELETE FROM problems WHERE path = ?", [path])
    else:
        db.execute("DELETE FROM problems WHERE path = ? AND code = ?", [path, code])


def clear_problems_under(
    db: sqlite_utils.Database, folder: str, keep: Set[str] = frozenset()
) -> int:
    """Forget the problems of `folder` and of every path below it, except those in `keep`;
    returns how many were forgotten."""
    lo, hi = _path_range(folder)
    rows = db.execute(
        "SELECT path FROM problems WHERE path = ? OR (path >= ? AND path < ?)", [folder, lo, hi]
    ).fetchall()
    over = [(path,) for (path,) in rows if path not in keep]
    db.conn.executemany("DELETE FROM problems WHERE path = ?", over)
    return len(over)


def paths_with_code(db: sqlite_utils.Database, code: str) -> set[str]:
    """The listed paths whose problem is of `code`."""
    return {path for (path,) in db.execute("SELECT path FROM problems WHERE code = ?", [code])}


def list_problems(db: sqlite_utils.Database) -> list[Problem]:
    rows = db.execute(
        "SELECT path, code, message, first_seen, last_seen, count FROM problems ORDER BY path"
    )
    return [Problem(*row) for row in rows]


def get_problem(db: sqlite_utils.Database, path: str) -> Problem | None:
    row = db.execute(
        "SELECT path, code, message, first_seen, last_seen, count FROM problems WHERE path = ?",
        [path],
    ).fetchone()
    return None if row is None else Problem(*row)


def problem_count(db: sqlite_utils.Database) -> int:
    return int(db.execute("SELECT count(*) FROM problems").fetchone()[0])


def problems_of_photos(db: sqlite_utils.Database) -> int:
    """How many of the problems are of the library's photos (a keyword that could not be read
    or written, a photo damaged since it was read); the others are of files that are no photos."""
    row = db.execute(
        "SELECT count(*) FROM problems pr JOIN photos ON photos.path = pr.path"
        f" WHERE NOT ({_UNREAD})"
    ).fetchone()
    return int(row[0])


def paths_of_no_photo(db: sqlite_utils.Database) -> set[str]:
    """The listed paths the library holds no photo at (a link that loops, a folder that could
    not be opened, a copy a keyword write left behind): nothing of them is in the grid."""
    rows = db.execute(
        "SELECT pr.path FROM problems pr LEFT JOIN photos ON photos.path = pr.path"
        " WHERE photos.id IS NULL"
    )
    return {path for (path,) in rows}
