"""`metadata write --embed --json` on one read-only photo said `"photos": 0` where the text said
"1 photo: ..., 1 could not be written": the JSON counted only the photos written. Both count
the photos it went through now, those it could not write among them (and in `problems`)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.cli_helpers import read_only_unwritten, run

DET = Path("/work/shared/data/det-photos")


def test_json_and_text_count_a_read_only_photo_alike(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    sources = [DET / "n02084071_77_dog.jpg", DET / "n02129165_16177_lion.jpg"]
    photos = read_only_unwritten(capsys, tmp_path / "pics", sources)
    photos[1].chmod(0o644)  # one writable, one not

    code, out, _ = run(capsys, "metadata", "write", "--embed", "--json", str(photos[0]))
    summary = json.loads(out)
    assert code == 1
    assert (summary["photos"], summary["problems"], summary["written"]) == (1, 1, 0)
    code, out, _ = run(capsys, "metadata", "write", "--embed", "--quiet", str(photos[0]))
    assert code == 1 and out.startswith("1 photo: ") and "1 could not be written" in out

    code, out, _ = run(capsys, "metadata", "write", "--embed", "--json", *map(str, photos))
    summary = json.loads(out)
    assert (summary["photos"], summary["problems"], summary["into_photos"]) == (2, 1, 1)
