"""The order the user's decisions were made in is kept as a number (migration 19), so that a
model version records the last decision it learned from (decisions_up_to) and a decision is
told "before" or "after" a version exactly: times are kept to the second, and a script (or
benchmarks/new_tags.py's simulated user) labels, trains and reviews within one second. Decisions
of a library from before the upgrade, and versions saved before it, keep their old rule: by
time, a decision in the second a version was saved being one it learned from."""

from __future__ import annotations

from pathlib import Path

from phototagger.core.library import Library
from phototagger.core.retrain import training_overview
from phototagger.ml.model_version import ModelVersion
from phototagger.store import migrations
from phototagger.store import tags as tag_store
from phototagger.store.connection import open_database
from tests.retrain_helpers import library_from
from tests.store_helpers import add_photo, library_at_version
from tests.taught_tags import taught

SECOND = "2026-06-01T00:00:00+00:00"


def _seq(db: object, photo_id: int, tag: str) -> int | None:
    row = db.execute(  # type: ignore[attr-defined]
        "SELECT decided_seq FROM photo_tags WHERE photo_id = ? AND tag_id = ?",
        [photo_id, tag_store.tag_id(db, tag)],  # type: ignore[arg-type]
    ).fetchone()
    return None if row[0] is None else int(row[0])


def test_an_old_library_keeps_its_decisions_and_numbers_the_ones_made_after(
    tmp_path: Path,
) -> None:
    path = tmp_path / "library.db"
    db = library_at_version(path, 18)
    old = [add_photo(db, f"/p/{n}.jpg") for n in range(3)]
    for pid in old[:2]:
        tag_store.reject_tag(db, pid, "cats")
    db.execute("UPDATE photo_tags SET decided_at = ?", [SECOND])
    db.conn.commit()
    db.close()

    db = open_database(path)
    try:
        assert migrations.user_version(db) == migrations.LATEST_VERSION
        # Made before the library kept the order: no number, before every numbered one.
        assert [_seq(db, pid, "cats") for pid in old[:2]] == [None, None]
        assert tag_store.decision_mark(db) == 0
        new = [add_photo(db, f"/p/new{n}.jpg") for n in range(2)]
        tag_store.add_user_tag(db, new[1], "cats")
        tag_store.reject_tag(db, new[0], "cats")
        tag_store.add_user_tag(db, old[0], "cats")  # an answer changed
        assert [_seq(db, p, "cats") for p in (new[1], new[0], old[0])] == [1, 2, 3]
        assert tag_store.decision_mark(db) == 3
        # The same answer again in the same second changes nothing; a model's score neither.
        at = db.execute("SELECT decided_at FROM photo_tags WHERE photo_id = ?", [old[0]])
        db.execute(
            "UPDATE photo_tags SET state = 'added', decided_at = ? WHERE photo_id = ?",
            [at.fetchone()[0], old[0]],
        )
        tag_store.write_model_tags(db, old[2], {"cats": 0.9}, {"cats"}, "v2")
        tag_store.write_model_tags(db, new[1], {"cats": 0.8}, {"cats"}, "v2")
        assert tag_store.decision_mark(db) == 3
        assert _seq(db, old[2], "cats") is None  # a suggestion is no decision
        # Oldest first: the unnumbered by time, then in the order they were made, whatever
        # their times (all in one second here).
        db.execute("UPDATE photo_tags SET decided_at = ? WHERE state IS NOT NULL", [SECOND])
        order = [pid for pid, *_ in tag_store.timed_decisions_on(db, "cats")]
        assert order[:1] == [old[1]] and len(order) == 4
        seqs = [seq for *_, seq in tag_store.timed_decisions_on(db, "cats")]
        assert seqs[0] is None and seqs[1:] == sorted(s for s in seqs[1:] if s is not None)
    finally:
        db.close()


def test_a_decision_is_after_a_version_by_its_number_or_for_an_old_version_by_its_time() -> None:
    old = ModelVersion("v2", ("cats",), (0.5,), created_at=SECOND)
    new = ModelVersion("v3", ("cats",), (0.5,), created_at=SECOND, decisions_up_to=7)
    later = "2026-06-01T00:00:01+00:00"
    # A version recording its last decision: by number, whatever the time.
    assert new.came_after(8, SECOND) and new.came_after(8, "2026-01-01T00:00:00+00:00")
    assert not new.came_after(7, later) and not new.came_after(None, later)
    # One saved before the order was kept: a numbered decision came after the upgrade, so after
    # it; an unnumbered one by time, its own second counting as learned from (as before).
    assert old.came_after(1, SECOND)
    assert not old.came_after(None, SECOND) and old.came_after(None, later)
    assert not old.came_after(None, None)
    # The record keeps it on disk; an older record has none.
    assert ModelVersion.from_json(new.to_json()) == new
    assert "decisions_up_to" not in old.to_json()
    assert ModelVersion.from_json({**new.to_json(), "decisions_up_to": "7"}).decisions_up_to is None


def _answer_in_the_second_of(lib: Library, second: str, photo_ids: list[int]) -> None:
    for pid in photo_ids:
        tag_store.reject_tag(lib.db, pid, "cats")
    lib.db.execute(
        "UPDATE photo_tags SET decided_at = ? WHERE state IS NOT NULL AND photo_id IN "
        f"({','.join('?' * len(photo_ids))})",
        [second, *photo_ids],
    )


def test_corrections_given_in_the_second_the_active_version_was_saved_are_since_it(
    template: Path,
) -> None:
    """The Train page's and `train`'s "corrections since the active version" left out those
    given in the second it was saved (a script answering just after training: 0 corrections,
    "nothing new to learn")."""
    lib, _ = library_from(template)
    with lib:
        taught(lib, "cats", {"Persian cat": 1.0}, created_at=SECOND)
        assert training_overview(lib).corrections_since_active == 0
        photos = [int(r[0]) for r in lib.db.execute("SELECT id FROM photos ORDER BY id LIMIT 3")]
        _answer_in_the_second_of(lib, SECOND, photos)
        assert training_overview(lib).corrections_since_active == 3
