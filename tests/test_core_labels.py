"""core.labels: the one set of label rules the GUI and the CLI share, without Qt or a model."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
import sqlite_utils

from phototagger.core import labels
from phototagger.core.errors import BadTagName
from phototagger.core.labels import Edit, LabelsNotSaved
from phototagger.store.connection import open_database, transaction
from phototagger.store.tags import tags_of_photo, write_model_tags
from tests.store_helpers import add_photo


def _states(db: sqlite_utils.Database, photo_id: int) -> dict[str, tuple[str | None, float | None]]:
    return {t.name: (t.state, t.confidence) for t in tags_of_photo(db, photo_id)}


@pytest.fixture
def two(db: sqlite_utils.Database) -> list[int]:
    """Two photos; the model (v1) suggests 'cat' on the first only."""
    ids = [add_photo(db, "/p/a.jpg"), add_photo(db, "/p/b.jpg")]
    write_model_tags(db, ids[0], {"cat": 0.9, "dog": 0.2}, ["cat"], "v1")
    write_model_tags(db, ids[1], {"cat": 0.1, "dog": 0.2}, [], "v1")
    return ids


def test_accept_on_one_photo_accepts_on_several_adds(two: list[int]) -> None:
    assert labels.decision_edits([two[0]], " cat ", "accept") == [Edit(two[0], "cat", "accept")]
    assert [e.action for e in labels.decision_edits(two, "cat", "accept")] == ["add", "add"]
    assert labels.decision_edits(two, "  ", "add") == []
    assert labels.decision_edits([], "cat", "add") == []


def test_accepting_a_suggestion_on_several_photos_keeps_it_accepted(
    db: sqlite_utils.Database, two: list[int]
) -> None:
    labels.apply_edits(db, labels.decision_edits(two, "cat", "accept"))
    assert _states(db, two[0])["cat"] == ("accepted", 0.9)  # it was the model's suggestion
    assert _states(db, two[1])["cat"] == ("added", None)


def test_undo_and_redo_put_rows_back_exactly(db: sqlite_utils.Database, two: list[int]) -> None:
    original = {pid: _states(db, pid) for pid in two}
    edits = [
        Edit(two[0], "cat", "reject"),
        Edit(two[1], "beach", "add"),
        Edit(two[0], "x", "remove"),
    ]
    change = labels.apply_edits(db, edits)
    assert change.changed and change.photo_ids == set(two)
    decided = {pid: _states(db, pid) for pid in two}
    assert decided[two[0]]["cat"] == ("rejected", 0.9) and decided[two[1]]["beach"][0] == "added"
    labels.undo(db, change)
    assert {pid: _states(db, pid) for pid in two} == original
    labels.redo(db, change)
    assert {pid: _states(db, pid) for pid in two} == decided


def test_an_edit_that_changes_nothing_says_so(db: sqlite_utils.Database, two: list[int]) -> None:
    labels.apply_edits(db, [Edit(two[0], "cat", "accept")])
    assert not labels.apply_edits(db, [Edit(two[0], "cat", "accept")]).changed
    assert not labels.apply_edits(db, [Edit(two[1], "never-seen", "remove")]).changed


def test_remove_rejects_a_model_tag_and_deletes_a_hand_made_one(
    db: sqlite_utils.Database, two: list[int]
) -> None:
    labels.apply_edits(db, [Edit(two[0], "mine", "add")])
    labels.apply_edits(db, [Edit(two[0], "mine", "remove"), Edit(two[0], "cat", "remove")])
    assert "mine" not in _states(db, two[0])
    assert _states(db, two[0])["cat"] == ("rejected", 0.9)


def test_an_empty_tag_name_is_refused_before_anything_is_written(
    db: sqlite_utils.Database, two: list[int]
) -> None:
    with pytest.raises(BadTagName, match="empty"):
        labels.apply_edits(db, [Edit(two[0], "ok", "add"), Edit(two[1], " ", "add")])
    assert "ok" not in _states(db, two[0])


def test_undo_after_a_model_switch_keeps_the_new_model_s_scores(
    db: sqlite_utils.Database, two: list[int]
) -> None:
    change = labels.apply_edits(
        db,
        [Edit(two[0], "cat", "accept"), Edit(two[0], "dog", "reject"), Edit(two[1], "new", "add")],
    )
    # v2 re-scores: cat (decided) 0.95, dog (decided) 0.7, and now suggests "new" on photo 2.
    write_model_tags(db, two[0], {"cat": 0.95, "dog": 0.7}, [], "v2")
    write_model_tags(db, two[1], {"new": 0.8}, ["new"], "v2")
    v2_suggests = {"cat": 0.5, "dog": 0.5, "new": 0.5}
    labels.undo(db, change, lambda tag, score: score >= v2_suggests[tag])
    first = {t.name: t for t in tags_of_photo(db, two[0])}
    # cat: back to a suggestion, with v2's score (v2 suggests it); dog: decision withdrawn and
    # v2 suggests it now; the old model's 0.9 / 0.2 never come back.
    assert (first["cat"].state, first["cat"].confidence, first["cat"].model_version) == (
        None,
        0.95,
        "v2",
    )
    assert (first["dog"].state, first["dog"].confidence) == (None, 0.7)
    # "new" had no row before the edit; v2 suggests it: it stays, as v2's suggestion.
    assert _states(db, two[1])["new"] == (None, 0.8)
    labels.redo(db, change, lambda tag, score: score >= v2_suggests[tag])
    assert _states(db, two[0])["cat"] == ("accepted", 0.95)
    assert _states(db, two[0])["dog"] == ("rejected", 0.7)
    assert _states(db, two[1])["new"] == ("added", 0.8)


def test_undo_after_a_model_switch_brings_back_no_old_suggestion(
    db: sqlite_utils.Database, two: list[int]
) -> None:
    change = labels.apply_edits(db, [Edit(two[0], "cat", "reject")])
    write_model_tags(db, two[0], {"cat": 0.1}, [], "v2")  # v2 scores cat low: no suggestion
    labels.undo(db, change, lambda tag, score: score >= 0.5)
    assert "cat" not in _states(db, two[0])
    labels.undo(db, change)  # without a model to ask, no suggestion is invented either
    assert "cat" not in _states(db, two[0])


def test_a_locked_database_is_a_labels_not_saved_with_a_message(
    tmp_path: Path, db: sqlite_utils.Database, two: list[int]
) -> None:
    blocker = open_database(tmp_path / "library.db")  # the `db` fixture's file
    db.execute("PRAGMA busy_timeout = 50")
    with transaction(blocker):
        blocker.execute("UPDATE photos SET size = size")  # holds the write lock
        with pytest.raises(LabelsNotSaved) as raised:
            labels.apply_edits(db, [Edit(two[0], "cat", "reject")])
    assert isinstance(raised.value, sqlite3.OperationalError)
    assert "not saved" in raised.value.message() and "busy" in raised.value.message()
    assert _states(db, two[0])["cat"] == (None, 0.9)  # nothing half-written
    blocker.conn.close()


def test_accept_all_suggestions_takes_only_undecided_rows(
    db: sqlite_utils.Database, two: list[int]
) -> None:
    labels.apply_edits(db, [Edit(two[0], "mine", "add")])
    edits = labels.accept_suggestions_edits(db, two)
    assert edits == [Edit(two[0], "cat", "accept")]
    assert labels.describe(edits) == "Accept “cat”"
    assert labels.describe(labels.decision_edits(two, "sea", "add")) == "Add “sea” to 2 photos"
