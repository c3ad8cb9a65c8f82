"""Renaming, merging and deleting tags keeps every decision and where each tag came from; near-
duplicate names are noticed; 'animals/dog' makes a tree."""

from __future__ import annotations

import pytest

from phototagger.core.near_meaning import wordnet_senses
from phototagger.core.tag_admin import (
    TagAdminError,
    delete_tag,
    merge_tags,
    rename_tag,
    similar_names,
    tag_changes,
    tag_tree,
)
from phototagger.store.settings import get_setting, set_setting
from phototagger.store.tags import (
    add_user_tag,
    all_tags,
    reject_tag,
    search,
    set_user_state,
    tags_of_photo,
    write_model_tags,
)
from tests.store_helpers import add_photo


def rows(db, photo_id):
    return {t.name: (t.state, t.confidence, t.model_version) for t in tags_of_photo(db, photo_id)}


def test_rename_keeps_rows_and_provenance(db) -> None:
    a = add_photo(db, "/p/a.jpg")
    b = add_photo(db, "/p/b.jpg")
    write_model_tags(db, a, {"dog": 0.91}, {"dog"}, "v1")
    add_user_tag(db, b, "dog")
    set_setting(db, "thresholds", {"dog": 0.7})
    change = rename_tag(db, "Dog", "animals/dog")
    assert (change.kind, change.name, change.new_name, change.photos) == (
        "rename",
        "dog",
        "animals/dog",
        2,
    )
    assert rows(db, a) == {"animals/dog": (None, pytest.approx(0.91), "v1")}
    assert rows(db, b) == {"animals/dog": ("added", None, None)}
    assert search(db, ["animals/dog"]) == [a, b] and search(db, ["dog"]) == []
    assert get_setting(db, "thresholds") == {"animals/dog": 0.7}
    assert [c[1:] for c in tag_changes(db)] == [("dog", "animals/dog")]


def test_merge_moves_rows_and_a_decision_beats_a_suggestion(db) -> None:
    a = add_photo(db, "/p/a.jpg")
    b = add_photo(db, "/p/b.jpg")
    c = add_photo(db, "/p/c.jpg")
    add_user_tag(db, a, "monkeys")  # only the source: moved as it is
    write_model_tags(db, b, {"monkey": 0.4}, {"monkey"}, "v1")
    add_user_tag(db, b, "monkeys")  # both: the user's decision wins, the model's score kept
    write_model_tags(db, c, {"monkey": 0.6}, {"monkey"}, "v1")
    reject_tag(db, c, "monkey")
    add_user_tag(db, c, "monkeys")  # a decision the photo has it beats a rejection
    change = merge_tags(db, "monkeys", "monkey")
    assert change.kind == "merge" and change.photos == 3
    assert rows(db, a) == {"monkey": ("added", None, None)}
    assert rows(db, b) == {"monkey": ("added", pytest.approx(0.4), "v1")}
    assert rows(db, c)["monkey"][0] == "added"
    assert "monkeys" not in [n for n, _ in all_tags(db)]


def test_rename_onto_an_existing_name_merges(db) -> None:
    a = add_photo(db, "/p/a.jpg")
    add_user_tag(db, a, "cats")
    add_user_tag(db, a, "cat")
    assert rename_tag(db, "cats", "Cat").kind == "merge"
    assert rows(db, a) == {"cat": ("added", None, None)}


def test_delete_removes_the_tag_everywhere_and_bad_names_are_refused(db) -> None:
    a = add_photo(db, "/p/a.jpg")
    add_user_tag(db, a, "blurry")
    add_user_tag(db, a, "keep")
    assert delete_tag(db, "blurry").photos == 1
    assert rows(db, a) == {"keep": ("added", None, None)}
    with pytest.raises(TagAdminError, match="no tag called 'blurry'"):
        delete_tag(db, "blurry")
    with pytest.raises(TagAdminError, match="not a tag name"):
        rename_tag(db, "keep", "animals/ /x")
    with pytest.raises(TagAdminError, match="control character"):
        rename_tag(db, "keep", "kept\tfor now")  # as `label` refuses it
    with pytest.raises(TagAdminError, match="same tag"):
        merge_tags(db, "keep", "KEEP")


def test_near_duplicate_names() -> None:
    existing = ["monkey", "dog", "animals/cat", "beach"]
    assert similar_names("monkeys", existing) == ["monkey"]
    assert similar_names("Dogs", existing) == ["dog"]
    assert similar_names("cats", existing) == ["animals/cat"]
    # Filed under a group on purpose: compared with its siblings only.
    assert similar_names("Places/Zoo/Dogs", existing) == []
    assert similar_names("Animals/Cats", existing) == ["animals/cat"]
    assert similar_names("beahc", existing) == ["beach"]  # two letters swapped
    assert similar_names("baech", existing) == []  # two vowels swapped in a short name
    assert similar_names("dog", existing) == []  # it exists: nothing to warn about
    assert similar_names("mountain", existing) == []


def test_a_name_typed_without_its_accents_looks_like_the_tag() -> None:
    """walk55: `label --add "ete a nice"` beside 'Été à Nice' made a second tag in silence,
    though search and the search box find 'Été à Nice' from those very keys (loose_key)."""
    existing = ["Été à Nice", "Äpfel", "cafe"]
    assert similar_names("ete a nice", existing) == ["Été à Nice"]
    assert similar_names("ETE A NICE", existing) == ["Été à Nice"]
    assert similar_names("apfel", existing) == ["Äpfel"]
    assert similar_names("café", existing) == ["cafe"]  # the other way round too
    assert similar_names("Été à Nice", existing) == []  # it exists: nothing to say
    assert similar_names("ete a nice 2", existing) == []  # another number, another tag


def test_a_name_ending_in_us_or_ss_is_one_already() -> None:
    """'buses' beside 'bus' was no look-alike ('bus' was read as 'bu'), and WordNet's 'fungus'
    was looked up, and named in the search hint, as 'fungu'."""
    assert similar_names("buses", ["bus"]) == ["bus"]
    assert similar_names("cactuses", ["cactus"]) == ["cactus"]
    assert similar_names("glass", ["glasses"]) == ["glasses"]
    assert similar_names("dresses", ["dress"]) == ["dress"]
    assert similar_names("Dogs", ["dog"]) == ["dog"]  # a plain plural as before
    assert wordnet_senses("Fungus")[0] == "fungus"
    assert wordnet_senses("buses") == wordnet_senses("bus") and wordnet_senses("bus")[1]


def test_tag_tree_groups_on_slashes() -> None:
    tree = tag_tree(
        [
            ("animals/dog", 5),
            ("animals/cat", 3),
            ("beach", 2),
            ("animals", 1),
            ("places/city/night", 4),
        ]
    )
    assert [n.label for n in tree] == ["animals", "beach", "places"]
    animals = tree[0]
    assert animals.count == 1 and animals.total == 9
    assert [(c.label, c.name, c.count) for c in animals.children] == [
        ("cat", "animals/cat", 3),
        ("dog", "animals/dog", 5),
    ]
    city = tree[2].children[0]
    assert tree[2].count is None and city.count is None and city.children[0].count == 4


def test_merge_keeps_a_keyword_read_from_the_file(db) -> None:
    # A 'file' row (the user's own keyword) is a decision that the photo has the tag: it beats
    # a model suggestion and keeps its state, as 'added' and 'accepted' do.
    a = add_photo(db, "/p/a.jpg")
    write_model_tags(db, a, {"pet": 0.3}, {"pet"}, "v1")
    set_user_state(db, a, "Pets", "file")
    merge_tags(db, "Pets", "pet")
    assert rows(db, a) == {"pet": ("file", pytest.approx(0.3), "v1")}
