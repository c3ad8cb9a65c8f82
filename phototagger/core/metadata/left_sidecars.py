"""A photo's XMP sidecar left behind when the photo was moved or renamed in a file manager.

The photo keeps its tags (a scan finds it moved by its content), but its sidecar stayed where it
was, beside no photo: digiKam and darktable, which look for it beside the photo, no longer find
its keywords, and phototagger looked only there too. Those programs carry a sidecar along in the
moves and renames made in them (as phototagger's trash does); one made in a file manager leaves
it, and phototagger does not move the user's file on its own either. Instead, the sidecar the
photo had when last read, still where it was and beside no photo of its name, is read for the
photo as before (an edit made in it before the move is not lost), and listed in Problems with
what to do: move it beside the photo under the photo's name, or delete it. Once it is beside the
photo, or gone, or a photo of its name is beside it again, it is no longer listed.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

import sqlite_utils

from phototagger.core.errors import LEFT_SIDECAR
from phototagger.core.metadata.sidecars import (
    NAMING_BASE,
    NAMING_FULL,
    find_sidecar,
    photo_of_sidecar,
    sidecar_for,
)
from phototagger.core.names import os_path
from phototagger.core.walk import is_supported
from phototagger.store.file_metadata import file_record, sidecars_in_use
from phototagger.store.problems import clear_problem, get_problem, record_problem


def left_behind(sidecar: str | None) -> str | None:
    """`sidecar` (the one a photo had when last read, none now beside it: sync asks only
    then) if the photo left it behind: still there, and beside no photo of its name
    (a photo of that name back beside it owns it); else None."""
    if sidecar is None:
        return None
    path = Path(os_path(sidecar))
    if not path.is_file() or photo_of_sidecar(path) is not None:
        return None
    return sidecar


def left_sidecar_of(
    db: sqlite_utils.Database, photo_id: int, photo: Path, companions: Sequence[str] = ()
) -> Path | None:
    """The sidecar the photo left behind when it was moved or renamed, read for it until now:
    a keyword write's new sidecar beside it starts from it, `metadata read` reads it. None
    where the photo has one beside it, or left none."""
    if find_sidecar(photo, companions) is not None:
        return None
    record = file_record(db, photo_id)
    left = left_behind(record.sidecar_path if record is not None else None)
    return Path(os_path(left)) if left is not None else None


def where_it_belongs(photo: str, sidecar: str) -> str:
    """The name the sidecar takes beside the photo where it is now: photo.jpg.xmp (digiKam's
    and darktable's) stays of that form, photo.xmp (Lightroom's) of its own."""
    named_for = Path(os_path(sidecar)).stem  # 'IMG_1.jpg' or 'IMG_1'
    naming = NAMING_FULL if is_supported(named_for) else NAMING_BASE
    return str(sidecar_for(Path(photo), naming))


def left_words(photo: str, sidecar: str) -> str:
    """What Problems says of a sidecar left behind, and what to do."""
    return (
        f"the XMP sidecar of {photo}, left behind when the photo was moved or renamed: its "
        "keywords are still read for the photo, but digiKam and darktable look for them beside "
        f"it; move this file to {where_it_belongs(photo, sidecar)}, or delete it if you do not "
        "need them"
    )


def carried_words(into: str) -> str:
    """What a keyword write says of a sidecar left behind that it made the photo's new sidecar,
    `into`, from (its rating, labels and other programs' fields carried along): it stays where
    it is, read no more."""
    return (
        "what it held (rating, labels, other programs' fields) went with your keywords into "
        f"{into}, beside the photo that left it behind; it is no longer read: delete it if you "
        "no longer need it"
    )


def note_left_behind(db: sqlite_utils.Database, photo: str, sidecar: str) -> str | None:
    """List the sidecar in Problems; its words if it was not listed so before (to tell once)."""
    words = left_words(photo, sidecar)
    before = get_problem(db, sidecar)
    record_problem(db, sidecar, LEFT_SIDECAR, words)
    return None if before is not None and before.code == LEFT_SIDECAR else words


def no_longer_left(db: sqlite_utils.Database, sidecar: str | None) -> None:
    """The sidecar the photo had is no longer left behind (moved beside it, gone): unlisted."""
    if sidecar is not None:
        clear_problem(db, sidecar, LEFT_SIDECAR)


def still_left(db: sqlite_utils.Database, paths: set[str]) -> set[str]:
    """Of listed sidecars left behind, those still there and still read for their photo (not
    one deleted since): a scan's walk keeps them listed."""
    return {p for p in sidecars_in_use(db, paths) if os.path.isfile(os_path(p))}
