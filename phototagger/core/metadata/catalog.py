"""The library's side of file metadata, for the CLI and the GUI: which photos a path names,
and what a photo's file said when last read."""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

import sqlite_utils

from phototagger.core.catalog import NotInLibraryError, normalise_path, photo_at
from phototagger.core.metadata.sidecars import sidecar_kind, sidecar_only
from phototagger.store.file_metadata import (
    FileRecord,
    file_record,
    photos_with_records,
    regions_of_photos,
    texts_of_photos,
)
from phototagger.store.states import TagState
from phototagger.store.tags import name_key, tags_of_photo


def photo_ids_under(db: sqlite_utils.Database, paths: Sequence[str]) -> tuple[list[int], list[str]]:
    """(ids of present photos that are, or are below, these paths; paths naming none).
    No paths: every photo of the library."""
    if not paths:
        return [row.photo_id for row in photos_with_records(db, os.sep)], []
    ids: dict[int, None] = {}
    unknown = []
    for path in paths:
        # In the library's text form (a name that is not UTF-8), and a RAW twin's path names
        # its pair, as for `tags` and `label`.
        found = [row.photo_id for row in photos_with_records(db, normalise_path(path))]
        if not found:
            try:
                found = [photo_at(db, path).id]
            except NotInLibraryError:
                unknown.append(path)
        ids.update((photo_id, None) for photo_id in found)
    return list(ids), unknown


def file_facts(db: sqlite_utils.Database, photo_id: int) -> FileRecord | None:
    """Rating, pick, colour label and keywords of a photo's files as last read (None: never)."""
    return file_record(db, photo_id)


def file_texts_of(
    db: sqlite_utils.Database, photo_ids: Sequence[int]
) -> list[tuple[str | None, str | None]]:
    """The (title, caption) of each of the photos' files as last read, in `photo_ids`' order;
    (None, None) for a photo never read."""
    found = texts_of_photos(db, photo_ids)
    return [found.get(photo_id, (None, None)) for photo_id in photo_ids]


def rejected_in_files(db: sqlite_utils.Database, photo_id: int) -> frozenset[str]:
    """The photo's tags the user rejected that its files still carry as keywords (as last
    read): phototagger takes out only keywords it wrote, so digiKam and Lightroom still show
    these."""
    record = file_record(db, photo_id)
    if record is None:
        return frozenset()
    # A keyword the sidecar took out that the photo's own fields still hold (set aside) is
    # still in its file: digiKam reads the sidecar over it, but any other program shows it.
    in_files = {name_key(k) for k in (*record.keywords, *record.set_aside)}
    return frozenset(
        t.name
        for t in tags_of_photo(db, photo_id)
        if t.state == TagState.REJECTED and name_key(t.name) in in_files
    )


def named_on_faces(db: sqlite_utils.Database, photo_id: int) -> frozenset[str]:
    """The photo's tags only its files' face regions give (a name digiKam, Lightroom or Windows
    Photo Gallery put on a face, with no keyword of it), as last read."""
    return regions_of_photos(db, [photo_id]).get(photo_id, ((), frozenset()))[1]


def any_sidecar_only(db: sqlite_utils.Database, photo_ids: Sequence[int]) -> bool:
    """Whether any of these photos always gets a sidecar (RAW, HEIC/AVIF, clips...), even when
    keywords are written into the files: the only ones a sidecar name then applies to."""
    return any(sidecar_only(Path(row.path)) for row in photos_with_records(db, None, photo_ids))


def sidecar_only_kinds(db: sqlite_utils.Database, photo_ids: Sequence[int]) -> list[str]:
    """The kinds of these photos' files that always get a sidecar, even written into the files
    ("HEIC files", "RAW files", "clips"), by name; [] where every one can hold keywords."""
    paths = (Path(row.path) for row in photos_with_records(db, None, photo_ids))
    return sorted({sidecar_kind(path) for path in paths if sidecar_only(path)})
