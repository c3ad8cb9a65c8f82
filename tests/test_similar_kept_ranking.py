"""Find Similar's first click in a fresh process no longer reads every embedding from SQLite:
on 100,000 photos that took 7 to 15 s before the first similar photo showed. The ranking
(ids, projections, the likeness scale) is kept beside the library (library.db.similar-cache)
and read back in one go while it is current; a photo added, re-embedded, deleted or trashed
updates it (tests/test_similar_kept_ranking_updated.py says how), and a kept file that is cut
short, damaged, or another library's is never used. Whatever is kept, Find Similar gives exactly
what building the ranking from the library, or updating the kept one, gives.

Real SQLite library files, 2,500 photos with embeddings shaped like the real model's."""

from __future__ import annotations

import atexit
import functools
import os
import shutil
import sqlite3
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
import pytest
import sqlite_utils

from phototagger.core import similar
from phototagger.core.embeddings import decode_embeddings, encode_embedding
from phototagger.core.similar import (
    KEEP_FROM,
    IndexCache,
    SimilarRanking,
    load_index,
    similar_index,
)
from phototagger.core.trash import mark_trashed
from phototagger.ml.engine import BACKBONE_NAME
from phototagger.store import photos as photo_store
from phototagger.store.connection import database_file, open_database, transaction
from phototagger.store.embeddings import iter_embedded_ids, iter_embeddings, put_embeddings
from phototagger.store.tags import add_user_tag
from tests.store_helpers import add_photo

PHOTOS = KEEP_FROM + 500


def _vectors(count: int, seed: int) -> np.ndarray:
    """Embeddings like the real model's: all positive, photos of a few hundred subjects (the
    same for the same count and seed: made once a run, each caller given its own copy)."""
    return _made_vectors(count, seed).copy()


@functools.cache
def _made_vectors(count: int, seed: int) -> np.ndarray:
    # 0.27 s for a library's 2,500: about half of what filling one took, and the tests of the
    # kept ranking fill one 25 times, nearly all alike.
    rng = np.random.default_rng(seed)
    subjects = np.clip(rng.normal(0.3, 0.9, (300, 1280)), 0, None)
    vectors = subjects[rng.integers(0, 300, count)] * rng.uniform(0.5, 1.5, (1, 1280))
    return np.clip(vectors + rng.normal(0, 0.5, vectors.shape), 0, None).astype(np.float32)


def _fill(
    db: sqlite_utils.Database, seed: int = 7, count: int = PHOTOS, kept: bool = False
) -> list[int]:
    """`count` photos with embeddings in the empty library `db` (as `_filled` leaves one); with
    `kept`, its ranking kept beside it as the first Find Similar keeps it (similar_index)."""
    template, ids, kept_bytes = _template(seed, count)
    _copied_into(template, db)  # the very library `_filled` made, in 0.03 s, not 0.4 s
    if kept:
        assert kept_bytes is not None
        _kept_file(db).write_bytes(kept_bytes)
    return list(ids)


def _copied_into(path: Path, db: sqlite_utils.Database) -> None:
    """The library file at `path` copied whole into `db`, with SQLite's backup: what its
    connections committed (its write-ahead log's too, while another has it open)."""
    source = sqlite3.connect(path)
    try:
        source.backup(db.conn)
    finally:
        source.close()


def _filled(db: sqlite_utils.Database, seed: int, count: int) -> list[int]:
    with transaction(db):
        ids = [add_photo(db, f"/photos/{seed}-{i:05d}.jpg") for i in range(count)]
    _embed(db, ids, _vectors(count, seed))
    return ids


@functools.cache
def _template(seed: int, count: int) -> tuple[Path, tuple[int, ...], bytes | None]:
    """A library filled once a run (`_filled`: the tests of the kept ranking fill one 25
    times, nearly all alike), copied into each test's own; and the ranking that similar_index
    keeps for it, built on a copy of it (None where the library is too small to keep one)."""
    folder = Path(tempfile.mkdtemp(prefix="similar-kept-"))
    atexit.register(shutil.rmtree, folder, True)
    db = open_database(folder / "library.db")
    try:
        ids = tuple(_filled(db, seed, count))
    finally:
        db.close()
    copy = open_database(folder / "copy" / "library.db")
    try:
        _copied_into(folder / "library.db", copy)
        similar_index(copy)
        path = _kept_file(copy)
        kept = path.read_bytes() if path.exists() else None
    finally:
        copy.close()
    return folder / "library.db", ids, kept


def _embed(db: sqlite_utils.Database, ids: list[int], vectors: np.ndarray) -> None:
    put_embeddings(
        db, BACKBONE_NAME, [(i, encode_embedding(v)) for i, v in zip(ids, vectors, strict=True)]
    )


def _kept_file(db: sqlite_utils.Database) -> Path:
    path = similar.kept_ranking_path(db)
    assert path is not None
    return path


def _built(db: sqlite_utils.Database) -> SimilarRanking:
    """The ranking built from the library as it is now, nothing kept read."""
    index = load_index(db)
    return SimilarRanking(index.ids, index.reduced, index.scale)


def _updated(
    db: sqlite_utils.Database,
    before: SimilarRanking,
    axes: np.ndarray,
    changed: Sequence[int] = (),
) -> SimilarRanking:
    """What the kept ranking `before`, projected on `axes`, becomes once the library changed:
    the library's present photos with an embedding; the rows of those neither new nor in
    `changed` (re-embedded) as they were, the others' embeddings projected on its axes; its
    likeness scale."""
    ids = np.asarray(iter_embedded_ids(db, BACKBONE_NAME), np.int64)
    was = {int(photo): row for row, photo in enumerate(before.ids.tolist())}
    fresh = [i for i in ids.tolist() if i not in was or i in set(changed)]
    blobs = [blob for _, blob in iter_embeddings(db, BACKBONE_NAME, fresh)]
    vectors = decode_embeddings(blobs) if blobs else np.zeros((0, len(axes)), np.float32)
    projected = dict(zip(fresh, similar._unit(similar._unit(vectors) @ axes), strict=True))
    reduced = np.stack(
        [projected[i] if i in projected else before.reduced[was[i]] for i in ids.tolist()]
    )
    return SimilarRanking(ids, reduced, before.scale)


def _assert_close(found: SimilarRanking, expected: SimilarRanking) -> None:
    """The same photos, rows and scale (to float32's last digits), and the same most similar."""
    np.testing.assert_array_equal(found.ids, expected.ids)
    np.testing.assert_allclose(found.reduced, expected.reduced, atol=1e-6)
    assert found.scale == expected.scale
    for photo in expected.ids[:: len(expected.ids) // 5].tolist():
        assert [i for i, _ in found.similar(photo, 20)] == [
            i for i, _ in expected.similar(photo, 20)
        ]


def _assert_same(found: SimilarRanking, expected: SimilarRanking) -> None:
    np.testing.assert_array_equal(found.ids, expected.ids)
    np.testing.assert_array_equal(found.reduced, expected.reduced)
    assert found.scale == expected.scale
    for photo in expected.ids[:: len(expected.ids) // 5].tolist():
        assert found.similar(photo, 20) == expected.similar(photo, 20)


def _anew(db: sqlite_utils.Database) -> SimilarRanking:
    """Find Similar's ranking in a new process: the library opened again."""
    again = open_database(Path(database_file(db)))
    try:
        return similar_index(again)
    finally:
        again.close()


@pytest.fixture
def embeddings_not_read(monkeypatch: pytest.MonkeyPatch) -> None:
    """From here on, building a ranking from the library's embeddings fails the test."""

    def refused(*_: Any) -> None:  # noqa: ANN401
        raise AssertionError("the embeddings were read from the library again")

    monkeypatch.setattr(similar, "load_index", refused)
    monkeypatch.setattr(similar, "build_index", refused)


def test_a_new_process_reads_the_kept_ranking(db: Any, request: pytest.FixtureRequest) -> None:  # noqa: ANN401
    _fill(db)
    expected = _built(db)
    _assert_same(similar_index(db), expected)  # built, and kept
    assert _kept_file(db).is_file()
    request.getfixturevalue("embeddings_not_read")
    _assert_same(_anew(db), expected)
    again = open_database(Path(database_file(db)))
    try:
        _assert_same(IndexCache().get(again), expected)
    finally:
        again.close()


def test_a_small_library_keeps_no_file(db: Any) -> None:  # noqa: ANN401
    _fill(db, count=300)
    assert similar_index(db).size == 300
    assert not _kept_file(db).exists()


def _added(db: sqlite_utils.Database, ids: list[int]) -> None:
    new = add_photo(db, "/photos/new.jpg")
    _embed(db, [new], _vectors(1, 99))


def _re_embedded(db: sqlite_utils.Database, ids: list[int]) -> None:
    _embed(db, ids[:3], _vectors(3, 98))  # a rescan of edited files


def _deleted(db: sqlite_utils.Database, ids: list[int]) -> None:
    photo_store.delete_photos(db, ids[10:12])


def _trashed(db: sqlite_utils.Database, ids: list[int]) -> None:
    mark_trashed(db, ids[20:22])


@pytest.mark.parametrize("change", [_added, _re_embedded, _deleted, _trashed])
def test_a_changed_library_is_ranked_anew(db: Any, change: Any) -> None:  # noqa: ANN401
    ids = _fill(db, kept=True)
    before = similar_index(db)
    axes = load_index(db).axes
    kept = _kept_file(db).read_bytes()
    change(db, ids)
    expected = _updated(db, before, axes, ids[:3] if change is _re_embedded else ())
    assert not np.array_equal(expected.ids, before.ids) or not np.array_equal(
        expected.reduced, before.reduced
    )
    _assert_close(_anew(db), expected)
    assert _kept_file(db).read_bytes() == kept  # a click updates what it read, not the file
    _assert_close(_anew(db), expected)


def test_the_window_sees_its_own_changes(db: Any) -> None:  # noqa: ANN401
    """The grid's ranking is held between clicks: a photo trashed or added on the same
    connection leaves it (SQLite's data_version only counts other connections' commits)."""
    ids = _fill(db)
    cache = IndexCache()
    before = cache.get(db)
    axes = load_index(db).axes
    assert ids[5] in before.ids
    mark_trashed(db, [ids[5]])
    assert ids[5] not in cache.get(db).ids
    _added(db, ids)
    _assert_close(cache.get(db), _updated(db, before, axes))


def test_renamed_or_tagged_photos_keep_the_ranking(
    db: Any,  # noqa: ANN401
    request: pytest.FixtureRequest,
) -> None:
    """Neither a new name or date nor a tag changes what is similar: nothing is read again,
    in a new process or between clicks."""
    ids = _fill(db)
    expected = _built(db)
    cache = IndexCache()
    held = cache.get(db)
    request.getfixturevalue("embeddings_not_read")
    photo_store.update_photo(db, ids[0], path="/photos/renamed.jpg", taken_at="2020-01-01")
    add_user_tag(db, ids[1], "whale")
    assert cache.get(db) is held
    _assert_same(_anew(db), expected)
    _assert_same(_anew(db), expected)


def _cut_short(path: Path) -> None:
    path.write_bytes(path.read_bytes()[:-4096])


def _bit_flipped(path: Path) -> None:
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0x10  # one bit of one projection
    path.write_bytes(bytes(data))


def _scale_changed(path: Path) -> None:
    data = bytearray(path.read_bytes())
    data[72] ^= 0x01  # the kept likeness scale's typical cosine
    path.write_bytes(bytes(data))


def _emptied(path: Path) -> None:
    path.write_bytes(b"")


def _garbage(path: Path) -> None:
    path.write_bytes(np.random.default_rng(0).bytes(path.stat().st_size))


@pytest.mark.parametrize("damage", [_cut_short, _bit_flipped, _scale_changed, _emptied, _garbage])
def test_a_damaged_file_is_built_again(db: Any, damage: Any) -> None:  # noqa: ANN401
    _fill(db, kept=True)
    expected = similar_index(db)
    damage(_kept_file(db))
    _assert_same(_anew(db), expected)
    assert _kept_file(db).stat().st_size > 0  # kept whole again
    _bit_flipped(_kept_file(db))
    _assert_same(_anew(db), expected)


def test_another_librarys_file_is_not_used(tmp_path: Path) -> None:
    """A library copied over with its kept file, then rescanned; another library's file put
    beside it: each is ranked as it is."""
    mine = open_database(tmp_path / "mine" / "library.db")
    other = open_database(tmp_path / "other" / "library.db")
    try:
        _fill(mine, seed=1, kept=True)
        _fill(other, seed=2, kept=True)
        expected = similar_index(mine)
        other_ranking = similar_index(other)
        shutil.copyfile(_kept_file(other), _kept_file(mine))
        _assert_same(_anew(mine), expected)
        assert not np.array_equal(expected.reduced, other_ranking.reduced)
    finally:
        mine.close()
        other.close()


def test_the_cli_keeps_and_checks_the_ranking(
    home: Any,  # noqa: ANN401
    capsys: pytest.CaptureFixture[str],
) -> None:
    """`phototagger similar` prints the same in every process: the first one keeps the ranking
    beside the library, a later one reads it, and one that finds it damaged builds it again."""
    from tests.cli_helpers import run

    library = open_database(home.database)
    try:
        _fill(library)
    finally:
        library.close()
    kept = Path(f"{home.database}{similar.KEPT_SUFFIX}")
    photo = "/photos/7-00010.jpg"
    code, first, _ = run(capsys, "similar", photo, "--json")
    assert code == 0 and first.count('"path"') == 20
    assert kept.is_file()
    assert run(capsys, "similar", photo, "--json") == (0, first, "")
    _bit_flipped(kept)
    assert run(capsys, "similar", photo, "--json") == (0, first, "")
    assert run(capsys, "similar", photo, "--json") == (0, first, "")


def test_a_dead_process_s_temporary_file_is_removed(db: Any) -> None:  # noqa: ANN401
    """A process killed while keeping the ranking left 100 MB beside the library (at 100,000
    photos); the next one to keep it removes it, but not a file being written now."""
    _fill(db)
    kept = _kept_file(db)
    dead = kept.with_name(f"{kept.name}.999999.1.tmp")
    busy = kept.with_name(f"{kept.name}.999998.1.tmp")
    for path in (dead, busy):
        path.write_bytes(b"\0" * 4096)
    long_ago = time.time() - 2 * 3600
    os.utime(dead, (long_ago, long_ago))
    similar_index(db)
    assert kept.is_file() and not dead.exists() and busy.exists()


def test_a_scan_leaves_the_ranking_current(request: pytest.FixtureRequest) -> None:
    """A scan ends by keeping the ranking (from the embeddings' copy it has just made: the very
    rows SQLite holds), so the first Find Similar after it reads it; again after photos came."""
    from phototagger.core.job_end_copies import refresh_after_job
    from phototagger.core.library import open_library
    from phototagger.paths import default_home

    with open_library(default_home()) as lib:
        ids = _fill(lib.db)
        refresh_after_job(lib, [BACKBONE_NAME])  # as a scan ends
        expected = _built(lib.db)
        axes = load_index(lib.db).axes
        kept = _kept_file(lib.db)
        made = kept.stat().st_mtime_ns
        refresh_after_job(lib, [BACKBONE_NAME])  # current: left as it is
        assert kept.stat().st_mtime_ns == made
        _added(lib.db, ids)
        refresh_after_job(lib, [BACKBONE_NAME])
        after = _updated(lib.db, expected, axes)
        request.getfixturevalue("embeddings_not_read")
        _assert_close(_anew(lib.db), after)
        assert after.size == expected.size + 1
        # A rescan that found a photo renamed: the ranking is kept as it is, not built again.
        photo_store.update_photo(lib.db, ids[0], path="/photos/moved/renamed.jpg")
        refresh_after_job(lib, [BACKBONE_NAME])
        rewritten = kept.stat().st_mtime_ns  # under the library's new photo generation
        _assert_close(_anew(lib.db), after)
        assert kept.stat().st_mtime_ns == rewritten
