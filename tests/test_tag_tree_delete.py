"""Deleting a tag with tags below it: `tag delete Pets` deleted 'Pets' and silently left
'Pets/Fish' behind, a branch without its parent. It is refused now, naming how many tags are
under it, unless --with-children deletes the whole branch (digiKam's rule, which the app's
question states); training's labels stay per exact tag."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from phototagger.core.library import open_library
from phototagger.core.tag_admin import (
    TagHasChildren,
    delete_tag,
    tag_changes,
    tag_usage,
)
from phototagger.paths import default_home
from phototagger.store.tags import add_user_tag, reject_tag, user_decisions
from tests.cli_helpers import run
from tests.store_helpers import add_photo
from tests.tag_tree_helpers import names


def pets(db) -> None:
    a = add_photo(db, "/p/a.jpg")
    b = add_photo(db, "/p/b.jpg")
    add_user_tag(db, a, "Pets")
    add_user_tag(db, a, "Pets/Fish")
    add_user_tag(db, b, "Pets/Cat/Kitten")
    reject_tag(db, b, "Pets/Dog")
    add_user_tag(db, b, "Pets2")
    add_user_tag(db, b, "beach")


def test_a_tag_with_tags_below_is_deleted_only_with_them(db) -> None:
    pets(db)
    before = names(db)
    with pytest.raises(TagHasChildren, match=r"'Pets' has 3 tags under it") as refused:
        delete_tag(db, "Pets")
    assert refused.value.children == ["Pets/Cat/Kitten", "Pets/Dog", "Pets/Fish"]
    assert names(db) == before and tag_changes(db) == []
    usage = tag_usage(db, "pets")
    assert (usage.photos, usage.decided, len(usage.children)) == (2, 4, 3)

    change = delete_tag(db, "pets", with_children=True)
    assert (change.kind, change.name, change.photos, change.children) == ("delete", "Pets", 2, 3)
    assert names(db) == ["beach", "Pets2"]
    # Each tag's deletion is logged (the model stops suggesting each); training learns from
    # the decisions left, each under its own exact name.
    assert {old for _, old, new in tag_changes(db) if new is None} == {
        "Pets",
        "Pets/Fish",
        "Pets/Cat/Kitten",
        "Pets/Dog",
    }
    assert sorted(name for _, name, _ in user_decisions(db)) == ["Pets2", "beach"]


def test_a_group_with_no_tag_of_its_own_and_a_leaf(db) -> None:
    pets(db)
    with pytest.raises(TagHasChildren, match="'Pets/Cat' has 1 tag under it"):
        delete_tag(db, "Pets/Cat")  # a group only: still never silently
    assert delete_tag(db, "Pets/Cat", with_children=True).children == 1
    leaf = delete_tag(db, "Pets/Fish")  # no tag below: as before
    assert (leaf.photos, leaf.children) == (1, 0)
    assert names(db) == ["beach", "Pets", "Pets/Dog", "Pets2"]


def test_the_command_line_refuses_and_names_the_count(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with open_library(default_home()) as library:
        pets(library.db)
    code, out, err = run(capsys, "tag", "delete", "Pets")
    assert code == 3 and out == "" and err.count("\n") == 1
    assert "'Pets' has 3 tags under it ('Pets/Cat/Kitten', 'Pets/Dog', 'Pets/Fish')" in err
    assert "--with-children" in err and "nothing deleted" in err
    code, out, _ = run(capsys, "search", "Pets/Fish")
    assert out == "/p/a.jpg\n"  # still there

    code, out, err = run(capsys, "tag", "delete", "Pets", "--with-children")
    assert code == 0 and err == ""
    assert out == "deleted 'Pets' from 2 photos; 3 tags under it deleted with it\n"
    code, out, _ = run(capsys, "tag", "delete", "--json", "Pets2", "--with-children")
    assert json.loads(out) == {
        "action": "delete",
        "tag": "Pets2",
        "new_name": None,
        "photos": 1,
        "child_tags": 0,
        "child_tags_merged": 0,
    }
    code, out, _ = run(capsys, "stats", "--json")
    assert [t["name"] for t in json.loads(out)["tags"]] == ["beach"]
