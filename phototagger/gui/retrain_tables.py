"""The read-only tables of the Model panel's pages (labels, metrics, changes): one look, room
for enough rows to read, and columns that fit the dock (FittedTable)."""

from __future__ import annotations

import math
import re
from collections.abc import Iterator
from contextlib import contextmanager

from PySide6.QtCore import QEvent, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QHelpEvent,
    QResizeEvent,
    QTextLayout,
    QTextOption,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableWidget,
    QTableWidgetItem,
    QToolTip,
)

# Before a warning on the Model panel's pages, never before a plain note.
WARNING = "<span style='color:#b06000'>⚠</span> "


def cell(text: str, align_right: bool = False, colour: QColor | None = None) -> QTableWidgetItem:
    item = QTableWidgetItem(text)
    item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
    if align_right:
        item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    if colour is not None:
        item.setForeground(colour)
    return item


MAX_LINES = 3  # a long text wraps onto this many lines at most, then is cut with '…'
# Where a word wider than its column may break, a hyphen shown at the break (Qt draws a soft
# hyphen only at the end of a line).
SOFT_HYPHEN = "\u00ad"
LEAST_AFTER_BREAK = 3  # letters on the line after such a break, where the word allows
MIN_CHARS = 6  # the fewest characters a text column keeps in view
ROW_PADDING = 8  # above and below a row's lines


class FittedTable(QTableWidget):
    """A table whose columns fit the width it is given, as a dock is narrow: figures keep their
    whole width, the text columns share the rest, each up to the width of its longest text, and
    a text longer than its column wraps onto up to MAX_LINES lines, then is cut with '…' and
    read whole in the cell's tooltip. Sized to their contents, a tag's name and how it was
    learned ("like WordNet 'bottle' + …") took 450 of the dock's 300 pixels: the Learned column
    read "like WordNet 'bottl" with the rest out of sight. It scrolls sideways only when even
    the figures and a few letters of each text do not fit. A word wider than its column breaks
    inside, with a hyphen ("'instrumen-" over "tality'"): Qt's item views break lines at spaces
    only, and cut the word ("'instrum…") however many lines its row had. A tag's name (the
    `name_columns`) is never broken inside a word: its column is first given the room of the
    name's longest word (a name broken where a whole word fits on a line read "mon-" over "keys"
    and "photogra-" over "phy-bw"), and a single word too long even for that is cut with '…',
    whole in the cell's tooltip."""

    def __init__(
        self,
        headers: list[str],
        text_columns: tuple[int, ...] = (0,),
        name_columns: tuple[int, ...] = (0,),
    ) -> None:
        super().__init__(0, len(headers))
        self.text_columns = text_columns
        self.name_columns = tuple(c for c in name_columns if c in text_columns)
        self.rows_shown = 0  # rows to keep room for (show_rows); 0: none asked
        self.grows = False  # to all its rows where the page has room (show_rows)
        self.max_lines = MAX_LINES  # a text's lines before it is cut; 0: never cut
        self._natural: list[int] = []  # per column, the width its longest text needs
        self._widths: list[int] = []  # the columns' widths the rows were last fitted to
        # Per text and font, its width on one line (a bold row's text is wider than the same
        # text in the plain rows: measured as theirs, the active version's summary was cut).
        self._advance: dict[tuple[str, str], int] = {}
        self._margins = _text_margins(self)
        self._broken: dict[tuple[str, int, str], str] = {}  # per text and width, as drawn
        self.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.setItemDelegate(_BrokenWords(self))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)  # the viewport's too, when a scroll bar comes or goes
        if self._natural:
            self._fit()

    def viewportEvent(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            item = self.itemAt(event.pos())
            tip = self._tip(item) if item is not None else ""
            if tip:
                QToolTip.showText(event.globalPos(), tip, self.viewport())
                return True
        return super().viewportEvent(event)

    def _tip(self, item: QTableWidgetItem) -> str:
        """The item's own tooltip, led by its whole text when the cell cuts it."""
        tip = item.toolTip()
        text = item.text()
        if self._is_cut(item) and text not in tip:
            return f"{text}\n\n{tip}" if tip else text
        return tip

    def _is_cut(self, item: QTableWidgetItem) -> bool:
        lines, too_wide = self._lines(item, self.columnWidth(item.column()))
        return too_wide or lines > self._fitting_lines(item.row())

    def fit(self) -> None:
        """Measure the columns' texts again (after a refill) and fit them to the width."""
        header = self.horizontalHeader()
        self._margins = _text_margins(self)
        self._advance = {}
        self._broken = {}
        self._natural = [
            max(
                [header.sectionSizeHint(c)]
                + [
                    self._width(self.item(r, c))
                    for r in range(self.rowCount())
                    if self.columnSpan(r, c) == 1  # a cell over several columns has theirs
                ]
            )
            for c in range(self.columnCount())
        ]
        self._widths = []
        self._fit()

    def _fit(self) -> None:
        header = self.horizontalHeader()
        fewest = self.fontMetrics().averageCharWidth() * MIN_CHARS + self._margins
        least = [max(fewest, header.sectionSizeHint(c)) for c in range(self.columnCount())]
        # A word wider than its column is cut, however many lines the row has ('instrumentality'
        # in "like 'instrumentality'" read "like 'instrumentali" in a 72-px Learned column):
        # each text column is kept as wide as its longest word where all of them fit.
        words = {c: max(least[c], self._longest_word(c)) for c in self.text_columns}
        room = self.viewport().width() - sum(
            w for c, w in enumerate(self._natural) if c not in self.text_columns
        )
        others = [c for c in self.text_columns if c not in self.name_columns]
        if sum(words.values()) > room and len(self.name_columns) == 1 and len(others) == 1:
            # A tag's name and one other text (how it was learned) short of room for both
            # longest words: shared where the fewest cells lose a word (shared names first,
            # 'exam-' over 'ples' beside a Tag column that kept 'kitchenware' whole).
            self._share_shortfall(least, room, self.name_columns[0], others[0])
        # Tags' names first: another text breaks its long words with a hyphen, a name does not.
        # Where the others leave too little for every name's longest word, the column is as
        # wide as the widest of them that fits, and a longer word is cut with '…'.
        for column in self.name_columns:
            left = room - sum(least[c] for c in self.text_columns if c != column)
            fitting = [w for w in self._word_widths(column) if w <= left]
            least[column] = max([least[column], *fitting])
        if sum(words.values()) <= room:
            for column, width in words.items():
                least[column] = width
        widths = fitted_widths(self._natural, self.text_columns, self.viewport().width(), least)
        for column, width in enumerate(widths):
            header.resizeSection(column, width)
        if widths == self._widths:
            return  # the rows are as tall as these widths make them
        self._widths = widths
        # Measured once a text and width: a thousand tags' rows follow a dock being dragged.
        wrapped: dict[tuple[str, int, str], int] = {}
        line = self.fontMetrics().lineSpacing()
        for row in range(self.rowCount()):
            lines = 1
            for column in self.text_columns:
                item = self.item(row, column)
                if item is None:
                    continue
                # A cell spanning columns (the Train page's fold line) has all their width.
                width = sum(widths[column : column + self.columnSpan(row, column)])
                key = (item.text(), width, _font_key(item))
                if key not in wrapped:
                    wrapped[key] = self._lines(item, width)[0]
                lines = max(lines, min(self.max_lines or wrapped[key], wrapped[key]))
            if self.rowHeight(row) != lines * line + ROW_PADDING:
                self.setRowHeight(row, lines * line + ROW_PADDING)
        if self.rows_shown:
            show_rows(self, self.rows_shown, self.grows)

    def _share_shortfall(self, least: list[int], room: int, name: int, other: int) -> None:
        """`room` shared by the `name` column and the `other` text column, where their longest
        words do not both fit: at the split where the fewest cells have a word that does not
        fit (a name cut with '…', another text's word broken with a hyphen), the name's column
        the wider of two such splits. Given its widest whole word first, the Tag column left
        the Learned column 62 px at the dock's narrowest: 'exam-' over 'ples' in five rows,
        where 'kitchenware' cut would have left every word of them whole."""
        names, texts = self._word_widths(name), self._word_widths(other)
        lowest, highest = least[name], room - least[other]
        if highest < lowest:
            return
        splits = {lowest, highest, *names, *(room - w for w in texts)}

        def losing(width: int) -> tuple[int, int]:
            lost = sum(w > width for w in names) + sum(w > room - width for w in texts)
            return lost, -width

        best = min((w for w in splits if lowest <= w <= highest), key=losing)
        least[name], least[other] = best, room - best

    def _fitting_lines(self, row: int) -> int:
        return max(1, (self.rowHeight(row) - ROW_PADDING) // self.fontMetrics().lineSpacing())

    def _width(self, item: QTableWidgetItem | None) -> int:
        """The width `item`'s text needs on one line, margins included: measured in fractions
        of a pixel and rounded up, as Qt lays the text out (rounded to the nearest pixel, "+11"
        was 0.3 px short of its cell, and Qt drew it "+…")."""
        if item is None:
            return 0
        text = item.text()
        key = (text, _font_key(item))
        if key not in self._advance:
            font = _font(self, item)
            self._advance[key] = math.ceil(QFontMetricsF(font).horizontalAdvance(text))
        return self._advance[key] + self._margins + 1

    def _longest_word(self, column: int) -> int:
        """The width the widest word of `column`'s texts needs, margins included: the
        narrowest the column can be with no word cut (words as Qt breaks lines: at spaces,
        and after a hyphen)."""
        return max(self._word_widths(column), default=0)

    def _word_widths(self, column: int) -> list[int]:
        """Per text of `column`, the width its widest word needs, margins included."""
        widths = []
        for row in range(self.rowCount()):
            item = self.item(row, column)
            if item is None or self.columnSpan(row, column) != 1:
                continue
            text = item.text()
            # Beside the texts' one-line widths, not mistaken for one.
            key = (f"\0word\0{text}", _font_key(item))
            if key not in self._advance:
                self._advance[key] = _widest_word(text, _font(self, item))
            if self._advance[key]:
                widths.append(self._advance[key] + self._margins + 1)
        return widths

    def _room(self, width: int) -> int:
        """The width a cell's text is laid out in, in a column `width` wide: its margins and the
        grid line off (counted with the line in, a text's last line did not fit: "5 no …")."""
        return max(1, width - self._margins - (1 if self.showGrid() else 0))

    def shown_text(self, item: QTableWidgetItem) -> str:
        """`item`'s text as its cell draws it: in a text column, each word wider than the
        column given places to break, with a hyphen."""
        text = item.text()
        if item.column() not in self.text_columns or item.column() in self.name_columns:
            return text
        width = self.columnWidth(item.column())
        font = _font(self, item)
        key = (text, width, font.key())
        if key not in self._broken:
            self._broken[key] = broken_words(text, font, self._room(width))
        return self._broken[key]

    def _lines(self, item: QTableWidgetItem, width: int) -> tuple[int, bool]:
        """The lines `item`'s text takes wrapped at `width`, as Qt lays it out to draw it, and
        whether a line is wider than that (it is cut, however many lines the row has)."""
        if self._width(item) <= width:
            return 1, False
        room = self._room(width)
        font = _font(self, item)
        text = item.text()
        if item.column() not in self.name_columns:
            text = broken_words(text, font, room)
        layout = QTextLayout(text, font)
        option = QTextOption()
        option.setWrapMode(QTextOption.WrapMode.WordWrap)
        layout.setTextOption(option)
        layout.beginLayout()
        lines, too_wide = 0, False
        while (line := layout.createLine()).isValid():
            line.setLineWidth(room)
            lines += 1
            too_wide = too_wide or line.naturalTextWidth() > room
        layout.endLayout()
        return max(1, lines), too_wide


class _BrokenWords(QStyledItemDelegate):
    """Draws a FittedTable's cells with their words broken as the table measured them."""

    def initStyleOption(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> None:
        super().initStyleOption(option, index)
        table = self.parent()
        if isinstance(table, FittedTable) and index.column() in table.text_columns:
            item = table.item(index.row(), index.column())
            if item is not None:
                option.text = table.shown_text(item)


def broken_words(text: str, font: QFont, room: int) -> str:
    """`text` with each word wider than `room` pixels given places to break, each piece with
    its hyphen fitting in `room` ("'instrumentality'" in 65 px: "'instrumen" and "tality'");
    words that fit are left as they are, so that they wrap whole. Words as Qt breaks lines: at
    spaces, and after a hyphen."""
    exact = QFontMetricsF(font)
    if math.ceil(exact.horizontalAdvance(text)) <= room:
        return text
    hyphen = exact.horizontalAdvance("-")
    out = []
    for word in re.split(r"(\s+|(?<=-))", text):
        if not word or word.isspace() or exact.horizontalAdvance(word) <= room:
            out.append(word)
            continue
        pieces, start = [], 0
        while exact.horizontalAdvance(word[start:]) > room:
            end = start + 1
            while (
                end < len(word) and exact.horizontalAdvance(word[start : end + 1]) + hyphen < room
            ):
                end += 1
            pieces.append(word[start:end])
            start = end
        pieces.append(word[start:])
        if len(pieces[-1]) < LEAST_AFTER_BREAK < len(pieces[-2]):  # "kitchenwa-" over "re"
            moved = LEAST_AFTER_BREAK - len(pieces[-1])
            pieces[-2:] = [pieces[-2][:-moved], pieces[-2][-moved:] + pieces[-1]]
        out.append(SOFT_HYPHEN.join(pieces))
    return "".join(out)


def _widest_word(text: str, font: QFont) -> int:
    """The width of the widest piece of `text` that Qt's word wrap keeps on one line, rounded
    up: laid out one piece a line (a line 1 px wide)."""
    layout = QTextLayout(text, font)
    option = QTextOption()
    option.setWrapMode(QTextOption.WrapMode.WordWrap)
    layout.setTextOption(option)
    layout.beginLayout()
    widest = 0.0
    while (line := layout.createLine()).isValid():
        line.setLineWidth(1)
        widest = max(widest, line.naturalTextWidth())
    layout.endLayout()
    return math.ceil(widest)


def _text_margins(table: QTableWidget) -> int:
    """Left and right, as the style draws a cell's text."""
    style = table.style()
    return 2 * (style.pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, table) + 1)


def _font(table: QTableWidget, item: QTableWidgetItem) -> QFont:
    return table.font() if item.data(Qt.ItemDataRole.FontRole) is None else item.font()


def _font_key(item: QTableWidgetItem) -> str:
    """What tells `item`'s font from the table's in the measures kept: "" for the table's own
    (most cells: not made into a key each time a dock is dragged)."""
    return "" if item.data(Qt.ItemDataRole.FontRole) is None else item.font().key()


def fitted_widths(
    natural: list[int], text_columns: tuple[int, ...], width: int, least: list[int]
) -> list[int]:
    """Each column's width within `width`: the others' natural widths, then the text columns
    share what is left, none wider than it needs (the last of them takes what they leave), none
    narrower than `least` or its header."""
    widths = list(natural)
    room = width - sum(w for c, w in enumerate(natural) if c not in text_columns)
    if sum(natural[c] for c in text_columns) <= room:
        widths[text_columns[-1]] += room - sum(natural[c] for c in text_columns)
        return widths
    # Each text column's floor counts as it is shared out: raised to its floor afterwards, a
    # short tag's column ("pets", 34 px, floor 42) took 8 px the last column had been given,
    # and the Train page's changes scrolled sideways with "10 → 11" cut at the dock's edge.
    # A column never needs more than its longest text, whatever the floor.
    # A column's share leaves the columns after it their floors, where it can.
    left = sorted(text_columns, key=lambda c: natural[c])
    while left:
        share = room // len(left)
        column = left.pop(0)
        floor = min(least[column], natural[column]) if left else least[column]
        share = min(share, room - sum(least[c] for c in left)) if left else share
        widths[column] = max(floor, min(natural[column], share) if left else share)
        room -= widths[column]
    return widths


def table(headers: list[str], text_columns: tuple[int, ...] = (0,)) -> FittedTable:
    table = FittedTable(headers, text_columns)
    table.setHorizontalHeaderLabels(headers)
    table.verticalHeader().hide()
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    # Rows are chosen whole with the arrows: Tab goes on to the buttons, where it went round
    # the cells of the one row and never reached Discard or Apply.
    table.setTabKeyNavigation(False)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setAlternatingRowColors(True)
    table.setWordWrap(True)
    table.setTextElideMode(Qt.TextElideMode.ElideRight)
    table.verticalHeader().setDefaultSectionSize(table.fontMetrics().lineSpacing() + ROW_PADDING)
    table.horizontalHeader().setHighlightSections(False)
    # When it must scroll sideways, smoothly: a column at a time jumped past the text.
    table.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
    return table


ROWS_SHOWN = 6  # rows a table of the Train page keeps in view at least, when it has them


def show_rows(table: QTableWidget, most: int = ROWS_SHOWN, grow: bool = False) -> None:
    """Keep room for `most` rows of `table` (fewer if it has fewer, one if none), header,
    frame and a sideways scroll bar where it scrolls sideways included; no taller than that,
    or with `grow` as tall as all its rows where the page has room: squeezed into the dock
    beside the others, each table showed about two rows, and given room for six whatever it
    held, two rows and four empty ones pushed the photos a version changes out of view. The
    page scrolls instead (retrain_train.py). A fitted table keeps to its rows as they grow
    and shrink with its width."""
    if isinstance(table, FittedTable):
        table.rows_shown, table.grows = most, grow
    heights = [table.rowHeight(r) for r in range(table.rowCount())]
    heights = heights or [table.verticalHeader().defaultSectionSize()]
    header = table.horizontalHeader()
    sideways = header.length() > table.viewport().width() or not isinstance(table, FittedTable)
    scroll_bar = table.horizontalScrollBar().sizeHint().height() if sideways else 0
    frame = header.sizeHint().height() + 2 * table.frameWidth() + scroll_bar
    table.setMinimumHeight(frame + sum(heights[:most]))
    table.setMaximumHeight(frame + sum(heights if grow else heights[:most]))


@contextmanager
def refilling(table: QTableWidget) -> Iterator[None]:
    """Replace a table's items in one go, then fit its columns to them. A column sized to its
    contents by the header was measured again, every row of it, each time one of its items was
    replaced: refilling the Train page's 95 labels took 0.5 s of the GUI thread (120,600 size
    hints), after every decision and every scan batch. A fitted table measures its texts once,
    when the items are in."""
    try:
        yield
    finally:
        if isinstance(table, FittedTable):
            table.fit()
