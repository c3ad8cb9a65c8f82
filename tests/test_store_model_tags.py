"""A model run replaces the model's own suggestions but never a user decision."""

from __future__ import annotations

import pytest
import sqlite_utils

from phototagger.store.records import PhotoTag
from phototagger.store.states import TagSource, TagState
from phototagger.store.tags import all_tags, set_user_state, tags_of_photo, write_model_tags
from tests.store_helpers import add_photo


@pytest.fixture
def photo(db: sqlite_utils.Database) -> int:
    return add_photo(db, "/p/a.jpg", status="pending")


def _rows(db: sqlite_utils.Database, photo: int) -> dict[str, PhotoTag]:
    return {tag.name: tag for tag in tags_of_photo(db, photo)}


def test_suggestions_are_model_rows_and_new_tags_come_from_the_vocabulary(
    db: sqlite_utils.Database, photo: int
) -> None:
    write_model_tags(db, photo, {"cat": 0.9, "dog": 0.2}, ["cat"], "v1")
    assert tags_of_photo(db, photo) == [PhotoTag("cat", 0.9, "v1", None)]
    assert tags_of_photo(db, photo)[0].source is TagSource.MODEL
    assert ("cat", "vocabulary") in all_tags(db)


def test_model_only_rows_are_replaced_by_the_next_run(
    db: sqlite_utils.Database, photo: int
) -> None:
    write_model_tags(db, photo, {"cat": 0.9, "sky": 0.8}, ["cat", "sky"], "v1")
    write_model_tags(db, photo, {"cat": 0.3, "sky": 0.7, "sea": 0.6}, ["sky", "sea"], "v2")
    assert _rows(db, photo) == {
        "sky": PhotoTag("sky", 0.7, "v2", None),
        "sea": PhotoTag("sea", 0.6, "v2", None),
    }


@pytest.mark.parametrize("state", [TagState.ADDED, TagState.ACCEPTED, TagState.REJECTED])
def test_user_decision_survives_a_model_run(
    db: sqlite_utils.Database, photo: int, state: TagState
) -> None:
    write_model_tags(db, photo, {"cat": 0.9}, ["cat"], "v1")
    set_user_state(db, photo, "cat", state)
    # Suggested again, then not suggested at all: the decision stays both times.
    write_model_tags(db, photo, {"cat": 0.95}, ["cat"], "v2")
    assert _rows(db, photo)["cat"] == PhotoTag("cat", 0.95, "v2", state)
    write_model_tags(db, photo, {"cat": 0.1}, [], "v3")
    assert _rows(db, photo)["cat"] == PhotoTag("cat", 0.1, "v3", state)
    assert _rows(db, photo)["cat"].source is TagSource.USER


def test_rejected_tag_is_never_suggested_again(db: sqlite_utils.Database, photo: int) -> None:
    write_model_tags(db, photo, {"cat": 0.9}, ["cat"], "v1")
    set_user_state(db, photo, "cat", "rejected")
    for version in ("v2", "v3"):
        write_model_tags(db, photo, {"cat": 0.99}, ["cat"], version)
    assert tags_of_photo(db, photo, include_rejected=False) == []
    assert [tag.state for tag in tags_of_photo(db, photo)] == ["rejected"]


def test_user_row_unscored_by_the_model_keeps_its_confidence(
    db: sqlite_utils.Database, photo: int
) -> None:
    set_user_state(db, photo, "grandma", "added")
    write_model_tags(db, photo, {"cat": 0.9}, ["cat"], "v1")
    assert _rows(db, photo)["grandma"] == PhotoTag("grandma", None, None, TagState.ADDED)


def test_tag_names_match_case_insensitively(db: sqlite_utils.Database, photo: int) -> None:
    set_user_state(db, photo, "Beach", "rejected")
    write_model_tags(db, photo, {"beach": 0.9}, ["beach"], "v1")
    assert tags_of_photo(db, photo) == [PhotoTag("Beach", 0.9, "v1", TagState.REJECTED)]


def test_rows_list_user_decisions_first_then_by_confidence(
    db: sqlite_utils.Database, photo: int
) -> None:
    write_model_tags(db, photo, {"a": 0.5, "b": 0.9, "c": 0.7}, ["a", "b", "c"], "v1")
    set_user_state(db, photo, "a", "accepted")
    assert [tag.name for tag in tags_of_photo(db, photo)] == ["a", "b", "c"]
