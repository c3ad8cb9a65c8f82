"""A new tag that differs from an existing one only in a number ("trip 2024" beside "trip 2023")
is another tag, not a typo: no lookalike note on the command line (and no "which did you mean?"
in the app). A plural or a typo still gets one."""

from __future__ import annotations

import pytest

from phototagger.cli import main
from phototagger.core.library import open_library
from phototagger.core.tag_admin import similar_names
from phototagger.paths import default_home
from tests.switch_helpers import synthetic_library


def test_names_apart_by_a_number_are_not_lookalikes() -> None:
    existing = ["trip 2023", "kid 1", "day1", "monkey", "beach"]
    assert similar_names("trip 2024", existing) == []
    assert similar_names("kid 2", existing) == []
    assert similar_names("day2", existing) == []
    assert similar_names("trip 2023s", existing) == ["trip 2023"]  # same number, a plural
    assert similar_names("Trrip 2023", existing) == ["trip 2023"]  # same number, a typo
    # Not a typo of it but the tag itself: a name's runs of spaces are one (tag_names.spaced_once)
    assert similar_names("Trip  2023", existing) == []
    assert similar_names("monkeys", existing) == ["monkey"]


def test_label_prints_no_note_for_next_year(capsys: pytest.CaptureFixture[str]) -> None:
    with open_library(default_home()) as lib:
        synthetic_library(lib.db, 2)
    assert main(["label", "/synthetic/000000.jpg", "--add", "trip 2023"]) == 0
    assert main(["label", "/synthetic/000001.jpg", "--add", "trip 2024"]) == 0
    assert capsys.readouterr().err == ""
    assert main(["label", "/synthetic/000001.jpg", "--add", "trips 2024"]) == 0
    assert "'trips 2024' is a new tag, but 'trip 2024' exists" in capsys.readouterr().err


def test_another_person_in_the_same_group_is_not_a_lookalike() -> None:
    # Close by their long shared group alone: the app asked "Use People (keywords)/Anna?" for
    # every new person typed.
    existing = ["People (keywords)/Anna", "Places/Paris", "animals/cat"]
    assert similar_names("people (keywords)/carl", existing) == []
    assert similar_names("People (keywords)/Zoltan", existing) == []
    # A typo is still one, in the last level or in the group.
    assert similar_names("People (keywords)/Ana", existing) == ["People (keywords)/Anna"]
    assert similar_names("Plaecs/Paris", existing) == ["Places/Paris"]
    assert similar_names("animals/cats", existing) == ["animals/cat"]
