"""Merging a parent tag carries its branch, as digiKam does: `tag merge Pets Animals` merged only
'Pets' and left 'Pets/Fish' and 'Pets/Cat/Kitten' behind as a group with no tag of its own. Now
every tag below moves under the target ('Pets/Fish' -> 'Animals/Fish', merged into an existing
'Animals/Fish' by merge's rule), in one transaction, each logged as its own change so a saved
model version's columns follow; a group with no tag of its own can be merged; the target must
exist and may not be in the source's own branch; the CLI and --json count the child tags."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from phototagger.core.library import open_library
from phototagger.core.model.tagger import load_head
from phototagger.core.tag_admin import TagAdminError, merge_tags, tag_changes
from phototagger.paths import default_home
from phototagger.store import tag_admin as store_admin
from phototagger.store.settings import get_setting, set_setting
from phototagger.store.tags import (
    add_user_tag,
    ensure_tag,
    reject_tag,
    write_model_tags,
)
from tests.cli_helpers import run
from tests.store_helpers import add_photo
from tests.tag_tree_helpers import names, rows, saved_version


def zoo(db) -> tuple[int, int, int, int]:
    """'Pets' with 'Pets/Fish' and 'Pets/Cat/Kitten' below it; 'Animals' with 'Animals/Fish'
    and 'Animals/Dog'; 'Pets2' only starts like 'Pets'."""
    a, b, c, d = (add_photo(db, f"/p/{x}.jpg") for x in "abcd")
    add_user_tag(db, a, "Pets")
    both = {"Pets/Fish": 0.81, "Animals/Fish": 0.4}  # one model run suggesting both
    write_model_tags(db, a, both, set(both), "v3")
    add_user_tag(db, b, "Pets/Cat/Kitten")
    write_model_tags(db, c, {"Pets/Fish": 0.7}, {"Pets/Fish"}, "v3")
    reject_tag(db, c, "Pets/Fish")
    add_user_tag(db, c, "Pets2")
    add_user_tag(db, d, "Animals")
    add_user_tag(db, d, "Animals/Dog")
    add_user_tag(db, b, "Animals/Fish")
    return a, b, c, d


def test_merging_a_parent_moves_its_branch_under_the_target(db) -> None:
    a, b, c, d = zoo(db)
    set_setting(db, "thresholds", {"Pets/Cat/Kitten": 0.65})
    change = merge_tags(db, "pets", "animals")
    assert (change.kind, change.name, change.new_name) == ("merge", "Pets", "Animals")
    # Photos showing 'Pets' or a tag below it (c said it lacks 'Pets/Fish'): the sidebar's count.
    assert (change.photos, change.children, change.merged_children) == (2, 2, 1)
    assert names(db) == ["Animals", "Animals/Cat/Kitten", "Animals/Dog", "Animals/Fish", "Pets2"]
    # 'Pets/Fish' merged into 'Animals/Fish' by merge's rule: a decision beats a suggestion,
    # the higher confidence stays; a rejection stays a rejection.
    assert rows(db, a) == {
        "Animals": ("added", None, None),
        "Animals/Fish": (None, pytest.approx(0.81), "v3"),
    }
    assert rows(db, b) == {
        "Animals/Cat/Kitten": ("added", None, None),
        "Animals/Fish": ("added", None, None),
    }
    assert rows(db, c) == {
        "Animals/Fish": ("rejected", pytest.approx(0.7), "v3"),
        "Pets2": ("added", None, None),
    }
    assert get_setting(db, "thresholds") == {"Animals/Cat/Kitten": 0.65}
    assert [(old, new) for _, old, new in tag_changes(db)] == [
        ("Pets", "Animals"),
        ("Pets/Fish", "Animals/Fish"),
        ("Pets/Cat/Kitten", "Animals/Cat/Kitten"),
    ]


def test_a_group_with_no_tag_of_its_own_merges_and_a_tag_merges_into_a_group(db) -> None:
    a = add_photo(db, "/p/a.jpg")
    add_user_tag(db, a, "Trips/Rome")
    add_user_tag(db, a, "Travel/Oslo")
    change = merge_tags(db, "trips", "travel")  # both only groups
    assert (change.kind, change.name, change.new_name) == ("merge", "Trips", "Travel")
    assert change.children == 1 and change.photos == 1
    assert names(db) == ["Travel/Oslo", "Travel/Rome"]
    add_user_tag(db, a, "Holidays")
    change = merge_tags(db, "Holidays", "Travel")  # a tag into a group: it takes the name
    assert (change.new_name, change.children) == ("Travel", 0)
    assert names(db) == ["Travel", "Travel/Oslo", "Travel/Rome"]


def test_a_leaf_merges_as_before_and_bad_targets_change_nothing(
    db, monkeypatch: pytest.MonkeyPatch
) -> None:
    zoo(db)
    change = merge_tags(db, "Pets2", "Animals/Dog")
    assert (change.photos, change.children) == (1, 0)
    before = names(db)
    with pytest.raises(TagAdminError, match="no tag called 'Animalz'"):
        merge_tags(db, "Pets", "Animalz")  # a typo is refused, not created
    with pytest.raises(TagAdminError, match="under it in the tag tree"):
        merge_tags(db, "Pets", "pets/Fish")
    with pytest.raises(TagAdminError, match="same tag"):
        merge_tags(db, "Pets", "PETS")
    assert names(db) == before

    # One transaction: a failure half way through the branch leaves every tag as it was.
    def fail(*args: object) -> None:
        raise RuntimeError("disk full")

    logged = len(tag_changes(db))
    monkeypatch.setattr(store_admin, "rename_tag_row", fail)
    with pytest.raises(RuntimeError):
        merge_tags(db, "Pets", "Animals")
    assert names(db) == before and len(tag_changes(db)) == logged


def test_merging_into_the_parent_keeps_the_branch(db) -> None:
    a = add_photo(db, "/p/a.jpg")
    b = add_photo(db, "/p/b.jpg")
    add_user_tag(db, a, "Pets/Cat")
    add_user_tag(db, b, "Pets/Cat/Cat")
    add_user_tag(db, b, "Pets")
    change = merge_tags(db, "Pets/Cat", "Pets")
    assert (change.children, change.merged_children) == (1, 0)
    assert rows(db, a) == {"Pets": ("added", None, None)}
    assert rows(db, b) == {"Pets": ("added", None, None), "Pets/Cat": ("added", None, None)}


def test_the_command_line_counts_the_tags_moved(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with open_library(default_home()) as library:
        zoo(library.db)
        add_user_tag(library.db, add_photo(library.db, "/p/e.jpg"), "Zoo")
    code, out, err = run(capsys, "tag", "merge", "Pets", "Animals")
    assert code == 0 and err == ""
    assert out == (
        "merged 'Pets' into 'Animals' (2 photos; 2 tags under it moved under 'Animals', "
        "1 of them merged into the one already there)\n"
    )
    code, out, _ = run(capsys, "tag", "merge", "--json", "animals", "Zoo")
    assert code == 0
    assert json.loads(out) == {
        "action": "merge",
        "tag": "Animals",
        "new_name": "Zoo",
        "photos": 3,  # showing the branch; the fourth photo said it lacks its tag
        "child_tags": 3,
        "child_tags_merged": 0,
    }
    code, out, err = run(capsys, "tag", "merge", "Zoo", "Zoo/Cat")
    assert code == 3 and out == "" and err.count("\n") == 1
    assert "'Zoo' cannot be merged into 'Zoo/Cat'" in err
    with open_library(default_home()) as library:
        assert names(library.db) == ["Pets2", "Zoo", "Zoo/Cat/Kitten", "Zoo/Dog", "Zoo/Fish"]


def test_a_saved_version_s_columns_follow_each_tag_of_the_branch() -> None:
    """A version saved before the merge reads its 'pets/cat' column as 'animals/cat'; where
    both had a column ('pets/dog' and 'animals/dog'), the destination's stays, as a single
    merge's does."""
    rng = np.random.default_rng(5)
    head = saved_version({"cat": "pets/cat", "dog": "pets/dog", "bear": "animals/dog"}, rng)
    with open_library(default_home()) as library:
        for name in ("pets/cat", "pets/dog", "animals/dog"):
            ensure_tag(library.db, name, "user")
        change = merge_tags(library.db, "pets", "animals")
        assert (change.children, change.merged_children) == (2, 1)
        loaded = load_head(library, "v2")
        assert {"animals/cat", "animals/dog"} <= set(loaded.tag_names)
        assert not {"pets/cat", "pets/dog"} & set(loaded.tag_names)
        e = rng.normal(0, 1, (3, 1280)).astype(np.float32)
        for new, old in (("animals/cat", "pets/cat"), ("animals/dog", "animals/dog")):
            np.testing.assert_allclose(
                loaded.scores(e)[:, loaded.tag_names.index(new)],
                head.scores(e)[:, head.tags.index(old)],
                rtol=1e-5,
            )
