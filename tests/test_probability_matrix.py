"""The default head's probabilities a scan's last step stores (core/probability_matrix.py): a
training's pages read them instead of running the 1000-class softmax, and get the very scores
they computed without them; never for a page laid out otherwise, a changed library or another
head."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest

from phototagger.core import embedding_matrix, probability_matrix
from phototagger.core.embeddings import encode_embedding
from phototagger.core.job_end_copies import refresh_after_job
from phototagger.core.library import open_library
from phototagger.core.score_cache import cache_key, heads_score_chunks
from phototagger.ml.engine import BACKBONE_NAME
from phototagger.ml.heads import load_default_head
from phototagger.ml.trained_head import TrainedHead, from_default, grow, standardisation
from phototagger.paths import default_home
from phototagger.store.embeddings import put_embeddings
from tests.softmax_count import softmax_rows
from tests.store_helpers import add_photo

PHOTOS = 2 * probability_matrix.PAGE + 300  # two whole pages and a short last one


def _embedded(lib, vectors: np.ndarray) -> list[int]:  # noqa: ANN001
    ids = [add_photo(lib.db, f"/p/{i}.jpg") for i in range(len(vectors))]
    put_embeddings(
        lib.db,
        BACKBONE_NAME,
        [(p, encode_embedding(v)) for p, v in zip(ids, vectors, strict=True)],
    )
    return ids


def _taught_head(vectors: np.ndarray) -> TrainedHead:
    default = load_default_head()
    head = grow(from_default(default, *standardisation(vectors)), ["kitchen", "seaside"])
    rng = np.random.default_rng(3)
    sets = np.zeros((1000, len(head.tags)), np.float32)
    sets[:, -2:] = rng.random((1000, 2)) < 0.04
    sets[:, -1] *= rng.random(1000).astype(np.float32)
    kernel = head.kernel + rng.normal(0, 0.01, head.kernel.shape).astype(np.float32)
    return replace(head, concepts=sets, kernel=kernel, scale=np.ones(len(head.tags), np.float32))


def _score(lib, head: TrainedHead, **kwargs) -> list[tuple[list[int], bytes, bytes]]:  # noqa: ANN001
    pages = heads_score_chunks(
        lib.db,
        BACKBONE_NAME,
        head.base,
        [head],
        page=probability_matrix.PAGE,
        matrix_cache=lib.home.embeddings_cache,
        default_scores=False,
        **kwargs,
    )
    return [(p.ids, p.scores[0][:, -2:].tobytes(), np.asarray(p.probs).tobytes()) for p in pages]


def test_a_training_reads_the_stored_probabilities_and_scores_the_same(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(embedding_matrix, "MIN_PHOTOS", 1)
    rng = np.random.default_rng(1)
    vectors = np.clip(rng.normal(0.4, 0.8, (PHOTOS, 1280)), 0, 6).astype(np.float16)
    with open_library(default_home()) as lib:
        ids = _embedded(lib, vectors)
        head = _taught_head(vectors[:500].astype(np.float32))
        some = ids[5:900]  # another page layout (a re-tag of some photos)
        computed, computed_some = _score(lib, head), _score(lib, head, photo_ids=some)
        refresh_after_job(lib, [BACKBONE_NAME])  # as a scan ends
        rows = softmax_rows(monkeypatch)
        assert _score(lib, head) == computed  # bit for bit
        assert rows == []  # and no softmax ran
        assert _score(lib, head, photo_ids=some) == computed_some
        assert sum(rows) == len(some)  # computed its own


def test_a_changed_library_or_another_head_reads_none(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(embedding_matrix, "MIN_PHOTOS", 1)
    rng = np.random.default_rng(2)
    vectors = np.clip(rng.normal(0.4, 0.8, (1500, 1280)), 0, 6).astype(np.float16)
    with open_library(default_home()) as lib:
        ids = _embedded(lib, vectors)
        cache = lib.home.embeddings_cache
        refresh_after_job(lib, [BACKBONE_NAME])
        matrix = embedding_matrix.embedding_matrix(lib.db, BACKBONE_NAME, cache)
        assert matrix is not None
        key = cache_key(load_default_head(), BACKBONE_NAME)
        stored = probability_matrix.load_probabilities(lib.db, cache, BACKBONE_NAME, matrix, key)
        assert stored is not None
        page = ids[: probability_matrix.PAGE]
        assert (
            probability_matrix.page_probabilities(lib.db, BACKBONE_NAME, matrix, stored, page)
            is not None
        )
        assert (
            probability_matrix.page_probabilities(lib.db, BACKBONE_NAME, matrix, stored, page[1:])
            is None
        )
        other = key[:-1] + ("0" if key[-1] != "0" else "1")
        assert (
            probability_matrix.load_probabilities(lib.db, cache, BACKBONE_NAME, matrix, other)
            is None
        )
        # One photo re-embedded: the old copy's pages are not read, and the next copy (made
        # by whichever reader comes first) takes the old probabilities away with it.
        put_embeddings(lib.db, BACKBONE_NAME, [(ids[3], encode_embedding(vectors[4]))])
        assert (
            probability_matrix.page_probabilities(lib.db, BACKBONE_NAME, matrix, stored, page)
            is None
        )
        again = embedding_matrix.embedding_matrix(lib.db, BACKBONE_NAME, cache)
        assert again is not None and again.generation != matrix.generation
        assert (
            probability_matrix.load_probabilities(lib.db, cache, BACKBONE_NAME, again, key) is None
        )
        assert not list(cache.glob("*/*.probs-*"))


def test_the_default_heads_first_scores_come_from_the_stored_probabilities(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The first re-tag to v1 after a scan (nothing cached yet) reads neither the embeddings
    from SQLite nor runs the softmax, and caches the scores it would have computed (up to BLAS
    rounding: _alike)."""
    from phototagger.core import score_cache
    from phototagger.core.score_cache import head_score_chunks

    monkeypatch.setattr(embedding_matrix, "MIN_PHOTOS", 1)
    rng = np.random.default_rng(4)
    vectors = np.clip(rng.normal(0.4, 0.8, (PHOTOS, 1280)), 0, 6).astype(np.float16)
    default = load_default_head()
    with open_library(default_home()) as lib:
        ids = _embedded(lib, vectors)

        def scores(**kwargs) -> list[tuple[list[int], bytes]]:  # noqa: ANN003
            pages = head_score_chunks(
                lib.db,
                BACKBONE_NAME,
                default,
                default,
                page=probability_matrix.PAGE,
                matrix_cache=lib.home.embeddings_cache,
                **kwargs,
            )
            return [(page_ids, s.tobytes()) for page_ids, s in pages]

        some = ids[100:1500:3]
        computed, computed_some = scores(), scores(photo_ids=some)  # no copy: from SQLite
        lib.db.execute("DELETE FROM score_cache")
        assert lib.db.execute("SELECT count(*) FROM score_cache").fetchone()[0] == 0
        refresh_after_job(lib, [BACKBONE_NAME])
        rows = softmax_rows(monkeypatch)
        with monkeypatch.context() as m:
            m.setattr(score_cache, "decode_embeddings", None)  # no blob decoded
            stored = scores()
        assert rows == []
        _alike(stored, computed)
        assert lib.db.execute("SELECT count(*) FROM score_cache").fetchone()[0] == PHOTOS
        assert scores() == stored  # now from the score cache: the very bits it kept
        lib.db.execute("DELETE FROM score_cache")
        _alike(scores(photo_ids=some), computed_some)  # another layout: computed
        assert sum(rows) == len(some)


def _alike(pages: list[tuple[list[int], bytes]], expected: list[tuple[list[int], bytes]]) -> None:
    """The same photos in the same pages, scores within a few units in the last place: the
    stored probabilities were computed over the whole library at once, these page by page,
    and BLAS may round a row differently by where it sits in its page (OpenBLAS's Haswell
    kernels, on AMD EPYC)."""
    assert [ids for ids, _ in pages] == [ids for ids, _ in expected]
    for (_, got), (_, want) in zip(pages, expected, strict=True):
        a, b = np.frombuffer(got, np.float32), np.frombuffer(want, np.float32)
        assert np.abs(a - b).max() <= 1e-6


def test_a_file_left_empty_by_a_power_cut_is_computed_again(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A probabilities file named but of no length (a power cut after its rename reached the
    disk and before its data did): a training computes its own, the same, and the next scan's
    last step stores them again."""
    monkeypatch.setattr(embedding_matrix, "MIN_PHOTOS", 1)
    rng = np.random.default_rng(4)
    vectors = np.clip(rng.normal(0.4, 0.8, (1200, 1280)), 0, 6).astype(np.float16)
    with open_library(default_home()) as lib:
        _embedded(lib, vectors)
        head = _taught_head(vectors[:500].astype(np.float32))
        computed = _score(lib, head)
        refresh_after_job(lib, [BACKBONE_NAME])
        (stored,) = lib.home.embeddings_cache.glob("*/*.probs-*.npy")
        stored.write_bytes(b"")
        assert _score(lib, head) == computed
        refresh_after_job(lib, [BACKBONE_NAME])
        rows = softmax_rows(monkeypatch)
        assert _score(lib, head) == computed
        assert rows == []  # read from the file, stored whole again
