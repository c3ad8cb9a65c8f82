"""`review` and `scores` of a misspelt tag name the tag the model learned: 'review animl' told
the user to label a few photos with 'animl' and train, which would have made a second tag
beside 'animal' instead of showing the photos they asked about."""

from __future__ import annotations

import pytest

from phototagger.cli import main
from phototagger.core.library import open_library
from phototagger.paths import default_home
from tests.switch_helpers import synthetic_library


def _error(argv: list[str], capsys: pytest.CaptureFixture[str]) -> str:
    assert main(argv) == 3
    out, err = capsys.readouterr()
    assert out == "" and err.count("\n") == 1
    return err.strip()


def test_a_typo_names_the_learned_tag(capsys: pytest.CaptureFixture[str]) -> None:
    with open_library(default_home()) as lib:
        synthetic_library(lib.db, 6)
    assert _error(["review", "animl"], capsys) == (
        "phototagger: the model has not learned 'animl': did you mean 'animal'?"
    )
    assert _error(["scores", "Animals", "--json"], capsys) == (
        "phototagger: the model has not learned 'Animals': did you mean 'animal'?"
    )
    # A name like none of the model's tags is still told how to teach it.
    assert _error(["review", "gran"], capsys) == (
        "phototagger: the model has no output for 'gran' yet: label a few photos with it and train"
    )
    # Photos labelled with the typo: how to teach it, and the tag it may have been meant as.
    assert main(["label", "/synthetic/000000.jpg", "--add", "animl"]) == 0
    capsys.readouterr()
    assert _error(["review", "animl"], capsys) == (
        "phototagger: the model has no output for 'animl' yet: 1 photo has it; it is learned "
        "once 5 have it (add it to 4 more, then train); or did you mean 'animal'?"
    )
