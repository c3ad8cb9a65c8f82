"""A word wider than its column in the Model dock's tables: at 280 px the Learned column is 72 px
and "like 'instrumentality'" read "like 'instrum…", the word cut however many lines its row had
(Qt's item views break lines at spaces only). It breaks inside now, with a hyphen, and the cell
reads whole. Each cell is checked as Qt draws it: the text the view hands the style, laid out at
the width the cell gives its text (the grid line and margins off: measured with the grid line
in, "… needs 5 yes and 5 no answers" lost its last line, drawn "no …")."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from phototagger.gui.retrain_tables import ROW_PADDING
from tests import test_gui_train_page_columns as columns
from tests.gui_helpers import settle

SOFT_HYPHEN = "\u00ad"


def test_a_word_wider_than_its_column_breaks_and_reads_whole(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(columns.LEARNED, "monkeys", "like WordNet 'instrumentality'")
    window = columns._window(qtbot, tmp_path, 1440, 900)
    changes = window.retrain.train_page.changes.table
    for width in (340, 280):
        window.resizeDocks([window.retrain_dock], [width], Qt.Orientation.Horizontal)
        settle(qtbot, window)
        qtbot.wait(50)
        assert changes.horizontalScrollBar().maximum() == 0
        row = next(
            r for r in range(changes.rowCount()) if columns._text(changes, r, 0) == "monkeys"
        )
        item = changes.item(row, 1)
        assert item is not None and item.text() == "like “instrumentality”"
        text, lines, whole = columns.drawn(changes, item)
        assert whole, (width, lines)
        assert text.replace(SOFT_HYPHEN, "") == item.text()
        assert len(lines) >= 3 and lines[1].endswith(SOFT_HYPHEN), lines  # "'instrume-"
        # How each tag was learned reads whole in every row, however many lines (the table
        # says so: its rows are as tall as their texts).
        for r in range(changes.rowCount()):
            learned = changes.item(r, 1)
            assert learned is not None
            assert columns.drawn(changes, learned)[2], (width, learned.text())


def test_a_tags_name_is_not_broken_inside_a_word(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A tag's name broke inside a word where the word would have fitted on its own line: at
    280 px the Tag column was 71 px and "kitchenware" read "kitchenw-" over "are" (and
    "monkeys" "mon-" over "keys" in a narrower dock), beside a Learned column that breaks its
    own words anyway. The Tag column now gets its names' longest word first, and a name is never
    broken: a word too long even so ("photography-" in "street-photography-bw") is cut with
    '…', the whole name in the cell's tooltip."""
    monkeypatch.setitem(columns.LEARNED, "kitchenware", "from your examples")
    window = columns._window(qtbot, tmp_path, 1440, 900)
    page = window.retrain.train_page
    for width in (340, 280):
        window.resizeDocks([window.retrain_dock], [width], Qt.Orientation.Horizontal)
        settle(qtbot, window)
        qtbot.wait(50)
        for table in (page.labels, page.metrics, page.changes.table):
            assert table.horizontalScrollBar().maximum() == 0
            whole = {}
            for row in range(table.rowCount()):
                item = table.item(row, 0)
                assert item is not None
                text, lines, fits = columns.drawn(table, item)
                assert text == item.text() and SOFT_HYPHEN not in text, (width, lines)
                whole[text] = fits
                if not fits:  # cut with '…': the whole name when hovered
                    tip = columns._hover(table.viewport(), table.visualItemRect(item).center())
                    assert tip.startswith(text), (width, text, tip)
            assert whole["monkeys"], (width, whole)
            if width >= 340 or table is not page.changes.table:
                assert whole["kitchenware"], (width, whole)
                assert list(whole.values()).count(False) <= (width < 340), (width, whole)
            else:  # where it leaves every word of how the tags were learned whole (below)
                assert list(whole.values()).count(False) <= 2, (width, whole)


def test_the_learned_words_are_not_broken_where_the_tag_column_can_give_room(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """At the dock's narrowest (307 px) the Tag column of the changes took the width of its
    widest whole name word ('kitchenware', 81 px) and the Learned column the 62 px left: five
    of its six rows broke a word with a hyphen ('exam-' over 'ples', "'structu-" over "re'",
    'correct-' over 'ion'), rows of up to eleven lines. Neither column can have its longest
    words whole there (149 px for 143); the room short now goes where the fewest cells lose a
    word: the Learned words wrap at spaces, whole, and 'kitchenware' and 'photography-' are
    cut with '…', whole in their tooltips (and in the answers' table above). In the app's quotes
    (walk50) “structure” is 6 px wider than 'structure' was, and 2 px short at 307 px: keeping it
    whole would cut more names, so that one word alone breaks, with a hyphen."""
    monkeypatch.setitem(columns.LEARNED, "kitchenware", "from your examples")
    window = columns._window(qtbot, tmp_path, 1440, 900)
    changes = window.retrain.train_page.changes.table
    window.resizeDocks([window.retrain_dock], [307], Qt.Orientation.Horizontal)
    settle(qtbot, window)
    qtbot.wait(50)
    assert changes.horizontalScrollBar().maximum() == 0
    for row in range(changes.rowCount()):
        learned = changes.item(row, 1)
        assert learned is not None
        _drawn, lines, fits = columns.drawn(changes, learned)
        broken = [line for line in lines if line.endswith(SOFT_HYPHEN)]
        assert fits and broken == (["“structu\xad"] if "“structure”" in learned.text() else []), (
            lines
        )
    assert columns._unreadable(changes) == []
    tallest = max(changes.rowHeight(r) for r in range(changes.rowCount()))
    assert tallest <= 9 * changes.fontMetrics().lineSpacing() + ROW_PADDING  # was 11 lines
