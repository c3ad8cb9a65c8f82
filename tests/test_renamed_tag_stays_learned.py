"""A tag the model learned and the user then renamed (Tags ▸ Manage Tags) is still learned
under its new name: the Train page does not list it as waiting to be learned, and a training
run with nothing else new is refused, rather than fitting the tag again from the start, as if
its decisions had never been seen (the Train page said "yes" for 'animals/herptiles' right
after renaming the learned 'herps', and the next version refitted it)."""

from __future__ import annotations

import pytest

from phototagger.core import labels
from phototagger.core.errors import NothingToLearn
from phototagger.core.library import Library, open_library
from phototagger.core.model.activation import activate_version
from phototagger.core.retrain import train_candidate, training_overview
from phototagger.core.tag_admin import merge_tags, rename_tag
from phototagger.paths import default_home
from tests.switch_helpers import synthetic_library, two_taught_tags


def _learned(lib: Library, name: str) -> bool:
    return next(t for t in training_overview(lib).tags if t.name == name).learned


def test_a_renamed_learned_tag_is_still_learned() -> None:
    with open_library(default_home()) as lib:
        ids = synthetic_library(lib.db, 60)
        labels.apply_edits(lib.db, labels.decision_edits(ids[:10], "herps", "add"))
        labels.apply_edits(lib.db, labels.decision_edits(ids[10:40], "herps", "reject"))
        activate_version(lib, train_candidate(lib).version)
        assert _learned(lib, "herps")

        rename_tag(lib.db, "herps", "animals/herptiles")

        assert _learned(lib, "animals/herptiles")
        with pytest.raises(NothingToLearn):
            train_candidate(lib)


def test_the_next_version_says_how_it_learned_the_tag_under_its_new_name() -> None:
    # A version trained after a rename or merge listed "herps: like WordNet 'amphibian'..." in
    # Model ▸ Versions: the tag was 'animals/herptiles', or merged into 'reptile' and gone.
    with open_library(default_home()) as lib:
        ids = two_taught_tags(lib, "herps", "frogs")[0]

        rename_tag(lib.db, "herps", "animals/herptiles")
        merge_tags(lib.db, "frogs", "animal")
        labels.apply_edits(lib.db, labels.decision_edits(ids[40:41], "dog", "add"))
        learned = lib.models.record(train_candidate(lib).version).learned
        assert "animals/herptiles" in learned
        assert not {"herps", "frogs"} & set(learned)
