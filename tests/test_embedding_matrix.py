"""The memory-mapped copy of all embeddings: the very bits SQLite holds, never read once any
embedding was written or deleted since it was made, and a trained version re-tags from it to
exactly the tags and confidences it gets from SQLite."""

from __future__ import annotations

import os
import re
import time
from pathlib import Path

import numpy as np
import pytest

from phototagger.core import embedding_matrix, score_cache
from phototagger.core.embedding_matrix import EmbeddingMatrix, library_chunks
from phototagger.core.embeddings import decode_embeddings, embedded_chunks, encode_embedding
from phototagger.core.job_end_copies import refresh_after_job
from phototagger.core.library import Library, open_library
from phototagger.core.model.activation import activate_version
from phototagger.ml.engine import BACKBONE_NAME
from phototagger.ml.heads import load_default_head
from phototagger.ml.trained_head import from_default, standardisation
from phototagger.paths import default_home
from phototagger.store.embeddings import iter_embeddings, put_embeddings
from phototagger.store.photos import delete_photos
from phototagger.store.tags import tags_of_photo
from tests.store_helpers import add_photo


def _library_with_embeddings(lib, count: int, seed: int = 0) -> tuple[list[int], np.ndarray]:  # noqa: ANN001
    rng = np.random.default_rng(seed)
    vectors = np.clip(rng.normal(0.4, 0.8, (count, 1280)), 0, 6).astype(np.float16)
    ids = [add_photo(lib.db, f"/p/{i}.jpg") for i in range(count)]
    put_embeddings(
        lib.db,
        BACKBONE_NAME,
        [(pid, encode_embedding(v)) for pid, v in zip(ids, vectors, strict=True)],
    )
    return ids, vectors


def _matrix(lib) -> EmbeddingMatrix:  # noqa: ANN001
    found = embedding_matrix.embedding_matrix(
        lib.db, BACKBONE_NAME, lib.home.embeddings_cache, min_photos=1
    )
    assert found is not None
    return found


def _stored(lib) -> tuple[list[int], np.ndarray]:  # noqa: ANN001
    rows = list(iter_embeddings(lib.db, BACKBONE_NAME))
    return [r[0] for r in rows], decode_embeddings([r[1] for r in rows])


def test_the_copy_holds_exactly_what_sqlite_holds() -> None:
    with open_library(default_home()) as lib:
        _library_with_embeddings(lib, 30)
        matrix = _matrix(lib)
        ids, vectors = _stored(lib)
        assert matrix.ids.tolist() == ids
        np.testing.assert_array_equal(matrix.rows(ids), vectors)
        assert matrix.rows([ids[0], 10_000]) is None  # a photo it does not hold: not guessed
        again = _matrix(lib)  # read back, not rebuilt
        assert again.generation == matrix.generation
        assert isinstance(again.vectors, np.memmap)


@pytest.mark.parametrize("change", ["insert", "update", "delete"])
def test_any_write_makes_a_new_copy(change: str) -> None:
    with open_library(default_home()) as lib:
        ids, vectors = _library_with_embeddings(lib, 20)
        before = _matrix(lib)
        if change == "insert":
            new = add_photo(lib.db, "/p/new.jpg")
            put_embeddings(lib.db, BACKBONE_NAME, [(new, encode_embedding(vectors[0]))])
        elif change == "update":
            put_embeddings(lib.db, BACKBONE_NAME, [(ids[3], encode_embedding(vectors[0] + 1))])
        else:
            delete_photos(lib.db, [ids[5]])  # the embedding goes with it (ON DELETE CASCADE)
        after = _matrix(lib)
        assert after.generation != before.generation
        stored_ids, stored = _stored(lib)
        assert after.ids.tolist() == stored_ids
        np.testing.assert_array_equal(after.rows(stored_ids), stored)
        # The stale copy is gone: one matrix and its ids remain.
        assert len(list(lib.home.embeddings_cache.glob("*/*.npy"))) == 2


def test_small_libraries_and_all_embeddings_read_the_same(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    with open_library(default_home()) as lib:
        _library_with_embeddings(lib, 25)
        cache = lib.home.embeddings_cache
        assert embedding_matrix.embedding_matrix(lib.db, BACKBONE_NAME, cache) is None  # < 2,000
        from_sqlite = [(ids, m.copy()) for ids, m in embedded_chunks(lib.db, chunk=10)]
        monkeypatch.setattr(embedding_matrix, "MIN_PHOTOS", 1)
        from_copy = list(library_chunks(lib, size=10))
        assert embedding_matrix.embedding_matrix(lib.db, BACKBONE_NAME, cache) is not None
        assert [ids for ids, _ in from_copy] == [ids for ids, _ in from_sqlite]
        for (_, a), (_, b) in zip(from_copy, from_sqlite, strict=True):
            np.testing.assert_array_equal(a, b)


def _trained(lib: Library, vectors: np.ndarray) -> str:
    default = load_default_head()
    head = from_default(default, *standardisation(vectors.astype(np.float32)))
    rng = np.random.default_rng(1)
    head.version = "v2"
    head.kernel[:, :6] += rng.standard_normal((1280, 6)).astype(np.float32) * 0.05
    head.bias[:6] += 1.0
    lib.models.save(head, {"parent": "v1", "created_at": None, "kind": "trained"})
    return head.version


def _all_tags(lib, ids: list[int]) -> dict[int, dict[str, float | None]]:  # noqa: ANN001
    return {pid: {t.name: t.confidence for t in tags_of_photo(lib.db, pid)} for pid in ids}


def test_a_trained_version_retags_the_same_from_the_copy(monkeypatch: pytest.MonkeyPatch) -> None:
    with open_library(default_home()) as lib:
        ids, vectors = _library_with_embeddings(lib, 60, seed=2)
        version = _trained(lib, vectors)
        activate_version(lib, version)  # from SQLite: no copy for a small library
        expected = _all_tags(lib, ids)
        assert any(expected.values())
        activate_version(lib, "v1")
        monkeypatch.setattr(embedding_matrix, "MIN_PHOTOS", 1)
        with monkeypatch.context() as m:  # no embedding read from SQLite page by page
            m.setattr(score_cache, "iter_embeddings", None)
            activate_version(lib, version)  # makes the copy and reads it
        assert _matrix(lib).ids.tolist() == ids
        assert _all_tags(lib, ids) == expected  # bit for bit
        # Photo 7 re-embedded (now the same as photo 8): the copy is stale and not read.
        put_embeddings(lib.db, BACKBONE_NAME, [(ids[7], encode_embedding(vectors[8]))])
        activate_version(lib, "v1")
        activate_version(lib, version)
        got = _all_tags(lib, ids)
        # (Equal up to a matrix product's rounding, which depends on a row's place in it.)
        assert got[ids[8]] == expected[ids[8]]
        assert got[ids[7]] == pytest.approx(got[ids[8]], abs=1e-6)
        assert got[ids[7]] != pytest.approx(expected[ids[7]], abs=1e-6)
        assert {p: t for p, t in got.items() if p != ids[7]} == {
            p: t for p, t in expected.items() if p != ids[7]
        }


def _files(lib) -> list[str]:  # noqa: ANN001
    return sorted(p.name for p in lib.home.embeddings_cache.glob("*/*"))


def test_a_copy_made_after_a_job_is_never_read_once_an_embedding_changes(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(embedding_matrix, "MIN_PHOTOS", 1)
    with open_library(default_home()) as lib:
        ids, vectors = _library_with_embeddings(lib, 40, seed=3)
        refresh_after_job(lib, [BACKBONE_NAME, BACKBONE_NAME])
        made = _matrix(lib)
        np.testing.assert_array_equal(made.rows(ids), _stored(lib)[1])
        # One photo re-embedded, one deleted: every reader gets SQLite's rows, never the copy's.
        put_embeddings(lib.db, BACKBONE_NAME, [(ids[4], encode_embedding(vectors[9]))])
        delete_photos(lib.db, [ids[11]])
        stored_ids, stored = _stored(lib)
        read = list(library_chunks(lib, size=16))
        assert [i for chunk, _ in read for i in chunk] == stored_ids
        np.testing.assert_array_equal(np.concatenate([m for _, m in read]), stored)
        assert made.generation != _matrix(lib).generation


def test_a_cancelled_build_leaves_no_copy_and_no_temporary_file(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(embedding_matrix, "MIN_PHOTOS", 1)
    with open_library(default_home()) as lib:
        _library_with_embeddings(lib, 30)
        asked: list[int] = []

        def cancelled() -> bool:  # cancelled once the build has started
            asked.append(1)
            return len(asked) > 1

        refresh_after_job(lib, [BACKBONE_NAME], cancelled)
        assert len(asked) >= 2
        assert _files(lib) == []
        refresh_after_job(lib, [BACKBONE_NAME], lambda: False)
        # The copy, its ids and the default head's probabilities (core/probability_matrix).
        assert len(_files(lib)) == 3 and sum(".probs-" in f for f in _files(lib)) == 1


def test_a_build_that_dies_leaves_no_copy_and_the_next_one_is_whole(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    with open_library(default_home()) as lib:
        ids, _ = _library_with_embeddings(lib, 50, seed=4)

        def dies(blobs: list[bytes]) -> np.ndarray:
            raise MemoryError("the process dies while writing the copy")

        with monkeypatch.context() as m:
            m.setattr(embedding_matrix, "decode_embeddings", dies)
            with pytest.raises(MemoryError):
                _matrix(lib)
        assert _files(lib) == []
        # A process killed outright leaves its temporary files: a later build removes them
        # once they are old (another process's build in progress is left alone).
        folder = embedding_matrix.cache_folder(lib.db, lib.home.embeddings_cache)
        assert folder is not None
        dead = folder / f"{BACKBONE_NAME}-{1:016x}.12345.tmp.npy"
        running = folder / f"{BACKBONE_NAME}-{2:016x}.ids.12346.tmp.npy"
        for path in (dead, running):
            path.write_bytes(b"\x93NUMPY half a file")
        os.utime(dead, (time.time() - 2 * 3600,) * 2)
        made = _matrix(lib)
        assert not dead.exists() and running.exists()
        np.testing.assert_array_equal(made.rows(ids), _stored(lib)[1])


def test_a_truncated_copy_is_not_read(monkeypatch: pytest.MonkeyPatch) -> None:
    """A copy cut short (a power cut before its pages reached the disk) is made again."""
    with open_library(default_home()) as lib:
        ids, _ = _library_with_embeddings(lib, 20, seed=5)
        made = _matrix(lib)
        vectors = next(
            p for p in lib.home.embeddings_cache.glob("*/*.npy") if ".ids." not in p.name
        )
        with open(vectors, "r+b") as f:
            f.truncate(vectors.stat().st_size - 4096)
        del made
        again = _matrix(lib)
        np.testing.assert_array_equal(again.rows(ids), _stored(lib)[1])


@pytest.mark.parametrize("part", ["vectors", "ids"])
def test_a_copy_left_empty_by_a_power_cut_is_made_again(part: str) -> None:
    """A file named but of no length (a power cut after the rename reached the disk and before
    the data did, as ext4's delayed allocation allows) is made again: not read, not a crash."""
    with open_library(default_home()) as lib:
        ids, _ = _library_with_embeddings(lib, 20, seed=7)
        made = _matrix(lib)
        emptied = next(
            p
            for p in lib.home.embeddings_cache.glob("*/*.npy")
            if (".ids." in p.name) == (part == "ids")
        )
        del made
        emptied.write_bytes(b"")
        again = _matrix(lib)
        np.testing.assert_array_equal(again.rows(ids), _stored(lib)[1])
        assert emptied.stat().st_size > 0  # made again, whole


@pytest.mark.skipif(not os.path.isdir("/proc/self/fd"), reason="names an open file by /proc")
def test_both_files_are_on_disk_before_they_are_named(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every flush the build asks of the system is recorded (and done) with the file it
    flushes: each of the two files is flushed whole under its temporary name, then renamed,
    and the folder is flushed after the renames."""
    flushed: list[tuple[str, int, list[str]]] = []
    real_fsync = os.fsync

    def recorded(fd: int) -> None:
        path = os.readlink(f"/proc/self/fd/{fd}")
        size = os.fstat(fd).st_size
        folder = Path(path) if os.path.isdir(path) else Path(path).parent
        named = sorted(p.name for p in folder.glob("*.npy") if ".tmp." not in p.name)
        flushed.append((path, size, named))
        real_fsync(fd)

    with open_library(default_home()) as lib:
        _library_with_embeddings(lib, 20, seed=8)
        monkeypatch.setattr(os, "fsync", recorded)
        _matrix(lib)
        monkeypatch.undo()
        folder = next(lib.home.embeddings_cache.iterdir())
        final = {p.name: p.stat().st_size for p in folder.glob("*.npy")}
    files = [(Path(path).name, size, named) for path, size, named in flushed]
    for name, size in final.items():
        temporary = re.compile(re.escape(name.removesuffix(".npy")) + r"\.\d+\.tmp\.npy")
        before = [(n, name in named) for f, n, named in files if temporary.fullmatch(f)]
        assert before == [(size, False)], name  # flushed once, whole, before it was named
    assert flushed[-1][0] == str(folder) and sorted(final) == flushed[-1][2]


def test_the_first_rows_from_the_copy_are_the_ones_sqlite_gives() -> None:
    """A first training's standardisation reads them (core/retrain._parent_trained)."""
    from phototagger.core.training_set import embeddings_of
    from phototagger.ml.trained_head import standardisation

    with open_library(default_home()) as lib:
        _library_with_embeddings(lib, 4100, seed=6)  # over MIN_PHOTOS: a copy is kept
        for wanted in (20, 4096, 4097, 20_000):
            expected = embeddings_of(lib.db, None, BACKBONE_NAME, limit=wanted)[1]
            got = embedding_matrix.leading_embeddings(lib, BACKBONE_NAME, wanted)
            assert got is not None and got.shape == expected.shape
            assert got.tobytes() == expected.tobytes()
            for a, b in zip(standardisation(got), standardisation(expected), strict=True):
                assert a.tobytes() == b.tobytes()
