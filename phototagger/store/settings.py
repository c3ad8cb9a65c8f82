"""Small user preferences, stored as JSON so they keep their types."""

from __future__ import annotations

import json
from typing import Any

import sqlite_utils


def get_setting(db: sqlite_utils.Database, key: str, default: Any = None) -> Any:
    """The stored value of `key`, or `default` if it was never set."""
    row = db.execute("SELECT value FROM settings WHERE key = ?", [key]).fetchone()
    return json.loads(row[0]) if row else default


def set_setting(db: sqlite_utils.Database, key: str, value: Any) -> None:
    """Store `value` (anything json can encode) under `key`."""
    db.execute(
        "INSERT INTO settings (key, value) VALUES (?, ?)"
        " ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        [key, json.dumps(value, ensure_ascii=False)],
    )


def delete_setting(db: sqlite_utils.Database, key: str) -> None:
    db.execute("DELETE FROM settings WHERE key = ?", [key])
