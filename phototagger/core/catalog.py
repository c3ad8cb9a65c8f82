"""Reading and correcting the library: a photo's tags, search, labels, stats, export.

These are the use cases behind `tags`, `search`, `label`, `stats`, `problems` and `export`, and
behind the GUI's panels; they take paths as the user typed them and speak in tag names.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

import sqlite_utils

from phototagger.core.media import counts_by_format, media_fields, media_info
from phototagger.core.names import storable
from phototagger.core.states import PhotoStatus, TagState
from phototagger.store import photos as photo_store
from phototagger.store import tags as tag_store
from phototagger.store.connection import transaction
from phototagger.store.faces import face_counts
from phototagger.store.media import MediaRow, owner_of_companion
from phototagger.store.problems import list_problems, problem_count
from phototagger.store.records import Photo, PhotoTag, Problem

STATE_LABELS = {
    None: "suggested",
    TagState.ADDED: "added",
    TagState.ACCEPTED: "accepted",
    TagState.REJECTED: "rejected",
    TagState.FILE: "from file",
}


class NotInLibraryError(LookupError):
    def __init__(self, path: str) -> None:
        super().__init__(f"{path} is not in the library (scan its folder first)")
        self.path = path


def normalise_path(path: str) -> str:
    # A name typed with bytes that are not UTF-8 is looked up in the form the library stores.
    return storable(os.path.abspath(os.path.expanduser(path)))


def photo_at(db: sqlite_utils.Database, path: str) -> Photo:
    stored = normalise_path(path)
    photo = photo_store.get_photo_by_path(db, stored)
    if photo is None:
        # A RAW twin or live clip is part of its still's photo: its path names that photo.
        owner = owner_of_companion(db, os.path.dirname(stored), os.path.basename(stored))
        photo = photo_store.get_photo(db, owner) if owner is not None else None
    if photo is None:
        raise NotInLibraryError(path)
    return photo


def tag_record(tag: PhotoTag) -> dict[str, object]:
    return {
        "name": tag.name,
        "confidence": None if tag.confidence is None else round(tag.confidence, 4),
        "source": tag.source,
        "state": STATE_LABELS.get(tag.state, tag.state),
        "model_version": tag.model_version,
    }


def photo_record(
    photo: Photo, tags: Sequence[PhotoTag], media: MediaRow | None = None
) -> dict[str, object]:
    return {
        "path": photo.path,
        **media_fields(photo, media),
        "status": photo.status,
        "size": photo.size,
        "width": photo.width,
        "height": photo.height,
        "taken_at": photo.taken_at,
        "content_hash": photo.content_hash,
        "model_version": photo.model_version,
        "tags": [tag_record(t) for t in tags],
    }


def search_photos(
    db: sqlite_utils.Database,
    all_of: Sequence[str] = (),
    any_of: Sequence[str] = (),
    none_of: Sequence[str] = (),
) -> list[Photo]:
    ids = tag_store.search(db, all_of, any_of, none_of)
    return photo_store.photos_by_ids(db, ids)


@dataclass
class LabelOutcome:
    labelled: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


def label_paths(
    db: sqlite_utils.Database,
    paths: Sequence[str],
    *,
    add: Sequence[str] = (),
    reject: Sequence[str] = (),
    remove: Sequence[str] = (),
) -> LabelOutcome:
    """Apply the user's decisions to every photo; unknown paths are reported, the rest labelled.

    All changes go in one transaction: either every photo found gets them, or none does.
    """
    outcome = LabelOutcome()
    for name in (*add, *reject, *remove):
        if not name.strip():
            raise ValueError("a tag name cannot be empty")
    with transaction(db):
        for path in paths:
            try:
                photo = photo_at(db, path)
            except NotInLibraryError as exc:
                outcome.errors.append(str(exc))
                continue
            for name in add:
                tag_store.add_user_tag(db, photo.id, name)
            for name in reject:
                tag_store.reject_tag(db, photo.id, name)
            for name in remove:
                tag_store.remove_tag(db, photo.id, name)
            outcome.labelled.append(photo.path)
    return outcome


def library_stats(db: sqlite_utils.Database) -> dict[str, object]:
    by_status = photo_store.count_by_status(db)
    return {
        "photos": sum(n for s, n in by_status.items() if s != PhotoStatus.MISSING),
        "by_status": by_status,
        "folders": photo_store.list_folders(db),
        "tags": [{"name": n, "photos": c} for n, c in tag_store.tag_counts(db)],
        "user_decisions": tag_store.decisions_count(db),
        "untagged": len(tag_store.untagged_photo_ids(db)),
        "problems": problem_count(db),
        "by_format": counts_by_format(db),
    }


def problems(db: sqlite_utils.Database) -> list[Problem]:
    return list_problems(db)


def export_records(db: sqlite_utils.Database, batch: int = 500) -> Iterator[dict[str, object]]:
    """Every photo with its tags (rejections included, marked as such), in path order."""
    chunk: list[Photo] = []
    for photo in photo_store.all_photos(db):
        chunk.append(photo)
        if len(chunk) >= batch:
            yield from _with_tags(db, chunk)
            chunk = []
    yield from _with_tags(db, chunk)


def _with_tags(db: sqlite_utils.Database, chunk: list[Photo]) -> Iterator[dict[str, object]]:
    if not chunk:
        return
    tags = tag_store.tags_of_photos(db, [p.id for p in chunk])
    media = media_info(db, [p.id for p in chunk])
    faces = face_counts(db, [p.id for p in chunk])
    for photo in chunk:
        # faces: how many the detector found; None while it has not looked at the photo.
        yield {
            **photo_record(photo, tags[photo.id], media.get(photo.id)),
            "faces": faces.get(photo.id),
        }
