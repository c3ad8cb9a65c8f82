"""`phototagger train` in a library whose only tags not learned yet come from the files'
keywords refused with "a new tag is learned once 5 photos have it: '20s' has 1 (add it to 4
more), 'Adult' has 1…": tags the user never made, and never a word that they had answered
nothing new. It says that first now, then what the keywords need."""

from __future__ import annotations

import pytest

from phototagger.core.library import open_library
from phototagger.paths import default_home
from phototagger.store.connection import transaction
from phototagger.store.file_metadata import apply_file_keywords
from phototagger.store.states import TagOrigin
from phototagger.store.tags import ensure_tag
from tests.cli_helpers import run
from tests.switch_helpers import synthetic_library

NOTHING_NEW = (
    "phototagger: no new decisions since v1 learned: accept, reject or add tags, then train; "
)


def test_train_says_nothing_new_was_answered_before_the_keywords(
    capsys: pytest.CaptureFixture[str],
) -> None:
    with open_library(default_home()) as lib:
        ids = synthetic_library(lib.db, 12)
        with transaction(lib.db):
            apply_file_keywords(lib.db, ids[0], ["Adult", "Back Pain", "people"], [])
            apply_file_keywords(lib.db, ids[1], ["Adult"], [])
    for argv in (["train"], ["train", "--json"]):
        code, out, err = run(capsys, *argv)
        assert (code, out) == (3, "")
        assert err.splitlines()[-1].startswith(
            NOTHING_NEW + "a new tag is learned once 5 photos have it: of the tags from your "
            "files' keywords, 'Adult' has 2 (add it to 3 more), 'Back Pain' has 1 (add it to 4 "
            "more)"
        )

    # A tag the user is teaching by hand leads, as before.
    assert run(capsys, "label", "/synthetic/000005.jpg", "--add", "grandma")[0] == 0
    code, _, err = run(capsys, "train")
    assert code == 3
    assert err.splitlines()[-1].startswith(
        "phototagger: a new tag is learned once 5 photos have it: 'grandma' has 1 (add it to 4 "
        "more), and 3 tags from your files' keywords wait too"
    )


def test_face_detector_tags_from_keywords_are_named_as_keywords(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """'people' read from a file's keywords was said to come "from the face detector: your
    answers on it stay on those photos", to a user who had answered nothing about it."""
    with open_library(default_home()) as lib:
        ids = synthetic_library(lib.db, 12)
        ensure_tag(lib.db, "people", TagOrigin.DETECTOR)  # as a scan with faces leaves it
        with transaction(lib.db):
            apply_file_keywords(lib.db, ids[0], ["Adult", "people"], [])
    code, out, err = run(capsys, "train")
    assert (code, out) == (3, "")
    assert err.splitlines()[-1] == (
        NOTHING_NEW + "a new tag is learned once 5 photos have it: of the tags from your files' "
        "keywords, 'Adult' has 1 (add it to 4 more); 'people' from your files' keywords is a "
        "tag of the face detector's: the keywords stay on those photos, and the tagger does not "
        "learn it"
    )
    assert "your answers" not in err and "comes from the face detector" not in err


def test_a_keyword_on_a_tag_the_model_knows_waits_as_a_keyword(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Found in the app after "monkeys" was taught and applied: a file's keyword 'food' (a tag
    the default tagger has) made the page lead with "a tag the model already knows is retrained
    once it has 5 yes and 5 no answers: 'food' needs 4 more yes…", and never said that nothing
    new had been answered."""
    with open_library(default_home()) as lib:
        ids = synthetic_library(lib.db, 12)
        with transaction(lib.db):
            apply_file_keywords(lib.db, ids[0], ["food", "Adult"], [])
    code, out, err = run(capsys, "train")
    assert (code, out) == (3, "")
    assert err.splitlines()[-1].startswith(
        NOTHING_NEW + "a tag the model already knows is retrained once it has 5 yes and 5 no "
        "answers: of the tags from your files' keywords, 'food' needs 4 more yes and 5 more no "
        "answers; a new tag is learned once 5 photos have it: of the tags from your files' "
        "keywords, 'Adult' has 1 (add it to 4 more)"
    ), err


def test_a_train_that_learns_names_the_users_waiting_tag_before_the_keywords(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """polish28, 'kitchen things' taught on a det-photos library whose files carry 32 keywords:
    `train` learned it, then said "not learned yet: a new tag is learned once 5 photos have it:
    '20s' has 1 (add it to 4 more), 'Adult' has 1 … and 27 more new tags", and 'toaster', the
    one tag the user had started by hand, was among the 27. As when nothing is learned, the
    user's own tags now come first and the keywords are counted after them."""
    with open_library(default_home()) as lib:
        ids = synthetic_library(lib.db, 24)
        with transaction(lib.db):
            for i, words in enumerate(
                (["20s", "Adult", "Back Pain"], ["Adult", "Casual"], ["Black", "Fit", "Male"])
            ):
                apply_file_keywords(lib.db, ids[i], words, [])
    yes = [f"/synthetic/{n:06d}.jpg" for n in range(6, 14)]
    no = [f"/synthetic/{n:06d}.jpg" for n in range(14, 22)]
    assert run(capsys, "label", *yes, "--add", "garden")[0] == 0
    assert run(capsys, "label", *no, "--reject", "garden")[0] == 0
    # Only the keywords wait: said as such, and not as a refusal ("no new decisions").
    code, out, _ = run(capsys, "train")
    assert code == 0, out
    waiting = next(line for line in out.splitlines() if line.startswith("not learned yet: "))
    assert waiting.startswith(  # 7 keywords: counted, the closest to being learned named
        "not learned yet: a new tag is learned once 5 photos have it: 7 tags from your files' "
        "keywords are on fewer photos ('Adult', '20s', 'Back Pain' and 4 more; "
    )

    assert run(capsys, "label", "/synthetic/000003.jpg", "--add", "toaster")[0] == 0
    assert run(capsys, "label", "/synthetic/000022.jpg", "--reject", "garden")[0] == 0
    code, out, _ = run(capsys, "train")
    assert code == 0, out
    waiting = next(line for line in out.splitlines() if line.startswith("not learned yet: "))
    assert waiting == (
        "not learned yet: a new tag is learned once 5 photos have it: 'toaster' has 1 (add it to "
        "4 more), and 7 tags from your files' keywords wait too"
    )
