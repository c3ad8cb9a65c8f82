"""Keywords read from the photos' files are not counted as the user's corrections. The Train
page said "201 corrections since model v1" after 18 answers, the other 183 being keywords a
scan had read; now it says "18 corrections" and "183 keywords read from your files", and
`stats` counts them apart too (its --json keeps `user_decisions` as the total and adds the two
counts)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PIL import Image
from pytestqt.qtbot import QtBot

from phototagger.cli import main
from phototagger.core.labels import label_paths
from phototagger.core.library import open_library
from phototagger.core.metadata.sync import sync_file_metadata
from phototagger.gui.retrain_train import TrainPage
from phototagger.paths import default_home
from tests.gui_helpers import open_window, settle
from tests.keyword_readers import digikam_tags
from tests.store_helpers import add_photo

KEYWORDS = ["Soldier military army", "uniform", "Places/Oslo"]


def _library_with_keywords(folder: Path) -> list[str]:
    """Four photo files carrying three digiKam keywords each, read as a scan reads them, and
    two corrections made in phototagger: 12 file keywords, 2 corrections."""
    folder.mkdir()
    paths = []
    with open_library(default_home()) as lib:
        for i in range(4):
            path = folder / f"photo{i}.jpg"
            Image.new("RGB", (32, 32), (40 * i, 90, 160)).save(path)
            digikam_tags(path, KEYWORDS)
            st = path.stat()
            add_photo(lib.db, str(path), size=st.st_size, mtime=st.st_mtime)
            paths.append(str(path))
        assert sync_file_metadata(lib.db, [str(folder)]).keywords_added == 12
        label_paths(lib.db, paths[:1], add=["boat"])
        label_paths(lib.db, paths[1:2], reject=["uniform"])  # a file keyword turned down
    return paths


def test_stats_counts_corrections_apart_from_file_keywords(
    tmp_path: Path, library_home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _library_with_keywords(tmp_path / "photos")
    capsys.readouterr()
    assert main(["stats"]) == 0
    out = capsys.readouterr().out
    assert "your decisions: 2 answers (tags you added, accepted or rejected on photos)" in out
    assert "from your files' keywords: 3 tags on 4 photos, read by the scan" in out
    assert main(["stats", "--json"]) == 0
    stats = json.loads(capsys.readouterr().out)
    assert (stats["user_decisions"], stats["corrections"], stats["file_keywords"]) == (13, 2, 11)


def opened_train_page(qtbot: QtBot, tmp_path: Path) -> TrainPage:
    """The main window's Train page on the test's library, opened (Ctrl+T) and read."""
    window = open_window(qtbot, None, tmp_path)
    window.commands.train.trigger()
    settle(qtbot, window)
    page = window.retrain.train_page
    qtbot.waitUntil(lambda: "since model" in page.summary.text())
    return page


def test_train_page_says_corrections_and_file_keywords(qtbot: QtBot, tmp_path: Path) -> None:
    _library_with_keywords(tmp_path / "photos")
    page = opened_train_page(qtbot, tmp_path)
    # The keywords apart from the corrections, with whether this training learns from them
    # (tests/test_train_page_says_what_keywords_teach.py): these photos were never read.
    assert page.summary.text().startswith(
        "<b>2 corrections</b> since model <b>v1</b>, and 11 keywords read from your files, "
        "which this training learns nothing from. They are on photos the model has not read yet"
    ), page.summary.text()
