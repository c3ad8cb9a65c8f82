"""Photos the user moved to the system trash: out of the grid, and back in on undo.

Moving the file itself is the front's job (the GUI uses Qt's freedesktop trash, which remembers
where each file came from); here the library is told, keeping each photo's row, tags and
decisions so that an undo, or a file restored from the trash and found by the next scan, comes
back exactly as it was.
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from pathlib import Path

import sqlite_utils

from phototagger.core.duplicate_carry import carry_decisions, take_back
from phototagger.core.metadata.sidecars import candidates, is_sidecar
from phototagger.store import photos as photo_store
from phototagger.store.connection import transaction


def mark_trashed(
    db: sqlite_utils.Database, photo_ids: Sequence[int], onto: Mapping[int, int] | None = None
) -> dict[int, str]:
    """Mark the photos missing, moved to the trash by the user (not files gone: `stats` says
    so); returns each one's status before, for restore_trashed. A photo
    that is a spare copy of one kept (`onto`: its id -> the kept one's, from Find Duplicates)
    leaves the user's decisions on the kept one (core/duplicate_carry.py)."""
    with transaction(db):
        before: dict[int, str] = {p.id: p.status for p in photo_store.photos_by_ids(db, photo_ids)}
        photo_store.mark_missing(db, list(before))
        photo_store.mark_trashed_ids(db, list(before))  # `stats`: not files gone, but trashed
        if onto:
            carry_decisions(db, {i: k for i, k in onto.items() if i in before})
    return before


def restore_trashed(db: sqlite_utils.Database, statuses: Mapping[int, str]) -> None:
    """Put the photos' statuses back as mark_trashed found them, and take the decisions carried
    from them off the copies kept."""
    with transaction(db):
        take_back(db, list(statuses))
        for status in set(statuses.values()):
            photo_store.set_status(db, [i for i, s in statuses.items() if s == status], status)


def photo_paths(db: sqlite_utils.Database, photo_ids: Sequence[int]) -> dict[int, str]:
    return {p.id: p.path for p in photo_store.photos_by_ids(db, photo_ids)}


def sidecars_of(path: str, companions: Sequence[str] = ()) -> list[str]:
    """The XMP sidecars beside the photo at `path` that are its own or its companions' (its RAW
    twin's `IMG.CR2.xmp`): they go to the trash with it, and come back with it, as in digiKam;
    left behind, they were litter beside nothing. A `photo.xmp` named only after the stem is
    its own only when no other file there (but its companions) has that stem."""
    photo = Path(path)
    own = {photo.name, *companions}
    found: list[str] = []
    for sidecar in candidates(photo, companions):
        if str(sidecar) in found or not sidecar.is_file():
            continue
        if sidecar.stem == photo.stem and not _only_files_named(sidecar, own):
            continue
        found.append(str(sidecar))
    return found


def _only_files_named(sidecar: Path, names: set[str]) -> bool:
    """Every file beside `sidecar` with its stem (sidecars aside) is one of `names`."""
    try:
        with os.scandir(sidecar.parent) as entries:
            return all(
                entry.name in names
                for entry in entries
                if Path(entry.name).stem == sidecar.stem and not is_sidecar(Path(entry.name))
            )
    except OSError:
        return False
