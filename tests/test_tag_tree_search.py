"""Searching by a parent tag finds the photos of the tags below it, as digiKam and Lightroom do:
`search Animals` missed a photo tagged only 'Animals/Fish', and so did the app's search box and
a click on 'Animals' in the sidebar (core/queries.py). The same rule holds for 'all of', 'any of'
and '-tag' (which leaves out the whole branch); names with '%' or '_' are taken literally, a
sibling whose name only starts the same ('Animals2') is no child, and the tree's counts show
each photo once."""

from __future__ import annotations

from pathlib import Path

import pytest

from phototagger.core.library import open_library
from phototagger.core.queries import OrderedIds, overview, parse_search, photo_ids
from phototagger.paths import default_home
from phototagger.store.tags import add_user_tag, reject_tag, search, subtree_counts
from tests.cli_helpers import run
from tests.store_helpers import add_photo


def library(db) -> dict[str, int]:
    ids = {name: add_photo(db, f"/p/{name}.jpg") for name in ("fish", "kitten", "both", "dog2")}
    ids["gone"] = add_photo(db, "/p/gone.jpg", status="missing")
    add_user_tag(db, ids["fish"], "Animals/Fish")
    add_user_tag(db, ids["kitten"], "animals/Cat/Kitten")  # NOCASE: the same branch
    add_user_tag(db, ids["kitten"], "beach")
    add_user_tag(db, ids["both"], "Animals/Fish")
    add_user_tag(db, ids["both"], "Animals/Cat")
    add_user_tag(db, ids["both"], "beach")
    add_user_tag(db, ids["dog2"], "Animals2")  # starts like 'Animals', is not below it
    add_user_tag(db, ids["dog2"], "Animals-old")
    reject_tag(db, ids["dog2"], "Animals/Dog")  # a rejection: the photo does not have it
    add_user_tag(db, ids["gone"], "Animals/Fish")  # a missing photo is never shown
    return ids


def test_a_parent_tag_finds_the_photos_of_the_tags_below_it(db) -> None:
    ids = library(db)
    fish, kitten, both, dog2 = ids["fish"], ids["kitten"], ids["both"], ids["dog2"]
    assert search(db, ["Animals"]) == [fish, kitten, both]
    assert search(db, ["animals/cat"]) == [kitten, both]
    assert search(db, ["Animals", "beach"]) == [kitten, both]
    assert search(db, any_of=["Animals/Cat", "Animals2"]) == [kitten, both, dog2]
    assert search(db, ["beach"], none_of=["Animals/Cat"]) == []
    assert search(db, any_of=["beach", "Animals2"], none_of=["Animals"]) == [dog2]
    assert search(db, ["Animals/Dog"]) == []  # rejected only
    assert search(db, ["Anim"]) == [] and search(db, ["Animals/"]) == []


def test_the_grid_filters_by_a_parent_tag_as_search_does(db) -> None:
    ids = library(db)
    cache = OrderedIds()
    for text, expected in (
        ("Animals", {"fish", "kitten", "both"}),
        ("animals, beach", {"kitten", "both"}),
        ("Animals/Cat | Animals2", {"kitten", "both", "dog2"}),
        ("-Animals", {"dog2"}),
        ("beach, -animals/cat", set()),
    ):
        wanted = {ids[name] for name in expected}
        grid_filter = parse_search(text)
        # The GUI's reader thread (cached tag photos) and the plain query agree.
        assert set(photo_ids(db, grid_filter, "name", cache)) == wanted, text
        assert set(photo_ids(db, grid_filter, "name")) == wanted, text


def test_percent_and_underscore_in_names_are_plain_characters(db) -> None:
    a = add_photo(db, "/p/a.jpg")
    b = add_photo(db, "/p/b.jpg")
    c = add_photo(db, "/p/c.jpg")
    add_user_tag(db, a, "100%/sure")
    add_user_tag(db, b, "100x/sure")  # what '%' as a LIKE pattern would match
    add_user_tag(db, c, "a_b/c")
    add_user_tag(db, b, "axb/c")  # what '_' as a LIKE pattern would match
    assert search(db, ["100%"]) == [a]
    assert search(db, ["a_b"]) == [c]
    assert search(db, ["100"]) == []


def test_the_branch_is_read_from_the_name_index(db) -> None:
    plan = " ".join(
        str(row[-1])
        for row in db.execute(
            "EXPLAIN QUERY PLAN SELECT id, name FROM tags"
            " WHERE name = ? OR (name >= ? AND name < ?)",
            ["Animals", "Animals/", "Animals0"],
        )
    )
    assert "USING" in plan and "SCAN tags" not in plan, plan


def test_the_tree_counts_each_photo_once_with_the_tags_below(db) -> None:
    library(db)
    seen = overview(db)
    # 'both' has 'Animals/Fish' and 'Animals/Cat': one photo of 'Animals', not two.
    assert {k.casefold(): n for k, n in seen.tag_totals.items()} == {
        "animals": 3,
        "animals/cat": 2,
    }
    assert dict(seen.tags)["Animals/Fish"] == 2  # a tag without tags below: its own count
    assert subtree_counts(db, ["Animals/Cat/Kitten", "nothing"]) == {
        "Animals/Cat/Kitten": 1,
        "nothing": 0,
    }


def test_search_on_the_command_line_includes_the_tags_below(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with open_library(default_home()) as lib:
        library(lib.db)
    code, out, err = run(capsys, "search", "Animals")
    assert code == 0 and out.splitlines() == ["/p/both.jpg", "/p/fish.jpg", "/p/kitten.jpg"]
    assert err == "3 photos\n"  # a group of tags is no typo: no 'there is no tag' note
    code, out, _ = run(capsys, "search", "beach", "--not", "Animals/Cat")
    assert code == 0 and out == ""
    code, out, _ = run(capsys, "search", "--any", "Animals/Cat", "Animals2")
    assert out.splitlines() == ["/p/both.jpg", "/p/dog2.jpg", "/p/kitten.jpg"]
    code, out, err = run(capsys, "search", "Animals2", "--not", "Animals")
    assert out.splitlines() == ["/p/dog2.jpg"] and "note" not in err
    code, out, err = run(capsys, "search", "Anim")
    assert out == "" and "there is no tag called 'Anim'" in err
