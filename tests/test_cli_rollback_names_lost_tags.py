"""`phototagger models use v1` after teaching a tag: the tag vanished from every photo the user
had not tagged, and the command said only "v1 is now active; 60 photos re-tagged" (now: how many
photos' tags changed, counted by the switch). It now names
the tags the version switched to does not know, says the user's own stay, and how to return."""

from __future__ import annotations

import json

import pytest

from phototagger.core.library import open_library
from phototagger.core.model.review import tag_scores
from phototagger.paths import default_home
from tests.cli_helpers import run
from tests.switch_helpers import shown_tags, two_taught_tags


def test_rolling_back_names_the_tags_it_gives_up(capsys: pytest.CaptureFixture[str]) -> None:
    with open_library(default_home()) as lib:
        _ids, version = two_taught_tags(lib, "pets", "herps")
        before = shown_tags(lib.db)
    code, out, _err = run(capsys, "models", "use", "v1")
    assert code == 0
    with open_library(default_home()) as lib:
        after = shown_tags(lib.db)
    # It says how many photos' tags changed (all 60 were scored again: that was the old line).
    changed = sum(before[p] != after[p] for p in before)
    assert 0 < changed < 60
    # And which tags moved: a photographer rolling back wants to know (it said only how many
    # photos). Only 'pets' went (the user's own 'herps' stay, v1 suggests neither); none came.
    gone = {t: sum(t in before[p] and t not in after[p] for p in before) for t in ("herps", "pets")}
    assert all(after[p] <= before[p] for p in before) and set(gone.values()) == {0, changed}
    moved = f"pets: {changed} photos fewer"
    assert out.splitlines()[0] == f"v1 is now active; {changed} photos' tags changed ({moved})"
    assert out.splitlines()[1] == (
        "v1 does not know 'herps', 'pets': it suggests them on no photo; the photos you "
        f"tagged keep them (back: phototagger models use {version})"
    )
    with open_library(default_home()) as lib, pytest.raises(Exception, match="not know 'pets'"):
        tag_scores(lib, "pets")  # it is so: v1 has no figure for it
    code, out, _err = run(capsys, "models", "--json", "use", version)
    moves = {"pets": {"more": changed, "fewer": 0}}
    back = {
        "active": version,
        "retagged": 60,
        "changed": changed,
        "tags_moved": moves,
        "tags_it_lacks": [],
    }
    assert json.loads(out) == back
