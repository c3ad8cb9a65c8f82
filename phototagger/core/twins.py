"""The user's decisions follow a picture when its files pair up or part (core/companions.py).

A RAW scanned alone becomes a companion when its camera JPEG appears later (the JPEGs copied
in a second step): the pair is one photo, the JPEG's, so the RAW's own row goes and its labels
and keywords go onto the pair. A pair whose JPEG is deleted (photographers often keep only the
RAW) leaves the RAW as a photo of its own: the pair's decisions go onto it. Nothing the user
decided is left behind on a row nobody sees.
"""

from __future__ import annotations

import os
from collections.abc import Collection, Mapping, Sequence

import sqlite_utils

from phototagger.core.errors import PhotoError
from phototagger.core.file_guard import hash_file
from phototagger.core.names import os_path
from phototagger.store.media import media_of
from phototagger.store.photos import delete_photos, get_photo, get_photo_by_path, photos_by_ids
from phototagger.store.tags import carry_decisions

Known = Mapping[str, tuple[int, float, int, str]]  # path -> (size, mtime, id, status)


def absorb_companions(
    db: sqlite_utils.Database, still_path: str, companions: Sequence[str], known: Known
) -> list[str]:
    """A still found with companions that were photos of their own: their decisions move onto
    the still's photo and their rows go. Returns the paths absorbed."""
    still = get_photo_by_path(db, still_path)
    absorbed = []
    for path in companions:
        row = known.get(path)
        if still is None or row is None or row[2] == still.id:
            continue
        carry_decisions(db, row[2], still.id)
        delete_photos(db, [row[2]])
        absorbed.append(path)
    return absorbed


def release_companions(
    db: sqlite_utils.Database, gone: Sequence[int], seen: Collection[str]
) -> None:
    """Stills that are gone leave their companions as photos of their own (found in `seen`):
    the stills' decisions go onto them."""
    for photo_id, media in media_of(db, list(gone)).items():
        if not media.companions:
            continue
        still = get_photo(db, photo_id)
        for name in media.companions:
            path = os.path.join(still.folder, name) if still is not None else None
            if path is None or path not in seen:
                continue
            photo = get_photo_by_path(db, path)
            if photo is not None:
                carry_decisions(db, photo_id, photo.id)


def companions_moved_back(
    db: sqlite_utils.Database, paired: Mapping[str, str], unseen: Known
) -> list[str]:
    """Rows of `unseen` (known photos the walk did not find) that are a companion found beside
    a still, moved there: same name and size, and the same content hash (only such a
    candidate's file is read). Their decisions go onto the still's photo and their rows go.
    `paired` is companion path -> still path. Returns the unseen paths absorbed."""
    unseen_names = {os.path.basename(old).casefold() for old in unseen}
    by_name: dict[tuple[str, int], list[str]] = {}
    for path in paired:
        if os.path.basename(path).casefold() not in unseen_names:
            continue  # the usual rescan: no file stat for each pair's RAW
        try:
            size = os.stat(os_path(path)).st_size
        except OSError:
            continue
        by_name.setdefault((os.path.basename(path).casefold(), size), []).append(path)
    candidates = {
        old: by_name[(os.path.basename(old).casefold(), row[0])]
        for old, row in unseen.items()
        if (os.path.basename(old).casefold(), row[0]) in by_name
    }
    if not candidates:
        return []
    rows = {p.id: p for p in photos_by_ids(db, [unseen[old][2] for old in candidates])}
    absorbed: list[str] = []
    for old, companions in candidates.items():
        photo = rows.get(unseen[old][2])
        for path in companions:
            try:
                same = photo is not None and hash_file(os_path(path))[0] == photo.content_hash
            except PhotoError:
                same = False
            still = get_photo_by_path(db, paired[path]) if same else None
            if photo is not None and still is not None and still.id != photo.id:
                carry_decisions(db, photo.id, still.id)
                delete_photos(db, [photo.id])
                absorbed.append(old)
                break
    return absorbed
