"""Every column of the Train page's tables can be read in the Model dock at its usual width.
Sized to their contents, a tag's name and how it was learned ("like WordNet 'bottle' + …") took
450 of the dock's 300 pixels: the Learned column read "like WordNet 'bottl", its header "Le",
and the rest was behind a sideways scroll bar. Now the columns fit the dock: figures whole, and
each text whole in its cell (wrapped) or cut with '…' and whole in the cell's tooltip."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QPoint, Qt
from PySide6.QtGui import QHelpEvent, QTextLayout, QTextOption
from PySide6.QtWidgets import (
    QApplication,
    QStyle,
    QStyleOptionViewItem,
    QTableWidget,
    QTableWidgetItem,
    QToolTip,
    QWidget,
)
from pytestqt.qtbot import QtBot

from phototagger.core import labels
from phototagger.core.library import open_library
from phototagger.core.retrain import TrainingResult
from phototagger.core.validation import TagComparison
from phototagger.core.version_diff import TagChange
from phototagger.gui.main_window import MainWindow
from phototagger.gui.quotes import curly_quotes
from phototagger.ml.metrics import TagMetrics
from phototagger.paths import default_home
from tests.gui_helpers import open_window, settle
from tests.switch_helpers import synthetic_library

PETS = "our pets at grandma's house"
# How tags are learned, as core/concepts.py and core/tag_learning.py word it.
LEARNED = {
    "drinks": "like WordNet 'bottle' + 'structure' + your examples' classes and their WordNet "
    "neighbours (60 classes)",
    PETS: "like WordNet 'domestic animal' + 'hotdog' + your examples' classes and their WordNet "
    "neighbours (52 classes)",
    "monkeys": "like WordNet 'primate'",
    # Tried and kept: a row of its own (one short of answers is folded under the table).
    "food": "the default tagger as it was: no correction told your answers apart better",
    "street-photography-bw": "from your examples",
}


def _result(ids: list[int]) -> TrainingResult:
    scores = TagMetrics(0.8, 0.7, 0.75, 0.8, 4, 6)
    metrics = [TagComparison(t, 10, None, scores) for t in LEARNED]
    changes = [
        TagChange("drinks", 10, 13, added=3, added_ids=ids[:3]),
        TagChange(PETS, 15, 17, added=2, added_ids=ids[3:5]),
    ]
    learned = {t: {"how": "concept", "label": how} for t, how in LEARNED.items()}
    return TrainingResult("v2", "v1", metrics, True, "learned", {"learned": learned}, 1.0, changes)


def _window(qtbot: QtBot, tmp_path: Path, width: int, height: int) -> MainWindow:
    with open_library(default_home()) as lib:
        ids = synthetic_library(lib.db, 30)
        edits = [e for t in LEARNED for e in labels.decision_edits(ids[:6], t, "add")]
        labels.apply_edits(lib.db, edits)
    window = open_window(qtbot, None, tmp_path)
    window.resize(width, height)
    window.commands.train.trigger()
    settle(qtbot, window)
    # At its usual width: a narrow window's side panels give way to keep the grid 3 columns
    # (gui/dock_shares.py), and the user widens the Model dock back to read its tables.
    window.resizeDocks([window.retrain_dock], [340], Qt.Orientation.Horizontal)
    settle(qtbot, window)
    page = window.retrain.train_page
    qtbot.waitUntil(lambda: page.labels.rowCount() == len(LEARNED))
    page.result = _result(ids)
    page.show_result(page.result)
    settle(qtbot, window)
    qtbot.wait(50)
    return window


def _hover(view: QWidget, pos: QPoint) -> str:
    """The tooltip that hovering `pos` of a view's viewport shows."""
    QToolTip.hideText()
    QApplication.sendEvent(view, QHelpEvent(QEvent.Type.ToolTip, pos, view.mapToGlobal(pos)))
    return QToolTip.text() if QToolTip.isVisible() else ""


def _shown_whole(table: QTableWidget, item: QTableWidgetItem) -> bool:
    """The cell lies in the table's view and the text it draws fits in it (as Qt lays it out
    at the width the cell gives its text: a word wider than that breaks, with a hyphen)."""
    cell = table.visualItemRect(item)
    return table.viewport().rect().contains(cell) and drawn(table, item)[2]


def drawn(table: QTableWidget, item: QTableWidgetItem) -> tuple[str, list[str], bool]:
    """The text the view hands the style for `item`, its lines as Qt lays them out in the cell
    (the style's margins left and right of the text off), and whether each line fits the
    cell's width and all of them its height."""
    index = table.indexFromItem(item)
    option = QStyleOptionViewItem()
    table.initViewItemOption(option)
    table.itemDelegateForIndex(index).initStyleOption(option, index)  # type: ignore[attr-defined]
    text: str = option.text
    cell = table.visualItemRect(item)
    margin = table.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, table) + 1
    room = cell.width() - 2 * margin
    layout = QTextLayout(text, option.font)
    wrap = QTextOption()
    wrap.setWrapMode(QTextOption.WrapMode.WordWrap)
    layout.setTextOption(wrap)
    layout.beginLayout()
    lines, fits, height = [], True, 0.0
    while (line := layout.createLine()).isValid():
        line.setLineWidth(room)
        lines.append(text[line.textStart() : line.textStart() + line.textLength()])
        fits = fits and line.naturalTextWidth() <= room
        height += line.height()
    layout.endLayout()
    return text, lines, fits and height <= cell.height()


def _unreadable(table: QTableWidget) -> list[str]:
    """Each header or cell whose text is neither in view whole nor whole in its tooltip."""
    faults = []
    header = table.horizontalHeader()
    for column in range(table.columnCount()):
        left = header.sectionViewportPosition(column)
        right = left + header.sectionSize(column)
        title = table.horizontalHeaderItem(column)
        assert title is not None
        lines = title.text().split("\n")
        needed = max(header.fontMetrics().horizontalAdvance(line) for line in lines)
        if left < 0 or right > table.viewport().width() or needed > header.sectionSize(column):
            faults.append(f"header {title.text()!r}")
    for row in range(table.rowCount()):
        for column in range(table.columnCount()):
            item = table.item(row, column)
            if item is None or _shown_whole(table, item):
                continue
            if item.text() not in _hover(table.viewport(), table.visualItemRect(item).center()):
                faults.append(f"({row}, {column}) {item.text()!r}")
    return faults


def _tables(window: MainWindow) -> dict[str, QTableWidget]:
    page = window.retrain.train_page
    return {"answers": page.labels, "figures": page.metrics, "changes": page.changes.table}


def _items(table: QTableWidget) -> list[QTableWidgetItem]:
    cells = (table.item(r, c) for r in range(table.rowCount()) for c in range(table.columnCount()))
    return [item for item in cells if item is not None]


@pytest.mark.parametrize("size", [(1440, 900), (1024, 640)])
def test_every_column_reads_in_the_dock(
    qtbot: QtBot, tmp_path: Path, size: tuple[int, int]
) -> None:
    window = _window(qtbot, tmp_path, *size)
    assert window.retrain_dock.width() < 400  # the dock's usual width
    for name, table in _tables(window).items():
        assert table.horizontalScrollBar().maximum() == 0, name
        assert _unreadable(table) == [], name
    # How each tag was learned: in view, its first words at least, and whole where it fits.
    changes = window.retrain.train_page.changes.table
    learned = {_text(changes, r, 0): changes.item(r, 1) for r in range(changes.rowCount())}
    assert set(learned) == set(LEARNED)
    for item in learned.values():
        assert item is not None
        cell = changes.visualItemRect(item)
        assert changes.viewport().rect().contains(cell)
        assert cell.width() > changes.fontMetrics().horizontalAdvance("like WordNet")
    assert _shown_whole(changes, learned["monkeys"])  # type: ignore[arg-type]
    # The narrow headers over the photos added and removed say it in words when hovered.
    header = changes.horizontalHeader()
    for column, words in ((2, "newly tag"), (3, "untag")):
        pos = QPoint(header.sectionViewportPosition(column) + 4, header.height() // 2)
        assert words in _hover(header.viewport(), pos)


def _text(table: QTableWidget, row: int, column: int) -> str:
    item = table.item(row, column)
    assert item is not None
    return item.text()


def test_the_columns_follow_the_docks_width(qtbot: QtBot, tmp_path: Path) -> None:
    window = _window(qtbot, tmp_path, 1900, 900)
    window.resizeDocks([window.retrain_dock], [1200], Qt.Orientation.Horizontal)
    settle(qtbot, window)
    qtbot.wait(50)
    for name, table in _tables(window).items():
        assert all(_shown_whole(table, item) for item in _items(table)), name
        # One line a row: the text columns took the room they were given.
        heights = {table.rowHeight(r) for r in range(table.rowCount())}
        assert heights == {table.verticalHeader().defaultSectionSize()}, name
    # Narrower than usual, the columns give the room back: nothing out of view, and what
    # would be cut is whole in its tooltip.
    window.resizeDocks([window.retrain_dock], [280], Qt.Orientation.Horizontal)
    settle(qtbot, window)
    qtbot.wait(50)
    cut = []
    for name, table in _tables(window).items():
        assert _unreadable(table) == [], name
        cut += [(i.column(), i.text()) for i in _items(table) if not _shown_whole(table, i)]
    # Each text reads whole in its cell: a word wider than its column breaks with a hyphen
    # ('correction' at 280 px), a row is as tall as its lines; but a tag's name is never
    # broken inside a word: "photography-", wider than the Tag column can be beside how
    # the tag was learned, is cut with '…' (whole in the tooltip, as checked above).
    assert set(cut) <= {(0, "street-photography-bw")}, cut


def test_figures_are_never_cut(qtbot: QtBot, tmp_path: Path) -> None:
    """A tag taught from 11 photos gained 11 more: the changes table read "+…" for the photos it
    newly tags and wrapped "11 → 22" onto two lines, in the dock's usual width. A figure's
    column was as wide as the text measured in whole pixels, and the text is drawn a fraction
    of a pixel wider: Qt cut it. Each figure column is now as wide as its cells ask."""
    window = _window(qtbot, tmp_path, 1440, 900)
    page = window.retrain.train_page
    with open_library(default_home()) as lib:
        ids = [r["id"] for r in lib.db.query("SELECT id FROM photos ORDER BY id")]
    scores = TagMetrics(0.8, 0.7, 0.75, 0.8, 4, 6)
    result = TrainingResult(
        "v2",
        "v1",
        [TagComparison("critter", 3, None, scores)],
        True,
        "learned",
        {"learned": {"critter": {"how": "concept", "label": LEARNED["drinks"]}}},
        1.0,
        [TagChange("critter", 11, 22, added=11, added_ids=ids[:11])],
    )
    page.result = result
    page.show_result(result)
    settle(qtbot, window)
    qtbot.wait(50)
    for name, table in _tables(window).items():
        for column in range(table.columnCount()):
            if column in table.text_columns:  # type: ignore[attr-defined]
                continue
            needed = table.sizeHintForColumn(column)  # the width Qt draws the cells' text in
            assert table.columnWidth(column) >= needed, (name, column)
    changes = page.changes.table
    assert [_text(changes, 0, c) for c in (2, 4)] == ["+11", "11 → 22"]


def test_how_each_tag_was_learned_reads_whole_in_plain_words(qtbot: QtBot, tmp_path: Path) -> None:
    """In the dock, "like WordNet 'bottle' + 'structure' + your examples' classes and their
    WordNet neighbours (60 classes)" was cut after three lines ("… your examples' class…"),
    the rest only in a tooltip. It reads "like 'bottle', 'structure' and your examples",
    whole however narrow the dock, and the record's own words are in its tooltip."""
    window = _window(qtbot, tmp_path, 1440, 900)
    page = window.retrain.train_page
    changes = page.changes.table
    learned = {_text(changes, r, 0): changes.item(r, 1) for r in range(changes.rowCount())}
    words = {tag: item.text() for tag, item in learned.items() if item is not None}
    assert words == {
        "drinks": "like “bottle”, “structure” and your examples",
        PETS: "like “domestic animal”, “hotdog” and your examples",
        "monkeys": "like “primate”",
        # The default tagger kept: three words (six lines at the dock's width); why, in its tip.
        "food": "as it was",
        "street-photography-bw": "from your examples",
    }
    for width in (340, 280):
        window.resizeDocks([window.retrain_dock], [width], Qt.Orientation.Horizontal)
        settle(qtbot, window)
        qtbot.wait(50)
        for tag, item in learned.items():
            # Whole at 280 px too, where the column is narrower than "correction", a word of
            # food's wording: it breaks, with a hyphen.
            assert item is not None and _shown_whole(changes, item), (width, tag)
            assert item.toolTip().startswith(item.text()) or tag == "food"
            # The words `train` and --json give, in the app's quotes.
            assert curly_quotes(LEARNED[tag]) in item.toolTip()
    # The caption under the table names the selected tag and how it was learned, plainly.
    drinks = next(r for r in range(changes.rowCount()) if _text(changes, r, 0) == "drinks")
    changes.selectRow(drinks)
    assert "Learned like “bottle”, “structure” and your examples." in page.changes.caption.text()


def test_a_long_word_of_how_a_tag_was_learned_is_not_cut(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A word wider than its column is cut, however many lines its row has: at the dock's usual
    width "like 'establishment'" (a WordNet group) read "like 'establishme" in a Learned column
    of 88 px, beside a Tag column wider than its widest word needs. Each text column is
    now kept as wide as its widest word where all of them fit."""
    monkeypatch.setitem(LEARNED, "monkeys", "like WordNet 'establishment'")
    monkeypatch.delitem(LEARNED, "street-photography-bw")  # its 'photography-' takes the room
    window = _window(qtbot, tmp_path, 1440, 900)
    changes = window.retrain.train_page.changes.table
    row = next(r for r in range(changes.rowCount()) if _text(changes, r, 0) == "monkeys")
    item = changes.item(row, 1)
    assert item is not None and item.text() == "like “establishment”"
    changes.scrollToItem(item)
    assert changes.horizontalScrollBar().maximum() == 0
    assert _shown_whole(changes, item)
    assert _unreadable(changes) == []
    # Narrower, the two words' columns no longer fit side by side: cut, whole in the tooltip.
    window.resizeDocks([window.retrain_dock], [280], Qt.Orientation.Horizontal)
    settle(qtbot, window)
    qtbot.wait(50)
    assert changes.horizontalScrollBar().maximum() == 0
    assert _unreadable(changes) == []
