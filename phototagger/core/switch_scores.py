"""A candidate version's scores of the tags it changes, computed once while training compares it
with the active version (core/version_diff.py), kept for the switch to it.

Both need the same numbers: the comparison, to say how many photos a tag gains and loses; the
switch, to write them. On 100,000 photos the 1,000-class softmax behind a taught tag's class-set
base was most of a switch's time, computed again for numbers training had just had. The
comparison computes them page by page exactly as a full re-tag does (core/score_cache.py, pages
of RETAG_PAGE photos by id), so the switch writes the very scores a full re-tag would.

Kept in the library's embeddings cache folder, keyed by the embeddings' generation (any photo
added, re-embedded or deleted since: not used) and a digest of the columns' weights (another
version saved under the same name: not used). Tags with a face base are never kept: the face
detector's findings may grow between training and the switch. It is a cache: without it the
switch computes the scores itself.
"""

from __future__ import annotations

import contextlib
import hashlib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from phototagger.core.embedding_matrix import cache_folder
from phototagger.core.library import Library
from phototagger.ml.trained_head import TrainedHead
from phototagger.store.embeddings import embeddings_generation

RETAG_PAGE = 1024  # photos per page of a re-tag (core/model/retag.py SWITCH_CHUNK)


@dataclass(frozen=True)
class SwitchScores:
    columns: list[int]  # the head's columns, in the order of `scores`
    ids: np.ndarray  # (N,) photo ids, ascending
    scores: np.ndarray  # (N, len(columns)) float32

    def pages(
        self, columns: Sequence[int], photo_ids: Sequence[int] | None, size: int
    ) -> Iterator[tuple[list[int], np.ndarray]]:
        """(photo ids, their scores of `columns`), `size` photos at a time, for `photo_ids`
        (None: all)."""
        picked = np.asarray([self.columns.index(j) for j in columns], dtype=np.int64)
        rows = (
            np.arange(len(self.ids))
            if photo_ids is None
            else np.searchsorted(self.ids, np.asarray(sorted(photo_ids), dtype=np.int64))
        )
        for start in range(0, len(rows), size):
            at = rows[start : start + size]
            yield self.ids[at].tolist(), self.scores[np.ix_(at, picked)]


def keepable(head: TrainedHead, columns: Sequence[int]) -> list[int]:
    """The columns whose scores may be kept: not those with a face base."""
    faces = head.face_columns()
    return [j for j in columns if not faces[j]]


def generation(library: Library, backbone: str) -> int | None:
    return embeddings_generation(library.db, backbone)


def save(
    library: Library,
    head: TrainedHead,
    columns: list[int],
    made_at: int | None,
    ids: list[np.ndarray],
    scores: list[np.ndarray],
) -> None:
    """Keep `head`'s scores of `columns` (pages of ids and scores) computed when the embeddings'
    generation was `made_at`."""
    file = _file(library, head.version)
    if file is None or made_at is None or not columns:
        return
    tmp = file.with_suffix(".tmp.npz")
    try:
        file.parent.mkdir(parents=True, exist_ok=True)
        np.savez(
            tmp,
            ids=np.concatenate(ids) if ids else np.zeros(0, np.int64),
            scores=np.concatenate(scores) if scores else np.zeros((0, len(columns)), np.float32),
            columns=np.asarray(columns, dtype=np.int64),
            generation=np.asarray(made_at & (2**64 - 1), dtype=np.uint64),
            digest=np.asarray(_digest(head, columns)),
        )
        tmp.replace(file)
    except OSError:
        with contextlib.suppress(OSError):
            tmp.unlink()  # a full disk or a read-only cache: the switch computes them


def load(
    library: Library, head: TrainedHead, backbone: str, columns: Sequence[int]
) -> SwitchScores | None:
    """The kept scores of `columns` by `head`, if current; None otherwise."""
    file = _file(library, head.version)
    now = generation(library, backbone)
    if file is None or now is None or not columns:
        return None
    try:
        with np.load(file, allow_pickle=False) as kept:
            saved = [int(j) for j in kept["columns"]]
            if int(kept["generation"]) != now & (2**64 - 1) or not set(columns) <= set(saved):
                return None
            if str(kept["digest"]) != _digest(head, saved):
                return None
            return SwitchScores(saved, kept["ids"], kept["scores"])
    except (OSError, KeyError, ValueError):
        return None


def discard(library: Library, version: str) -> None:
    file = _file(library, version)
    if file is not None:
        with contextlib.suppress(OSError):
            file.unlink()


def _file(library: Library, version: str) -> Path | None:
    folder = cache_folder(library.db, library.home.embeddings_cache)
    safe = "".join(ch if ch.isalnum() or ch in "-_." else "_" for ch in version)
    return None if folder is None else folder / f"switch-{safe}.npz"


def _digest(head: TrainedHead, columns: Sequence[int]) -> str:
    """What the columns' scores depend on: their weights, bases and the standardisation."""
    digest = hashlib.sha256()
    cols = np.asarray(columns, dtype=np.int64)
    for array in (
        head.kernel[:, cols],
        head.scale[cols],
        head.bias[cols],
        head.base_index[cols],
        head.mean,
        head.std,
        *(head.column_classes(int(j)) for j in cols),
        *(part for j in cols for part in head.column_lookalikes(int(j))),
        # A kept rejection's lookalikes are held under the cut, which moves with it.
        *(head.column_kinds(int(j)) for j in cols),
        *(head.column_unshown(int(j)) for j in cols),
        *(
            head.tag_thresholds[[j]]
            for j in cols
            if len(head.column_lookalikes(int(j))[1])
            or len(head.column_kinds(int(j)))
            or len(head.column_unshown(int(j)))
        ),
    ):
        digest.update(np.ascontiguousarray(array).tobytes())
    digest.update("\n".join(head.tags[j] for j in cols).encode("utf-8"))
    return digest.hexdigest()[:32]
