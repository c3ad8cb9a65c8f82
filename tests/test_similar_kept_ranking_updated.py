"""Find Similar's kept ranking (library.db.similar-cache) after the library changed: it was
built again in full, from every embedding in SQLite, on the first click after the user trashed
a photo or a scan added some (15 to 40 s at 100,000 photos, the grid waiting). Now it is
updated: a photo trashed, gone or deleted leaves it, a photo added or re-embedded is read alone
and projected on the axes the ranking holds (the change log of migration 15 says which), and
the file is written again, counted as updated, not built. A trashed photo never shows as
similar. Built again once a quarter of its photos are new, or where the log cannot say what
changed (a library restored from a backup).

Real SQLite library files, 2,500 photos with embeddings shaped like the real model's."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import numpy as np
import pytest
import sqlite_utils

from phototagger.core.job_end_copies import refresh_after_job
from phototagger.core.library import open_library
from phototagger.core.queries import similar_ranking
from phototagger.core.similar import (
    UPDATE_SHARE,
    IndexCache,
    SimilarRanking,
    keep_similar_ranking,
    kept_ranking_counts,
    load_index,
    similar_index,
)
from phototagger.core.trash import mark_trashed
from phototagger.ml.engine import BACKBONE_NAME
from phototagger.paths import default_home
from phototagger.store.connection import database_file, open_database, transaction
from tests.store_helpers import add_photo
from tests.test_similar_kept_ranking import (
    PHOTOS,
    _anew,
    _assert_close,
    _assert_same,
    _built,
    _copied_into,
    _embed,
    _fill,
    _updated,
    _vectors,
    embeddings_not_read,  # noqa: F401 (a fixture)
)


def _scanned(db: Any, count: int, copies_of: list[int] | None = None) -> list[int]:  # noqa: ANN401
    """`count` new photos with embeddings, as a scan adds them; the first of them near copies
    of `copies_of`' photos (their embeddings with a little noise)."""
    with transaction(db):
        ids = [add_photo(db, f"/photos/new/{i:05d}.jpg") for i in range(count)]
    vectors = _vectors(count, 41)
    index = load_index(db)
    rng = np.random.default_rng(3)
    for row, original in enumerate(copies_of or []):
        vector = index.vectors[index.row_of(original)].astype(np.float32)
        vectors[row] = vector * 50 + rng.normal(0, 0.02, vector.shape)
    _embed(db, ids, vectors)
    return ids


def _restored(db: Any, tmp_path: Path) -> tuple[list[int], Any]:  # noqa: ANN401
    """The library filled and its ranking kept, backed up; 5 photos re-embedded and the kept
    ranking updated with them as a scan's end updates it; then the library restored from the
    backup: (its photos, the restored library, open)."""
    ids = _fill(db, kept=True)
    similar_index(db)
    path = Path(database_file(db))
    backup = sqlite_utils.Database(tmp_path / "backup.db")
    try:
        _copied_into(path, backup)
    finally:
        backup.close()
    _embed(db, ids[:5], _vectors(5, 98))
    keep_similar_ranking(db)  # as a scan ends: the kept ranking updated with the new vectors
    assert kept_ranking_counts(db) == (PHOTOS, 5)
    db.close()
    for leftover in (Path(f"{path}-wal"), Path(f"{path}-shm")):
        leftover.unlink(missing_ok=True)
    shutil.copyfile(tmp_path / "backup.db", path)
    return ids, open_database(path)


def test_trashed_photos_never_show_and_the_ranking_is_updated(
    db: Any,  # noqa: ANN401
    request: pytest.FixtureRequest,
) -> None:
    ids = _fill(db, kept=True)
    before = similar_index(db)  # read as kept (built and kept on a copy of the same library)
    axes = load_index(db).axes
    assert kept_ranking_counts(db) == (PHOTOS, 0)
    made = Path(database_file(db) + ".similar-cache").stat().st_mtime_ns
    reads: list[int] = []

    def counted(database: Any) -> SimilarRanking:  # noqa: ANN401
        reads.append(1)
        return similar_index(database)

    window = IndexCache(counted)  # the grid's: the ranking held between clicks
    window.get(db)
    query = ids[100]
    closest = [photo for photo, _ in before.similar(query, 100)]
    trashed = closest[:20] + ids[500:530]  # the 20 most like it among the 50
    mark_trashed(db, trashed)
    request.getfixturevalue("embeddings_not_read")
    for ranking in (_anew(db), window.get(db), _anew(db)):
        shown = [photo for photo, _ in ranking.similar(query)]
        assert not set(trashed) & set(shown)
        assert len(shown) == PHOTOS - len(trashed) - 1
        _assert_same(ranking, _updated(db, before, axes))
    assert shown[:10] == [p for p in closest if p not in trashed][:10]  # the next move up
    grid = similar_ranking(db, query)  # what the grid shows, on its reader's cache
    assert grid.ids[0] == query and not set(trashed) & set(grid.ids)
    assert reads == [1]  # the window's ranking less the trashed photos: nothing read again
    assert kept_ranking_counts(db) == (PHOTOS, 0)  # updated, not built again: nor written
    assert Path(database_file(db) + ".similar-cache").stat().st_mtime_ns == made


def test_scanned_photos_are_projected_on_the_kept_axes(request: pytest.FixtureRequest) -> None:
    """A scan adds 200 photos (two of them near copies of photos already there) and re-reads
    3 edited ones; its end updates the kept ranking, and the next Find Similar reads it."""
    with open_library(default_home()) as lib:
        ids = _fill(lib.db)
        refresh_after_job(lib, [BACKBONE_NAME])  # as a scan ends: the ranking built and kept
        before = _built(lib.db)
        axes = load_index(lib.db).axes
        new = _scanned(lib.db, 200, copies_of=[ids[7], ids[8]])
        _embed(lib.db, ids[:3], _vectors(3, 98))  # edited photos, read again
        request.getfixturevalue("embeddings_not_read")
        refresh_after_job(lib, [BACKBONE_NAME])
        assert kept_ranking_counts(lib.db) == (PHOTOS, 203)
        kept = Path(database_file(lib.db) + ".similar-cache")
        made = kept.stat().st_mtime_ns
        expected = _updated(lib.db, before, axes, ids[:3])
        ranking = _anew(lib.db)
        _assert_close(ranking, expected)
        assert kept.stat().st_mtime_ns == made  # current: read, not written again
        assert ranking.similar(new[0], 1)[0][0] == ids[7]
        assert ranking.similar(ids[8], 1)[0][0] == new[1]


def test_a_library_grown_by_a_quarter_is_built_again(db: Any) -> None:  # noqa: ANN401
    """Its main axes and its likeness scale are found again on the library as it is now."""
    _fill(db, kept=True)
    similar_index(db)
    _scanned(db, PHOTOS // 4 + 1)
    _assert_same(_anew(db), _built(db))
    assert kept_ranking_counts(db) == (PHOTOS + PHOTOS // 4 + 1, 0)


def test_a_library_restored_from_a_backup_is_built_again(db: Any, tmp_path: Path) -> None:  # noqa: ANN401
    """Photos re-embedded after the backup was made are ranked as the restored library holds
    them, not as the kept ranking last saw them."""
    ids, restored = _restored(db, tmp_path)
    try:
        _embed(restored, ids[10:12], _vectors(2, 97))  # and changed again since
        _assert_same(similar_index(restored), _built(restored))
    finally:
        restored.close()


def test_a_restored_library_changed_as_much_again_is_built_again(
    db: Any,  # noqa: ANN401
    tmp_path: Path,
) -> None:
    """Restored from a backup, then as many embeddings written again as the kept ranking had
    seen since (a scan after the restore): the change log reaches the kept ranking's last change
    number again, its photo too, but with other photos' changes below it. The kept ranking held
    the photos re-embedded after the backup as they were before the restore; it must not be
    taken as current up to that number."""
    ids, restored = _restored(db, tmp_path)  # the kept ranking's last change: ids[4]'s
    try:
        # Other photos re-embedded after the restore, then ids[4] last: its change number is
        # the kept ranking's last one again.
        _embed(restored, ids[10:14], _vectors(4, 97))
        _embed(restored, [ids[4]], _vectors(1, 96))
        _assert_same(similar_index(restored), _built(restored))
    finally:
        restored.close()


def _read_alone(db: Any) -> tuple[SimilarRanking, list[str]]:  # noqa: ANN401
    """Find Similar's ranking of `db`, and the statements by which it read photos' embeddings
    alone (by their ids, to project them on the kept ranking's axes), not all in one go."""
    statements: list[str] = []
    db.conn.set_trace_callback(statements.append)
    try:
        ranking = similar_index(db)
    finally:
        db.conn.set_trace_callback(None)
    return ranking, [s for s in statements if "FROM embeddings" in s and "photo_id IN (" in s]


def test_a_library_re_embedded_whole_is_read_once(db: Any) -> None:  # noqa: ANN401
    """A new runtime re-read every photo: far past the share projected on kept axes, so the
    ranking is built again from one read of the embeddings, not after first reading each
    changed one alone (twice the 24 s of a 100,000-photo build) only to find them too many.
    The photo of the kept ranking's last change re-read too, the change log cannot say what
    changed: built again before the share is counted (the share: the test below)."""
    ids = _fill(db, kept=True)
    similar_index(db)
    _embed(db, ids, _vectors(len(ids), 99))
    ranking, alone = _read_alone(db)
    assert alone == []
    _assert_same(ranking, _built(db))
    assert kept_ranking_counts(db) == (PHOTOS, 0)


@pytest.mark.parametrize("share", [0.2, 0.3])
def test_a_library_re_embedded_in_part_is_updated_up_to_the_share(
    db: Any,  # noqa: ANN401
    share: float,
) -> None:
    """A rescan stopped partway through a new runtime's re-read of the library (its first
    photos re-read, not the last, whose change the kept ranking holds: the change log says
    which changed). A fifth of the photos re-read: the kept ranking is updated, those read
    alone and projected on its axes. Three tenths, past UPDATE_SHARE: built again, its axes
    and likeness scale found anew, from one read of the embeddings, not after first reading
    each changed one alone (750 of 2,500 photos here, 30,000 of 100,000) only to find them
    too many."""
    ids = _fill(db, kept=True)
    before = similar_index(db)
    axes = load_index(db).axes
    changed = ids[: int(share * len(ids))]
    _embed(db, changed, _vectors(len(changed), 99))
    ranking, alone = _read_alone(db)
    if share <= UPDATE_SHARE:
        assert alone, "the changed photos' embeddings are read alone"
        _assert_close(ranking, _updated(db, before, axes, changed))
        assert not np.array_equal(ranking.reduced, _built(db).reduced)
    else:
        assert alone == []
        _assert_same(ranking, _built(db))
        assert kept_ranking_counts(db) == (PHOTOS, 0)  # built again, and kept
