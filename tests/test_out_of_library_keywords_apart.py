"""`stats`, `train` and the Train page said "not counted: 5 of your answers are on photos out of
the library" of a removed folder where 4 of the 5 were keywords a scan read from the files and 1
the user's answer (`stats` said "your decisions: none yet" two lines above). They say the user's
answers and the files' keywords apart now, in `train`'s words ("tags from your files'
keywords"); --json counts them apart (out_of_library, keywords_out_of_library). Real photos
carrying real XMP keywords, a real scan with the real model, a real SQLite library."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from phototagger.core.folders import remove_folder
from phototagger.core.library import open_library
from phototagger.paths import default_home
from tests.cli_helpers import run
from tests.gui_helpers import train_page
from tests.keyword_readers import exiftool_set
from tests.store_helpers import DET

pytestmark = pytest.mark.model

PHOTOS = ("n01443537_11099_goldfish.jpg", "n02084071_77_dog.jpg", "n02129165_16177_lion.jpg")
OUT = (
    "1 of your answers and 4 tags from your files' keywords are on photos out of the library "
    "(a folder removed, their files gone, or moved to the trash) and count again when they "
    "come back"
)


def _removed_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    """/pics scanned: 2 keywords on each of 2 photos, the user's 'pets' on the lion; then the
    folder taken out of the library (Remove Folder)."""
    pics = tmp_path / "pics"
    pics.mkdir()
    for name in PHOTOS:
        shutil.copy(DET / name, pics / name)
    for name in PHOTOS[:2]:
        exiftool_set(pics / name, "-XMP-dc:Subject=holiday", "-XMP-dc:Subject=Grandma")
    assert run(capsys, "scan", "--quiet", str(pics))[0] == 0
    assert run(capsys, "label", str(pics / PHOTOS[2]), "--add", "pets")[0] == 0
    with open_library(default_home()) as lib:
        assert remove_folder(lib.db, str(pics)) == 3
    return pics


def test_stats_and_train_say_answers_and_keywords_apart(
    scans_with_engine: object, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _removed_folder(tmp_path, capsys)
    code, out, _ = run(capsys, "stats")
    assert code == 0
    lines = out.splitlines()
    assert "your decisions: none yet" in lines
    assert f"not counted: {OUT}" in lines
    stats = json.loads(run(capsys, "stats", "--json")[1])
    assert (stats["out_of_library"], stats["keywords_out_of_library"]) == (1, 4)

    code, out, err = run(capsys, "train", "--no-activate")
    assert OUT in out + err


def test_the_train_page_says_them_apart(
    scans_with_engine: object, qtbot: QtBot, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _removed_folder(tmp_path, capsys)
    _, page = train_page(qtbot, tmp_path)
    assert f"{OUT[0].upper()}{OUT[1:]}." in page.summary.text()
