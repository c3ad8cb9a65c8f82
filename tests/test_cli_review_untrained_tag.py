"""`review` and `scores` of a tag the model has not learned yet say what would teach it, from
how many photos have it now: give it to a few (none yet, its answers all "no"), add it to N
more (fewer than 5), or train (5 or more). "Label a few photos" to a user who just labelled
three sent them in circles. A name no photo and no answer has is no tag, and is said to be
none."""

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


def test_the_message_follows_the_photos_that_have_the_tag(
    capsys: pytest.CaptureFixture[str],
) -> None:
    with open_library(default_home()) as lib:
        synthetic_library(lib.db, 12)
    photos = [f"/synthetic/{i:06d}.jpg" for i in range(12)]
    # A name no one has used is no tag: "the model has not learned 'gran' yet" read as if it
    # were one, taught and waiting for training.
    assert _error(["review", "gran"], capsys) == (
        "phototagger: there is no tag called 'gran'; to make it a new tag, label a few photos "
        "with it and train"
    )
    # Answered "no" only: a tag of the user's, not learned yet. "label a few photos with it and
    # train" read as if they had done nothing: what is missing is a photo that has it.
    start = "phototagger: the model has not learned 'gran' yet: "
    assert main(["label", *photos[6:], "--reject", "gran"]) == 0
    capsys.readouterr()
    only_no = start + (
        "no photo has been given it yet, so there is nothing to learn it from; give it to a few "
        "photos (in the app: select them and press T; or phototagger label PATH --add gran), "
        "then train"
    )
    assert _error(["scores", "gran"], capsys) == only_no
    assert _error(["review", "gran", "--json"], capsys) == only_no
    assert main(["label", *photos[6:], "--reject", "Grandma's garden"]) == 0
    capsys.readouterr()
    assert _error(["review", "grandma's garden"], capsys) == (
        'phototagger: the model has not learned "Grandma\'s garden" yet: no photo has been '
        "given it yet, so there is nothing to learn it from; give it to a few photos (in the app: "
        "select them and press T; or phototagger label PATH --add 'Grandma'\"'\"'s garden'), then "
        "train"
    )

    # One yes, and rejections that do not count as photos having it.
    assert main(["label", photos[0], "--add", "gran"]) == 0
    capsys.readouterr()
    assert _error(["review", "gran"], capsys) == start + (
        "1 photo has it; it is learned once 5 have it (add it to 4 more, then train)"
    )
    assert main(["label", *photos[1:3], "--add", "Gran"]) == 0
    capsys.readouterr()
    assert _error(["scores", "gran"], capsys) == start + (
        "3 photos have it; it is learned once 5 have it (add it to 2 more, then train)"
    )
    assert main(["label", *photos[3:5], "--add", "gran"]) == 0
    capsys.readouterr()
    assert _error(["review", "gran", "--json"], capsys) == start + (
        "5 photos have it; train to learn it"
    )
