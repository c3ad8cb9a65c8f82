"""The Train page's tables show enough rows to read, and Apply stays reachable in a small
window. Squeezed into the dock beside each other, the per-tag answers, the comparison and the
changes each showed about two rows; splitters with a minimum of rows pushed Apply out of view.
Now the page scrolls, each table keeps room for six rows, and Train, Discard and Apply stay in a
bar below the scrolling part."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QPoint
from PySide6.QtWidgets import QTableWidget, QWidget
from pytestqt.qtbot import QtBot

from phototagger.core import labels
from phototagger.core.library import open_library
from phototagger.core.retrain import TrainingResult
from phototagger.core.validation import TagComparison
from phototagger.core.version_diff import TagChange
from phototagger.ml.metrics import TagMetrics
from phototagger.paths import default_home
from tests.gui_helpers import open_window, settle
from tests.switch_helpers import synthetic_library

TAGS = [f"tag {i:02d}" for i in range(9)]


def _visible_rows(table: QTableWidget) -> int:
    """Whole rows of `table` on screen: inside its own viewport and its page's scroll area."""
    shown = table.viewport().visibleRegion().boundingRect()
    return shown.height() // table.verticalHeader().defaultSectionSize()


def _wholly_visible(widget: QWidget) -> bool:
    return widget.isVisible() and widget.visibleRegion().boundingRect() == widget.rect()


def _result(ids: list[int]) -> TrainingResult:
    scores = TagMetrics(0.8, 0.7, 0.75, 0.8, 4, 6)
    metrics = [TagComparison(t, 10, scores, scores) for t in TAGS]
    changes = [
        TagChange(t, 10, 10 + i, added=i + 1, removed=0, added_ids=ids[: i + 1])
        for i, t in enumerate(TAGS)
    ]
    learned = {t: {"how": "concept", "label": "like WordNet 'animal'"} for t in TAGS}
    return TrainingResult("v2", "v1", metrics, True, "learned", {"learned": learned}, 1.0, changes)


def test_each_table_shows_rows_and_apply_stays_reachable(qtbot: QtBot, tmp_path: Path) -> None:
    with open_library(default_home()) as lib:
        ids = synthetic_library(lib.db, 40)
        edits = [e for t in TAGS for e in labels.decision_edits(ids[:6], t, "add")]
        labels.apply_edits(lib.db, edits)
    window = open_window(qtbot, None, tmp_path)
    window.resize(1440, 900)
    window.commands.train.trigger()
    settle(qtbot, window)
    page = window.retrain.train_page
    qtbot.waitUntil(lambda: page.labels.rowCount() == len(TAGS))
    settle(qtbot, window)
    assert _visible_rows(page.labels) >= 6  # the answers per tag, before training

    page.result = _result(ids)
    page.show_result(page.result)
    settle(qtbot, window)
    qtbot.wait(50)  # the page scrolls to the result once it is laid out
    # The comparison and the changes, at once, with the buttons to act on them.
    assert _visible_rows(page.metrics) >= 6
    assert _visible_rows(page.changes.table) >= 6
    assert _wholly_visible(page.apply_button) and _wholly_visible(page.discard_button)

    window.resize(1024, 640)
    settle(qtbot, window)
    qtbot.wait(50)
    assert _wholly_visible(page.apply_button) and _wholly_visible(page.discard_button)
    assert _wholly_visible(page.train_button)
    body = page.scroll_area.widget()
    assert body is not None
    for table in (page.labels, page.metrics, page.changes.table):
        # Scrolled to, each table still shows its rows: the page scrolls, not the tables.
        top = table.mapTo(body, QPoint(0, 0)).y()
        page.scroll_area.verticalScrollBar().setValue(top)
        settle(qtbot, window)
        assert _visible_rows(table) >= 5, table
    assert _wholly_visible(page.apply_button)

    # Rolling back (Make Active on the Versions page) is in view at this size too.
    window.retrain.show_page("versions")
    settle(qtbot, window)
    assert _wholly_visible(window.retrain.versions_page.activate_button)
