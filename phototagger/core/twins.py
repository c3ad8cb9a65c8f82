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
from phototagger.core.folders import inside_another
from phototagger.core.names import os_path
from phototagger.core.states import PhotoStatus
from phototagger.store.media import media_of
from phototagger.store.photos import (
    delete_photos,
    get_photo,
    get_photo_by_path,
    missing_photos,
    photos_named,
)
from phototagger.store.records import Photo
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
    db: sqlite_utils.Database,
    paired: Mapping[str, str],
    fresh: Collection[str],
    walked: Sequence[str],
) -> list[Photo]:
    """Photos whose file is gone that are a companion found beside a still, moved there: same
    name and size, and the same content hash (only such a candidate's file is read). Asked once
    the walk of every folder scanned (`walked`) has marked missing what it no longer finds: the
    missing photos named as a companion in `paired`, wherever they were, and, for the `fresh`
    companions (their still had none before this scan), the photos of their name in folders not
    walked whose file is gone (a RAW sorted into another library folder and moved back, that
    folder not rescanned). Their decisions go onto the still's photo and their rows go.
    `paired` is companion path -> still path. Returns the photos absorbed, as they were."""
    missing = missing_photos(db)  # usually none: then no companion's name is even looked at
    names = {os.path.basename(path).casefold() for path in paired} if missing else set()
    gone = {p.path: p for p in missing if p.name.casefold() in names}
    gone.update((p.path, p) for p in _gone_unwalked(db, fresh, walked))
    if not gone:
        return []
    gone_names = {photo.name.casefold() for photo in gone.values()}
    by_name: dict[tuple[str, int], list[str]] = {}
    for path in paired:
        if os.path.basename(path).casefold() not in gone_names:
            continue  # the usual rescan: no file stat for each pair's RAW
        try:
            size = os.stat(os_path(path)).st_size
        except OSError:
            continue
        by_name.setdefault((os.path.basename(path).casefold(), size), []).append(path)
    absorbed: list[Photo] = []
    for photo in gone.values():
        for path in by_name.get((photo.name.casefold(), photo.size or 0), []):
            try:
                same = hash_file(os_path(path))[0] == photo.content_hash
            except PhotoError:
                same = False
            still = get_photo_by_path(db, paired[path]) if same else None
            if still is not None and still.id != photo.id:
                carry_decisions(db, photo.id, still.id)
                delete_photos(db, [photo.id])
                absorbed.append(photo)
                break
    return absorbed


def _gone_unwalked(
    db: sqlite_utils.Database, fresh: Collection[str], walked: Sequence[str]
) -> list[Photo]:
    """The photos named as one of `fresh` in no folder of `walked` whose file is not where it
    was, not yet marked missing: their folder's walk, in a later scan, would."""
    names = {os.path.basename(path).casefold() for path in fresh}
    return [
        photo
        for photo in photos_named(db, (os.path.basename(path) for path in fresh))
        if photo.name.casefold() in names
        and photo.status != PhotoStatus.MISSING
        and photo.path not in walked
        and not inside_another(photo.path, list(walked))
        and not os.path.exists(os_path(photo.path))
    ]
