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
        "phototagger: there is no tag called 'animl': did you mean 'animal'?"
    )
    assert _error(["scores", "Animals", "--json"], capsys) == (
        "phototagger: there is no tag called 'Animals': did you mean 'animal'?"
    )
    # A name like none of the model's tags is still told how to teach it.
    assert _error(["review", "gran"], capsys) == (
        "phototagger: there is no tag called 'gran'; to make it a new tag, label a few photos "
        "with it and train"
    )
    # Photos labelled with the typo: how to teach it, and the tag it may have been meant as.
    assert main(["label", "/synthetic/000000.jpg", "--add", "animl"]) == 0
    capsys.readouterr()
    assert _error(["review", "animl"], capsys) == (
        "phototagger: the model has not learned 'animl' yet: 1 photo has it; it is learned "
        "once 5 have it (add it to 4 more, then train); or did you mean 'animal'?"
    )


def test_a_short_slip_names_the_learned_tag(capsys: pytest.CaptureFixture[str]) -> None:
    """'dgo' (a ratio of 0.67 to 'dog', under the lookalike cut-off of 0.85) was told to be
    labelled and trained; two letters swapped or one doubled in a short name read as the slip
    they are, a word one other letter away ('fog', 'boar') as the word it is."""
    with open_library(default_home()) as lib:
        synthetic_library(lib.db, 6)
    for argv in (["review", "dgo"], ["scores", "dgo"], ["review", "dogg"]):
        assert _error(argv, capsys) == (
            f"phototagger: there is no tag called {argv[1]!r}: did you mean 'dog'?"
        )
    assert _error(["review", "hrose"], capsys) == (
        "phototagger: there is no tag called 'hrose': did you mean 'horse'?"
    )
    for word in ("fog", "boar", "god"):
        assert _error(["review", word], capsys) == (
            f"phototagger: there is no tag called {word!r}; to make it a new tag, label a few "
            "photos with it and train"
        )
    # `label` says it of the slip, and of no other word.
    assert main(["label", "/synthetic/000000.jpg", "--add", "dgo", "--add", "fog"]) == 0
    out, err = capsys.readouterr()
    assert "'dgo' is a new tag, but 'dog' exists" in out + err
    assert "'fog' is a new tag" not in out + err


def test_a_word_of_its_own_is_no_slip(capsys: pytest.CaptureFixture[str]) -> None:
    """'cart' read as 'cat', 'spot' as 'sport', 'fountain' as 'mountain' (difflib's ratio of
    0.85 or more, a letter added, left out or changed), and 'diary' as a slip of a 'dairy' tag
    (two letters swapped): the user was asked about a tag they did not mean. A slip is now one
    swap, a letter doubled or a doubled one typed once; a letter left out or added inside a name
    of 6 letters or more, and two vowels swapped there. 'dgos', 'catt', 'persn' still read as
    the slips they are."""
    with open_library(default_home()) as lib:
        synthetic_library(lib.db, 6)
    for word in ("cart", "spot", "fountain", "boa"):
        assert _error(["review", word], capsys) == (
            f"phototagger: there is no tag called {word!r}; to make it a new tag, label a few "
            "photos with it and train"
        )
    for typed, meant in (("dgos", "dog"), ("catt", "cat"), ("mountian", "mountain")):
        assert _error(["review", typed], capsys) == (
            f"phototagger: there is no tag called {typed!r}: did you mean {meant!r}?"
        )
    # label's note, on the user's own tags.
    assert main(["label", "/synthetic/000000.jpg", "--add", "dairy", "--add", "person"]) == 0
    capsys.readouterr()
    assert main(["label", "/synthetic/000001.jpg", "--add", "diary", "--add", "persn"]) == 0
    err = capsys.readouterr().err
    assert "'persn' is a new tag, but 'person' exists" in err
    assert "'diary'" not in err


def test_a_name_that_is_no_word_a_key_or_two_off_is_asked_about(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """cli23's slips rule (6c65a6c) let 'trian', 'frut', 'vehical', 'pizz', 'lak' and a last
    letter left out ('seasid') through as new names to label and train: the same keys as
    'diary' for 'dairy' or 'spot' for 'sport', which are words. A name that is no word of
    English, one key from a tag (two in a name of 7 letters or more), is asked about, with how
    to teach it as a new tag; a word of its own ('cart', 'boa', 'diary') still is not, and
    `label` makes either without a note."""
    with open_library(default_home()) as lib:
        synthetic_library(lib.db, 6)
    for typed, meant in (
        ("trian", "train"),
        ("frut", "fruit"),
        ("vehical", "vehicle"),
        ("pizz", "pizza"),
        ("lak", "lake"),
    ):
        assert _error(["review", typed], capsys) == (
            f"phototagger: there is no tag called {typed!r}: did you mean {meant!r}? To make "
            "it a new tag, label a few photos with it and train"
        )
    assert "did you mean 'fruit'?" in _error(["scores", "Frut"], capsys)
    for word in ("cart", "boa", "diary", "gran"):
        assert _error(["review", word], capsys) == (
            f"phototagger: there is no tag called {word!r}; to make it a new tag, label a few "
            "photos with it and train"
        )
    # A tag of the user's own, its last letter left out, in search; and new names made without
    # a note, words or not ('Tim' beside 'Tom' is another person).
    labels = ["--add", "seaside", "--add", "Tom"]
    assert main(["label", "/synthetic/000000.jpg", *labels]) == 0
    capsys.readouterr()
    assert main(["search", "seasid"]) == 0
    assert capsys.readouterr().err.splitlines() == [
        "phototagger: note: there is no tag called 'seasid': did you mean 'seaside'?",
        "0 photos",
    ]
    assert main(["label", "/synthetic/000001.jpg", "--add", "Tim", "--add", "diary"]) == 0
    out, err = capsys.readouterr()
    assert "new tag" not in out + err
