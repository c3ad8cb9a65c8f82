"""`stats` called a camera photo cut short by a copy (4 % of its picture there, too little to
tag) "a file that is not a photo", where `phototagger problems` says it "could not be read"
and why; a photographer reads that line as "phototagger does not take my JPEGs". Its problems
line now says what Problems says: files that could not be read."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.cli_helpers import run
from tests.photo_factory import real_photo


def test_a_photo_too_cut_to_tag_is_a_file_that_could_not_be_read(
    scans_with_engine: object, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pics = tmp_path / "pics"
    real_photo(pics / "cat.jpg", "chelsea")
    whole = real_photo(tmp_path / "whole.jpg", "coffee").read_bytes()
    (pics / "IMG_0002.jpg").write_bytes(whole[:5000])  # the copy stopped early
    assert run(capsys, "scan", "--quiet", str(pics))[0] == 1

    _, out, _ = run(capsys, "problems")
    assert "1 file could not be read" in out
    code, out, _ = run(capsys, "stats")
    assert code == 0
    assert [line for line in out.splitlines() if line.startswith("problems:")] == [
        "problems: 1 file that could not be read (see: phototagger problems)"
    ]
    assert "not a photo" not in out
