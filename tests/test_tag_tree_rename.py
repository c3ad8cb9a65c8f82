"""Renaming a parent tag carries its branch of the tag tree: `tag rename Pets Animals` renamed
only 'Pets' and left 'Pets/Fish' and 'Pets/Cat/Kitten' under the old name. Every tag below moves
now, in one transaction, with its rows, decisions, confidences and model versions; a name already
taken merges as `tag merge` does; a group with no tag of its own ('Pets' of 'Pets/Fish' only)
can be renamed; a rename into its own branch is refused; the model's columns follow each tag."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from phototagger.core.library import open_library
from phototagger.core.model.tagger import load_head
from phototagger.core.tag_admin import TagAdminError, rename_tag, tag_changes
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


def pets(db) -> tuple[int, int, int]:
    a = add_photo(db, "/p/a.jpg")
    b = add_photo(db, "/p/b.jpg")
    c = add_photo(db, "/p/c.jpg")
    add_user_tag(db, a, "Pets")
    write_model_tags(db, a, {"Pets/Fish": 0.81}, {"Pets/Fish"}, "v3")  # the model's, kept so
    add_user_tag(db, b, "Pets/Cat/Kitten")
    write_model_tags(db, c, {"Pets/Fish": 0.7}, {"Pets/Fish"}, "v3")
    reject_tag(db, c, "Pets/Fish")  # a rejection stays a rejection
    add_user_tag(db, c, "Pets2")  # a sibling whose name extends 'Pets': not below it
    add_user_tag(db, c, "Pets-old")
    return a, b, c


def test_renaming_a_parent_moves_every_tag_below_it(db) -> None:
    a, b, c = pets(db)
    set_setting(db, "thresholds", {"Pets/Fish": 0.65})
    change = rename_tag(db, "pets", "Animals")
    assert (change.kind, change.name, change.new_name) == ("rename", "Pets", "Animals")
    # Photos showing the branch, as the sidebar counts them: the third said it lacks 'Pets/Fish'.
    assert change.children == 2 and change.photos == 2
    assert rows(db, a) == {
        "Animals": ("added", None, None),
        "Animals/Fish": (None, pytest.approx(0.81), "v3"),
    }
    assert rows(db, b) == {"Animals/Cat/Kitten": ("added", None, None)}
    assert rows(db, c)["Animals/Fish"] == ("rejected", pytest.approx(0.7), "v3")
    assert names(db) == ["Animals", "Animals/Cat/Kitten", "Animals/Fish", "Pets-old", "Pets2"]
    assert get_setting(db, "thresholds") == {"Animals/Fish": 0.65}  # a child's threshold follows
    # Each tag's change is logged, so each model column follows its own tag (core/tag_map.py).
    assert {(old, new) for _, old, new in tag_changes(db)} == {
        ("Pets", "Animals"),
        ("Pets/Fish", "Animals/Fish"),
        ("Pets/Cat/Kitten", "Animals/Cat/Kitten"),
    }


def test_a_child_merges_into_an_existing_child_of_the_new_name(db) -> None:
    a, b, c = pets(db)
    both = {"Pets/Fish": 0.81, "Animals/Fish": 0.4}
    write_model_tags(db, a, both, set(both), "v3")
    add_user_tag(db, b, "Animals/Fish")
    change = rename_tag(db, "Pets", "Animals")
    assert change.kind == "rename" and change.children == 2
    # As `tag merge` does: the user's decision beats a suggestion, the higher confidence stays.
    assert rows(db, a)["Animals/Fish"] == (None, pytest.approx(0.81), "v3")
    assert rows(db, b)["Animals/Fish"] == ("added", None, None)
    assert rows(db, c)["Animals/Fish"] == ("rejected", pytest.approx(0.7), "v3")
    assert "Pets/Fish" not in names(db)
    assert ("Pets/Fish", "Animals/Fish") in {(o, n) for _, o, n in tag_changes(db)}


def test_a_group_with_no_tag_of_its_own_is_renamed(db) -> None:
    a = add_photo(db, "/p/a.jpg")
    add_user_tag(db, a, "Trips/Rome")
    add_user_tag(db, a, "Trips/Oslo/Night")
    change = rename_tag(db, "trips", "Travel")
    assert (change.kind, change.name, change.new_name) == ("rename", "Trips", "Travel")
    assert change.children == 2 and change.photos == 1
    assert names(db) == ["Travel/Oslo/Night", "Travel/Rome"]


def test_renaming_into_its_own_branch_is_refused_and_a_failure_changes_nothing(
    db, monkeypatch: pytest.MonkeyPatch
) -> None:
    pets(db)
    before = names(db)
    with pytest.raises(TagAdminError, match="under it in the tag tree"):
        rename_tag(db, "Pets", "pets/Old")
    with pytest.raises(TagAdminError, match="no tag called 'Fish'"):
        rename_tag(db, "Fish", "Animals")
    assert names(db) == before and tag_changes(db) == []

    # One transaction: a failure half way through the branch leaves every name as it was.
    renames = []

    def fail_on_the_second(db_, tag_id: int, new_name: str) -> None:
        renames.append(new_name)
        if len(renames) == 2:
            raise RuntimeError("disk full")
        original(db_, tag_id, new_name)

    original = store_admin.rename_tag_row
    monkeypatch.setattr(store_admin, "rename_tag_row", fail_on_the_second)
    with pytest.raises(RuntimeError):
        rename_tag(db, "Pets", "Animals")
    assert names(db) == before and tag_changes(db) == []


def test_renaming_a_tag_into_its_parent_keeps_its_branch_apart(db) -> None:
    # 'Pets/Cat' into 'Pets': 'Pets/Cat/Cat' becomes 'Pets/Cat' only after the old 'Pets/Cat'
    # has gone into 'Pets', and is not merged into it on the way.
    a = add_photo(db, "/p/a.jpg")
    b = add_photo(db, "/p/b.jpg")
    add_user_tag(db, a, "Pets/Cat")
    add_user_tag(db, b, "Pets/Cat/Cat")
    change = rename_tag(db, "Pets/Cat", "Pets")
    assert change.children == 1
    assert rows(db, a) == {"Pets": ("added", None, None)}
    assert rows(db, b) == {"Pets/Cat": ("added", None, None)}


def test_the_command_line_says_how_many_tags_moved(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with open_library(default_home()) as library:
        pets(library.db)
    code, out, err = run(capsys, "tag", "rename", "Pets", "Animals")
    assert code == 0 and err == ""
    assert out == "renamed 'Pets' to 'Animals' (2 photos; 2 tags under it moved with it)\n"
    code, out, _ = run(capsys, "tag", "rename", "--json", "Animals", "Zoo")
    assert code == 0
    assert json.loads(out) == {
        "action": "rename",
        "tag": "Animals",
        "new_name": "Zoo",
        "photos": 2,  # showing the branch, not the photo that said it lacks one
        "child_tags": 2,
        "child_tags_merged": 0,
    }
    code, out, err = run(capsys, "tag", "rename", "Zoo", "Zoo/Old")
    assert code == 3 and out == "" and err.count("\n") == 1
    assert "'Zoo' cannot be renamed to 'Zoo/Old'" in err
    code, out, _ = run(capsys, "tag", "rename", "Pets2", "Pets")  # no tag below: as before
    assert out == "renamed 'Pets2' to 'Pets' (1 photo)\n"


def test_a_saved_version_s_columns_follow_each_tag_of_the_branch(tmp_path: Path) -> None:
    """The rule of a single rename, for each child: a version saved before the rename reads
    its 'pets/cat' column as 'animals/cat', with the same scores."""
    rng = np.random.default_rng(3)
    head = saved_version({"cat": "pets/cat", "dog": "pets/dog"}, rng)
    with open_library(default_home()) as library:
        for name in ("pets/cat", "pets/dog"):
            ensure_tag(library.db, name, "user")
        assert rename_tag(library.db, "pets", "animals").children == 2
        loaded = load_head(library, "v2")
        assert {"animals/cat", "animals/dog"} <= set(loaded.tag_names)
        assert not {"pets/cat", "pets/dog"} & set(loaded.tag_names)
        e = rng.normal(0, 1, (3, 1280)).astype(np.float32)
        for old, new in (("pets/cat", "animals/cat"), ("pets/dog", "animals/dog")):
            np.testing.assert_allclose(
                loaded.scores(e)[:, loaded.tag_names.index(new)],
                head.scores(e)[:, head.tags.index(old)],
                rtol=1e-5,
            )
