"""The schema as numbered migrations, tracked with PRAGMA user_version.

Migration N brings a database from user_version N-1 to N. Never edit a released migration:
append a new one, so every library in the wild reaches the same schema.
"""

from __future__ import annotations

import errno
import json
import os
import sqlite3
import time
from collections.abc import Callable
from pathlib import Path
from typing import Protocol

import sqlite_utils

from phototagger.durable import naming, replace_durably
from phototagger.store.name_order import natural_key
from phototagger.store.records import utc_now
from phototagger.store.settings import get_setting, set_setting
from phototagger.store.tag_merge import SAME_TAG_RANK, move_tag_rows
from phototagger.tag_names import (
    GROUP_MARK,
    LITERAL_SLASH,
    apart_from_detector,
    name_key,
    normal_name,
)

# A migration's step: a statement, or Python for what SQL cannot compute (run on the migration's
# connection, inside its transaction).
Step = str | Callable[[sqlite3.Connection], None]

_V1_SCHEMA = (
    """CREATE TABLE folders (
        id INTEGER PRIMARY KEY,
        path TEXT UNIQUE NOT NULL,
        added_at TEXT
    )""",
    """CREATE TABLE photos (
        id INTEGER PRIMARY KEY,
        path TEXT UNIQUE NOT NULL,
        folder TEXT NOT NULL,
        name TEXT NOT NULL,
        size INTEGER,
        mtime REAL,
        content_hash TEXT,
        width INTEGER,
        height INTEGER,
        taken_at TEXT,
        orientation INTEGER,
        status TEXT NOT NULL,
        model_version TEXT,
        added_at TEXT,
        updated_at TEXT
    )""",
    "CREATE INDEX photos_content_hash ON photos(content_hash)",
    "CREATE INDEX photos_status ON photos(status)",
    "CREATE INDEX photos_folder ON photos(folder)",
    "CREATE INDEX photos_taken_at ON photos(taken_at)",
    "CREATE INDEX photos_name ON photos(name)",
    """CREATE TABLE tags (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL UNIQUE COLLATE NOCASE,
        origin TEXT NOT NULL,
        created_at TEXT
    )""",
    # state NULL: a model suggestion, kept only while the model suggests it;
    # 'added' | 'accepted' | 'rejected': a user decision, which a model run never overrides.
    """CREATE TABLE photo_tags (
        photo_id INTEGER NOT NULL REFERENCES photos(id) ON DELETE CASCADE,
        tag_id INTEGER NOT NULL REFERENCES tags(id) ON DELETE CASCADE,
        confidence REAL,
        model_version TEXT,
        state TEXT,
        decided_at TEXT,
        PRIMARY KEY (photo_id, tag_id)
    ) WITHOUT ROWID""",
    "CREATE INDEX photo_tags_tag ON photo_tags(tag_id, photo_id)",
    """CREATE TABLE embeddings (
        photo_id INTEGER NOT NULL REFERENCES photos(id) ON DELETE CASCADE,
        backbone TEXT NOT NULL,
        vector BLOB NOT NULL,
        PRIMARY KEY (photo_id, backbone)
    ) WITHOUT ROWID""",
    """CREATE TABLE problems (
        id INTEGER PRIMARY KEY,
        path TEXT NOT NULL UNIQUE,
        code TEXT NOT NULL,
        message TEXT NOT NULL,
        first_seen TEXT,
        last_seen TEXT,
        count INTEGER
    )""",
    """CREATE TABLE settings (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
    )""",
)

# Covering indexes for the queries that must stay fast on 100,000 photos and 1,000,000
# photo_tags rows, measured with benchmarks/store_search.py: each answers its query from the
# index alone, instead of visiting table rows in random order (6x slower for the grid).
_V2_COVERING_INDEXES = (
    # search(): state tells whether the photo has the tag without a lookup in the table.
    "CREATE INDEX photo_tags_tag_state ON photo_tags(tag_id, photo_id, state)",
    "DROP INDEX photo_tags_tag",
    # photo_ids_sorted(): each matches one grid ORDER BY and carries status for its WHERE.
    "CREATE INDEX photos_grid_taken ON photos(taken_at IS NULL, taken_at, name, id, status)",
    "CREATE INDEX photos_grid_name ON photos(name, id, status)",
    "DROP INDEX photos_name",
    "CREATE INDEX photos_grid_folder ON photos(folder, name, id, status)",
    "DROP INDEX photos_folder",
)

# Keywords in the files (issue 13): what a photo's file and sidecar said when last read (so a
# sidecar edited in digiKam is noticed and only its changes are taken), its rating and labels,
# and every keyword value phototagger itself wrote (only those may ever be removed again).
_V3_FILE_METADATA = (
    """CREATE TABLE IF NOT EXISTS photo_file_metadata (
        photo_id INTEGER PRIMARY KEY REFERENCES photos(id) ON DELETE CASCADE,
        rating INTEGER,
        pick TEXT,
        color TEXT,
        photo_size INTEGER,
        photo_mtime REAL,
        sidecar_path TEXT,
        sidecar_size INTEGER,
        sidecar_mtime REAL,
        sidecar_sha1 TEXT,
        keywords TEXT NOT NULL DEFAULT '[]',
        read_at TEXT
    )""",
    """CREATE TABLE IF NOT EXISTS written_keywords (
        photo_id INTEGER NOT NULL REFERENCES photos(id) ON DELETE CASCADE,
        target TEXT NOT NULL,
        field TEXT NOT NULL,
        value TEXT NOT NULL,
        written_at TEXT,
        PRIMARY KEY (photo_id, target, field, value)
    ) WITHOUT ROWID""",
)

# What kind of file each photo is (photo, RAW, clip), its format, a clip's length, and the files
# that belong to it (a RAW twin, a live photo's clip), for the grid badge, stats and export.
_V4_MEDIA = (
    """CREATE TABLE IF NOT EXISTS media (
        photo_id INTEGER PRIMARY KEY REFERENCES photos(id) ON DELETE CASCADE,
        kind TEXT NOT NULL DEFAULT 'photo',
        format TEXT,
        duration REAL,
        companions TEXT
    )""",
)

# Faces found by the people detector (issue 12): boxes relative to the oriented photo, the
# detector version that found them, and per photo which detector version has looked at it, so
# the background job resumes where it stopped and a new detector version re-examines the library.
_V5_FACES = (
    """CREATE TABLE IF NOT EXISTS faces (
        id INTEGER PRIMARY KEY,
        photo_id INTEGER NOT NULL REFERENCES photos(id) ON DELETE CASCADE,
        x REAL NOT NULL,
        y REAL NOT NULL,
        w REAL NOT NULL,
        h REAL NOT NULL,
        confidence REAL NOT NULL,
        detector TEXT NOT NULL
    )""",
    "CREATE INDEX IF NOT EXISTS faces_photo ON faces(photo_id)",
    """CREATE TABLE IF NOT EXISTS face_scans (
        photo_id INTEGER PRIMARY KEY REFERENCES photos(id) ON DELETE CASCADE,
        detector TEXT NOT NULL,
        faces INTEGER NOT NULL,
        scanned_at TEXT
    )""",
)


# The default head's tag scores per photo, so re-tagging need not redo the 1000-class softmax
# (a third of its time) nor, for the default head, read the embeddings at all. The triggers drop
# a photo's cached scores whenever one of its embeddings is written, whoever writes it, so a
# cached row is always that of the current embedding.
_V6_SCORE_CACHE = (
    """CREATE TABLE IF NOT EXISTS score_cache (
        photo_id INTEGER NOT NULL REFERENCES photos(id) ON DELETE CASCADE,
        head TEXT NOT NULL,
        scores BLOB NOT NULL,
        PRIMARY KEY (photo_id, head)
    ) WITHOUT ROWID""",
    """CREATE TRIGGER IF NOT EXISTS score_cache_on_new_embedding AFTER INSERT ON embeddings
    BEGIN DELETE FROM score_cache WHERE photo_id = NEW.photo_id; END""",
    """CREATE TRIGGER IF NOT EXISTS score_cache_on_changed_embedding
    AFTER UPDATE OF vector ON embeddings
    BEGIN DELETE FROM score_cache WHERE photo_id = NEW.photo_id; END""",
)

# The mode of a file when it failed: a problem is retried once its size, mtime or mode changes
# (a permission fixed with chmod changes only the mode).
_V7_PROBLEM_FILE_MODE = ("ALTER TABLE problems ADD COLUMN file_mode INTEGER",)

# A random tag per backbone that changes with every embedding written, replaced or deleted: a
# copy of the embeddings made under one tag (core/embedding_matrix.py) is current while the tag
# is. Random rather than a counter, so a restored backup never matches a newer copy by chance.
_V8_EMBEDDING_GENERATIONS = (
    """CREATE TABLE IF NOT EXISTS embedding_generations (
        backbone TEXT PRIMARY KEY,
        generation INTEGER NOT NULL
    )""",
    """INSERT OR IGNORE INTO embedding_generations (backbone, generation)
    SELECT DISTINCT backbone, random() FROM embeddings""",
    """CREATE TRIGGER IF NOT EXISTS embedding_generation_on_insert AFTER INSERT ON embeddings
    BEGIN INSERT INTO embedding_generations (backbone, generation) VALUES (NEW.backbone, random())
    ON CONFLICT (backbone) DO UPDATE SET generation = excluded.generation; END""",
    """CREATE TRIGGER IF NOT EXISTS embedding_generation_on_update AFTER UPDATE ON embeddings
    BEGIN INSERT INTO embedding_generations (backbone, generation) VALUES (NEW.backbone, random())
    ON CONFLICT (backbone) DO UPDATE SET generation = excluded.generation; END""",
    """CREATE TRIGGER IF NOT EXISTS embedding_generation_on_delete AFTER DELETE ON embeddings
    BEGIN INSERT INTO embedding_generations (backbone, generation) VALUES (OLD.backbone, random())
    ON CONFLICT (backbone) DO UPDATE SET generation = excluded.generation; END""",
)

# A random tag that changes whenever the set of present photos or a grid order can change (a
# photo added, deleted, gone missing or back, renamed, moved, re-dated). The grid's reader keeps
# the whole library's order while it is unchanged, so a commit that only labels photos costs no
# re-read of 100,000 ids. Random, like v8, so a restored backup never matches by chance.
_V9_PHOTO_GENERATION = (
    """CREATE TABLE IF NOT EXISTS photo_generation (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        generation INTEGER NOT NULL
    )""",
    "INSERT OR IGNORE INTO photo_generation (id, generation) VALUES (1, random())",
    """CREATE TRIGGER IF NOT EXISTS photo_generation_on_insert AFTER INSERT ON photos
    BEGIN UPDATE photo_generation SET generation = random() WHERE id = 1; END""",
    """CREATE TRIGGER IF NOT EXISTS photo_generation_on_delete AFTER DELETE ON photos
    BEGIN UPDATE photo_generation SET generation = random() WHERE id = 1; END""",
    """CREATE TRIGGER IF NOT EXISTS photo_generation_on_update
    AFTER UPDATE OF id, folder, name, taken_at, status ON photos
    WHEN NEW.id IS NOT OLD.id OR NEW.folder IS NOT OLD.folder OR NEW.name IS NOT OLD.name
        OR NEW.taken_at IS NOT OLD.taken_at
        OR (NEW.status = 'missing') IS NOT (OLD.status = 'missing')
    BEGIN UPDATE photo_generation SET generation = random() WHERE id = 1; END""",
)


def _fill_name_sort(conn: sqlite3.Connection) -> None:
    rows = conn.execute("SELECT id, name FROM photos").fetchall()
    conn.executemany(
        "UPDATE photos SET name_sort = ? WHERE id = ?", [(natural_key(n), i) for i, n in rows]
    )


# The grid's name order as file managers and digiKam sort (store/name_order.py): 'IMG_2' before
# 'IMG_10', 'img_b' before 'IMG_Z'. The key is computed in Python (SQLite has no such collation)
# and kept beside the name; each grid index sorts by it, then by the name, so the grid is still
# read in index order. A photo's name changes only through store.photos, which keeps it.
_V10_NATURAL_NAME_ORDER: tuple[Step, ...] = (
    "ALTER TABLE photos ADD COLUMN name_sort TEXT",
    _fill_name_sort,
    "DROP INDEX IF EXISTS photos_grid_taken",
    "DROP INDEX IF EXISTS photos_grid_name",
    "DROP INDEX IF EXISTS photos_grid_folder",
    """CREATE INDEX photos_grid_taken
    ON photos(taken_at IS NULL, taken_at, name_sort, name, id, status)""",
    "CREATE INDEX photos_grid_name ON photos(name_sort, name, id, status)",
    "CREATE INDEX photos_grid_folder ON photos(folder, name_sort, name, id, status)",
)

# Find Duplicates carries the user's decisions from a copy moved to the trash onto the copy kept
# (store/carried.py): which copy each came from, and whether the kept copy had the model's
# suggestion before, so that the copy's return (undo) takes exactly those decisions off again.
_V11_CARRIED_DECISIONS = (
    """CREATE TABLE IF NOT EXISTS carried_decisions (
        photo_id INTEGER NOT NULL REFERENCES photos(id) ON DELETE CASCADE,
        tag_id INTEGER NOT NULL REFERENCES tags(id) ON DELETE CASCADE,
        state TEXT NOT NULL,
        from_photo_id INTEGER NOT NULL,
        from_path TEXT NOT NULL,
        had_suggestion INTEGER NOT NULL,
        carried_at TEXT,
        PRIMARY KEY (photo_id, tag_id)
    ) WITHOUT ROWID""",
    "CREATE INDEX IF NOT EXISTS carried_decisions_from ON carried_decisions(from_photo_id)",
)

# Which runtime and precision made each embedding ("OpenVINO 2026.4.1 bf16"), beside it: a count
# per scan added a photo embedded again (damaged, then fixed) twice, and kept counting photos gone
# to the trash. NULL: made before this was kept (core/embedding_sources.py).
_V12_EMBEDDING_SOURCE = ("ALTER TABLE embeddings ADD COLUMN source TEXT",)


def _compose_tag_names(conn: sqlite3.Connection) -> None:
    db = sqlite_utils.Database(conn, recursive_triggers=False)
    # The user's per-tag thresholds (core/model/active.py) follow: the composed name's own wins.
    overrides = get_setting(db, "thresholds", {})
    if isinstance(overrides, dict) and any(k != normal_name(k) for k in overrides):
        composed = {k: v for k, v in overrides.items() if k == normal_name(k)}
        for k, v in overrides.items():
            composed.setdefault(normal_name(k), v)
        set_setting(db, "thresholds", composed)
    spellings: dict[str, list[tuple[int, str]]] = {}
    for tid, name in conn.execute("SELECT id, name FROM tags ORDER BY id"):
        spellings.setdefault(name_key(name), []).append((tid, name))
    for rows in spellings.values():
        if all(name == normal_name(name) for _, name in rows):
            continue
        # The composed spelling stays (the one typed in the app), else the oldest.
        dest_id, dest_name = next((r for r in rows if r[1] == normal_name(r[1])), rows[0])
        for tid, _ in rows:
            if tid != dest_id:
                move_tag_rows(conn, tid, dest_id, SAME_TAG_RANK)
        conn.execute("UPDATE tags SET name = ? WHERE id = ?", [normal_name(dest_name), dest_id])


# Tag names in Unicode's composed form (tag_names.normal_name): 'Été' typed in the app and 'Été'
# read decomposed from a file a Mac wrote were two tags that look the same, splitting filters,
# counts and the tag tree. Tags spelled both ways are merged, every photo's decisions kept
# (store.tag_merge.SAME_TAG_RANK where the two disagree on a photo).
_V13_COMPOSED_TAG_NAMES: tuple[Step, ...] = (_compose_tag_names,)

# The face detector's tags when migration 14 was written (models/people.json; a test holds them
# equal): frozen here, as a migration's meaning must not change with a later rules file.
_DETECTOR_TAGS_V14 = frozenset({"people", "portrait", "group"})


def _trees_apart_from_detector(conn: sqlite3.Connection) -> None:
    db = sqlite_utils.Database(conn, recursive_triggers=False)
    now = utc_now()
    changes = list(get_setting(db, "tag_changes", []) or [])  # core.tag_admin.TAG_CHANGES
    saved = get_setting(db, "thresholds", {})
    # One that is not a mapping is left as it is: the app ignores it (threshold_overrides), and
    # an upgrade that raised on it would leave the library unopenable.
    overrides = dict(saved) if isinstance(saved, dict) else None
    for tid, name in conn.execute("SELECT id, name FROM tags ORDER BY id").fetchall():
        target = apart_from_detector(name, _DETECTOR_TAGS_V14)
        if target == name:
            continue
        dest = conn.execute("SELECT id, name FROM tags WHERE name = ?", [target]).fetchone()
        if dest is None:
            conn.execute("UPDATE tags SET name = ? WHERE id = ?", [target, tid])
        else:  # the tree read from a file since 4a7bc09 ('People (keywords)/Bob') is there
            move_tag_rows(conn, tid, dest[0], SAME_TAG_RANK)
            target = dest[1]
        # Logged as a rename is (core/tag_admin.py): a saved model's column for the tag follows
        # it, and so does an open window's undo history; the user's threshold for it too.
        changes.append({"at": now, "from": name, "to": target})
        if overrides is not None and name in overrides:
            overrides.setdefault(target, overrides.pop(name))
    if changes:
        set_setting(db, "tag_changes", changes)
    if overrides is not None and overrides != saved:
        set_setting(db, "thresholds", overrides)
    rows = conn.execute("SELECT photo_id, keywords FROM photo_file_metadata").fetchall()
    for photo_id, stored in rows:
        before = [str(k) for k in json.loads(stored)]
        after = [apart_from_detector(k, _DETECTOR_TAGS_V14) for k in before]
        parents = {name_key(k.split("/")[0].removesuffix(GROUP_MARK)) for k in after if "/" in k}
        for i, keyword in enumerate(before):
            key = name_key(keyword)
            if key in _DETECTOR_TAGS_V14 and key in parents:
                if not _written_for_detector(conn, photo_id, keyword):
                    after[i] = _parent_apart(conn, photo_id, keyword, now)
        if after != before:
            conn.execute(
                "UPDATE photo_file_metadata SET keywords = ? WHERE photo_id = ?",
                [json.dumps(after, ensure_ascii=False), photo_id],
            )


def _written_for_detector(conn: sqlite3.Connection, photo_id: int, keyword: str) -> bool:
    """Whether phototagger wrote the lone keyword into the file's TagsList for the detector's
    tag, which the photo has (core/metadata/sync.library_names reads it back so)."""
    written = conn.execute(
        "SELECT 1 FROM written_keywords WHERE photo_id = ? AND field = 'Xmp.digiKam.TagsList'"
        " AND value = ? COLLATE NOCASE",
        [photo_id, keyword],
    ).fetchone()
    held = conn.execute(
        "SELECT 1 FROM photo_tags pt JOIN tags t ON t.id = pt.tag_id WHERE pt.photo_id = ?"
        " AND t.name = ? AND pt.state IN ('added', 'accepted', 'file')",
        [photo_id, keyword],
    ).fetchone()
    return written is not None and held is not None


def _parent_apart(conn: sqlite3.Connection, photo_id: int, keyword: str, now: str) -> str:
    """A file's lone `People` beside `People/Anna` (digiKam lists the parent) was read as the
    detector's tag: its 'file' row moves to the tree's parent, `People (keywords)`, and the
    detector's score on the photo, if it had one, stays a suggestion. The name the file record
    keeps for the keyword."""
    group = keyword + GROUP_MARK
    conn.execute(
        "INSERT INTO tags (name, origin, created_at) VALUES (?, 'user', ?) ON CONFLICT DO NOTHING",
        [group, now],
    )
    group_id, group = conn.execute("SELECT id, name FROM tags WHERE name = ?", [group]).fetchone()
    # The file's keyword is the photo's, as reading the file now makes it.
    conn.execute(
        "INSERT INTO photo_tags (photo_id, tag_id, state, decided_at) VALUES (?, ?, 'file', ?)"
        " ON CONFLICT DO NOTHING",
        [photo_id, group_id, now],
    )
    found = conn.execute(
        "SELECT t.id, pt.confidence FROM photo_tags pt JOIN tags t ON t.id = pt.tag_id"
        " WHERE pt.photo_id = ? AND t.name = ? AND pt.state = 'file'",
        [photo_id, keyword],
    ).fetchone()
    if found is not None:  # the detector's tag 'from the file's keywords': it was not
        detector_id, confidence = found
        if confidence is None:
            conn.execute(
                "DELETE FROM photo_tags WHERE photo_id = ? AND tag_id = ?", [photo_id, detector_id]
            )
        else:
            conn.execute(
                "UPDATE photo_tags SET state = NULL, decided_at = NULL"
                " WHERE photo_id = ? AND tag_id = ?",
                [photo_id, detector_id],
            )
    return str(group)


# A user's keyword tree under a top level named as a detector tag ('People/Anna' read from a file
# before 4a7bc09, or 'People/Carl' typed) sat under the detector's 'people', so a later
# 'People|Bob' read as 'People (keywords)/Bob' split the tree in two. Every such tag moves under
# 'People (keywords)' (merged into one already there, every photo's decisions kept:
# store.tag_merge.SAME_TAG_RANK), logged as a rename; the keywords each file was last read with
# follow, and a lone 'People' a file listed beside its tree is that tree's parent, not the
# detector's tag.
_V14_TREES_APART_FROM_DETECTOR: tuple[Step, ...] = (_trees_apart_from_detector,)

# Which embeddings changed, in order: a row per photo and backbone, its `change` one more than
# the backbone's last whenever its vector is written or deleted. Find Similar's kept ranking
# (core/similar.py) notes the last change it holds, and after a scan re-reads only the photos
# changed since, where the generation of v8 says only that some embedding changed. A photo whose
# embeddings predate this migration has no row (a ranking kept since holds them already). The
# log's random tag tells this library's log from another's (a kept file copied beside it).
_V15_EMBEDDING_CHANGES = (
    """CREATE TABLE IF NOT EXISTS embedding_log (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        tag INTEGER NOT NULL
    )""",
    "INSERT OR IGNORE INTO embedding_log (id, tag) VALUES (1, random())",
    """CREATE TABLE IF NOT EXISTS embedding_changes (
        backbone TEXT NOT NULL,
        photo_id INTEGER NOT NULL,
        change INTEGER NOT NULL,
        PRIMARY KEY (backbone, photo_id)
    ) WITHOUT ROWID""",
    "CREATE INDEX IF NOT EXISTS embedding_changes_order ON embedding_changes(backbone, change)",
    """CREATE TRIGGER IF NOT EXISTS embedding_change_on_insert AFTER INSERT ON embeddings
    BEGIN INSERT INTO embedding_changes (backbone, photo_id, change) VALUES (NEW.backbone,
        NEW.photo_id, (SELECT coalesce(max(change), 0) + 1 FROM embedding_changes
        WHERE backbone = NEW.backbone))
    ON CONFLICT (backbone, photo_id) DO UPDATE SET change = excluded.change; END""",
    """CREATE TRIGGER IF NOT EXISTS embedding_change_on_update AFTER UPDATE OF vector ON embeddings
    BEGIN INSERT INTO embedding_changes (backbone, photo_id, change) VALUES (NEW.backbone,
        NEW.photo_id, (SELECT coalesce(max(change), 0) + 1 FROM embedding_changes
        WHERE backbone = NEW.backbone))
    ON CONFLICT (backbone, photo_id) DO UPDATE SET change = excluded.change; END""",
    """CREATE TRIGGER IF NOT EXISTS embedding_change_on_delete AFTER DELETE ON embeddings
    BEGIN INSERT INTO embedding_changes (backbone, photo_id, change) VALUES (OLD.backbone,
        OLD.photo_id, (SELECT coalesce(max(change), 0) + 1 FROM embedding_changes
        WHERE backbone = OLD.backbone))
    ON CONFLICT (backbone, photo_id) DO UPDATE SET change = excluded.change; END""",
)


def _v16_trigger(event: str, row: str, when: str = "") -> str:
    return f"""CREATE TRIGGER IF NOT EXISTS embedding_change_on_{event.split()[0].lower()}
    AFTER {event} ON embeddings{when}
    BEGIN INSERT INTO embedding_changes (backbone, photo_id, change, stamp) VALUES ({row}.backbone,
        {row}.photo_id, (SELECT coalesce(max(change), 0) + 1 FROM embedding_changes
        WHERE backbone = {row}.backbone), random())
    ON CONFLICT (backbone, photo_id) DO UPDATE SET change = excluded.change,
        stamp = excluded.stamp; END"""


# A random stamp with each change of v15's log. A library restored from a backup and changed as
# much again reaches the same change numbers, on the same photo even (a scan finds the photos
# lost with the restore again, in the same order): the number alone would pass a kept ranking
# that holds what the embeddings were before the restore as current. Its last change's stamp
# tells that change from another under the same number (core/similar.py).
_V16_EMBEDDING_CHANGE_STAMPS = (
    "ALTER TABLE embedding_changes ADD COLUMN stamp INTEGER NOT NULL DEFAULT 0",
    "DROP TRIGGER IF EXISTS embedding_change_on_insert",
    "DROP TRIGGER IF EXISTS embedding_change_on_update",
    "DROP TRIGGER IF EXISTS embedding_change_on_delete",
    _v16_trigger("INSERT", "NEW"),
    _v16_trigger("UPDATE OF vector", "NEW"),
    _v16_trigger("DELETE", "OLD"),
)

# A keyword with a slash inside it ('AC/DC' in dc:subject or IPTC, one level of Lightroom's
# hierarchicalSubject) was read as a tree AC > DC, and written back so into digiKam's TagsList.
# The library cannot tell such a tag from a real tree without the photo's files: the photos whose
# keywords as read hold a '/' are marked to be read again (the photo's mtime as read cleared), so
# the next scan reads them; core/metadata/sync.py then moves each photo's decisions from the tree
# onto the keyword (tag_names.LITERAL_SLASH), and renames a tree left on no photo into it.
_V17_SLASHED_KEYWORDS_READ_AGAIN: tuple[Step, ...] = (
    "UPDATE photo_file_metadata SET photo_mtime = NULL WHERE instr(keywords, '/') > 0",
)

# Read again for the same reason, as the keyword step now reads two more spellings apart: a
# backslash in digiKam's TagsList is the backslash it is unless the file spells that keyword with
# a slash elsewhere (digiKam's own 'Music/AC\\DC', read before as AC/DC: held with U+2215), and
# another tool's TagsList 'AC/DC' beside dc:subject's one keyword 'AC/DC' is that keyword (read
# before as a tree). The next scan moves each photo's decisions onto the tag as read now.
_V18_BACKSLASHED_KEYWORDS_READ_AGAIN: tuple[Step, ...] = (
    "UPDATE photo_file_metadata SET photo_mtime = NULL "
    "WHERE instr(keywords, '/') > 0 OR instr(keywords, '\u2215') > 0",
)

# The order the user's decisions were made in, as a number each decision takes when it is made
# (or made again: another state, another time), so that a model version can record the last one
# it learned from (ml/model_version.decisions_up_to) and a decision be told "before" or "after" a
# version exactly. decided_at is kept to the second, and a version is saved in the same second as
# the answers given just before it or just after it (a script labelling, training and reviewing;
# the benchmark's simulated user): whether an answer counted as a review answer to that version
# hung on where the clock's second fell (core/model/review._unseen_turns). Triggers number every
# writer's decisions (labels, keywords read from files, merges, decisions carried from a
# duplicate) without each having to. Decisions made before this migration keep no number: they
# came before every version that records one.
_V19_DECISION_ORDER: tuple[Step, ...] = (
    """CREATE TABLE IF NOT EXISTS decision_order (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        last INTEGER NOT NULL
    )""",
    "INSERT OR IGNORE INTO decision_order (id, last) VALUES (1, 0)",
    "ALTER TABLE photo_tags ADD COLUMN decided_seq INTEGER",
    """CREATE TRIGGER IF NOT EXISTS decision_order_on_insert AFTER INSERT ON photo_tags
    WHEN NEW.state IS NOT NULL
    BEGIN UPDATE decision_order SET last = last + 1 WHERE id = 1;
        UPDATE photo_tags SET decided_seq = (SELECT last FROM decision_order WHERE id = 1)
        WHERE photo_id = NEW.photo_id AND tag_id = NEW.tag_id; END""",
    """CREATE TRIGGER IF NOT EXISTS decision_order_on_update
    AFTER UPDATE OF state, decided_at ON photo_tags
    WHEN NEW.state IS NOT NULL
        AND (OLD.state IS NOT NEW.state OR OLD.decided_at IS NOT NEW.decided_at)
    BEGIN UPDATE decision_order SET last = last + 1 WHERE id = 1;
        UPDATE photo_tags SET decided_seq = (SELECT last FROM decision_order WHERE id = 1)
        WHERE photo_id = NEW.photo_id AND tag_id = NEW.tag_id; END""",
)

# The model's confidence in the (tag_id, photo_id, state) index that v2 made for search(), so
# that the grid's Sure filter (a range of confidence in a tag) and View > Sort by Confidence read
# a tag's scores from the index alone. Read through the table, one lookup a photo, a tag on 70 %
# of 500,000 photos took 0.3-0.4 s before anything else was done (benchmarks/sure_filter.py).
# The same name, the same first columns: every query that used it uses it as before. A score
# written again (a re-tag) now updates the index too: measured in the same benchmark.
_V20_CONFIDENCE_IN_TAG_INDEX: tuple[Step, ...] = (
    "DROP INDEX IF EXISTS photo_tags_tag_state",
    "CREATE INDEX photo_tags_tag_state ON photo_tags(tag_id, photo_id, state, confidence)",
)

# Keywords a photo's sidecar held when last read, and those it has taken out that the photo's
# own embedded XMP/IPTC still holds (core/metadata/sync.py): digiKam and darktable, writing
# sidecars, leave the JPEG's own keywords as they were, and read the sidecar over them; a keyword
# removed there is set aside, not read back from the stale copy in the file. NULL: not read
# since (the next read of a changed sidecar records it).
_V21_SIDECAR_KEYWORDS: tuple[Step, ...] = (
    "ALTER TABLE photo_file_metadata ADD COLUMN sidecar_keywords TEXT",
    "ALTER TABLE photo_file_metadata ADD COLUMN set_aside TEXT",
)

# The photos the user moved to the trash from phototagger (Find Duplicates, Photo > Move to
# Trash): marked missing like a file gone, and told apart from one by `stats`, which counted a
# spare copy trashed on purpose among the missing "files gone", as if a drive were unplugged. A
# photo back in the library (Undo, or restored and found by a scan) leaves the list by itself.
_V22_TRASHED_PHOTOS: tuple[Step, ...] = (
    """CREATE TABLE IF NOT EXISTS trashed_photos (
        photo_id INTEGER PRIMARY KEY REFERENCES photos(id) ON DELETE CASCADE,
        trashed_at TEXT
    )""",
    """CREATE TRIGGER IF NOT EXISTS trashed_photos_back AFTER UPDATE OF status ON photos
    WHEN NEW.status IS NOT 'missing'
    BEGIN DELETE FROM trashed_photos WHERE photo_id = NEW.id; END""",
)

# The face regions other programs named in a photo's XMP (digiKam's, Lightroom's, Picasa's,
# Windows Photo Gallery's mwg-rs:Regions and MP:RegionInfo; core/metadata/regions.py), as last
# read: a JSON list of {name, kind, box, scheme, tag}, `tag` the library tag a named one gave
# the photo (a region's name like a People keyword's), so a region taken out of the file takes
# its tag as a keyword taken out does. NULL: not read since. Every photo's files are read again
# on its next scan (its size and mtime no longer match): a name only in a region was lost.
_V23_FACE_REGIONS: tuple[Step, ...] = (
    "ALTER TABLE photo_file_metadata ADD COLUMN regions TEXT",
    "UPDATE photo_file_metadata SET photo_mtime = NULL",
)

# Faces the user named in the viewer (B, then click or Tab and Enter): the box, of the photo as
# shown, and the name. A row counts while the photo holds the person tag the name gives as the
# user's own (core/face_marks.py), so undoing the tag edit takes the name off the face too; the
# rows of one face are kept, the newest counting, so undoing a rename brings the old name back.
_V24_FACE_NAMES: tuple[Step, ...] = (
    """CREATE TABLE IF NOT EXISTS face_names (
        id INTEGER PRIMARY KEY,
        photo_id INTEGER NOT NULL REFERENCES photos(id) ON DELETE CASCADE,
        name TEXT NOT NULL,
        box TEXT NOT NULL  -- [x, y, w, h] as JSON
    )""",
    "CREATE INDEX IF NOT EXISTS face_names_photo ON face_names(photo_id)",
)

# Whether a photo's face regions as last read were its sidecar's (1) or the photo's own (0, NULL:
# not read since), and the names (JSON [[kind, name], ...]) the sidecar took out of its regions
# that the photo's own XMP still holds (core/metadata/sync.regions_set_aside): digiKam writing
# to sidecars removes a face there only, and with every face removed the sidecar holds no
# regions, so the photo's stale ones were read back. They are set aside, as keywords are (v21).
# A photo with a sidecar and regions is read again on its next scan, so the sidecar's next edit
# is told from what it held.
_V25_SIDECAR_REGIONS: tuple[Step, ...] = (
    "ALTER TABLE photo_file_metadata ADD COLUMN regions_in_sidecar INTEGER",
    "ALTER TABLE photo_file_metadata ADD COLUMN regions_set_aside TEXT",
    "UPDATE photo_file_metadata SET photo_mtime = NULL"
    " WHERE sidecar_path IS NOT NULL AND regions IS NOT NULL AND regions != '[]'",
)


def _guess_face_name_kinds(conn: sqlite3.Connection) -> None:
    """Each face_names row's kind as the app guessed it before v26 (core/face_marks._name_kind):
    a name is a person's where the photo holds that person's tag in any state, else a pet's
    where it holds the pet's, else the kind of a region of the photo's files naming it, else a
    face; a name taken off ("") has the kind of the face's name before it."""
    roots = {
        name_key(apart_from_detector("People/x", _DETECTOR_TAGS_V14)[:-2]): "face",
        name_key("Pets"): "pet",
    }
    rows = conn.execute("SELECT id, photo_id, name, box FROM face_names ORDER BY id").fetchall()
    by_photo: dict[int, list[tuple[int, str, list[float]]]] = {}
    for row_id, photo_id, name, box in rows:
        by_photo.setdefault(int(photo_id), []).append((int(row_id), str(name), json.loads(box)))
    for photo_id, named in by_photo.items():
        tags = [
            str(n)
            for (n,) in conn.execute(
                "SELECT t.name FROM photo_tags pt JOIN tags t ON t.id = pt.tag_id"
                " WHERE pt.photo_id = ?",
                [photo_id],
            )
        ]
        held: dict[str, set[str]] = {}  # name key: the kinds of the person (pet) tags held
        for tag in tags:
            levels = tag.split("/")
            if len(levels) == 2 and name_key(levels[0]) in roots:
                leaf = name_key(levels[1].replace(LITERAL_SLASH, "/"))
                held.setdefault(leaf, set()).add(roots[name_key(levels[0])])
        stored = conn.execute(
            "SELECT regions FROM photo_file_metadata WHERE photo_id = ?", [photo_id]
        ).fetchone()
        regions = json.loads(stored[0]) if stored and stored[0] else []
        in_files = {
            name_key(str(r.get("name") or "")): str(r["kind"])
            for r in reversed(regions)
            if isinstance(r, dict) and r.get("kind") in ("face", "pet")
        }
        kinds: list[tuple[list[float], str]] = []  # the named rows before, the newest last
        for row_id, name, box in named:
            if name:
                kinds_held = held.get(name_key(name), set())
                kind = next(
                    (k for k in ("face", "pet") if k in kinds_held),
                    in_files.get(name_key(name), "face"),
                )
                kinds.append((box, kind))
            else:
                before = [k for b, k in kinds if _overlap(b, box) >= 0.3]
                kind = before[-1] if before else "face"
            conn.execute("UPDATE face_names SET kind = ? WHERE id = ?", [kind, row_id])


def _overlap(a: list[float], b: list[float]) -> float:
    """Intersection over union of two boxes [x, y, w, h] (core/metadata/regions.iou)."""
    w = max(0.0, min(a[0] + a[2], b[0] + b[2]) - max(a[0], b[0]))
    h = max(0.0, min(a[1] + a[3], b[1] + b[3]) - max(a[1], b[1]))
    union = a[2] * a[3] + b[2] * b[3] - w * h
    return w * h / union if union > 0 else 0.0


# Whether a name the user gave a face is a person's ("face") or a pet's ("pet"): which tag it
# stands for ('People (keywords)/Max' or 'Pets/Max') and which kind of region a keyword write
# names, renames or takes out for it. Before, it was guessed on every read from the photo's tags
# and regions, and a name whose tag had gone fell back to a face; old rows keep that guess.
# And a keyword under a tree of places ('Places/France/Paris') no longer stands for the person a
# face region names so (core/metadata/regions.person_keyword): a photo with regions and such a
# keyword is read again on its next scan, so its region gives 'People (keywords)/Paris'.
_V26_FACE_NAME_KINDS: tuple[Step, ...] = (
    "ALTER TABLE face_names ADD COLUMN kind TEXT NOT NULL DEFAULT 'face'",
    _guess_face_name_kinds,
    "UPDATE photo_file_metadata SET photo_mtime = NULL"
    " WHERE regions IS NOT NULL AND regions != '[]' AND (keywords LIKE '%\"Places/%'"
    " OR keywords LIKE '%\"Place/%' OR keywords LIKE '%\"Locations/%'"
    " OR keywords LIKE '%\"Location/%')",
)

# The title and caption a photo's files held as last read (dc:title, dc:description, IPTC's
# where the XMP has none), for the details panel. NULL: none, or not read since. Every photo's
# files are read again on its next scan (its size and mtime no longer match), as for v23.
_V27_TITLE_AND_CAPTION: tuple[Step, ...] = (
    "ALTER TABLE photo_file_metadata ADD COLUMN title TEXT",
    "ALTER TABLE photo_file_metadata ADD COLUMN caption TEXT",
    "UPDATE photo_file_metadata SET photo_mtime = NULL",
)


# A photo_tags row counts under its tag (store/tags.tag_counts, the sidebar's "beach (1,234)")
# while it is not rejected and its photo is in the library (not marked missing; a row whose photo
# is not there at all counts, as it did when counted from the rows). No confidence or per-tag cut
# enters it: a suggestion the model stops making is deleted, which the triggers see.
def _v28_counted(row: str) -> str:
    return (
        f"{row}.state IS NOT 'rejected' AND NOT EXISTS"
        f" (SELECT 1 FROM photos WHERE id = {row}.photo_id AND status = 'missing')"
    )


_V28_ADD_ONE = (
    "INSERT INTO tag_photo_counts (tag_id, photos) VALUES (NEW.tag_id, 1)"
    " ON CONFLICT (tag_id) DO UPDATE SET photos = photos + 1"
)
_V28_TAKE_ONE = "UPDATE tag_photo_counts SET photos = photos - 1 WHERE tag_id = OLD.tag_id"

# Each tag's count of photos, kept by triggers on every write of the rows it counts, whoever
# writes them (a scan, a label, a merge, an undo, a folder removed), in the writing statement's
# own transaction: a kill -9 never leaves the counts apart from the rows. Counted from every
# row, the sidebar's refresh passed over each of them: 555-660 ms for 500,000 photos (5,000,000
# rows; benchmarks/sidebar_counts.py). A photo's rows are counted in or out as it goes missing
# or comes back; a photo deleted has its rows deleted first (before SQLite's ON DELETE CASCADE,
# which runs once the photo is gone and its status can no longer be read). Filled anew here, so
# that a library whose user_version was set back is counted once.
_V28_TAG_PHOTO_COUNTS: tuple[Step, ...] = (
    """CREATE TABLE IF NOT EXISTS tag_photo_counts (
        tag_id INTEGER PRIMARY KEY,
        photos INTEGER NOT NULL
    )""",
    "DELETE FROM tag_photo_counts",
    "INSERT INTO tag_photo_counts (tag_id, photos) SELECT tag_id, count(*) FROM photo_tags"
    " WHERE state IS NOT 'rejected' AND photo_id NOT IN"
    " (SELECT id FROM photos WHERE status = 'missing') GROUP BY tag_id",
    f"""CREATE TRIGGER IF NOT EXISTS tag_photo_counts_on_insert AFTER INSERT ON photo_tags
    WHEN {_v28_counted("NEW")} BEGIN {_V28_ADD_ONE}; END""",
    f"""CREATE TRIGGER IF NOT EXISTS tag_photo_counts_on_delete AFTER DELETE ON photo_tags
    WHEN {_v28_counted("OLD")} BEGIN {_V28_TAKE_ONE}; END""",
    # An update counts the row out as it was and in as it is (state, tag or photo changed).
    f"""CREATE TRIGGER IF NOT EXISTS tag_photo_counts_on_update_out
    AFTER UPDATE OF state, tag_id, photo_id ON photo_tags
    WHEN {_v28_counted("OLD")} BEGIN {_V28_TAKE_ONE}; END""",
    f"""CREATE TRIGGER IF NOT EXISTS tag_photo_counts_on_update_in
    AFTER UPDATE OF state, tag_id, photo_id ON photo_tags
    WHEN {_v28_counted("NEW")} BEGIN {_V28_ADD_ONE}; END""",
    """CREATE TRIGGER IF NOT EXISTS tag_photo_counts_on_photo_gone
    AFTER UPDATE OF status ON photos
    WHEN NEW.status = 'missing' AND OLD.status IS NOT 'missing'
    BEGIN UPDATE tag_photo_counts SET photos = photos - 1 WHERE tag_id IN
        (SELECT tag_id FROM photo_tags WHERE photo_id = NEW.id AND state IS NOT 'rejected'); END""",
    """CREATE TRIGGER IF NOT EXISTS tag_photo_counts_on_photo_back
    AFTER UPDATE OF status ON photos
    WHEN OLD.status = 'missing' AND NEW.status IS NOT 'missing'
    BEGIN INSERT INTO tag_photo_counts (tag_id, photos) SELECT tag_id, 1 FROM photo_tags
        WHERE photo_id = NEW.id AND state IS NOT 'rejected'
        ON CONFLICT (tag_id) DO UPDATE SET photos = photos + 1; END""",
    """CREATE TRIGGER IF NOT EXISTS tag_photo_counts_on_photo_delete BEFORE DELETE ON photos
    BEGIN DELETE FROM photo_tags WHERE photo_id = OLD.id; END""",
    """CREATE TRIGGER IF NOT EXISTS tag_photo_counts_on_tag_delete AFTER DELETE ON tags
    BEGIN DELETE FROM tag_photo_counts WHERE tag_id = OLD.id; END""",
)


# A photo is to review (store/tags.count_undecided_below, the sidebar's "Needs review") while it is
# in the library (there, and not marked missing) and has a model suggestion the user has not
# decided on (state NULL) whose confidence is under 0.6 (core/queries.REVIEW_BELOW). Counted from
# the rows, each refresh looked up every photo's rows: 558-1,848 ms for 500,000 photos
# (benchmarks/sidebar_counts.py). The count is kept in one row by triggers on every write of the
# rows and of the photos' status, in the writing statement's transaction, as v28 keeps the tag
# counts: a photo counts in when its first such row comes (or it comes back), out when its last
# goes (or it goes missing). A photo deleted has its rows deleted first (v28's trigger), while its
# status can still be read. Filled anew here, so that a library whose user_version was set back
# is counted once. The cut is written here for good: another cut is counted from the rows.
REVIEW_KEPT_BELOW = 0.6
_V29_TO_REVIEW = f"state IS NULL AND confidence < {REVIEW_KEPT_BELOW!r}"


def _v29_review_row(row: str) -> str:
    return f"{row}.state IS NULL AND {row}.confidence < {REVIEW_KEPT_BELOW!r}"


def _v29_in_library(photo_id: str) -> str:
    return f"EXISTS (SELECT 1 FROM photos WHERE id = {photo_id} AND status != 'missing')"


def _v29_first_or_last(row: str, aside: str) -> str:
    """`row` is to review, its photo is in the library, and no other row of the photo is to
    review (the rows as they are after the write; `aside`: a condition on the one row not to
    look at, or '' for none)."""
    return (
        f"{_v29_review_row(row)} AND {_v29_in_library(f'{row}.photo_id')} AND NOT EXISTS"
        f" (SELECT 1 FROM photo_tags WHERE photo_id = {row}.photo_id{aside} AND {_V29_TO_REVIEW})"
    )


_V29_ADD_ONE = "UPDATE photos_to_review SET photos = photos + 1"
_V29_TAKE_ONE = "UPDATE photos_to_review SET photos = photos - 1"
# The row written, as it is after the write: not looked at when asking for the photo's others.
_V29_NOT_NEW = " AND NOT (photo_id = NEW.photo_id AND tag_id = NEW.tag_id)"


def _one_count(table: str, photos_where: str) -> tuple[str, ...]:
    """A table of one count, of the photos p for which `photos_where` holds, counted anew."""
    return (
        f"""CREATE TABLE IF NOT EXISTS {table} (
        id INTEGER PRIMARY KEY CHECK (id = 0),
        photos INTEGER NOT NULL
    )""",
        f"DELETE FROM {table}",
        f"INSERT INTO {table} (id, photos) SELECT 0, count(*) FROM photos p WHERE {photos_where}",
    )


_V29_PHOTOS_TO_REVIEW: tuple[Step, ...] = (
    *_one_count(
        "photos_to_review",
        "status != 'missing' AND EXISTS (SELECT 1 FROM photo_tags pt"
        f" WHERE pt.photo_id = p.id AND {_V29_TO_REVIEW})",
    ),
    # A row inserted counts its photo in when no other of its rows did.
    f"""CREATE TRIGGER IF NOT EXISTS photos_to_review_on_insert AFTER INSERT ON photo_tags
    WHEN {_v29_first_or_last("NEW", _V29_NOT_NEW)} BEGIN {_V29_ADD_ONE}; END""",
    # A row deleted counts its photo out when none of the rows left does.
    f"""CREATE TRIGGER IF NOT EXISTS photos_to_review_on_delete AFTER DELETE ON photo_tags
    WHEN {_v29_first_or_last("OLD", "")} BEGIN {_V29_TAKE_ONE}; END""",
    # An update counts the row out of its photo as it was and in as it is. One trigger, let by
    # at once where the row stays with its photo and stays to review or not (a suggestion
    # rescored on the same side of the cut): a trigger run costs each row written, found or not.
    f"""CREATE TRIGGER IF NOT EXISTS photos_to_review_on_update
    AFTER UPDATE OF state, confidence, tag_id, photo_id ON photo_tags
    WHEN OLD.photo_id != NEW.photo_id
        OR coalesce({_v29_review_row("OLD")}, 0) != coalesce({_v29_review_row("NEW")}, 0)
    BEGIN UPDATE photos_to_review SET photos = photos
        - (CASE WHEN {_v29_first_or_last("OLD", _V29_NOT_NEW)} THEN 1 ELSE 0 END)
        + (CASE WHEN {_v29_first_or_last("NEW", _V29_NOT_NEW)} THEN 1 ELSE 0 END); END""",
    f"""CREATE TRIGGER IF NOT EXISTS photos_to_review_on_photo_gone
    AFTER UPDATE OF status ON photos
    WHEN NEW.status = 'missing' AND OLD.status IS NOT 'missing'
        AND EXISTS (SELECT 1 FROM photo_tags WHERE photo_id = NEW.id AND {_V29_TO_REVIEW})
    BEGIN {_V29_TAKE_ONE}; END""",
    f"""CREATE TRIGGER IF NOT EXISTS photos_to_review_on_photo_back
    AFTER UPDATE OF status ON photos
    WHEN OLD.status = 'missing' AND NEW.status IS NOT 'missing'
        AND EXISTS (SELECT 1 FROM photo_tags WHERE photo_id = NEW.id AND {_V29_TO_REVIEW})
    BEGIN {_V29_ADD_ONE}; END""",
)


# A photo is untagged (store/tags.count_untagged, the sidebar's "Untagged") while the model has
# tagged it (status 'tagged') and it has no tag row that is not rejected. Counted from the rows,
# each refresh listed every such photo: 310-493 ms for 500,000 photos
# (benchmarks/sidebar_counts.py). Kept in one row as v28 and v29 keep theirs, by triggers on the
# tag rows and on the photos (inserted, status changed, deleted: a photo deleted has its rows
# deleted first by v28's trigger, and is counted out after), in the writing statement's
# transaction.
_V30_HAS = "state IS NOT 'rejected'"


def _v30_bare(photo_id: str, aside: str) -> str:
    """The photo `photo_id` is tagged by the model and has no row that is not rejected (the rows
    as they are after the write; `aside`: a condition on the one row not to look at, or '')."""
    return (
        f"EXISTS (SELECT 1 FROM photos WHERE id = {photo_id} AND status = 'tagged') AND NOT EXISTS"
        f" (SELECT 1 FROM photo_tags WHERE photo_id = {photo_id}{aside} AND {_V30_HAS})"
    )


_V30_ADD_ONE = "UPDATE untagged_photos SET photos = photos + 1"
_V30_TAKE_ONE = "UPDATE untagged_photos SET photos = photos - 1"
_V30_NO_ROW = f"NOT EXISTS (SELECT 1 FROM photo_tags WHERE photo_id = {{}}.id AND {_V30_HAS})"

# The row updated leaves its photo as it was (bare now), and comes into it as it is (bare before).
_V30_OUT = f"OLD.{_V30_HAS} AND {_v30_bare('OLD.photo_id', _V29_NOT_NEW)}"
_V30_IN = f"NEW.{_V30_HAS} AND {_v30_bare('NEW.photo_id', _V29_NOT_NEW)}"

_V30_UNTAGGED_PHOTOS: tuple[Step, ...] = (
    *_one_count("untagged_photos", f"status = 'tagged' AND {_V30_NO_ROW.format('p')}"),
    # A row that is not rejected, inserted, makes its photo tagged if it was the photo's first.
    f"""CREATE TRIGGER IF NOT EXISTS untagged_photos_on_insert AFTER INSERT ON photo_tags
    WHEN NEW.{_V30_HAS} AND {_v30_bare("NEW.photo_id", _V29_NOT_NEW)}
    BEGIN {_V30_TAKE_ONE}; END""",
    f"""CREATE TRIGGER IF NOT EXISTS untagged_photos_on_delete AFTER DELETE ON photo_tags
    WHEN OLD.{_V30_HAS} AND {_v30_bare("OLD.photo_id", "")} BEGIN {_V30_ADD_ONE}; END""",
    # An update counts the row out of its photo as it was and in as it is, where it moves to
    # another photo or is rejected or taken back.
    f"""CREATE TRIGGER IF NOT EXISTS untagged_photos_on_update
    AFTER UPDATE OF state, photo_id ON photo_tags
    WHEN OLD.photo_id != NEW.photo_id OR (OLD.{_V30_HAS}) != (NEW.{_V30_HAS})
    BEGIN UPDATE untagged_photos SET photos = photos
        + (CASE WHEN {_V30_OUT} THEN 1 ELSE 0 END) - (CASE WHEN {_V30_IN} THEN 1 ELSE 0 END);
    END""",
    f"""CREATE TRIGGER IF NOT EXISTS untagged_photos_on_photo_insert AFTER INSERT ON photos
    WHEN NEW.status = 'tagged' AND {_V30_NO_ROW.format("NEW")} BEGIN {_V30_ADD_ONE}; END""",
    f"""CREATE TRIGGER IF NOT EXISTS untagged_photos_on_photo_status
    AFTER UPDATE OF status ON photos
    WHEN (OLD.status = 'tagged') != (NEW.status = 'tagged') AND {_V30_NO_ROW.format("NEW")}
    BEGIN UPDATE untagged_photos SET photos = photos
        + (CASE WHEN NEW.status = 'tagged' THEN 1 ELSE -1 END); END""",
    f"""CREATE TRIGGER IF NOT EXISTS untagged_photos_on_photo_delete AFTER DELETE ON photos
    WHEN OLD.status = 'tagged' AND {_V30_NO_ROW.format("OLD")} BEGIN {_V30_TAKE_ONE}; END""",
)


# A level of the tag tree with tags below it ('animals' for 'animals/dog'; 'animals/cat' too for
# 'animals/cat/kitten') counts the photos in the library having it or a tag below it, each photo
# once (store/tags.subtree_counts, the sidebar's "animals (1,234)"). Counted from the rows, each
# refresh passed over every row of the level's tags: 873-1,692 ms for a level of 12 tags over
# 500,000 photos (benchmarks/sidebar_counts.py). Kept here as v28 keeps the tag counts, by
# triggers in the writing statement's transaction:
# - tag_levels: each level (NOCASE, as the names are told apart) with its total of photos; a
#   level is there while a tag below it is.
# - tag_level_members: the tags a level counts: those below it, and the tag of the level's own
#   name. Kept by triggers on the tags' names (a tag added, renamed, deleted).
# - tag_level_photos: for each level, each photo counted with its number of counted rows of the
#   level's tags (a row counts as v28 counts it: not rejected, its photo not missing). A photo
#   counts in at its first such row and out at its last.
# A tag joining a level (a rename, a tag added below a tag that had none) brings its rows in, and
# one leaving takes them out, over the tag's rows (the 12 tags of 2,196,840 rows moved into a
# level: 0.5 -> 3.1 s of CPU, 4.1-4.4 s before the level's photos were counted over where the
# tag is not small beside it); a level renamed whole is renamed first
# (store/tag_admin.rename_levels), and its tags then stay in it (0.7 s as before). The levels
# above a tag name are cut from it in SQL (a recursive WITH in a subquery), so any writer keeps
# them, the SQLite shell included.
def _v31_levels(name: str) -> str:
    """A SELECT of the levels above the tag name `name` (an SQL expression), shortest first:
    'a' and 'a/b' for 'a/b/c'."""
    return (
        f"SELECT substr({name}, 1, n - 1) AS level FROM (WITH RECURSIVE cut(n) AS"
        f" (SELECT instr({name}, '/') UNION ALL SELECT n + instr(substr({name}, n + 1), '/')"
        f" FROM cut WHERE instr(substr({name}, n + 1), '/') > 0) SELECT n FROM cut WHERE n > 0)"
    )


# The levels that the tag of row NEW or OLD is counted by.
_V31_OF_NEW = "SELECT level_id FROM tag_level_members WHERE tag_id = NEW.tag_id"
_V31_OF_OLD = "SELECT level_id FROM tag_level_members WHERE tag_id = OLD.tag_id"
_V31_ROW_IN = f"""INSERT INTO tag_level_photos (level_id, photo_id, rows)
        SELECT level_id, NEW.photo_id, 1 FROM tag_level_members WHERE tag_id = NEW.tag_id
        ON CONFLICT (level_id, photo_id) DO UPDATE SET rows = rows + 1;
    UPDATE tag_levels SET photos = photos + 1 WHERE id IN (SELECT level_id FROM tag_level_photos
        WHERE photo_id = NEW.photo_id AND rows = 1 AND level_id IN ({_V31_OF_NEW}))"""
_V31_ROW_OUT = f"""UPDATE tag_level_photos SET rows = rows - 1
        WHERE photo_id = OLD.photo_id AND level_id IN ({_V31_OF_OLD});
    UPDATE tag_levels SET photos = photos - 1 WHERE id IN (SELECT level_id FROM tag_level_photos
        WHERE photo_id = OLD.photo_id AND rows = 0 AND level_id IN ({_V31_OF_OLD}));
    DELETE FROM tag_level_photos
        WHERE photo_id = OLD.photo_id AND rows = 0 AND level_id IN ({_V31_OF_OLD})"""
_V31_GROUPED = "EXISTS (SELECT 1 FROM tag_level_members WHERE tag_id = {0}.tag_id)"
# The row stays counted, with its tag and photo: nothing changes (a label on a suggestion).
_V31_STAYS = (
    f"({_v28_counted('OLD')}) AND ({_v28_counted('NEW')})"
    " AND OLD.tag_id = NEW.tag_id AND OLD.photo_id = NEW.photo_id"
)
# The counted rows of the tag of member row `{0}`, by photo.
_V31_TAG_ROWS = (
    "SELECT photo_id FROM photo_tags WHERE tag_id = {0}.tag_id AND state IS NOT 'rejected'"
    " AND photo_id NOT IN (SELECT id FROM photos WHERE status = 'missing')"
)

# The tag of member row `{0}` has few counted rows beside its level's photos (tag_levels'
# columns in scope): its rows are looked up in the level one by one (about 0.5 us each), where
# otherwise the level's photos are counted over (about 0.03 us each).
_V31_SMALL = (
    "(SELECT coalesce(max(photos), 0) * 16 < tag_levels.photos FROM tag_photo_counts"
    " WHERE tag_id = {0}.tag_id)"
)


def _v31_level_if(condition: str) -> str:
    """OLD.level_id where `condition` holds of its level, NULL where not: a DELETE of the
    level's entries by it looks at none of them where not."""
    return (
        f"(SELECT CASE WHEN {condition} THEN OLD.level_id END FROM tag_levels"
        " WHERE id = OLD.level_id)"
    )


# The photos of member row `{0}`'s level with rows {1}.
_V31_LEVEL_PHOTOS = (
    "(SELECT count(*) FROM tag_level_photos WHERE level_id = {0}.level_id AND rows {1})"
)


def _v31_tag_named(name: str) -> str:
    """The levels that the tag called `name` (an SQL expression: NEW.name or OLD.name) joins as
    it has that name: those above it, and its own where tags are below it."""
    return (
        f"SELECT id FROM tag_levels WHERE level IN ({_v31_levels(name)})"
        f" OR (level = {name} AND EXISTS (SELECT 1 FROM tags"
        f" WHERE name >= {name} || '/' AND name < {name} || '0'))"
    )


def _v31_named(row: str) -> str:
    """The steps for a tag that has `row`'s name (NEW), as it is added or renamed: the levels
    above it made, it joins them and its own, and a tag of a level's name made a level joins it."""
    return f"""INSERT OR IGNORE INTO tag_levels (level, photos)
        SELECT level, 0 FROM ({_v31_levels(f"{row}.name")});
    INSERT OR IGNORE INTO tag_level_members (level_id, tag_id)
        SELECT id, {row}.id FROM ({_v31_tag_named(f"{row}.name")});
    INSERT OR IGNORE INTO tag_level_members (level_id, tag_id)
        SELECT l.id, t.id FROM tag_levels l JOIN tags t ON t.name = l.level
        WHERE l.level IN ({_v31_levels(f"{row}.name")})"""


# A level with no tag below it any more (the last one deleted or renamed away) goes.
_V31_EMPTIED = f"""DELETE FROM tag_levels WHERE level IN ({_v31_levels("OLD.name")})
        AND NOT EXISTS (SELECT 1 FROM tags WHERE name >= level || '/' AND name < level || '0')"""

_V31_TRIGGERS = (
    "tag_levels_on_insert",
    "tag_levels_on_delete",
    "tag_levels_on_update_out",
    "tag_levels_on_update_in",
    "tag_levels_on_photo_gone",
    "tag_levels_on_photo_back",
    "tag_levels_on_member_in",
    "tag_levels_on_member_out",
    "tag_levels_on_level_gone",
    "tag_levels_on_tag_insert",
    "tag_levels_on_tag_rename",
    "tag_levels_on_tag_delete",
)

_V31_TAG_LEVELS: tuple[Step, ...] = (
    *(f"DROP TRIGGER IF EXISTS {name}" for name in _V31_TRIGGERS),
    """CREATE TABLE IF NOT EXISTS tag_levels (
        id INTEGER PRIMARY KEY,
        level TEXT NOT NULL UNIQUE COLLATE NOCASE,
        photos INTEGER NOT NULL
    )""",
    """CREATE TABLE IF NOT EXISTS tag_level_members (
        tag_id INTEGER NOT NULL,
        level_id INTEGER NOT NULL,
        PRIMARY KEY (tag_id, level_id)
    ) WITHOUT ROWID""",
    "CREATE INDEX IF NOT EXISTS tag_level_members_level ON tag_level_members(level_id)",
    """CREATE TABLE IF NOT EXISTS tag_level_photos (
        level_id INTEGER NOT NULL,
        photo_id INTEGER NOT NULL,
        rows INTEGER NOT NULL,
        PRIMARY KEY (level_id, photo_id)
    ) WITHOUT ROWID""",
    # Filled anew (a library whose user_version was set back is counted once).
    "DELETE FROM tag_level_photos",
    "DELETE FROM tag_level_members",
    "DELETE FROM tag_levels",
    """INSERT OR IGNORE INTO tag_levels (level, photos)
    WITH RECURSIVE cut(name, n) AS (SELECT name, instr(name, '/') FROM tags
        UNION ALL SELECT name, n + instr(substr(name, n + 1), '/') FROM cut
        WHERE instr(substr(name, n + 1), '/') > 0)
    SELECT substr(name, 1, n - 1), 0 FROM cut WHERE n > 0 ORDER BY 1""",
    """INSERT INTO tag_level_members (tag_id, level_id) SELECT t.id, l.id FROM tag_levels l
    JOIN tags t ON t.name = l.level OR (t.name >= l.level || '/' AND t.name < l.level || '0')""",
    """INSERT INTO tag_level_photos (level_id, photo_id, rows)
    SELECT m.level_id, pt.photo_id, count(*) FROM tag_level_members m
    JOIN photo_tags pt ON pt.tag_id = m.tag_id
    WHERE pt.state IS NOT 'rejected' AND pt.photo_id NOT IN
        (SELECT id FROM photos WHERE status = 'missing')
    GROUP BY m.level_id, pt.photo_id""",
    """UPDATE tag_levels SET photos =
    (SELECT count(*) FROM tag_level_photos WHERE level_id = tag_levels.id)""",
    # The tag rows: each counted row of a level's tag in or out of its photo's count.
    f"""CREATE TRIGGER tag_levels_on_insert AFTER INSERT ON photo_tags
    WHEN {_V31_GROUPED.format("NEW")} AND {_v28_counted("NEW")} BEGIN {_V31_ROW_IN}; END""",
    f"""CREATE TRIGGER tag_levels_on_delete AFTER DELETE ON photo_tags
    WHEN {_V31_GROUPED.format("OLD")} AND {_v28_counted("OLD")} BEGIN {_V31_ROW_OUT}; END""",
    f"""CREATE TRIGGER tag_levels_on_update_out
    AFTER UPDATE OF state, tag_id, photo_id ON photo_tags
    WHEN {_V31_GROUPED.format("OLD")} AND {_v28_counted("OLD")} AND NOT ({_V31_STAYS})
    BEGIN {_V31_ROW_OUT}; END""",
    f"""CREATE TRIGGER tag_levels_on_update_in
    AFTER UPDATE OF state, tag_id, photo_id ON photo_tags
    WHEN {_V31_GROUPED.format("NEW")} AND {_v28_counted("NEW")} AND NOT ({_V31_STAYS})
    BEGIN {_V31_ROW_IN}; END""",
    # A photo going missing leaves each level it was counted in; coming back, it is counted
    # from its rows.
    """CREATE TRIGGER tag_levels_on_photo_gone AFTER UPDATE OF status ON photos
    WHEN NEW.status = 'missing' AND OLD.status IS NOT 'missing'
    BEGIN UPDATE tag_levels SET photos = photos - 1 WHERE id IN (SELECT DISTINCT m.level_id
        FROM photo_tags pt JOIN tag_level_members m ON m.tag_id = pt.tag_id
        WHERE pt.photo_id = NEW.id AND pt.state IS NOT 'rejected');
    DELETE FROM tag_level_photos WHERE photo_id = NEW.id AND level_id IN (SELECT m.level_id
        FROM photo_tags pt JOIN tag_level_members m ON m.tag_id = pt.tag_id
        WHERE pt.photo_id = NEW.id AND pt.state IS NOT 'rejected'); END""",
    """CREATE TRIGGER tag_levels_on_photo_back AFTER UPDATE OF status ON photos
    WHEN OLD.status = 'missing' AND NEW.status IS NOT 'missing'
    BEGIN INSERT INTO tag_level_photos (level_id, photo_id, rows)
        SELECT m.level_id, NEW.id, count(*) FROM photo_tags pt
        JOIN tag_level_members m ON m.tag_id = pt.tag_id
        WHERE pt.photo_id = NEW.id AND pt.state IS NOT 'rejected' GROUP BY m.level_id
        ON CONFLICT (level_id, photo_id) DO UPDATE SET rows = rows + excluded.rows;
    UPDATE tag_levels SET photos = photos + 1 WHERE id IN (SELECT m.level_id
        FROM photo_tags pt JOIN tag_level_members m ON m.tag_id = pt.tag_id
        WHERE pt.photo_id = NEW.id AND pt.state IS NOT 'rejected'); END""",
    # A tag joining a level brings its counted rows in; one leaving takes them out.
    # The new photos counted before the rows come in where the tag is small beside the level
    # (a look-up a row), or the level's photos counted after (a pass over the level's) where it
    # is not; photos only grows in between, so one of the two runs.
    f"""CREATE TRIGGER tag_levels_on_member_in AFTER INSERT ON tag_level_members
    BEGIN UPDATE tag_levels SET photos = photos
        + (SELECT count(*) FROM ({_V31_TAG_ROWS.format("NEW")}) r
        WHERE NOT EXISTS (SELECT 1 FROM tag_level_photos lp
            WHERE lp.level_id = NEW.level_id AND lp.photo_id = r.photo_id))
        WHERE id = NEW.level_id AND {_V31_SMALL.format("NEW")};
    INSERT INTO tag_level_photos (level_id, photo_id, rows)
        SELECT NEW.level_id, photo_id, 1 FROM ({_V31_TAG_ROWS.format("NEW")}) WHERE true
        ON CONFLICT (level_id, photo_id) DO UPDATE SET rows = rows + 1;
    UPDATE tag_levels SET photos = {_V31_LEVEL_PHOTOS.format("NEW", "> 0")}
        WHERE id = NEW.level_id AND NOT {_V31_SMALL.format("NEW")}; END""",
    # Counted out alike: the photos left at no row looked up among the tag's, or counted over
    # the level's; either DELETE takes the same entries (each trigger leaves none at 0 rows).
    f"""CREATE TRIGGER tag_levels_on_member_out AFTER DELETE ON tag_level_members
    BEGIN UPDATE tag_level_photos SET rows = rows - 1
        WHERE level_id = OLD.level_id AND photo_id IN ({_V31_TAG_ROWS.format("OLD")});
    UPDATE tag_levels SET photos = CASE WHEN {_V31_SMALL.format("OLD")}
        THEN photos - (SELECT count(*) FROM tag_level_photos WHERE level_id = OLD.level_id
            AND rows = 0 AND photo_id IN ({_V31_TAG_ROWS.format("OLD")}))
        ELSE {_V31_LEVEL_PHOTOS.format("OLD", "> 0")} END WHERE id = OLD.level_id;
    DELETE FROM tag_level_photos WHERE level_id = {_v31_level_if(_V31_SMALL.format("OLD"))}
        AND rows = 0 AND photo_id IN ({_V31_TAG_ROWS.format("OLD")});
    DELETE FROM tag_level_photos
        WHERE level_id = {_v31_level_if(f"NOT {_V31_SMALL.format('OLD')}")} AND rows = 0;
    END""",
    """CREATE TRIGGER tag_levels_on_level_gone AFTER DELETE ON tag_levels
    BEGIN DELETE FROM tag_level_photos WHERE level_id = OLD.id;
    DELETE FROM tag_level_members WHERE level_id = OLD.id; END""",
    # The tags' names: which levels each tag is counted by.
    f"""CREATE TRIGGER tag_levels_on_tag_insert AFTER INSERT ON tags
    BEGIN {_v31_named("NEW")}; END""",
    f"""CREATE TRIGGER tag_levels_on_tag_rename AFTER UPDATE OF name ON tags
    BEGIN DELETE FROM tag_level_members WHERE tag_id = NEW.id
        AND level_id NOT IN ({_v31_tag_named("NEW.name")});
    {_v31_named("NEW")};
    {_V31_EMPTIED}; END""",
    f"""CREATE TRIGGER tag_levels_on_tag_delete AFTER DELETE ON tags
    BEGIN DELETE FROM tag_level_members WHERE tag_id = OLD.id;
    {_V31_EMPTIED}; END""",
)


# darktable's fifth colour label (colorlabels 4) was read as magenta, digiKam's name for its own
# sixth; it is purple, as darktable and Lightroom call it. The photos read as magenta are read again
# on the next scan, which tells digiKam's magenta (it stays) from darktable's purple.
_V32_DARKTABLE_PURPLE_READ_AGAIN: tuple[Step, ...] = (
    "UPDATE photo_file_metadata SET photo_mtime = NULL WHERE color = 'magenta'",
)

MIGRATIONS: list[tuple[Step, ...]] = [
    _V1_SCHEMA,
    _V2_COVERING_INDEXES,
    _V3_FILE_METADATA,
    _V4_MEDIA,
    _V5_FACES,
    _V6_SCORE_CACHE,
    _V7_PROBLEM_FILE_MODE,
    _V8_EMBEDDING_GENERATIONS,
    _V9_PHOTO_GENERATION,
    _V10_NATURAL_NAME_ORDER,
    _V11_CARRIED_DECISIONS,
    _V12_EMBEDDING_SOURCE,
    _V13_COMPOSED_TAG_NAMES,
    _V14_TREES_APART_FROM_DETECTOR,
    _V15_EMBEDDING_CHANGES,
    _V16_EMBEDDING_CHANGE_STAMPS,
    _V17_SLASHED_KEYWORDS_READ_AGAIN,
    _V18_BACKSLASHED_KEYWORDS_READ_AGAIN,
    _V19_DECISION_ORDER,
    _V20_CONFIDENCE_IN_TAG_INDEX,
    _V21_SIDECAR_KEYWORDS,
    _V22_TRASHED_PHOTOS,
    _V23_FACE_REGIONS,
    _V24_FACE_NAMES,
    _V25_SIDECAR_REGIONS,
    _V26_FACE_NAME_KINDS,
    _V27_TITLE_AND_CAPTION,
    _V28_TAG_PHOTO_COUNTS,
    _V29_PHOTOS_TO_REVIEW,
    _V30_UNTAGGED_PHOTOS,
    _V31_TAG_LEVELS,
    _V32_DARKTABLE_PURPLE_READ_AGAIN,
]
LATEST_VERSION = len(MIGRATIONS)


class Upgrading(Protocol):
    """What a front end does while this process upgrades an existing library."""

    def started(self, copy: Path | None) -> None:
        """The upgrade starts; the library is copied aside to `copy` first (None: no copy)."""

    def between(self) -> None:
        """Run between pieces of the upgrade (each _COPY_PAGES of the copy, each migration):
        the app paints its notice."""


# The pieces the copy aside is made in (4 MB of 4 KB pages): 15 ms each at the 270 MB/s measured.
_COPY_PAGES = 1024


class DatabaseTooNewError(RuntimeError):
    """The library was written by a newer phototagger; this one must not touch it."""


class UpgradeWaitInterrupted(RuntimeError):
    """Ctrl-C while another process's upgrade of the library kept this one waiting: this one
    wrote nothing, and the other's upgrade goes on (core/library.py says so to the user)."""


def user_version(db: sqlite_utils.Database) -> int:
    row = db.execute("PRAGMA user_version").fetchone()
    return int(row[0])


def backup_path(path: Path, version: int) -> Path:
    """Where the copy of a v`version` library is kept before its upgrade: `<name>.v<N>.bak`,
    or, where that is taken already (an earlier upgrade of a library since restored from it),
    `<name>.v<N>.2.bak` and on: a copy once kept is never written over."""
    first = path.with_name(f"{path.name}.v{version}.bak")
    target, number = first, 1
    while target.exists():
        number += 1
        target = first.with_name(f"{path.name}.v{version}.{number}.bak")
    return target


# How long a migration waits for another process's to end (a library of a million photos takes
# minutes on a slow disk), each try bounded by the connection's busy timeout.
_MIGRATION_WAIT_S = 30 * 60.0
# After this long the user is told what the wait is for (`waiting`): a silent minute looks hung.
_TELL_AFTER_MS = 1000
# Then the lock is tried this often, the front end run between tries (`tick`).
_TRY_MS = 100


def migrate(
    db: sqlite_utils.Database,
    path: Path | None,
    waiting: Callable[[], None] | None = None,
    tick: Callable[[], None] | None = None,
    upgrading: Upgrading | None = None,
) -> int:
    """Bring the database to the latest schema; returns the new user_version.

    An existing library is copied aside (backup_path) first, so a failed or regretted upgrade
    never costs the user their tags. `path` None (in-memory database) skips the copy. That copy
    is the upgrade's cost on a large library (10 s of 10.5 for 500,000 photos, 2.7 GB, in the
    page cache: benchmarks/migration27.py): `upgrading` is told when this process starts
    upgrading an existing library, and run between pieces of the work, so a front end says so.

    The copy and every migration are one write transaction: a second process (the app and the
    CLI started together) waits for it, then finds the library upgraded and neither copies nor
    migrates it again; a crash leaves the old version whole. `waiting` is called once, after
    about a second of that wait, to tell the user; `tick` about ten times a second after that
    (see _begin_waiting).
    """
    # Read at call time, not LATEST_VERSION, so tests can stand in a shorter list.
    latest = len(MIGRATIONS)
    current = _checked_version(db, latest)
    if current == latest:
        return current
    conn = db.conn
    _begin_waiting(conn, waiting, tick)
    try:
        # Again under the write lock: another process may have upgraded it meanwhile.
        current = _checked_version(db, latest)
        if current < latest:
            target = backup_path(path, current) if current > 0 and path is not None else None
            if upgrading is not None and current > 0:
                upgrading.started(target)
            between = upgrading.between if upgrading is not None else None
            if path is not None and target is not None:
                _copy_aside(path, target, between)
            for version in range(current + 1, latest + 1):
                for statement in MIGRATIONS[version - 1]:
                    if callable(statement):
                        statement(conn)
                    else:
                        conn.execute(statement)
                conn.execute(f"PRAGMA user_version = {int(version)}")
                if between is not None:
                    between()
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")
    return user_version(db)


def _checked_version(db: sqlite_utils.Database, latest: int) -> int:
    current = user_version(db)
    if current > latest:
        raise DatabaseTooNewError(
            f"library schema v{current} is newer than this phototagger understands (v{latest})"
        )
    return current


def _begin_waiting(
    conn: sqlite3.Connection,
    waiting: Callable[[], None] | None,
    tick: Callable[[], None] | None = None,
) -> None:
    """BEGIN IMMEDIATE, waiting while another process migrates: after _TELL_AFTER_MS of it,
    `waiting` is called (once), then the lock is tried again every _TRY_MS until
    _MIGRATION_WAIT_S, `tick` called between tries. One long try would block this thread in
    SQLite for the whole upgrade: the app's notice never repainted and could not be closed.

    `tick` lets a front end run (the app paints its notice); what it raises ends the wait, as
    Ctrl-C does (UpgradeWaitInterrupted): nothing was written, the other process goes on."""
    kept = int(conn.execute("PRAGMA busy_timeout").fetchone()[0])
    waited = False
    try:
        conn.execute(f"PRAGMA busy_timeout={_TELL_AFTER_MS}")
        if _began(conn):
            return
        waited = True
        if waiting is not None:
            waiting()
        conn.execute(f"PRAGMA busy_timeout={_TRY_MS}")
        deadline = time.monotonic() + _MIGRATION_WAIT_S
        while True:
            if tick is not None:
                tick()
            if _began(conn, deadline):
                return
    except KeyboardInterrupt as exc:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        if not waited:
            raise
        raise UpgradeWaitInterrupted() from exc
    finally:
        conn.execute(f"PRAGMA busy_timeout={kept}")


def _began(conn: sqlite3.Connection, deadline: float | None = None) -> bool:
    """BEGIN IMMEDIATE within the busy timeout: False while another process holds the write
    lock (an error once past `deadline`)."""
    try:
        conn.execute("BEGIN IMMEDIATE")
    except sqlite3.OperationalError as exc:
        if "locked" not in str(exc) or (deadline is not None and time.monotonic() > deadline):
            raise
        return False
    return True


def _copy_aside(path: Path, target: Path, between: Callable[[], None] | None = None) -> None:
    """Consistent copy through SQLite's backup API (a plain file copy would miss the WAL).

    Read through a connection of its own: the migration's holds the write lock, and SQLite's
    backup refuses a source whose connection is writing. The library is as last committed,
    since nothing is written until the copy is kept. `between` is run after each
    _COPY_PAGES pages copied."""
    partial = target.with_name(target.name + ".partial")
    partial.unlink(missing_ok=True)  # left by a copy killed half way
    source = sqlite3.connect(str(path))
    try:
        dest = sqlite3.connect(str(partial))
        try:
            if between is None:
                source.backup(dest)
            else:
                source.backup(dest, pages=_COPY_PAGES, progress=lambda *_: between())
        except sqlite3.OperationalError as exc:
            if exc.sqlite_errorcode != sqlite3.SQLITE_FULL:
                raise
            # The copy filled the disk, not the library: said of the copy, not of library.db;
            # and taken away, not left filling the disk the user is to free space on.
            dest.close()
            partial.unlink(missing_ok=True)
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(target)) from exc
        finally:
            dest.close()
    finally:
        source.close()
    # Rename last, so an interrupted copy never poses as a good backup; on disk before it.
    with naming(target):
        replace_durably(partial, target)
