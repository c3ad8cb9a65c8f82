"""The default head's ImageNet probabilities of every embedding, beside the embeddings' copy.

A taught tag's base is its class set's share of the 1000-class softmax (ml/trained_head.py), so
every training's library-wide comparison (core/version_diff.py) ran that softmax over the whole
library: 2-4 s of a 100,000-photo training on 2 cores, every time. A scan's last step
(core/job_end_copies.refresh_after_job) computes them once into a memory-mapped float32 file
(4 KB a photo, 400 MB for 100,000), which trainings and re-tags then read instead.

The very bits a page computes itself: a page's softmax rounds differently with the rows around
it, so the file is computed page by page in the pages every library-wide reader uses (RETAG_PAGE
photos by id from the first), and read only for such a page. Named after the embeddings' copy it
was computed from (so it is as current as that copy, checked the same way) and after the default
head's weights (score_cache.cache_key): a new head never reads an older one's. It is a cache:
missing, it only costs the time it saves.
"""

from __future__ import annotations

import contextlib
import os
import re
from collections.abc import Callable
from pathlib import Path

import numpy as np
import sqlite_utils

from phototagger.core.embedding_matrix import (
    EmbeddingMatrix,
    cache_folder,
    copy_stem,
    float32_header,
)
from phototagger.core.switch_scores import RETAG_PAGE
from phototagger.durable import replace_durably
from phototagger.ml.heads import DefaultHead
from phototagger.store.embeddings import embeddings_generation

# The pages of a training's comparison and of a re-tag (core/model/retag.py SWITCH_CHUNK).
PAGE = RETAG_PAGE


def _file(folder: Path, matrix: EmbeddingMatrix, backbone: str, head_key: str) -> Path:
    digest = head_key.rsplit(":", 1)[-1]
    return folder / f"{copy_stem(backbone, matrix.generation)}.probs-{digest}.npy"


def load_probabilities(
    db: sqlite_utils.Database, cache: Path, backbone: str, matrix: EmbeddingMatrix, head_key: str
) -> np.ndarray | None:
    """(N, 1000) float32, memory-mapped, row i the probabilities of matrix row i; None if there
    is no such file (or a damaged one)."""
    folder = cache_folder(db, cache)
    if folder is None:
        return None
    try:
        probs = np.load(_file(folder, matrix, backbone, head_key), mmap_mode="r")
    except (OSError, ValueError, EOFError):  # EOFError: a file of no length
        return None
    if probs.ndim != 2 or len(probs) != len(matrix.ids) or probs.dtype != np.float32:
        return None
    return probs


def page_probabilities(
    db: sqlite_utils.Database,
    backbone: str,
    matrix: EmbeddingMatrix,
    probs: np.ndarray,
    ids: list[int],
) -> np.ndarray | None:
    """The stored probabilities of a page of photos, where they are the page's own bits: the
    page is one of the file's pages (the same photos, from the same first one) and the copy is
    still current. None otherwise (the caller computes them)."""
    if not ids:
        return None
    start = int(np.searchsorted(matrix.ids, ids[0]))
    end = start + len(ids)
    whole = len(ids) == PAGE or end == len(matrix.ids)
    if start % PAGE or not whole or end > len(matrix.ids):
        return None
    if matrix.ids[end - 1] != ids[-1] or not np.array_equal(matrix.ids[start:end], ids):
        return None
    if embeddings_generation(db, backbone) != matrix.generation:
        return None
    return np.asarray(probs[start:end])


def build_probabilities(
    db: sqlite_utils.Database,
    cache: Path,
    backbone: str,
    matrix: EmbeddingMatrix,
    default: DefaultHead,
    head_key: str,
    cancelled: Callable[[], bool] | None = None,
) -> bool:
    """Compute and store the file for `matrix` (a temporary file, flushed, then renamed: a
    cancel or a crash leaves none); remove older ones. False: cancelled or not writable."""
    folder = cache_folder(db, cache)
    if folder is None:
        return False
    target = _file(folder, matrix, backbone, head_key)
    tmp = target.with_name(f"{target.stem}.{os.getpid()}.tmp.npy")
    try:
        with open(tmp, "wb") as out:
            float32_header(out, (len(matrix.ids), default.kernel.shape[1]))
            for start in range(0, len(matrix.ids), PAGE):
                if cancelled is not None and cancelled():
                    return False
                page = matrix.vectors[start : start + PAGE]
                default.imagenet_probabilities(page).astype(np.float32, copy=False).tofile(out)
        # On disk before it is named, and the name after it (0.3 s for 500 MB on an SSD, in a
        # scan's last step: no one waits).
        replace_durably(tmp, target)
    except OSError:
        return False
    finally:
        with contextlib.suppress(OSError):
            tmp.unlink()
    # Temporary files are not matched: another build's may be in progress (embedding_matrix
    # removes abandoned ones).
    mine = re.compile(re.escape(backbone) + r"-[0-9a-f]{16}\.probs-[0-9a-f]+\.npy")
    for old in folder.iterdir():
        if mine.fullmatch(old.name) and old.name != target.name:
            with contextlib.suppress(OSError):
                old.unlink()
    return True
