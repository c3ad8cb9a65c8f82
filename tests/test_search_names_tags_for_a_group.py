"""walk52: "monkeys", taught in the app from primates, was "learned like WordNet 'primate'", yet
searching "primate" or "ape" in the search box said only "No photos match: no tag is called
“primate”" (and `search primate` "there is no tag called 'primate'"). A name that is no tag but
names a WordNet group now names the tags that take in every class of it: the tag learned like
it, and the built-in 'monkey' (core/word_tags.py); 'animal', which takes them in too, is not
named beside narrower ones."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from phototagger.core.labels import label_paths
from phototagger.core.library import open_library
from phototagger.paths import default_home
from tests.cli_helpers import run
from tests.gui_helpers import open_window, search_for
from tests.switch_helpers import synthetic_library
from tests.taught_tags import taught

PRIMATE = "n02469914"  # WordNet's 'primate' (models/wordnet_closure.json)


def _monkeys_learned_like_primate() -> None:
    """A synthetic library whose active v2 has "monkeys" learned like WordNet 'primate' (as
    `train` records it), on one photo, and the built-in 'monkey' and 'animal' on others."""
    with open_library(default_home()) as lib:
        synthetic_library(lib.db, 10)
        taught(lib, "monkeys", {"gibbon": 1.0, "siamang": 1.0})
        record = lib.home.model_versions / "v2.json"
        data = json.loads(record.read_text("utf-8"))
        data["learned"] = {
            "monkeys": {"how": "concept", "label": "like WordNet 'primate'", "synsets": [PRIMATE]}
        }
        record.write_text(json.dumps(data), "utf-8")
        paths = [f"/synthetic/{i:06d}.jpg" for i in range(3)]
        label_paths(lib.db, paths[:1], add=["monkeys"])
        label_paths(lib.db, paths[1:2], add=["monkey"])
        label_paths(lib.db, paths[2:], add=["animal"])


def test_the_search_box_names_the_tags_that_take_in_a_group(qtbot: QtBot, tmp_path: Path) -> None:
    _monkeys_learned_like_primate()
    window = open_window(qtbot, None, tmp_path)
    search_for(qtbot, window, "primate")
    assert window.header.text() == (
        "No photos match: no tag or file name matches “primate”; look at "
        "“monkeys” or “monkey” (each takes in every kind of primate the tagger knows)"
    )
    search_for(qtbot, window, "apes")
    assert window.header.text() == (
        "No photos match: no tag or file name matches “apes”; look at "
        "“monkeys” or “monkey” (each takes in every kind of ape the tagger knows)"
    )
    # A name WordNet does not have is said as before.
    search_for(qtbot, window, "zzyzx")
    assert window.header.text() == "No photos match: no tag or file name matches “zzyzx”"


def test_search_names_the_tags_that_take_in_a_group(capsys: pytest.CaptureFixture[str]) -> None:
    _monkeys_learned_like_primate()
    code, _, err = run(capsys, "search", "primate")
    assert code == 0, err
    assert (
        "phototagger: note: there is no tag called 'primate': look at 'monkeys' or 'monkey' "
        "(each takes in every kind of primate the tagger knows)"
    ) in err.splitlines()
