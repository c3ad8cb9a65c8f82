"""`similar` of a photo whose file was deleted, or could not be read, told the user
'... has not been tagged yet (scan its folder)': scanning again changed nothing. It says why."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.cli_helpers import run, scan_with
from tests.photo_factory import real_photo, truncated_jpeg


def test_similar_says_why_a_photo_has_no_neighbours(
    engine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    pics = tmp_path / "Pictures"
    real_photo(pics / "cat.jpg", "chelsea")
    cup = real_photo(pics / "cup.jpg", "coffee")
    broken = truncated_jpeg(pics / "broken.jpg")
    assert scan_with(engine, pics, monkeypatch, capsys) == 1
    cup.unlink()
    scan_with(engine, pics, monkeypatch, capsys)

    code, out, err = run(capsys, "similar", str(cup))
    assert code == 3 and out == "" and err.count("\n") == 1
    assert "is missing (the file is gone" in err and "not been tagged" not in err
    code, out, err = run(capsys, "similar", str(broken))
    assert code == 3 and out == "" and err.count("\n") == 1
    assert "could not be read" in err and "phototagger problems" in err
