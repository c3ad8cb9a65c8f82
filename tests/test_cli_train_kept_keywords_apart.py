"""`train` after a run that learned a tag said "kept as they were: a tag the model already knows
is retrained once it has 5 yes and 5 no answers: 'bird' needs 4 more yes and 5 more no answers,
..." of default tags whose only answers are keywords read from the files (polish33): the user
never answered them, and the one tag they had answered was among them as if it were the same.
As for new tags, the user's own come first now and those only the files' keywords answered
after, named as such."""

from __future__ import annotations

import pytest

from phototagger.core.library import open_library
from phototagger.paths import default_home
from phototagger.store.connection import transaction
from phototagger.store.file_metadata import apply_file_keywords
from tests.cli_helpers import run
from tests.switch_helpers import synthetic_library

KEPT = (
    "kept as they were: a tag the model already knows is retrained once it has 5 yes and 5 no "
    "answers: "
)
FROM_FILES = (
    "of the tags from your files' keywords, 'bird' needs 3 more yes and 5 more no answers, "
    "'food' needs 4 more yes and 5 more no answers"
)


def _kept_after_train(capsys: pytest.CaptureFixture[str], *label: str) -> str:
    """The 'kept as they were' line of a `train` run after `label ...label` (a run that learns
    'garden')."""
    assert run(capsys, "label", *label)[0] == 0
    code, out, _ = run(capsys, "train")
    assert code == 0, out
    return next(line for line in out.splitlines() if line.startswith("kept as they were: "))


def test_train_names_default_tags_from_keywords_after_the_users_own(
    capsys: pytest.CaptureFixture[str],
) -> None:
    with open_library(default_home()) as lib:
        ids = synthetic_library(lib.db, 24)
        with transaction(lib.db):
            apply_file_keywords(lib.db, ids[0], ["bird", "food"], [])
            apply_file_keywords(lib.db, ids[1], ["bird"], [])
    garden = [f"/synthetic/{n:06d}.jpg" for n in range(6, 14)]
    assert run(capsys, "label", *garden, "--add", "garden")[0] == 0
    no_garden = [f"/synthetic/{n:06d}.jpg" for n in range(14, 22)]

    # Only the keywords' default tags are kept: said to be the files' keywords.
    assert _kept_after_train(capsys, *no_garden, "--reject", "garden") == KEPT + FROM_FILES

    # A default tag the user answered by hand comes first, the keywords' after it.
    assert run(capsys, "label", "/synthetic/000022.jpg", "--reject", "garden")[0] == 0
    assert _kept_after_train(capsys, "/synthetic/000003.jpg", "--add", "cat") == (
        KEPT + "'cat' needs 4 more yes and 5 more no answers, and " + FROM_FILES
    )
