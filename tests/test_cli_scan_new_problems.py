"""A rescan's `scan` said "finished with 3 problems" when two of them were the files listed at
the last scan: the app's status line and `scan --json` (known_problems) tell the new ones apart,
the text did not. It says "3 problems, 1 of them new" now ("none of them new" when nothing new
went wrong; a first scan's count as before)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.cli_helpers import run
from tests.photo_factory import photo_and_notes, random_bytes, text_as_jpg

SEE = " (see: phototagger problems)"


def test_a_rescan_says_how_many_problems_are_new(
    scans_with_engine: object, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pics = photo_and_notes(tmp_path / "pics")
    (pics / "empty.jpg").write_bytes(b"")

    code, _, err = run(capsys, "scan", "--quiet", str(pics))
    assert code == 1
    assert err.splitlines()[-1] == "finished with 2 problems" + SEE

    random_bytes(pics / "noise.jpg")  # a third file goes wrong
    code, out, err = run(capsys, "scan", "--quiet", str(pics))
    assert code == 1
    assert err.splitlines()[-1] == "finished with 3 problems, 1 of them new" + SEE

    code, _, err = run(capsys, "scan", "--quiet", str(pics))
    assert code == 1
    assert err.splitlines()[-1] == "finished with 3 problems, none of them new" + SEE
    code, out, _ = run(capsys, "scan", "--json", str(pics))
    summary = json.loads(out)
    assert (summary["problems"], summary["known_problems"]) == (3, 3)

    # A folder of its own with one file gone wrong before: said of one.
    lone = tmp_path / "lone"
    text_as_jpg(lone / "notes.jpg")
    assert run(capsys, "scan", "--quiet", str(lone))[0] == 1
    code, _, err = run(capsys, "scan", "--quiet", str(lone))
    assert err.splitlines()[-1] == "finished with 1 problem, listed before" + SEE
