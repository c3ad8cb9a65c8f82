"""After training, in the Model dock at its usual width (340 px), the preview of the photos the
new version tags and untags began below the fold: the scores' table kept room for six rows with
two in it, the changes' table the same, and under them the legend and the notes. Scrolled to
its result, the page showed the verdict and the tables, and not one photo. The tables are now
as tall as their rows, what Apply changes comes first, why (the verdict over the scores) after it,
and the page scrolls so that the first row of photos is in view (in a short window, the heading
gives way to it)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QPoint, QRect
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from phototagger.core import labels
from phototagger.core.library import open_library
from phototagger.core.retrain import TrainingResult
from phototagger.core.validation import TagComparison
from phototagger.core.version_diff import TagChange
from phototagger.gui.retrain_train import TrainPage
from phototagger.ml.metrics import TagMetrics
from phototagger.paths import default_home
from tests.gui_helpers import open_window, settle
from tests.switch_helpers import synthetic_library

TAGS = ["monkeys", "seaside", "kitchenware"]


def _in_page_view(page: TrainPage, widget: QWidget, rect: QRect) -> bool:
    """`rect` of `widget` lies in the part of the page the scroll area shows."""
    viewport = page.scroll_area.viewport()
    top_left = widget.mapTo(viewport, rect.topLeft())
    return viewport.rect().contains(QRect(top_left, rect.size()))


def _photos_in_view(page: TrainPage) -> int:
    preview = page.changes.preview
    view = preview.viewport()
    return sum(
        _in_page_view(page, view, preview.visualItemRect(preview.item(row)))
        for row in range(preview.count())
    )


def test_the_photos_a_version_changes_are_in_view_after_training(
    qtbot: QtBot, tmp_path: Path
) -> None:
    with open_library(default_home()) as lib:
        ids = synthetic_library(lib.db, 40)
        edits = [e for t in TAGS for e in labels.decision_edits(ids[30:36], t, "add")]
        labels.apply_edits(lib.db, edits)
    window = open_window(qtbot, None, tmp_path)  # 1,400 x 880, as a first start
    window._show_retrain("train")
    qtbot.waitUntil(lambda: window.retrain_dock.width() == 340)
    page = window.retrain.train_page
    qtbot.waitUntil(lambda: page.labels.rowCount() == len(TAGS))
    settle(qtbot, window)
    scores = TagMetrics(0.8, 0.7, 0.75, 0.8, 4, 6)
    changes = [
        TagChange("monkeys", 6, 16, added=10, added_ids=ids[:10]),
        TagChange("seaside", 6, 9, added=3, added_ids=ids[10:13]),
    ]
    learned = {t: {"how": "concept", "label": "like WordNet 'primate'"} for t in TAGS}
    result = TrainingResult(
        "v2",
        "v1",
        [TagComparison(t, 10, scores, scores) for t in TAGS],
        True,
        "on 3 tags: right on 25 of 30 answers",
        {"learned": learned},
        1.0,
        changes,
    )
    page.result = result
    page.show_result(result)
    preview = page.changes.preview
    qtbot.waitUntil(lambda: preview.count() == 10)
    settle(qtbot, window)
    qtbot.wait(50)
    # What applying changes per tag, under its heading, and the first rows of photos, at once.
    assert _in_page_view(page, page.changes_heading, page.changes_heading.rect())
    assert _in_page_view(page, page.changes.table, page.changes.table.rect())
    assert _photos_in_view(page) >= 6, _photos_in_view(page)
    # Then why, read on down: the verdict, right over the scores it speaks of ("the table
    # gives each tag's figures"), their legend, and Apply under it all. (The verdict was
    # above the changes, the scores a table and the photos away from it.)
    tops = [
        w.mapTo(page, QPoint(0, 0)).y()
        for w in (page.changes_heading, page.changes, page.verdict, page.metrics, page.legend)
    ]
    assert tops == sorted(tops), tops
    assert "What applying model v2 changes" in page.changes_heading.text()
    assert "not learn from" in page.verdict.text()

    # In a small window (the dock a little narrower: two photos a row) the first row of
    # photos is still in view, the heading a scroll up.
    window.resize(1024, 640)
    settle(qtbot, window)
    page.show_result(result)
    qtbot.waitUntil(lambda: preview.count() == 10)
    settle(qtbot, window)
    qtbot.wait(50)
    first_row = sum(
        preview.visualItemRect(preview.item(row)).top() == 0 for row in range(preview.count())
    )
    assert first_row >= 2 and _photos_in_view(page) >= first_row, _photos_in_view(page)
    assert page.apply_button.visibleRegion().boundingRect() == page.apply_button.rect()
    assert page.scroll_area.verticalScrollBar().value() > 0
    bar = page.scroll_area.verticalScrollBar()
    bar.setValue(bar.minimum())  # the answers per tag above, still there
    settle(qtbot, window)
    assert _in_page_view(page, page.labels, QRect(QPoint(0, 0), page.labels.rect().size()))
