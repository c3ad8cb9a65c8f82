"""`phototagger scan DIR 2> log`, as a script runs it (stderr no terminal, so one progress line
each few seconds and the last one of each step): the log read "tagging: 255/255, 41.6/s, ETA
0:00" on two lines in a row (a 255-photo det-photos library; 6 photos gave "tagging: 6/6, 1.4/s,
ETA 0:00" twice), as the scan reports the end of its tagging twice. A line the same as the one
before it is no longer written again."""

from __future__ import annotations

from pathlib import Path

import pytest

from phototagger.cli import main
from tests.photo_factory import real_photo


def test_a_scan_s_log_says_each_step_s_end_once(
    engine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "pics"
    folder.mkdir()
    for name in ("chelsea", "coffee", "astronaut"):
        real_photo(folder / f"{name}.jpg", name)
    monkeypatch.setattr(
        "phototagger.commands.library.tagger_loader", lambda library, args: lambda: engine
    )
    assert main(["scan", str(folder)]) == 0
    lines = capsys.readouterr().err.splitlines()
    assert [line for line in lines if line.startswith("tagging: 3/3")] != []
    repeated = [a for a, b in zip(lines, lines[1:], strict=False) if a == b]
    assert repeated == [], lines
