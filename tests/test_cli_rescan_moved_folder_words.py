"""A rescan after a folder was moved on disk said "tagging: 4/4" as it went and then "0 tagged":
the photos went through the tagging pass only to be recognised as moved, and the summary did not
say what had come of them. It says so now: "0 tagged, 4 recognised as moved (tags kept)". Real
det-photos scanned with the real model into a real library, the folder renamed on disk."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.cli_helpers import det_photos_scanned, run

NAMES = ["n02084071_1365_dog", "n02084071_19639_dog", "n02374451_11795_horse"]


def test_a_rescan_of_a_moved_folder_says_what_the_tagging_pass_did(
    engine: Any,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    pics = det_photos_scanned(engine, tmp_path / "pics", NAMES, monkeypatch, capsys)
    moved = pics.rename(tmp_path / "Animals 2024")
    code, out, err = run(capsys, "scan", str(moved))
    assert code == 0, err
    assert "tagging: 3/3" in err  # the pass the photos went through
    lines = out.splitlines()
    assert lines[0].startswith("3 photos found: 0 new, 0 changed, 0 unchanged, 3 moved"), out
    assert lines[1].startswith("0 tagged, 3 recognised as moved (tags kept) in "), out
