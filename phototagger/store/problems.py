"""Files that could not be read or tagged, kept so the user can see and retry them."""

from __future__ import annotations

import sqlite_utils

from phototagger.store.records import Problem, utc_now


def record_problem(db: sqlite_utils.Database, path: str, code: str, message: str) -> None:
    """Note a problem with `path`; a repeat replaces code and message and bumps the count."""
    now = utc_now()
    db.execute(
        "INSERT INTO problems (path, code, message, first_seen, last_seen, count)"
        " VALUES (?, ?, ?, ?, ?, 1) ON CONFLICT (path) DO UPDATE SET code = excluded.code,"
        " message = excluded.message, last_seen = excluded.last_seen, count = count + 1",
        [path, code, message, now, now],
    )


def clear_problem(db: sqlite_utils.Database, path: str) -> None:
    db.execute("DELETE FROM problems WHERE path = ?", [path])


def list_problems(db: sqlite_utils.Database) -> list[Problem]:
    rows = db.execute(
        "SELECT path, code, message, first_seen, last_seen, count FROM problems ORDER BY path"
    )
    return [Problem(*row) for row in rows]


def problem_count(db: sqlite_utils.Database) -> int:
    return int(db.execute("SELECT count(*) FROM problems").fetchone()[0])
