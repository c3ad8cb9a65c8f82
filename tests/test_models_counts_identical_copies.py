"""`phototagger models` said "embeddings: … 255 photos" of a library of 257, as if two photos had
none: identical copies reuse the embedding made once for their content, so the scan counted
255 embedded. It now says how many photos have one, and that the copies share it."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.cli_helpers import run, scan_with

DET = Path("/work/shared/data/det-photos")


def test_models_counts_every_photo_and_says_copies_share(
    engine: object,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    pics = tmp_path / "Pictures"
    (pics / "backup").mkdir(parents=True)
    sources = sorted(DET.glob("*.jpg"))[:3]
    for source in sources:
        shutil.copy(source, pics / source.name)
    assert scan_with(engine, pics, monkeypatch, capsys) == 0
    for source in sources[:2]:  # then two copied, byte for byte, into a backup folder
        shutil.copy(source, pics / "backup" / source.name)
    assert scan_with(engine, pics, monkeypatch, capsys) == 0  # the copies reuse theirs
    code, out, _ = run(capsys, "models")
    line = next(x for x in out.splitlines() if x.startswith("embeddings:"))
    assert code == 0 and line.startswith(
        "embeddings: 5 photos (2 are identical copies of another, sharing its embedding); made by "
    )
    assert line.split("made by ")[1].split(" (")[0].endswith(" for 3 photos")
