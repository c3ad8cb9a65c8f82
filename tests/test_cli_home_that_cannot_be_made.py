"""`phototagger --home ~/notes.txt/library stats` (a home whose folder cannot be made: a file
where a folder should be) was reported as a bug: exit 70, "please report it", a traceback in a
log. It is the user's path to fix: one line naming the file in the way, exit 3."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.cli_helpers import run


@pytest.mark.parametrize("command", [["stats"], ["search", "--untagged"], ["train"]])
def test_a_home_under_a_file_is_one_line_and_exit_3(
    command: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    notes = tmp_path / "notes.txt"
    notes.write_text("not a folder")
    code, out, err = run(capsys, "--home", str(notes / "library"), *command)
    assert (code, out) == (3, "")
    assert err == (
        f"phototagger: cannot create the library folder {notes / 'library' / 'data'} ({notes} "
        "is a file, not a folder): choose another with --home DIR or PHOTOTAGGER_HOME\n"
    )
    assert notes.read_text() == "not a folder"
