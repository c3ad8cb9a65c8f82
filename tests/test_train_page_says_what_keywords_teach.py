"""The Train page says whether this training learns from the keywords read from the photos'
files. It counted them beside the user's corrections as if both were decisions it learns from
alike: "15 corrections and 70 keywords from your files since model v1" (walk54, four photos
carrying about 70 keywords, every tag they give on one photo, "needs 4 more yes"), and the
training learned nothing from them. Now the corrections are counted alone, then the keywords,
with what this training does with them: nothing yet where every tag they give needs more
answers, yes answers where a tag they give is learned (one said yes to by hand too)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from phototagger.core.labels import label_paths
from phototagger.core.library import open_library
from phototagger.paths import default_home
from tests.keyword_readers import digikam_tags
from tests.scan_helpers import run_scan
from tests.test_corrections_apart_from_file_keywords import opened_train_page
from tests.test_similar_figure_means_something import det_photos

pytestmark = pytest.mark.model  # runs the real network: full tier only


def test_train_page_says_whether_the_files_keywords_teach_this_training(
    engine: object, qtbot: QtBot, tmp_path: Path
) -> None:
    photos = tmp_path / "photos"
    photos.mkdir()
    for path in sorted(det_photos().glob("*.jpg"))[100:108]:  # cats and lions, no keywords
        shutil.copy(path, photos / path.name)
    files = sorted(photos.glob("*.jpg"))
    for path in files[:4]:  # 8 keywords: 'uniform' and 'harbour' on 4 photos each
        digikam_tags(path, ["uniform", "harbour"])
    with open_library(default_home()) as lib:
        run_scan(lib, [photos], engine, batch_size=8)
        label_paths(lib.db, [str(files[6])], add=["boat"])
    page = opened_train_page(qtbot, tmp_path)
    # Before: "<b>1 correction and 8 keywords from your files</b> since model <b>v1</b>."
    assert page.summary.text().startswith(
        "<b>1 correction</b> since model <b>v1</b>, and 8 keywords read from your files, which "
        "this training learns nothing from: the tags they give need more answers first."
    ), page.summary.text()

    # 'uniform' said yes to on a fifth photo: with the 4 keywords, 5 yes answers, a tag this
    # training learns, from the keywords too.
    with open_library(default_home()) as lib:
        label_paths(lib.db, [str(files[4])], add=["uniform"])
    page.reload()
    qtbot.waitUntil(lambda: "2 corrections" in page.summary.text())
    assert page.summary.text().startswith(
        "<b>2 corrections</b> since model <b>v1</b>, and 8 keywords read from your files, which "
        "this training learns from as yes answers."
    ), page.summary.text()
