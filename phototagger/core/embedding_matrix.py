"""All of a backbone's embeddings as one memory-mapped float32 matrix, in the cache folder.

Re-tagging 100,000 photos with a trained version needs every embedding. Read from SQLite they
cost seconds (a 2.5 KB blob per row, stored on overflow pages, one Python object each); mapped
from one file they cost nothing until used. float32, not the stored float16: numpy's conversion
took 1.2 s of a 3.0 s re-tag of 100,000 photos; the copy is twice the size (5 KB a photo) but
only a cache. The copy is keyed by the library's
embedding generation (migration 8: a random tag replaced by triggers whenever an embedding is
written or deleted), so a stale copy is never read. A scan makes it as its last step
(core/job_end_copies.py: ~3 s for 100,000 photos, against the scan's hours; it was half of the first
training's 10-12 s); else the next reader that needs all embeddings (a training run's
library-wide comparison, a re-tag) rebuilds it in full. Not appended to: the generation says
only that some embedding changed, not which. It is a cache: deleting it, or a read-only
library where it cannot be written, only costs time; a copy that does not fit on its disk is
said once (unwritten_note: the CLI's stderr, the app's status bar at a job's end).
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import threading
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

import numpy as np
import sqlite_utils

from phototagger.core.embeddings import EMBEDDING_DTYPE, decode_embeddings, embedded_chunks
from phototagger.core.failures import DISK_FULL, cache_unwritten_message
from phototagger.core.library import Library
from phototagger.durable import remove_abandoned, replace_durably
from phototagger.ml.engine import BACKBONE_NAME
from phototagger.store.connection import database_file
from phototagger.store.embeddings import (
    embedding_count,
    embeddings_generation,
    snapshot_embeddings,
)

# Below this many photos SQLite is fast enough and a second copy is not worth its disk.
MIN_PHOTOS = 2_000


@dataclass(frozen=True)
class EmbeddingMatrix:
    generation: int
    ids: np.ndarray  # (N,) int64, ascending
    vectors: np.ndarray  # (N, d) float32, memory-mapped, read-only

    def rows(self, photo_ids: Sequence[int]) -> np.ndarray | None:
        """float32 (len(photo_ids), d), exactly as decode_embeddings gives them (read-only: a
        view of the file where the ids are a run); None if some photo is not in the matrix."""
        wanted = np.asarray(photo_ids, dtype=np.int64)
        at = np.searchsorted(self.ids, wanted)
        if len(wanted) and (at.max() >= len(self.ids) or (self.ids[at] != wanted).any()):
            return None
        if len(at) and at[-1] - at[0] == len(at) - 1:  # a run of ids, as pages are: no gather
            return self.vectors[at[0] : at[-1] + 1]
        return np.asarray(self.vectors[at])

    def chunks(self, size: int) -> Iterator[tuple[list[int], np.ndarray]]:
        for start in range(0, len(self.ids), size):
            end = start + size
            yield self.ids[start:end].tolist(), self.vectors[start:end].astype(np.float32)


def embedding_matrix(
    db: sqlite_utils.Database,
    backbone: str,
    cache: Path,
    min_photos: int | None = None,
    cancelled: Callable[[], bool] | None = None,
    building: Callable[[], None] | None = None,
) -> EmbeddingMatrix | None:
    """The current matrix of `backbone`'s embeddings (built now if the copy is missing or stale),
    or None where no copy can be kept: an in-memory or small library, a cache folder that
    cannot be written; or `cancelled` said so while it was being built. `building` is called
    before a build starts (for a progress line)."""
    generation = embeddings_generation(db, backbone)
    folder = _folder(db, cache)
    if generation is None or folder is None:
        return None
    found = _load(folder, backbone, generation)
    if found is not None:
        return found
    if embedding_count(db, backbone) < (MIN_PHOTOS if min_photos is None else min_photos):
        return None
    if building is not None:
        building()
    try:
        return _build(db, folder, backbone, cancelled)
    except OSError as exc:  # a full disk or a read-only cache: SQLite it is
        if exc.errno in DISK_FULL:  # free space is the user's to make: said once (bad45)
            where = folder / f"{copy_stem(backbone, generation)}.npy"
            with _UNWRITTEN_LOCK:
                if not _unwritten:
                    _unwritten.append(
                        cache_unwritten_message("The embedding cache", where, exc, _READ)
                    )
        return None


# Why the copy could not be written on a full disk, the first time in this process (it went
# without a word): said once by whatever surfaces it (the CLI's stderr, the app's status bar).
_unwritten: list[str] = []  # the reason, then "" once said
_UNWRITTEN_LOCK = threading.Lock()
_READ = "the embeddings are read from the library each time instead"


def unwritten_note() -> str:
    """Why the embeddings' copy could not be saved, the first time only ("" after, and while
    every copy was saved)."""
    with _UNWRITTEN_LOCK:
        if not _unwritten or not _unwritten[0]:
            return ""
        said, _unwritten[0] = _unwritten[0], ""
        return said


def library_chunks(
    library: Library, backbone: str = BACKBONE_NAME, size: int = 4096
) -> Iterator[tuple[list[int], np.ndarray]]:
    """Every `backbone` embedding of the library by photo id, `size` at a time: from the matrix
    where it is current, else from SQLite (core/embeddings.embedded_chunks)."""
    matrix = embedding_matrix(library.db, backbone, library.home.embeddings_cache)
    if matrix is not None:
        return matrix.chunks(size)
    return embedded_chunks(library.db, size, backbone=backbone)


def current_matrix(db: sqlite_utils.Database, backbone: str, cache: Path) -> EmbeddingMatrix | None:
    """The copy if it exists and is current; never made here (None otherwise)."""
    generation = embeddings_generation(db, backbone)
    folder = _folder(db, cache)
    if generation is None or folder is None:
        return None
    return _load(folder, backbone, generation)


def leading_embeddings(
    library: Library, backbone: str, at_least: int, chunk: int = 4096
) -> np.ndarray | None:
    """The first embeddings by photo id, whole `chunk`s of them until there are `at_least` (all,
    if fewer): the very rows core/training_set.embeddings_of(limit=at_least) reads from SQLite
    (0.5 s of a first training of 100,000 photos), from the copy (made now if missing or stale,
    as the training's comparison would make it anyway). None: no copy can be kept here
    (embedding_matrix)."""
    matrix = embedding_matrix(library.db, backbone, library.home.embeddings_cache)
    if matrix is None:
        return None
    return np.array(matrix.vectors[: -(-at_least // chunk) * chunk])


def cache_folder(db: sqlite_utils.Database, cache: Path) -> Path | None:
    """This library's own folder under the embeddings cache `cache` (None: an in-memory one)."""
    return _folder(db, cache)


def _folder(db: sqlite_utils.Database, cache: Path) -> Path | None:
    file = database_file(db)
    if not file:
        return None
    digest = hashlib.sha256(os.path.abspath(file).encode("utf-8", "surrogateescape"))
    return cache / digest.hexdigest()[:16]


def copy_stem(backbone: str, generation: int) -> str:
    return f"{backbone}-{generation & (2**64 - 1):016x}"


def _load(folder: Path, backbone: str, generation: int) -> EmbeddingMatrix | None:
    stem = copy_stem(backbone, generation)
    try:
        ids = np.load(folder / f"{stem}.ids.npy")
        vectors = np.load(folder / f"{stem}.npy", mmap_mode="r")
    except (OSError, ValueError, EOFError):  # EOFError: a file of no length
        return None
    if vectors.ndim != 2 or len(vectors) != len(ids) or vectors.dtype != np.float32:
        return None
    return EmbeddingMatrix(generation, ids, vectors)


def _build(
    db: sqlite_utils.Database,
    folder: Path,
    backbone: str,
    cancelled: Callable[[], bool] | None = None,
) -> EmbeddingMatrix | None:
    """Write the copy page by page straight into a temporary file (a page in memory at a time,
    not the whole matrix twice), flushed to disk, then renamed into place: a crash or a cancel
    at any point leaves either no copy or a complete one. None: cancelled, or nothing to copy."""
    folder.mkdir(parents=True, exist_ok=True)
    _remove_abandoned(folder, backbone)
    generation: int | None = None
    tmp = f".{os.getpid()}.tmp.npy"
    stem = ""
    try:
        with contextlib.ExitStack() as closing:
            ids = np.empty(0, np.int64)
            done = 0
            out = None
            for page_generation, count, rows in snapshot_embeddings(db, backbone):
                if cancelled is not None and cancelled():
                    return None
                if out is None:
                    # One statement: the same generation and count on every page.
                    generation, stem = page_generation, copy_stem(backbone, page_generation or 0)
                    ids = np.empty(count, np.int64)
                    out = closing.enter_context(open(folder / f"{stem}{tmp}", "wb"))
                    float32_header(out, (count, len(rows[0][1]) // EMBEDDING_DTYPE.itemsize))
                ids[done : done + len(rows)] = [photo_id for photo_id, _ in rows]
                decode_embeddings([blob for _, blob in rows]).tofile(out)
                done += len(rows)
            if out is None or generation is None or done != len(ids):
                return None
            out.flush()
            os.fsync(out.fileno())  # on disk before it is named: never a named copy of zeros
        np.save(folder / f"{stem}.ids{tmp}", ids)
        # The ids last: a reader needs both, and finds the matrix only once both are there. They
        # too on disk before they are named (8 bytes a photo: 7 ms for 100,000 photos), else a
        # power cut could leave them named but empty, or whole in length with zeros for ids.
        os.replace(folder / f"{stem}{tmp}", folder / f"{stem}.npy")
        replace_durably(folder / f"{stem}.ids{tmp}", folder / f"{stem}.ids.npy")
    finally:
        for leftover in (folder / f"{stem}.ids{tmp}", folder / f"{stem}{tmp}"):
            with contextlib.suppress(OSError):
                leftover.unlink()
    # Older copies, their ids and the probabilities computed from them (core/probability_matrix).
    mine = re.compile(re.escape(backbone) + r"-[0-9a-f]{16}(\.ids|\.probs-[0-9a-f]+)?\.npy")
    for old in folder.iterdir():
        if mine.fullmatch(old.name) and not old.name.startswith(f"{stem}."):
            with contextlib.suppress(OSError):
                old.unlink()  # a reader that mapped it keeps its pages until it lets go
    return _load(folder, backbone, generation)


def float32_header(out: BinaryIO, shape: tuple[int, int]) -> None:
    """The .npy header of a float32 matrix whose rows are then written after it, page by
    page (np.load reads the file as if np.save had written it)."""
    header = {
        "descr": np.lib.format.dtype_to_descr(np.dtype(np.float32)),
        "fortran_order": False,
        "shape": shape,
    }
    np.lib.format.write_array_header_1_0(out, header)


def _remove_abandoned(folder: Path, backbone: str) -> None:
    remove_abandoned(
        folder,
        re.compile(re.escape(backbone) + r"-[0-9a-f]{16}(\.ids|\.probs-[0-9a-f]+)?\.\d+\.tmp\.npy"),
    )
