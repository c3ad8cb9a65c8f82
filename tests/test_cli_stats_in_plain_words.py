"""`phototagger stats` as a new user reads it. On an empty library it said "formats: none yet"
and "your decisions: 0 corrections"; after a scan of photos carrying keywords, "your decisions:
4 keywords from your files", though the user had decided nothing (a scan read them); and
"photos: 4 (4 tagged)" beside "untagged photos: 1", the one photo both tagged and untagged.
Each line says what it counts now; --json keeps its keys and values. The keywords' line said
"from your files' keywords: 476 tags" of 172 tags on 189 photos (polish34), a keyword on 3 photos
counted 3 times; it says "172 tags on 189 photos" (--json: file_keyword_tags, _photos)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from PIL import Image

from tests.cli_helpers import run
from tests.keyword_readers import exiftool_set

DET = Path("/work/shared/data/det-photos")
PHOTOS = ("n01443537_11099_goldfish.jpg", "n02084071_77_dog.jpg", "n02129165_16177_lion.jpg")


def _stats(capsys: pytest.CaptureFixture[str]) -> list[str]:
    code, out, err = run(capsys, "stats")
    assert (code, err) == (0, "")
    return out.splitlines()


def test_stats_of_an_empty_library(capsys: pytest.CaptureFixture[str]) -> None:
    lines = _stats(capsys)[1:]
    assert lines == [
        "photos: none yet (to add some: phototagger scan DIR)",
        "folders: none yet",
        "your decisions: none yet",
        "problems: none",
    ]


def test_stats_after_a_scan_and_some_decisions(
    scans_with_engine: object, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pics = tmp_path / "pics"
    pics.mkdir()
    for name in PHOTOS:
        shutil.copy(DET / name, pics / name)
    for name in PHOTOS[:2]:  # keywords another program wrote: 2 on each of 2 photos
        exiftool_set(pics / name, "-XMP-dc:Subject=holiday", "-XMP-dc:Subject=Grandma")
    Image.new("RGB", (320, 240), (128, 128, 128)).save(pics / "grey.jpg")  # nothing to see
    assert run(capsys, "scan", "--quiet", str(pics))[0] == 0
    untagged = len(json.loads(run(capsys, "search", "--untagged", "--json")[1]))
    assert untagged >= 1  # the grey one at least

    lines = _stats(capsys)
    assert f"photos: 4 ({4 - untagged} tagged, {untagged} untagged)" in lines
    assert "formats: 4 JPEG" in lines
    assert f"folders: {pics}" in lines
    assert "your decisions: none yet" in lines  # the scan read keywords; the user decided nothing
    # "4 tags" read as 4 different ones (polish34: "476 tags" for 172 on 189 photos).
    assert "from your files' keywords: 2 tags on 2 photos, read by the scan" in lines
    assert "tags, and how many photos have each:" in lines

    dog, lion = str(pics / PHOTOS[1]), str(pics / PHOTOS[2])
    assert run(capsys, "label", dog, lion, "--add", "pets")[0] == 0
    assert run(capsys, "label", dog, "--reject", "holiday")[0] == 0  # a keyword turned down
    lines = _stats(capsys)
    assert "your decisions: 3 answers (tags you added, accepted or rejected on photos)" in lines
    assert "from your files' keywords: 2 tags on 2 photos, read by the scan" in lines

    code, out, _ = run(capsys, "stats", "--json")
    stats = json.loads(out)
    assert (stats["corrections"], stats["file_keywords"], stats["user_decisions"]) == (3, 3, 6)
    assert (stats["file_keyword_tags"], stats["file_keyword_photos"]) == (2, 2)
    assert stats["untagged"] == untagged and stats["by_status"]["tagged"] == 4
