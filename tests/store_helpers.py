"""Shared set-up for store tests: a photo row without the fields a test does not care about."""

from __future__ import annotations

import shutil
import sqlite3
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import fields
from pathlib import Path
from typing import Any, TypeVar

import sqlite_utils

from phototagger.core import labels
from phototagger.paths import default_home
from phototagger.store import migrations
from phototagger.store.connection import open_database, transaction
from phototagger.store.file_metadata import FileRecord
from phototagger.store.merge import merge_decisions
from phototagger.store.photos import (
    add_folder,
    delete_photos,
    get_photo_by_path,
    insert_photo,
    mark_missing,
)

DET = Path("/work/shared/data/det-photos")
T = TypeVar("T")

_UNKNOWN = {
    "content_hash": None,
    "width": None,
    "height": None,
    "taken_at": None,
    "orientation": None,
}


def add_photo(
    db: sqlite_utils.Database,
    path: str,
    *,
    status: str = "tagged",
    size: int = 1,
    mtime: float = 1.0,
    **fields: Any,
) -> int:
    """insert_photo with the decoded facts (hash, size in pixels, date...) unknown by default."""
    return insert_photo(
        db, path=path, size=size, mtime=mtime, status=status, **{**_UNKNOWN, **fields}
    )


def small_jpeg_added(db: sqlite_utils.Database, path: Path) -> int:
    """A small JPEG written at `path` and added to the library as found on disk."""
    from PIL import Image

    from phototagger.core.names import storable

    Image.new("RGB", (32, 24), (120, 80, 40)).save(path, format="JPEG")
    st = path.stat()
    return add_photo(db, storable(str(path)), size=st.st_size, mtime=st.st_mtime)


def tag_states(db: sqlite_utils.Database, photo: int | Path) -> dict[str, str | None]:
    """The photo's tags by name, each with its state (None: a model suggestion); `photo`: its
    id, or its path (a photo the library has)."""
    from phototagger.store.tags import tags_of_photo

    if not isinstance(photo, int):
        found = get_photo_by_path(db, str(photo))
        assert found is not None, photo
        photo = found.id
    return {t.name: t.state for t in tags_of_photo(db, photo)}


def library_at_version(path: Path, version: int) -> sqlite_utils.Database:
    """The library at `path` as a phototagger whose schema stood at `version` left it (only its
    first `version` migrations run), open: the caller closes it, and open_database upgrades it."""
    every = migrations.MIGRATIONS
    migrations.MIGRATIONS = every[:version]
    try:
        return open_database(path)
    finally:
        migrations.MIGRATIONS = every


@contextmanager
def todays_file_records(db: sqlite_utils.Database) -> Iterator[None]:
    """Today's keyword reading (sync_file_metadata, save_file_record) run on a library left at a
    schema before v21 (library_at_version), as the upgrade tests read files "as an older
    phototagger did": the file record's columns that schema lacks are added meanwhile and dropped
    after, with what today's code put in them, so the library closed is as that phototagger left
    it (its own columns only) and open_database upgrades it. The store itself reads and writes
    every column, as every library it opens is upgraded first."""
    have = {
        row[0] for row in db.execute("SELECT name FROM pragma_table_info('photo_file_metadata')")
    }
    added = [f.name for f in fields(FileRecord) if f.name not in have]
    for column in added:
        db.execute(f"ALTER TABLE photo_file_metadata ADD COLUMN {column}")
    try:
        yield
    finally:
        if db.conn.in_transaction:
            db.conn.commit()
        for column in added:
            db.execute(f"ALTER TABLE photo_file_metadata DROP COLUMN {column}")


def det_photos_added(db: sqlite_utils.Database, folder: Path, count: int) -> list[tuple[int, Path]]:
    """The first `count` det-photos copied into `folder` (made writable: the shared copies are
    read-only), a folder of the library `db`, each added as a photo: (id, path) each."""
    folder.mkdir()
    add_folder(db, str(folder))
    added = []
    for source in sorted(DET.glob("*.jpg"))[:count]:
        photo = Path(shutil.copy(source, folder / source.name))
        photo.chmod(0o644)
        st = photo.stat()
        added.append((add_photo(db, str(photo), size=st.st_size, mtime=st.st_mtime), photo))
    return added


def embedded_photos(
    db: sqlite_utils.Database, vectors: Any, name: str = "/p/{:05d}.jpg"
) -> list[int]:
    """A photo row (paths `name` numbered from 0) with a base-backbone embedding per row of
    `vectors`, in one transaction; their ids."""
    from phototagger.core.embeddings import encode_embedding
    from phototagger.ml.engine import BACKBONE_NAME
    from phototagger.store.connection import transaction
    from phototagger.store.embeddings import put_embeddings

    with transaction(db):
        ids = [add_photo(db, name.format(i)) for i in range(len(vectors))]
        put_embeddings(
            db,
            BACKBONE_NAME,
            [(pid, encode_embedding(v)) for pid, v in zip(ids, vectors, strict=True)],
        )
    return ids


def keywords_read(folder: Path, photo: Path) -> None:
    """`photo` (in `folder`) added to the test's library and its keywords read, as a scan
    adds a photo and reads them (no model)."""
    from phototagger.core.library import open_library
    from phototagger.core.metadata.sync import sync_file_metadata
    from phototagger.paths import default_home

    with open_library(default_home()) as library:
        add_folder(library.db, str(folder))
        st = photo.stat()
        add_photo(library.db, str(photo), size=st.st_size, mtime=st.st_mtime)
        sync_file_metadata(library.db, [str(folder)])


def labelled_in_home(tag: str) -> int:
    """How many photos the user gave `tag` in the default home's library, once its database is
    checked sound (read by SQLite alone, as a fresh process would)."""
    with sqlite3.connect(default_home().database) as db:
        assert db.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        return int(
            db.execute(
                "SELECT COUNT(*) FROM photo_tags JOIN tags ON tags.id = photo_tags.tag_id "
                "WHERE tags.name = ? AND photo_tags.state = 'added'",
                (tag,),
            ).fetchone()[0]
        )


def edited_undone_redone(
    db: sqlite_utils.Database, edits: Sequence[labels.Edit], seen: Callable[[], T]
) -> T:
    """`edits` applied, undone and done again, `seen()` read after each (it checks what it
    reads); returns what it read after the edits, which it must read again after the redo."""
    change = labels.apply_edits(db, edits)
    after = seen()
    labels.undo(db, change)
    seen()
    labels.redo(db, change)
    assert seen() == after
    return after


def deleted_and_merged(
    db: sqlite_utils.Database, photos: tuple[int, int, int, int], seen: Callable[[], object]
) -> None:
    """Of `photos` (out, in, copy, kept): `out` taken out of the library, then `out` and `in`
    deleted; then the decisions of `copy` merged into `kept`; `seen()` read after each (it
    checks what it reads)."""
    out, inside, copy, kept = photos
    with transaction(db):
        mark_missing(db, [out])
    delete_photos(db, [out, inside])
    seen()
    merge_decisions(db, copy, kept)
    seen()


def drawn_write(
    db: sqlite_utils.Database,
    rng: Any,
    ids: list[int],
    step: int,
    kind: int,
    names: Sequence[str],
    *,
    confidences: Sequence[float] = (0.9,),
    decided: Sequence[str] | None = None,
    statuses: Sequence[str] = ("tagged",),
    replaced: tuple[int, int, Sequence[str]] = (40, 5, ("tagged",)),
) -> None:
    """One write of kind `kind` drawn by `rng` on the photos `ids`: 0 the model's tags (of
    `names`, each scored one of `confidences`), 1 a decision set or taken back (on one of
    `decided`, `names` by default), 2 a row deleted, 3 three photos marked missing, 4 three set
    to one of `statuses`; any other: at each `replaced` (every, at) step a photo deleted and
    another added in its place, with one of `replaced`'s statuses."""
    from phototagger.store.tags import set_user_state, write_model_tags

    pid = rng.choice(ids)
    if kind == 0:
        picked = rng.sample(list(names), rng.randrange(len(names) + 1))
        scores = {name: rng.choice(confidences) for name in names}
        write_model_tags(db, pid, scores, picked, f"v{step}")
    elif kind == 1:
        tag = rng.choice(decided or names)
        set_user_state(db, pid, tag, rng.choice([None, "accepted", "rejected"]))
    elif kind == 2:
        with transaction(db):
            db.execute(
                "DELETE FROM photo_tags WHERE photo_id = ? AND tag_id IN"
                " (SELECT id FROM tags WHERE name = ?)",
                [pid, rng.choice(decided or names)],
            )
    elif kind == 3:
        with transaction(db):
            mark_missing(db, rng.sample(ids, 3))
    elif kind == 4:
        from phototagger.store.photos import set_status

        set_status(db, rng.sample(ids, 3), rng.choice(statuses))
    elif step % replaced[0] == replaced[1]:
        delete_photos(db, [pid])
        ids.remove(pid)
        ids.append(add_photo(db, f"/lib/new{step}.jpg", status=rng.choice(replaced[2])))


def upgraded_and_set_back(
    path: Path, version: int, read: Callable[[sqlite_utils.Database], T]
) -> T:
    """The library at `path`, left at schema `version`, opened (upgraded): what `read` reads;
    then set back to `version` and opened again, upgraded anew: `read` reads the same (the
    kept counts counted anew, not twice)."""
    db = open_database(path)
    try:
        assert migrations.user_version(db) == migrations.LATEST_VERSION
        first = read(db)
        db.execute(f"PRAGMA user_version = {version}")
    finally:
        db.close()
    db = open_database(path)
    try:
        assert read(db) == first
    finally:
        db.close()
    return first
