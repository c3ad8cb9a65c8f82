"""Find the photos under a set of folders: fast, deterministic, and loud about what it skips."""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Collection, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from phototagger.core.companions import pair_companions, stem
from phototagger.core.decoders import MediaKind, kind_of
from phototagger.core.errors import (
    BAD_NAME,
    LEFT_COPY,
    LINK_LOOP,
    MISSING_FOLDER,
    NOT_REGULAR,
    UNREADABLE,
    UNSUPPORTED,
    PhotoError,
)
from phototagger.core.found_file import FoundFile
from phototagger.core.imaging import SUPPORTED_EXTENSIONS
from phototagger.core.metadata.exiv import LEFTOVER, remove_leftovers
from phototagger.core.names import os_path, storable, uses_reserved

__all__ = [
    "FoundFile",
    "WalkProblem",
    "holds_photo_files",
    "is_supported",
    "no_photos_or",
    "walk_files",
    "walk_photos",
]


@dataclass(frozen=True)
class WalkProblem:
    path: str
    error: PhotoError


def is_supported(path: str) -> bool:
    """True for a name with one of the photo extensions, in any letter case."""
    return os.path.splitext(path)[1].lower() in SUPPORTED_EXTENSIONS


def holds_photo_files(folder: str) -> bool:
    """Whether a scan of `folder` would find a photo or clip in it or below it (by the name's
    extension, as the walk finds them; nothing opened): a folder that holds none is no folder
    to scan (`label FOLDER` on it said "scan it first")."""
    return any(isinstance(item, FoundFile) for item in walk_photos([folder]))


def no_photos_or(path: str, not_scanned: str) -> str:
    """Why a path named to a command gives no photo of the library: "no photos in FOLDER" for
    a folder that holds none at all (empty, or other files only), where "scan it first" sent
    the user to a scan that would find nothing; else `not_scanned`, in the command's words."""
    if os.path.isdir(path) and not holds_photo_files(path):
        return f"no photos in {path}"
    return not_scanned


def walk_photos(roots: Sequence[str | Path]) -> Iterator[FoundFile | WalkProblem]:
    """Yield every supported photo under `roots` (folders or single files), and every problem.

    Per folder: its photos by name, then its subfolders by name. Hidden names are skipped.
    Symlinked folders are followed, but each real folder is walked once, which ends loops and
    keeps overlapping roots from yielding a photo twice.
    """
    if isinstance(roots, str | bytes | os.PathLike):
        # A lone string is a Sequence too: its characters would be walked as roots, "/" first.
        raise TypeError("walk_photos takes a list of roots, not a single path")
    visited: set[tuple[int, int]] = set()
    for root in roots:
        yield from _walk_root(os.path.abspath(os.fspath(root)), visited)


def walk_files(
    paths: Sequence[str], folders: Collection[str] = ()
) -> Iterator[FoundFile | WalkProblem]:
    """The files at `paths` (stored paths, core/names.py) as walk_photos finds them in their
    folders, and nothing else there (File ▸ Problems ▸ Try Again): each with the RAW or clip
    that shares its name (beside it, or left alone by a still deleted), and a RAW or clip with
    its still. One listing per folder, no stat of any other file in it. A path no longer there
    yields nothing; a folder among `paths` (one that could not be opened), or one of `folders`
    (a library folder, if its drive is unplugged), is walked as walk_photos walks it."""
    chosen = {os_path(path) for path in paths}
    folders = {os_path(folder) for folder in folders}
    by_folder: dict[str, list[str]] = {}
    for path in sorted(chosen):
        left = LEFTOVER.fullmatch(os.path.basename(path))  # a folder so named is not walked
        if not left and (path in folders or os.path.isdir(path)):
            yield from walk_photos([path])
        else:
            by_folder.setdefault(os.path.dirname(path), []).append(os.path.basename(path))
    for folder, names in by_folder.items():
        stems = {stem(name) for name in names}
        starts = tuple(stems)  # a cheap first sieve: thousands of names pass through it
        try:
            with os.scandir(folder) as it:
                # The chosen files and the others of their name (a RAW twin, a live clip).
                near = [e for e in it if e.name.casefold().startswith(starts)]
                listed = [e for e in near if stem(e.name) in stems]
        except (FileNotFoundError, NotADirectoryError):
            continue  # its folder is gone: so are the files
        except OSError as exc:
            yield _problem(folder, UNREADABLE, f"this folder cannot be opened ({_reason(exc)})")
            continue
        yield from _left_copies(folder, names)  # chosen in Problems: removed now, if it can be
        found: list[FoundFile] = []
        for entry in sorted(listed, key=lambda entry: entry.name):
            outcome = _classify(entry)
            if isinstance(outcome, FoundFile):
                found.append(outcome)
            elif isinstance(outcome, WalkProblem) and os_path(outcome.path) in chosen:
                yield outcome
        for item in pair_companions(found):
            # A still beside a chosen RAW comes too: the RAW is part of its photo. A RAW or
            # clip alone, its chosen still gone, is a photo of its own now.
            alone = kind_of(item.path) is not MediaKind.PHOTO
            if alone or chosen.intersection(map(os_path, (item.path, *item.companions))):
                yield item


def _walk_root(root: str, visited: set[tuple[int, int]]) -> Iterator[FoundFile | WalkProblem]:
    try:
        st = os.stat(root)
    except (FileNotFoundError, NotADirectoryError):
        yield _problem(root, MISSING_FOLDER, "this folder does not exist (was a drive unplugged?)")
        return
    except OSError as exc:
        yield _problem(root, UNREADABLE, f"this folder cannot be opened ({_reason(exc)})")
        return
    if stat.S_ISDIR(st.st_mode):
        yield from _walk_tree(root, st, visited)
    elif stat.S_ISREG(st.st_mode) and is_supported(root):
        yield _found_or_bad_name(root, st)
    elif stat.S_ISREG(st.st_mode):
        yield _problem(
            root,
            UNSUPPORTED,
            "this file is not a photo type phototagger reads "
            f"({', '.join(sorted(SUPPORTED_EXTENSIONS))})",
        )
    else:
        yield _problem(root, MISSING_FOLDER, "this is not a folder")


def _walk_tree(
    top: str, top_stat: os.stat_result, visited: set[tuple[int, int]]
) -> Iterator[FoundFile | WalkProblem]:
    # An explicit stack, not recursion: trees can be deeper than Python's recursion limit.
    stack: list[tuple[str, os.stat_result]] = [(top, top_stat)]
    while stack:
        folder, folder_stat = stack.pop()
        key = (folder_stat.st_dev, folder_stat.st_ino)
        if key in visited:
            continue
        visited.add(key)
        listed = _sorted_entries(folder)
        if isinstance(listed, WalkProblem):
            yield listed
            continue
        entries, left = listed
        yield from left
        subfolders: list[tuple[str, os.stat_result]] = []
        found: list[FoundFile] = []
        for entry in entries:
            outcome = _classify(entry)
            if isinstance(outcome, tuple):
                subfolders.append(outcome)
            elif isinstance(outcome, FoundFile):
                found.append(outcome)
            elif outcome is not None:
                yield outcome
        yield from pair_companions(found)
        # Reversed so that the stack pops them in name order.
        stack.extend(reversed(subfolders))


def _sorted_entries(folder: str) -> tuple[list[os.DirEntry[str]], list[WalkProblem]] | WalkProblem:
    """The folder's entries to look at, by name, and the copies left by keyword writes that
    stay in it (_left_copies)."""
    try:
        with os.scandir(folder) as it:
            listed = list(it)
    except OSError as exc:
        # Listing is all-or-nothing: a folder that fails half way is reported, not half-walked.
        return _problem(folder, UNREADABLE, f"this folder cannot be opened ({_reason(exc)})")
    hidden = [entry.name for entry in listed if entry.name.startswith(".")]
    shown = sorted((e for e in listed if not e.name.startswith(".")), key=lambda e: e.name)
    return shown, _left_copies(folder, hidden)


def _left_copies(folder: str, names: Collection[str]) -> list[WalkProblem]:
    """Remove the copies of photos whose keyword write was killed before its rename (never a
    photo: hidden), once old enough to belong to no live write; each that stays (a read-only
    folder, another user's file) is a problem, so that the user hears of it."""
    if not any(LEFTOVER.fullmatch(name) for name in names):
        return []
    stayed = remove_leftovers(Path(folder), names)
    return [_problem(str(path), LEFT_COPY, words) for path, words in sorted(stayed.items())]


def _classify(
    entry: os.DirEntry[str],
) -> FoundFile | WalkProblem | tuple[str, os.stat_result] | None:
    """A photo, a problem, a subfolder to walk (path and stat), or None for anything to ignore."""
    # is_symlink and (for a non-link) is_dir come from the directory listing: no system call.
    is_link = entry.is_symlink()
    try:
        is_dir = entry.is_dir()
    except OSError:  # a link that loops onto itself
        is_dir = False
    if not (is_dir or is_link or is_supported(entry.name)):
        return None
    try:
        st = entry.stat()  # follows links: a linked folder is walked, a linked photo is found
    except FileNotFoundError:
        if is_link and os.path.lexists(entry.path):
            target = _link_target(entry.path)
            return _problem(
                entry.path,
                UNREADABLE,
                f"this is a link to {target}, which does not exist (was a drive unplugged?)",
            )
        return None  # deleted between listing and stat: nothing left to report
    except OSError as exc:
        if is_link and exc.errno == errno.ELOOP:  # "too many levels of symbolic links"
            return _problem(entry.path, UNREADABLE, LINK_LOOP)
        return _problem(entry.path, UNREADABLE, f"this cannot be opened ({_reason(exc)})")
    if stat.S_ISDIR(st.st_mode):
        return entry.path, st
    if not is_supported(entry.name):
        return None
    if stat.S_ISREG(st.st_mode):
        return _found_or_bad_name(entry.path, st)
    # Opening a pipe or device named like a photo would block the scan or read forever.
    return _problem(entry.path, UNREADABLE, NOT_REGULAR)


def _found_or_bad_name(path: str, st: os.stat_result) -> FoundFile | WalkProblem:
    # Names that are not UTF-8 (old cameras, zip files from Windows) are stored losslessly in
    # an escaped form; only a real name that already uses the escape code points is refused.
    if uses_reserved(path):
        message = (
            "this name uses private-use characters (U+10FF80-U+10FFFF) that phototagger keeps "
            "for names that are not UTF-8; rename the file or folder and scan again"
        )
        return WalkProblem(path, PhotoError(BAD_NAME, message))
    return FoundFile(storable(path), st.st_size, st.st_mtime, mode=st.st_mode)


def _is_bad(name: str) -> bool:
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def _problem(path: str, code: str, message: str) -> WalkProblem:
    if _is_bad(path):
        path = os.fsencode(path).decode("utf-8", "backslashreplace")
    return WalkProblem(path, PhotoError(code, message))


def _link_target(path: str) -> str:
    try:
        target = os.readlink(path)
    except OSError:
        return "another file"
    return os.fsencode(target).decode("utf-8", "backslashreplace")


def _reason(exc: OSError) -> str:
    if isinstance(exc, PermissionError):
        # What to do, as an unreadable file's note says it (it said "permission denied" alone).
        return (
            "permission denied: phototagger is not allowed to open it; "
            "check its permissions or owner"
        )
    return (exc.strerror or str(exc)).lower()
