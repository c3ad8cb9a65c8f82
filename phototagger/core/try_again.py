"""File ▸ Problems ▸ Try Again, as one job: read the chosen files again (a scan of those files
alone, core/scan.py's scan `exactly`: the other files of their folders wait for the next scan; it
reads a file marked waiting whatever its size and time), write again the keywords
of the photos whose write failed (as Write Keywords does), and say of each file what came of it:
"IMG_12.jpg can be read now", "IMG_13.jpg still cannot be read: …".
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

import sqlite_utils

from phototagger.core.catalog import without_own_path
from phototagger.core.decoders.animation import AFTER_FRAME
from phototagger.core.decoders.raw import FROM_PREVIEW
from phototagger.core.errors import LEFT_COPY, LEFT_SIDECAR, TRUNCATED
from phototagger.core.jobs import CancelToken, ProgressCallback
from phototagger.core.library import Library
from phototagger.core.metadata.job import PROBLEM_CODE as WRITE_CODE
from phototagger.core.metadata.job import write_keywords
from phototagger.core.metadata.sync import PROBLEM_CODE as READ_CODE
from phototagger.core.metadata.write import WriteOptions
from phototagger.core.names import os_path, shown
from phototagger.core.problem_files import retry, why_not_written
from phototagger.core.scan import Tagger, scan
from phototagger.core.states import PhotoStatus
from phototagger.core.wording import counted, listed
from phototagger.store.photos import get_photo_by_path
from phototagger.store.problems import get_problem
from phototagger.store.records import Problem

# What came of one file, in the order a summary says them: the good news first.
READABLE = "readable"  # no problem left
IN_PART = "in part"  # a file cut short, shown and tagged from the part there is
PREVIEW = "preview"  # a RAW cut short, shown and tagged from its embedded preview
WRITTEN = "written"  # its keywords are in its file (or sidecar) now
GONE = "gone"  # the file is no longer there
REMOVED = "removed"  # a copy a keyword write left behind, removed now
STILL = "still"  # still cannot be read
NOT_WRITTEN = "not written"  # its keywords still could not be written
KEYWORDS_UNREAD = "keywords unread"  # read and tagged, but the keywords in it cannot be read
NOT_REMOVED = "not removed"  # a copy a keyword write left behind, that still cannot be removed
LEFT_BEHIND = "left behind"  # a sidecar a moved photo left behind, still where it was
NOT_TRIED = "not tried"  # the job was stopped before the file was read again
_ORDER = (
    READABLE,
    IN_PART,
    PREVIEW,
    WRITTEN,
    REMOVED,
    GONE,
    STILL,
    NOT_WRITTEN,
    KEYWORDS_UNREAD,
    NOT_REMOVED,
    LEFT_BEHIND,
    NOT_TRIED,
)
WRITING_OFF = "writing keywords into files is not allowed (Settings ▸ Keywords in files)"
_FIXED = {READABLE, IN_PART, PREVIEW, WRITTEN, REMOVED, GONE}
_NAMED = 4  # files named in a summary; more are counted


@dataclass(frozen=True)
class Tried:
    """One file tried again, and what came of it (`why`: the problem it still has)."""

    path: str
    outcome: str
    why: str = ""

    @property
    def name(self) -> str:
        """As a person reads it (core/names.shown): 'été.jpg', not its stored bytes."""
        return shown(os.path.basename(self.path.rstrip(os.sep)) or self.path)

    def words(self, name: str = "") -> str:
        """What came of it in a sentence that names it: "IMG_12.jpg can be read now"; `name`
        in place of the file's own (its whole path on the command line)."""
        name, why = name or self.name, self.why
        folder = os.path.isdir(os_path(self.path))
        return {
            READABLE: f"{name} can be {'opened' if folder else 'read'} now",
            IN_PART: (
                f"{name} is tagged from its first frame ({why})"
                if why.startswith(AFTER_FRAME)
                else f"{name} is shown from the part there is ({why})"
            ),
            PREVIEW: f"{name} is {FROM_PREVIEW} (its raw data is cut short)",
            WRITTEN: f"{name}: its keywords are written now",
            REMOVED: f"{name} was removed",
            GONE: f"{name} is no longer there",
            STILL: f"{name} still cannot be {'opened' if folder else 'read'}: {why}",
            NOT_WRITTEN: f"{name}: its keywords still could not be written: {why}",
            KEYWORDS_UNREAD: f"{name}: the keywords in its file still could not be read: {why}",
            NOT_REMOVED: f"{name} still could not be removed: {why}",
            LEFT_BEHIND: f"{name} is still left behind: {why}",
            NOT_TRIED: f"{name} was not tried again: you stopped it",
        }[self.outcome]


@dataclass
class TriedAgain:
    """What Try Again found, file by file, in the order the files were chosen."""

    files: list[Tried] = field(default_factory=list)
    cancelled: bool = False

    @property
    def fixed(self) -> list[Tried]:
        return [t for t in self.files if t.outcome in _FIXED]

    @property
    def left(self) -> list[Tried]:
        return [t for t in self.files if t.outcome not in _FIXED]

    def lines(self, most: int = 8) -> list[str]:
        """A sentence a file, those still wrong first (what the user must act on), at most
        `most` and a last line counting the others."""
        ordered = sorted(self.files, key=lambda t: t.outcome in _FIXED)
        said = [t.words() for t in ordered[:most]]
        if len(ordered) > most:
            said.append(f"… and {counted(len(ordered) - most, 'other file')}")
        return said

    def summary(self, where: str = "File ▸ Problems", name_up_to: int = _NAMED) -> str:
        """One line for the status bar: a single file's sentence, or per outcome the files'
        names (a count when there are more than `name_up_to`): "IMG_1.jpg and IMG_2.jpg can be
        read now; IMG_3.jpg still cannot be read (File ▸ Problems)", `where` naming the list
        of the files still wrong. `name_up_to=0`: counts alone, the line under the files' own
        sentences (`phototagger problems --retry`)."""
        if not self.files:
            return "Nothing was tried again"
        if len(self.files) == 1 and name_up_to:
            line = self.files[0].words()
        else:
            many = len(self.files) > name_up_to
            said = {}
            for outcome in _ORDER:
                named = [t.name for t in self.files if t.outcome == outcome]
                if named:
                    said[outcome] = (
                        _counted(outcome, len(named)) if many else _named(outcome, named)
                    )
            fixed = ", ".join(words for outcome, words in said.items() if outcome in _FIXED)
            left = ", ".join(words for outcome, words in said.items() if outcome not in _FIXED)
            line = "; ".join(part for part in (fixed, left) if part)
            if many:
                line = f"Tried {counted(len(self.files), 'file')} again: {line}"
        return line + (f" ({where})" if self.left else "")


def _named(outcome: str, names: Sequence[str]) -> str:
    who = listed(names)
    one = len(names) == 1
    return {
        READABLE: f"{who} can be read now",
        IN_PART: f"{who} {'is' if one else 'are'} shown from the part there is",
        PREVIEW: f"{who} {'is' if one else 'are'} shown from {'its' if one else 'their'} preview",
        WRITTEN: f"keywords written into {who}",
        REMOVED: f"{who} {'was' if one else 'were'} removed",
        GONE: f"{who} {'is' if one else 'are'} no longer there",
        STILL: f"{who} still cannot be read",
        NOT_WRITTEN: f"the keywords of {who} still could not be written",
        KEYWORDS_UNREAD: f"the keywords in {who} still could not be read",
        NOT_REMOVED: f"{who} still could not be removed",
        LEFT_BEHIND: f"{who} {'is' if one else 'are'} still left behind by a moved photo",
        NOT_TRIED: f"{who} {'was' if one else 'were'} not tried again: you stopped it",
    }[outcome]


def _counted(outcome: str, count: int) -> str:
    their = "its" if count == 1 else "their"
    return (
        f"{count:,} "
        + {
            READABLE: "can be read now",
            IN_PART: "shown from the part there is",
            PREVIEW: f"shown from {their} preview",
            WRITTEN: f"with {their} keywords written",
            REMOVED: "removed",
            GONE: "no longer there",
            STILL: "still cannot be read",
            NOT_WRITTEN: "still not written",
            KEYWORDS_UNREAD: "with keywords still unreadable",
            NOT_REMOVED: "still not removed",
            LEFT_BEHIND: "still left behind by moved photos",
            NOT_TRIED: "not tried: you stopped it",
        }[outcome]
    )


def unwritten(db: sqlite_utils.Database, paths: Iterable[str]) -> list[str]:
    """Those of `paths` listed because their keywords could not be written."""
    found = (get_problem(db, path) for path in paths)
    return [p.path for p in found if p is not None and p.code == WRITE_CODE]


def try_again(
    library: Library,
    paths: Sequence[str],
    load_tagger: Callable[[], Tagger],
    write_options: WriteOptions | None,
    *,
    progress: ProgressCallback | None = None,
    cancel: CancelToken | None = None,
    order: str = "taken",
) -> TriedAgain:
    """Try the files at `paths` again: a photo whose keywords could not be written is written
    again with `write_options` (the user's Keywords in files settings); any other file is read
    again, by a scan of it alone (with the RAW or clip that shares its name, and its sidecar).
    Returns what came of each."""
    db = library.db
    token = cancel or CancelToken()
    to_write = unwritten(db, paths)
    # A sidecar a moved photo left behind is read for that photo already: nothing to read
    # again, and a scan of it alone would unlist it (its row says what to do).
    left_sidecars = {
        path for path in paths if (p := get_problem(db, path)) and p.code == LEFT_SIDECAR
    }
    to_read = [path for path in paths if path not in to_write and path not in left_sidecars]
    # Said as soon as the write ends: the scan after it clears the note of a photo it reads
    # again, whether its keywords went into it or not.
    wrote = {path: Tried(path, NOT_WRITTEN, WRITING_OFF) for path in to_write}
    if to_write and write_options is not None:
        before = {path: get_problem(db, path) for path in to_write}
        photos = (get_photo_by_path(db, path) for path in to_write)
        ids = [photo.id for photo in photos if photo is not None]
        write_keywords(db, ids, write_options, progress=progress, cancel=token)
        db.conn.commit()
        wrote = {path: _written(path, before[path], get_problem(db, path)) for path in to_write}
    # Copies left behind still there: one gone after the scan was removed by it.
    left = {
        path
        for path in to_read
        if (p := get_problem(db, path)) and p.code == LEFT_COPY and os.path.lexists(os_path(path))
    }
    if to_read and not token.cancelled:
        retry(db, to_read)
        scan(
            library,
            to_read,
            load_tagger,
            progress=progress,
            cancel=token,
            order=order,
            exactly=True,
        )
    elif to_read:  # stopped before the files were read again
        wrote.update((path, Tried(path, NOT_TRIED)) for path in to_read)
    files = [wrote[path] if path in wrote else _tried(library, path, left) for path in paths]
    return TriedAgain(files, token.cancelled)


def _written(path: str, before: Problem | None, after: Problem | None) -> Tried:
    if after is None or after.code != WRITE_CODE:
        return Tried(path, WRITTEN)
    if before is not None and after.count == before.count:
        return Tried(path, NOT_TRIED)  # the write was stopped before it came to this one
    # "read-only": the list's row, selected, says the way out
    return Tried(path, NOT_WRITTEN, _short_cause(without_own_path(after.message, path)))


def _tried(library: Library, path: str, left: set[str]) -> Tried:
    problem = get_problem(library.db, path)
    why = "" if problem is None else without_own_path(problem.message, path)
    if problem is not None and problem.code == READ_CODE:
        # Read and tagged: only its keywords could not be read (read again once it changes).
        return Tried(path, KEYWORDS_UNREAD, why)
    if problem is not None and problem.code == LEFT_COPY:
        return Tried(path, NOT_REMOVED, why)
    if problem is not None and problem.code == LEFT_SIDECAR:
        return Tried(path, LEFT_BEHIND, why)
    photo = get_photo_by_path(library.db, path)
    if photo is not None and photo.status == PhotoStatus.PENDING:
        return Tried(path, NOT_TRIED)  # marked to be read, and the scan stopped first
    # (not a library folder still listed as not there)
    if not os.path.lexists(os_path(path)) and (problem is None or photo is not None):
        return Tried(path, REMOVED if path in left and problem is None else GONE)
    if problem is None:
        return Tried(path, READABLE)
    if problem.code == TRUNCATED and photo is not None and photo.status == PhotoStatus.TAGGED:
        if FROM_PREVIEW in why:
            return Tried(path, PREVIEW)
        if why.startswith(AFTER_FRAME):  # "cut short after frame 2": tagged from the first
            return Tried(path, IN_PART, why.split(":", 1)[0])
        there = re.search(r"\d+ % of the picture is there", why)
        return Tried(path, IN_PART, there.group(0) if there else "its lower part is missing")
    return Tried(path, STILL, why)


def _short_cause(message: str) -> str:
    """A failed write's cause in a word or two where the message gives one ("read-only", as
    its section's heading says it), else the message."""
    return why_not_written(message) or message
