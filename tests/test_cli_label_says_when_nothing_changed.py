"""`label PHOTO --remove dog` on a photo without dog said "labelled 1 photo" and exit 0: as if
something had changed. It says which photos were already as asked, and that nothing changed on
them (--json lists them under "unchanged"); a decision that changes a photo reads as before."""

from __future__ import annotations

import json

import pytest

from phototagger.core.library import open_library
from phototagger.paths import default_home
from tests.cli_helpers import run
from tests.switch_helpers import shown_tags, synthetic_library

A, B = "/synthetic/000001.jpg", "/synthetic/000002.jpg"


def test_label_says_which_photos_were_already_as_asked(
    capsys: pytest.CaptureFixture[str],
) -> None:
    with open_library(default_home()) as lib:
        ids = synthetic_library(lib.db, 6)
        before = shown_tags(lib.db)

    assert run(capsys, "label", A, "--add", "zoo")[:2] == (0, "labelled 1 photo\n")
    code, out, _ = run(capsys, "label", B, "--remove", "zoo")  # B has no zoo
    assert (code, out) == (0, "nothing changed: the photo was already as you said\n")
    code, out, _ = run(capsys, "label", A, B, "--add", "zoo")
    assert (code, out) == (
        0,
        "labelled 2 photos; 1 of them was already as you said (nothing changed there)\n",
    )
    code, out, _ = run(capsys, "label", A, B, "--add", "zoo", "--json")
    assert json.loads(out)["unchanged"] == [A, B]
    with open_library(default_home()) as lib:
        after = shown_tags(lib.db)
    assert all(after[i] == before[i] | {"zoo"} for i in ids[1:3])

    code, out, _ = run(capsys, "label", B, "--remove", "zoo")
    assert (code, out) == (0, "removed 'zoo' from 1 photo\n")
