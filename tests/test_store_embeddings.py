"""Embeddings go in and come back byte for byte, per photo and backbone."""

from __future__ import annotations

import pytest
import sqlite_utils

from phototagger.store import embeddings as embeddings_module
from phototagger.store.embeddings import (
    embedding_count,
    get_embedding,
    iter_embeddings,
    photos_without_embedding,
    put_embeddings,
)
from phototagger.store.photos import mark_missing
from tests.store_helpers import add_photo


@pytest.fixture
def ids(db: sqlite_utils.Database) -> list[int]:
    return [add_photo(db, f"/p/{i}.jpg", status="pending") for i in range(5)]


def _vector(seed: int) -> bytes:
    # 1280 float16 values, as the backbone writes them.
    return bytes((seed + i) % 256 for i in range(2560))


def test_round_trip(db: sqlite_utils.Database, ids: list[int]) -> None:
    put_embeddings(db, "lite0", [(ids[0], _vector(1)), (ids[1], _vector(2))])
    assert get_embedding(db, ids[0], "lite0") == _vector(1)
    assert get_embedding(db, ids[0], "other") is None
    put_embeddings(db, "lite0", [(ids[0], _vector(3))])
    assert get_embedding(db, ids[0], "lite0") == _vector(3)
    assert embedding_count(db, "lite0") == 2


def test_iteration_by_photo_id(
    db: sqlite_utils.Database, ids: list[int], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(embeddings_module, "_PAGE", 2)
    put_embeddings(db, "lite0", [(i, _vector(i)) for i in reversed(ids)])
    put_embeddings(db, "other", [(ids[2], _vector(99))])
    assert list(iter_embeddings(db, "lite0")) == [(i, _vector(i)) for i in ids]
    chosen = [ids[4], ids[1], ids[4], ids[3]]
    assert [i for i, _ in iter_embeddings(db, "lite0", chosen)] == [ids[1], ids[3], ids[4]]
    assert list(iter_embeddings(db, "other")) == [(ids[2], _vector(99))]


def test_photos_without_embedding(db: sqlite_utils.Database, ids: list[int]) -> None:
    put_embeddings(db, "lite0", [(ids[0], _vector(0))])
    put_embeddings(db, "other", [(ids[1], _vector(1))])
    mark_missing(db, [ids[4]])
    assert photos_without_embedding(db, "lite0") == ids[1:4]
