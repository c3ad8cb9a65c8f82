"""`phototagger tags PHOTO` printed each tag name in a fixed 24-character column: a longer name
pushed the confidence, source and state after it out of line. The names column is as wide as
the longest name up to 40 columns now (as `stats`); a longer name has its line to itself,
whole, and the rest of its line goes below, in the column."""

from __future__ import annotations

from pathlib import Path

import pytest

from phototagger.core import labels
from phototagger.core.library import open_library
from phototagger.paths import default_home
from tests.cli_helpers import run
from tests.store_helpers import small_jpeg_added

LONG = "Places/France/Paris/Montmartre/Sacre-Coeur at dawn"  # 50 characters: its own line
TAGS = ["cat", "Places/France/Paris/Montmartre", "東京/夜景", LONG]


def test_tag_lines_stay_in_one_column_whatever_the_names(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    photo = tmp_path / "p.jpg"
    with open_library(default_home()) as lib:
        photo_id = small_jpeg_added(lib.db, photo)
        for tag in TAGS:
            labels.apply_edits(lib.db, labels.decision_edits([photo_id], tag, "add"))
    code, out, err = run(capsys, "tags", str(photo))
    assert (code, err) == (0, "")
    lines = out.splitlines()[1:]
    assert len(lines) == len(TAGS) + 1
    at = lines.index(f"  {LONG}")
    # The long name's rest on the next line, from column 34: 2 + the widest name that fits
    # (30) + 2.
    rest = lines[at + 1][34:]
    assert lines[at + 1] == " " * 34 + rest and rest.split() == ["-", "user", "added"]
    # Every other line has that same rest from column 34; 東京/夜景's four wide characters take
    # two columns each.
    others = lines[:at] + lines[at + 2 :]
    names = [next(t for t in TAGS[:3] if line.startswith(f"  {t} ")) for line in others]
    assert sorted(names) == sorted(TAGS[:3])
    for name, line in zip(names, others, strict=True):
        shown = len(name) + 4 * ("東京" in name)
        assert line == f"  {name}" + " " * (30 - shown) + "  " + rest
