"""`stats` counted a folder that could not be opened (a card unplugged since it was added) as "a
file that is not a photo"; the app's Problems lists such folders apart ("1 folder could not be
opened"), and so does the problems line now, and `--json` (unopened_folders, of not_photos).
The copies a keyword write left behind likewise (left_copies)."""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

import pytest

from tests.cli_helpers import run
from tests.photo_factory import photo_and_notes


def test_stats_counts_a_folder_that_could_not_be_opened_apart(
    scans_with_engine: object, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pics = photo_and_notes(tmp_path / "pics")
    card = tmp_path / "card"  # a memory card not in its reader
    code, _, err = run(capsys, "scan", "--quiet", str(pics), str(card))
    assert code == 1
    assert "no such folder (recorded as a problem)" in err

    code, out, _ = run(capsys, "stats")
    assert code == 0
    problems = [line for line in out.splitlines() if line.startswith("problems:")]
    assert problems == [
        "problems: 1 file that could not be read and 1 folder that could not be opened"
        " (see: phototagger problems)"
    ]

    # not_photos counts the folder as `stats --json` did at stop 35 (e1cda71), where it was
    # problems less problem_photos; unopened_folders tells how many of them are folders.
    stats = json.loads(run(capsys, "stats", "--json")[1])
    assert (stats["problems"], stats["not_photos"], stats["unopened_folders"]) == (2, 2, 1)
    assert stats["problems"] == stats["problem_photos"] + stats["not_photos"]
    assert stats["left_copies"] == 0


def test_stats_counts_a_keyword_writes_left_copy_apart(
    scans_with_engine: object, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A copy a keyword write left behind (here a folder named like one, which no scan removes,
    as root too) was "a file that is not a photo", or "a folder that could not be opened"; the
    app's Problems gives such copies their own section ("1 copy left behind by a keyword write
    could not be removed"), and so do the problems line and `--json` (left_copies) now."""
    pics = photo_and_notes(tmp_path / "pics")
    odd = pics / ".coffee.jpg.abcdefgh.phototagger-tmp"
    odd.mkdir()
    (odd / "notes.txt").write_text("mine")
    then = time.time() - 2 * 3600  # older than a live write's copy can be
    os.utime(odd, (then, then))
    assert run(capsys, "scan", "--quiet", str(pics))[0] == 1  # notes.jpg: not a photo

    code, out, _ = run(capsys, "stats")
    assert code == 0
    assert [line for line in out.splitlines() if line.startswith("problems:")] == [
        "problems: 1 file that could not be read and 1 copy left behind by a keyword write that "
        "could not be removed (see: phototagger problems)"
    ]
    _, out, _ = run(capsys, "problems")
    assert "1 copy left behind by a keyword write could not be removed" in out

    stats = json.loads(run(capsys, "stats", "--json")[1])
    assert (stats["problems"], stats["problem_photos"], stats["not_photos"]) == (2, 0, 2)
    assert (stats["unopened_folders"], stats["left_copies"]) == (0, 1)
