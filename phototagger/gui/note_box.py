"""A note of a few lines that scrolls for the rest, its whole words in its tooltip.

gui44: at 856 x 600 (offscreen) the Review tab's note over the question ("Nothing near where
“beach day” starts tagging: every photo you have not answered scores under 2%, ...") took twelve
lines at the tab's width, and the queue under it kept one row: a word-wrapped QLabel asks for
every line it wraps to and gives none of them up. The note now takes what the window can
spare (the page says how much: give_room), LINES lines at least, and scrolls for the rest (a
scroll bar says there is more); where it is cut, its tooltip reads it whole.

gui45: the question under it is one too (rich text, its tag's name in bold; it never takes the
keys from the queue it asks about: `keys=False`). Five lines at the tab's width, it did not
shrink either, and with a desktop font of 12 or 13 points the queue kept three rows at 856 x 600.

walk48: cut to one or two lines (a 13-point font at 856 x 600), its scroll bar had room for its
two arrows only (one line: no handle at all; two: 12 px of 40). A box that short now has a
scroll bar of a handle alone, as tall as the box allows (compact_bar)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QFrame, QLabel, QScrollArea, QScrollBar, QStyle, QWidget

LINES = 2  # the lines the note takes at least where cut (more where room is given: give_room)


def compact_bar(bar: QScrollBar, compact: bool, height: int = 0) -> None:
    """`bar` with no arrows, its handle alone over the whole height (`compact`; a third of
    `height` at least), or as the style draws it. As wide as the style's bar either way, so
    the words wrap alike."""
    sheet = ""
    if compact:
        sheet = _compact_sheet(
            bar.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent, None, bar), height
        )
    if bar.styleSheet() != sheet:  # set anew, the bar is styled again (each answer fits it)
        bar.setStyleSheet(sheet)


def _compact_sheet(extent: int, height: int) -> str:
    """compact_bar's style sheet for a bar `extent` pixels wide in a box `height` tall."""
    return (
        f"QScrollBar:vertical {{ width: {extent}px; margin: 0; background: transparent; }}"
        "QScrollBar::handle:vertical { background: palette(dark);"
        f" min-height: {max(6, height // 3 - 2)}px;"
        f" border-radius: {max(1, extent // 4)}px; margin: 1px {max(1, extent // 4)}px; }}"
        "QScrollBar::add-line:vertical, QScrollBar::sub-line:vertical"
        " { height: 0; border: none; background: none; }"
        "QScrollBar::add-page:vertical, QScrollBar::sub-page:vertical"
        f" {{ background: palette(midlight); margin: 0 {max(1, extent // 4)}px; }}"
    )


class NoteBox(QScrollArea):
    """A word-wrapped note, LINES lines at most: text() and setText() are its label's
    (`widget()`). `rich`: the text is Qt's rich text, not plain; `keys`: a click may select its
    words and so take the keys (without: the keys stay where they are, and the words are not
    selectable, as a plain label's)."""

    def __init__(
        self,
        parent: QWidget | None = None,
        lines: int = LINES,
        *,
        rich: bool = False,
        keys: bool = True,
    ) -> None:
        super().__init__(parent)
        self.most_lines = self.lines = lines  # lines: fewer where the page says so (give_room)
        self.rich = rich
        self.room = 0  # the height it may take besides its lines (give_room)
        self.details = ""  # longer words than the note's, read in its tooltip (setText)
        self.label = QLabel()
        self.label.setWordWrap(True)
        # As wide as the box, not as its longest word: a file name wider than the box made the
        # words wrap past its right edge, under the scroll bar ("Does this photo show beach
        # da"); now that one word runs past it, and the rest wraps where it is seen.
        self.label.setMinimumWidth(1)
        # Its words from the top: centred (a label's default), a viewport left taller than the
        # box (the box fitted smaller while hidden) drew the Review tab's two-line "Choose a
        # tag: ..." half a line down, its second line cut in half.
        self.label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.label.setTextFormat(Qt.TextFormat.RichText if rich else Qt.TextFormat.PlainText)
        if keys:
            self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        else:
            self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            self.label.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setWidget(self.label)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.viewport().setAutoFillBackground(False)
        self.label.setAutoFillBackground(False)

    def text(self) -> str:
        return self.label.text()

    def setText(self, text: str, details: str = "") -> None:  # noqa: N802 - Qt's name
        """`text` in the box; `details`, where given, its longer words, read in its tooltip."""
        self.details = details
        self.label.setText(text)
        self.verticalScrollBar().setValue(0)
        self._fit()

    def give_room(self, room: int, lines: int | None = None) -> None:
        """Up to `room` pixels for the note where more than its `lines` lines (fewer lines
        where given: a window too small for them all)."""
        lines = self.most_lines if lines is None else lines
        if (room, lines) != (self.room, self.lines):
            self.room, self.lines = room, lines
            self._fit()

    def least(self, width: int, lines: int | None = None) -> int:
        """The height it takes `width` pixels wide however little room it is given: its
        lines (`lines` of them where given), or the whole note where shorter."""
        return min(self._whole(width), self._lines_height(lines or self.most_lines))

    def taken(self, width: int) -> int:
        """The height it takes `width` pixels wide, with the room it is given now: whole
        lines where cut (a line cut in half read as a smudge over the scroll bar)."""
        whole = self._whole(width)
        most = max(self._lines_height(), self.room)
        if whole <= most:
            return whole
        margins = self.label.contentsMargins()
        lines = (most - margins.top() - margins.bottom()) // self.label.fontMetrics().lineSpacing()
        return self._lines_height(lines)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if event.size().width() != event.oldSize().width():
            self._fit()

    def _whole(self, width: int) -> int:
        # A label never given words has no height for a width (-1): fitted to it, a box resized
        # before its first words (the Review tab's "settled" note, hidden, as a scan filled the
        # window) said "QWidget::setMinimumSize: (/NoteBox) Negative sizes (0,-1)" (walk52).
        return max(0, self.label.heightForWidth(width))

    def _lines_height(self, lines: int | None = None) -> int:
        margins = self.label.contentsMargins()
        count = self.lines if lines is None else lines
        return count * self.label.fontMetrics().lineSpacing() + margins.top() + margins.bottom()

    def _fit(self) -> None:
        """As tall as the note at this width, up to `lines` lines; the tooltip where cut."""
        height = self.taken(self.width())
        self.setFixedHeight(height)
        # Its viewport laid out at that height now: fitted while hidden, the box kept the
        # viewport of its first words (three lines in a box of two), and the words' last line
        # could not be scrolled to (setViewportMargins lays the viewport out again).
        self.setViewportMargins(self.viewportMargins())
        cut = height < self._whole(self.width())
        # Two arrows and a handle need about four bars' widths of height (Fusion: 56 px).
        bar = self.verticalScrollBar()
        extent = bar.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent, None, bar)
        compact_bar(bar, cut and height < 4 * extent, height)
        text = self.details or (self.label.text() if cut else "")
        # A tooltip is read as rich text only where Qt guesses so: <qt> says it is.
        self.setToolTip(f"<qt>{text}</qt>" if self.rich and text else text)
