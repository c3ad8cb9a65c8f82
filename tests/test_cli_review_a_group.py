"""`review` (and `scores`) of a group, a tag that only holds other tags ('Places' over
'Places/Beach' and 'Places/Paris'): it said "label a few photos with it and train" though a
dozen photos were under it. It now says what a group is, how many photos are under it, and which
of its tags to review (or, none learned yet, what teaches the first)."""

from __future__ import annotations

import json

import pytest

from phototagger.core.library import open_library
from phototagger.paths import default_home
from tests.cli_helpers import run
from tests.switch_helpers import synthetic_library, two_taught_tags


def _error(capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    code, out, err = run(capsys, *argv)
    assert code == 3 and out == "" and err.count("\n") == 1, (code, out, err)
    return err.strip()


def test_a_group_not_learned_yet_names_its_tags_and_what_teaches_them(
    capsys: pytest.CaptureFixture[str],
) -> None:
    with open_library(default_home()) as lib:
        synthetic_library(lib.db, 12)
    photos = [f"/synthetic/{i:06d}.jpg" for i in range(12)]
    assert run(capsys, "label", *photos[:7], "--add", "Places/Beach")[0] == 0
    assert run(capsys, "label", *photos[7:], "--add", "Places/Paris")[0] == 0
    assert _error(capsys, "review", "Places") == (
        "phototagger: 'Places' is a group, not a tag the model learns: it holds 2 tags under "
        "it ('Places/Beach', 'Places/Paris'), on 12 photos; none of them is learned yet "
        "('Places/Beach': 7 photos have it; train to learn it)"
    )


def test_a_group_whose_tags_are_learned_sends_to_one_of_them(
    capsys: pytest.CaptureFixture[str],
) -> None:
    with open_library(default_home()) as lib:
        two_taught_tags(lib, "Places/Beach", "Places/Paris")
    under = len(json.loads(run(capsys, "search", "Places", "--json")[1]))  # as search counts
    assert under >= 10
    for command in ("review", "scores"):
        message = _error(capsys, command, "places")
        assert message.startswith("phototagger: 'places' is a group, not a tag the model learns")
        assert f"on {under} photos; review one of them instead (e.g. 'Places/Beach')" in message
        assert "label a few" not in message
    code, out, _ = run(capsys, "review", "Places/Beach", "--limit", "3")
    assert code == 0 and len(out.splitlines()) == 3
