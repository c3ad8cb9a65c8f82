"""`label PATH... --remove TAG` said "labelled 2 photos" though it took a tag off: read after
the fact, it looked as if a tag had gone on. It says "removed 'zoo' from 2 photos", as the
app's status line says "Removed “zoo” from 2 photos"; with --add or --reject beside it, the
command did several things and still says "labelled"."""

from __future__ import annotations

import json

import pytest

from phototagger.core.library import open_library
from phototagger.paths import default_home
from tests.cli_helpers import run
from tests.switch_helpers import shown_tags, synthetic_library

A, B, C = (f"/synthetic/{i:06d}.jpg" for i in range(1, 4))


def test_remove_says_what_it_took_off(capsys: pytest.CaptureFixture[str]) -> None:
    with open_library(default_home()) as lib:
        ids = synthetic_library(lib.db, 6)
    assert run(capsys, "label", A, B, C, "--add", "zoo", "--add", "pets")[:2] == (
        0,
        "labelled 3 photos\n",
    )
    assert run(capsys, "label", A, B, "--remove", "zoo ") == (
        0,
        "removed 'zoo' from 2 photos\n",
        "",
    )
    # Two tags, and a photo that no longer had one of them: said as --reject says it.
    assert run(capsys, "label", A, C, "--remove", "zoo", "--remove", "pets") == (
        0,
        "removed 'zoo' and 'pets' from 2 photos\n",
        "",
    )
    with open_library(default_home()) as lib:
        assert not {"zoo", "pets"} & (shown_tags(lib.db)[ids[1]] | shown_tags(lib.db)[ids[3]])
    # A "no" taken back is said as that ("removed 'zoo'" read as if a tag had gone).
    assert run(capsys, "label", A, "--reject", "zoo")[0] == 0
    assert run(capsys, "label", A, B, "--remove", "zoo") == (
        0,
        "took back your 'no' to 'zoo' on 1 photo; 1 other photo was already as you said "
        "(nothing changed there)\n",
        "",
    )
    with open_library(default_home()) as lib:
        assert "zoo" not in shown_tags(lib.db)[ids[0]]
    # A name that is no tag took nothing off: its error says so, and the summary leaves it out.
    code, out, err = run(capsys, "label", B, "--remove", "pets", "--remove", "petz")
    assert (code, out) == (1, "removed 'pets' from 1 photo\n")
    assert err == "phototagger: there is no tag called 'petz': nothing removed\n"
    # With an addition beside it, several things were done: "labelled", as before.
    assert run(capsys, "label", C, "--remove", "zoo", "--add", "pets") == (
        0,
        "labelled 1 photo\n",
        "",
    )


def test_remove_says_which_nos_it_took_back(capsys: pytest.CaptureFixture[str]) -> None:
    """One `--remove` that takes some tags off and takes back the user's "no" on others says
    both, each with the photos it changed."""
    with open_library(default_home()) as lib:
        synthetic_library(lib.db, 6)
    assert run(capsys, "label", B, C, "--add", "zoo")[0] == 0
    assert run(capsys, "label", A, B, "--reject", "pets")[0] == 0
    assert run(capsys, "label", A, "--reject", "zoo")[0] == 0
    assert run(capsys, "label", A, B, C, "--remove", "zoo", "--remove", "pets") == (
        0,
        "removed 'zoo' from 2 photos; took back your 'no' to 'zoo' and 'pets' on 2 photos\n",
        "",
    )
    assert run(capsys, "label", A, "--reject", "zoo")[0] == 0
    assert run(capsys, "label", A, "--remove", "zoo") == (
        0,
        "took back your 'no' to 'zoo' on 1 photo\n",
        "",
    )


def test_json_says_which_tags_it_took_off_and_which_nos_it_took_back(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """`label --remove --json` gave "labelled", "errors", "unchanged" and "unreadable" only: a
    script could not tell a tag taken off from a "no" taken back, which the text line says
    apart. "removed" and "took_back" give each tag the photos it changed ({} where none, for
    every label command)."""
    with open_library(default_home()) as lib:
        synthetic_library(lib.db, 6)
    code, out, _ = run(capsys, "label", A, B, C, "--add", "zoo", "--json")
    assert code == 0
    assert (json.loads(out)["removed"], json.loads(out)["took_back"]) == ({}, {})
    assert run(capsys, "label", A, B, "--reject", "pets")[0] == 0
    assert run(capsys, "label", A, "--reject", "zoo")[0] == 0
    code, out, _ = run(capsys, "label", A, B, C, "--remove", "zoo ", "--remove", "pets", "--json")
    assert code == 0
    assert json.loads(out) == {
        "labelled": [A, B, C],
        "errors": [],
        "unchanged": [],
        "unreadable": [],
        "removed": {"zoo": [B, C]},
        "took_back": {"zoo": [A], "pets": [A, B]},
    }
    # Nothing left to take off: the same fields, empty.
    code, out, _ = run(capsys, "label", A, "--remove", "zoo", "--json")
    assert json.loads(out) == {
        "labelled": [A],
        "errors": [],
        "unchanged": [A],
        "unreadable": [],
        "removed": {},
        "took_back": {},
    }
