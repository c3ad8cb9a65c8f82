"""`export`'s text wrote a rejected tag as "animal(rejected)", run together as no word is; it
writes "animal (rejected)" now, and --json as before (its state says "rejected")."""

from __future__ import annotations

import json

import pytest

from phototagger.core.library import open_library
from phototagger.paths import default_home
from tests.cli_helpers import run
from tests.switch_helpers import synthetic_library

PHOTO = "/synthetic/000000.jpg"


def test_export_writes_a_rejected_tag_apart_from_its_word(
    capsys: pytest.CaptureFixture[str],
) -> None:
    with open_library(default_home()) as lib:
        synthetic_library(lib.db, 2)
    assert run(capsys, "label", PHOTO, "--reject", "animal", "--add", "harbour")[0] == 0

    code, out, err = run(capsys, "export")
    assert code == 0 and err == "exported 2 photos\n"
    [line] = [line for line in out.splitlines() if line.startswith(PHOTO + "\t")]
    tags = line.split("\t")[1].split(", ")
    assert "animal (rejected)" in tags and "harbour" in tags

    records = {r["path"]: r for r in json.loads(run(capsys, "export", "--json")[1])}
    states = {t["name"]: t["state"] for t in records[PHOTO]["tags"]}
    assert (states["animal"], states["harbour"]) == ("rejected", "added")
