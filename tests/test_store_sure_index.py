"""The grid's Sure filter and View > Sort by Confidence read a tag's confidences from the
(tag_id, photo_id, state, confidence) index alone (migration 20): through the table, one lookup
a photo, a tag on 70 % of 500,000 photos took 0.3-0.4 s to read before the grid did anything
(benchmarks/sure_filter.py prints the figures). The plan is checked here, not the time."""

from __future__ import annotations

from pathlib import Path

import pytest
import sqlite_utils

from phototagger.store import migrations
from phototagger.store import tags as tag_store
from phototagger.store.connection import open_database
from tests.store_helpers import add_photo, library_at_version

SCORES = [0.05, 0.2, 0.45, 0.6, 0.8, 0.95]


def _plan(db: sqlite_utils.Database, sql: str, args: list[object]) -> str:
    return " ".join(str(row[3]) for row in db.execute(f"EXPLAIN QUERY PLAN {sql}", args))


def _queries(db: sqlite_utils.Database, tid: int) -> list[tuple[str, list[object]]]:
    """The statements photos_scored_within and confidences_of run, as they run them."""
    has = "state IS NOT 'rejected'"
    return [
        (
            f"SELECT group_concat(photo_id) FROM photo_tags WHERE tag_id IN (?) AND {has}"
            " AND confidence >= ? AND confidence < ?",
            [tid, 0.4, 0.7],
        ),
        (
            "SELECT group_concat(photo_id), group_concat(CAST(confidence * ? AS INTEGER))"
            f" FROM photo_tags WHERE tag_id IN (?) AND {has} AND confidence IS NOT NULL",
            [1_000_000_000, tid],
        ),
    ]


def test_a_tags_confidences_are_read_from_the_index_alone(tmp_path: Path) -> None:
    db = library_at_version(tmp_path / "library.db", 19)  # as the library was before
    photos = [add_photo(db, f"/p/{n}.jpg") for n in range(len(SCORES))]
    for pid, score in zip(photos, SCORES, strict=True):
        tag_store.write_model_tags(db, pid, {"cat": score}, ["cat"], "v1")
    tid = tag_store.tag_id(db, "cat")
    assert tid is not None
    for sql, args in _queries(db, tid):
        assert "COVERING" not in _plan(db, sql, args)  # one lookup in the table a photo
    db.close()

    db = open_database(tmp_path / "library.db")
    try:
        assert migrations.user_version(db) == migrations.LATEST_VERSION
        for sql, args in _queries(db, tid):
            assert "COVERING INDEX photo_tags_tag_state" in _plan(db, sql, args)
        # What they read: a photo's id and score each, to the billionth.
        within = tag_store.photos_scored_within(db, [tid], 0.4, 0.7)
        assert sorted(within.tolist()) == photos[2:4]
        ids, scores = tag_store.confidences_of(db, [tid])
        assert ids.tolist() == photos
        assert scores.tolist() == pytest.approx(SCORES, abs=1e-9)
    finally:
        db.close()
