"""Which copy of a group of duplicates Find Duplicates ticks to keep: the one a photographer
would keep, as digiKam's and Lightroom's duplicate finders do. The others go to the trash.

The order, each rule deciding only where those before it tie:

1. The most pixels: a resized copy has lost detail for good.
2. A camera RAW over its JPEG: a RAW file, or a RAW+JPEG pair (the JPEG with its RAW beside it;
   moving the pair's JPEG to the trash takes its RAW along), over a lone JPEG of the same size.
   A pair counts as its RAW and its JPEG together: where a lone copy of its RAW is in the
   library too (same name and size), the pair has the RAW's pixels and date, and the two
   files' size, so it is never sent to the trash for that copy.
3. The original over a re-encoded copy, where it can be told: a file that still carries the
   camera's date (EXIF) over one that lost it, as a re-save or a conversion (a JPEG turned into
   a PNG or a HEIC) often does. A re-encode can be the larger file and never the richer one.
4. Then, of copies that all kept the date, the one with more signs of the camera's own file:
   the camera's make or model in its EXIF; no editor named as its Software (Lightroom,
   Photoshop, Photos…: what an export writes); a HEIC that carries the camera's make or model
   (what a phone writes; a JPEG exported from it is larger and no richer).
5. The larger file: at equal pixels, the less compressed one (an original 159 KB JPEG over a
   30 KB HEIC or a recompressed JPEG made from it). Only where the copies are the same picture
   as it is: of an original and an edit of it (brighter, warmer, black-and-white, mirrored,
   cropped: what core/duplicate_copies.py tells from their pixels), the larger file is
   whichever was saved at the higher JPEG quality, and an export at 90 or 92 is larger than
   many a camera's own file (4 of 20 det-photos); there the rules after this one decide
   (`KeepOrder.without_sizes`), the older file the original. So they do between files of two
   formats with the same pixels (a PNG made from a JPEG: larger, with nothing more in it).
6. The copy carrying more of the user's work: tag decisions made in phototagger (added,
   confirmed, rejected), keywords read from the file or its sidecar, and a rating, pick or
   colour label there (digiKam's, Lightroom's), so of identical copies the labelled one stays.
7. The older file: copies and re-saves come after the original.
8. A copy outside a backup folder (one whose name says "backup": Backup, Backups, "iPhone
   backup"…) over one inside it: a backup made keeping the files' dates (cp -p, rsync -a, a
   copy in a file manager) ties with the original on everything above, and the path alone
   kept /Pictures/Backup/IMG_1.jpg and sent /Pictures/Photos/IMG_1.jpg, the photo the user
   works on, to the trash.
9. The path, so the choice never depends on the order the photos were found in.

It reads what the library stores, and each copy's EXIF header (make, model, software) for rule
4: no photo is decoded. `KeepOrder.why` says in words which rule decided between two copies.
"""

from __future__ import annotations

import copy
import functools
import os
from collections.abc import Mapping
from dataclasses import dataclass, replace

import sqlite_utils
from PIL import Image

from phototagger.core.decoders import MediaKind, heif, kind_of
from phototagger.core.names import os_path
from phototagger.store.file_metadata import photos_with_records
from phototagger.store.media import MediaRow, media_of
from phototagger.store.records import Photo
from phototagger.store.tags import tags_of_photos

# (missing, pixels, RAW, camera date, signs of the original, file size, decisions, mtime, in a
# backup folder, path, id), smallest kept.
KeepKey = tuple[int, int, int, int, int, int, int, float, int, str, int]

_MAKE, _MODEL, _SOFTWARE = 0x010F, 0x0110, 0x0131
# Software that writes its name into what it exports or saves: a copy naming one was made on a
# computer, not by the camera (cameras and phones write their firmware's version there).
EDITORS = (
    "photoshop",
    "lightroom",
    "gimp",
    "darktable",
    "rawtherapee",
    "digikam",
    "capture one",
    "affinity",
    "luminar",
    "snapseed",
    "pixelmator",
    "imagemagick",
    "graphicsmagick",
    "paint.net",
    "acdsee",
    "dxo",
    "picasa",
    "shotwell",
    "xnview",
    "irfanview",
    "photoscape",
    "photos",
    "preview",
)
_PHONE_FORMATS = frozenset({"HEIF", "HEIC", "AVIF"})
# Why the original of an edited copy (or of a copy in another format with the same pixels) is
# kept where no rule before the date decides: where the other is the larger file, why its size
# did not count; where the kept one is also the larger, that alone ("the older file (between
# edited copies the file size says nothing)" was said of a bus photo three times the size of
# its black-and-white export: as if the size were against it, walk60).
_OLDER_EDITED = "it is the older file (between {} the file size says nothing)"
_OLDER_AND_LARGER = "it is the older file, and the larger"
EDITED = "edited copies"
SAME_PIXELS_ELSEWHERE = "copies of the same pixels in another format"


@dataclass(frozen=True, slots=True)
class Camera:
    """What a still's EXIF header says of where it was made."""

    made_by: str  # the camera's make and model, '' where neither is written
    editor: str  # the Software value where it names an editor, else ''


@functools.lru_cache(maxsize=4096)
def camera_of(path: str, size: int | None = None, mtime: float | None = None) -> Camera:
    """The make, model and editing software in the file's EXIF header (nothing is decoded);
    empty where the file has none or cannot be read. Remembered per path, size and mtime: a
    search made again (Search Again, the dialog after the command) reads no header twice."""
    heif.register()
    try:
        with Image.open(os_path(path)) as im:
            exif = im.getexif()
    except (OSError, ValueError, SyntaxError):
        return Camera("", "")
    made_by = " ".join(str(exif.get(tag, "")).strip() for tag in (_MAKE, _MODEL)).strip()
    software = str(exif.get(_SOFTWARE, "")).strip("\x00 ")
    editor = software if any(e in software.casefold() for e in EDITORS) else ""
    return Camera(made_by, editor)


@dataclass(frozen=True, slots=True)
class CopyFacts:
    """What the keep order weighs of one copy (a pair's counting its lone RAW twin's)."""

    pixels: int
    raw: bool
    dated: bool
    camera: Camera | None  # None for a RAW or clip, whose header is not read
    phone_format: bool  # a HEIC (or AVIF) that names its camera
    size: int
    decisions: int
    mtime: float
    path: str
    backup: str = ""  # the backup folder the copy is in (rule 8), '' where none
    twin: int | None = None  # a pair's: the lone copy of its RAW that it counts as

    @property
    def signs(self) -> int:
        """How many signs of the camera's own file it has (rule 4): a RAW has them all."""
        if self.raw:
            return 3
        if self.camera is None:
            return 0
        return bool(self.camera.made_by) + (not self.camera.editor) + self.phone_format


class KeepOrder:
    """A sort key over photo ids (the copy to keep sorts first; the module says in what order;
    an id not in the photos sorts last), and the rule that put one copy before another."""

    def __init__(self, db: sqlite_utils.Database, photos: Mapping[int, Photo]) -> None:
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
        self.facts = {
            pid: _facts(p, media.get(pid), decisions.get(pid, 0)) for pid, p in photos.items()
        }
        _pairs_count_their_raw(self.facts, photos, media)
        self.by_size = True  # rule 5 holds (False: the copies differ by an edit)
        self.sizes_say_nothing = EDITED  # between which copies rule 5 was dropped, in words

    def without_sizes(self, between: str = EDITED) -> KeepOrder:
        """The same order without rule 5: for copies that differ by an edit (`between` says
        which, SAME_PIXELS_ELSEWHERE: a lossless conversion, a PNG of a JPEG)."""
        order = copy.copy(self)
        order.by_size = False
        order.sizes_say_nothing = between
        return order

    def decided_by_size(self, a: int, b: int) -> bool:
        """Whether rule 5 (the larger file) is what puts one of `a` and `b` before the other."""
        key_a, key_b = self(a), self(b)
        return key_a[:5] == key_b[:5] and key_a[5] != key_b[5]

    def __call__(self, photo_id: int) -> KeepKey:
        f = self.facts.get(photo_id)
        if f is None:
            return (1, 0, 0, 0, 0, 0, 0, 0.0, 0, "", photo_id)
        return (
            0,
            -f.pixels,
            -f.raw,
            -f.dated,
            -f.signs,
            -f.size if self.by_size else 0,
            -f.decisions,
            f.mtime,
            bool(f.backup),
            f.path,
            photo_id,
        )

    def twin_of(self, photo_id: int) -> int | None:
        """For a RAW+JPEG pair, the lone copy of its RAW in these photos (None if none)."""
        f = self.facts.get(photo_id)
        return f.twin if f is not None else None

    def why(self, kept: int, other: int) -> str:
        """Why `kept` comes before `other`, in a few words ('it has more pixels')."""
        a, b = self.facts.get(kept), self.facts.get(other)
        if a is None or b is None:
            return ""
        rules = (  # the keep order's rules, each with what it says where it decides
            (a.pixels != b.pixels, "it has more pixels"),
            (a.raw != b.raw, "it has the camera's RAW"),
            (a.dated != b.dated, "it still has the camera's date"),
            (a.signs != b.signs, _original_words(a, b)),
            (
                a.twin == other,
                "it is the RAW+JPEG pair: the same RAW, and the camera's JPEG with it",
            ),
            (self.by_size and a.size != b.size, "it is the larger, less compressed file"),
            (a.decisions != b.decisions, "it carries more of your tags and labels"),
            (
                a.mtime != b.mtime,
                "it is the older file"
                if self.by_size
                else _OLDER_AND_LARGER
                if a.size > b.size
                else _OLDER_EDITED.format(self.sizes_say_nothing),
            ),
            (bool(a.backup) != bool(b.backup), f"the other is in a backup folder ({b.backup})"),
        )
        return next((words for decides, words in rules if decides), "its folder comes first")


def keep_order(db: sqlite_utils.Database, photos: Mapping[int, Photo]) -> KeepOrder:
    """The keep order of these photos: a sort key over their ids, the copy to keep first."""
    return KeepOrder(db, photos)


def _facts(photo: Photo, media: MediaRow | None, decisions: int) -> CopyFacts:
    kind = MediaKind(media.kind) if media is not None else kind_of(photo.path)
    raw = kind == MediaKind.RAW or (
        media is not None and any(kind_of(n) is MediaKind.RAW for n in media.companions)
    )
    camera = camera_of(photo.path, photo.size, photo.mtime) if kind is MediaKind.PHOTO else None
    fmt = (media.format or "").upper() if media is not None else ""
    return CopyFacts(
        pixels=(photo.width or 0) * (photo.height or 0),
        raw=raw,
        dated=photo.taken_at is not None,
        camera=camera,
        phone_format=camera is not None and bool(camera.made_by) and fmt in _PHONE_FORMATS,
        size=photo.size or 0,
        decisions=decisions,
        mtime=photo.mtime or 0.0,
        path=photo.path,
        backup=backup_folder(photo.folder),
    )


def backup_folder(folder: str) -> str:
    """The innermost folder of `folder` whose name says it holds a backup ('' if none)."""
    parts = folder.replace("\\", "/").split("/")
    return next((part for part in reversed(parts) if "backup" in part.casefold()), "")


def _pairs_count_their_raw(
    facts: dict[int, CopyFacts], photos: Mapping[int, Photo], media: Mapping[int, MediaRow]
) -> None:
    """A RAW+JPEG pair whose RAW is also in the library alone (a copy of the card's RAW in a
    backup folder: same name, same size) has that RAW's pixels and date, and both files' size:
    it holds everything the lone RAW does, and the camera's JPEG besides."""
    lone_raws: dict[str, list[int]] = {}
    for pid, photo in photos.items():
        row = media.get(pid)
        if row is not None and row.kind == MediaKind.RAW:
            lone_raws.setdefault(photo.name.casefold(), []).append(pid)
    if not lone_raws:
        return
    for pid, row in media.items():
        for name in row.companions:
            for twin in lone_raws.get(name.casefold(), []):
                raw_size = _file_size(os.path.join(photos[pid].folder, name))
                if raw_size is None or raw_size != photos[twin].size:
                    continue
                own, other = facts[pid], facts[twin]
                facts[pid] = replace(
                    own,
                    pixels=max(own.pixels, other.pixels),
                    dated=own.dated or other.dated,
                    size=own.size + raw_size,
                    twin=twin,
                )
                break


def _file_size(path: str) -> int | None:
    try:
        return os.stat(os_path(path)).st_size
    except OSError:
        return None


def _original_words(a: CopyFacts, b: CopyFacts) -> str:
    """Rule 4 in words: what `a` has of the camera's own file that `b` lacks."""
    if a.camera is None or b.camera is None:
        return "it is the camera's own file"
    if a.phone_format and not b.phone_format:
        return f"it is the phone's own HEIC ({a.camera.made_by})"
    if a.camera.made_by and not b.camera.made_by:
        return f"it names the camera ({a.camera.made_by})"
    if b.camera.editor and not a.camera.editor:
        return f"the other was saved by {b.camera.editor}"
    return "it is the camera's own file"


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
