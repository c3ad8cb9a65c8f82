"""What photo files say about themselves (keywords, rating, labels), as last read, and the keyword
values phototagger wrote into them.

Keywords from a file become photo_tags rows in state 'file': the user's own tags, which a model
run never overrides. A keyword only ever upgrades a model suggestion; it never overrides the
user's decision made in phototagger (a rejection stays a rejection).
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import sqlite_utils

from phototagger.store.connection import in_chunks, transaction
from phototagger.store.photos import _path_range
from phototagger.store.records import utc_now
from phototagger.store.states import TagOrigin
from phototagger.store.tags import ensure_tag, subtree_tags, tag_id


@dataclass(frozen=True, slots=True)
class FileRecord:
    """photo_file_metadata as stored."""

    photo_id: int
    rating: int | None
    pick: str | None
    color: str | None
    photo_size: int | None
    photo_mtime: float | None
    sidecar_path: str | None
    sidecar_size: int | None
    sidecar_mtime: float | None
    sidecar_sha1: str | None
    keywords: tuple[str, ...]
    read_at: str | None
    # The sidecar's own keywords as read (None: no sidecar, or not read since v21), and the
    # keywords the sidecar took out that the photo's embedded fields still hold: not the
    # photo's (sync.set_aside), absent from `keywords`.
    sidecar_keywords: tuple[str, ...] | None = None
    set_aside: tuple[str, ...] = ()
    # The face regions the files held (core/metadata/regions.py), as JSON-ready dicts with the
    # tag each named one gave the photo ("tag": None where a keyword gave that tag already).
    regions: tuple[dict[str, object], ...] = ()
    # Whether `regions` are the sidecar's (digiKam and Lightroom read its regions over the
    # photo's), and the named regions ((kind, name) each) the sidecar took out that the photo's
    # own XMP still holds: not the photo's (sync.regions_set_aside), absent from `regions`.
    regions_in_sidecar: bool = False
    regions_set_aside: tuple[tuple[str, str], ...] = ()
    # The title and caption the files held (dc:title, dc:description), for the details panel.
    title: str | None = None
    caption: str | None = None

    @property
    def region_tags(self) -> tuple[str, ...]:
        """The tags the files' face regions gave the photo, beyond their keywords."""
        return tuple(str(r["tag"]) for r in self.regions if r.get("tag"))


_COLUMNS = (
    "photo_id",
    "rating",
    "pick",
    "color",
    "photo_size",
    "photo_mtime",
    "sidecar_path",
    "sidecar_size",
    "sidecar_mtime",
    "sidecar_sha1",
    "keywords",
    "read_at",
    "sidecar_keywords",
    "set_aside",
    "regions",
    "regions_in_sidecar",
    "regions_set_aside",
    "title",
    "caption",
)


# Every library the store opens is upgraded first (store/connection.open_database): all of the
# columns are there. The upgrade tests that read files into a library left at an older schema
# add the columns it lacks meanwhile (tests/store_helpers.todays_file_records).
_SAVE_RECORD = (
    f"INSERT INTO photo_file_metadata ({', '.join(_COLUMNS)})"
    f" VALUES ({', '.join('?' * len(_COLUMNS))})"
    " ON CONFLICT (photo_id) DO UPDATE SET "
    + ", ".join(f"{c} = excluded.{c}" for c in _COLUMNS[1:])
)


def _record(row: Sequence[object]) -> FileRecord:
    values = list(row)
    values[10] = tuple(json.loads(str(values[10])))
    values[12] = None if values[12] is None else tuple(json.loads(str(values[12])))
    values[13] = tuple(json.loads(str(values[13]))) if values[13] else ()
    values[14] = tuple(json.loads(str(values[14]))) if values[14] else ()
    values[15] = bool(values[15])
    values[16] = tuple(tuple(pair) for pair in json.loads(str(values[16]))) if values[16] else ()
    return FileRecord(*values)  # type: ignore[arg-type]


def file_record(db: sqlite_utils.Database, photo_id: int) -> FileRecord | None:
    row = db.execute(
        f"SELECT {', '.join(_COLUMNS)} FROM photo_file_metadata WHERE photo_id = ?", [photo_id]
    ).fetchone()
    return _record(row) if row else None


def texts_of_photos(
    db: sqlite_utils.Database, photo_ids: Sequence[int]
) -> dict[int, tuple[str | None, str | None]]:
    """Each photo's (title, caption) as last read from its files (FileRecord.title, .caption);
    a photo whose files were never read is not a key."""
    found: dict[int, tuple[str | None, str | None]] = {}
    for chunk, marks in in_chunks(list(photo_ids)):
        rows = db.execute(
            f"SELECT photo_id, title, caption FROM photo_file_metadata WHERE photo_id IN ({marks})",
            chunk,
        )
        found.update((photo_id, (title, caption)) for photo_id, title, caption in rows)
    return found


def save_file_record(db: sqlite_utils.Database, record: FileRecord) -> None:
    values = [*(getattr(record, c) for c in _COLUMNS)]
    values[10] = json.dumps(list(record.keywords), ensure_ascii=False)
    values[11] = record.read_at or utc_now()
    if record.sidecar_keywords is not None:
        values[12] = json.dumps(list(record.sidecar_keywords), ensure_ascii=False)
    values[13] = json.dumps(list(record.set_aside), ensure_ascii=False)
    values[14] = json.dumps(list(record.regions), ensure_ascii=False)
    values[15] = int(record.regions_in_sidecar)
    values[16] = json.dumps([list(pair) for pair in record.regions_set_aside], ensure_ascii=False)
    db.execute(_SAVE_RECORD, values)


@dataclass(frozen=True, slots=True)
class PhotoFileRow:
    """A photo below a scanned folder, with the file state last read (None: never read)."""

    photo_id: int
    path: str
    size: int | None
    mtime: float | None
    status: str
    record: FileRecord | None


_SELECT_ROWS = (
    f"SELECT p.id, p.path, p.size, p.mtime, p.status, m.{', m.'.join(_COLUMNS)}"
    " FROM photos p LEFT JOIN photo_file_metadata m ON m.photo_id = p.id"
    " WHERE p.status IN ('tagged', 'pending')"
)


_BELOW = "((p.path >= ? AND p.path < ?) OR p.path = ?)"
# The file changed since it was read, or was never read, or had a sidecar (which may have
# changed): everything else only needs its folder checked for a new sidecar.
_MAY_HAVE_CHANGED = (
    "(m.photo_id IS NULL OR m.photo_size IS NOT p.size"
    " OR m.photo_mtime IS NOT p.mtime OR m.sidecar_path IS NOT NULL)"
)


def photos_with_records(
    db: sqlite_utils.Database,
    under: str | None,
    photo_ids: Sequence[int] | None = None,
    *,
    only_changed: bool = False,
) -> list[PhotoFileRow]:
    """Present photos below folder `under` (or the one photo at that path), or with these ids;
    `only_changed`: only those whose file may have changed since it was last read."""
    select = _SELECT_ROWS + (f" AND {_MAY_HAVE_CHANGED}" if only_changed else "")
    rows: list[Sequence[object]] = []
    if photo_ids is not None:
        for chunk, marks in in_chunks(photo_ids):
            rows += db.execute(f"{select} AND p.id IN ({marks})", chunk).fetchall()
    elif under is not None:
        lo, hi = _path_range(under)
        rows = db.execute(f"{select} AND {_BELOW}", [lo, hi, under]).fetchall()
    return _rows(rows)


def photos_in_folder(db: sqlite_utils.Database, folder: str) -> list[PhotoFileRow]:
    """Present photos directly in `folder`."""
    return _rows(db.execute(f"{_SELECT_ROWS} AND p.folder = ?", [folder]).fetchall())


def sidecars_in_use(db: sqlite_utils.Database, paths: Iterable[str]) -> set[str]:
    """Of the sidecar `paths`, those a present photo's record says it has (read with it)."""
    found: set[str] = set()
    for chunk, marks in in_chunks(list(paths)):
        rows = db.execute(
            "SELECT m.sidecar_path FROM photo_file_metadata m JOIN photos p ON p.id = m.photo_id"
            f" WHERE p.status IN ('tagged', 'pending') AND m.sidecar_path IN ({marks})",
            chunk,
        )
        found.update(path for (path,) in rows)
    return found


def folders_below(db: sqlite_utils.Database, under: str) -> list[str]:
    """The folders holding present photos below `under`."""
    lo, hi = _path_range(under)
    rows = db.execute(
        "SELECT DISTINCT p.folder FROM photos p WHERE p.status IN"
        f" ('tagged', 'pending') AND {_BELOW}",
        [lo, hi, under],
    )
    return [row[0] for row in rows]


def _rows(rows: Sequence[Sequence[object]]) -> list[PhotoFileRow]:
    out = []
    for row in rows:
        record = _record(row[5:]) if row[5] is not None else None
        out.append(PhotoFileRow(row[0], row[1], row[2], row[3], row[4], record))  # type: ignore[arg-type]
    return out


def apply_file_keywords(
    db: sqlite_utils.Database,
    photo_id: int,
    added: Iterable[str],
    removed: Iterable[str],
    withdrawn: Iterable[str] = (),
) -> None:
    """Keywords that appeared in the file become 'file' tags (upgrading a model suggestion; a
    decision made in phototagger stays); keywords gone from the file take their 'file' rows
    with them. `withdrawn`: tags phototagger wrote that the user took out in another tool: one
    they added goes, one they accepted from the model becomes a rejection."""
    now = utc_now()
    with transaction(db):
        for name in withdrawn:
            found = tag_id(db, name)
            if found is not None:
                db.execute(
                    "DELETE FROM photo_tags WHERE photo_id = ? AND tag_id = ? AND state = 'added'",
                    [photo_id, found],
                )
                db.execute(
                    "UPDATE photo_tags SET state = 'rejected', decided_at = ?"
                    " WHERE photo_id = ? AND tag_id = ? AND state = 'accepted'",
                    [now, photo_id, found],
                )
        for name in added:
            tid = ensure_tag(db, name, TagOrigin.USER)
            db.execute(
                "INSERT INTO photo_tags (photo_id, tag_id, state, decided_at)"
                " VALUES (?, ?, 'file', ?)"
                " ON CONFLICT (photo_id, tag_id) DO UPDATE SET state = 'file',"
                " decided_at = excluded.decided_at WHERE photo_tags.state IS NULL",
                [photo_id, tid, now],
            )
        for name in removed:
            found = tag_id(db, name)
            if found is not None:
                db.execute(
                    "DELETE FROM photo_tags WHERE photo_id = ? AND tag_id = ? AND state = 'file'",
                    [photo_id, found],
                )


def respell_photo_tag(db: sqlite_utils.Database, photo_id: int, old: str, new: str) -> bool:
    """Move the photo's row for tag `old` to tag `new` (the same keyword, spelled as the
    library now holds it: a tree 'AC/DC' read before, 'AC∕DC' now), its state and confidence
    kept; where the photo has `new` already, that row stays. Whether `old` is left on no photo
    (its rows were all this keyword, read the old way), with no tag below it."""
    source = tag_id(db, old)
    if source is None:
        return False
    dest = ensure_tag(db, new, TagOrigin.USER)
    with transaction(db):
        db.execute(
            "UPDATE OR IGNORE photo_tags SET tag_id = ? WHERE photo_id = ? AND tag_id = ?",
            [dest, photo_id, source],
        )
        db.execute("DELETE FROM photo_tags WHERE photo_id = ? AND tag_id = ?", [photo_id, source])
    left = db.execute("SELECT 1 FROM photo_tags WHERE tag_id = ? LIMIT 1", [source]).fetchone()
    return left is None and len(subtree_tags(db, old)) == 1


def written_values(db: sqlite_utils.Database, photo_id: int, target: str) -> set[tuple[str, str]]:
    """(field, value) pairs phototagger wrote into `target` for this photo."""
    rows = db.execute(
        "SELECT field, value FROM written_keywords WHERE photo_id = ? AND target = ?",
        [photo_id, target],
    )
    return {(field, value) for field, value in rows}


def move_written(db: sqlite_utils.Database, photo_id: int, old: str, new: str) -> None:
    """The photo moved from path `old` to `new` (a scan followed it): what phototagger wrote
    into it, and into its sidecar beside it ('IMG.JPG.xmp', 'IMG.xmp', a RAW's 'IMG.CR2.xmp'),
    moved with it, as digiKam and Lightroom move a sidecar: recorded under the new names."""
    old_stem, new_stem = os.path.splitext(old)[0], os.path.splitext(new)[0]
    targets = [
        row[0]
        for row in db.execute(
            "SELECT DISTINCT target FROM written_keywords WHERE photo_id = ?", [photo_id]
        )
    ]
    for target in targets:
        if target == old or target.startswith(old + "."):
            moved = new + target[len(old) :]
        elif target.startswith(old_stem + "."):
            moved = new_stem + target[len(old_stem) :]
        else:
            continue
        db.execute(
            "DELETE FROM written_keywords WHERE photo_id = ? AND target = ?", [photo_id, moved]
        )
        db.execute(
            "UPDATE written_keywords SET target = ? WHERE photo_id = ? AND target = ?",
            [moved, photo_id, target],
        )


def written_in_field(db: sqlite_utils.Database, photo_id: int, field: str) -> set[str]:
    """Values phototagger wrote into `field` of any of this photo's files."""
    rows = db.execute(
        "SELECT value FROM written_keywords WHERE photo_id = ? AND field = ?", [photo_id, field]
    )
    return {row[0] for row in rows}


def set_written_values(
    db: sqlite_utils.Database, photo_id: int, target: str, pairs: Iterable[tuple[str, str]]
) -> None:
    """Replace the record of what phototagger wrote into `target` for this photo."""
    now = utc_now()
    with transaction(db):
        db.execute(
            "DELETE FROM written_keywords WHERE photo_id = ? AND target = ?", [photo_id, target]
        )
        db.conn.executemany(
            "INSERT OR IGNORE INTO written_keywords (photo_id, target, field, value, written_at)"
            " VALUES (?, ?, ?, ?, ?)",
            [(photo_id, target, f, v, now) for f, v in pairs],
        )


def regions_of_photos(
    db: sqlite_utils.Database, photo_ids: Sequence[int]
) -> dict[int, tuple[tuple[dict[str, object], ...], frozenset[str]]]:
    """Each photo's face regions as last read from its files (FileRecord.regions), and of the
    tags they gave, those no keyword of the files gives too (by name_key): photos whose files
    hold regions only."""
    from phototagger.store.tags import name_key

    found: dict[int, tuple[tuple[dict[str, object], ...], frozenset[str]]] = {}
    for chunk, marks in in_chunks(list(photo_ids)):
        rows = db.execute(
            "SELECT photo_id, regions, keywords FROM photo_file_metadata"
            f" WHERE photo_id IN ({marks}) AND regions IS NOT NULL AND regions != '[]'",
            chunk,
        )
        for photo_id, regions_json, keywords_json in rows:
            regions = tuple(json.loads(regions_json))
            keywords = {name_key(k) for k in json.loads(keywords_json or "[]")}
            tags = [str(r["tag"]) for r in regions if r.get("tag")]
            only = frozenset(tag for tag in tags if name_key(tag) not in keywords)
            found[photo_id] = (regions, only)
    return found


@dataclass(frozen=True)
class FaceNameSpread:
    """The tags only the photos' face regions give (a name digiKam or Lightroom put on a face, no
    keyword of the files giving it too), on photos in the library: `stats` says them apart from
    the keywords. `pairs`: (photo id, the tag's name_key); people and pets: different tags."""

    pairs: frozenset[tuple[int, str]] = frozenset()
    people: int = 0
    pets: int = 0
    photos: int = 0


def face_name_spread(db: sqlite_utils.Database) -> FaceNameSpread:
    from phototagger.store.tags import _in_library, name_key

    rows = db.execute(
        "SELECT m.photo_id, m.regions, m.keywords FROM photo_file_metadata m"
        " WHERE m.regions IS NOT NULL AND m.regions != '[]'"
        f" AND {_in_library('m.photo_id')}"
    ).fetchall()
    if not rows:
        return FaceNameSpread()
    # Only the tags still read from the files: one the user rejected is their answer.
    held = {
        (photo_id, name_key(name))
        for photo_id, name in db.execute(
            "SELECT pt.photo_id, t.name FROM photo_tags pt JOIN tags t ON t.id = pt.tag_id"
            " WHERE pt.state = 'file' AND pt.photo_id IN"
            " (SELECT photo_id FROM photo_file_metadata WHERE regions IS NOT NULL)"
        )
    }
    pairs: set[tuple[int, str]] = set()
    kinds: dict[str, set[str]] = {}
    for photo_id, regions_json, keywords_json in rows:
        keywords = {name_key(k) for k in json.loads(keywords_json or "[]")}
        for region in json.loads(regions_json):
            tag = region.get("tag")
            if not tag or name_key(str(tag)) in keywords:
                continue
            key = name_key(str(tag))
            if (photo_id, key) in held:
                pairs.add((photo_id, key))
                kinds.setdefault(str(region.get("kind")), set()).add(key)
    return FaceNameSpread(
        pairs=frozenset(pairs),
        people=len(kinds.get("face", set())),
        pets=len(kinds.get("pet", set())),
        photos=len({photo_id for photo_id, _ in pairs}),
    )


def stars_of(rating: int | None) -> int | None:
    """A file's rating as stars, 0 to 5, as every output says it (`search --json`, `export
    --json`, `metadata read`): None for a file rated -1, the reject Lightroom, Bridge and
    darktable write in place of its stars, which is a pick ("rejected"), not a rating."""
    return rating if rating is not None and rating >= 0 else None


def photos_marked(
    db: sqlite_utils.Database,
    rating: int | None = None,
    label: str | None = None,
    pick: str | None = None,
) -> list[int]:
    """Ids (ascending) of the photos in the library whose files, as last read, have at least
    `rating` stars (1-5), the colour label `label` and the pick flag `pick` ('accepted',
    'rejected', 'pending'; a file rated -1, Lightroom's and darktable's reject, is read as
    'rejected'); None: any. A photo whose files were never read, or say none of it, matches no
    such choice."""
    from phototagger.store.tags import _in_library

    where, params = [_in_library("photo_id")], list[object]()
    if rating is not None:
        where.append("rating >= ?")
        params.append(rating)
    if label is not None:
        # Compared by label_key, not as kept: a label read as 'weiß' is asked for as 'weiss'.
        held = [c for c in _labels_held(db) if label_key(c) == label_key(label)]
        where.append(f"color IN ({', '.join('?' * len(held))})" if held else "0")
        params += held
    if pick is not None:
        where.append("pick = ?")
        params.append(pick)
    rows = db.execute(
        f"SELECT photo_id FROM photo_file_metadata WHERE {' AND '.join(where)} ORDER BY photo_id",
        params,
    )
    return [row[0] for row in rows]


def label_counts(db: sqlite_utils.Database) -> list[tuple[str, int]]:
    """The colour labels the library's files have, as last read, and on how many photos each."""
    from phototagger.store.tags import _in_library

    rows = db.execute(
        "SELECT color, COUNT(*) FROM photo_file_metadata WHERE color IS NOT NULL AND color != ''"
        f" AND {_in_library('photo_id')} GROUP BY color ORDER BY color"
    )
    # One entry a label as label_key sees it ('Weiß' and 'WEISS' are one), named as first read.
    counts: dict[str, tuple[str, int]] = {}
    for color, n in rows:
        name, seen = counts.get(label_key(color), (str(color), 0))
        counts[label_key(color)] = (name, seen + int(n))
    return list(counts.values())


def label_key(label: str) -> str:
    """A colour label as labels are compared: 'Red', 'red ' and 'RED' are one label, and so are
    'Weiß' and 'WEISS' (casefolded). Files' labels are kept as read, lowercased ('weiß'), for
    showing; labels kept by older reads compare the same way."""
    return label.strip().casefold()


def _labels_held(db: sqlite_utils.Database) -> list[str]:
    rows = db.execute("SELECT DISTINCT color FROM photo_file_metadata WHERE color IS NOT NULL")
    return [str(row[0]) for row in rows]
