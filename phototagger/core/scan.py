"""Scanning folders into the library: find photos, reconcile with what is known, tag what is new.

Two phases, each safe to interrupt:
1. Walk: every file is compared with the library by path, size and mtime. Unchanged photos cost a
   stat and nothing more; new and changed ones are recorded as `pending`, dated (with size and
   orientation) from their headers, so the grid shows them in date order at once; photos no
   longer found are marked `missing` (their tags and the user's labels stay, should they return).
2. Tag: every pending photo (this scan's, or one an earlier interrupted scan left), in the grid's
   order (by date taken unless the GUI is sorted otherwise, and as it is sorted meanwhile), so
   the tiles at the top of the grid fill first, not those the walk happened to find first.
   Each is decoded once on worker threads, overlapped with batched inference on a thread of its
   own, and each batch is committed in one transaction on the calling thread
   (core/scan_pipeline.py). A cancelled or killed scan leaves the rest pending, so the next scan
   resumes there, again from the top.
"""

from __future__ import annotations

import os
import time
from collections import deque
from collections.abc import Callable, Generator, Iterable, Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import asdict, dataclass, field
from functools import partial
from pathlib import Path
from typing import Any, Literal, Protocol

import numpy as np
import sqlite_utils

from phototagger.core import errors
from phototagger.core.duplicate_carry import take_back
from phototagger.core.embeddings import decode_embeddings, encode_embedding
from phototagger.core.errors import LEFT_COPY, LEFT_SIDECAR, PhotoError
from phototagger.core.face_marks import carry_face_names
from phototagger.core.face_signals import reads_faces, scores_with_faces
from phototagger.core.failures import cache_unwritten_message
from phototagger.core.folders import inside_another
from phototagger.core.imaging import (
    DecodedPhoto,
    decode_photo,
    header_facts,
    save_thumbnail,
    thumbnail_path,
)
from phototagger.core.job_end_copies import refresh_after_job
from phototagger.core.jobs import CancelToken, Progress, ProgressCallback, RateMeter
from phototagger.core.legacy_moves import legacy_origin
from phototagger.core.library import Library
from phototagger.core.media import embed_pooled, forget_companions, note_companions, record_media
from phototagger.core.metadata.left_sidecars import still_left
from phototagger.core.metadata.sync import sync_file_metadata
from phototagger.core.model.active import active_version
from phototagger.core.model.retag import put_back_killed_switch
from phototagger.core.model.tagger import backbone_for, stoppable_load
from phototagger.core.names import os_path, storable
from phototagger.core.people import Face, PeopleStep
from phototagger.core.runtime import people_step
from phototagger.core.scan_lock import scan_lock
from phototagger.core.scan_pipeline import BatchSteps, run_batches
from phototagger.core.states import PhotoStatus
from phototagger.core.twins import absorb_companions, companions_rejoined, release_companions
from phototagger.core.walk import FoundFile, WalkProblem, walk_files, walk_photos
from phototagger.core.wording import counted
from phototagger.ml.engine import BACKBONE_NAME
from phototagger.store.connection import transaction
from phototagger.store.embeddings import copy_embedding_sources, get_embedding, put_embeddings
from phototagger.store.file_metadata import move_written
from phototagger.store.media import media_of, paired_photo_ids, set_companions
from phototagger.store.merge import merge_decisions
from phototagger.store.photos import (
    add_folder,
    delete_photos,
    find_by_hash,
    get_photo,
    get_photo_by_path,
    insert_photo,
    known_files,
    list_folders,
    mark_missing,
    pending_photos,
    photo_ids_sorted,
    update_photo,
)
from phototagger.store.problems import (
    clear_problem,
    clear_problems_under,
    get_problem,
    paths_with_code,
    problem_file_mode,
    record_problem,
)
from phototagger.store.records import Photo
from phototagger.store.tags import write_model_tags


class Tagger(Protocol):
    """What a scan needs from the model layer (phototagger.ml.engine.TaggingEngine)."""

    @property
    def model_version(self) -> str: ...

    @property
    def backbone_name(self) -> str: ...

    def embed(self, pixels: np.ndarray) -> np.ndarray: ...

    def embed_all(self, pixels: np.ndarray) -> dict[str, np.ndarray]: ...

    def scores(self, embeddings: np.ndarray) -> np.ndarray: ...

    def suggest(self, scores: np.ndarray) -> list[list[tuple[str, float]]]: ...

    @property
    def tag_names(self) -> list[str]: ...


Known = tuple[int, float, int, str]  # what the library knows of a file: size, mtime, id, status
FoundAs = Literal["new", "changed", "unchanged", "returned"]  # ScanSummary's counts of files found
# The phase a first scan on a model reports while its CPU runtimes are converted and timed.
AFTER_SCAN_CHECK = "finding the fastest way to run the model"
AFTER_SCAN_DETAIL = "once, after the first scan on this model"
# Tags the pending photos elsewhere (core/cluster.py), sent in the grid order it is given.
RemoteStep = Callable[[Library, "ScanSummary", ProgressCallback, CancelToken, str], None]
# The steps of a scan, as ScanSummary.stopped_while names the one a stop cut short.
LOOKING, TAGGING, KEYWORDS, FINISHING = "looking", "tagging", "keywords", "finishing"
_NO_FACTS = dict.fromkeys(("width", "height", "orientation", "taken_at"))


@dataclass
class ScanSummary:
    found: int = 0
    new: int = 0
    changed: int = 0
    unchanged: int = 0
    moved: int = 0
    missing: int = 0
    returned: int = 0
    tagged: int = 0
    copies: int = 0
    problems: int = 0
    # Of problems, the files Problems listed before this scan: a rescan's count is not all news.
    known_problems: int = 0
    # Of known_problems, the files found that are the same unreadable file as before: not read
    # again, so in none of new, changed, unchanged; "3 files found: 0 new, 1 changed,
    # 1 unchanged" did not add up by them (a file Problems no longer lists counts unchanged).
    still_unreadable: int = 0
    # Of problems, those the walk could not take for files (a pipe, a link in a loop or to
    # nothing, an entry it cannot open): not among `found`, which the summary says, so that
    # "4 files found, 3 tagged, 4 problems" adds up.
    not_found: int = 0
    # Copies a keyword write left that could not be removed, listed in Problems by this scan
    # (one listed already is not told again), each with what to do: not files unread.
    left_copies: dict[str, str] = field(default_factory=dict)
    # Sidecars moved photos left behind, listed in Problems by this scan (told once), each
    # with what to do: read for their photos still, not files unread (core/metadata/
    # left_sidecars.py).
    left_sidecars: dict[str, str] = field(default_factory=dict)
    # Photos read whose files hold a face region that could not be read whole (listed in
    # Problems; the names read): not among `problems`, the files that could not be read.
    region_problems: int = 0
    # Tags the files' keywords (and face regions) gave photos or took off them, on how many
    # photos: new photos', and those edited in digiKam or Lightroom since the last scan.
    file_tags_added: int = 0
    file_tags_removed: int = 0
    file_tags_photos: int = 0
    pending_left: int = 0
    cancelled: bool = False
    # The step a stop cut short (LOOKING, TAGGING, KEYWORDS, FINISHING), "" if none: with no
    # photo left to tag, "0 photos left to tag; scan again to resume" was no answer.
    stopped_while: str = ""
    elapsed_s: float = 0.0  # the whole scan's, the check below included
    # Of elapsed_s, the one-time check after a first scan on a model (AFTER_SCAN_CHECK): said
    # apart, "379 tagged in 2:24" read as the tagging speed where 1:30 of it was the check.
    runtime_check_s: float = 0.0
    runtime: str = ""  # what ran the CNN (and why, after a fallback); empty if it did not run
    runtime_words: str = ""  # the same in plain words, when it holds figures; "": as it is
    runtime_figures: str = ""  # the file keeping the figures behind runtime_words; "": none
    # Why the thumbnails made could not be saved (the cache's disk full), the first one: said
    # once, not per photo; "" while every one was saved.
    thumbnails_unwritten: str = ""
    # Which count each file found went into, and the rows this scan marked missing: a move is
    # only recognised when the file is decoded, and then comes out of both (counted once).
    _counted: dict[int, FoundAs] = field(default_factory=dict, repr=False, compare=False)
    _gone: set[int] = field(default_factory=set, repr=False, compare=False)
    _thumbnails_saved: bool = field(default=False, repr=False, compare=False)  # thumbnails_saved

    def as_dict(self) -> dict[str, object]:
        return {k: v for k, v in self.__dict__.items() if not k.startswith("_")}

    @property
    def thumbnails_saved(self) -> bool:
        """Whether it saved a thumbnail in the cache: the app then says again a reason it said
        before (the disk full again after it was freed: gui/thumbnails.py, saved_again)."""
        return self._thumbnails_saved

    def stopped_in_words(self) -> str:
        """What a stopped scan left undone, and whether scanning again would do it."""
        if self.pending_left:
            return (
                f"stopped: {counted(self.pending_left, 'photo')} left to tag; scan again to resume"
            )
        if self.stopped_while == LOOKING:
            return "stopped while looking for photos; scan again to find the rest"
        if self.stopped_while in (TAGGING, KEYWORDS):
            return (
                "stopped after every photo was tagged, before the files' keywords were all "
                "read; scan again to read them"
            )
        return "stopped after every photo was tagged, while finishing up; nothing is left to do"

    def found_in_words(self) -> str:
        """'166 photos found', or '166 files found' when some could not be read: `found` counts
        every file the walk took for a photo, and one that cannot be read is no photo (not in All
        photos), so 'photos found' disagreed with the sidebar by the problems."""
        return f"{counted(self.found, 'file' if self.problems else 'photo')} found"

    def still_unreadable_in_words(self) -> str:
        """', 1 still cannot be read' (the files found unread again, still listed in Problems),
        or '' if none: with it the counts of the files found add up to them."""
        if not self.still_unreadable:
            return ""
        return f", {self.still_unreadable:,} still cannot be read"

    def file_tags_in_words(self) -> str:
        """ "from your files' keywords: 1 tag added and 1 taken off on 1 photo", or "" if they
        changed no photo's tags: a keyword added or removed in digiKam was read in silence, the
        rescan saying "0 changed" (its sidecar is no photo), a tag of the user's taken off."""
        parts = []
        if self.file_tags_added:
            parts.append(f"{counted(self.file_tags_added, 'tag')} added")
        if self.file_tags_removed:
            taken = (
                counted(self.file_tags_removed, "tag")
                if not parts
                else f"{self.file_tags_removed:,}"
            )
            parts.append(f"{taken} taken off")
        if not parts:
            return ""
        photos = counted(self.file_tags_photos, "photo")
        return f"from your files' keywords: {' and '.join(parts)} on {photos}"

    def region_problems_in_words(self) -> str:
        """'1 photo has a face region ...', or '' if none: read, but not whole."""
        if not self.region_problems:
            return ""
        one = self.region_problems == 1
        return (
            f"{counted(self.region_problems, 'photo')} {'has' if one else 'have'} a face region "
            "that could not be read whole: the names were read, those boxes left out"
        )

    def problems_in_words(self) -> str:
        """'3 problems, 1 of them new': a rescan counts again the files Problems listed before
        (known_problems), so how many are new is said apart ('1 problem, listed before'); a first
        scan's '2 problems' as it was."""
        words = counted(self.problems, "problem")
        new = self.problems - self.known_problems
        if self.known_problems and self.problems == 1:
            return f"{words}, listed before{self.not_found_in_words()}"
        if self.known_problems:
            return (
                f"{words}, {f'{new:,}' if new else 'none'} of them new{self.not_found_in_words()}"
            )
        return words + self.not_found_in_words(first=True)

    def not_found_in_words(self, first: bool = False) -> str:
        """', 3 of them not among the files found' (`first`: the first words said of the
        problems), or '' if every problem is a file found: a pipe or a looping link is a problem
        the walk found, but no file, and '4 files found, 3 tagged, 4 problems' did not add up."""
        if not self.not_found:
            return ""
        if self.problems == 1:
            return ", not among the files found"
        if self.not_found == self.problems:
            return ", none of them among the files found"
        return f", {self.not_found:,}{' of them' if first else ''} not among the files found"

    def count(self, photo_id: int, kind: FoundAs, decoded: bool = True) -> None:
        """One file found, counted as `kind`. Only a file this scan decodes can turn out to be a
        move, so only those are remembered (a rescan of 500,000 unchanged photos keeps none)."""
        setattr(self, kind, getattr(self, kind) + 1)
        if decoded:
            self._counted[photo_id] = kind

    def count_missing(self, photo_ids: Sequence[int]) -> None:
        self.missing += len(photo_ids)
        self._gone.update(photo_ids)

    def count_move(self, found_id: int | None, origin_id: int) -> None:
        """The file counted as `found_id` is the photo `origin_id`, moved: it counts as moved
        only, not also as new (or whatever it was counted as) and missing."""
        kind = self._counted.pop(found_id, None) if found_id is not None else None
        if kind is not None:
            setattr(self, kind, getattr(self, kind) - 1)
        if origin_id in self._gone:
            self._gone.discard(origin_id)
            self.missing -= 1
        self.moved += 1

    def count_rejoined(self, origin_id: int, was_missing: bool) -> None:
        """A RAW or clip found beside its still is the photo `origin_id` (now the pair's): back
        again if it was missing before this scan, else moved (not missing, if this scan's walk
        of another folder marked it so before finding it here)."""
        if was_missing and origin_id not in self._gone:
            self.returned += 1
        else:
            self.count_move(None, origin_id)


def scan(
    library: Library,
    roots: Sequence[str],
    load_tagger: Callable[[], Tagger],
    *,
    progress: ProgressCallback | None = None,
    cancel: CancelToken | None = None,
    batch_size: int = 32,
    workers: int = 2,
    people: PeopleStep | bool = True,
    remote: RemoteStep | None = None,
    order: str | Callable[[], str] = "taken",
    exactly: bool = False,
) -> ScanSummary:
    """Scan `roots` into the library and tag what needs it. The tagger is loaded only if needed;
    `people` finds faces in the same decode (True: the packaged detector; False: not at all);
    `remote` tags pending photos elsewhere first (core/cluster.py); what it leaves, here, in
    the grid order `order` ('taken', 'name', 'folder'; store/photos.py): the top rows first.
    `order` may be the window's sort, read as the scan goes: a sort changed meanwhile is
    followed by the photos not tagged yet.

    `exactly` (File ▸ Problems ▸ Try Again): `roots` are stored paths of files, each found as a
    folder's walk finds it (with the RAW or clip that shares its name), read and tagged if it is
    new, changed or waiting, its keywords and sidecar read if they changed; one no longer there
    is missing. No other file of their folders is looked at or tagged (`remote` is not asked):
    a photo changed beside them, or left waiting by a stopped scan, waits for the next scan. A
    folder among them (one that could not be opened) is walked whole, as its own scan walks it:
    the photos no longer in it are missing.

    Raises ScanBusyError at once if another scan of the same library is running.
    """
    with scan_lock(library.database_path):
        return _scan_locked(
            library,
            list(dict.fromkeys(roots)) if exactly else distinct_roots(roots),
            load_tagger,
            progress,
            cancel,
            batch_size,
            workers,
            people,
            None if exactly else remote,
            order,
            exactly,
        )


def _scan_locked(
    library: Library,
    roots: Sequence[str],
    load_tagger: Callable[[], Tagger],
    progress: ProgressCallback | None,
    cancel: CancelToken | None,
    batch_size: int,
    workers: int,
    people: PeopleStep | bool,
    remote: RemoteStep | None,
    order: str | Callable[[], str],
    exactly: bool,
) -> ScanSummary:
    started = time.monotonic()
    report = progress or (lambda _: None)
    token = cancel or CancelToken()
    summary = ScanSummary()
    # A scan beside a running `models use` took its marker for a killed one's, put every photo
    # it had re-tagged back on the old version, and the switch then made the new one active
    # over them: put back only while no switch runs (put_back_killed_switch).
    put_back_killed_switch(library)
    walked = _Walked()
    only: set[int] | None = None  # the photos to tag, if not every one waiting
    if exactly:
        seen = _reconcile_files(library, roots, summary, report, walked)
        only = {photo.id for photo in map(partial(get_photo_by_path, library.db), seen) if photo}
        # A RAW its deleted JPEG left alone came with them: its keywords are read too.
        chosen = list(roots)
        roots = chosen + [
            p for p in sorted(seen) if p not in chosen and not inside_another(p, chosen)
        ]
    for root in roots if not exactly else ():
        if token.cancelled:
            break
        _reconcile_root(library, root, summary, report, walked)
    _rejoin_companions(library, summary, walked)
    stage = LOOKING if token.cancelled else TAGGING
    if not token.cancelled and remote is not None:
        remote(library, summary, report, token, order() if callable(order) else order)
    if not token.cancelled:
        step = (
            (people_step(library) if people is True else None)
            if isinstance(people, bool)
            else people
        )
        _tag_pending(
            library, load_tagger, summary, report, token, batch_size, workers, step, order, only
        )
    if not token.cancelled:
        # Keywords, ratings and labels in the files and sidecars (new, changed, edited elsewhere).
        synced = sync_file_metadata(library.db, roots, progress=report, cancel=token)
        summary.left_sidecars = synced.left_sidecars
        summary.region_problems = synced.region_problems
        summary.file_tags_added = len(synced.added_keys)  # different tags, as `stats` says
        summary.file_tags_removed = len(synced.removed_keys)
        summary.file_tags_photos = synced.keywords_photos
        summary.problems += synced.problems
        summary.known_problems += synced.known_problems
        stage = KEYWORDS if synced.cut_short else FINISHING
    if not token.cancelled:
        # The next training needs every embedding at once: copied now, not on its clock.
        refresh_after_job(
            library,
            [backbone_for(library, active_version(library.db)), BACKBONE_NAME],
            lambda: token.cancelled,
            lambda: report(Progress("preparing for training", 0, None)),
        )
    summary.cancelled = token.cancelled
    summary.stopped_while = stage if token.cancelled else ""
    summary.pending_left = len(pending_photos(library.db))
    summary.elapsed_s = time.monotonic() - started
    return summary


def distinct_roots(roots: Sequence[str]) -> list[str]:
    """`roots` as absolute paths, each once, without those inside another folder of the list:
    `scan ~/Pictures ~/Pictures/` or `scan ~/Pictures ~/Pictures/2024` walked the same photos
    twice and counted them twice ('260 photos found' in a library of 130)."""
    full: list[str] = []
    for root in roots:
        path = os.path.abspath(os.path.expanduser(root))
        if path not in full:
            full.append(path)
    folders = [f for f in full if os.path.isdir(f)]
    return [p for p in full if not inside_another(p, folders)]


def _problem(library: Library, summary: ScanSummary, path: str, error: PhotoError) -> bool:
    """The problem recorded; whether it is counted among the scan's problems."""
    before = get_problem(library.db, path)
    counts = error.code != LEFT_COPY
    if not counts:
        if before is None or before.code != LEFT_COPY:
            summary.left_copies[path] = error.message
    else:
        summary.problems += 1
        summary.known_problems += before is not None
    record_problem(library.db, path, error.code, error.message)
    return counts


@dataclass
class _Walked:
    """What the walks of one scan found, for what is matched across its folders."""

    roots: list[str] = field(default_factory=list)  # as stored
    beside: dict[str, str] = field(default_factory=dict)  # companion path -> its still's path
    fresh: set[str] = field(default_factory=set)  # companions of a still that had none before


def _reconcile_root(
    library: Library, root: str, summary: ScanSummary, report: ProgressCallback, walked: _Walked
) -> None:
    db = library.db
    root_abs = os.path.abspath(os.path.expanduser(root))
    stored_root = storable(root_abs)  # a root typed with a non-UTF-8 name, as the store keeps it
    walked_folder = os.path.isdir(root_abs)
    known = known_files(db, stored_root) if walked_folder else _known_at(db, [stored_root])
    walked.roots.append(stored_root)
    with transaction(db):
        if walked_folder:
            add_folder(db, stored_root)
        seen, reported = _reconcile_found(
            library, walk_photos([root_abs]), known, summary, report, walked
        )
        _mark_gone(library, known, seen, summary)
        if walked_folder:
            # A problem file deleted, a folder readable or back again: no longer a problem.
            # What the walk found (and noted again if still wrong) keeps its entry.
            # A sidecar a moved photo left behind is no file the walk finds: still there, it
            # stays listed, told once (core/metadata/left_sidecars.py).
            left = still_left(db, paths_with_code(db, LEFT_SIDECAR))
            clear_problems_under(db, stored_root, keep=seen | reported | left)
    _walk_ended(summary, report)


def _reconcile_files(
    library: Library,
    paths: Sequence[str],
    summary: ScanSummary,
    report: ProgressCallback,
    walked: _Walked,
) -> set[str]:
    """The walk of an `exactly` scan: only the files at `paths` (with the companions that share
    their names), compared with the library as a folder's walk compares its files; one no
    longer there is missing, and off the Problems list. A folder among them is walked whole,
    and the photos no longer in it are missing, as its own scan would find. Returns the paths
    found."""
    db = library.db
    found = list(walk_files(paths, list_folders(db)))
    files = [item for item in found if isinstance(item, FoundFile)]
    known = _known_at(db, [*paths, *(p for item in files for p in (item.path, *item.companions))])
    # A folder walked (there to be walked: not one whose drive is unplugged): all it held.
    within = {p: known_files(db, p) for p in paths if os.path.isdir(os_path(p))}
    for photos in within.values():
        known.update(photos)
    walked.roots.extend(paths)
    with transaction(db):
        seen, reported = _reconcile_found(library, iter(found), known, summary, report, walked)
        chosen = {p for p in paths if p in known}.union(*within.values())
        _mark_gone(library, {p: known[p] for p in chosen if p in known}, seen, summary)
        for path in paths:
            if path not in seen and path not in reported:
                clear_problems_under(db, path, keep=seen | reported)  # gone
    _walk_ended(summary, report)
    return seen


def _known_at(db: sqlite_utils.Database, paths: Iterable[str]) -> dict[str, Known]:
    """What known_files says of the photos at these paths only."""
    photos = (get_photo_by_path(db, path) for path in dict.fromkeys(paths))
    return {
        photo.path: (photo.size or 0, photo.mtime or 0.0, photo.id, photo.status)
        for photo in photos
        if photo is not None
    }


def _reconcile_found(
    library: Library,
    items: Iterator[FoundFile | WalkProblem],
    known: dict[str, Known],
    summary: ScanSummary,
    report: ProgressCallback,
    walked: _Walked,
) -> tuple[set[str], set[str]]:
    """Each file a walk found compared with what the library knows of it (`known`, less the
    companions it absorbs), each problem noted. Returns the paths found, and those noted."""
    db = library.db
    seen: set[str] = set()
    reported: set[str] = set()
    paired = paired_photo_ids(db)
    own = _own_folders(library)
    for item in items:
        if item.path.startswith(own):
            continue  # the library's own thumbnails and caches are not the user's photos
        if isinstance(item, WalkProblem):
            summary.not_found += _problem(library, summary, item.path, item.error)
            reported.add(item.path)
            continue
        summary.found += 1
        seen.add(item.path)
        before = known.get(item.path)
        _reconcile_file(library, item, before, summary)
        if not item.companions and before is not None and before[2] in paired:
            forget_companions(db, before[2])  # its RAW or clip was moved away or deleted
        if item.companions:
            note_companions(db, item.path, item.companions)
            walked.beside.update(dict.fromkeys(item.companions, item.path))
            if before is None or before[2] not in paired:
                walked.fresh.update(item.companions)
            for path in absorb_companions(db, item.path, item.companions, known):
                del known[path]  # now part of the pair: neither missing nor a photo
        if summary.found % 500 == 0:
            report(
                Progress(
                    "looking for photos",
                    summary.found,
                    None,
                    item.path,
                    problems=summary.problems,
                )
            )
    return seen, reported


def _mark_gone(
    library: Library,
    known: dict[str, Known],
    seen: set[str],
    summary: ScanSummary,
) -> None:
    """The photos of `known` the walk did not find are missing."""
    library.ensure_unchanged()  # before marking missing what a replaced file does not hold
    gone = [
        pid
        for path, (_, _, pid, status) in known.items()
        if path not in seen and status != PhotoStatus.MISSING
    ]
    if gone:
        release_companions(library.db, gone, seen)  # a deleted JPEG leaves its RAW the labels
        mark_missing(library.db, gone)
        summary.count_missing(gone)


def _walk_ended(summary: ScanSummary, report: ProgressCallback) -> None:
    report(
        Progress(
            "looking for photos", summary.found, summary.found, None, problems=summary.problems
        )
    )


def _rejoin_companions(library: Library, summary: ScanSummary, walked: _Walked) -> None:
    """A RAW (or clip) moved back beside its still, from the same library folder or another:
    part of the pair again, not missing; copied back, the pair takes its decisions too. Asked
    after every folder's walk, so that the folder it left, walked before or after the one it
    came back to, has marked it missing either way."""
    if not walked.beside:
        return
    library.ensure_unchanged()
    with transaction(library.db):
        rejoined = companions_rejoined(library.db, walked.beside, walked.fresh, walked.roots)
        for photo in rejoined.moved:
            summary.count_rejoined(photo.id, photo.status == PhotoStatus.MISSING)


def _own_folders(library: Library) -> tuple[str, ...]:
    folders = set(library.home.own_folders())
    return tuple(os.path.abspath(f) + os.sep for f in folders)


def _reconcile_file(
    library: Library,
    item: FoundFile,
    known: Known | None,
    summary: ScanSummary,
) -> None:
    db = library.db
    if known is None:
        photo_id = insert_photo(
            db,
            path=item.path,
            size=item.size,
            mtime=item.mtime,
            content_hash=None,
            status=PhotoStatus.PENDING,
            **(_header_facts(item.path) or _NO_FACTS),
        )
        summary.count(photo_id, "new")
        return
    size, mtime, photo_id, status = known
    if status == PhotoStatus.MISSING:
        # Restored from the trash: what Find Duplicates carried from it goes off the kept copy.
        take_back(db, [photo_id])
    if size != item.size or mtime != item.mtime:
        update_photo(
            db,
            photo_id,
            size=item.size,
            mtime=item.mtime,
            status=PhotoStatus.PENDING,
            **_header_facts(item.path),
        )
        summary.count(photo_id, "changed")
    elif status == PhotoStatus.MISSING:
        # Back where it was, unchanged: its tags, embedding and labels are all still valid, if
        # it was ever tagged; one that vanished before the model saw it still needs tagging.
        photo = get_photo(db, photo_id)
        tagged = photo is not None and photo.model_version is not None
        update_photo(db, photo_id, status=PhotoStatus.TAGGED if tagged else PhotoStatus.PENDING)
        summary.count(photo_id, "returned")
    elif status == PhotoStatus.PROBLEM and problem_file_mode(db, item.path) not in (
        None,
        item.mode,
    ):
        # Same size and time, but its permissions changed (chmod): worth another try.
        update_photo(db, photo_id, status=PhotoStatus.PENDING)
        summary.count(photo_id, "changed")
    elif status == PhotoStatus.PROBLEM:
        # Still the same unusable file: not decoded again, nor counted once the user forgot it
        # (Library ▸ Problems ▸ Forget): it stays out of the list until it changes.
        listed = get_problem(db, item.path) is not None
        summary.problems += listed
        summary.known_problems += listed
        summary.still_unreadable += listed
        if not listed:
            summary.count(photo_id, "unchanged", decoded=False)
    else:  # a row an interrupted scan left pending is decoded now
        summary.count(photo_id, "unchanged", decoded=status == PhotoStatus.PENDING)


def _header_facts(path: str) -> dict[str, Any]:
    """The columns the grid sorts and shows by (date taken, size, orientation), from the header
    of a photo found new or changed: with them it takes its final place in the grid when it is
    found, where it moved (undated, last) once tagged, under the user's eyes. Only the hash,
    which needs the whole file, waits for the decode. A RAW's come from LibRaw's parse of its
    header, a clip's date from its container (its size waits for a decoded frame). {} for a
    header that cannot be read: the decode fills them in, or says what is wrong."""
    facts = header_facts(path)
    return {} if facts is None else asdict(facts)


@dataclass
class _Decoded:
    photo: Photo
    result: DecodedPhoto | PhotoError
    made_by: str = ""  # what embedded it already (a Ray worker's runtime); "": the scan's CNN
    unwritten: str = ""  # why its thumbnail could not be saved (core/failures), "" if it was
    saved: bool = False  # its thumbnail was saved in the cache (none was there)


def _decode_job(photo: Photo, thumbs: Path) -> _Decoded:
    try:
        decoded = decode_photo(photo.path)
    except PhotoError as exc:
        return _Decoded(photo, exc)
    dest = thumbnail_path(thumbs, decoded.content_hash)
    try:
        if dest.exists():
            return _Decoded(photo, decoded)
        save_thumbnail(decoded.thumbnail, dest)
    except OSError as exc:
        # A thumbnail is a cache: the GUI makes a missing one again, and tagging goes on; but
        # a full disk went without a word (bad43): the scan's summary says it once.
        return _Decoded(photo, decoded, unwritten=cache_unwritten_message("Thumbnails", dest, exc))
    return _Decoded(photo, decoded, saved=True)


def decoded_stream(
    photos: Sequence[Photo],
    thumbs: Path,
    workers: int,
    token: CancelToken,
    window: int,
    resorted: Callable[[], Sequence[Photo] | None] = lambda: None,
) -> Generator[_Decoded, None, None]:
    """Decode on worker threads, in order, keeping at most `window` photos in flight.

    `resorted()`, asked before each photo is handed on, gives the photos in another order when
    theirs changed (the grid sorted otherwise during a scan): those not handed on yet follow it
    from the next one, decoded ones kept, the decodes it no longer needs soon dropped."""
    with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="decode") as pool:
        pending: deque[tuple[int, Future[_Decoded]]] = deque()
        feed: Iterator[Photo] = iter(photos)
        handed: set[int] = set()

        def fill(started: dict[int, Future[_Decoded]] | None = None) -> None:
            """Up to `window` photos in flight from `feed`; a decode already `started` is used."""
            while len(pending) < window:
                photo = next(feed, None)
                if photo is None:
                    return
                future = (started or {}).pop(photo.id, None)
                pending.append((photo.id, future or pool.submit(_decode_job, photo, thumbs)))

        def follow(order: Sequence[Photo]) -> None:
            nonlocal feed
            started = dict(pending)
            pending.clear()
            feed = (p for p in order if p.id not in handed)
            fill(started)
            for future in started.values():
                future.cancel()  # one already decoding finishes, unused

        try:
            fill()
            while pending:
                order = None if token.cancelled else resorted()
                if order is not None:
                    follow(order)
                    if not pending:
                        break
                photo_id, future = pending.popleft()
                handed.add(photo_id)
                result = future.result()
                if not token.cancelled:
                    fill()
                yield result
        finally:
            for _, future in pending:
                future.cancel()


class _GridOrder:
    """The grid's sort as the scan tags by it: fixed (the command line), or the window's, read
    as the scan goes, so that a sort changed during a scan is followed by what is left."""

    def __init__(
        self, library: Library, order: str | Callable[[], str], only: set[int] | None = None
    ) -> None:
        self._library = library
        self._only = only  # the photos to tag (an `exactly` scan), if not all waiting
        self._now = order if callable(order) else lambda: order
        self._listed_in = self._now()
        self._pending: dict[int, Photo] = {}

    def pending(self) -> list[Photo]:
        """The photos waiting to be tagged, in the grid's sort now."""
        photos = pending_photos(self._library.db, order=self._listed_in)
        if self._only is not None:
            photos = [photo for photo in photos if photo.id in self._only]
        self._pending = {p.id: p for p in photos}
        return photos

    def resorted(self) -> list[Photo] | None:
        """Those photos in the grid's new sort, or None while it is unchanged (a string compared
        per photo). Ordered by the grid's ids (100,000 pending: 0.1 s by date or name, 0.5 s by
        folder), not by listing the pending photos again (1.3 s)."""
        now = self._now()
        if now == self._listed_in:
            return None
        self._listed_in = now
        ids = photo_ids_sorted(self._library.db, now)
        return [self._pending[i] for i in ids if i in self._pending]


def _tag_pending(
    library: Library,
    load_tagger: Callable[[], Tagger],
    summary: ScanSummary,
    report: ProgressCallback,
    token: CancelToken,
    batch_size: int,
    workers: int,
    people: PeopleStep | None = None,
    order: str | Callable[[], str] = "taken",
    only: set[int] | None = None,
) -> None:
    # In the grid's order: tagging makes each photo's thumbnail too (from the same decode), and
    # in the walk's order the top of the grid stayed grey until the end of a long first scan.
    grid = _GridOrder(library, order, only)
    photos = grid.pending()
    if not photos:
        return
    total = len(photos)
    tagger = _LazyTagger(
        load_tagger,
        lambda: report(Progress("loading the model", 0, total, problems=summary.problems)),
        lambda: token.cancelled,
    )
    active = backbone_for(library, active_version(library.db))
    keys = [BACKBONE_NAME] if active == BACKBONE_NAME else [active, BACKBONE_NAME]
    meter = RateMeter()
    meter.update(0)

    written_so_far = [0]

    def written(done: int, item: _Decoded) -> None:
        written_so_far[0] = done
        meter.update(done)
        eta = meter.eta(done, total)
        report(Progress("tagging", done, total, item.photo.path, meter.rate, eta, summary.problems))

    steps: BatchSteps[_Decoded, _Plan, _Inferred] = BatchSteps(
        plan=lambda batch: _plan_batch(library, keys, list(batch)),
        infer=lambda plan: _infer_batch(tagger, plan, people),
        write=lambda plan, inferred: _write_batch(library, plan, inferred, summary, people),
        content=lambda item: (
            None if isinstance(item.result, PhotoError) else item.result.content_hash
        ),
        needs_model=lambda item: bool(_plan_batch(library, keys, [item]).to_embed),
        load_model=tagger.get,
    )
    stream = decoded_stream(
        photos, library.thumbnails_dir, workers, token, batch_size * 3, grid.resorted
    )

    def noted(stream: Iterable[_Decoded]) -> Iterator[_Decoded]:
        for item in stream:
            summary.thumbnails_unwritten = summary.thumbnails_unwritten or item.unwritten
            summary._thumbnails_saved = summary._thumbnails_saved or item.saved
            yield item

    try:
        done = run_batches(steps, noted(stream), batch_size, token, written)
    except errors.Cancelled:
        if not token.cancelled:
            raise
        done = written_so_far[0]  # the model's load was stopped: no batch after it is written
    finally:
        # Closed here, not whenever the garbage collector meets it (a cancel or an error leaves
        # it suspended): its cleanup joins the decode threads, and run by the collector inside
        # a new thread's start-up (one taking threading's shutdown lock) it deadlocked a scan.
        stream.close()
    report(Progress("tagging", done, total, None, meter.rate, 0.0, summary.problems))
    if not token.cancelled:
        # Every photo is tagged: a first scan converts to OpenVINO now, which took minutes
        # while the status bar still read "Tagging 1,000 of 1,000" as if the scan had hung.
        summary.runtime_check_s = tagger.after_scan(
            lambda: report(
                Progress(
                    AFTER_SCAN_CHECK, 0, None, detail=AFTER_SCAN_DETAIL, problems=summary.problems
                )
            ),
            lambda: token.cancelled,
            summary.tagged,
        )
    summary.runtime = tagger.runtime
    summary.runtime_words = tagger.runtime_words
    summary.runtime_figures = tagger.figures_file


class _LazyTagger:
    """Loads the model on first use: a scan that only finds moved photos never needs it. A load
    that `stop()` (the scan's cancel) ended raises Cancelled, then and for every batch after it,
    without loading again."""

    def __init__(
        self,
        load: Callable[[], Tagger],
        announce: Callable[[], None],
        stop: Callable[[], bool] = lambda: False,
    ) -> None:
        self._load = load
        self._announce = announce
        self._stop = stop
        self._stopped: errors.Cancelled | None = None
        self._tagger: Tagger | None = None

    def get(self) -> Tagger:
        if self._stopped is not None:
            raise self._stopped
        if self._tagger is None:
            self._announce()
            try:
                with stoppable_load(self._stop):
                    self._tagger = self._load()
            except errors.Cancelled as exc:
                self._stopped = exc
                raise
        return self._tagger

    def _said(self, name: str) -> str:
        """The loaded engine's text `name` (what ran it, in words, its figures file, its
        embedder); "" before it is loaded, or where it keeps none."""
        return str(getattr(self._tagger, name, ""))  # no tagger (None): ""

    @property
    def runtime(self) -> str:
        return self._said("runtime")

    @property
    def runtime_words(self) -> str:
        return self._said("runtime_words")

    @property
    def figures_file(self) -> str:
        return self._said("figures_file")

    @property
    def embedder(self) -> str:
        return self._said("embedder")

    def after_scan(
        self, announce: Callable[[], None], stop: Callable[[], bool], files: int
    ) -> float:
        """The engine's one-time work after a scan (ml.runtimes.deferred), if it has any,
        `announce`d first when there is some to do; cut short once `stop()` (a cancel).
        `files`: the files this scan tagged (a video clip gives the model several pictures).
        Returns the seconds the check took, 0.0 where there was none to do."""
        finish = getattr(self._tagger, "after_scan", None)
        if finish is None:
            return 0.0
        checks = bool(getattr(self._tagger, "checks_after_scan", False))
        if checks:
            announce()
        began = time.monotonic()
        finish(stop, files)
        return time.monotonic() - began if checks else 0.0


def _moved_from(
    library: Library, photo: Photo, content_hash: str, size: int, claimed: set[int]
) -> Photo | None:
    """An earlier photo with the same content whose file is gone: this file is it, moved.
    `claimed`: the gone photos this batch already moved to another file (two identical copies
    moved together are two photos, each with its own row). Of several, the one with this
    file's name: two copies moved to new folders, names kept, each keep their own answers (the
    first by id gave each the other's)."""
    gone = [
        other
        for other in find_by_hash(library.db, content_hash)
        if other.id != photo.id
        and other.id not in claimed
        and (other.status == PhotoStatus.MISSING or not os.path.exists(os_path(other.path)))
    ]
    if gone:
        return next((other for other in gone if other.name == photo.name), gone[0])
    origin = legacy_origin(library.db, photo.path, size)
    return None if origin is None or origin.id in claimed else origin


def _copy_embedding(
    library: Library, photo: Photo, content_hash: str, backbones: Sequence[str]
) -> tuple[int, dict[str, bytes]] | None:
    """Another photo with identical bytes was already embedded (under every backbone key in use):
    reuse its embeddings instead of running the CNN. (Its id, its embeddings.)"""
    for other in find_by_hash(library.db, content_hash):
        if other.id != photo.id:
            blobs = {key: get_embedding(library.db, other.id, key) for key in backbones}
            if all(blob is not None for blob in blobs.values()):
                return other.id, {k: b for k, b in blobs.items() if b is not None}
    return None


def _commit_batch(
    library: Library,
    lazy: _LazyTagger,
    keys: list[str],
    batch: list[_Decoded],
    summary: ScanSummary,
    people: PeopleStep | None = None,
) -> int:
    """Tag one batch; `keys` are the backbone keys whose embeddings a photo must have."""
    plan = _plan_batch(library, keys, batch)
    _write_batch(library, plan, _infer_batch(lazy, plan, people), summary, people)
    return len(batch)


@dataclass
class _Plan:
    """What one batch needs: which photos failed, moved, copy an embedding or need the CNN."""

    size: int
    failures: list[tuple[Photo, PhotoError]]
    moves: list[tuple[Photo, DecodedPhoto, Photo]]
    reused: list[tuple[Photo, DecodedPhoto, dict[str, bytes]]]
    to_embed: list[tuple[Photo, DecodedPhoto]]
    copied_from: dict[int, int]  # a reused photo's id: the photo whose embeddings it copies
    made_by: dict[int, str]  # a photo's id: what embedded it already, when not the batch's CNN


@dataclass
class _Inferred:
    """A batch's CNN results, ready to write (faces may still be on their way)."""

    rows: list[tuple[Photo, DecodedPhoto, dict[str, bytes]]]
    scores: np.ndarray
    suggestions: list[list[tuple[str, float]]]
    names: list[str]
    version: str
    faces: Future[list[Sequence[Face]]] | None
    embedder: str = ""  # the runtime and precision that embedded the batch's new photos


def _plan_batch(library: Library, keys: list[str], batch: list[_Decoded]) -> _Plan:
    """Sort a batch by what it needs (reads the library only)."""
    library.ensure_unchanged()
    to_embed: list[tuple[Photo, DecodedPhoto]] = []
    reused: list[tuple[Photo, DecodedPhoto, dict[str, bytes]]] = []
    moves: list[tuple[Photo, DecodedPhoto, Photo]] = []
    failures: list[tuple[Photo, PhotoError]] = []
    claimed: set[int] = set()  # gone photos already moved to a file of this batch
    copied_from: dict[int, int] = {}
    made_by = {item.photo.id: item.made_by for item in batch if item.made_by}
    for item in batch:
        if isinstance(item.result, PhotoError):
            failures.append((item.photo, item.result))
            continue
        decoded = item.result
        origin = _moved_from(library, item.photo, decoded.content_hash, decoded.size, claimed)
        if origin is not None:
            claimed.add(origin.id)
            moves.append((item.photo, decoded, origin))
            continue
        copied = _copy_embedding(library, item.photo, decoded.content_hash, keys)
        if copied is not None:
            copied_from[item.photo.id] = copied[0]
            reused.append((item.photo, decoded, copied[1]))
        else:
            to_embed.append((item.photo, decoded))
    return _Plan(len(batch), failures, moves, reused, to_embed, copied_from, made_by)


def _infer_batch(lazy: _LazyTagger, plan: _Plan, people: PeopleStep | None) -> _Inferred:
    """Run the CNN on what needs it (touches no database: it may run on a thread of its own)."""
    to_embed, reused = plan.to_embed, plan.reused
    # The CNN runs before the write transaction, so the library stays writable meanwhile.
    tagger = lazy.get() if (to_embed or reused) else None
    # Faces from the same decode (the thumbnails, in the order of `rows` below), found meanwhile.
    thumbs = [d.thumbnail for _, d in to_embed] + [d.thumbnail for _, d, _ in reused]
    found = people.detect_later(thumbs) if people is not None else None
    rows: list[tuple[Photo, DecodedPhoto, dict[str, bytes]]] = []
    scores = np.zeros((0, 0), np.float32)
    suggestions: list[list[tuple[str, float]]] = []
    names: list[str] = []
    version = ""
    if tagger is not None:
        # Clips contribute all their sampled frames, pooled back to one row (core/media.py).
        fresh, clip_scores = (
            embed_pooled(tagger, [d for _, d in to_embed]) if to_embed else ({}, {})
        )
        rows = [
            (p, d, {key: encode_embedding(e[i]) for key, e in fresh.items()})
            for i, (p, d) in enumerate(to_embed)
        ]
        rows += reused
        active = tagger.backbone_name
        matrix = decode_embeddings([b[active] for _, _, b in rows])
        scores = tagger.scores(matrix)
        if found is not None and people is not None and reads_faces(tagger):
            # Taught tags with a face base wait for this batch's faces; other versions let the
            # detector run on while the batch is written.
            scores = scores_with_faces(
                tagger, matrix, scores, found.result(), people.rules, clip_scores
            )
        for index, pooled in clip_scores.items():
            scores[index] = pooled
        suggestions = tagger.suggest(scores)
        names = tagger.tag_names
        version = tagger.model_version
    return _Inferred(rows, scores, suggestions, names, version, found, lazy.embedder)


def _write_batch(
    library: Library,
    plan: _Plan,
    inferred: _Inferred,
    summary: ScanSummary,
    people: PeopleStep | None,
) -> None:
    """Record one batch in one transaction."""
    db = library.db
    rows, scores, suggestions = inferred.rows, inferred.scores, inferred.suggestions
    names, version = inferred.names, inferred.version
    faces = inferred.faces.result() if inferred.faces is not None else []
    library.ensure_unchanged()
    with transaction(db):
        for photo, error in plan.failures:
            _record_failure(library, photo, error, summary)
        for photo, decoded, origin in plan.moves:
            # The new row may carry labels made while this scan ran: they join the old row's
            # before the new row goes (merge, never drop, what the user decided).
            merge_decisions(db, photo.id, origin.id)
            carry_face_names(db, photo.id, origin.id, later=True)  # and faces named there
            take_back(db, [origin.id])  # restored from the trash elsewhere, as above
            # The companions beside it where it is now, not those it had where it was.
            now_beside = media_of(db, [photo.id]).get(photo.id)
            set_companions(db, origin.id, now_beside.companions if now_beside else ())
            delete_photos(db, [photo.id])
            update_photo(
                db,
                origin.id,
                path=photo.path,
                size=decoded.size,
                mtime=photo.mtime,
                content_hash=decoded.content_hash,
                status=PhotoStatus.TAGGED if origin.model_version else PhotoStatus.PENDING,
            )
            # What phototagger wrote into it and its sidecar follows it: rejected after the
            # move, a keyword it wrote is its to take out, not "remove it in digiKam".
            move_written(db, origin.id, origin.path, photo.path)
            _note_damage(db, photo.path, decoded)
            summary.count_move(photo.id, origin.id)
        for key in {k for _, _, blobs in rows for k in blobs}:
            made: dict[str | None, list[tuple[int, bytes]]] = {}
            for p, _, blobs in rows:
                if key in blobs:
                    source = plan.made_by.get(p.id, inferred.embedder) or None
                    made.setdefault(source, []).append((p.id, blobs[key]))
            for source, items in made.items():
                put_embeddings(db, key, items, source)
        # A copy's embedding was made by whatever made its original's.
        copy_embedding_sources(db, plan.copied_from)
        for (photo, decoded, _), row_scores, suggested in zip(
            rows, scores, suggestions, strict=True
        ):
            update_photo(
                db,
                photo.id,
                content_hash=decoded.content_hash,
                size=decoded.size,
                width=decoded.width,
                height=decoded.height,
                taken_at=decoded.taken_at,
                orientation=decoded.orientation,
                status=PhotoStatus.TAGGED,
                model_version=version,
            )
            write_model_tags(
                db,
                photo.id,
                dict(zip(names, map(float, row_scores), strict=True)),
                [name for name, _ in suggested],
                version,
            )
            _note_damage(db, photo.path, decoded)
        record_media(db, [(photo.id, decoded.media) for photo, decoded, _ in rows])
        if people is not None and rows:
            people.record(db, [photo.id for photo, _, _ in rows], faces)
        summary.tagged += len(rows)
        summary.copies += len(plan.reused)


def _note_damage(db: sqlite_utils.Database, path: str, decoded: DecodedPhoto) -> None:
    """A file used as it is clears its problem; one used though damaged (a JPEG cut short) keeps
    a note of it in Problems, so the user knows why part of it is grey."""
    if decoded.damage is None:
        clear_problem(db, path)
    else:
        record_problem(db, path, decoded.damage.code, decoded.damage.message)


def _record_failure(
    library: Library, photo: Photo, error: PhotoError, summary: ScanSummary
) -> None:
    if error.code == errors.VANISHED:
        mark_missing(library.db, [photo.id])
    else:
        update_photo(library.db, photo.id, status=PhotoStatus.PROBLEM)
    try:
        mode: int | None = os.stat(photo.path).st_mode
    except OSError:
        mode = None
    known = get_problem(library.db, photo.path) is not None
    record_problem(library.db, photo.path, error.code, error.message, mode)
    summary.problems += 1
    summary.known_problems += known
