"""`metadata read FOLDER` said 'FOLDER: no such file' of a folder that is there."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.cli_helpers import run


def test_reading_a_folder_says_it_is_one(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(capsys, "metadata", "read", str(tmp_path))
    assert code == 3 and out == ""
    assert err == f"phototagger: {tmp_path} is a folder: name one photo in it\n"
    code, _, err = run(capsys, "metadata", "read", str(tmp_path / "gone.jpg"))
    assert code == 3 and err == f"phototagger: {tmp_path / 'gone.jpg'}: no such file\n"
