"""`phototagger problems` showed the codes recorded ("keywords-write:", "NOT_AN_IMAGE:") where
File ▸ Problems says what went wrong in words. It now lists the files under the same headings
the dialog shows (the words shared, core/problem_files.py's `sections`); --json is as it was, with
each file's heading added as "section"."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from phototagger.core.errors import LINK_LOOP
from tests.cli_helpers import read_only_unwritten, run
from tests.scan_helpers import walk_only

DET = sorted(Path("/work/shared/data/det-photos").glob("*.jpg"))
WRITE = (
    "2 photos could not be written: read-only (their keywords were not saved; they were read "
    "and tagged fine)"
)
NOT_PHOTO = "1 file could not be read: it is not among your photos"


def test_problems_are_listed_under_the_dialogs_headings(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    photos = read_only_unwritten(capsys, tmp_path / "pics", DET[:2])
    loop = tmp_path / "pics" / "loop.jpg"
    loop.symlink_to(loop)
    walk_only(tmp_path / "pics")
    code, out, err = run(capsys, "problems")
    assert code == 0
    assert err == "3 problems (once put right, 'phototagger problems --retry' reads them again)\n"
    lines = out.splitlines()
    assert lines[:3] == [f"{NOT_PHOTO}:", f"  {loop}", f"    {LINK_LOOP}"]
    assert lines[3:6] == ["", f"{WRITE}:", f"  {photos[0]}"]
    assert lines[6].startswith("    the file is read-only; its keywords were not written.")
    # The command line's way out, not the app's menus.
    assert "without --embed" in lines[6] and lines[7] == f"  {photos[1]}" and len(lines) == 9
    for code_word in ("keywords-write", "NOT_AN_IMAGE", "LEFT_COPY", "LOOP"):
        assert code_word not in out
    # --json: the records as they were, in path order, each with its heading.
    _, out, _ = run(capsys, "problems", "--json")
    found = json.loads(out)
    assert [(p["path"], p["code"], p["section"]) for p in found] == [
        (str(photos[0]), "keywords-write", WRITE),
        (str(photos[1]), "keywords-write", WRITE),
        (str(loop), found[2]["code"], NOT_PHOTO),
    ]
    assert set(found[0]) == {
        "path",
        "code",
        "message",
        "first_seen",
        "last_seen",
        "count",
        "section",
    }


def test_one_problem_is_read_again_as_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Seen in walk46: one file listed read "1 problem (once put right, … reads them again)"."""
    loop = tmp_path / "pics" / "loop.jpg"
    loop.parent.mkdir()
    loop.symlink_to(loop)
    walk_only(tmp_path / "pics")
    code, _, err = run(capsys, "problems")
    assert code == 0
    assert err == "1 problem (once put right, 'phototagger problems --retry' reads it again)\n"
