"""Tags, the model's suggestions and the user's decisions about them.

A photo_tags row is a model suggestion while its state is NULL, and a user decision once the
state is 'added', 'accepted', 'rejected' or 'file' (a keyword the user gave the photo in
another tool, read from its file). A photo *has* a tag unless the row is rejected.
A decision always wins: model runs only refresh its confidence, and a rejected tag is never
suggested again for that photo.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
import sqlite_utils

from phototagger.store.connection import cache, in_chunks, transaction
from phototagger.store.migrations import REVIEW_KEPT_BELOW
from phototagger.store.records import PhotoTag, utc_now
from phototagger.store.states import POSITIVE_STATES, TagOrigin, TagState
from phototagger.tag_names import LITERAL_SLASH, spaced_once

# `name` as the database tells tag names apart: the tags table's UNIQUE NOCASE folds ASCII letters
# only, so 'Dog' and 'dog' are one tag but 'Äpfel' and 'äpfel' are two. The name cache below folds
# the same way, and so does whatever matches tag names in Python (phototagger/tag_names.py).
from phototagger.tag_names import name_key as name_key
from phototagger.tag_names import normal_name as normal_name

# The store's one definition of "the photo has the tag", shared by every query below.
_HAS = "state IS NOT 'rejected'"
# And of the photos out of the library (a folder removed, the file gone, moved to the trash):
# their rows stay should they come back, but no count, search or training sees them. Every
# query below that leaves them out, or counts them, reads this set (through _in_library).
_MISSING_IDS = "SELECT id FROM photos WHERE status = 'missing'"
_UPSERT_SCORE = (
    "INSERT INTO photo_tags (photo_id, tag_id, confidence, model_version) VALUES (?, ?, ?, ?)"
    " ON CONFLICT (photo_id, tag_id) DO UPDATE"
    " SET confidence = excluded.confidence, model_version = excluded.model_version"
)

_ROWS_WITH_ORIGIN = (
    "SELECT pt.tag_id, pt.state, t.origin FROM photo_tags pt JOIN tags t ON t.id = pt.tag_id"
    " WHERE pt.photo_id"
)
_ORIGINS = frozenset(TagOrigin)
_USER_STATES = frozenset(TagState)


def _in_library(photo_id: str = "photo_id") -> str:
    """A WHERE condition: the photo whose id is the column `photo_id` is in the library."""
    return f"{photo_id} NOT IN ({_MISSING_IDS})"


def _clean(name: str) -> str:
    cleaned = normal_name(name)
    if not cleaned:
        raise ValueError("a tag name cannot be empty")
    return cleaned


def _tag_ids(db: sqlite_utils.Database) -> dict[str, int]:
    """Name (folded, or spelled as the model gives it) -> id: write_model_tags runs for every
    photo of the library, and must not look its tags up each time."""
    ids: dict[str, int] = cache(db).setdefault("tag_ids", {})
    return ids


def tag_id(db: sqlite_utils.Database, name: str) -> int | None:
    """The id of the tag called `name` (case-insensitive, composed or not, its runs of spaces
    as one: 'my   music' finds 'my music' where no tag is spelled so), or None."""
    name = normal_name(name)
    key = name_key(name)
    ids = _tag_ids(db)
    found = ids.get(key)
    if found is None:
        row = db.execute("SELECT id FROM tags WHERE name = ?", [name]).fetchone()
        if row is None and spaced_once(name) != name:
            return tag_id(db, spaced_once(name))
        if row is None:
            return None
        found = ids[key] = row[0]
    return found


def ensure_tag(db: sqlite_utils.Database, name: str, origin: str = TagOrigin.USER) -> int:
    """The id of tag `name`, created with `origin` if new; an existing tag keeps its origin."""
    if origin not in _ORIGINS:
        raise ValueError(f"unknown tag origin {origin!r}")
    name = _clean(name)
    found = tag_id(db, name)
    if found is not None:
        return found
    # A new tag's runs of spaces are one: 'my   music' typed was a second 'my music'.
    name = _spelled_as_held(db, spaced_once(name))
    # DO NOTHING covers another connection creating the tag since our lookup.
    db.execute(
        "INSERT INTO tags (name, origin, created_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
        [name, origin, utc_now()],
    )
    created = tag_id(db, name)
    if created is None:
        raise RuntimeError(f"tag {name!r} vanished while it was being created")
    return created


def _spelled_as_held(db: sqlite_utils.Database, name: str) -> str:
    """A new tag's name with the levels above it spelled as the library already spells them:
    `people (keywords)/Dan` read from a file that typed it in lower case joins the user's
    `People (keywords)` as `People (keywords)/Dan` (the tree shows one level either way, as the
    database finds it; this keeps one spelling of it, as Lightroom does). The deepest level the
    library holds (a tag, or a level with tags below it) gives the spelling; none: as given."""
    levels = name.split("/")
    for depth in range(len(levels), 0, -1):
        level = "/".join(levels[:depth])
        held = _first_in_subtree(db, level)  # by name: a tag of that level's own comes first
        if held is not None:
            # One by name_key, so as long: composed, and NOCASE folds ASCII letters only.
            return held[: len(level)] + name[len(level) :]
    return name


def tags_shown_as(db: sqlite_utils.Database, shown: str) -> list[str]:
    """The tags (names as stored) that read `shown` once a slash inside a keyword (held as
    LITERAL_SLASH) is shown as '/': 'AC∕DC' and the tree 'AC/DC' both read 'AC/DC'. Only a
    name with a '/' in it can be read two ways."""
    if "/" not in shown:
        return []
    rows = db.execute(
        "SELECT name FROM tags WHERE instr(name, ?) > 0"
        " AND replace(name, ?, '/') = ? COLLATE NOCASE ORDER BY name",
        [LITERAL_SLASH, LITERAL_SLASH, normal_name(shown)],
    )
    return [name for (name,) in rows]


def below_bounds(name: str) -> tuple[str, str]:
    """Bounds such that lo <= n < hi holds exactly for the tag names below `name` in the tag
    tree ('animals/dog' and 'animals/cat/kitten' below 'animals', never 'animals2'): a range on
    the unique name index, NOCASE like it, and with no LIKE pattern for a '%' or '_' in a name to
    break. '0' is the character after the separator '/' in code point order."""
    return name + "/", name + "0"


def subtree_tags(db: sqlite_utils.Database, name: str) -> list[tuple[int, str]]:
    """(id, name as stored) of the tag called `name` (case-insensitive) and of every tag below
    it in the tag tree, by name; empty when there is neither."""
    name = normal_name(name)
    lo, hi = below_bounds(name)
    rows = db.execute(
        "SELECT id, name FROM tags WHERE name = ? OR (name >= ? AND name < ?) ORDER BY name",
        [name, lo, hi],
    )
    return [(tid, stored) for tid, stored in rows]


def _first_in_subtree(db: sqlite_utils.Database, name: str) -> str | None:
    """The first by name (as stored) of `name` and the tags below it: subtree_tags' first row,
    read alone (a library of 10,000 people is not listed for each new tag)."""
    name = normal_name(name)
    lo, hi = below_bounds(name)
    # The level's own tag sorts before every tag below it; two lookups, each one index probe
    # (an OR of the two would gather the whole subtree to sort it).
    for sql, args in (
        ("SELECT name FROM tags WHERE name = ?", [name]),
        ("SELECT name FROM tags WHERE name >= ? AND name < ? ORDER BY name LIMIT 1", [lo, hi]),
    ):
        row = db.execute(sql, args).fetchone()
        if row is not None:
            return str(row[0])
    return None


def subtree_ids(db: sqlite_utils.Database, name: str) -> list[int]:
    """Ids of the tag `name` and of every tag below it: what filtering by `name` means."""
    return [tid for tid, _ in subtree_tags(db, name)]


def all_tags(db: sqlite_utils.Database) -> list[tuple[str, str]]:
    """(name, origin) of every tag, by name."""
    rows = db.execute("SELECT name, origin FROM tags ORDER BY name")
    return [(name, origin) for name, origin in rows]


def write_model_tags(
    db: sqlite_utils.Database,
    photo_id: int,
    scores: Mapping[str, float],
    suggested: Collection[str],
    model_version: str,
    *,
    only_scored: bool = False,
) -> None:
    """Store one model run's output for one photo.

    `suggested` tags become suggestions with their score; user rows only get the new score (or
    none, where this model has no output for the tag: no other model's figure stays); earlier
    suggestions the model no longer makes are dropped. The tag head leaves the people detector's
    tags (origin 'detector') alone; the detector passes `only_scored`, so it touches only the
    tags it scores.
    """
    ids = _tag_ids(db)
    wanted: dict[int, float | None] = {}
    for name in suggested:
        wanted[_vocabulary_id(db, ids, name)] = scores.get(name)
    scored: dict[int, float] = {}
    for name, score in scores.items():
        scored[_vocabulary_id(db, ids, name)] = score

    with transaction(db):
        stale: list[tuple[int, int]] = []
        writes: list[tuple[int, int, float | None, str | None]] = [
            (photo_id, tid, score, model_version) for tid, score in wanted.items()
        ]
        for tid, state, origin in db.execute(_ROWS_WITH_ORIGIN + " = ?", [photo_id]):
            if state is None:
                owned = tid in scored if only_scored else origin != TagOrigin.DETECTOR
                if tid not in wanted and owned:
                    stale.append((photo_id, tid))
            elif tid not in wanted:
                if tid in scored:
                    writes.append((photo_id, tid, scored[tid], model_version))
                elif not only_scored and origin != TagOrigin.DETECTOR:
                    writes.append((photo_id, tid, None, None))  # this model has no such output
        if stale:
            db.conn.executemany(
                "DELETE FROM photo_tags WHERE photo_id = ? AND tag_id = ? AND state IS NULL",
                stale,
            )
        # The upsert leaves state alone, so a user row keeps its decision.
        db.conn.executemany(_UPSERT_SCORE, writes)


def write_model_tags_many(
    db: sqlite_utils.Database,
    tag_names: Sequence[str],
    items: Sequence[tuple[int, Sequence[float], Collection[int]]],
    model_version: str,
) -> None:
    """write_model_tags for many photos at once, with the same rules.

    `items` holds (photo id, a score for each of `tag_names`, the indices of the suggested
    tags).
    """
    write_model_tags_flat(
        db,
        tag_names,
        [item[0] for item in items],
        [(i, j, float(item[1][j])) for i, item in enumerate(items) for j in item[2]],
        lambda i, j: float(items[i][1][j]),
        model_version,
    )


def write_model_tags_flat(
    db: sqlite_utils.Database,
    tag_names: Sequence[str],
    photo_ids: Sequence[int],
    suggested: Sequence[tuple[int, int, float]],
    score_of: Callable[[int, int], float],
    model_version: str,
    *,
    only_listed: bool = False,
    moves: TagMoves | None = None,
) -> set[int]:
    """write_model_tags_many with the suggestions given flat, as (index into `photo_ids`, index
    into `tag_names`, score); `score_of(photo index, tag index)` is asked only for the tags a
    user decided and the model does not suggest. Re-tagging a whole library goes through here:
    a few statements per chunk of photos, and no per-photo work beyond its existing rows.
    `only_listed`: rows of tags not in `tag_names` are left alone (a re-tag that rescored only
    the tags a new version changed), instead of dropped as suggestions the model stopped making.
    Returns the photos whose tags as shown changed: a suggestion gained or dropped (the user's
    decided rows keep their state, only their score changes), read from the rows read anyway.
    `moves`: each tag (by id) whose suggestion a photo gained or dropped gets those photos, in
    its (gained, dropped) sets: from the same rows, no read more.
    """
    ids = _tag_ids(db)
    tids = [_vocabulary_id(db, ids, name) for name in tag_names]
    column = {tid: j for j, tid in enumerate(tids)}
    writes: list[tuple[int, int, float | None, str | None]] = [
        (photo_ids[i], tids[j], score, model_version) for i, j, score in suggested
    ]
    wanted = {(photo_id, tid) for photo_id, tid, _, _ in writes}
    position = {photo_id: i for i, photo_id in enumerate(photo_ids)}
    stale: list[tuple[int, int]] = []
    present: list[tuple[int, int]] = []
    # Only the listed tags' rows are read then (tag ids are the database's own integers).
    listed = f" AND pt.tag_id IN ({','.join(str(int(t)) for t in tids)})" if only_listed else ""
    for chunk, marks in in_chunks(photo_ids):
        for photo_id, tid, state, origin in db.execute(
            f"SELECT pt.photo_id, pt.tag_id, pt.state, t.origin FROM photo_tags pt "
            f"JOIN tags t ON t.id = pt.tag_id WHERE pt.photo_id IN ({marks}){listed}",
            chunk,
        ):
            if (photo_id, tid) in wanted:
                present.append((photo_id, tid))  # its row was there: not a new suggestion
                continue
            if origin == TagOrigin.DETECTOR:  # the people detector's suggestions are not the head's
                continue
            if state is None:
                stale.append((photo_id, tid))
            elif tid in column:
                writes.append(
                    (photo_id, tid, score_of(position[photo_id], column[tid]), model_version)
                )
            elif not only_listed:
                # The user's tag this model has no output for shows no figure, not the score of
                # the version that had one (rolled back from it, or switched away).
                writes.append((photo_id, tid, None, None))
    with transaction(db):
        if stale:
            db.conn.executemany(
                "DELETE FROM photo_tags WHERE photo_id = ? AND tag_id = ? AND state IS NULL",
                stale,
            )
        db.conn.executemany(_UPSERT_SCORE, writes)
    # A set difference, not a set of every row read: about 0.1 s more per 100,000 photos.
    gained = wanted.difference(present)
    if moves is not None:
        for photo_id, tid in gained:
            moves.setdefault(tid, (set(), set()))[0].add(photo_id)
        for photo_id, tid in stale:
            moves.setdefault(tid, (set(), set()))[1].add(photo_id)
    return {photo_id for photo_id, _ in stale} | {p for p, _ in gained}


# Tag id -> (the photos that gained its suggestion, those that lost it): write_model_tags_flat.
TagMoves = dict[int, tuple[set[int], set[int]]]


def tag_names_of(db: sqlite_utils.Database, tag_ids: Iterable[int]) -> dict[int, str]:
    """Each of `tag_ids` and its tag's name, as the library shows it."""
    wanted = sorted({int(t) for t in tag_ids})
    if not wanted:
        return {}
    marks = ",".join(str(t) for t in wanted)
    return dict(db.execute(f"SELECT id, name FROM tags WHERE id IN ({marks})").fetchall())


def _vocabulary_id(db: sqlite_utils.Database, ids: dict[str, int], name: str) -> int:
    # The model repeats the same spellings for every photo, so they are cached as given too;
    # an unfolded key names the same tag as its folded form, so the two never disagree.
    found = ids.get(name)
    if found is None:
        found = ids[name] = ensure_tag(db, name, TagOrigin.VOCABULARY)
    return found


def _row_state(db: sqlite_utils.Database, photo_id: int, tid: int) -> tuple[bool, str | None]:
    """(row exists, its state)."""
    row = db.execute(
        "SELECT state FROM photo_tags WHERE photo_id = ? AND tag_id = ?", [photo_id, tid]
    ).fetchone()
    return (row is not None, row[0] if row else None)


def set_user_state(db: sqlite_utils.Database, photo_id: int, tag: str, state: str | None) -> None:
    """Record the user's decision about `tag` on a photo, keeping the model's score.

    None withdraws the decision: the row goes, and a later model run may suggest the tag again.
    """
    if state is not None and state not in _USER_STATES:
        raise ValueError(f"unknown tag state {state!r}; use one of {sorted(_USER_STATES)}")
    if state is None:
        tid = tag_id(db, tag)
        if tid is not None:
            db.execute("DELETE FROM photo_tags WHERE photo_id = ? AND tag_id = ?", [photo_id, tid])
        return
    with transaction(db):
        tid = ensure_tag(db, tag, TagOrigin.USER)
        db.execute(
            "INSERT INTO photo_tags (photo_id, tag_id, state, decided_at) VALUES (?, ?, ?, ?)"
            " ON CONFLICT (photo_id, tag_id) DO UPDATE"
            " SET state = excluded.state, decided_at = excluded.decided_at",
            [photo_id, tid, state, utc_now()],
        )


def add_user_tag(db: sqlite_utils.Database, photo_id: int, tag: str) -> None:
    """The user says the photo has `tag`.

    Confirming a current model suggestion is 'accepted'; anything else is 'added'. A tag the
    user already confirmed is left as it is.
    """
    with transaction(db):
        tid = tag_id(db, tag)
        exists, state = _row_state(db, photo_id, tid) if tid is not None else (False, None)
        if exists and state in POSITIVE_STATES:
            return
        set_user_state(
            db, photo_id, tag, TagState.ACCEPTED if exists and state is None else TagState.ADDED
        )


def reject_tag(db: sqlite_utils.Database, photo_id: int, tag: str) -> None:
    """The user says the photo does not have `tag`; the model will never suggest it here."""
    set_user_state(db, photo_id, tag, TagState.REJECTED)


def remove_tag(db: sqlite_utils.Database, photo_id: int, tag: str) -> None:
    """Take `tag` off a photo.

    If the model scores it (a suggestion, one the user accepted, or put back after rejecting
    it, which is 'added') removing it is a rejection, otherwise the next model run would put it
    back. A tag only the user ever gave the photo is simply deleted. A tag the photo does not
    have is left alone.
    """
    tid = tag_id(db, tag)
    if tid is None:
        return
    with transaction(db):
        exists, state = _row_state(db, photo_id, tid)
        if not exists or state == TagState.REJECTED:
            return
        scored = db.execute(
            "SELECT confidence IS NOT NULL FROM photo_tags WHERE photo_id = ? AND tag_id = ?",
            [photo_id, tid],
        ).fetchone()[0]
        if state == TagState.ADDED and not scored:
            set_user_state(db, photo_id, tag, None)
        else:
            set_user_state(db, photo_id, tag, TagState.REJECTED)


_ROW_ORDER = "(pt.state IS NULL), pt.confidence IS NULL, pt.confidence DESC, t.name"


def tags_of_photo(
    db: sqlite_utils.Database, photo_id: int, include_rejected: bool = True
) -> list[PhotoTag]:
    """The photo's tag rows: user decisions first, then by confidence, highest first."""
    where = "" if include_rejected else f"AND {_HAS}"
    rows = db.execute(
        "SELECT t.name, pt.confidence, pt.model_version, pt.state"
        " FROM photo_tags pt JOIN tags t ON t.id = pt.tag_id"
        f" WHERE pt.photo_id = ? {where} ORDER BY {_ROW_ORDER}",
        [photo_id],
    )
    return [PhotoTag(*row) for row in rows]


def tags_of_photos(
    db: sqlite_utils.Database, photo_ids: Sequence[int], include_rejected: bool = True
) -> dict[int, list[PhotoTag]]:
    """tags_of_photo for many photos at once; every asked-for id is a key."""
    result: dict[int, list[PhotoTag]] = {photo_id: [] for photo_id in photo_ids}
    where = "" if include_rejected else f"AND {_HAS}"
    for chunk, marks in in_chunks(photo_ids):
        rows = db.execute(
            "SELECT pt.photo_id, t.name, pt.confidence, pt.model_version, pt.state"
            " FROM photo_tags pt JOIN tags t ON t.id = pt.tag_id"
            f" WHERE pt.photo_id IN ({marks}) {where} ORDER BY pt.photo_id, {_ROW_ORDER}",
            chunk,
        )
        for photo_id, *fields in rows:
            result[photo_id].append(PhotoTag(*fields))
    return result


def _having(tag_ids: Sequence[int]) -> tuple[str, list[int]]:
    """A SELECT of the ids of photos having any of these tags, read from the tag index."""
    marks = ", ".join("?" * len(tag_ids))
    return (f"SELECT photo_id FROM photo_tags WHERE tag_id IN ({marks}) AND {_HAS}", [*tag_ids])


def search(
    db: sqlite_utils.Database,
    all_of: Sequence[str] = (),
    any_of: Sequence[str] = (),
    none_of: Sequence[str] = (),
) -> list[int]:
    """Ids (ascending) of present photos having every `all_of` tag, one of `any_of` (if any)
    and none of `none_of`. A tag stands for itself and every tag below it in the tag tree
    ('animals' finds a photo tagged 'animals/dog', as digiKam and Lightroom do), so a name that
    is only a group of tags works too. An unknown `all_of` tag matches nothing; unknown others
    are ignored.
    """
    all_ids: list[list[int]] = []
    for name in all_of:
        ids = subtree_ids(db, name)
        if not ids:
            return []
        all_ids.append(ids)
    any_ids = [tid for name in any_of for tid in subtree_ids(db, name)]
    if any_of and not any_ids:
        return []
    none_ids = [tid for name in none_of for tid in subtree_ids(db, name)]

    # A compound SELECT: each part is a range of the (tag_id, photo_id) index (a tag without
    # tags below it: already in photo_id order, so SQLite merges instead of probing 100,000
    # photos); a part of several tags lists a photo once per tag, the compound keeps it once.
    parts: list[str] = []
    params: list[int] = []
    for ids in all_ids:
        sql, args = _having(ids)
        parts.append(sql)
        params += args
    if any_ids:
        sql, args = _having(any_ids)
        parts.append(sql)
        params += args
    if not parts:
        parts.append("SELECT id FROM photos")
    query = " INTERSECT ".join(parts)
    if none_ids:
        sql, args = _having(none_ids)
        query += f" EXCEPT {sql}"
        params += args
    query += f" EXCEPT {_MISSING_IDS}"
    return [row[0] for row in db.execute(query, params)]


def untagged_photo_ids(db: sqlite_utils.Database) -> list[int]:
    """Ids of tagged photos that have no tag at all (rejections do not count); photos still
    waiting for the model or that could not be read are not 'untagged', they are not tagged yet."""
    rows = db.execute(
        "SELECT id FROM photos p WHERE status = 'tagged' AND NOT EXISTS"
        f" (SELECT 1 FROM photo_tags pt WHERE pt.photo_id = p.id AND {_HAS}) ORDER BY id"
    )
    return [row[0] for row in rows]


def count_untagged(db: sqlite_utils.Database) -> int:
    """How many photos untagged_photo_ids gives (the sidebar's "Untagged"): kept by the
    schema's triggers as the rows and the photos are written (store/migrations.py, v30), in the
    writer's transaction; listing them took 310-493 ms for 500,000 photos."""
    return int(db.execute("SELECT photos FROM untagged_photos").fetchone()[0])


def tag_counts(db: sqlite_utils.Database) -> list[tuple[str, int]]:
    """(tag, number of present photos having it), most used first; unused tags left out."""
    # Kept by the schema's triggers as the rows are written (store/migrations.py, v28), in the
    # writer's transaction: read here, one row a tag, where counting the rows passed over each
    # of them (500,000 photos: 555-660 ms -> 0.1 ms; benchmarks/sidebar_counts.py).
    # recount_tags counts the same from the rows, for the tests to check one against the other.
    rows = db.execute(
        "SELECT t.name, c.photos FROM tag_photo_counts c JOIN tags t ON t.id = c.tag_id"
        " WHERE c.photos > 0 ORDER BY c.photos DESC, t.name"
    )
    return [(name, count) for name, count in rows]


def recount_tags(db: sqlite_utils.Database) -> list[tuple[str, int]]:
    """tag_counts counted from the photo_tags rows themselves, as it was before the counts were
    kept: one pass over every row."""
    # Every photo's rows counted, then those of the photos out of the library taken away (found
    # through the photos' status index, few as a rule).
    rows = db.execute(
        f"WITH every AS (SELECT tag_id, count(*) AS n FROM photo_tags WHERE {_HAS}"
        " GROUP BY tag_id), out AS (SELECT pt.tag_id, count(*) AS n FROM photos p"
        f" JOIN photo_tags pt ON pt.photo_id = p.id WHERE p.status = 'missing' AND pt.{_HAS}"
        " GROUP BY pt.tag_id)"
        " SELECT t.name, every.n - coalesce(out.n, 0) AS left FROM every"
        " JOIN tags t ON t.id = every.tag_id LEFT JOIN out ON out.tag_id = every.tag_id"
        " WHERE left > 0 ORDER BY left DESC, t.name"
    )
    return [(name, count) for name, count in rows]


def accepted_counts(db: sqlite_utils.Database) -> dict[str, int]:
    """Per tag, the present photos on which the user accepted the model's suggestion of it
    (state 'accepted': the model had tagged the photo, and the user said yes); tags with none
    left out."""
    rows = db.execute(
        "SELECT t.name, count(*) FROM photo_tags pt JOIN tags t ON t.id = pt.tag_id"
        f" WHERE pt.state = ? AND {_in_library('pt.photo_id')} GROUP BY t.id",
        [TagState.ACCEPTED],
    )
    return {name: count for name, count in rows}


def subtree_counts(db: sqlite_utils.Database, names: Sequence[str]) -> dict[str, int]:
    """name -> number of present photos having the tag or any tag below it, each photo once
    (a photo tagged both 'animals/dog' and 'animals/cat' counts once for 'animals'): the number
    of photos filtering by the name shows (search's rule). Asked only for the names that have
    tags below them (the others' counts are tag_counts'): read from tag_levels, kept by the
    schema's triggers as the rows and the tags' names are written (migration v31)."""
    counts: dict[str, int] = {}
    for name in names:
        row = db.execute(
            "SELECT photos FROM tag_levels WHERE level = ?", [normal_name(name)]
        ).fetchone()
        counts[name] = int(row[0]) if row is not None else recount_subtrees(db, [name])[name]
    return counts


def recount_subtrees(db: sqlite_utils.Database, names: Sequence[str]) -> dict[str, int]:
    """subtree_counts counted from the rows: for a name with no tag below it (none kept), and
    for the tests to check the kept counts against."""
    counts: dict[str, int] = {}
    for name in names:
        ids = subtree_ids(db, name)
        if not ids:
            counts[name] = 0
            continue
        sql, args = _having(ids)
        row = db.execute(
            f"SELECT count(*) FROM ({sql} EXCEPT {_MISSING_IDS})",
            args,
        ).fetchone()
        counts[name] = int(row[0])
    return counts


def user_decisions(db: sqlite_utils.Database) -> list[tuple[int, str, str]]:
    """(photo id, tag, state) of every user decision on a photo in the library: the labels
    training learns from. A photo out of it (its folder removed from the library, its file gone
    at a rescan, moved to the trash) keeps its decisions, but they teach nothing until it comes
    back: it is in no grid, no count and no search (decisions_out_of_library counts them)."""
    rows = db.execute(
        "SELECT pt.photo_id, t.name, pt.state FROM photo_tags pt JOIN tags t ON t.id = pt.tag_id"
        f" WHERE pt.state IS NOT NULL AND {_in_library('pt.photo_id')}"
        " ORDER BY pt.photo_id, t.name"
    )
    return [(photo_id, name, state) for photo_id, name, state in rows]


def decisions_out_of_library(db: sqlite_utils.Database) -> tuple[int, int]:
    """(answers the user gave, keywords read from the files) on photos out of the library
    (marked missing), as decisions_by_kind tells them apart: kept, should the photos come back,
    and left out of training until then."""
    row = db.execute(
        "SELECT count(*) FILTER (WHERE state != 'file'), count(*) FILTER (WHERE state = 'file')"
        f" FROM photo_tags WHERE state IS NOT NULL AND photo_id IN ({_MISSING_IDS})"
    ).fetchone()
    return int(row[0]), int(row[1])


def decided_tags(db: sqlite_utils.Database) -> set[str]:
    """The tags (name_key) with a decision of the user's or a file's keyword stored on a photo,
    in the library or out of it (its folder removed, its file gone: kept should it come back):
    a tag with none had every answer taken back."""
    rows = db.execute(
        "SELECT DISTINCT t.name FROM photo_tags pt JOIN tags t ON t.id = pt.tag_id"
        " WHERE pt.state IS NOT NULL"
    )
    return {name_key(name) for (name,) in rows}


def decided_by(
    db: sqlite_utils.Database, when: str, up_to: int | None = None
) -> list[tuple[int, str]]:
    """(photo id, tag) of the user's decisions a version may have learned from: with `up_to`
    (the decision_mark it was trained at), those numbered up to it and those made before the
    library kept the order; else, for a version from before it was kept, made at `when` (an
    ISO time, as utc_now), those made by then and those of unknown time: a numbered decision
    came after the library's upgrade, so after every such version."""
    args: list[int | str]
    if up_to is not None:
        where, args = "(pt.decided_seq IS NULL OR pt.decided_seq <= ?)", [up_to]
    else:
        where = "pt.decided_seq IS NULL AND (pt.decided_at IS NULL OR pt.decided_at <= ?)"
        args = [when]
    rows = db.execute(
        "SELECT pt.photo_id, t.name FROM photo_tags pt JOIN tags t ON t.id = pt.tag_id"
        f" WHERE pt.state IS NOT NULL AND {where}",
        args,
    )
    return [(photo_id, name) for photo_id, name in rows]


def decided_scored_by_other(db: sqlite_utils.Database, version: str) -> list[tuple[int, str]]:
    """(photo id, tag) of the user's decisions whose row holds no score of `version` (another
    version's, or none), the people detector's tags left out: what a switch to `version` that
    rescored only some tags has not rescored."""
    rows = db.execute(
        "SELECT pt.photo_id, t.name FROM photo_tags pt JOIN tags t ON t.id = pt.tag_id"
        " WHERE pt.state IS NOT NULL AND pt.model_version IS NOT ? AND t.origin != ?"
        " ORDER BY pt.photo_id",
        [version, TagOrigin.DETECTOR],
    )
    return [(photo_id, name) for photo_id, name in rows]


def drop_scores(db: sqlite_utils.Database, rows: Sequence[tuple[int, str]]) -> None:
    """Clear the model's score (and version) of these (photo id, tag) rows, decisions kept."""
    if not rows:
        return
    with transaction(db):
        db.conn.executemany(
            "UPDATE photo_tags SET confidence = NULL, model_version = NULL"
            " WHERE photo_id = ? AND tag_id = ? AND confidence IS NOT NULL",
            [(photo_id, tag_id(db, name)) for photo_id, name in rows],
        )


def decisions_count(db: sqlite_utils.Database, since: str | None = None) -> int:
    """How many user decisions there are; with `since` (a utc_now() timestamp), made after it."""
    return sum(decisions_by_kind(db, since))


# The library version from which it numbers the user's decisions (migrations._V19_DECISION_ORDER).
_ORDER_KEPT_FROM = 19


def keeps_order(db: sqlite_utils.Database) -> bool:
    """Whether the library numbers the user's decisions: every library this phototagger opens
    does (migrated on opening); tests write on older ones as the phototagger of their time."""
    return int(db.execute("PRAGMA user_version").fetchone()[0]) >= _ORDER_KEPT_FROM


def decision_mark(db: sqlite_utils.Database) -> int:
    """The order number of the last decision made (0: none since the library kept the order):
    a decision numbered above it is made after this call (migrations._V19_DECISION_ORDER)."""
    if not keeps_order(db):
        return 0
    row = db.execute("SELECT last FROM decision_order WHERE id = 1").fetchone()
    return int(row[0]) if row else 0


def take_mark(db: sqlite_utils.Database) -> int:
    """A number of the decisions' order taken for something that is no decision a row keeps
    (a decision taken off, a tag renamed): a model version trained after it records a mark
    (decision_mark) at least this, one trained before it a smaller one. Returns it."""
    if keeps_order(db):
        db.execute("UPDATE decision_order SET last = last + 1 WHERE id = 1")
    return decision_mark(db)


def number_past(db: sqlite_utils.Database, mark: int) -> bool:
    """Make the next decision's number come after `mark` (the highest a saved model version
    records): a library restored from a copy kept before its upgrade starts the order again
    from 0 (migration 19 runs again), while the versions beside it, trained since, read higher
    numbers; an answer given then took a number they had read, as if they had learned it.
    Returns whether the counter moved; a library that cannot be written to stays as it is (no
    answer can be given there)."""
    if not keeps_order(db) or decision_mark(db) >= mark:
        return False
    try:
        with transaction(db):
            db.execute("UPDATE decision_order SET last = max(last, ?) WHERE id = 1", [mark])
    except sqlite3.OperationalError as exc:
        if "readonly" not in str(exc):
            raise
        return False
    return True


def decisions_by_kind(
    db: sqlite_utils.Database,
    since: str | None = None,
    after: int | None = None,
    in_library: bool = False,
) -> tuple[int, int]:
    """(corrections made in phototagger, keywords read from the photos' files) among the user's
    decisions; with `after` (a decision_mark), those made (or read) after it; else with `since`
    (a time, of a version that records no mark), those made after it, to the second.
    `in_library`: only those on photos in the library (what training learns from:
    user_decisions)."""
    counts = (
        "SELECT count(*) FILTER (WHERE state != 'file'), count(*) FILTER (WHERE state = 'file')"
        " FROM photo_tags WHERE state IS NOT NULL"
    )
    if in_library:
        counts += f" AND {_in_library()}"
    later, params = _decided_after(since, after)
    row = db.execute(f"{counts}{later}", params).fetchone()
    return int(row[0]), int(row[1])


def _decided_after(since: str | None, after: int | None) -> tuple[str, list[object]]:
    """(" AND ..." on photo_tags' rows, its parameters): those decided after `after` (a
    decision_mark), else after `since` (a time), else all of them (decisions_by_kind)."""
    if after is not None:
        return " AND decided_seq > ?", [after]
    if since is None:
        return "", []
    # A numbered decision came after the library's upgrade, so after that version.
    return " AND (decided_seq IS NOT NULL OR decided_at > ?)", [since]


def file_keyword_spread(
    db: sqlite_utils.Database, leaving: Collection[tuple[int, str]] = ()
) -> tuple[int, int]:
    """(different tags, photos) among the keywords read from the files of photos in the
    library: 476 keywords read may be 60 tags on 330 photos; `leaving` out these (photo id,
    name_key) pairs (the names only face regions gave)."""
    if not leaving:
        row = db.execute(
            "SELECT count(DISTINCT tag_id), count(DISTINCT photo_id) FROM photo_tags"
            f" WHERE state = 'file' AND {_in_library()}"
        ).fetchone()
        return int(row[0]), int(row[1])
    rows = db.execute(
        "SELECT pt.photo_id, t.id, t.name FROM photo_tags pt JOIN tags t ON t.id = pt.tag_id"
        f" WHERE pt.state = 'file' AND {_in_library('pt.photo_id')}"
    )
    kept = [
        (photo_id, tag) for photo_id, tag, name in rows if (photo_id, name_key(name)) not in leaving
    ]
    return len({tag for _, tag in kept}), len({photo_id for photo_id, _ in kept})


def hand_decided_tags(db: sqlite_utils.Database) -> set[str]:
    """Names of the tags with a decision made in phototagger (added, accepted, rejected) on a
    photo in the library (as training counts them: user_decisions), not only keywords read from
    the photos' files."""
    return _tags_decided(db, "state IS NOT NULL AND state != 'file'")


def file_keyword_tags(
    db: sqlite_utils.Database, since: str | None = None, after: int | None = None
) -> set[str]:
    """Names of the tags a keyword read from a photo's file gives, on a photo in the library
    (training takes each as a yes answer: user_decisions); with `after` or `since`, those read
    after it, as decisions_by_kind counts them."""
    later, params = _decided_after(since, after)
    return _tags_decided(db, f"state = 'file'{later}", params)


def _tags_decided(
    db: sqlite_utils.Database, decided: str, params: Sequence[object] = ()
) -> set[str]:
    """Names of the tags with a row meeting `decided` (a condition on photo_tags' rows, with
    `params`) on a photo in the library."""
    rows = db.execute(
        "SELECT name FROM tags WHERE id IN (SELECT tag_id FROM photo_tags"
        f" WHERE {decided} AND {_in_library()})",
        list(params),
    )
    return {name for (name,) in rows}


def last_answered(db: sqlite_utils.Database) -> dict[str, tuple[int, str]]:
    """name_key of each tag with a decision made in phototagger (as hand_decided_tags) -> when
    the latest was made: (its order number, -1 if made before the library kept the order; its
    time), to compare: the larger, the later.

    The decided rows are found on the tag index (it carries the state), and only they are read
    from the table for their order and time: filtered on the table, every suggestion's row was
    read (0.52 s for 1,000,000 rows of 100,000 photos, 2,143 of them decided; now 0.03 s), each
    time the Train page's overview is read (the app's opening, every change)."""
    rows = db.execute(
        "SELECT t.name, MAX(COALESCE(pt.decided_seq, -1)), MAX(COALESCE(pt.decided_at, ''))"
        " FROM photo_tags pt JOIN tags t ON t.id = pt.tag_id"
        " WHERE (pt.photo_id, pt.tag_id) IN (SELECT photo_id, tag_id FROM photo_tags"
        f"  WHERE state IS NOT NULL AND state != 'file' AND {_in_library()})"
        " GROUP BY t.id"
    )
    found: dict[str, tuple[int, str]] = {}
    for name, seq, at in rows:
        key = name_key(name)
        found[key] = max(found.get(key, (-1, "")), (int(seq), str(at)))
    return found


def model_scores(db: sqlite_utils.Database, tag: str) -> dict[int, float]:
    """photo id -> the model's latest score for `tag`, where one is stored."""
    tid = tag_id(db, tag)
    if tid is None:
        return {}
    rows = db.execute(
        "SELECT photo_id, confidence FROM photo_tags WHERE tag_id = ? AND confidence IS NOT NULL",
        [tid],
    )
    return {photo_id: confidence for photo_id, confidence in rows}


def decided_photo_ids(db: sqlite_utils.Database, tag: str) -> set[int]:
    """Photos on which the user made any decision (added, accepted, rejected) about `tag`."""
    return set(decisions_on(db, tag))


def decisions_on(db: sqlite_utils.Database, tag: str) -> dict[int, str]:
    """photo id -> the user's decision (added, accepted, rejected, ...) about `tag`."""
    tid = tag_id(db, tag)
    if tid is None:
        return {}
    rows = db.execute(
        "SELECT photo_id, state FROM photo_tags WHERE tag_id = ? AND state IS NOT NULL", [tid]
    )
    return {photo_id: state for photo_id, state in rows}


def timed_decisions_on(
    db: sqlite_utils.Database, tag: str
) -> list[tuple[int, str, str | None, int | None]]:
    """(photo id, the user's decision, when it was made, its order number: None if made before
    the library kept the order) about `tag`, oldest first: those without a number by time, then
    the others in the order they were made."""
    tid = tag_id(db, tag)
    if tid is None:
        return []
    rows = db.execute(
        "SELECT photo_id, state, decided_at, decided_seq FROM photo_tags"
        " WHERE tag_id = ? AND state IS NOT NULL"
        " ORDER BY decided_seq IS NOT NULL, decided_seq, decided_at, photo_id",
        [tid],
    )
    return [(photo_id, state, at, seq) for photo_id, state, at, seq in rows]


@dataclass(frozen=True, slots=True)
class SavedTagRow:
    """One photo_tags row exactly as stored, so an undo can put it back."""

    confidence: float | None
    model_version: str | None
    state: str | None
    decided_at: str | None
    # The decision's order number (migrations._V19_DECISION_ORDER); None for none, or one made
    # before the library kept the order.
    decided_seq: int | None = None


def saved_rows(
    db: sqlite_utils.Database, pairs: Sequence[tuple[int, str]]
) -> dict[tuple[int, str], SavedTagRow | None]:
    """The rows of these (photo id, tag) pairs as they are now; None where there is no row."""
    result: dict[tuple[int, str], SavedTagRow | None] = dict.fromkeys(pairs)
    seq = "decided_seq" if keeps_order(db) else "NULL"
    by_tag: dict[str, list[int]] = {}
    for photo_id, name in pairs:
        by_tag.setdefault(name, []).append(photo_id)
    for name, photo_ids in by_tag.items():
        tid = tag_id(db, name)
        if tid is None:
            continue
        for chunk, marks in in_chunks(photo_ids):
            rows = db.execute(
                f"SELECT photo_id, confidence, model_version, state, decided_at, {seq}"
                f" FROM photo_tags WHERE tag_id = ? AND photo_id IN ({marks})",
                [tid, *chunk],
            )
            for photo_id, *fields in rows:
                result[(photo_id, name)] = SavedTagRow(*fields)
    return result


def restore_rows(
    db: sqlite_utils.Database,
    rows: Mapping[tuple[int, str], SavedTagRow | None],
    keep_order: bool = False,
) -> None:
    """Put (photo id, tag) rows back as saved_rows returned them, in one transaction.

    A model suggestion comes back as a suggestion (confidence and model version included), a
    decision with its original time, and a pair that had no row loses the one it has now. A
    decision written takes a new order number, as one made now; with `keep_order`, the one it
    had (the caller knows no model version has read the user's decisions since it was
    changed, so that every version that read it read it as it comes back).
    """
    numbered = keep_order and keeps_order(db)  # the library's version, read once
    with transaction(db):
        for (photo_id, name), row in rows.items():
            if row is None:
                tid = tag_id(db, name)
                if tid is not None:
                    db.execute(
                        "DELETE FROM photo_tags WHERE photo_id = ? AND tag_id = ?",
                        [photo_id, tid],
                    )
                continue
            if row.state is not None and row.state not in _USER_STATES:
                raise ValueError(f"unknown tag state {row.state!r}")
            tid = ensure_tag(db, name, TagOrigin.USER)
            db.execute(
                "INSERT INTO photo_tags"
                " (photo_id, tag_id, confidence, model_version, state, decided_at)"
                " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (photo_id, tag_id) DO UPDATE"
                " SET confidence = excluded.confidence, model_version = excluded.model_version,"
                " state = excluded.state, decided_at = excluded.decided_at",
                [photo_id, tid, row.confidence, row.model_version, row.state, row.decided_at],
            )
            if numbered and row.state is not None:
                # Only decided_seq written: the triggers, on state and decided_at, stay still.
                db.execute(
                    "UPDATE photo_tags SET decided_seq = ? WHERE photo_id = ? AND tag_id = ?",
                    [row.decided_seq, photo_id, tid],
                )


def undecided_below(db: sqlite_utils.Database, confidence: float) -> list[int]:
    """Ids (ascending) of present photos with a model suggestion the user has not decided on
    whose confidence is under `confidence`: what the model was least sure of."""
    rows = db.execute(
        # EXCEPT keeps each photo once, merged in id order: about a fifth faster than a
        # DISTINCT over photos joined on their status, on 100,000 photos.
        "SELECT photo_id FROM photo_tags WHERE state IS NULL AND confidence < ?"
        f" EXCEPT {_MISSING_IDS} ORDER BY photo_id",
        [confidence],
    )
    return [row[0] for row in rows]


def count_undecided_below(db: sqlite_utils.Database, confidence: float) -> int:
    """How many photos undecided_below gives (the sidebar's "Needs review")."""
    if confidence == REVIEW_KEPT_BELOW:
        # Kept by the schema's triggers as the rows and the photos' status are written
        # (store/migrations.py, v29), in the writer's transaction: one row read, where looking
        # up every photo's rows took 558-1,848 ms for 500,000 photos (benchmarks/sidebar_counts.py).
        row = db.execute("SELECT photos FROM photos_to_review").fetchone()
        return int(row[0])
    return recount_undecided_below(db, confidence)


def recount_undecided_below(db: sqlite_utils.Database, confidence: float) -> int:
    """count_undecided_below counted from the rows themselves, as it was before the count was
    kept: each photo in the library looked up once, stopping at its first such suggestion."""
    row = db.execute(
        "SELECT count(*) FROM photos p WHERE status != 'missing' AND EXISTS (SELECT 1"
        " FROM photo_tags pt WHERE pt.photo_id = p.id AND state IS NULL AND confidence < ?)",
        [confidence],
    ).fetchone()
    return int(row[0])


def carry_decisions(db: sqlite_utils.Database, from_id: int, to_id: int) -> int:
    """Copy the user's decisions (added, accepted, rejected, from file) of one photo onto
    another, where that one has no decision on the tag yet; returns how many were carried."""
    cursor = db.execute(
        "INSERT INTO photo_tags (photo_id, tag_id, state, decided_at)"
        " SELECT ?, tag_id, state, decided_at FROM photo_tags"
        " WHERE photo_id = ? AND state IS NOT NULL"
        " ON CONFLICT (photo_id, tag_id) DO UPDATE SET state = excluded.state,"
        " decided_at = excluded.decided_at WHERE photo_tags.state IS NULL",
        [to_id, from_id],
    )
    return cursor.rowcount


def photos_scored_within(
    db: sqlite_utils.Database, tag_ids: Sequence[int], low: float, high: float
) -> npt.NDArray[np.int64]:
    """Ids of the photos having any of the tags (missing photos included) with the model's
    confidence in it from `low` (included) to `high` (left out, unless it is 1): the grid's
    "how sure" range, in no particular order and perhaps more than once (as photos_having). A
    tag the user gave a photo that the model has not scored has no confidence, and is in no
    range. Read from the (tag_id, photo_id, state, confidence) index alone (migration 20)."""
    if not tag_ids:
        return np.zeros(0, dtype=np.int64)
    marks = ", ".join("?" * len(tag_ids))
    top = "<=" if high >= 1 else "<"
    row = db.conn.execute(
        f"SELECT group_concat(photo_id) FROM photo_tags WHERE tag_id IN ({marks}) AND {_HAS}"
        f" AND confidence >= ? AND confidence {top} ?",
        [*tag_ids, low, high],
    ).fetchone()
    return _ids(row[0])


_BILLION = 1_000_000_000


def confidences_of(
    db: sqlite_utils.Database, tag_ids: Sequence[int]
) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.float64]]:
    """(photo ids, the model's confidence) of every score of these tags a photo has
    (rejections and tags with no score left out): a photo with two of the tags twice. Read as
    photos_having reads ids, from the (tag_id, photo_id, state, confidence) index alone
    (migration 20); each confidence to the billionth."""
    if not tag_ids:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float64)
    marks = ", ".join("?" * len(tag_ids))
    # Each confidence to the billionth, as an integer: written as text, the 350,000 floats of
    # a tag on 70 % of 500,000 photos took 0.17 s more than their ids alone, as integers 0.07.
    ids, scores = db.conn.execute(
        "SELECT group_concat(photo_id), group_concat(CAST(confidence * ? AS INTEGER))"
        f" FROM photo_tags WHERE tag_id IN ({marks}) AND {_HAS} AND confidence IS NOT NULL",
        [_BILLION, *tag_ids],
    ).fetchone()
    if not ids:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float64)
    return _ids(ids), np.fromstring(scores, dtype=np.int64, sep=",") / _BILLION


def _ids(joined: str | None) -> npt.NDArray[np.int64]:
    """Ids from a group_concat, parsed by numpy in C (see photos_having)."""
    if not joined:
        return np.zeros(0, dtype=np.int64)
    return np.fromstring(joined, dtype=np.int64, sep=",")


def photos_having(db: sqlite_utils.Database, tag_ids: Sequence[int]) -> npt.NDArray[np.int64]:
    """Ids of the photos having any of the tags (missing photos included), in no particular
    order and perhaps more than once (a photo with two of the tags): one range of the covering
    (tag_id, photo_id, state, confidence) index per tag, no temporary b-tree; the grid's filters
    combine these into masks, where a repeated id costs nothing.

    The ids come back as one comma-separated string parsed by numpy in C: 70,000 ids in about
    1 ms, where a JSON array took 7 ms and a set of them 2 ms more.
    """
    if not tag_ids:
        return np.zeros(0, dtype=np.int64)
    marks = ", ".join("?" * len(tag_ids))
    row = db.conn.execute(
        f"SELECT group_concat(photo_id) FROM photo_tags WHERE tag_id IN ({marks}) AND {_HAS}",
        [*tag_ids],
    ).fetchone()
    return _ids(row[0])
