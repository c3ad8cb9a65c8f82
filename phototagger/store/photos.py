"""Library folders and the photos found in them."""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any, TypeVar

import numpy as np
import numpy.typing as npt
import sqlite_utils

from phototagger.store.connection import in_chunks, transaction
from phototagger.store.name_order import natural_key
from phototagger.store.records import PHOTO_COLUMNS, Photo, utc_now
from phototagger.store.states import PhotoStatus

_PAGE = 2_000
_Part = TypeVar("_Part")
_SELECT = f"SELECT {', '.join(PHOTO_COLUMNS)} FROM photos"
# Every column but the key, those derived from path, and the timestamps kept by the store
# (name_sort, derived from the name, is not one of PHOTO_COLUMNS).
_UPDATABLE = frozenset(PHOTO_COLUMNS) - {"id", "folder", "name", "added_at", "updated_at"}
# ORDER BY clauses of the grid; each matches an index so 100,000 ids come back unsorted-free.
# Names sort naturally (store/name_order.py): by their key, then as written.
_GRID_ORDERS = {
    "taken": "taken_at IS NULL, taken_at, name_sort, name, id",
    "name": "name_sort, name, id",
    "folder": "folder, name_sort, name, id",
    "added": "id",
}
_STATUSES = frozenset(PhotoStatus)


def _check_status(status: str) -> None:
    if status not in _STATUSES:
        raise ValueError(f"unknown photo status {status!r}")


def add_folder(db: sqlite_utils.Database, path: str) -> None:
    db.execute(
        "INSERT INTO folders (path, added_at) VALUES (?, ?) ON CONFLICT (path) DO NOTHING",
        [path, utc_now()],
    )


def list_folders(db: sqlite_utils.Database) -> list[str]:
    return [row[0] for row in db.execute("SELECT path FROM folders ORDER BY path")]


def library_is_empty(db: sqlite_utils.Database) -> bool:
    """No folder added and no photo: nothing to show until the user adds a folder."""
    query = "SELECT 1 FROM folders UNION ALL SELECT 1 FROM photos LIMIT 1"
    return db.execute(query).fetchone() is None


def remove_folder(db: sqlite_utils.Database, path: str) -> None:
    """Forget a library root; its photos stay until the caller deletes or marks them."""
    db.execute("DELETE FROM folders WHERE path = ?", [path])


def get_photo(db: sqlite_utils.Database, photo_id: int) -> Photo | None:
    row = db.execute(f"{_SELECT} WHERE id = ?", [photo_id]).fetchone()
    return Photo(*row) if row else None


def get_photo_by_path(db: sqlite_utils.Database, path: str) -> Photo | None:
    row = db.execute(f"{_SELECT} WHERE path = ?", [path]).fetchone()
    return Photo(*row) if row else None


def _path_range(under: str) -> tuple[str, str]:
    """Bounds such that lo <= path < hi holds exactly for paths inside folder `under`.

    A range on the unique path index is exact ('/a/b' never matches '/a/bc'), case-sensitive
    like the file system, and needs no LIKE escaping; the character after the separator in
    code point order closes the range.
    """
    sep = os.sep
    prefix = under if under.endswith(sep) else under + sep
    return prefix, prefix[:-1] + chr(ord(sep) + 1)


def known_files(db: sqlite_utils.Database, under: str) -> dict[str, tuple[int, float, int, str]]:
    """path -> (size, mtime, photo id, status) for every photo anywhere below `under`."""
    lo, hi = _path_range(under)
    rows = db.execute(
        "SELECT path, size, mtime, id, status FROM photos WHERE path >= ? AND path < ?",
        [lo, hi],
    )
    return {path: (size, mtime, photo_id, status) for path, size, mtime, photo_id, status in rows}


def insert_photo(
    db: sqlite_utils.Database,
    *,
    path: str,
    size: int | None,
    mtime: float | None,
    content_hash: str | None,
    width: int | None,
    height: int | None,
    taken_at: str | None,
    orientation: int | None,
    status: str,
) -> int:
    _check_status(status)
    now = utc_now()
    cursor = db.execute(
        "INSERT INTO photos (path, folder, name, name_sort, size, mtime, content_hash, width,"
        " height, taken_at, orientation, status, added_at, updated_at)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            path,
            os.path.dirname(path),
            os.path.basename(path),
            natural_key(os.path.basename(path)),
            size,
            mtime,
            content_hash,
            width,
            height,
            taken_at,
            orientation,
            status,
            now,
            now,
        ],
    )
    return int(cursor.lastrowid or 0)


def update_photo(db: sqlite_utils.Database, photo_id: int, **fields: Any) -> None:
    """Change some columns of one photo; a new path also moves its folder and name."""
    unknown = set(fields) - _UPDATABLE
    if unknown:
        raise ValueError(f"cannot update photo column(s): {', '.join(sorted(unknown))}")
    if "status" in fields:
        _check_status(fields["status"])
    values = dict(fields)
    if "path" in values:
        values["folder"] = os.path.dirname(values["path"])
        values["name"] = os.path.basename(values["path"])
        values["name_sort"] = natural_key(values["name"])
    values["updated_at"] = utc_now()
    # Column names come from the whitelist above, never from the caller's strings.
    assignments = ", ".join(f"{column} = ?" for column in values)
    db.execute(f"UPDATE photos SET {assignments} WHERE id = ?", [*values.values(), photo_id])


def find_by_hash(db: sqlite_utils.Database, content_hash: str) -> list[Photo]:
    rows = db.execute(f"{_SELECT} WHERE content_hash = ? ORDER BY id", [content_hash])
    return [Photo(*row) for row in rows]


def set_status(db: sqlite_utils.Database, photo_ids: Sequence[int], status: str) -> None:
    _check_status(status)
    now = utc_now()
    with transaction(db):
        db.conn.executemany(
            "UPDATE photos SET status = ?, updated_at = ? WHERE id = ?",
            [(status, now, photo_id) for photo_id in photo_ids],
        )


def mark_missing(db: sqlite_utils.Database, photo_ids: Sequence[int]) -> None:
    """The files are gone; rows and the user's tags stay, in case the files come back."""
    set_status(db, photo_ids, PhotoStatus.MISSING)


def mark_trashed_ids(db: sqlite_utils.Database, photo_ids: Sequence[int]) -> None:
    """Note the photos (marked missing) as moved to the trash by the user, not files gone; a
    status set back (Undo, a scan finding one again) takes the note off (migration 22)."""
    now = utc_now()
    db.conn.executemany(
        "INSERT OR REPLACE INTO trashed_photos (photo_id, trashed_at) VALUES (?, ?)",
        [(i, now) for i in photo_ids],
    )


def count_trashed(db: sqlite_utils.Database) -> int:
    """Of the missing photos, those the user moved to the trash from phototagger."""
    row = db.execute(
        "SELECT count(*) FROM trashed_photos t JOIN photos p ON p.id = t.photo_id"
        " WHERE p.status = 'missing'"
    ).fetchone()
    return int(row[0])


def count_out_of_folders(
    db: sqlite_utils.Database, removed: Sequence[str], read_only: bool = False
) -> int:
    """Of the missing photos, those in one of the `removed` folders (taken out of the library,
    core/folders.remove_folder) and in no folder of the library now (not added again), the
    trashed ones left to count_trashed: not files gone. `read_only`: only those a scan read
    (a content hash): not the files that could not be read, whose status went with them."""
    if not removed:
        return 0
    out, kept = [_path_range(f) for f in removed], [_path_range(f) for f in list_folders(db)]
    within = " OR ".join("(path >= ? AND path < ?)" for _ in out)
    inside = " OR ".join("(path >= ? AND path < ?)" for _ in kept) or "0"
    row = db.execute(
        "SELECT count(*) FROM photos WHERE status = 'missing'"
        + (" AND content_hash IS NOT NULL" if read_only else "")
        + f" AND id NOT IN (SELECT photo_id FROM trashed_photos) AND ({within}) AND NOT ({inside})",
        [bound for pair in (*out, *kept) for bound in pair],
    ).fetchone()
    return int(row[0])


def delete_photos(db: sqlite_utils.Database, photo_ids: Sequence[int]) -> None:
    """Forget photos entirely; their tags and embeddings go with them (ON DELETE CASCADE)."""
    with transaction(db):
        db.conn.executemany("DELETE FROM photos WHERE id = ?", [(i,) for i in photo_ids])


def pending_photos(
    db: sqlite_utils.Database, limit: int | None = None, order: str = "added"
) -> list[Photo]:
    """The photos waiting to be tagged, in grid order `order` (photo_ids_sorted's orders;
    'added': as found)."""
    order_by = _order_by(order)
    if order == "folder":
        groups: dict[str, list[Photo]] = {}
        for row in db.execute(f"{_SELECT} WHERE status = 'pending' ORDER BY {order_by}"):
            photo = Photo(*row)
            groups.setdefault(photo.folder, []).append(photo)
        ordered = [p for part in _in_folder_order(db, groups.items()) for p in part]
        return ordered if limit is None else ordered[:limit]
    # LIMIT -1 is SQLite for "no limit", which keeps one statement for both cases.
    rows = db.execute(
        f"{_SELECT} WHERE status = 'pending' ORDER BY {order_by} LIMIT ?",
        [-1 if limit is None else limit],
    )
    return [Photo(*row) for row in rows]


def count_by_status(db: sqlite_utils.Database) -> dict[str, int]:
    """Photos per status; every known status is present, zero included."""
    counts: dict[str, int] = dict.fromkeys(sorted(PhotoStatus), 0)
    for status, count in db.execute("SELECT status, count(*) FROM photos GROUP BY status"):
        counts[status] = count
    return counts


def all_photos(db: sqlite_utils.Database) -> Iterator[Photo]:
    """Every photo by path, read a page at a time.

    Paging by key keeps no statement open between pages, so the caller may write to the
    database while iterating, and no long read snapshot holds back WAL checkpoints.
    """
    last = ""
    while True:
        rows = db.execute(f"{_SELECT} WHERE path > ? ORDER BY path LIMIT ?", [last, _PAGE])
        page = rows.fetchall()
        for row in page:
            yield Photo(*row)
        if len(page) < _PAGE:
            return
        last = page[-1][1]


def _order_by(order: str) -> str:
    try:
        return _GRID_ORDERS[order]
    except KeyError:
        raise ValueError(f"unknown order {order!r}; use one of {sorted(_GRID_ORDERS)}") from None


def photo_ids_sorted(
    db: sqlite_utils.Database,
    order: str = "taken",
    photo_ids: Sequence[int] | None = None,
    include_missing: bool = False,
) -> list[int]:
    """Photo ids in grid order: 'taken' (undated last), 'name', 'folder' or 'added'.

    `photo_ids` restricts the result to those ids (a search result) in the same order.
    """
    order_by = _order_by(order)
    where = "" if include_missing else "WHERE status != 'missing'"
    # A restricted list is cut from the full ordering: the ordered index scan costs a few ms,
    # and it avoids binding thousands of ids.
    if order == "folder":
        rows = db.execute(f"SELECT folder, id FROM photos {where} ORDER BY {order_by}")
        groups: dict[str, list[int]] = {}
        for folder, photo_id in rows:
            groups.setdefault(folder, []).append(photo_id)
        ids = [i for part in _in_folder_order(db, groups.items()) for i in part]
    else:
        ids = [row[0] for row in db.execute(f"SELECT id FROM photos {where} ORDER BY {order_by}")]
    if photo_ids is None:
        return ids
    wanted = set(photo_ids)
    return [i for i in ids if i in wanted]


def name_key(name: str) -> tuple[str, str]:
    """How the sidebar orders a folder among those beside it: by its natural key ('apple'
    before 'Zoo', 'Trip 9' before 'Trip 10', 'Émojis' with the E's), then as written."""
    return natural_key(name), name


def root_key(root: str) -> tuple[str, ...]:
    """How the sidebar orders the library folders: by name, the same name ('Pictures' on two
    disks) by the whole path."""
    label = os.path.basename(root.rstrip(os.sep)) or root
    return (*name_key(label), natural_key(root), root)


def folder_order(roots: Sequence[str]) -> Callable[[str], tuple[Any, ...]]:
    """The key folders sort by, as the sidebar lists them (core/folders.py): the library folders
    `roots` in root_key order, within each its folders level by level in name_key order, a
    folder's own photos before those of the folders inside it; a folder in none of them last.
    By whole path instead, '/a/x/Pictures' came before '/b/Photos' while the sidebar listed
    'Photos' first."""
    prefixes = [r.rstrip(os.sep) + os.sep for r in roots]
    outer = [r for r in roots if not any(r.startswith(p) for p in prefixes)]
    ranked = [(r, r.rstrip(os.sep) + os.sep) for r in sorted(outer, key=root_key)]

    def key(folder: str) -> tuple[Any, ...]:
        for rank, (root, prefix) in enumerate(ranked):
            if folder == root or folder.startswith(prefix):
                inside = folder[len(prefix) :] if folder != root else ""
                return (rank, *(name_key(part) for part in inside.split(os.sep) if part))
        return (len(ranked), *(name_key(part) for part in folder.split(os.sep)))

    return key


def _in_folder_order(db: sqlite_utils.Database, groups: Iterable[tuple[str, _Part]]) -> list[_Part]:
    """Each folder's part (its ids), the folders in the sidebar's order (folder_order)."""
    key = folder_order(list_folders(db))
    return [part for _, part in sorted(groups, key=lambda g: (key(g[0]), g[0]))]


def photo_generation(db: sqlite_utils.Database) -> int | None:
    """A number that changes whenever a photo is added, deleted, goes missing or comes back, or
    its name, folder or date changes (a trigger keeps it, schema v9): while it holds, the grid
    orders of photo_ids_sorted hold too. None in a library without it."""
    try:
        row = db.execute("SELECT generation FROM photo_generation WHERE id = 1").fetchone()
    except sqlite3.OperationalError:
        return None
    return None if row is None else int(row[0])


def photo_ids_in_order(db: sqlite_utils.Database, order: str = "taken") -> npt.NDArray[np.int64]:
    """photo_ids_sorted(db, order) as an array, read as one string in one step.

    Row by row, Python's sqlite3 gives up the interpreter lock around each of 100,000 steps; with
    another thread busy (the GUI, the statistics reader) each step then waits for the lock, and
    the read took 250-350 ms instead of 60. The LIMIT keeps SQLite from dropping or flattening
    the subquery's ORDER BY, so group_concat sees the rows in order (SQLite 3.44 says so
    outright with ORDER BY inside the call; older versions keep the order this way too).
    """
    order_by = _order_by(order)
    where = "WHERE status != 'missing'"
    if order == "folder":
        # Byte order put 'Zoo' before 'apple' and 'Émojis' after 'Tierpark': each folder's ids
        # come as one string, and the folders (few) are put in the sidebar's order here.
        # Read in the folder index's order, each folder's rows stay in it (as above, the LIMIT
        # keeps the subquery's ORDER BY); an ORDER BY inside group_concat sorted them again,
        # 2.5 times as slow.
        sql = (
            "SELECT folder, group_concat(id) FROM"
            f" (SELECT folder, id FROM photos {where} ORDER BY {order_by} LIMIT -1)"
            " GROUP BY folder"
        )
        joined = ",".join(_in_folder_order(db, db.conn.execute(sql)))
        return np.fromstring(joined, dtype=np.int64, sep=",") if joined else np.zeros(0, np.int64)
    if sqlite3.sqlite_version_info >= (3, 44, 0):
        sql = f"SELECT group_concat(id, ',' ORDER BY {order_by}) FROM photos {where}"
    else:
        sql = (
            "SELECT group_concat(id) FROM"
            f" (SELECT id FROM photos {where} ORDER BY {order_by} LIMIT -1)"
        )
    row = db.conn.execute(sql).fetchone()
    if not row[0]:
        return np.zeros(0, dtype=np.int64)
    return np.fromstring(row[0], dtype=np.int64, sep=",")


def photos_by_ids(db: sqlite_utils.Database, ids: Sequence[int]) -> list[Photo]:
    """The photos with these ids, in the order given; unknown ids are left out."""
    found: dict[int, Photo] = {}
    for chunk, marks in in_chunks(ids):
        for row in db.execute(f"{_SELECT} WHERE id IN ({marks})", chunk):
            found[row[0]] = Photo(*row)
    return [found[i] for i in ids if i in found]


def photos_named(db: sqlite_utils.Database, names: Iterable[str]) -> list[Photo]:
    """The photos anywhere in the library named as one of `names` is, but for case, accents or
    leading zeros (their grid key, store/name_order.py: found on its index)."""
    keys = sorted({natural_key(name) for name in names})
    found: list[Photo] = []
    for chunk, marks in in_chunks(keys):
        rows = db.execute(f"{_SELECT} WHERE name_sort IN ({marks}) ORDER BY id", chunk)
        found += [Photo(*row) for row in rows]
    return found


def set_model_version(db: sqlite_utils.Database, photo_ids: Sequence[int], version: str) -> None:
    """Record which model version last tagged these photos."""
    for chunk, marks in in_chunks(photo_ids):
        db.execute(
            f"UPDATE photos SET model_version = ? WHERE id IN ({marks}) AND status != 'missing'",
            [version, *chunk],
        )


def same_content_groups(db: sqlite_utils.Database) -> list[list[int]]:
    """Ids of present photos sharing a content hash (exact copies), one list per hash."""
    rows = db.execute(
        "SELECT content_hash, id FROM photos WHERE status != 'missing' AND content_hash IN"
        " (SELECT content_hash FROM photos WHERE status != 'missing' AND content_hash IS NOT NULL"
        "  GROUP BY content_hash HAVING count(*) > 1) ORDER BY content_hash, id"
    )
    groups: dict[str, list[int]] = {}
    for content_hash, photo_id in rows:
        groups.setdefault(content_hash, []).append(photo_id)
    return list(groups.values())


# A file no decode has ever read that holds nothing of the user's (no tag row of any kind, no
# model version): a text file named .jpg, an empty one. It is listed in Problems, not counted or
# shown among the photos. A photo damaged after it was read keeps its tags, and stays.
_UNREAD = (
    "status = 'problem' AND model_version IS NULL"
    " AND NOT EXISTS (SELECT 1 FROM photo_tags pt WHERE pt.photo_id = photos.id)"
)


# Files a scan has found and not read yet (no hash: never decoded), holding nothing of the
# user's: the grid shows them, waiting, but whether each is a photo is not known until it is
# read (a text file named .jpg, an empty one), so no count counts them as photos.
_FOUND_UNREAD = (
    "status = 'pending' AND content_hash IS NULL"
    " AND NOT EXISTS (SELECT 1 FROM photo_tags pt WHERE pt.photo_id = photos.id)"
)


def found_unread_ids(db: sqlite_utils.Database) -> list[int]:
    """Ids of the files found and not read yet (_FOUND_UNREAD)."""
    rows = db.execute(f"SELECT id FROM photos WHERE {_FOUND_UNREAD} ORDER BY id")
    return [row[0] for row in rows]


def count_found_unread(db: sqlite_utils.Database) -> int:
    """How many files were found and not read yet (_FOUND_UNREAD)."""
    return int(db.execute(f"SELECT COUNT(*) FROM photos WHERE {_FOUND_UNREAD}").fetchone()[0])


def count_unread(db: sqlite_utils.Database) -> int:
    """How many files the library holds but never could read (unread_ids)."""
    return int(db.execute(f"SELECT COUNT(*) FROM photos WHERE {_UNREAD}").fetchone()[0])


def unread_ids(db: sqlite_utils.Database) -> list[int]:
    """Ids of the files the library holds but never could read, and that hold nothing else."""
    return [row[0] for row in db.execute(f"SELECT id FROM photos WHERE {_UNREAD} ORDER BY id")]


def counts_by_folder(
    db: sqlite_utils.Database, folders: Sequence[str] | None = None
) -> dict[str, int]:
    """Present photos per folder (the folder each photo is directly in), unread files left out,
    and those a scan found and has not read yet; of every folder, or of `folders` only (read
    from their rows alone). A folder with none is left out.

    Every folder's: the present files per folder, from the folder index alone (it carries the
    status), less the files not to count, found on the status index (only 'problem' and
    'pending' rows can be such a file). One query that looked at each row's hash and model
    version took 79 ms for 500,000 photos, 209 ms with a fifth of them found by a scan and not
    read yet; this one 56 and 112 ms (benchmarks/train_overheads.py). An index on
    photos(folder, status) would save 3-27 ms more, off the GUI thread, for 24 MB and +29 us a
    photo on every scan: not made (benchmarks/folder_status_index.py)."""
    if folders is not None:
        counts: dict[str, int] = {}
        for chunk, marks in in_chunks(sorted(set(folders))):
            rows = db.execute(
                f"SELECT folder, count(*) FROM photos WHERE folder IN ({marks})"
                f" AND status != 'missing' AND NOT ({_UNREAD}) AND NOT ({_FOUND_UNREAD})"
                " GROUP BY folder",
                chunk,
            )
            counts.update(rows)
        return counts
    # One statement: one snapshot of the library, though a scan writes meanwhile.
    rows = db.execute(
        "SELECT folder, present - coalesce(not_photos, 0) FROM"
        " (SELECT folder, count(*) AS present FROM photos WHERE status != 'missing'"
        "  GROUP BY folder)"
        " LEFT JOIN (SELECT folder, count(*) AS not_photos FROM photos"
        "  WHERE status IN ('problem', 'pending')"
        f"  AND (({_UNREAD}) OR ({_FOUND_UNREAD})) GROUP BY folder) USING (folder)"
    )
    return {folder: count for folder, count in rows if count}


def present_photo_ids(db: sqlite_utils.Database) -> list[int]:
    """Ids of every present (not missing) photo, in no particular order: read from the status
    index alone (0.1 to 0.3 s for 100,000 photos; the table's rows are ten times its size)."""
    rows = db.execute("SELECT id FROM photos INDEXED BY photos_status WHERE status != 'missing'")
    return [row[0] for row in rows]


def present_names(db: sqlite_utils.Database) -> tuple[npt.NDArray[np.int64], list[str]]:
    """Every present photo's id and file name, in no particular order, read as two strings in
    one step (as photo_ids_in_order, which says why): the names are apart by '/', which no
    file name holds."""
    row = db.conn.execute(
        "SELECT group_concat(id), group_concat(name, '/') FROM photos WHERE status != 'missing'"
    ).fetchone()
    if not row[0]:
        return np.zeros(0, dtype=np.int64), []
    ids, names = np.fromstring(row[0], dtype=np.int64, sep=","), str(row[1]).split("/")
    if len(names) != len(ids):  # never seen; a name with '/' would shift the rest
        pairs = db.conn.execute("SELECT id, name FROM photos WHERE status != 'missing'")
        read = pairs.fetchall()
        return np.array([i for i, _ in read], dtype=np.int64), [n for _, n in read]
    return ids, names


def missing_photo_ids(db: sqlite_utils.Database) -> set[int]:
    """Ids of the photos marked missing, from the status index alone: where every id to check
    has a photo row, the present ones are those not among these (2 ms for 10,000 missing of
    500,000 photos, where present_photo_ids reads every present photo's id: 0.12-0.15 s)."""
    return {row[0] for row in db.execute("SELECT id FROM photos WHERE status = 'missing'")}


def present_ids_under(
    db: sqlite_utils.Database, under: str, photos_only: bool = False
) -> list[int]:
    """Ids of present photos anywhere below folder `under`; `photos_only`: not the files that
    could not be read (status 'problem'), which the grid and its counts leave out."""
    lo, hi = _path_range(under)
    unread = " AND status != 'problem'" if photos_only else ""
    rows = db.execute(
        f"SELECT id FROM photos WHERE path >= ? AND path < ? AND status != 'missing'{unread}",
        [lo, hi],
    )
    return [row[0] for row in rows]


def ids_not_tagged_by(db: sqlite_utils.Database, version: str) -> list[int]:
    """Ids of tagged photos whose tags came from another model version than `version`."""
    rows = db.execute(
        "SELECT id FROM photos WHERE status = 'tagged' AND model_version IS NOT ? ORDER BY id",
        [version],
    )
    return [row[0] for row in rows]


def ids_tagged_by_other(db: sqlite_utils.Database, version: str) -> list[int]:
    """Ids of photos (of any status) whose model rows are not `version`'s: another version's,
    or none yet."""
    rows = db.execute("SELECT id FROM photos WHERE model_version IS NOT ? ORDER BY id", [version])
    return [row[0] for row in rows]


def missing_photos(db: sqlite_utils.Database) -> list[Photo]:
    """Every photo marked missing (found on the status index)."""
    return [Photo(*row) for row in db.execute(f"{_SELECT} WHERE status = 'missing' ORDER BY id")]


def gone_with_size(db: sqlite_utils.Database, size: int) -> list[Photo]:
    """Missing photos of exactly `size` bytes: the candidates a moved file may have been."""
    rows = db.execute(f"{_SELECT} WHERE size = ? AND status = 'missing' ORDER BY id", [size])
    return [Photo(*row) for row in rows]
