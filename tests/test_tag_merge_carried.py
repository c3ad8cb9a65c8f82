"""A merge of two tags (migration 13's merge of a name's two Unicode spellings, or Merge in the
tag tree) keeps the note of where a Find Duplicates decision was carried from: deleting the
merged tag took its carried_decisions rows with it (ON DELETE CASCADE), so the trashed copy's
return no longer took the carried decision off the kept copy, nor did the details panel say
where it came from."""

from __future__ import annotations

import sqlite3
import unicodedata
from pathlib import Path

from phototagger.store import migrations
from phototagger.store.carried import carried_onto, take_back_carried
from phototagger.store.connection import open_database
from tests.store_helpers import library_at_version, tag_states

COMPOSED = unicodedata.normalize("NFC", "Été")
DECOMPOSED = unicodedata.normalize("NFD", "Été")


def test_migration_13_keeps_decisions_carried_onto_the_decomposed_tag(tmp_path: Path) -> None:
    path = tmp_path / "library.db"
    library_at_version(path, 12).close()
    conn = sqlite3.connect(str(path))
    conn.execute(
        "INSERT INTO photos (id, path, folder, name, status) VALUES"
        " (1, '/p/1.jpg', '/p', '1.jpg', 'tagged'), (2, '/p/2.jpg', '/p', '2.jpg', 'missing')"
    )
    conn.execute(
        "INSERT INTO tags (id, name, origin) VALUES (1, ?, 'user'), (2, ?, 'user')",
        [DECOMPOSED, COMPOSED],
    )
    # Find Duplicates carried the user's 'Été' (read decomposed from a file) from copy 2 onto 1.
    conn.execute(
        "INSERT INTO photo_tags (photo_id, tag_id, state, decided_at)"
        " VALUES (1, 1, 'added', '2026-01-01')"
    )
    conn.execute(
        "INSERT INTO carried_decisions (photo_id, tag_id, state, from_photo_id, from_path,"
        " had_suggestion, carried_at) VALUES (1, 1, 'added', 2, '/p/2.jpg', 0, '2026-01-02')"
    )
    conn.commit()
    conn.close()
    db = open_database(path)
    try:
        assert migrations.user_version(db) == migrations.LATEST_VERSION
        assert carried_onto(db, 1) == {COMPOSED: "/p/2.jpg"}
        # Copy 2 comes back (undo): the decision carried from it goes off copy 1 again.
        assert take_back_carried(db, [2]) == 1
        assert tag_states(db, 1) == {}
    finally:
        db.close()
