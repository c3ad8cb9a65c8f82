"""--home works before the command as well as after it, names the library's folder, and leaves
the process environment as it found it (the home is passed down, not put in os.environ)."""

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
    environment = dict(os.environ)
    home = tmp_path / "elsewhere"
    args = (
        ["--home", str(home), "stats", "--json"]
        if before
        else ["stats", "--json", "--home", str(home)]
    )
    assert main(args) == 0
    stats = json.loads(capsys.readouterr().out)
    assert stats["photos"] == 0
    assert stats["library"] == str(home.resolve() / "data" / "library.db")
    assert dict(os.environ) == environment
