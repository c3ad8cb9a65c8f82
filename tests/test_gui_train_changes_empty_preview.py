"""The Train page's preview strip shows only when there are photos to preview: a version that
adds and removes no photo left a large empty white box under "No photo would change."."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from phototagger.core.library import open_library
from phototagger.core.retrain import TrainingResult
from phototagger.core.version_diff import TagChange
from phototagger.gui.main_window import MainWindow
from phototagger.gui.retrain_train import TrainPage
from phototagger.paths import default_home
from tests.gui_helpers import settle, train_page
from tests.switch_helpers import synthetic_library

LEARNED = {"herps": {"how": "concept", "label": "like WordNet 'amphibian'"}}


def _train_page(qtbot: QtBot, tmp_path: Path) -> tuple[MainWindow, TrainPage, list[int]]:
    with open_library(default_home()) as lib:
        ids = synthetic_library(lib.db, 20)
    window, page = train_page(qtbot, tmp_path)
    return window, page, ids


def test_no_change_shows_the_words_alone_and_the_photos_come_back(
    qtbot: QtBot, tmp_path: Path
) -> None:
    window, page, ids = _train_page(qtbot, tmp_path)
    page.result_box.show()
    view = page.changes
    page.show_result(TrainingResult("v2", "v1", [], True, "", {"learned": LEARNED}, 1.0, []))
    settle(qtbot, window)
    assert view.isVisible()
    assert "no photo you have not answered would change" in view.caption.text()
    assert not view.preview.isVisible()  # no blank box under the words
    # Nothing below the words: the view ends with the caption.
    assert view.caption.geometry().bottom() + 1 == view.height()

    page.show_result(TrainingResult("v3", "v2", [], True, "", {}, 1.0, []))
    settle(qtbot, window)
    assert view.caption.text() == "No photo would change."
    assert not view.preview.isVisible()

    changes = [TagChange("herps", 18, 21, added=3, added_ids=ids[:3])]
    page.show_result(TrainingResult("v4", "v3", [], True, "", {"learned": LEARNED}, 1.0, changes))
    qtbot.waitUntil(lambda: view.preview.count() == 3)
    settle(qtbot, window)
    assert view.preview.isVisible()  # the photos come back
    assert view.preview.height() > 100
    assert view.preview.geometry().bottom() + 1 == view.height()


def test_a_tag_that_changes_nothing_hides_photos_still_being_read(
    qtbot: QtBot, tmp_path: Path
) -> None:
    # A tag with photos selected, then at once one that changes nothing: the first one's photos,
    # read meanwhile, must not fill the strip under "no photo … would change".
    window, page, ids = _train_page(qtbot, tmp_path)
    view = page.changes
    changes = [TagChange("boat", 17, 19, added=2, added_ids=ids[:2])]
    view.show_result(TrainingResult("v2", "v1", [], True, "", {"learned": LEARNED}, 1.0, changes))
    second = view.table.item(1, 0)
    assert second is not None and second.text() == "herps"
    view.table.selectRow(1)  # before the first row's photos arrive
    qtbot.waitUntil(lambda: not window.stats.busy)
    settle(qtbot, window)
    assert view.caption.text().startswith("“herps”: no photo you have not answered would change")
    assert view.preview.count() == 0
    assert not view.preview.isVisibleTo(window)
