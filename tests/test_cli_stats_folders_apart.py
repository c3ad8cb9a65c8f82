"""`stats` counted a folder that could not be opened (a card unplugged since it was added) as "a
file that is not a photo"; the app's Problems lists such folders apart ("1 folder could not be
opened"), and so does the problems line now, and `--json` (unopened_folders)."""

from __future__ import annotations

import json
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
        "problems: 1 file that is not a photo and 1 folder that could not be opened"
        " (see: phototagger problems)"
    ]

    stats = json.loads(run(capsys, "stats", "--json")[1])
    assert (stats["problems"], stats["not_photos"], stats["unopened_folders"]) == (2, 1, 1)
    assert stats["problems"] == (
        stats["problem_photos"] + stats["not_photos"] + stats["unopened_folders"]
    )
