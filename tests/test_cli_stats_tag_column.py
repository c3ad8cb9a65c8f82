"""`phototagger stats` printed each tag as '{name:<24} {count:>8}': a name over 28 characters
pushed its count to the right, out of the column. The names column is as wide as the longest
name up to 40 columns now, the counts right-aligned after it; a longer name has its line to
itself, whole (it is what `search` takes), and its count goes below, in the column."""

from __future__ import annotations

from pathlib import Path

import pytest

from phototagger.core import labels
from phototagger.core.library import open_library
from phototagger.paths import default_home
from tests.cli_helpers import run
from tests.store_helpers import small_jpeg_added

LONG = "Places/France/Paris/Montmartre/Sacre-Coeur at dawn"  # 50 characters: its own line
TAGS = {
    "cat": 3,
    "Places/France/Paris/Montmartre": 12,  # 30 characters: pushed its count out before
    "東京/夜景": 1,  # 5 characters, 9 columns wide
    LONG: 2,
}


def _stats_tag_lines(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> list[str]:
    with open_library(default_home()) as lib:
        ids = [small_jpeg_added(lib.db, tmp_path / f"p{n}.jpg") for n in range(12)]
        for tag, photos in TAGS.items():
            labels.apply_edits(lib.db, labels.decision_edits(ids[:photos], tag, "add"))
    code, out, err = run(capsys, "stats")
    assert (code, err) == (0, "")
    lines = out.splitlines()
    return lines[lines.index("tags, and how many photos have each:") + 1 :]


def test_counts_stay_in_one_column_whatever_the_names(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    lines = _stats_tag_lines(tmp_path, capsys)
    counted = [line for line in lines if line.strip() != LONG]
    assert len(counted) == len(TAGS)
    # Every count ends in the same column, just after the widest name that fits (30) and two
    # spaces: 2 + 30 + 2 + 2 digits; 東京/夜景's four characters take two columns each.
    assert {len(line) + 4 * ("東京" in line) for line in counted} == {36}
    parts = [line.strip().rpartition(" ") for line in counted]
    assert {name.strip(): int(count) for name, _, count in parts} == {
        "cat": 3,
        "Places/France/Paris/Montmartre": 12,
        "東京/夜景": 1,
        "": 2,
    }
    # The long name whole on its own line, its count right below it.
    at = lines.index(f"  {LONG}")
    assert lines[at + 1] == " " * 34 + " 2"
