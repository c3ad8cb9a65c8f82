"""A rescan's first line counted a file that is still a problem among the files found, and in
none of new, changed or unchanged: "3 files found: 0 new, 1 changed, 1 unchanged, …" (cli46),
the third file nowhere. It is said now: "3 files found: 0 new, 1 changed, 1 unchanged, 1 still
cannot be read, …", and the line adds up. A file the user had Problems forget (it stays out of
the list until it changes) is counted unchanged, as it is."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from tests.cli_helpers import run
from tests.photo_factory import photo_and_notes, real_photo

SEE = " (see: phototagger problems)"


def test_a_file_still_unreadable_is_counted_in_the_first_line(
    scans_with_engine: object, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pics = photo_and_notes(tmp_path / "pics")  # coffee.jpg, and notes.jpg: no photo
    real_photo(pics / "cat.jpg", "chelsea")
    code, out, _ = run(capsys, "scan", "--quiet", str(pics))
    assert code == 1
    assert out.splitlines()[0] == (
        "3 files found: 3 new, 0 changed, 0 unchanged, 0 moved, 0 missing, 0 back again"
    )

    stat = (pics / "cat.jpg").stat()
    os.utime(pics / "cat.jpg", (stat.st_atime, stat.st_mtime + 60))  # changed since
    code, out, err = run(capsys, "scan", "--quiet", str(pics))
    assert code == 1
    assert out.splitlines()[0] == (
        "3 files found: 0 new, 1 changed, 1 unchanged, 1 still cannot be read, 0 moved, "
        "0 missing, 0 back again"
    )
    assert err.splitlines()[-1] == "finished with 1 problem, listed before" + SEE
    code, out, _ = run(capsys, "scan", "--json", str(pics))
    summary = json.loads(out)
    assert (summary["found"], summary["unchanged"], summary["still_unreadable"]) == (3, 2, 1)

    # Forgotten by the user: out of Problems until it changes, and unchanged it is.
    assert run(capsys, "problems", "--forget", str(pics / "notes.jpg"))[0] == 0
    code, out, err = run(capsys, "scan", "--quiet", str(pics))
    assert code == 0, err
    assert out.splitlines()[0].startswith("3 photos found: 0 new, 0 changed, 3 unchanged, 0 moved")
