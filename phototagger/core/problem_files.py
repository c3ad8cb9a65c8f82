"""Library ▸ Problems' commands: which listed files are among the photos, try a file again, or
forget it.

A file never read that holds nothing of the user's (a text file named .jpg, an empty one) is no
photo: the grid and every count leave it out, and Problems is where it is seen. A photo damaged
after it was read keeps its tags, so it stays in the grid, marked as unreadable.
"""

from __future__ import annotations

import os
from collections.abc import Iterable

import sqlite_utils

from phototagger.core.catalog import is_folder_problem
from phototagger.core.decoders.animation import AFTER_FRAME
from phototagger.core.decoders.partial import EVERY_OTHER_ROW
from phototagger.core.decoders.raw import FROM_PREVIEW
from phototagger.core.errors import LEFT_COPY, LEFT_SIDECAR, TRUNCATED
from phototagger.core.metadata.exiv import in_app_words
from phototagger.core.metadata.job import PROBLEM_CODE as WRITE_CODE
from phototagger.core.metadata.sync import PROBLEM_CODE as READ_CODE
from phototagger.core.metadata.sync import REGIONS_CODE
from phototagger.core.names import shown
from phototagger.core.states import PhotoStatus
from phototagger.core.wording import counted
from phototagger.store import photos as photo_store
from phototagger.store.connection import transaction
from phototagger.store.name_order import natural_key
from phototagger.store.problems import clear_problem, paths_of_no_photo
from phototagger.store.records import Problem

# What Library ▸ Problems and `phototagger problems` say when nothing is listed (the command
# line said "0 problems" where the dialog said this).
NONE_LISTED = "Every file found could be read."


def unread_paths(db: sqlite_utils.Database) -> set[str]:
    """The listed paths the grid leaves out: the files never read (photo_store.unread_ids),
    and those the library holds no photo at (a link that loops, a folder, a copy left behind)."""
    unread = {p.path for p in photo_store.photos_by_ids(db, photo_store.unread_ids(db))}
    return unread | paths_of_no_photo(db)


def read_in_part(db: sqlite_utils.Database, found: Iterable[Problem]) -> set[str]:
    """The listed JPEGs, PNGs and WebPs cut short that were shown and tagged from the part there
    is (at least half of the picture; core/decoders/partial.py), the animations cut after their
    first frame (core/decoders/animation.py), and the RAWs cut short shown from their embedded
    preview (core/decoders/raw.py): photos read, if not whole."""
    shown = set()
    for problem in found:
        if problem.code != TRUNCATED:
            continue
        photo = photo_store.get_photo_by_path(db, problem.path)
        if photo is not None and photo.status in (PhotoStatus.TAGGED, PhotoStatus.PENDING):
            shown.add(problem.path)
    return shown


def retry(db: sqlite_utils.Database, paths: Iterable[str]) -> None:
    """Mark the files to be read again: a scan of them (core/scan.py's scan `exactly`) reads a
    waiting file whatever its size and time; a file the walk could not open is tried anew."""
    with transaction(db):
        for path in paths:
            photo = photo_store.get_photo_by_path(db, path)
            if photo is not None and photo.status == PhotoStatus.PROBLEM:
                photo_store.update_photo(db, photo.id, status=PhotoStatus.PENDING)


def forget(db: sqlite_utils.Database, paths: Iterable[str]) -> int:
    """Take the files off the Problems list. A file the library holds stays known as unusable,
    so no scan reads or lists it again until it changes (a good copy put in its place); one it
    does not hold (a folder it could not open) is looked at again by the next scan. Returns
    how many were forgotten."""
    forgotten = 0
    with transaction(db):
        for path in paths:
            clear_problem(db, path)
            forgotten += 1
    return forgotten


def listed_again(db: sqlite_utils.Database, paths: Iterable[str]) -> list[str]:
    """Those of `paths` that Forget cannot keep off the list: no file the library holds (a
    link that loops, a folder, a copy left behind), which the next scan that finds lists again."""
    return [path for path in paths if photo_store.get_photo_by_path(db, path) is None]


def why_not_written(message: str) -> str:
    """The cause of a failed keyword write, in a word or two, where the message gives one."""
    said = message.casefold()
    if "read-only" in said:  # a read-only file (core/metadata/exiv.py) or file system (EROFS)
        return "read-only"
    if "permission denied" in said or "not permitted" in said:
        return "no permission"
    if "no space" in said:
        return "the disk is full"
    return ""


# Problems' sections in order: files that are no photos, photos that could not be read, photos
# cut short shown from the part there is (their lower part grey: a JPEG, a PNG, a WebP),
# then those shown whole (an interlaced PNG: every other row there, those between filled in),
# the animations cut after their first frame (whole: tagged from it), the RAWs whose sensor
# data is cut short shown from their preview, then the photos read and tagged fine whose
# keywords could not be written, or read, or whose files hold a face region that could not be
# read whole; last the copies a keyword write left behind that could not be removed (no photo
# of the user's: hidden copies to delete).
_IN_PART = "in part"
_ROWS_BETWEEN = "rows between"
_FRAMES = "frames"
_FOLDER = "folder"
_PREVIEW = "preview"
_RANK = {
    _IN_PART: 2,
    _ROWS_BETWEEN: 3,
    _FRAMES: 4,
    _PREVIEW: 5,
    WRITE_CODE: 6,
    READ_CODE: 7,
    REGIONS_CODE: 8,
    LEFT_COPY: 9,
    LEFT_SIDECAR: 10,
}


def _heading(code: str, not_photo: bool, why: str, count: int) -> str:
    one = count == 1
    if code == _FOLDER:
        return (
            f"{counted(count, 'folder')} could not be opened (the photos in "
            f"{'it' if one else 'them'} were not looked at)"
        )
    if not_photo:
        return (
            f"{counted(count, 'file')} could not be read: "
            f"{'it is' if one else 'they are'} not among your photos"
        )
    if code == WRITE_CODE:
        return (
            f"{counted(count, 'photo')} could not be written{': ' + why if why else ''} "
            f"({'its' if one else 'their'} keywords were not saved; "
            f"{'it was' if one else 'they were'} read and tagged fine)"
        )
    if code == READ_CODE:
        return (
            f"{counted(count, 'photo')}: the keywords in {'its file' if one else 'their files'} "
            f"could not be read ({'it was' if one else 'they were'} tagged all the same)"
        )
    if code == REGIONS_CODE:
        return (
            f"{counted(count, 'photo')}: a face region in {'its file' if one else 'their files'} "
            "could not be read whole (the names were read, those boxes left out; each row says "
            "which region)"
        )
    if code == LEFT_COPY:
        return (
            f"{counted(count, 'copy', 'copies')} left behind by a keyword write could not be "
            f"removed ({'it is' if one else 'they are'} hidden; each row says what to do)"
        )
    if code == LEFT_SIDECAR:
        return (
            f"{counted(count, 'XMP sidecar')} left behind by {'a photo' if one else 'photos'} "
            f"moved or renamed ({'its' if one else 'their'} keywords are still read for "
            f"{'it' if one else 'them'}; each row says what to do)"
        )
    if code == _IN_PART:
        return (
            f"{counted(count, 'photo')} cut short: {'its' if one else 'their'} lower part is "
            f"missing ({'it is' if one else 'they are'} shown grey there and tagged from the part "
            "there is)"
        )
    if code == _ROWS_BETWEEN:
        return (
            f"{counted(count, 'photo')} cut short: every other row of "
            f"{'its' if one else 'their'} lower part is missing ({'it is' if one else 'they are'} "
            "shown and tagged whole, those rows filled in from the rows around them)"
        )
    if code == _FRAMES:
        return (
            f"{counted(count, 'animation')} cut short: frames after {'its' if one else 'their'} "
            f"first are missing ({'it is' if one else 'they are'} tagged from "
            f"{'its' if one else 'their'} first frame, which is whole)"
        )
    if code == _PREVIEW:
        return (
            f"{counted(count, 'RAW photo')} cut short: {'its' if one else 'their'} raw data is "
            f"incomplete ({'it is' if one else 'they are'} shown and tagged from "
            f"{'its' if one else 'their'} embedded preview)"
        )
    return f"{counted(count, 'photo')} in the grid could not be read"


def _in_part_code(message: str) -> str:
    if EVERY_OTHER_ROW in message:
        return _ROWS_BETWEEN
    if message.startswith(AFTER_FRAME):
        return _FRAMES
    return _PREVIEW if FROM_PREVIEW in message else _IN_PART


def grouped(
    found: Iterable[Problem], unread: set[str], in_part: set[str] | None = None
) -> list[tuple[str, list[Problem]]]:
    """The listed problems by what went wrong, each group under a heading that says it ("7
    photos could not be written: read-only (...)"): a photo whose keywords could not be written
    was read and tagged fine, and is not lumped with the files that could not be read; nor is
    a photo cut short shown from the part there is (`in_part`, read_in_part), whose heading
    says what is missing: its lower part, every other row of it (an interlaced PNG), or a RAW's
    sensor data (shown from its embedded preview)."""
    groups: dict[tuple[int, str, str], list[Problem]] = {}
    for problem in found:
        # A copy left behind is no photo either, but has a section of its own.
        not_photo = problem.path in unread and problem.code not in (LEFT_COPY, LEFT_SIDECAR)
        if not not_photo and in_part and problem.path in in_part:
            code = _in_part_code(problem.message)
        elif not_photo and is_folder_problem(problem):
            code = _FOLDER
        else:
            code = "" if not_photo or problem.code not in _RANK else problem.code
        why = why_not_written(problem.message) if code == WRITE_CODE else ""
        rank = 0 if not_photo else _RANK.get(code, 1)
        groups.setdefault((rank, code, why), []).append(problem)
    return [
        (_heading(code, rank == 0, why, len(rows)), sorted(rows, key=_by_folder))
        for (rank, code, why), rows in sorted(groups.items())
    ]


def _by_folder(problem: Problem) -> tuple[str, str, str]:
    """A section's files folder by folder, then by name as the grid sorts them ('IMG_2' before
    'IMG_10'): path order put 'Trip 2/' before 'Trip/' and 'IMG_10' before 'IMG_2'."""
    folder, name = os.path.split(problem.path.rstrip(os.sep))
    return natural_key(folder), natural_key(name), problem.path


# The columns Problems' list can be sorted by, in a section (File ▸ Problems' headers).
SORT_BY = ("name", "problem", "folder")


def ordered(rows: list[Problem], by: str, descending: bool = False) -> list[Problem]:
    """A section's files sorted as a file manager sorts a folder by one of its columns: by the
    file's name, by what is wrong (as the app words it) or by folder, names in natural order
    ('IMG_2' before 'IMG_10'); `rows` as they are for any other `by`. Files alike in that
    column keep the others' order, folder and name, whichever way it sorts: sorted the other
    way, the files of one folder came last name first ('IMG_10.jpg', 'apple.jpg')."""
    if by not in SORT_BY:
        return rows

    def column(problem: Problem) -> str:
        folder, name = os.path.split(problem.path.rstrip(os.sep))
        if by == "name":
            return natural_key(shown(name))
        if by == "problem":
            return natural_key(in_app_words(problem.message))
        return natural_key(shown(folder))

    def ties(problem: Problem) -> tuple[str, str]:
        folder, name = (shown(part) for part in os.path.split(problem.path.rstrip(os.sep)))
        if by == "name":
            return natural_key(folder), natural_key(name)
        return natural_key(name), natural_key(folder)

    # Sorted on the ties first, then on the column alone: Python's sort keeps rows alike in the
    # column in the order they came, reversed or not.
    return sorted(sorted(rows, key=ties), key=column, reverse=descending)


def sections(db: sqlite_utils.Database, found: list[Problem]) -> list[tuple[str, list[Problem]]]:
    """`found` (catalog.problems) in Problems' sections, each under the heading that says what
    went wrong, as File ▸ Problems and `phototagger problems` both show them."""
    return grouped(found, unread_paths(db), read_in_part(db, found))
