"""--home works before the command as well as after it, and names the library's folder."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from phototagger.cli import main


@pytest.mark.parametrize("before", [True, False])
def test_home_before_or_after_the_command(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    before: bool,
) -> None:
    monkeypatch.delenv("PHOTOTAGGER_HOME")
    home = tmp_path / "elsewhere"
    args = (
        ["--home", str(home), "stats", "--json"]
        if before
        else ["stats", "--json", "--home", str(home)]
    )
    assert main(args) == 0
    assert json.loads(capsys.readouterr().out)["photos"] == 0
    assert os.environ["PHOTOTAGGER_HOME"] == str(home.resolve())
    assert list(home.rglob("library.db"))
