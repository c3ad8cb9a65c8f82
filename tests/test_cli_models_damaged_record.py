"""A saved model version whose record was damaged (a disk error, a hand edit) does not vanish
without a word: `models` says why it is not listed, and `models use` says it is damaged
rather than that it does not exist. The active version stays as it was."""

from __future__ import annotations

import json

import pytest

from phototagger.cli import main
from phototagger.core.library import open_library
from phototagger.paths import LibraryHome


@pytest.fixture
def damaged_v2(home: LibraryHome) -> None:
    with open_library(home):
        pass  # a fresh library, made as the first command makes it
    home.model_versions.mkdir(parents=True, exist_ok=True)
    (home.model_versions / "v2.json").write_text("{ half a record", encoding="utf-8")


@pytest.mark.usefixtures("damaged_v2")
def test_models_says_why_a_saved_version_is_not_listed(
    capsys: pytest.CaptureFixture[str], home: LibraryHome
) -> None:
    assert main(["models", "--json"]) == 0
    out, err = capsys.readouterr()
    assert [v["version"] for v in json.loads(out)] == ["v1"]  # stdout stays pure JSON
    assert err.splitlines() == [
        "phototagger: model version v2 cannot be used: its record is not valid JSON "
        "(Expecting property name enclosed in double quotes: line 1 column 3 (char 2)). "
        f"It is left out of this list (v1 is active): put its files back from a backup, or "
        f"delete v2.json and v2.npz in {home.model_versions} to be rid of it"
    ]


@pytest.mark.usefixtures("damaged_v2")
def test_using_a_damaged_version_says_damaged_and_keeps_the_active_one(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["models", "use", "v2"]) == 3
    err = capsys.readouterr().err
    assert err.startswith("phototagger: model version v2 cannot be used: its record is not")
    assert err.count("\n") == 1
    assert main(["models", "use", "v3"]) == 3
    assert capsys.readouterr().err == "phototagger: there is no model version v3 (versions: v1)\n"
    assert main(["models", "--json"]) == 0
    assert [v["version"] for v in json.loads(capsys.readouterr().out) if v["active"]] == ["v1"]
