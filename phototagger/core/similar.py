"""Similar photos and near-duplicates from the cached embeddings: no decoding, no model.

Photos are compared by the cosine of their embeddings. The index keeps each embedding at unit
length, and its projection on the library's REDUCED_DIMS main axes (float32, a fifth of the
size: ranking on it is as precise, see benchmarks/similar.py). "Similar to this photo" is one
matrix-vector product over the projections, kept beside the library between processes
(similar_index: reading 100,000 photos' embeddings from SQLite took 10 to 40 s of a first
click). Near-duplicates are the pairs at or above
DUPLICATE_COSINE: candidates come from matrix products on the projections (every pair of a
small library, block by block; above EXHAUSTIVE_UP_TO photos, each cluster of like photos
against the photos that have it among their nearest clusters), are confirmed on the full
vectors, and joined into groups only if their pixels agree too (core/same_picture.py: the
embedding says what a photo shows, so a coffee cup with two faces pasted on it, or the next
frame of a burst, scored as a near-copy of the plain cup). Exact copies (same content hash) are
grouped whatever their embeddings say. Copies made alike (a resized and a recompressed copy: both
lose the same detail) can score closer to each other than to their original: two groups so found
of one picture (its exact copies, its near copies) are then one group when a photo of each scores
JOIN_COSINE and their pixels agree; and a copy that lost more (half the size, saved at quality
80: 0.62 to 0.86 with its original) joins it the same way though both are alone. Each photo is
compared so with its LONE_NEIGHBOURS best partners outside its group only, found in the
near-duplicates' own matrix products: the pixel checks grow with the library, not with its
pairs, and no product grows with the square of its groups.

A cosine means little to a person: any two photos score about 0.2 (the embeddings are all
positive), a photo of another whale 0.3 to 0.6, a resized copy 0.95. What Find Similar shows is
LikenessScale's figure: the cosine against the library's own spread of cosines, 0 % for its
typical pair, 50 % where a pair stands out from 99 in 100 of its pairs, 100 % for the same
picture, with a few words beside it ("Similar", "Almost identical"). Both the figure's cosine
and the spread are the full vectors', not the projections' the ranking is made on: a
projection on a library's main axes raises a copy's cosine as the library grows past
REDUCED_DIMS photos (the axes dropped are where a copy differs from its original), and a
half-size copy read 93 % in a library of 249 photos, 97 % after 30 more were scanned.
"""

from __future__ import annotations

import hashlib
import os
import re
import struct
import threading
import zlib
from collections.abc import Callable, Collection, Iterator, Sequence
from contextlib import suppress
from dataclasses import dataclass
from pathlib import Path
from typing import TypedDict, Unpack

import numpy as np
import sqlite_utils

from phototagger.core.decoders import MediaKind, kind_of
from phototagger.core.duplicate_keep import KeepOrder, keep_order
from phototagger.core.embeddings import decode_embeddings
from phototagger.core.jobs import CancelToken, Progress, ProgressCallback
from phototagger.core.same_picture import PictureReader, matched
from phototagger.durable import remove_abandoned
from phototagger.ml.blas_threads import one_blas_thread
from phototagger.ml.engine import BACKBONE_NAME
from phototagger.store import photos as photo_store
from phototagger.store.connection import data_version, database_file
from phototagger.store.embeddings import (
    EmbeddingLog,
    embedding_change_of,
    embedding_log,
    embeddings_changed_since,
    embeddings_generation,
    iter_embedded_ids,
    iter_embeddings,
    present_embeddings,
    without_embedding,
)
from phototagger.store.records import Photo

# Measured on det-photos (benchmarks/similar.py): about 9 in 10 resized, recompressed and
# 5%-cropped copies score 0.86 or more with their original; the closest two different photos
# of its 1,000 (two shots of a panda eating bamboo) score 0.855.
DUPLICATE_COSINE = 0.86
# Two groups of copies are one picture's when a photo of each scores this and their pixels agree:
# on det-photos a half-size copy scored 0.68 to 0.86 with its original for 55 of 200 (a small
# photo's recompressed copy 0.74 with it, 0.92 with its half-size copy), while 29 of its 499,500
# pairs of different photos score 0.70 or more (the pixel check tells those apart). Not lower for
# a black-and-white export (a red pomegranate's scored 0.59 with it, so stays alone; det-photos'
# 20 B&W copies 0.72 to 0.90): the pair's colours are known only once both are read, and at
# 0.55 det-photos hold 255 pairs more (339 of 1,000 photos read, 9 times the 28 pixel checks of
# 0.70: about 5 minutes more at 100,000 photos) for one copy in 40 measured.
JOIN_COSINE = 0.70
# Each photo is compared, pixel for pixel, with this many of its best partners outside its group
# at JOIN_COSINE or more, so the pixel checks grow with the library, not with its pairs: a
# half-size copy saved at JPEG quality 80 (Pillow's default resize) scored 0.62 to 0.86 with its
# original for 111 of det-photos' 200, and was alone. benchmarks/similar.py --joins: 195 of
# those 200 found with 1, 2 or 3 partners a photo (5 score under 0.70; 89 before), no false
# group; on 100,000 synthetic photos 7,400 checks with 1, 11,500 with 2, 14,600 with 3, at about
# 4.4 ms each on a busy 2-core machine. 2: a look-alike shot closer to the original than its
# copy is (two rugby photos, 0.77) still leaves room for the copy.
LONE_NEIGHBOURS = 2
REDUCED_DIMS = 256
CANDIDATE_DIMS = 64
_AXES_SAMPLE = 5000  # the main axes of 5,000 photos are those of 100,000
# On det-photos and its edited copies the projection never lowered the cosine of a pair at
# 0.86 or more (it raised every one by 0.0035 or more); the slack is a margin on that.
CANDIDATE_SLACK = 0.01
_BLOCK = 2048
_QUERY_ROWS = 8192
EXHAUSTIVE_UP_TO = 5_000  # photos; above, like photos are compared cluster by cluster
PROBES = 3  # clusters each photo is compared in
_CLUSTERS_PER_ROOT = 2  # clusters per square root of the library: fewer rows per product
_VERIFY_ROWS = 8192
_LOAD_CHUNK = 8192
# The library's spread of cosines is read from the pairs of at most this many of its photos.
_SCALE_SAMPLE = 1000
# Where a pair stands out, in interquartile ranges above the library's median pair: its 99th
# percentile lies there, 2.44 to 2.46 IQRs up on det-photos and on ImageNet's samples (1,000
# photos each) and 2.3 to 2.5 on 20 to 300 of them (benchmarks/similar.py --likeness), but
# the IQR of a few photos' pairs is steady where the top 1% of them is one odd pair.
STANDOUT_IQRS = 2.4
# Fewer photos have too few pairs for a spread of their own: these are about the median and the
# standout cosine of 10 to 100 photos of det-photos (0.19, and 0.36 to 0.38) and of ImageNet's
# samples (0.18, and 0.33 to 0.35); so few photos are compared on their exact cosines.
_FEW_PHOTOS = 10
_FEW_TYPICAL = 0.19
_FEW_STANDOUT = 0.37
# The words beside a figure, from the most alike down: (lowest percent, words). "Similar" starts
# where a pair stands out from 99 in 100 of the library's. The figure of the full vectors reads
# a copy lower than the projections' did in a library of more than REDUCED_DIMS photos (a
# half-size copy 90 % where it read 93 to 94 %, benchmarks/similar.py --sizes-likeness), the
# same as they did in a smaller one; "Almost identical" and "Very similar" start where as many
# pairs of det-photos and its copies read them as before at 500 and 1,000 photos (80 and 77, 66
# and 65), so each copy keeps its words there: 78 and 65 (were 85 and 70; "Similar" and
# "Loosely related" matched at 51 and 25, kept at 50 and 25). On det-photos (--likeness, 1,000
# photos) 98.5 to 100% of resized, recompressed and cropped copies read "Almost identical" (83 %
# or more for 19 in 20), pairs of photos of one category half 48 % or more (49% of them
# "Similar" or more, 23% "Unrelated"; were 55% and 19%), pairs of different categories 92%
# "Unrelated" and 1.0% "Similar" or more (were 89% and 1.3%); any two of ImageNet's samples 92%
# and 1.1% (89%, 1.4%), their copies all "Almost identical". But 1.0% of the pairs of one
# category read "Almost identical" too (78 to 88 %: two cornets, two giant pandas, two oranges),
# and it promises a copy: it is said only where the pixels agree as well (pair_likeness,
# core/duplicate_copies.py similar_pixels); and a copy whose pixels agree reads it from
# "Very similar" up (COPY_CHECKED_FROM: a black-and-white export read 66 to 77 %, a resized
# copy 74 to 76 %). On a det-photos library with a resized, a recompressed, a cropped and a
# black-and-white copy of 200 photos (benchmarks/similar.py --almost-identical), beside those
# 200 photos: copies reading it 200, 200, 200 and 200 of 200 (197, 200, 200 and 186 with the
# figure alone, and with the pixels checked from 78 % only), other photos of one category 8 of
# 800 -> 0, of other categories 0 of 199,000; a first click 39 ms median, 91 ms for 9 in 10
# (the figure alone, interleaved: 42 and 93 ms; checked from 78 % only, the run before: 59 and
# 115 ms, the figure alone 59 and 121 ms; load 5), a second click 9 ms.
LIKENESS_WORDS = (
    (78, "Almost identical"),
    (65, "Very similar"),
    (50, "Similar"),
    (25, "Loosely related"),
    (0, "Unrelated"),
)


@dataclass(frozen=True)
class LikenessScale:
    """How alike two photos read to a person, from the cosine of their embeddings, against the
    library's own spread of cosines: its median pair (a typical pair of unrelated photos) reads
    0 %, a pair STANDOUT_IQRS above it (closer than 99 in 100 of the library's pairs) 50 %,
    and the same picture (cosine 1) 100 %, linearly in between. The cosines are the full
    vectors' (what a pair's are whatever else the library holds); the spread depends on what
    the library holds, not on how many photos: on det-photos a copy's figure moved by a point
    at most from 240 to 1,140 photos, another photo of its category's by 2 (10 and 7 before)."""

    typical: float  # the library's median pair
    standout: float  # where a pair stands out from the library's

    def percent(self, cosine: float) -> int:
        if cosine < self.standout:
            share = 0.5 * (cosine - self.typical) / max(self.standout - self.typical, 1e-6)
        else:
            share = 0.5 + 0.5 * (cosine - self.standout) / max(1.0 - self.standout, 1e-6)
        return max(0, min(100, round(share * 100)))


def likeness_words(percent: int) -> str:
    """ "Almost identical", "Very similar", "Similar", "Loosely related" or "Unrelated"."""
    return next(words for lowest, words in LIKENESS_WORDS if percent >= lowest)


# The words for a copy with the very same bytes: Find Duplicates' and Find Similar's alike.
IDENTICAL_FILE = "Identical file"


# Where "Almost identical" starts: a pair reads it only if its pixels agree too (pair_likeness).
ALMOST_IDENTICAL = LIKENESS_WORDS[0][0]
# From where ("Very similar") a pair is checked for being the same picture: a copy the pixel
# check confirms reads "Almost identical" even where its figure is lower (a black-and-white
# export of a photo, 65 to 77 % for 14 of det-photos' 200, is the same picture).
COPY_CHECKED_FROM = LIKENESS_WORDS[1][0]


def pair_likeness(percent: int, same_file: bool, same_picture: bool) -> tuple[int, str]:
    """The figure and words of a pair as Find Similar and Find Duplicates both show them: the
    same bytes read "Identical file" at 100 %; any other pair 99 % at the most (a re-encoded
    copy is not the same file, though its embedding may round to 100 %). "Almost identical"
    is said of a copy, and only of one: a pair whose pixels are not one picture (`same_picture`
    False: Find Duplicates' pixel check, core/same_picture.py) reads at most
    ALMOST_IDENTICAL - 1, "Very similar" (another photo of a cornet read "Almost identical ·
    82 %"); a pair whose pixels are one picture and whose figure reads COPY_CHECKED_FROM or
    more reads ALMOST_IDENTICAL at the least (a black-and-white export read "Very similar ·
    72 %"), so that a figure always goes with its words and a copy always reads above a
    look-alike."""
    if same_file:
        return 100, IDENTICAL_FILE
    shown = min(99, percent)
    if not same_picture:
        shown = min(shown, ALMOST_IDENTICAL - 1)
    elif shown >= COPY_CHECKED_FROM:
        shown = max(shown, ALMOST_IDENTICAL)
    return shown, likeness_words(shown)


def copies_first(
    ranked: Sequence[tuple[int, float]], scale: LikenessScale, copies: Collection[int]
) -> list[tuple[int, float]]:
    """`ranked` (photo id, cosine; best first) with the photos whose figure reads
    COPY_CHECKED_FROM or more ("Very similar" and up) put in two, each in its order: the
    `copies` among them (the same file, or the same picture by its pixels: pair_likeness reads
    those ALMOST_IDENTICAL or more) first, then the others (ALMOST_IDENTICAL - 1 at the most):
    the figures shown still go down the list, and a copy comes before a look-alike."""
    head = 0
    while head < len(ranked) and scale.percent(ranked[head][1]) >= COPY_CHECKED_FROM:
        head += 1
    first = [pair for pair in ranked[:head] if pair[0] in copies]
    others = [pair for pair in ranked[:head] if pair[0] not in copies]
    return [*first, *others, *ranked[head:]]


def likeness_line(percent: int, name: str, words: str | None = None, edit: str = "") -> str:
    """ "Very similar to whale.jpg (78 %)": what the grid's tooltip and the details panel say
    ("Identical file to …" where `words` say so; "… (95 %) · mirrored" with an `edit`)."""
    return with_edit(f"{words or likeness_words(percent)} to {name} ({percent} %)", edit)


def with_edit(said: str, edit: str) -> str:
    """What is said of a photo beside another, and what it is of that one where its pixels
    tell (core/duplicate_copies.py how_edited: "mirrored", "black-and-white"): "Almost
    identical (95 %) · mirrored", as Find Duplicates and Find Similar both say it."""
    return f"{said} · {edit}" if edit else said


def byte_copies(db: sqlite_utils.Database, photo: Photo | None) -> frozenset[int]:
    """The other photos of the library with the very bytes of `photo` (its content hash)."""
    if photo is None or photo.content_hash is None:
        return frozenset()
    return frozenset(
        p.id for p in photo_store.find_by_hash(db, photo.content_hash) if p.id != photo.id
    )


def likeness_scale(unit: np.ndarray) -> LikenessScale:
    """The scale of a library from the pairs of (a sample of) its unit-length embeddings (the
    full vectors: their cosines are the same whatever else the library holds)."""
    n = len(unit)
    if n < _FEW_PHOTOS:
        return LikenessScale(_FEW_TYPICAL, _FEW_STANDOUT)
    rows = unit[np.linspace(0, n - 1, min(n, _SCALE_SAMPLE)).astype(np.int64)]
    rows = rows.astype(np.float32, copy=False)
    cosines = rows @ rows.T
    # A photo with a near-copy before it in the sample counts once: a library's copies of a few
    # photos are not its typical pairs (in a small one they were: 20 det-photos with 7 copies
    # each, 58 % of a library of 240, set its median pair, 0.181 against 0.191 with 1,140
    # photos: another photo of each one's category read 43 % there and 47 % at 1,140 photos by
    # their median; 48 and 49 % with copies counted once; benchmarks/similar.py
    # --sizes-likeness).
    distinct = ~np.tril(cosines >= DUPLICATE_COSINE, -1).any(axis=1)
    if np.count_nonzero(distinct) >= _FEW_PHOTOS:
        cosines = cosines[np.ix_(distinct, distinct)]
    pairs = cosines[np.triu_indices(len(cosines), 1)]
    low, typical, high = np.percentile(pairs, [25, 50, 75])
    return LikenessScale(float(typical), float(min(typical + STANDOUT_IQRS * (high - low), 0.99)))


@dataclass(frozen=True)
class SimilarRanking:
    """Photo ids and their unit-length projections, row for row, and the library's likeness
    scale: all Find Similar keeps (similar_by_likeness reads the full vectors of the nearest)."""

    ids: np.ndarray  # (N,) int64
    reduced: np.ndarray  # (N, REDUCED_DIMS) float32, unit length: ranking
    scale: LikenessScale  # how a cosine of the full vectors reads to a person

    @property
    def size(self) -> int:
        return len(self.ids)

    def row_of(self, photo_id: int) -> int | None:
        rows = np.nonzero(self.ids == photo_id)[0]
        return int(rows[0]) if len(rows) else None

    def similar(self, photo_id: int, limit: int | None = None) -> list[tuple[int, float]]:
        """(photo id, cosine) of the other photos, most similar first; [] if not indexed."""
        ids, scores = self.ranked(photo_id, limit)
        return list(zip(ids.tolist(), scores.tolist(), strict=True))

    def ranked(self, photo_id: int, limit: int | None = None) -> tuple[np.ndarray, np.ndarray]:
        """similar's photo ids and cosines as arrays."""
        row = self.row_of(photo_id)
        if row is None:
            return np.zeros(0, np.int64), np.zeros(0, np.float32)
        scores = self.reduced @ self.reduced[row]
        scores[row] = -np.inf  # the photo itself is not "similar to" itself
        return self._best(scores, self.size - 1 if limit is None else limit)

    def _best(self, scores: np.ndarray, limit: int) -> tuple[np.ndarray, np.ndarray]:
        limit = max(0, min(limit, len(scores)))
        if limit == 0:
            top = np.zeros(0, np.int64)
        elif limit < len(scores):
            top = np.argpartition(-scores, limit - 1)[:limit]
        else:
            top = np.arange(len(scores))
        top = top[np.argsort(-scores[top], kind="stable")]
        top = top[np.isfinite(scores[top])]
        return self.ids[top], scores[top]


@dataclass(frozen=True)
class EmbeddingIndex(SimilarRanking):
    """The ranking and, row for row, what Find Duplicates compares besides."""

    vectors: np.ndarray  # (N, d) float16, unit length: the exact check of a pair
    cheap: np.ndarray  # (N, CANDIDATE_DIMS) float32, unit length: sorting into clusters
    axes: np.ndarray  # (d, REDUCED_DIMS or fewer) float32: the main axes `reduced` is on

    def likeness(self, a: int, b: int) -> int:
        """How alike rows `a` and `b` read to a person: Find Similar's figure, the scale's
        percent of their full vectors' cosine (full_cosines: what similar_by_likeness reads)."""
        return self.scale.percent(float(full_cosines(self.vectors[[b]], self.vectors[a])[0]))

    def full_rows(self, ids: Sequence[int]) -> np.ndarray | None:
        """The unit-length full vectors of these photo ids, as similar_by_likeness reads them."""
        wanted = np.asarray(ids, np.int64)
        order = np.argsort(self.ids, kind="stable")
        at = np.minimum(np.searchsorted(self.ids[order], wanted), max(self.size - 1, 0))
        if not self.size or (self.ids[order[at]] != wanted).any():
            return None
        return self.vectors[order[at]]


def full_cosines(rows: np.ndarray, query: np.ndarray) -> np.ndarray:
    """(k,) float32 cosines of the unit-length float16 `rows` with the unit-length float16
    `query`, row by row the same sums whatever else is in `rows` (a pair reads the same figure
    in Find Similar's grid and in Find Duplicates)."""
    return np.multiply(rows.astype(np.float32), query.astype(np.float32)).sum(
        axis=1, dtype=np.float32
    )


# Find Similar's grid (every photo ranked) reads the full vectors of this many of a photo's
# nearest on the projection (from SQLite: the kept ranking holds only the projections; 2 to 3
# ms for 100 of a 100,000-photo library's, 25 ms for 1,000) and ranks and reads them by their
# full cosine; past them, the projection's order and cosine, less its excess over the full one
# among the last of them (benchmarks/similar.py --sizes-likeness says how near that reads).
# `similar --limit N` reads the N it shows.
EXACT_TOP = 100
_OFFSET_ROWS = 50  # the last rows of the exact ones the projection's excess is measured on


def similar_by_likeness(
    ranking: SimilarRanking,
    photo_id: int,
    full_rows: Callable[[Sequence[int]], np.ndarray | None],
    limit: int | None = None,
    exact: int = EXACT_TOP,
) -> list[tuple[int, float]]:
    """(photo id, cosine) of the other photos, most alike first, as Find Similar shows them:
    the nearest `limit` on the projection (or `exact`, when all are asked for), ranked by the
    cosine of their full vectors (`full_rows`: the unit-length float16 vectors of the given ids,
    None where one is missing), the figure's cosine, which is the same whatever else the
    library holds (the projection's rises with the library's size past REDUCED_DIMS photos: a
    copy loses the axes where it differs from its original). Past them, in the projection's
    order, its cosine less its median excess over the full one among the last _OFFSET_ROWS
    exact ones, at most the lowest full one."""
    ids, scores = ranking.ranked(photo_id, limit)
    exact = len(ids) if limit is not None else min(exact, len(ids))
    rows = full_rows([photo_id, *ids[:exact].tolist()]) if exact else None
    if rows is not None:
        cosines = full_cosines(rows[1:], rows[0])
        excess = float(np.median((scores[:exact] - cosines)[-_OFFSET_ROWS:]))
        order = np.argsort(-cosines, kind="stable")
        rest = np.minimum(scores[exact:] - excess, cosines[order[-1]])
        ids = np.concatenate([ids[:exact][order], ids[exact:]])
        scores = np.concatenate([cosines[order], rest])
    return list(zip(ids.tolist(), scores.tolist(), strict=True))


def library_rows(
    db: sqlite_utils.Database, backbone: str = BACKBONE_NAME
) -> Callable[[Sequence[int]], np.ndarray | None]:
    """similar_by_likeness's `full_rows` of the library: its stored embeddings, at unit length
    in float16 as build_index keeps them."""

    def rows(ids: Sequence[int]) -> np.ndarray | None:
        found = dict(iter_embeddings(db, backbone, list(ids)))
        if len(found) < len(set(ids)):
            return None
        vectors = decode_embeddings([found[i] for i in ids])
        return _unit(vectors).astype(np.float16)

    return rows


def build_index(ids: Sequence[int] | np.ndarray, matrix: np.ndarray) -> EmbeddingIndex:
    """Normalise the embeddings and project them on their main axes."""
    ids_array = np.asarray(ids, dtype=np.int64)
    if len(ids_array) == 0:
        empty = np.zeros((0, 1), np.float32)
        return EmbeddingIndex(
            ids=ids_array,
            reduced=empty,
            scale=likeness_scale(empty),
            vectors=empty.astype(np.float16),
            cheap=empty,
            axes=empty,
        )
    unit = _unit(matrix.astype(np.float32, copy=False))
    sample = unit[:: max(1, len(unit) // _AXES_SAMPLE)]
    # The factorisations below on one BLAS thread: OpenBLAS's threads spin against each other
    # (on a loaded machine, or against the app's own threads) in their many small steps, and a
    # (1280, 256) QR took 0.5 to 2 s instead of 25 ms: Find Similar's first click waited 5 to
    # 15 s for them (benchmarks/similar.py --first-call). The library-sized products (the
    # moment, the projection) keep their threads; the same steps give the same axes.
    if len(sample) <= 2 * REDUCED_DIMS:
        # A small library: its own few directions, exactly (cheap for few rows).
        with one_blas_thread():
            _, _, vt = np.linalg.svd(sample, full_matrices=False)
        axes = np.ascontiguousarray(vt[:REDUCED_DIMS].T)
    else:
        axes = _main_axes(sample.T @ sample, REDUCED_DIMS)
    reduced = _unit(unit @ axes)
    return EmbeddingIndex(
        ids=ids_array,
        reduced=reduced,
        scale=likeness_scale(unit),
        vectors=unit.astype(np.float16),
        cheap=_unit(reduced[:, :CANDIDATE_DIMS]),
        axes=axes,
    )


def _main_axes(moment: np.ndarray, k: int) -> np.ndarray:
    """The top `k` eigenvectors of a (d, d) second-moment matrix, by subspace iteration: a few
    (d, k) products and QRs instead of a full eigendecomposition (0.4 to 0.6 s on one thread,
    30 s on a busy 2-core machine's two); 0.1 to 0.25 s for d = 1280, k = 256 on one thread."""
    k = min(k, moment.shape[0])
    rng = np.random.default_rng(0)  # the same axes for the same library, run after run
    with one_blas_thread():  # see build_index
        basis = moment @ rng.standard_normal((moment.shape[0], k)).astype(np.float32)
        basis = np.linalg.qr(basis)[0]
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
    parts.clear()  # not held while the index is built: 512 MB of 100,000 photos' embeddings
    return build_index(ids, matrix)


def duplicate_pairs(
    index: EmbeddingIndex,
    threshold: float = DUPLICATE_COSINE,
    *,
    progress: ProgressCallback | None = None,
    cancel: CancelToken | None = None,
    exhaustive_up_to: int = EXHAUSTIVE_UP_TO,
) -> list[tuple[int, int, float]]:
    """(row, row, cosine) of pairs of photos at or above `threshold`, row < row (scored_pairs
    says how they are found)."""
    pairs, scores = scored_pairs(
        index, threshold, progress=progress, cancel=cancel, exhaustive_up_to=exhaustive_up_to
    )
    return list(zip(pairs[:, 0].tolist(), pairs[:, 1].tolist(), scores.tolist(), strict=True))


def scored_pairs(
    index: EmbeddingIndex,
    threshold: float = DUPLICATE_COSINE,
    *,
    low: float | None = None,
    per_photo: int = LONE_NEIGHBOURS,
    progress: ProgressCallback | None = None,
    cancel: CancelToken | None = None,
    exhaustive_up_to: int = EXHAUSTIVE_UP_TO,
) -> tuple[np.ndarray, np.ndarray]:
    """(k, 2) int64 rows (row < row) of the pairs at or above `threshold`, and their (k,)
    float32 cosines on the full vectors; with `low`, also each photo's `per_photo` best
    partners under the threshold that score `low` or more (best on the projection: how many
    pairs score `low` grows with the square of a library, the pairs kept only with it).

    First pass on the REDUCED_DIMS projection, keeping pairs within CANDIDATE_SLACK of the
    threshold (a projection on the main axes raises the cosine of near-copies, it never lowered
    one by more than that on real photos); the survivors are then scored on the full vectors, so
    every pair returned is right. Up to `exhaustive_up_to` photos the first pass compares every
    pair, block by block, so it finds them all. Above, comparing every pair grows with the
    square of the library: each photo is put in the cluster of its nearest centroid
    (spherical k-means on the cheap projection) and compared, as one matrix product per
    cluster, with the photos of its PROBES nearest clusters; benchmarks/similar.py measures
    what that misses. Progress is reported and `cancel` checked between blocks.
    """
    n = index.size
    blocks: list[tuple[np.ndarray, np.ndarray]]
    if n <= exhaustive_up_to:
        # Each photo's best partners are among all photos, not only those after it.
        blocks = [
            (
                np.arange(start, min(start + _BLOCK, n)),
                np.arange(0 if low is not None else start, n),
            )
            for start in range(0, n, _BLOCK)
        ]
    else:
        blocks = _cluster_blocks(index.cheap)
    first = threshold - CANDIDATE_SLACK
    lowest = first if low is None else min(first, low - CANDIDATE_SLACK)
    steps = len(blocks) + 1  # the last step: scoring the candidates on the full vectors
    parts_a: list[np.ndarray] = []
    parts_b: list[np.ndarray] = []
    best: list[tuple[np.ndarray, np.ndarray, np.ndarray]] = []  # (row, partner, projected)
    for done, (queries, members) in enumerate(blocks, start=1):
        if cancel is not None:
            cancel.raise_if_cancelled()
        for col in range(0, len(members), _BLOCK * 4):
            part = members[col : col + _BLOCK * 4]
            sims = index.reduced[queries] @ index.reduced[part].T
            r, c = np.nonzero(sims >= lowest)
            rows, cols, projected = queries[r], part[c], sims[r, c]
            differ = rows != cols
            near = differ & (projected >= first)
            parts_a.append(np.minimum(rows[near], cols[near]))
            parts_b.append(np.maximum(rows[near], cols[near]))
            below = differ & ~near
            if below.any():
                best.append(_best_per_row(rows[below], cols[below], projected[below], per_photo))
        if progress is not None:
            progress(Progress("comparing photos", done, steps))
    if cancel is not None:
        cancel.raise_if_cancelled()
    if best:
        rows, cols, _ = _best_per_row(
            np.concatenate([b[0] for b in best]),
            np.concatenate([b[1] for b in best]),
            np.concatenate([b[2] for b in best]),
            per_photo,
        )
        parts_a.append(np.minimum(rows, cols))
        parts_b.append(np.maximum(rows, cols))
    pairs = _unique_pairs(parts_a, parts_b, n)
    scores = np.empty(len(pairs), np.float32)
    for start in range(0, len(pairs), _VERIFY_ROWS):  # bounded memory: rows are 1280 floats
        a, b = pairs[start : start + _VERIFY_ROWS].T
        scores[start : start + _VERIFY_ROWS] = np.einsum(
            "ij,ij->i", index.vectors[a], index.vectors[b], dtype=np.float32
        )
    keep = scores >= (threshold if low is None else min(threshold, low))
    if progress is not None:
        progress(Progress("comparing photos", steps, steps))
    return pairs[keep], scores[keep]


def _best_per_row(
    rows: np.ndarray, cols: np.ndarray, scores: np.ndarray, k: int
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The `k` best (row, col, score) of each row."""
    order = np.lexsort((-scores, rows))
    rows, cols, scores = rows[order], cols[order], scores[order]
    keep = np.arange(len(rows)) - np.searchsorted(rows, rows) < k
    return rows[keep], cols[keep], scores[keep]


def _unique_pairs(parts_a: list[np.ndarray], parts_b: list[np.ndarray], n: int) -> np.ndarray:
    """(k, 2) int64 of the distinct (a, b) pairs, sorted (a pair is met from both sides)."""
    if not parts_a:
        return np.zeros((0, 2), np.int64)
    keys = np.unique(
        np.concatenate(parts_a).astype(np.int64) * n + np.concatenate(parts_b).astype(np.int64)
    )
    return np.stack([keys // n, keys % n], axis=1)


def _cluster_blocks(cheap: np.ndarray, iterations: int = 6) -> list[tuple[np.ndarray, np.ndarray]]:
    """(queries, members) per cluster: members are the rows whose nearest centroid it is,
    queries the rows that have it among their PROBES nearest. Each row is a member once, so a
    pair costs P products, not P squared as when rows are members of P clusters; and a pair of
    near-copies is met as long as one's cluster is among the other's PROBES nearest."""
    n = len(cheap)
    count = max(2, int(np.sqrt(n) * _CLUSTERS_PER_ROOT))
    rng = np.random.default_rng(0)  # the same clusters for the same library, run after run
    sample = cheap[rng.choice(n, size=min(n, 40 * count), replace=False)]
    centroids = sample[rng.choice(len(sample), size=min(count, len(sample)), replace=False)].copy()
    for _ in range(iterations):
        nearest = np.argmax(sample @ centroids.T, axis=1)
        order = np.argsort(nearest, kind="stable")
        used, firsts = np.unique(nearest[order], return_index=True)
        # Sums per cluster of its sorted rows (np.add.at is ten times slower).
        centroids[used] = _unit(np.add.reduceat(sample[order], firsts, axis=0))
    probes = min(PROBES, len(centroids))
    top = np.empty((n, probes), np.int64)
    for start in range(0, n, _QUERY_ROWS):
        chunk = cheap[start : start + _QUERY_ROWS] @ centroids.T
        best = np.argpartition(-chunk, probes - 1, axis=1)[:, :probes]
        # Nearest first, so column 0 is the cluster a row is a member of.
        order = np.argsort(-np.take_along_axis(chunk, best, axis=1), axis=1)
        top[start : start + len(chunk)] = np.take_along_axis(best, order, axis=1)
    members = _rows_by_cluster(top[:, 0], np.arange(n), len(centroids))
    queries = _rows_by_cluster(top.ravel(), np.repeat(np.arange(n), probes), len(centroids))
    return [(queries[c], members[c]) for c in range(len(centroids)) if len(members[c])]


def _rows_by_cluster(clusters: np.ndarray, rows: np.ndarray, count: int) -> list[np.ndarray]:
    order = np.argsort(clusters, kind="stable")
    bounds = np.searchsorted(clusters[order], np.arange(count + 1))
    ordered = rows[order]
    return [ordered[bounds[c] : bounds[c + 1]] for c in range(count)]


def _unit(vectors: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    return (vectors / np.maximum(norms, 1e-12)).astype(np.float32, copy=False)


class _UnionFind:
    """Items joined into groups, one join at a time."""

    def __init__(self) -> None:
        self._parent: dict[int, int] = {}

    def find(self, item: int) -> int:
        parent = self._parent
        parent.setdefault(item, item)
        root = item
        while parent[root] != root:
            root = parent[root]
        while parent[item] != root:  # path compression keeps later finds short
            parent[item], item = root, parent[item]
        return root

    def join(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self._parent[max(ra, rb)] = min(ra, rb)

    def join_groups(self, groups: Sequence[Sequence[int]]) -> None:
        for group in groups:
            for other in group[1:]:
                self.join(group[0], other)

    def groups(self) -> list[list[int]]:
        """The groups of two or more, each sorted, by their first item."""
        groups: dict[int, list[int]] = {}
        for item in list(self._parent):
            groups.setdefault(self.find(item), []).append(item)
        return sorted((sorted(g) for g in groups.values() if len(g) > 1), key=lambda g: g[0])


def group_pairs(
    pairs: Sequence[tuple[int, int]], extra: Sequence[Sequence[int]] = ()
) -> list[list[int]]:
    """Connected groups (union-find) of the items joined by `pairs` and by each `extra` group."""
    found = _UnionFind()
    for a, b in pairs:
        found.join(a, b)
    found.join_groups(extra)
    return found.groups()


# Whether two photos (by id) are the same picture: True, False, or None when it cannot be told
# (a photo that cannot be read).
SamePicture = Callable[[int, int], bool | None]


def copy_groups(
    index: EmbeddingIndex,
    exact_groups: Sequence[Sequence[int]],
    same: SamePicture | None,
    threshold: float = DUPLICATE_COSINE,
    *,
    progress: ProgressCallback | None = None,
    cancel: CancelToken | None = None,
    exhaustive_up_to: int = EXHAUSTIVE_UP_TO,
    neighbours: int = LONE_NEIGHBOURS,
) -> list[list[int]]:
    """Groups of photo ids of one picture each: the pairs at or above `threshold` that `same`
    does not deny, with the `exact_groups` (byte copies); then, where `same` is given, what
    it confirms among each photo's `neighbours` best partners outside its group at
    JOIN_COSINE or more (copies made alike found apart from their original; a lone copy whose
    embedding lost more). Without `same`, the embeddings alone at `threshold`; above
    DUPLICATE_COSINE (closer copies than the default finds), the pairs at `threshold` alone."""
    pairs, scores = scored_pairs(
        index,
        threshold,
        low=JOIN_COSINE if same is not None and threshold <= DUPLICATE_COSINE else None,
        per_photo=neighbours,
        progress=progress,
        cancel=cancel,
        exhaustive_up_to=exhaustive_up_to,
    )
    close = scores >= threshold
    found = _UnionFind()
    found.join_groups(exact_groups)
    # Best first, and a pair its group already holds is not looked at: a picture's edited
    # exports all score 0.86 or more with each other (a photo and 15 edits: 120 pairs), and two
    # edits of it (a mirrored copy and a straightened one) are the costliest pair to tell apart.
    order = np.argsort(-scores[close], kind="stable")
    checks = [(int(index.ids[a]), int(index.ids[b])) for a, b in pairs[close][order].tolist()]
    for a, b in _confirmed(
        checks, same, progress, cancel, unknown=True, skip=found, phase="comparing pixels"
    ):
        found.join(a, b)
    rows = pairs[~close]
    if same is None or not len(rows):
        return found.groups()
    group_of = np.array([found.find(int(i)) for i in index.ids.tolist()], np.int64)
    checks = [
        (int(index.ids[a]), int(index.ids[b]))
        for a, b in _best_partners(rows, scores[~close], group_of, neighbours).tolist()
    ]
    # Best first; a pair already in one group needs no look at its pixels.
    for a, b in _confirmed(
        checks, same, progress, cancel, unknown=False, skip=found, phase="comparing look-alikes"
    ):
        found.join(a, b)
    return found.groups()


def _best_partners(
    pairs: np.ndarray, scores: np.ndarray, group_of: np.ndarray, k: int
) -> np.ndarray:
    """(m, 2) rows: the pairs among `pairs` that are among the `k` best of one of their photos
    with a photo of another group (`group_of` each row's), best first."""
    a, b = pairs[:, 0], pairs[:, 1]
    apart = group_of[a] != group_of[b]
    a, b, scores = a[apart], b[apart], scores[apart]
    one, other, both = _best_per_row(  # each pair from both sides
        np.concatenate([a, b]), np.concatenate([b, a]), np.concatenate([scores, scores]), k
    )
    lo, hi = np.minimum(one, other), np.maximum(one, other)
    _, first = np.unique(lo * max(len(group_of), 1) + hi, return_index=True)
    ranked = first[np.argsort(-both[first], kind="stable")]
    return np.stack([lo[ranked], hi[ranked]], axis=1)


def _confirmed(
    pairs: list[tuple[int, int]],
    same: SamePicture | None,
    progress: ProgressCallback | None,
    cancel: CancelToken | None,
    *,
    unknown: bool,
    phase: str,
    skip: _UnionFind | None = None,
) -> Iterator[tuple[int, int]]:
    """The pairs `same` says are one picture (and those it cannot tell of when `unknown`),
    as they are told; with `skip`, a pair already in one of its groups is passed over."""
    for done, (a, b) in enumerate(pairs, start=1):
        if cancel is not None and done % 64 == 0:
            cancel.raise_if_cancelled()
        if skip is None or skip.find(a) != skip.find(b):
            verdict = None if same is None else same(a, b)
            if verdict or (verdict is None and unknown):
                yield a, b
        if progress is not None and same is not None and (done % 64 == 0 or done == len(pairs)):
            progress(Progress(phase, done, len(pairs)))


@dataclass(frozen=True)
class DuplicateGroup:
    photo_ids: list[int]  # the one to keep first (core/duplicate_keep.py says which that is)
    exact: bool  # every photo is a byte-for-byte copy of the first


class DuplicateSearch(TypedDict, total=False):
    """How find_duplicates and duplicate_id_groups search, beside the library and threshold."""

    index: EmbeddingIndex | None  # the library's index, if at hand (else it is loaded)
    progress: ProgressCallback | None
    cancel: CancelToken | None
    thumbnails: Path | None  # the scan's thumbnails, read for the pixels (else the files)
    check_pixels: bool  # False: the embeddings alone judge (True by default)
    pixels: PixelCheck  # the pixel check to use (its pictures and findings, for the caller)


def find_duplicates(
    db: sqlite_utils.Database,
    threshold: float = DUPLICATE_COSINE,
    **search: Unpack[DuplicateSearch],
) -> list[DuplicateGroup]:
    """Groups of near-duplicate and identical photos, largest group first. A pair the
    embeddings propose is kept if the photos are the same picture (core/same_picture.py),
    read from their thumbnails under `thumbnails` (else from the files); a photo that cannot
    be read is judged by its embedding alone."""
    groups, exact_sets = duplicate_id_groups(db, threshold, **search)
    photos = {p.id: p for p in photo_store.photos_by_ids(db, [i for g in groups for i in g])}
    return ordered_groups(groups, exact_sets, keep_order(db, photos))


def duplicate_id_groups(
    db: sqlite_utils.Database,
    threshold: float = DUPLICATE_COSINE,
    **search: Unpack[DuplicateSearch],
) -> tuple[list[list[int]], list[set[int]]]:
    """find_duplicates' groups as photo ids, not yet in keep order, and the library's groups
    of byte-for-byte copies (a group equal to one of them is `exact`)."""
    given = search.get("index")
    index = given if given is not None else load_index(db)
    same: PixelCheck | None = None
    if search.get("check_pixels", True):
        same = search.get("pixels") or PixelCheck(db, PictureReader(search.get("thumbnails")))
    exact_groups = photo_store.same_content_groups(db)
    groups = copy_groups(
        index,
        exact_groups,
        same,
        threshold,
        progress=search.get("progress"),
        cancel=search.get("cancel"),
    )
    return groups, [set(g) for g in exact_groups]


def ordered_groups(
    groups: list[list[int]], exact_sets: list[set[int]], keep_first: KeepOrder
) -> list[DuplicateGroup]:
    """The groups, each with the copy to keep first, largest group first."""
    result = [
        DuplicateGroup(sorted(g, key=keep_first), any(set(g) == e for e in exact_sets))
        for g in groups
    ]
    result.sort(key=lambda g: (-len(g.photo_ids), g.photo_ids[0]))
    return result


class PixelCheck:
    """Whether two library photos are the same picture (core/same_picture.py), from the
    pictures `read` gives (the scan's thumbnails, else the files); None when either cannot be
    read. Of each pair found one picture, it keeps whether the second is the first mirrored
    (`mirrored`, by (first, second) id)."""

    def __init__(self, db: sqlite_utils.Database, read: PictureReader) -> None:
        self._db = db
        self.read = read
        self._photos: dict[int, Photo | None] = {}
        self.mirrored: dict[tuple[int, int], bool] = {}

    def __call__(self, a: int, b: int) -> bool | None:
        missing = [i for i in (a, b) if i not in self._photos]
        if missing:
            self._photos.update(dict.fromkeys(missing))
            self._photos.update((p.id, p) for p in photo_store.photos_by_ids(self._db, missing))
        pa, pb = self._photos[a], self._photos[b]
        if pa is not None and pb is not None and one_a_clip(pa, pb):
            return False
        grey_a = self.read(pa) if pa is not None else None
        grey_b = self.read(pb) if pb is not None else None
        if grey_a is None or grey_b is None:
            return None
        mirrored = matched(grey_a, grey_b)
        if mirrored is not None:
            self.mirrored[a, b] = mirrored
        return mirrored is not None


def one_a_clip(a: Photo, b: Photo) -> bool:
    """One of the two is a clip and the other a still: never one picture, whatever their pixels
    say. A clip that opens on a photo (the still taken from it, a Live Photo's movie saved
    apart) was the photo's "Almost identical" spare copy, for Move Unticked to Trash (walk61).
    Find Duplicates' grouping (PixelCheck) and the pair's words in Find Similar and Find
    Duplicates (core/duplicate_copies.py _verdict) both ask it."""
    return (kind_of(a.path) is MediaKind.CLIP) != (kind_of(b.path) is MediaKind.CLIP)


# Find Similar's ranking is kept beside the library from this many photos (below, reading
# the embeddings from SQLite takes a fraction of a second).
KEEP_FROM = 2_000
KEPT_SUFFIX = ".similar-cache"  # library.db.similar-cache
# 4: the likeness scale is measured on the full vectors (likeness35); a ranking kept by an older
# phototagger holds a scale of its projections, on which a full cosine reads less alike, and is
# built again (as any file of another magic).
_KEPT_MAGIC = b"PTSIMRK4"
# magic, sha-256 of the backbone's name, the library's embeddings and photo generations, rows,
# dims, the scale's typical and standout cosines, the embedding change log's tag, the last
# change it holds, that change's photo and stamp, the embeddings' length, the rows it was built with
# and the rows projected since; then a CRC-32 of all that and of the ids, the rows and the axes.
_KEPT_HEAD = struct.Struct("<8s32sqqqqddqqqqqqq")
_KEPT_CRC = struct.Struct("<I")
_ID = np.dtype("<i8")
_REDUCED = np.dtype("<f4")
# A kept ranking is updated, not built again, while the photos projected on its axes since it
# was built are at most this share of the photos it was built with: beyond, its axes and its
# likeness scale are found again (a library that grew by half may not look like the one they
# were found on). 200 photos of a 100,000-photo library's scan are 0.2 %.
UPDATE_SHARE = 0.25
# A Find Similar that projected this many photos keeps the ranking so updated (the next process
# would read their embeddings again); fewer, and it is kept at the scan's end.
KEEP_PROJECTED = 1000


@dataclass(frozen=True)
class _Kept:
    """The kept ranking and what updating it needs."""

    ranking: SimilarRanking
    key: tuple[int, int]  # the library's embeddings and photo generations it is current for
    log: EmbeddingLog  # the last embedding change it holds (migration 15's log)
    axes: np.ndarray  # (d, dims) float32: the main axes its rows are projected on
    built: int  # photos when it was built
    projected: int  # photos projected on its axes since


def similar_index(db: sqlite_utils.Database, backbone: str = BACKBONE_NAME) -> SimilarRanking:
    """Find Similar's ranking of every present photo with an embedding: the one kept beside the
    library (its `library.db.similar-cache`), brought up to date, else built as load_index
    builds it, and kept for the next process.

    Building it reads every embedding from SQLite (a 2.5 KB blob a row), converts and projects
    them: 15 to 42 s of a first Find Similar on 100,000 photos in a fresh process on 2 busy
    cores, 1.5 to 2 GB at its peak; the kept ranking is 100 MB of float32 read in one go, 0.2
    to 0.3 s (benchmarks/similar.py --kept). It holds the main axes its rows were projected on
    and the last embedding change it holds (migration 15's log of changed embeddings), so after
    the library changed it is updated, not built again: a photo trashed, gone or deleted leaves
    it, a photo added or re-embedded is read alone and projected on its axes (its scale stays),
    a photo renamed or re-dated changes nothing (benchmarks/similar.py --kept-changes at
    100,000 photos, the files out of the OS's cache, 2 busy cores: 0.7 s after 50 photos
    trashed, 1.1 s after 200 scanned, where building it again took 24 and 32 s).
    Built again once UPDATE_SHARE of its photos were projected since, or when the log cannot
    say what changed. A file that is truncated, damaged (a CRC-32 over all of it), another
    library's or another backbone's is never used: the ranking is built again and replaces it.
    It is a cache: deleting it, or a folder where it cannot be written, only costs time."""
    key = _library_key(db, backbone)
    path = kept_ranking_path(db)
    if key is None or path is None:
        return _ranking_only(load_index(db, backbone))
    kept = _current_kept(db, path, backbone, key)
    if kept is not None:
        return kept
    return _build_and_keep(db, path, backbone, key, lambda: load_index(db, backbone))


def keep_similar_ranking(
    db: sqlite_utils.Database,
    backbone: str = BACKBONE_NAME,
    embeddings: Callable[[Sequence[int]], np.ndarray | None] | None = None,
    generation: int | None = None,
) -> None:
    """Make the kept ranking current if it is missing or stale: a scan's last step, so that
    the next Find Similar, in this process or another, need not build it on the user's clock.
    A kept ranking is updated as similar_index updates it; else it is built from `embeddings`:
    the float32 rows of the given photo ids (None if it lacks one), exactly as SQLite holds
    them (the embeddings' copy the scan has just made, core/embedding_matrix.py: no blob to
    read and convert), of the embeddings `generation`; used only if that is the library's now
    (another process may have written embeddings since the copy was made), else they are read
    from SQLite."""
    key = _library_key(db, backbone)
    path = kept_ranking_path(db)
    if key is None or path is None:
        return
    if _kept_key(path, backbone) == key or _current_kept(db, path, backbone, key, True):
        return
    ids = np.asarray(iter_embedded_ids(db, backbone), np.int64)
    if len(ids) < KEEP_FROM:
        return
    of_now = embeddings is not None and generation == key[0]
    rows = embeddings(ids.tolist()) if embeddings is not None and of_now else None
    _build_and_keep(
        db,
        path,
        backbone,
        key,
        lambda: build_index(ids, rows) if rows is not None else load_index(db, backbone),
    )


def _build_and_keep(
    db: sqlite_utils.Database,
    path: Path,
    backbone: str,
    key: tuple[int, int],
    build: Callable[[], EmbeddingIndex],
) -> SimilarRanking:
    """The ranking `build` gives, kept from KEEP_FROM photos if the library is still as `key`
    says once it is built (its pages are separate statements)."""
    log = embedding_log(db, backbone)  # read first: one written meanwhile is after it
    index = build()
    ranking = _ranking_only(index)
    if ranking.size >= KEEP_FROM and _library_key(db, backbone) == key:
        _keep(path, backbone, _Kept(ranking, key, log, index.axes, ranking.size, 0))
    return ranking


def _current_kept(
    db: sqlite_utils.Database,
    path: Path,
    backbone: str,
    key: tuple[int, int],
    keep: bool = False,
) -> SimilarRanking | None:
    """The kept ranking brought up to the library's `key`, or None where it must be built: none
    kept, not whole, too much changed, or the change log cannot say what did. Kept so if `keep`
    (a scan's end) or if it projected KEEP_PROJECTED photos: otherwise the next process repeats
    the update (a photo trashed costs it a list of the present photos, not a 100 MB write)."""
    kept = _read_kept(path, backbone)
    if kept is None:
        return None
    if kept.key == key:
        return kept.ranking
    log = kept.log
    changed = np.zeros(0, np.int64)
    if kept.key[0] != key[0]:  # embeddings written or deleted since: which, the log says
        log = embedding_log(db, backbone)
        if not _log_holds(db, backbone, kept.log, log.tag):
            return None
        changed = np.asarray(embeddings_changed_since(db, backbone, kept.log.change), np.int64)
    ids = kept.ranking.ids
    # Not the embedded ones: listing them reads every embedding's page (2.7 s at 100,000 photos
    # with the file not in the OS's cache, against 0.3 s for the photos' status index).
    present = np.sort(np.asarray(photo_store.present_photo_ids(db), np.int64))
    there = np.isin(ids, present)
    stays = there & ~np.isin(ids, changed)
    # Re-embedded (a new runtime re-reads them all): past the share, built again without first
    # reading each changed embedding alone only to find them too many.
    if kept.projected + np.count_nonzero(there & ~stays) > UPDATE_SHARE * kept.built:
        return None
    # Photos back from the trash, new, re-embedded, or waiting for an embedding (then none read).
    maybe = np.setdiff1d(present, ids[stays])
    new, rows = _projected(db, backbone, maybe, kept.axes)
    projected = kept.projected + len(new)
    if projected > UPDATE_SHARE * kept.built:
        return None
    all_ids = np.concatenate([ids[stays], new])
    order = np.argsort(all_ids, kind="stable")
    reduced = np.concatenate([kept.ranking.reduced[stays], rows])[order]
    ranking = SimilarRanking(all_ids[order], reduced, kept.ranking.scale)
    if (keep or len(new) >= KEEP_PROJECTED) and ranking.size and _library_key(db, backbone) == key:
        _keep(path, backbone, _Kept(ranking, key, log, kept.axes, kept.built, projected))
    return ranking


def _log_holds(db: sqlite_utils.Database, backbone: str, kept: EmbeddingLog, tag: int) -> bool:
    """Whether the library's change log (its `tag`) goes on from the `kept` ranking's last
    change: the same log (not another library's), that very change still logged for its photo
    (its number and random stamp: not a library restored from an older backup, whose log went
    back, and maybe on to the same number since, with other changes below it). Built again
    too where that photo changed since: the log cannot tell that from a restore."""
    if kept.tag != tag:
        return False
    if kept.change == 0:
        return True
    return embedding_change_of(db, backbone, kept.photo_id) == (kept.change, kept.stamp)


def _projected(
    db: sqlite_utils.Database, backbone: str, ids: np.ndarray, axes: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Those of the photos that have an embedding, and its unit-length projection on `axes`,
    as build_index projects it."""
    found = list(iter_embeddings(db, backbone, ids.tolist())) if len(ids) else []
    if not found:
        return np.zeros(0, np.int64), np.zeros((0, axes.shape[1]), np.float32)
    vectors = decode_embeddings([blob for _, blob in found])
    if vectors.shape[1] != axes.shape[0]:
        return np.zeros(0, np.int64), np.zeros((0, axes.shape[1]), np.float32)
    return np.asarray([i for i, _ in found], np.int64), _unit(_unit(vectors) @ axes)


def _kept_key(path: Path, backbone: str) -> tuple[int, int] | None:
    """The generations the kept ranking was made under (None: none kept, or not this backbone's).
    Its rows are not checked here: similar_index does, before it uses them."""
    try:
        with open(path, "rb") as file:
            head = file.read(_KEPT_HEAD.size)
    except OSError:
        return None
    if len(head) != _KEPT_HEAD.size:
        return None
    magic, tag, embeddings, photos, *_ = _KEPT_HEAD.unpack(head)
    return (embeddings, photos) if magic == _KEPT_MAGIC and tag == _backbone_tag(backbone) else None


def kept_ranking_path(db: sqlite_utils.Database) -> Path | None:
    """Where the library keeps Find Similar's ranking (None: an in-memory library)."""
    file = database_file(db)
    return Path(file + KEPT_SUFFIX) if file else None


def kept_ranking_counts(db: sqlite_utils.Database) -> tuple[int, int] | None:
    """(photos the kept ranking was built with, photos projected on its axes since): whether
    it was updated or built again. None: none kept, or not whole."""
    path = kept_ranking_path(db)
    kept = _read_kept(path, BACKBONE_NAME) if path is not None else None
    return None if kept is None else (kept.built, kept.projected)


def _ranking_only(index: EmbeddingIndex) -> SimilarRanking:
    """The index less what only Find Duplicates needs (the full vectors: 2.5 of its 3.6 KB a
    photo), so a ranking kept between clicks holds 1 KB a photo, built or read."""
    return SimilarRanking(index.ids, index.reduced, index.scale)


def _library_key(db: sqlite_utils.Database, backbone: str) -> tuple[int, int] | None:
    embeddings = embeddings_generation(db, backbone)
    photos = photo_store.photo_generation(db)
    return None if embeddings is None or photos is None else (embeddings, photos)


def _backbone_tag(backbone: str) -> bytes:
    return hashlib.sha256(backbone.encode("utf-8")).digest()


def _read_kept(path: Path, backbone: str) -> _Kept | None:
    """The kept ranking if it is whole and this backbone's, else None."""
    try:
        with open(path, "rb") as file:
            head = file.read(_KEPT_HEAD.size + _KEPT_CRC.size)
            if len(head) != _KEPT_HEAD.size + _KEPT_CRC.size:
                return None
            fields = _KEPT_HEAD.unpack(head[: _KEPT_HEAD.size])
            magic, tag, embeddings, photos, rows, dims, typical, standout = fields[:8]
            log, (length, built, projected) = EmbeddingLog(*fields[8:12]), fields[12:]
            (crc,) = _KEPT_CRC.unpack(head[_KEPT_HEAD.size :])
            if magic != _KEPT_MAGIC or tag != _backbone_tag(backbone):
                return None
            size = len(head) + rows * _ID.itemsize + (rows + length) * dims * _REDUCED.itemsize
            if (
                rows < 1
                or not 0 < dims <= REDUCED_DIMS
                or length < 1
                or os.fstat(file.fileno()).st_size != size
            ):
                return None
            ids = np.empty(rows, _ID)
            reduced = np.empty((rows, dims), _REDUCED)
            axes = np.empty((length, dims), _REDUCED)
            for array in (ids, reduced, axes):
                if file.readinto(array.data) != array.nbytes:
                    return None
    except OSError:
        return None
    if _checksum(head[: _KEPT_HEAD.size], ids, reduced, axes) != crc:
        return None
    ranking = SimilarRanking(ids, reduced, LikenessScale(typical, standout))
    return _Kept(ranking, (embeddings, photos), log, axes, built, projected)


def _checksum(head: bytes, *arrays: np.ndarray) -> int:
    crc = zlib.crc32(head)
    for array in arrays:
        crc = zlib.crc32(array.data, crc)
    return crc


def _keep(path: Path, backbone: str, kept: _Kept) -> None:
    """Write the ranking to a temporary file beside `path`, then rename it into place: a reader
    finds the old file or the new one whole (and a file cut short by a crash fails its size or
    its CRC). Nothing is kept where it cannot be written."""
    ids = np.ascontiguousarray(kept.ranking.ids, _ID)
    reduced = np.ascontiguousarray(kept.ranking.reduced, _REDUCED)
    axes = np.ascontiguousarray(kept.axes, _REDUCED)
    head = _KEPT_HEAD.pack(
        _KEPT_MAGIC,
        _backbone_tag(backbone),
        kept.key[0],
        kept.key[1],
        len(ids),
        reduced.shape[1],
        kept.ranking.scale.typical,
        kept.ranking.scale.standout,
        *kept.log,
        axes.shape[0],
        kept.built,
        kept.projected,
    )
    crc = _KEPT_CRC.pack(_checksum(head, ids, reduced, axes))
    # Left by a process that died while keeping the ranking.
    remove_abandoned(path.parent, re.compile(re.escape(path.name) + r"\..*\.tmp"))
    temporary = path.with_name(f"{path.name}.{os.getpid()}.{threading.get_ident()}.tmp")
    try:
        with open(temporary, "wb") as file:
            file.write(head + crc)
            for array in (ids, reduced, axes):
                file.write(array.data)
        os.replace(temporary, path)
    except OSError:
        pass  # a read-only folder or a full disk: built again next time
    finally:
        with suppress(OSError):
            temporary.unlink()


class IndexCache:
    """One ranking per library state: read or built once, reused until the library changes.

    One thread at a time: a window's reader thread asks, and a closed window's may still be
    answering its last question when the next window's asks (gui/reader.py)."""

    def __init__(
        self, loader: Callable[[sqlite_utils.Database], SimilarRanking] = similar_index
    ) -> None:
        self._loader = loader
        self._lock = threading.Lock()
        self._db: sqlite_utils.Database | None = None
        self._key: tuple[int | None, int] | None = None
        self._index: SimilarRanking | None = None

    def get(self, db: sqlite_utils.Database) -> SimilarRanking:
        with self._lock:
            return self._get(db)

    def _get(self, db: sqlite_utils.Database) -> SimilarRanking:
        # The generations change with every embedding written and photo added or gone (or
        # renamed, re-dated), by any connection; a commit that only tags photos changes neither.
        key = _library_key(db, BACKBONE_NAME) or (None, data_version(db))
        # Another connection (another library) never shares an index, whatever its version.
        if self._index is None or db is not self._db or self._key is None:
            self._index, self._db = self._loader(db), db
        elif key != self._key:
            same_embeddings = key[0] is not None and key[0] == self._key[0]
            held = _present_part(db, self._index) if same_embeddings else None
            self._index = held if held is not None else self._loader(db)
        self._key = key
        return self._index


def _present_part(db: sqlite_utils.Database, ranking: SimilarRanking) -> SimilarRanking | None:
    """The rows of `ranking` whose photos are still present (the very ranking if all are), if
    no other present photo has an embedding: photos trashed, gone, renamed or re-dated since,
    none back from the trash. None otherwise. For the same embeddings only (their generation
    unchanged: none written or deleted)."""
    present = np.asarray(photo_store.present_photo_ids(db), np.int64)
    stays = np.isin(ranking.ids, present)
    others = np.setdiff1d(present, ranking.ids)
    if len(others) and len(without_embedding(db, others.tolist(), BACKBONE_NAME)) < len(others):
        return None
    if stays.all():
        return ranking
    return SimilarRanking(ranking.ids[stays], ranking.reduced[stays], ranking.scale)


def similar_photos(
    db: sqlite_utils.Database,
    photo_id: int,
    limit: int | None = 50,
    index: SimilarRanking | None = None,
) -> list[tuple[Photo, float]]:
    """The present photos most similar to `photo_id`, best first, with their cosine (the
    figure's: similar_by_likeness)."""
    index = index if index is not None else similar_index(db)
    ranked = similar_by_likeness(index, photo_id, library_rows(db), limit)
    photos = {p.id: p for p in photo_store.photos_by_ids(db, [pid for pid, _ in ranked])}
    return [(photos[pid], score) for pid, score in ranked if pid in photos]
