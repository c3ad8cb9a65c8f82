"""The model commands name a keyword with a slash in it ('AC/DC', 'B/W') as `tags` and `export`
do: with its '/'. `train` (its lines, its table, its summary and --json), `models` (the
summaries, --json's learned tags), `models use` (the tags a rollback gives up) and `stats`
printed the library's stored lookalike slash (U+2215) instead, and `review AC/DC` and
`scores AC/DC` said "the model has no output for 'AC/DC' yet" of a keyword it had learned."""

from __future__ import annotations

import json

import pytest

from phototagger.core import labels
from phototagger.core.library import open_library
from phototagger.paths import default_home
from tests.cli_helpers import run
from tests.slash_helpers import AC_DC
from tests.switch_helpers import save_version_record, two_taught_tags

B_W = "Bands/B\u2215W"  # the keyword B/W below Bands, as the library holds it
STORED = "\u2215"


def _said(capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    code, out, err = run(capsys, *argv)
    assert code == 0, err
    assert STORED not in out + err, out + err
    return out


@pytest.fixture
def taught() -> None:
    """60 synthetic photos; AC/DC and Bands/B/W taught, learned by the active version, and
    answered on more photos since (something new to train on)."""
    with open_library(default_home()) as lib:
        ids, _version = two_taught_tags(lib, AC_DC, B_W)
        labels.apply_edits(lib.db, labels.decision_edits(ids[40:46], AC_DC, "add"))
        labels.apply_edits(lib.db, labels.decision_edits(ids[46:50], B_W, "add"))


@pytest.mark.usefixtures("taught")
def test_stats(capsys: pytest.CaptureFixture[str]) -> None:
    stats = _said(capsys, "stats")
    assert {"AC/DC", "Bands/B/W"} <= {line.split()[0] for line in stats.splitlines()}
    tags = {t["name"] for t in json.loads(_said(capsys, "stats", "--json"))["tags"]}
    assert {"AC/DC", "Bands/B/W"} <= tags


@pytest.mark.usefixtures("taught")
def test_models(capsys: pytest.CaptureFixture[str]) -> None:
    listed = _said(capsys, "models")
    assert "learned AC/DC, Bands/B/W" in listed
    learned = json.loads(_said(capsys, "models", "--json"))[1]["learned"]
    assert set(learned) == {"AC/DC", "Bands/B/W"}
    # A version saved before: its summary holds the stored names.
    save_version_record(
        "v3", {"parent": "v2", "created_at": "2026-12-01T00:00:00", "summary": f"learned {AC_DC}"}
    )
    assert json.loads(_said(capsys, "models", "--json"))[2]["summary"] == "learned AC/DC"


@pytest.mark.usefixtures("taught")
def test_review_and_scores_find_it_as_typed(capsys: pytest.CaptureFixture[str]) -> None:
    assert "/synthetic/" in _said(capsys, "review", "AC/DC")
    assert json.loads(_said(capsys, "scores", "--json", "Bands/B/W"))


@pytest.mark.usefixtures("taught")
def test_train_and_a_rollback(capsys: pytest.CaptureFixture[str]) -> None:
    # Kept from being made active (it measured worse than v2 while v2 was tested on answers it
    # had learned from), so the next run below still has something new to learn.
    trained = _said(capsys, "train", "--no-activate")
    assert "  AC/DC: " in trained and "  Bands/B/W: " in trained
    assert any(line.startswith("AC/DC ") for line in trained.splitlines())  # the table's row
    result = json.loads(_said(capsys, "train", "--json", "--force"))
    assert {m["tag"] for m in result["metrics"]} == {"AC/DC", "Bands/B/W"}
    assert set(result["counts"]["learned"]) == {"AC/DC", "Bands/B/W"}
    assert {c["tag"] for c in result["changes"]} <= {"AC/DC", "Bands/B/W"}

    back = _said(capsys, "models", "use", "v1")
    assert "v1 does not know 'AC/DC', 'Bands/B/W'" in back
