"""Find Similar's first click on a library no longer waits seconds for the main axes: their
factorisations (a QR of a (1280, 256) basis, four times, then a small eigendecomposition) ran
on OpenBLAS's threads, which spin against each other on a busy machine in a QR's many small
steps: 0.5 to 2 s a QR instead of 25 ms, 5 to 15 s before the first similar photo showed on a
4,000-photo library. They run on one thread now, and give the very same projection: the same
similar photos, figures and near-duplicates as before (the same steps in float64 on the
machine's threads).

The library is a real SQLite file holding 4,000 embeddings shaped like the real model's (all
positive, photos of a few hundred subjects, some near-copies)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np
import pytest
from threadpoolctl import threadpool_info, threadpool_limits

from phototagger.core import similar
from phototagger.core.embeddings import encode_embedding
from phototagger.core.similar import (
    CANDIDATE_DIMS,
    REDUCED_DIMS,
    EmbeddingIndex,
    duplicate_id_groups,
    likeness_scale,
    load_index,
)
from phototagger.ml.engine import BACKBONE_NAME
from phototagger.store.embeddings import put_embeddings
from tests.store_helpers import add_photo

PHOTOS = 4000


def _library(db: Any, count: int = PHOTOS) -> list[int]:  # noqa: ANN401 - sqlite_utils.Database
    """`count` photos of 300 subjects, 2% of them near-copies of another, stored as a scan does."""
    rng = np.random.default_rng(7)
    subjects = np.clip(rng.normal(0.3, 0.9, (300, 1280)), 0, None)
    copies = count // 50
    vectors = subjects[rng.integers(0, 300, count - copies)] * rng.uniform(0.5, 1.5, (1, 1280))
    vectors = np.clip(vectors + rng.normal(0, 0.5, vectors.shape), 0, None)
    near = vectors[rng.integers(0, len(vectors), copies)]
    vectors = np.concatenate([vectors, np.clip(near + rng.normal(0, 0.08, near.shape), 0, None)])
    ids = [add_photo(db, f"/photos/{i:05d}.jpg") for i in range(count)]
    put_embeddings(
        db, BACKBONE_NAME, [(i, encode_embedding(v)) for i, v in zip(ids, vectors, strict=True)]
    )
    return ids


def _threads_seen(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The BLAS threads in force at each factorisation of numpy's the index makes."""
    seen: list[int] = []
    for name in ("qr", "eigh", "svd"):
        real = getattr(np.linalg, name)

        def watched(*args: Any, _real: Callable[..., Any] = real, **kwargs: Any) -> Any:  # noqa: ANN401
            seen.append(max(p["num_threads"] for p in threadpool_info() if p["user_api"] == "blas"))
            return _real(*args, **kwargs)

        monkeypatch.setattr(np.linalg, name, watched)
    return seen


def _reference_index(index: EmbeddingIndex) -> EmbeddingIndex:
    """The index on main axes found by the same subspace iteration (the same seeded start, three
    steps, then the small eigendecomposition) in float64 on the machine's BLAS threads: what
    build_index computed before, without its float32 rounding; the rest as load_index makes it."""
    unit = index.vectors.astype(np.float32)
    sample = unit[:: max(1, len(unit) // similar._AXES_SAMPLE)].astype(np.float64)
    moment = sample.T @ sample
    start = np.random.default_rng(0).standard_normal((moment.shape[0], REDUCED_DIMS))
    basis = np.linalg.qr(moment @ start.astype(np.float32))[0]
    for _ in range(3):
        basis = np.linalg.qr(moment @ basis)[0]
    _, vectors = np.linalg.eigh(basis.T @ moment @ basis)
    axes = (basis @ vectors[:, ::-1]).astype(np.float32)
    reduced = similar._unit(unit @ axes)
    cheap = similar._unit(reduced[:, :CANDIDATE_DIMS])
    return EmbeddingIndex(
        ids=index.ids,
        reduced=reduced,
        scale=likeness_scale(unit),  # the full vectors' (likeness35), as build_index's
        vectors=index.vectors,
        cheap=cheap,
        axes=axes,
    )


def test_main_axes_factorised_on_one_thread(db: Any, monkeypatch: pytest.MonkeyPatch) -> None:  # noqa: ANN401
    _library(db)
    seen = _threads_seen(monkeypatch)
    with threadpool_limits(limits=2, user_api="blas"):  # a machine with cores to spare
        index = load_index(db)
        assert seen, "the index made no factorisation"
        assert set(seen) == {1}, f"factorised on {seen} BLAS threads"
        # A small library's own axes (an SVD) likewise; the products keep their threads.
        seen.clear()
        monkeypatch.setattr(similar, "_AXES_SAMPLE", 10**9)
        small = similar.build_index(index.ids[:300], index.vectors[:300].astype(np.float32))
        assert seen == [1]
        assert small.size == 300
        assert max(p["num_threads"] for p in threadpool_info() if p["user_api"] == "blas") == 2


def test_same_similar_photos_figures_and_duplicates(db: Any) -> None:  # noqa: ANN401
    ids = _library(db)
    index = load_index(db)
    exact = _reference_index(index)
    rows = np.random.default_rng(3).integers(0, len(ids), (2, 5000))
    pair = np.einsum("ij,ij->i", index.reduced[rows[0]], index.reduced[rows[1]])
    exact_pair = np.einsum("ij,ij->i", exact.reduced[rows[0]], exact.reduced[rows[1]])
    np.testing.assert_allclose(pair, exact_pair, atol=2e-4)
    assert index.scale.typical == pytest.approx(exact.scale.typical, abs=2e-4)
    assert index.scale.standout == pytest.approx(exact.scale.standout, abs=2e-4)
    for photo in ids[::400]:
        found = index.similar(photo, 10)
        expected = exact.similar(photo, 10)
        assert {p for p, _ in found[:5]} == {p for p, _ in expected[:5]}
        row = index.row_of(photo)
        assert row is not None
        for (other, _), (exact_other, _) in zip(found, expected, strict=True):
            a, b = index.row_of(other), exact.row_of(exact_other)
            assert a is not None and b is not None
            assert abs(index.likeness(row, a) - exact.likeness(row, b)) <= 1
    groups, _ = duplicate_id_groups(db, index=index, check_pixels=False)
    exact_groups, _ = duplicate_id_groups(db, index=exact, check_pixels=False)
    assert len(groups) >= PHOTOS // 60  # the near-copies are found
    assert groups == exact_groups
