"""speed41: the Train page's overview (core/retrain.training_overview), read when the app opens
and after every change, asked store.tags.last_answered when the user last answered about each
tag; it filtered the decided rows on the table, so it read every photo_tags row, the model's
suggestions too: 0.52 s of a 0.75 s overview on 100,000 photos with 1,000,000 rows, 2,143 of them
decided (benchmarks/gui_open.py's library). Now the decided rows are found on the tag index,
which carries the state, and only they are read from the table: 0.03 s, the same answers."""

from __future__ import annotations

from typing import Any

from phototagger.store import tags as tag_store
from phototagger.store.photos import update_photo
from tests.store_helpers import add_photo


def _library(db: Any) -> list[int]:
    """40 photos, each with the model's suggestions of 10 tags; decisions on a few."""
    photos = [add_photo(db, f"/lib/p{i:02d}.jpg", content_hash=f"h{i}") for i in range(40)]
    names = [f"kind {k}" for k in range(10)]
    for pid in photos:
        tag_store.write_model_tags(db, pid, {n: 0.7 for n in names}, names, "v1")
    tag_store.reject_tag(db, photos[0], "kind 1")
    tag_store.add_user_tag(db, photos[1], "Beach Day")
    tag_store.set_user_state(db, photos[2], "kind 1", "accepted")
    tag_store.add_user_tag(db, photos[3], "gone only")  # on a photo missing below
    update_photo(db, photos[3], status="missing")
    tag_store.set_user_state(db, photos[4], "from the files", "file")  # a keyword, no answer
    return photos


def _order_and_time(db: Any, photo_id: int, tag: str) -> tuple[int, str]:
    row = db.execute(
        "SELECT pt.decided_seq, pt.decided_at FROM photo_tags pt JOIN tags t ON t.id = pt.tag_id"
        " WHERE pt.photo_id = ? AND t.name = ?",
        [photo_id, tag],
    ).fetchone()
    return int(row[0]), str(row[1])


def test_the_last_answer_about_each_tag(db: Any) -> None:
    photos = _library(db)
    assert tag_store.last_answered(db) == {
        "kind 1": _order_and_time(db, photos[2], "kind 1"),  # the later of two answers
        "beach day": _order_and_time(db, photos[1], "Beach Day"),
    }


def test_only_the_decided_rows_are_read_from_the_table(db: Any) -> None:
    """Each statement last_answered runs reads photo_tags from an index that carries what it
    asks (the state), or one row by its key: never a row of the table for each row of the
    index, which was every suggestion of every tag (the plan's `SEARCH pt USING INDEX
    photo_tags_tag_state (tag_id=?)`)."""
    _library(db)
    statements: list[str] = []
    db.conn.set_trace_callback(statements.append)
    try:
        tag_store.last_answered(db)
    finally:
        db.conn.set_trace_callback(None)
    reads = [s for s in statements if "photo_tags" in s]
    assert reads
    for statement in reads:
        plan = [str(row[-1]) for row in db.execute(f"EXPLAIN QUERY PLAN {statement}")]
        of_photo_tags = [
            step
            for step in plan
            if "photo_tags" in step or step.startswith(("SEARCH pt", "SCAN pt"))
        ]
        assert of_photo_tags, plan
        for step in of_photo_tags:
            assert "COVERING INDEX" in step or "PRIMARY KEY" in step, plan
