"""Re-tagging without redoing the default head: its tag scores per photo are cached in the
library (store/score_cache.py; writing an embedding drops them), and computed (then cached) only
where missing. The 1000-class softmax over 100,000
embeddings was a third of a re-tag's time."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import sqlite_utils

from phototagger.core.embedding_matrix import EmbeddingMatrix, current_matrix, embedding_matrix
from phototagger.core.embeddings import decode_embeddings
from phototagger.core.face_signals import signals_for
from phototagger.core.probability_matrix import load_probabilities, page_probabilities
from phototagger.ml.engine import TagHead
from phototagger.ml.heads import DEFAULT_VERSION, DefaultHead
from phototagger.ml.trained_head import SCORE_CHUNK, TrainedHead
from phototagger.store.embeddings import embeddings_generation, iter_embeddings
from phototagger.store.score_cache import (
    CachedRow,
    iter_embeddings_with_scores,
    put_cached_scores,
)

_SCORES = np.dtype("<f4")  # exact: a cached score gives the very tags a fresh one would


def cache_key(default: DefaultHead, backbone: str) -> str:
    """Names the default head's scores: its weights, its tag mapping and the embeddings' backbone,
    so a new vocabulary or weight file never reads an older head's scores."""
    digest = hashlib.sha256()
    for array in (default.kernel, default.bias, default.vocabulary.membership()):
        digest.update(np.ascontiguousarray(array, dtype=np.float32).tobytes())
    digest.update("\n".join(default.tag_names).encode("utf-8"))
    return f"{backbone}:default:{digest.hexdigest()[:16]}"


def head_score_chunks(
    db: sqlite_utils.Database,
    backbone: str,
    default: DefaultHead,
    head: TagHead,
    *,
    page: int | None = None,
    photo_ids: Sequence[int] | None = None,
    matrix_cache: Path | None = None,
    default_scores: bool = True,
) -> Iterator[tuple[list[int], np.ndarray]]:
    """(photo ids, `head`'s scores of their embeddings) by photo id, for every `backbone`
    embedding. The default head's part comes from the cache; missing cached scores are
    computed and cached as they go (in the caller's transaction, if any). Embeddings are decoded
    only where something needs them: the default head itself reads none from a warm cache.
    `matrix_cache`: where the library keeps its embedding matrix (core/embedding_matrix.py).
    `default_scores` False (a trained `head` only): the caller keeps none of the columns that
    read the default head's scores, so the cache is neither read nor filled; those columns come
    out as garbage, every other column exactly as with the cache."""
    pages = heads_score_chunks(
        db,
        backbone,
        default,
        [head],
        page=page,
        photo_ids=photo_ids,
        matrix_cache=matrix_cache,
        default_scores=default_scores,
    )
    for scored in pages:
        yield scored.ids, scored.scores[0]


@dataclass(frozen=True)
class ScoredPage:
    """One page of heads_score_chunks: its photos, each head's scores, and what they were
    computed from (for a caller that scores a few more tags from the same page)."""

    ids: list[int]
    scores: list[np.ndarray]  # per head
    vectors: np.ndarray | None  # the embeddings (None: only the plain default head was asked)
    base: np.ndarray  # the default head's scores (garbage with default_scores False)
    probs: np.ndarray | None  # the ImageNet probabilities, where some head needed them


def heads_score_chunks(
    db: sqlite_utils.Database,
    backbone: str,
    default: DefaultHead,
    heads: Sequence[TagHead],
    *,
    page: int | None = None,
    photo_ids: Sequence[int] | None = None,
    matrix_cache: Path | None = None,
    default_scores: bool = True,
) -> Iterator[ScoredPage]:
    """head_score_chunks for several heads at once (two versions compared, core/version_diff.py):
    one read of the embeddings and at most one 1000-class softmax per page for all of them, each
    head's scores exactly as head_score_chunks gives them alone. `default_scores` False: the
    trained heads' columns that read the default head's scores come out as garbage."""
    key = cache_key(default, backbone)
    tags = len(default.tag_names)
    plain_default = all(
        not isinstance(h, TrainedHead) and h.version == DEFAULT_VERSION for h in heads
    )
    # A trained head needs every embedding: from the memory-mapped copy where it is current.
    copy = (
        None
        if plain_default or matrix_cache is None
        else embedding_matrix(db, backbone, matrix_cache)
    )
    trained = all(isinstance(h, TrainedHead) for h in heads)
    # Without the matrix, pages carry the blobs of photos without cached scores: the cache is
    # read then.
    skip_cache = trained and not default_scores and copy is not None
    own_classes = any(isinstance(h, TrainedHead) and h.concept_columns().any() for h in heads)
    # The default head alone reads no embeddings where its scores are cached; where they are
    # not (the first re-tag to it after a scan), a current copy gives them (none made here).
    current = (
        current_matrix(db, backbone, matrix_cache)
        if copy is None and plain_default and matrix_cache is not None
        else copy
    )
    # The softmax of every page, computed once by a scan's last step (core/probability_matrix).
    stored = (
        None
        if current is None or matrix_cache is None or not (own_classes or plain_default)
        else load_probabilities(db, matrix_cache, backbone, current, key)
    )
    pages = iter_embeddings_with_scores(
        db,
        backbone,
        None if skip_cache else key,
        # With a current matrix no page needs its blobs (a page without cached scores
        # included): None asks for none.
        vectors=None if copy is not None or stored is not None else not plain_default,
        photo_ids=photo_ids,
        **({"page": page} if page else {}),
    )
    for rows in pages:
        ids = [row[0] for row in rows]
        base = np.empty((len(rows), tags), np.float32)
        if skip_cache:
            base.fill(0.5)  # read by no column the caller keeps
        hits = [i for i, row in enumerate(rows) if row[1] is not None and len(row[1]) == 4 * tags]
        if hits:
            cached = b"".join(rows[i][1] or b"" for i in hits)
            base[hits] = np.frombuffer(cached, _SCORES).reshape(len(hits), tags)
        matrix = None if plain_default else _page_vectors(db, backbone, rows, copy)
        probs = None
        # A whole page's probabilities, as computed below: read where stored for this page.
        known = (
            None
            if stored is None or current is None
            else page_probabilities(db, backbone, current, stored, ids)
        )
        if len(hits) < len(rows) and not skip_cache:
            hit_set = set(hits)
            misses = [i for i in range(len(rows)) if i not in hit_set]
            if matrix is not None and own_classes:
                # One 1000-class softmax per page, shared by the default scores it caches and
                # the class-set bases of taught tags (each row's probabilities are its own: the
                # same numbers as from the misses alone).
                probs = default.imagenet_probabilities(matrix) if known is None else known
                base[misses] = default.scores_from_probabilities(probs[misses])
            elif known is not None and len(misses) == len(rows):
                base[misses] = default.scores_from_probabilities(known)  # = scores(the page)
            elif matrix is None and stored is not None:
                # The default head alone, its pages without blobs: the misses' rows of the copy.
                base[misses] = default.scores(
                    _page_vectors(db, backbone, [rows[i] for i in misses], current)
                )
            else:
                base[misses] = default.scores(
                    matrix[misses]
                    if matrix is not None
                    else decode_embeddings([rows[i][2] or b"" for i in misses])
                )
            put_cached_scores(
                db, key, [(ids[i], base[i].astype(_SCORES).tobytes()) for i in misses]
            )
        out: list[np.ndarray] = []
        faces = None
        for head in heads:
            if matrix is None:
                # The default head, with or without threshold overrides; with tags renamed,
                # merged or deleted since (core/tag_map.py), its columns under their current
                # names.
                columns = getattr(head, "default_columns", None)
                out.append(base if columns is None else base[:, columns])
            elif isinstance(head, TrainedHead):
                if faces is None:
                    faces = signals_for(head, db, ids)
                if len(matrix) > SCORE_CHUNK:
                    out.append(head.scores(matrix, base_scores=base, faces=faces))
                    continue
                if probs is None and head.concept_columns().any():
                    # What scores_given would compute itself: computed once for every head.
                    probs = default.imagenet_probabilities(matrix) if known is None else known
                out.append(head.scores_given(matrix, probs=probs, base_scores=base, faces=faces))
            else:
                out.append(head.scores(matrix))
        yield ScoredPage(ids, out, matrix, base, probs)


def _page_vectors(
    db: sqlite_utils.Database, backbone: str, rows: list[CachedRow], copy: EmbeddingMatrix | None
) -> np.ndarray:
    """float32 embeddings of a page: the ones it carries (no cached scores), the others from the
    matrix while it is current (checked in the page's transaction), else from SQLite."""
    if copy is None:
        return decode_embeddings([row[2] or b"" for row in rows])
    if (
        all(row[2] is None for row in rows)
        and embeddings_generation(db, backbone) == copy.generation
    ):
        whole = copy.rows([row[0] for row in rows])  # usually a view of the file: no copy
        if whole is not None:
            return whole
    out = np.empty((len(rows), copy.vectors.shape[1]), np.float32)
    carried = [i for i, row in enumerate(rows) if row[2] is not None]
    if carried:
        out[carried] = decode_embeddings([rows[i][2] or b"" for i in carried])
    wanted = [i for i, row in enumerate(rows) if row[2] is None]
    if wanted:
        ids = [rows[i][0] for i in wanted]
        current = embeddings_generation(db, backbone) == copy.generation
        vectors = copy.rows(ids) if current else None
        if vectors is None:
            blobs = dict(iter_embeddings(db, backbone, ids))
            vectors = decode_embeddings([blobs[i] for i in ids])
        out[wanted] = vectors
    return out
