"""Similar photos and near-duplicates from the cached embeddings: no decoding, no model.

Photos are compared by the cosine of their embeddings. The index keeps each embedding at unit
length, and its projection on the library's REDUCED_DIMS main axes (float32, a fifth of the
size: ranking on it is as precise, see benchmarks/similar.py). "Similar to this photo" is one
matrix-vector product over the projections; near-duplicates are the pairs at or above
DUPLICATE_COSINE, found block by block on the first CANDIDATE_DIMS axes (a projection never
lowered a cosine between real embeddings by more than CANDIDATE_SLACK) and then confirmed on
the full vectors, and joined into groups. Exact copies (same content hash) are grouped whatever
their embeddings say.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
import sqlite_utils

from phototagger.core.embeddings import decode_embeddings
from phototagger.core.jobs import CancelToken, Progress, ProgressCallback
from phototagger.ml.engine import BACKBONE_NAME
from phototagger.store import photos as photo_store
from phototagger.store.connection import data_version
from phototagger.store.embeddings import present_embeddings
from phototagger.store.records import Photo

# Measured on det-photos (benchmarks/similar.py): about 9 in 10 resized, recompressed and
# 5%-cropped copies score 0.86 or more with their original; the closest two different photos
# of its 1,000 (two shots of a panda eating bamboo) score 0.855.
DUPLICATE_COSINE = 0.86
REDUCED_DIMS = 256
CANDIDATE_DIMS = 64
_AXES_SAMPLE = 5000  # the main axes of 5,000 photos are those of 100,000
CANDIDATE_SLACK = 0.02
_BLOCK = 2048
_QUERY_ROWS = 8192
EXHAUSTIVE_UP_TO = 20_000  # photos; above, like photos are compared cluster by cluster
PROBES = 3  # clusters each photo is compared in
_LOAD_CHUNK = 8192


@dataclass(frozen=True)
class EmbeddingIndex:
    """Photo ids and their unit-length embeddings, row for row."""

    ids: np.ndarray  # (N,) int64
    vectors: np.ndarray  # (N, d) float16, unit length: the exact check of a pair
    reduced: np.ndarray  # (N, REDUCED_DIMS) float32, unit length: ranking
    cheap: np.ndarray  # (N, CANDIDATE_DIMS) float32, unit length: duplicates' first pass

    @property
    def size(self) -> int:
        return len(self.ids)

    def row_of(self, photo_id: int) -> int | None:
        rows = np.nonzero(self.ids == photo_id)[0]
        return int(rows[0]) if len(rows) else None

    def similar(self, photo_id: int, limit: int | None = None) -> list[tuple[int, float]]:
        """(photo id, cosine) of the other photos, most similar first; [] if not indexed."""
        row = self.row_of(photo_id)
        if row is None:
            return []
        scores = self.reduced @ self.reduced[row]
        scores[row] = -np.inf  # the photo itself is not "similar to" itself
        return self._best(scores, self.size - 1 if limit is None else limit)

    def _best(self, scores: np.ndarray, limit: int) -> list[tuple[int, float]]:
        limit = max(0, min(limit, len(scores)))
        if limit == 0:
            return []
        if limit < len(scores):
            top = np.argpartition(-scores, limit - 1)[:limit]
        else:
            top = np.arange(len(scores))
        top = top[np.argsort(-scores[top], kind="stable")]
        return [(int(self.ids[i]), float(scores[i])) for i in top if np.isfinite(scores[i])]


def build_index(ids: Sequence[int] | np.ndarray, matrix: np.ndarray) -> EmbeddingIndex:
    """Normalise the embeddings and project them on their main axes."""
    ids_array = np.asarray(ids, dtype=np.int64)
    if len(ids_array) == 0:
        empty = np.zeros((0, 1), np.float32)
        return EmbeddingIndex(ids_array, empty.astype(np.float16), empty, empty)
    unit = _unit(matrix.astype(np.float32, copy=False))
    sample = unit[:: max(1, len(unit) // _AXES_SAMPLE)]
    if len(sample) <= 2 * REDUCED_DIMS:
        # A small library: its own few directions, exactly (cheap for few rows).
        _, _, vt = np.linalg.svd(sample, full_matrices=False)
        axes = np.ascontiguousarray(vt[:REDUCED_DIMS].T)
    else:
        axes = _main_axes(sample.T @ sample, REDUCED_DIMS)
    reduced = _unit(unit @ axes)
    return EmbeddingIndex(ids_array, unit.astype(np.float16), reduced,
                          _unit(reduced[:, :CANDIDATE_DIMS]))


def _main_axes(moment: np.ndarray, k: int) -> np.ndarray:
    """The top `k` eigenvectors of a (d, d) second-moment matrix, by subspace iteration: a few
    (d, k) products instead of a full eigendecomposition, which took 30 s on a busy 2-core
    machine against 2 s for this."""
    k = min(k, moment.shape[0])
    rng = np.random.default_rng(0)  # the same axes for the same library, run after run
    basis = np.linalg.qr(moment @ rng.standard_normal((moment.shape[0], k)).astype(np.float32))[0]
    for _ in range(3):
        basis = np.linalg.qr(moment @ basis)[0]
    _, vectors = np.linalg.eigh(basis.T @ moment @ basis)
    return np.ascontiguousarray(basis @ vectors[:, ::-1]).astype(np.float32)


def load_index(db: sqlite_utils.Database, backbone: str = BACKBONE_NAME) -> EmbeddingIndex:
    """The index of every present photo that has an embedding."""
    ids: list[int] = []
    parts: list[np.ndarray] = []
    blobs: list[bytes] = []
    for photo_id, blob in present_embeddings(db, backbone):
        ids.append(photo_id)
        blobs.append(blob)
        if len(blobs) >= _LOAD_CHUNK:
            parts.append(decode_embeddings(blobs))
            blobs = []
    if blobs:
        parts.append(decode_embeddings(blobs))
    matrix = np.concatenate(parts) if parts else np.zeros((0, 1280), np.float32)
    return build_index(ids, matrix)


def duplicate_pairs(index: EmbeddingIndex, threshold: float = DUPLICATE_COSINE, *,
                    progress: ProgressCallback | None = None,
                    cancel: CancelToken | None = None,
                    exhaustive_up_to: int = EXHAUSTIVE_UP_TO) -> list[tuple[int, int, float]]:
    """(row, row, cosine) of pairs of photos at or above `threshold`, row < row.

    First pass on the cheap projection, keeping pairs within CANDIDATE_SLACK of the threshold;
    the survivors are then scored on the full vectors, so every pair returned is right. Up to
    `exhaustive_up_to` photos the first pass compares every pair (block by block), so it finds
    them all. Above, comparing every pair grows with the square of the library: photos are
    sorted into clusters of like photos (spherical k-means on the cheap projection) and each is
    compared with those sharing one of its PROBES nearest clusters; benchmarks/similar.py
    measures what that misses.
    """
    n = index.size
    if n <= exhaustive_up_to:
        groups: list[tuple[np.ndarray, np.ndarray]] = [
            (np.arange(start, min(start + _BLOCK, n)), np.arange(start, n))
            for start in range(0, n, _BLOCK)]
    else:
        groups = [(members, members) for members in _clusters(index.cheap)]
    first = threshold - CANDIDATE_SLACK
    found: dict[tuple[int, int], float] = {}
    for done, (rows_of, cols_of) in enumerate(groups, start=1):
        if cancel is not None:
            cancel.raise_if_cancelled()
        for col in range(0, len(cols_of), _BLOCK * 4):
            cols_part = cols_of[col:col + _BLOCK * 4]
            sims = index.cheap[rows_of] @ index.cheap[cols_part].T
            r, c = np.nonzero(sims >= first)
            rows, cols = rows_of[r], cols_part[c]
            upper = rows < cols
            rows, cols = rows[upper], cols[upper]
            if len(rows) == 0:
                continue
            exact = np.einsum("ij,ij->i", index.vectors[rows].astype(np.float32),
                              index.vectors[cols].astype(np.float32))
            keep = exact >= threshold
            for a, b, score in zip(rows[keep].tolist(), cols[keep].tolist(),
                                   exact[keep].tolist(), strict=True):
                found[(a, b)] = score
        if progress is not None:
            progress(Progress("comparing photos", done, len(groups)))
    return [(a, b, score) for (a, b), score in sorted(found.items())]


def _clusters(cheap: np.ndarray, iterations: int = 6) -> list[np.ndarray]:
    """Row indices per cluster; each row is in the clusters of its PROBES nearest centroids."""
    n = len(cheap)
    count = max(2, int(np.sqrt(n)))
    rng = np.random.default_rng(0)
    sample = cheap[rng.choice(n, size=min(n, 50 * count), replace=False)]
    centroids = sample[rng.choice(len(sample), size=count, replace=False)].copy()
    for _ in range(iterations):
        nearest = np.argmax(sample @ centroids.T, axis=1)
        sums = np.zeros_like(centroids)
        np.add.at(sums, nearest, sample)
        used = np.bincount(nearest, minlength=count) > 0
        centroids[used] = _unit(sums[used])
    members: list[list[np.ndarray]] = [[] for _ in range(count)]
    for start in range(0, n, _QUERY_ROWS):
        chunk = cheap[start:start + _QUERY_ROWS] @ centroids.T
        top = np.argpartition(-chunk, PROBES - 1, axis=1)[:, :PROBES]
        rows = np.repeat(np.arange(start, start + len(chunk)), PROBES)
        order = np.argsort(top.ravel(), kind="stable")
        clusters, firsts = np.unique(top.ravel()[order], return_index=True)
        for cluster, part in zip(clusters.tolist(), np.split(rows[order], firsts[1:]),
                                 strict=True):
            members[cluster].append(part)
    return [np.sort(np.concatenate(parts)) for parts in members if parts]


def _unit(vectors: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    return (vectors / np.maximum(norms, 1e-12)).astype(np.float32)


def group_pairs(pairs: Sequence[tuple[int, int]], extra: Sequence[Sequence[int]] = ()
                ) -> list[list[int]]:
    """Connected groups (union-find) of the items joined by `pairs` and by each `extra` group."""
    parent: dict[int, int] = {}

    def find(item: int) -> int:
        parent.setdefault(item, item)
        root = item
        while parent[root] != root:
            root = parent[root]
        while parent[item] != root:  # path compression keeps later finds short
            parent[item], item = root, parent[item]
        return root

    def join(a: int, b: int) -> None:
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)

    for a, b in pairs:
        join(a, b)
    for group in extra:
        for other in group[1:]:
            join(group[0], other)
    groups: dict[int, list[int]] = {}
    for item in list(parent):
        groups.setdefault(find(item), []).append(item)
    return sorted((sorted(g) for g in groups.values() if len(g) > 1), key=lambda g: g[0])


@dataclass(frozen=True)
class DuplicateGroup:
    photo_ids: list[int]  # the one to keep first: most pixels, then oldest file, then largest
    exact: bool  # every photo is a byte-for-byte copy of the first


def find_duplicates(db: sqlite_utils.Database, threshold: float = DUPLICATE_COSINE, *,
                    index: EmbeddingIndex | None = None,
                    progress: ProgressCallback | None = None,
                    cancel: CancelToken | None = None) -> list[DuplicateGroup]:
    """Groups of near-duplicate and identical photos, largest group first."""
    index = index if index is not None else load_index(db)
    pairs = duplicate_pairs(index, threshold, progress=progress, cancel=cancel)
    id_pairs = [(int(index.ids[a]), int(index.ids[b])) for a, b, _ in pairs]
    exact_groups = photo_store.same_content_groups(db)
    groups = group_pairs(id_pairs, exact_groups)
    exact_sets = [set(g) for g in exact_groups]
    photos = {p.id: p for p in photo_store.photos_by_ids(db, [i for g in groups for i in g])}

    def keep_first(photo_id: int) -> tuple[int, float, int, int]:
        p = photos.get(photo_id)
        if p is None:
            return (0, 0.0, 0, photo_id)
        # Most pixels; then the oldest file (copies and re-saves come after the original);
        # then the largest.
        return (-(p.width or 0) * (p.height or 0), p.mtime or 0.0, -(p.size or 0), photo_id)

    result = [DuplicateGroup(sorted(g, key=keep_first), any(set(g) == e for e in exact_sets))
              for g in groups]
    result.sort(key=lambda g: (-len(g.photo_ids), g.photo_ids[0]))
    return result


class IndexCache:
    """One index per library state: built once, reused until the library changes."""

    def __init__(self, loader: Callable[[sqlite_utils.Database], EmbeddingIndex] = load_index
                 ) -> None:
        self._loader = loader
        self._db: sqlite_utils.Database | None = None
        self._key: int | None = None
        self._index: EmbeddingIndex | None = None

    def get(self, db: sqlite_utils.Database) -> EmbeddingIndex:
        key = data_version(db)
        # Another connection (another library) never shares an index, whatever its version.
        if self._index is None or db is not self._db or key != self._key:
            self._index, self._db, self._key = self._loader(db), db, key
        return self._index


def similar_photos(db: sqlite_utils.Database, photo_id: int, limit: int | None = 50,
                   index: EmbeddingIndex | None = None) -> list[tuple[Photo, float]]:
    """The present photos most similar to `photo_id`, best first, with their cosine."""
    index = index if index is not None else load_index(db)
    ranked = index.similar(photo_id, limit)
    photos = {p.id: p for p in photo_store.photos_by_ids(db, [pid for pid, _ in ranked])}
    return [(photos[pid], score) for pid, score in ranked if pid in photos]


def duplicates_with_photos(db: sqlite_utils.Database, threshold: float = DUPLICATE_COSINE
                           ) -> tuple[list[DuplicateGroup], dict[int, Photo]]:
    """find_duplicates, and the photos in its groups by id (what a front shows of them)."""
    groups = find_duplicates(db, threshold)
    ids = [i for g in groups for i in g.photo_ids]
    return groups, {p.id: p for p in photo_store.photos_by_ids(db, ids)}
