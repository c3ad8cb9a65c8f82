"""label --add/--reject/--remove: what each does to model suggestions and user tags."""

from __future__ import annotations

import pytest
import sqlite_utils

from phototagger.store.tags import (
    add_user_tag,
    decisions_count,
    reject_tag,
    remove_tag,
    set_user_state,
    tags_of_photo,
    user_decisions,
    write_model_tags,
)
from tests.store_helpers import add_photo, tag_states


@pytest.fixture
def photo(db: sqlite_utils.Database) -> int:
    photo_id = add_photo(db, "/p/a.jpg")
    write_model_tags(db, photo_id, {"cat": 0.9, "dog": 0.3}, ["cat"], "v1")
    return photo_id


def test_adding_a_suggested_tag_accepts_it(db: sqlite_utils.Database, photo: int) -> None:
    add_user_tag(db, photo, "cat")
    assert tag_states(db, photo) == {"cat": "accepted"}
    assert tags_of_photo(db, photo)[0].confidence == 0.9


def test_adding_a_new_tag_marks_it_added(db: sqlite_utils.Database, photo: int) -> None:
    add_user_tag(db, photo, "grandma")
    assert tag_states(db, photo) == {"grandma": "added", "cat": None}


def test_adding_a_rejected_tag_adds_it_back(db: sqlite_utils.Database, photo: int) -> None:
    reject_tag(db, photo, "cat")
    add_user_tag(db, photo, "cat")
    assert tag_states(db, photo) == {"cat": "added"}


def test_removing_a_model_suggestion_rejects_it(db: sqlite_utils.Database, photo: int) -> None:
    remove_tag(db, photo, "cat")
    assert tag_states(db, photo) == {"cat": "rejected"}
    write_model_tags(db, photo, {"cat": 0.9}, ["cat"], "v2")
    assert tag_states(db, photo) == {"cat": "rejected"}


def test_removing_an_accepted_suggestion_rejects_it(db: sqlite_utils.Database, photo: int) -> None:
    add_user_tag(db, photo, "cat")
    remove_tag(db, photo, "cat")
    assert tag_states(db, photo) == {"cat": "rejected"}


def test_removing_a_suggestion_accepted_after_a_rejection_rejects_it(
    db: sqlite_utils.Database, photo: int
) -> None:
    # R, then A on the same row ('added': the user put back a tag they had rejected), then R
    # (the row's button says "Remove"): the model still scores it 0.9, so the "no" must stick.
    # Deleted, the photo lost the tag without a rejection, and the next version suggested it.
    reject_tag(db, photo, "cat")
    add_user_tag(db, photo, "cat")
    remove_tag(db, photo, "cat")
    assert tag_states(db, photo) == {"cat": "rejected"}
    assert tags_of_photo(db, photo)[0].confidence == 0.9
    write_model_tags(db, photo, {"cat": 0.9}, ["cat"], "v2")
    assert tag_states(db, photo) == {"cat": "rejected"}


def test_removing_a_user_added_tag_deletes_it(db: sqlite_utils.Database, photo: int) -> None:
    add_user_tag(db, photo, "grandma")
    remove_tag(db, photo, "grandma")
    assert tag_states(db, photo) == {"cat": None}


def test_removing_a_tag_the_photo_lacks_changes_nothing(
    db: sqlite_utils.Database, photo: int
) -> None:
    remove_tag(db, photo, "dog")
    remove_tag(db, photo, "never-heard-of")
    assert tag_states(db, photo) == {"cat": None}


def test_withdrawing_a_decision_lets_the_model_suggest_again(
    db: sqlite_utils.Database, photo: int
) -> None:
    reject_tag(db, photo, "cat")
    set_user_state(db, photo, "cat", None)
    assert tag_states(db, photo) == {}
    write_model_tags(db, photo, {"cat": 0.9}, ["cat"], "v2")
    assert tag_states(db, photo) == {"cat": None}


def test_unknown_state_is_refused(db: sqlite_utils.Database, photo: int) -> None:
    with pytest.raises(ValueError):
        set_user_state(db, photo, "cat", "maybe")


def test_decisions_are_listed_for_training(db: sqlite_utils.Database, photo: int) -> None:
    add_user_tag(db, photo, "cat")
    reject_tag(db, photo, "dog")
    add_user_tag(db, photo, "grandma")
    assert user_decisions(db) == [
        (photo, "cat", "accepted"),
        (photo, "dog", "rejected"),
        (photo, "grandma", "added"),
    ]
    assert decisions_count(db) == 3
