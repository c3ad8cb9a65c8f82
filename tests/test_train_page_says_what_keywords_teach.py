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
from phototagger.gui.retrain_train import TrainPage
from phototagger.paths import default_home
from tests.cli_helpers import run
from tests.keyword_readers import digikam_tags
from tests.scan_helpers import run_scan
from tests.test_corrections_apart_from_file_keywords import opened_train_page
from tests.test_similar_figure_means_something import det_photos

pytestmark = pytest.mark.model  # runs the real network: full tier only

NOTHING = (
    "keywords read from your files, which this training learns nothing from: the tags they "
    "give need more answers first."
)


def _starts_with(page: TrainPage, words: str) -> None:
    """The Train page's summary begins with `words`."""
    assert page.summary.text().startswith(words), page.summary.text()


def _photos_with_keywords(
    folder: Path, which: slice, keywords: list[str], tagged: int
) -> list[Path]:
    """det-photos' `which` (100-111: cats and lions, no keywords in their files) copied into
    `folder`, the first `tagged` of them given `keywords` in their files: the copies, by name."""
    folder.mkdir()
    for path in sorted(det_photos().glob("*.jpg"))[which]:
        shutil.copy(path, folder / path.name)
    files = sorted(folder.glob("*.jpg"))
    for path in files[:tagged]:
        digikam_tags(path, keywords)
    return files


def test_train_page_says_whether_the_files_keywords_teach_this_training(
    engine: object, qtbot: QtBot, tmp_path: Path
) -> None:
    photos = tmp_path / "photos"
    # 8 keywords: 'uniform' and 'harbour' on 4 photos each.
    files = _photos_with_keywords(photos, slice(100, 108), ["uniform", "harbour"], 4)
    with open_library(default_home()) as lib:
        run_scan(lib, [photos], engine, batch_size=8)
        label_paths(lib.db, [str(files[6])], add=["boat"])
    page = opened_train_page(qtbot, tmp_path)
    # Before: "<b>1 correction and 8 keywords from your files</b> since model <b>v1</b>."
    _starts_with(page, f"<b>1 correction</b> since model <b>v1</b>, and 8 {NOTHING}")

    # 'uniform' said yes to on a fifth photo: with the 4 keywords, 5 yes answers, a tag this
    # training learns, from the keywords too.
    with open_library(default_home()) as lib:
        label_paths(lib.db, [str(files[4])], add=["uniform"])
    page.reload()
    qtbot.waitUntil(lambda: "2 corrections" in page.summary.text())
    _starts_with(
        page,
        "<b>2 corrections</b> since model <b>v1</b>, and 8 keywords read from your files, which "
        "this training learns from as yes answers.",
    )


def test_train_page_speaks_of_the_keywords_read_since_the_active_version(
    engine: object, qtbot: QtBot, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    photos, more = tmp_path / "photos", tmp_path / "more"
    files = _photos_with_keywords(photos, slice(100, 108), ["uniform"], 5)
    _photos_with_keywords(more, slice(108, 112), ["harbour"], 4)
    with open_library(default_home()) as lib:
        run_scan(lib, [photos], engine, batch_size=8)
    code, out, err = run(capsys, "train", "--force")  # v2 learns 'uniform' from its keywords
    assert code == 0 and "v2 is now active" in out, err + out
    with open_library(default_home()) as lib:
        run_scan(lib, [more], engine, batch_size=8)  # 4 keywords since v2: 'harbour'
        label_paths(lib.db, [str(files[6])], reject=["uniform"])
    page = opened_train_page(qtbot, tmp_path)
    # 'uniform' is learned again (a no since), from the keywords read before v2; those read
    # since, 'harbour' on 4 photos, teach this training nothing. Before, the page said it
    # learned from them, of any tag a keyword was ever read for that it learns.
    _starts_with(page, f"<b>1 correction</b> since model <b>v2</b>, and 4 {NOTHING}")
