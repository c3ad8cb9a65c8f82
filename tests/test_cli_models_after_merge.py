"""`phototagger models` counts the tags a version still suggests: after 'cat' was merged into
'dog', v1 and a saved v2 were still listed with every column they were saved with, though
neither suggests 'cat' any more (its column is dropped as the version is loaded)."""

from __future__ import annotations

import json

import pytest

from phototagger.core.library import open_library
from phototagger.ml.heads import load_default_head
from phototagger.paths import default_home
from tests.cli_helpers import run
from tests.switch_helpers import save_second_version, synthetic_library


def test_models_counts_the_columns_left_after_a_merge(capsys: pytest.CaptureFixture[str]) -> None:
    saved = len(load_default_head().tag_names)
    with open_library(default_home()) as lib:
        synthetic_library(lib.db, 3)
    save_second_version("v2")
    code, out, _ = run(capsys, "models")
    assert code == 0
    assert f" {saved} tags from v1" in out and "since" not in out, out

    assert run(capsys, "tag", "merge", "cat", "dog")[0] == 0
    code, out, _ = run(capsys, "models")
    assert code == 0
    lines = {line.split()[0]: line for line in out.splitlines() if line.startswith("v")}
    assert f" {saved - 1} tags (1 merged or deleted since) from v1 " in lines["v2"], out
    assert f" {saved - 1} tags (1 merged or deleted since) " in lines["v1"], out
    code, out, _ = run(capsys, "models", "--json")
    listed = {v["version"]: v for v in json.loads(out)}
    assert (listed["v2"]["tags"], listed["v2"]["tags_dropped_since"]) == (saved - 1, 1)


def test_merging_a_tag_into_itself_says_the_names_as_typed(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """'tag merge dog DOG' said "'dog' and 'dog' are the same tag", the stored name twice, as
    if the user had typed one name twice."""
    with open_library(default_home()) as lib:
        synthetic_library(lib.db, 3)
    code, _, err = run(capsys, "tag", "merge", "dog", "DOG")
    assert (code, err) == (
        3,
        "phototagger: 'dog' and 'DOG' are the same tag, 'dog': nothing to merge\n",
    )
    code, _, err = run(capsys, "tag", "merge", "dog", "dog")
    assert (code, err) == (3, "phototagger: 'dog' cannot be merged into itself\n")
