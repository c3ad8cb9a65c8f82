"""The user's decisions follow a picture when its files pair up or part (core/companions.py).

A RAW scanned alone becomes a companion when its camera JPEG appears later (the JPEGs copied
in a second step): the pair is one photo, the JPEG's, so the RAW's own row goes and its labels
and keywords go onto the pair. A pair whose JPEG is deleted (photographers often keep only the
RAW) leaves the RAW as a photo of its own: the pair's decisions go onto it. Nothing the user
decided is left behind on a row nobody sees.
"""

from __future__ import annotations

import os
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass

import sqlite_utils

from phototagger.core.errors import PhotoError
from phototagger.core.face_marks import carry_face_names
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
        _carry(db, row[2], still.id)
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
                _carry(db, photo_id, photo.id)


@dataclass(frozen=True)
class Rejoined:
    """What companions_rejoined found: the photos moved back (their rows gone into the pair's)
    and those copied back (still photos of their own, their decisions also the pair's)."""

    moved: list[Photo]
    copied: list[Photo]


def companions_rejoined(
    db: sqlite_utils.Database,
    paired: Mapping[str, str],
    fresh: Collection[str],
    walked: Sequence[str],
) -> Rejoined:
    """The companions found beside a still this scan that were a photo of their own elsewhere:
    moved back (companions_moved_back) or copied back. `paired` is companion path -> still path;
    `fresh` the companions whose still had none before this scan; `walked` the folders walked.

    A RAW copied back beside its JPEG (to edit it there, as darktable users do) while the one
    sorted elsewhere stays: the pair is the same picture, so that photo's decisions go onto the
    pair where the pair has none of its own on the tag; the far photo stays a photo of its own,
    its decisions with it. Only a copy new beside its still (`fresh`) is looked for, once: the
    usual rescan reads no file more."""
    named = photos_named(db, (os.path.basename(path) for path in fresh)) if fresh else []
    moved = companions_moved_back(db, paired, [p for p in named if _gone(p, walked)])
    taken = {photo.id for photo in moved}
    present = [
        p
        for p in named
        if p.id not in taken and p.status != PhotoStatus.MISSING and p.path not in paired
    ]
    return Rejoined(moved, _copied_back(db, paired, fresh, present))


def companions_moved_back(
    db: sqlite_utils.Database, paired: Mapping[str, str], gone_unwalked: Sequence[Photo]
) -> list[Photo]:
    """Photos whose file is gone that are a companion found beside a still, moved there: same
    name and size, and the same content hash (only such a candidate's file is read). Asked once
    the walk of every folder scanned has marked missing what it no longer finds: the
    missing photos named as a companion in `paired`, wherever they were, and `gone_unwalked`:
    photos named as a fresh companion in folders not walked whose file is gone (a RAW sorted
    into another library folder and moved back, that folder not rescanned). Their decisions go
    onto the still's photo and their rows go. Returns the photos absorbed, as they were."""
    missing = missing_photos(db)  # usually none: then no companion's name is even looked at
    names = {os.path.basename(path).casefold() for path in paired} if missing else set()
    gone = {p.path: p for p in missing if p.name.casefold() in names}
    gone.update((p.path, p) for p in gone_unwalked)
    if not gone:
        return []
    absorbed: list[Photo] = []
    files = _Files(paired, gone.values())
    for photo in gone.values():
        for path in files.same_as(photo):
            still = get_photo_by_path(db, paired[path])
            if still is not None and still.id != photo.id:
                _carry(db, photo.id, still.id)
                delete_photos(db, [photo.id])
                absorbed.append(photo)
                break
    return absorbed


def _copied_back(
    db: sqlite_utils.Database,
    paired: Mapping[str, str],
    fresh: Collection[str],
    present: Sequence[Photo],
) -> list[Photo]:
    """The `present` photos (named as a fresh companion, their file where it was) of which a
    fresh companion is a copy: their decisions fill in the pair's (carry_decisions)."""
    copied: list[Photo] = []
    companions = {path: paired[path] for path in fresh if path in paired}
    present = [p for p in present if p.content_hash is not None and os.path.exists(os_path(p.path))]
    files = _Files(companions, present)
    for photo in present:
        for path in files.same_as(photo):
            still = get_photo_by_path(db, companions[path])
            if still is not None and still.id != photo.id:
                _carry(db, photo.id, still.id)
                copied.append(photo)
                break
    return copied


def _carry(db: sqlite_utils.Database, from_id: int, to_id: int) -> None:
    """The user's decisions on photo `from_id`, and the names they gave its faces, onto photo
    `to_id` where it has none of its own (the same picture: the boxes stand as they are)."""
    carry_decisions(db, from_id, to_id)
    carry_face_names(db, from_id, to_id)


class _Files:
    """The companions in `paired` named as one of `photos`, matched with a photo by name, size
    and content hash: a file of another name is not even looked at (the usual rescan: no file
    stat for each pair's RAW), one of another size is not read."""

    def __init__(self, paired: Mapping[str, str], photos: Iterable[Photo]) -> None:
        names = {photo.name.casefold() for photo in photos}
        self._by_name: dict[str, list[str]] = {}
        for path in paired:
            name = os.path.basename(path).casefold()
            if name in names:
                self._by_name.setdefault(name, []).append(path)
        self._sizes: dict[str, int | None] = {}
        self._hashes: dict[str, str | None] = {}

    def same_as(self, photo: Photo) -> list[str]:
        return [
            path
            for path in self._by_name.get(photo.name.casefold(), [])
            if self._size(path) == (photo.size or 0) and self._hash(path) == photo.content_hash
        ]

    def _size(self, path: str) -> int | None:
        if path not in self._sizes:
            try:
                self._sizes[path] = os.stat(os_path(path)).st_size
            except OSError:
                self._sizes[path] = None
        return self._sizes[path]

    def _hash(self, path: str) -> str | None:
        if path not in self._hashes:
            try:
                self._hashes[path] = hash_file(os_path(path))[0]
            except PhotoError:
                self._hashes[path] = None
        return self._hashes[path]


def _gone(photo: Photo, walked: Sequence[str]) -> bool:
    """A photo in no folder of `walked` whose file is not where it was, not yet marked missing:
    its folder's walk, in a later scan, would."""
    return (
        photo.status != PhotoStatus.MISSING
        and photo.path not in walked
        and not inside_another(photo.path, list(walked))
        and not os.path.exists(os_path(photo.path))
    )
