"""`stats --json` holds every number `stats` prints, under a name that says what it is. The text
said "195 tagged" where the JSON's by_status.tagged said 255 (the text puts the untagged ones
apart), and "2 files that are not photos" with no key for it; the text's "your decisions" is the
JSON's `corrections` (`user_decisions` adds the files' keywords to it, as README says)."""

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


def test_each_number_of_the_text_is_in_the_json(
    scans_with_engine: object, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pics = tmp_path / "pics"
    shutil.copytree(DET, pics, ignore=lambda _, names: [n for n in names if n not in PHOTOS])
    (pics / "notes.jpg").write_text("not a picture")
    Image.new("RGB", (320, 240), (128, 128, 128)).save(pics / "grey.jpg")  # nothing to see
    exiftool_set(pics / PHOTOS[0], "-XMP-dc:Subject=holiday", "-XMP-dc:Subject=Grandma")
    (pics / "empty.jpg").write_bytes(b"")
    assert run(capsys, "scan", "--quiet", str(pics))[0] == 1  # the two files are problems
    assert run(capsys, "label", str(pics / PHOTOS[1]), "--add", "pets")[0] == 0
    assert run(capsys, "label", str(pics / PHOTOS[0]), "--reject", "holiday")[0] == 0

    code, out, _ = run(capsys, "stats", "--json")
    stats = json.loads(out)
    untagged = stats["untagged"]
    assert untagged >= 1  # the grey one at least
    assert stats["by_status"]["tagged"] == 4  # every photo the model tagged, as before
    assert stats["tagged_with_tags"] == 4 - untagged  # the text's "tagged"
    assert stats["other_files"] == 2
    assert (stats["corrections"], stats["file_keywords"], stats["user_decisions"]) == (2, 1, 3)

    code, out, _ = run(capsys, "stats")
    lines = out.splitlines()
    assert (
        f"photos: {stats['photos']} ({stats['tagged_with_tags']} tagged, "
        f"{stats['untagged']} untagged)"
    ) in lines
    assert f"your decisions: {stats['corrections']} answers" in out
    assert (stats["file_keyword_tags"], stats["file_keyword_photos"]) == (1, 1)
    assert (
        f"from your files' keywords: {stats['file_keyword_tags']} tag on "
        f"{stats['file_keyword_photos']} photo,"
    ) in out
    assert f"problems: {stats['other_files']} files that could not be read" in out
