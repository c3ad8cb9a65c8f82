"""The Train page's changes after teaching a short-named tag: in the dock at its usual width the
table scrolled sideways, the Photos column cut at the dock's edge ("10 → 1", "unchanged" half
gone) behind a scroll bar. The short name's column was given its width, then raised to a
six-letter floor afterwards, taking 8 pixels the Learned column had already been given. The
columns now share the width with each floor counted, and a column is never wider than its
longest text needs."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QTableWidget, QTableWidgetItem
from pytestqt.qtbot import QtBot

from phototagger.core.library import open_library
from phototagger.core.retrain import TrainingResult
from phototagger.core.version_diff import TagChange
from phototagger.gui.main_window import MainWindow
from phototagger.gui.retrain_tables import fitted_widths
from phototagger.gui.retrain_train import TrainPage
from phototagger.paths import default_home
from tests.gui_helpers import open_window, settle
from tests.switch_helpers import synthetic_library

PETS = (
    "like WordNet 'domestic animal' + your examples' classes and their WordNet neighbours "
    "(24 classes)"
)
FOOD = "the default tagger as it was: a correction needs 5 yes and 5 no answers"
# A default tag the run tried to correct and kept: it keeps its row (one short of answers is
# folded into a line under the table, test_gui_train_changes_leave_out_untouched.py).
TRIED = "the default tagger as it was: no correction told your answers apart better"


def _shown(
    qtbot: QtBot, tmp_path: Path, size: tuple[int, int], learned: dict[str, dict[str, str]]
) -> tuple[MainWindow, TrainPage]:
    """The window at `size` and its Train page showing a run that learned `learned` (tag: how)
    and tags one more photo 'pets'."""
    with open_library(default_home()) as lib:
        ids = synthetic_library(lib.db, 20)
    window = open_window(qtbot, None, tmp_path)
    window.resize(*size)
    qtbot.waitUntil(lambda: window.width() == size[0])
    window._show_retrain("train")
    changes = [TagChange("pets", 10, 11, added=1, added_ids=ids[:1])]
    result = TrainingResult(
        "v2", "v1", [], True, "learned pets", {"learned": learned}, 1.0, changes
    )
    page = window.retrain.train_page
    page.result_box.show()
    page.show_result(result)
    settle(qtbot, window)
    qtbot.wait(50)
    assert window.retrain_dock.width() < 400  # the dock's usual width
    return window, page


def test_a_short_tags_changes_fit_the_dock(qtbot: QtBot, tmp_path: Path) -> None:
    learned = {
        "pets": {"how": "concept", "label": PETS},
        "food": {"how": "kept", "label": FOOD},
    }
    _, page = _shown(qtbot, tmp_path, (1440, 900), learned)  # as on the screen the app opens on
    table = page.changes.table
    assert table.horizontalHeader().length() <= table.viewport().width()
    assert not table.horizontalScrollBar().isVisible()
    for column in (0, 2, 3, 4):  # the tag, +, − and Photos read whole
        assert table.columnWidth(column) >= table.sizeHintForColumn(column), column


def test_a_kept_default_tag_takes_one_line(qtbot: QtBot, tmp_path: Path) -> None:
    """Issue 8 (QA): in the Model dock (~330 px) the Learned cell of a default tag left as it
    was read "the default tagger as it was: a correction needs 5 yes and 5 no answers", wrapped
    onto six lines on each such row (three rows filled the table). The cell now says "as it
    was"; its tooltip keeps the whole reason."""
    learned = {
        "pets": {"how": "examples", "label": "from your examples"},
        **{tag: {"how": "kept", "label": TRIED} for tag in ("animal", "food", "drink")},
    }
    _, page = _shown(qtbot, tmp_path, (1280, 800), learned)  # the QA's window
    table = page.changes.table
    rows = {_item(table, r, 0).text(): r for r in range(table.rowCount())}
    line = table.fontMetrics().lineSpacing()
    for name in ("animal", "food", "drink"):
        item = _item(table, rows[name], 1)
        assert item.text() == "as it was"
        assert item.toolTip() == TRIED  # why, in full
        assert table.rowHeight(rows[name]) < 2 * line + 8, table.rowHeight(rows[name])
    assert _item(table, rows["pets"], 1).text() == "from your examples"


def _item(table: QTableWidget, row: int, column: int) -> QTableWidgetItem:
    item = table.item(row, column)
    assert item is not None
    return item


def test_shared_width_counts_each_floor() -> None:
    # Tag (34 px of text, floor 42), Learned (611), three figures (126 in all), 302 px to fill.
    widths = fitted_widths([34, 611, 26, 26, 74], (0, 1), 302, [42, 70, 0, 0, 0])
    assert sum(widths) == 302
    assert widths[0] == 34  # "pets" needs no more than its own width
    # Where the share is under a floor, the floor is taken out of what the others share.
    widths = fitted_widths([80, 611, 26, 26, 74], (0, 1), 240, [60, 50, 0, 0, 0])
    assert widths[0] == 60 and sum(widths) == 240
