"""`search --untagged TAG` used to list every untagged photo, dropping the TAG without a word."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.cli_helpers import run


def test_untagged_with_a_tag_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for argv in (["--untagged", "animal"], ["--untagged", "--any", "cat", "dog"]):
        code, out, err = run(capsys, "search", *argv)
        assert code == 3 and out == ""
        assert err.count("\n") == 1 and "cannot be combined with a TAG" in err
        assert "Traceback" not in err
