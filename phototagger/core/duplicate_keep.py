"""Which copy of a group of duplicates Find Duplicates ticks to keep: the one a photographer
would keep, as digiKam's and Lightroom's duplicate finders do. The others go to the trash.

The order, each rule deciding only where those before it tie:

1. The most pixels: a resized copy has lost detail for good.
2. A camera RAW over its JPEG: a RAW file, or a RAW+JPEG pair (the JPEG with its RAW beside it;
   moving the pair's JPEG to the trash takes its RAW along), over a lone JPEG of the same size.
3. The original over a re-encoded copy, where it can be told: a file that still carries the
   camera's date (EXIF) over one that lost it, as a re-save or a conversion (a JPEG turned into
   a PNG or a HEIC) often does. A re-encode can be the larger file and never the richer one.
4. The larger file: at equal pixels, the less compressed one (an original 159 KB JPEG over a
   30 KB HEIC or a recompressed JPEG made from it).
5. The copy carrying more of the user's work: tag decisions made in phototagger (added,
   confirmed, rejected), keywords read from the file or its sidecar, and a rating, pick or
   colour label there (digiKam's, Lightroom's), so of identical copies the labelled one stays.
6. The older file: copies and re-saves come after the original.
7. The path, so the choice never depends on the order the photos were found in.

The format alone tells nothing: a phone's HEIC is as much an original as a camera's JPEG, and
a JPEG exported from it keeps its date, so between those the larger file stays.

It reads only what the library stores: no file is opened.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

import sqlite_utils

from phototagger.core.decoders import MediaKind, kind_of
from phototagger.store.file_metadata import photos_with_records
from phototagger.store.media import media_of
from phototagger.store.records import Photo
from phototagger.store.tags import tags_of_photos

# (missing, pixels, RAW, camera date, file size, decisions, mtime, path, id), smallest kept.
KeepKey = tuple[int, int, int, int, int, int, float, str, int]


def keep_order(db: sqlite_utils.Database, photos: Mapping[int, Photo]) -> Callable[[int], KeepKey]:
    """A sort key over photo ids: the copy to keep sorts first (the module says in what order).
    An id not in `photos` sorts last."""
    ids = list(photos)
    media = media_of(db, ids)
    decisions = {
        pid: sum(tag.state is not None for tag in tags)
        for pid, tags in tags_of_photos(db, ids).items()
    }
    for row in photos_with_records(db, None, ids):
        if row.record is not None:
            marks = (row.record.rating, row.record.pick, row.record.color)
            decisions[row.photo_id] = decisions.get(row.photo_id, 0) + sum(map(bool, marks))

    def carries_raw(photo_id: int) -> bool:
        row = media.get(photo_id)
        if row is None:
            return kind_of(photos[photo_id].path) is MediaKind.RAW
        return row.kind == MediaKind.RAW or any(kind_of(n) is MediaKind.RAW for n in row.companions)

    def key(photo_id: int) -> KeepKey:
        p = photos.get(photo_id)
        if p is None:
            return (1, 0, 0, 0, 0, 0, 0.0, "", photo_id)
        return (
            0,
            -(p.width or 0) * (p.height or 0),
            -carries_raw(photo_id),
            -(p.taken_at is not None),
            -(p.size or 0),
            -decisions.get(photo_id, 0),
            p.mtime or 0.0,
            p.path,
            photo_id,
        )

    return key


def companions_of(db: sqlite_utils.Database, photo_ids: list[int]) -> dict[int, tuple[str, ...]]:
    """The files that go with each photo to the trash (a RAW+JPEG pair's RAW), by photo id;
    photos with none are absent: what Find Duplicates says of a copy it offers for the trash."""
    return {pid: row.companions for pid, row in media_of(db, photo_ids).items() if row.companions}


def companions_note(names: tuple[str, ...]) -> tuple[str, str]:
    """How a copy with companions reads in Find Duplicates: ('+ RAW', why) for a RAW+JPEG pair,
    ('+ 2 files', why) otherwise, the tooltip naming them."""
    raws = [n for n in names if kind_of(n) is MediaKind.RAW]
    if raws and len(raws) == len(names):
        short = "+ RAW"
    else:
        short = f"+ {len(names)} files" if len(names) > 1 else "+ 1 file"
    what = "A RAW+JPEG pair" if raws else "It has files beside it"
    return short, f"{what}: moving it to the trash takes {', '.join(names)} along"
