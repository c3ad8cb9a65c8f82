"""Reading and correcting the library: a photo's tags, search, labels, stats, export.

These are the use cases behind `tags`, `search`, `label`, `stats`, `problems` and `export`, and
behind the GUI's panels; they take paths as the user typed them and speak in tag names.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from dataclasses import asdict, dataclass, replace
from typing import TypedDict

import sqlite_utils

from phototagger.core.detector_tags import searched_name
from phototagger.core.errors import LEFT_COPY, LEFT_SIDECAR, MISSING_FOLDER, PhototaggerError
from phototagger.core.face_marks import FaceMark, boxless_as_dict, boxless_names, face_marks_of
from phototagger.core.folders import removed_folders
from phototagger.core.media import counts_by_format, media_fields, media_info
from phototagger.core.names import os_path, storable
from phototagger.core.queries import folded_names, in_label_order, library_counts, named
from phototagger.core.states import PhotoStatus, TagState
from phototagger.store import file_metadata as file_store
from phototagger.store import photos as photo_store
from phototagger.store import tags as tag_store
from phototagger.store.faces import face_counts
from phototagger.store.file_metadata import FaceNameSpread, face_name_spread, regions_of_photos
from phototagger.store.media import MediaRow, owner_of_companion
from phototagger.store.problems import (
    get_problem,
    list_problems,
    paths_of_no_photo,
    problem_count,
    problems_of_photos,
)
from phototagger.store.records import Photo, PhotoTag, Problem
from phototagger.tag_names import shown_name

STATE_LABELS = {
    None: "suggested",
    TagState.ADDED: "added",
    TagState.ACCEPTED: "accepted",
    TagState.REJECTED: "rejected",
    TagState.FILE: "from file",
}
# The tags the user gave: added, or in the file's keywords. The model's score of one is no
# suggestion: 'beach 0.00 user from file' read as a 0 % tag; the details panel and `tags` show
# no figure for it, and the score on its source line ('from file · model 0.00'), if at all.
GIVEN_STATES = frozenset({TagState.ADDED, TagState.FILE})


def tag_order(state: str | None, confidence: float | None, name: str) -> tuple[object, ...]:
    """Where a photo's tag goes among its others, the same in the grid's caption and tooltip and
    in the details panel (preview41: the grid named the user's decisions first, the panel last):
    the tags the user gave (GIVEN_STATES) first, by name as the sidebar lists them: a
    photographer's own keywords before what the model guessed; then the model's by its
    confidence, highest first, an accepted or rejected one in its place (deciding on a tag never
    moves the panel's rows under the user's keys); then any without a figure, by name."""
    given = state in GIVEN_STATES
    figure = None if given else confidence
    return not given, figure is None, -(figure or 0.0), name.casefold(), name


class NotInLibraryError(PhototaggerError):
    def __init__(self, path: str, problem: Problem | None = None) -> None:
        if problem is not None:
            # Its folder was scanned and the file listed as no photo (a pipe, a link that
            # loops): "scan its folder first" sent the user to scan again, to no end.
            said = f"{path} is not among your photos: {problem.message} (see: phototagger problems)"
        else:
            said = f"{path} is not in the library ({_why_not(path)})"
        super().__init__(said)
        self.path = path


def _why_not(path: str) -> str:
    """What the user can do about a path the library does not hold: a mistyped name and a
    folder are not fixed by scanning."""
    if os.path.isdir(path):
        return f"it is a folder: name the photos in it, e.g. {os.path.join(path, '*')}"
    if not os.path.lexists(path):
        return "there is no such file"
    return "scan its folder first"


def normalise_path(path: str) -> str:
    # A name typed with bytes that are not UTF-8 is looked up in the form the library stores.
    return storable(os.path.abspath(os.path.expanduser(path)))


def stored_forms(path: str) -> list[str]:
    """The paths the library may hold `path` by: as typed (normalise_path), then, where it
    differs, through links: named through a link to a scanned folder (a /home that links to
    /var/home), the library holds the path the folder was scanned by."""
    stored = normalise_path(path)
    real = storable(os.path.realpath(os.path.expanduser(path)))
    return [stored] if real == stored else [stored, real]


def photo_at(db: sqlite_utils.Database, path: str) -> Photo:
    forms = stored_forms(path)
    for stored in forms:
        photo = _photo_stored_at(db, stored)
        if photo is not None:
            return photo
    raise NotInLibraryError(path, get_problem(db, forms[0]))


def _photo_stored_at(db: sqlite_utils.Database, stored: str) -> Photo | None:
    photo = photo_store.get_photo_by_path(db, stored)
    if photo is None:
        # A RAW twin or live clip is part of its still's photo: its path names that photo.
        owner = owner_of_companion(db, os.path.dirname(stored), os.path.basename(stored))
        photo = photo_store.get_photo(db, owner) if owner is not None else None
    return photo


class TagRecord(TypedDict):
    """A photo's tag as `tags`, `export` and --json show it."""

    name: str
    confidence: float | None
    source: str
    state: str | None
    model_version: str | None
    # A tag the user gave (added, or in the file's keywords): its "confidence" is the model's
    # score of it, no suggestion ("user_given": `tags --json` and `export --json` alike).
    user_given: bool


@dataclass(frozen=True)
class TagCount:
    name: str
    photos: int


@dataclass(frozen=True)
class LibraryStats:
    """What `stats` shows: the library's size, states, folders, tags and formats."""

    photos: int  # missing ones left out, and the files found and not read yet
    by_status: dict[str, int]
    folders: tuple[str, ...]
    tags: tuple[TagCount, ...]
    user_decisions: int  # corrections and file keywords together, on photos in the library
    untagged: int
    problems: int  # what Problems lists: problem_photos + not_photos
    by_format: dict[str, dict[str, int]]  # media kind -> format -> photos
    corrections: int = 0  # of user_decisions, made in phototagger
    file_keywords: int = 0  # of user_decisions, read from the photos' files
    # The different tags among file_keywords, and the photos they are on.
    file_keyword_tags: int = 0
    file_keyword_photos: int = 0
    # Of user_decisions, the names read from the files' face regions alone (no keyword gives
    # them): not among file_keywords. The different people and pets, and the photos.
    face_names: int = 0
    face_name_people: int = 0
    face_name_pets: int = 0
    face_name_photos: int = 0
    # Files a scan found and has not read yet (while it runs, or stopped): no photos until
    # read, as the app's counts have it (core/queries.LibraryCounts.found).
    found: int = 0
    problem_photos: int = 0  # of problems, the library's photos (keywords, damage)
    # Of problems, all that are no photos of the library: files that are not pictures or empty,
    # links that loop, and with them (its own sections in Problems, its own counts below) the
    # folders and the keyword writes' copies. As since `stats --json` gave it (stop 35):
    # fcfa081 had taken the folders out of it, a script reading it missed an unplugged card.
    not_photos: int = 0
    unopened_folders: int = 0  # of not_photos, folders that could not be opened (or are gone)
    left_copies: int = 0  # of not_photos, copies a keyword write left that could not be removed
    left_sidecars: int = 0  # of not_photos, XMP sidecars that moved photos left behind
    # Decisions on photos out of the library (a folder removed, files gone): not counted in
    # user_decisions, as `train` does not count them (counts.out_of_library), kept until back.
    # The user's answers, and apart from them the keywords read from the photos' files.
    out_of_library: int = 0
    keywords_out_of_library: int = 0
    # Of by_status's missing photos, those the user moved to the trash from phototagger (Find
    # Duplicates, Move to Trash): not files gone, and said so.
    trashed: int = 0
    # Of by_status's missing photos, those out of the library with the folder the user removed
    # from it (Remove Folder): not files gone either; the rest, trashed aside, are. Read
    # photos only, as Remove Folder counts them ("Removed … (407 photos)", "407 photos left it
    # when you removed the folder"): `stats` said "410 taken out", its 3 files that could not
    # be read counted in (polish36).
    removed: int = 0
    # Of by_status's missing, those files of a removed folder that could not be read: never
    # among the photos, they are neither taken out with it nor files gone.
    removed_unread: int = 0

    @property
    def other_files(self) -> int:
        """Of not_photos, the files Problems lists as not among the photos."""
        return self.not_photos - self.unopened_folders - self.left_copies - self.left_sidecars

    @property
    def tagged_with_tags(self) -> int:
        """Of by_status's tagged photos (all the model has tagged), those left with a tag: the
        text's "195 tagged" beside "60 untagged", where by_status says 255."""
        return self.by_status.get(PhotoStatus.TAGGED, 0) - self.untagged

    def as_dict(self) -> dict[str, object]:
        # Every number the text prints, under a name of its own: `stats --json` gave
        # by_status.tagged (255) where the text said "195 tagged", and no `other_files`.
        return {
            **asdict(self),
            "tagged_with_tags": self.tagged_with_tags,
            "other_files": self.other_files,
        }


@dataclass(frozen=True)
class ExportedPhoto:
    """One photo as `export` writes it: path and tags typed, `record` the whole JSON record."""

    path: str
    tags: tuple[TagRecord, ...]
    record: dict[str, object]


def tag_record(tag: PhotoTag) -> TagRecord:
    return {
        "name": shown_name(tag.name),  # 'AC/DC': a slash inside a keyword as it reads
        "confidence": None if tag.confidence is None else round(tag.confidence, 4),
        "source": tag.source,
        "state": STATE_LABELS.get(tag.state, tag.state),
        "model_version": tag.model_version,
        "user_given": tag.state in GIVEN_STATES,
    }


# A tag only the photo's face regions gave (digiKam's, Lightroom's names on faces), in `tags`.
FROM_REGION = "from file (face region)"


def face_regions(
    db: sqlite_utils.Database, photo_ids: Sequence[int]
) -> dict[int, tuple[list[dict[str, object]], frozenset[str]]]:
    """Each photo's face regions as its files hold them (name, kind, box as fractions of the
    photo from its top-left corner, scheme, the tag a named one gave, shown as tags are), and
    the tags those alone gave (no keyword of the files gives them): photos without any, none."""
    found = regions_of_photos(db, photo_ids)
    return {
        photo_id: (
            [{**r, "tag": shown_name(str(r["tag"])) if r.get("tag") else None} for r in regions],
            only,
        )
        for photo_id, (regions, only) in found.items()
    }


def photo_record(
    photo: Photo, tags: Sequence[TagRecord], media: MediaRow | None = None
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
        "tags": list(tags),
    }


def search_photos(
    db: sqlite_utils.Database,
    all_of: Sequence[str] = (),
    any_of: Sequence[str] = (),
    none_of: Sequence[str] = (),
    rating: int | None = None,
    label: str | None = None,
    pick: str | None = None,
    names: Sequence[str] = (),
) -> list[Photo]:
    """The photos with the tags asked (as tag_store.search) whose files have the marks asked
    (as photos_marked; None: any) and whose file names contain each of `names` (as the grid's
    search box finds them: core/queries.py named). Only marks: the marked photos alone are
    loaded, not the library's."""
    all_of, any_of, none_of = (
        [searched_name(db, name) for name in names] for names in (all_of, any_of, none_of)
    )
    ids: list[int] | None = None
    if (rating, label, pick) != (None, None, None):
        ids = file_store.photos_marked(db, rating, label, pick)
    if ids is None or all_of or any_of or none_of:
        tagged = tag_store.search(db, all_of, any_of, none_of)
        ids = tagged if ids is None else sorted(set(ids).intersection(tagged))
    if names:
        ids = named_among(db, ids, names)
    return photo_store.photos_by_ids(db, ids)


def named_among(db: sqlite_utils.Database, ids: Sequence[int], names: Sequence[str]) -> list[int]:
    """Those of `ids` whose file names contain each of `names` (without case or accents)."""
    found = set(ids)
    folded = folded_names(db)
    for word in names:
        found.intersection_update(named(folded, word).tolist())
    return [i for i in ids if i in found]


# The photos whose files, as last read, have at least so many stars, a colour label, a pick
# flag (a reject is one): `search --rating/--label/--pick` (the grid's are core/queries').
photos_marked = file_store.photos_marked
# A colour label as labels are compared ('Weiß' is 'weiss'), read or asked for.
label_key = file_store.label_key


def labels_in_files(db: sqlite_utils.Database) -> list[str]:
    """The colour labels the library's photos' files have, as last read, as digiKam and
    Lightroom list them (red, orange, ...)."""
    return in_label_order([name for name, _ in file_store.label_counts(db)])


def file_marks(db: sqlite_utils.Database, photo_ids: Sequence[int]) -> dict[int, dict[str, object]]:
    """Each photo's rating, colour label and pick flag as its files said when last read
    (`search --json`'s and `export --json`'s "rating", "label", "pick"; None where they say
    none, or were never read). A reject is a pick, not a rating: a file rated -1 (the reject of
    Lightroom, Bridge and darktable, written in place of its stars) is "pick": "rejected" with
    "rating" null, its stars unsaid; "rating" is stars alone, 0 to 5 (preview41: it was -1
    beside "pick": "rejected", a number a consumer would sort or average as stars)."""
    found: dict[int, dict[str, object]] = {
        photo_id: {"rating": None, "label": None, "pick": None} for photo_id in photo_ids
    }
    for row in file_store.photos_with_records(db, None, photo_ids):
        record = row.record
        if record is not None and row.photo_id in found:
            found[row.photo_id] = {
                "rating": file_store.stars_of(record.rating),
                "label": record.color,
                "pick": record.pick,
            }
    return found


def photo_counts(db: sqlite_utils.Database) -> dict[str, int]:
    """Photos per status (tagged, pending, problem, missing), zeros included."""
    return photo_store.count_by_status(db)


def library_stats(db: sqlite_utils.Database) -> LibraryStats:
    # The counts the GUI's sidebar shows too (core/queries.py), plus what only `stats` prints.
    counts = library_counts(db)
    # As training counts them: "your decisions: 30" where `train` said "on 20 labelled photos;
    # not counted: 10 of your answers are on photos out of the library".
    corrections, keywords = tag_store.decisions_by_kind(db, in_library=True)
    # The names on faces (digiKam's, Lightroom's) apart from the keywords: they are no keyword.
    faces = face_name_spread(db) if keywords else FaceNameSpread()
    keywords -= len(faces.pairs)
    keyword_tags, keyword_photos = (
        tag_store.file_keyword_spread(db, leaving=faces.pairs) if keywords else (0, 0)
    )
    answers_out, keywords_out = tag_store.decisions_out_of_library(db)
    problems, of_photos = problem_count(db), problems_of_photos(db)
    folders, copies, sidecars = folders_and_left_copies(db)
    removed = removed_folders(db)
    removed_all = photo_store.count_out_of_folders(db, removed)
    removed_read = photo_store.count_out_of_folders(db, removed, read_only=True)
    return LibraryStats(
        photos=counts.photos,
        by_status=counts.by_status,
        found=counts.found,
        folders=tuple(counts.folders),
        tags=tuple(TagCount(shown_name(n), c) for n, c in counts.tags),  # 'AC/DC' as it reads
        user_decisions=corrections + keywords + len(faces.pairs),
        untagged=counts.untagged,
        problems=problems,
        by_format=counts_by_format(db),
        corrections=corrections,
        file_keywords=keywords,
        file_keyword_tags=keyword_tags,
        file_keyword_photos=keyword_photos,
        face_names=len(faces.pairs),
        face_name_people=faces.people,
        face_name_pets=faces.pets,
        face_name_photos=faces.photos,
        problem_photos=of_photos,
        not_photos=problems - of_photos,
        unopened_folders=folders,
        left_copies=copies,
        left_sidecars=sidecars,
        out_of_library=answers_out,
        keywords_out_of_library=keywords_out,
        trashed=photo_store.count_trashed(db),
        removed=removed_read,
        removed_unread=removed_all - removed_read,
    )


def is_folder_problem(problem: Problem) -> bool:
    """Whether the listed problem is of a folder (one gone, or one that could not be opened):
    Problems lists these apart from the files that are no photos."""
    return problem.code == MISSING_FOLDER or os.path.isdir(os_path(problem.path))


def folders_and_left_copies(db: sqlite_utils.Database) -> tuple[int, int, int]:
    """How many of the listed problems are of folders (is_folder_problem), how many are
    copies a keyword write left behind (LEFT_COPY: a folder named like one is one of them, as
    Problems lists it), and how many sidecars moved photos left behind (LEFT_SIDECAR): none of
    them is a photo of the library."""
    no_photo = paths_of_no_photo(db)
    found = [p for p in list_problems(db) if p.path in no_photo]
    copies = sum(1 for p in found if p.code == LEFT_COPY)
    sidecars = sum(1 for p in found if p.code == LEFT_SIDECAR)
    folders = sum(1 for p in found if p.code not in _LEFT and is_folder_problem(p))
    return folders, copies, sidecars


_LEFT = (LEFT_COPY, LEFT_SIDECAR)


def problems(db: sqlite_utils.Database) -> list[Problem]:
    # Problems recorded before their messages left out their own path show it once too.
    return [replace(p, message=without_own_path(p.message, p.path)) for p in list_problems(db)]


def problem_of(db: sqlite_utils.Database, path: str) -> str | None:
    """Why the scan could not use the file at `path`, as the Problems dialog says it (None: no
    problem recorded)."""
    found = get_problem(db, path)
    return None if found is None else without_own_path(found.message, path)


def without_own_path(message: str, path: str) -> str:
    """`message` without a leading 'PATH: ' that names `path` itself: a problem is listed under
    its path (`problems`, the Problems dialog), where the keyword jobs' messages showed it twice.
    Another file named (a photo's sidecar) stays."""
    name = os_path(path)
    for shown in dict.fromkeys((path, name, name.encode("utf-8", "backslashreplace").decode())):
        if message.startswith(f"{shown}: "):
            return message[len(shown) + 2 :]
    return message


def export_records(db: sqlite_utils.Database, batch: int = 500) -> Iterator[ExportedPhoto]:
    """Every photo with its tags (rejections included, marked as such; in tag_order, as the
    details panel and `tags` list them), in path order; files never read that hold nothing of
    the user's are no photos (`problems` lists them)."""
    unread = set(photo_store.unread_ids(db))
    chunk: list[Photo] = []
    for photo in photo_store.all_photos(db):
        if photo.id in unread:
            continue
        chunk.append(photo)
        if len(chunk) >= batch:
            yield from _with_tags(db, chunk)
            chunk = []
    yield from _with_tags(db, chunk)


def _boxless(
    db: sqlite_utils.Database,
    photo_id: int,
    marks: dict[int, list[FaceMark]],
    regions: dict[int, tuple[list[dict[str, object]], frozenset[str]]],
) -> list[tuple[str, str, str]]:
    """face_marks.boxless_names of the photo, read only where its files name someone with no
    box (most photos: none, and no query)."""
    found = regions.get(photo_id, ([], frozenset()))[0]
    if not any(r.get("name") and not isinstance(r.get("box"), list) for r in found):
        return []
    return boxless_names(db, photo_id, marks[photo_id])


def _with_tags(db: sqlite_utils.Database, chunk: list[Photo]) -> Iterator[ExportedPhoto]:
    if not chunk:
        return
    tags = tag_store.tags_of_photos(db, [p.id for p in chunk])
    media = media_info(db, [p.id for p in chunk])
    faces = face_counts(db, [p.id for p in chunk])
    regions = face_regions(db, [p.id for p in chunk])
    marks = face_marks_of(db, chunk)
    files = file_marks(db, [p.id for p in chunk])  # as `search --json` gives them
    for photo in chunk:
        # In the details panel's order, as `tags` lists them (tag_order): it was the store's,
        # a tag accepted among the model's before the tags the user added.
        ordered = sorted(tags[photo.id], key=lambda t: tag_order(t.state, t.confidence, t.name))
        records = tuple(tag_record(t) for t in ordered)
        # faces: how many the detector found; None while it has not looked at the photo.
        # face_regions: the people other programs named in the photo's files, apart from them.
        # face_marks: who is where, as `tags --json`'s "faces" (the viewer's B): the detector's
        # faces and the named ones as one list, boxes of the photo as shown; then the names
        # with no box (box null).
        record = {
            **photo_record(photo, records, media.get(photo.id)),
            **files[photo.id],
            "faces": faces.get(photo.id),
            "face_regions": regions.get(photo.id, ([], frozenset()))[0],
            "face_marks": [mark.as_dict() for mark in marks[photo.id]]
            + [boxless_as_dict(*named) for named in _boxless(db, photo.id, marks, regions)],
        }
        yield ExportedPhoto(photo.path, records, record)
