"""The window's centre: the grid under a header naming the filter, or, for an empty library,
a welcome page with an Add Folder button."""

from __future__ import annotations

import html
import re
from collections.abc import Iterator, Sequence

from PySide6.QtCore import QEvent, QRect, Qt
from PySide6.QtGui import QFontMetrics, QPainter, QPaintEvent, QResizeEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from phototagger.core.wording import counted

WELCOME = 0
GRID = 1

WELCOME_WORDS = (
    "<h2>Your library is empty</h2><p>Add a folder of photos: phototagger finds them, tags "
    "them, and learns from your corrections.<br>Nothing leaves this computer.</p>"
)


# Glue a path's parts with (no line break after a separator, none at a space in it) and the
# place a line may break before a separator, for a path longer than a line.
WORD_JOINER, BREAK_HERE, NO_BREAK_SPACE = "\u2060", "\u200b", "\u00a0"


def path_html(path: str, metrics: QFontMetrics, width: int) -> str:
    """`path` in rich text, wrapped sanely: Qt breaks a line after any '/', and the welcome
    page of a narrow window read "… removed the folder /" over "home/anna/Pictures …" (after
    its first '/'). A path that fits on a line now is never broken; a longer one breaks only
    before a separator, each line starting with one ("/home/anna" over "/Pictures/Summer")."""
    fits = metrics.horizontalAdvance(path) <= width
    out = ""
    for part in re.split(r"([/\\])", path):
        if part in ("/", "\\"):
            out += ("" if fits or not out else BREAK_HERE) + part + WORD_JOINER
        else:  # nor after a '-' ("pytest-of-" over "root") or at a space in a name
            glued = re.sub(r"([^\w\s])", rf"\1{WORD_JOINER}", part)
            out += html.escape(glued, quote=False).replace(" ", NO_BREAK_SPACE)
    return out


def plain_words(text: str) -> str:
    """The words a user reads in `text`: without path_html's invisible marks."""
    return text.replace(WORD_JOINER, "").replace(BREAK_HERE, "").replace(NO_BREAK_SPACE, " ")


class WelcomeLabel(QLabel):
    """The welcome page's words, the folders' paths in them wrapped for its width (path_html),
    again as the window is resized."""

    def __init__(self) -> None:
        super().__init__(WELCOME_WORDS)
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setWordWrap(True)
        self._photos = 0
        self._folders: Sequence[str] = ()
        # Its width is the page's, not its longest unbreakable run's (a path kept whole while
        # it fitted would hold the page that wide): the words are wrapped again as it narrows.
        self.setMinimumWidth(1)

    def set_taken_out(self, photos: int, folders: Sequence[str]) -> None:
        self._photos, self._folders = photos, folders
        self._compose()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self._photos and event.size().width() != event.oldSize().width():
            self._compose()

    def _compose(self) -> None:
        photos, folders = self._photos, self._folders
        if not photos:
            self.setText(WELCOME_WORDS)
            self.setToolTip("")
            return
        metrics, width = QFontMetrics(self.font()), self.contentsRect().width()
        names = ", ".join(path_html(f, metrics, width) for f in folders[-3:])
        more = len(folders) - 3
        which = f"the folder {names}" if len(folders) == 1 else f"the folders {names}"
        if more > 0:
            which += f" and {counted(more, 'other')}"
        self.setText(
            "<h2>Your library is empty</h2>"
            f"<p>{counted(photos, 'photo')} left it when you removed {which} "
            f"(Remove Folder): the files are still on disk, and your tags and answers on them "
            "are kept.<br>Add the folder again (Add Folder…) to bring them back.</p>"
        )
        self.setToolTip("\n".join(folders))  # each whole, the ones not named too


COUNT_AFTER = "  ·  "  # between the filter's words and the count ("Photos tagged dog  ·  12")
WRAPPED_LINES = 4  # the most lines set_whole_text takes to show a header whole


class HeaderLabel(QLabel):
    """The grid's header, shortened with '…' when the grid is narrow, its least important part
    first and never by cutting a word's start: the filter's aside (`aside`: ": suggestions the
    model was unsure of"), then a note after the count to its figure ("+1 no longer matching"
    to "+1"), then the filter's words give up their start, whole words first ("…tagged
    clothing", "…/Summer at the lake", so that what the filter names stays), then the count its
    total ("31 of 1,020" to "31"); only then is the last word cut, at its end. Cut in the middle
    of the whole line, "Photos tagged clothing  ·  31 of 1,020" read "Photos tagg…31 of 1,020";
    on Needs review with a long count the words gave way to the note, down to "…of  ·  180 of
    2,000  ·  +1 no longer matching". A header with no count gives up whole words at its end.
    The whole text stays the label's text() and is its tooltip while shortened. `note`: a word
    more for the tooltip (why the count is what it is)."""

    note = ""
    aside = ""
    _whole = False  # set_whole_text's: shown on a few lines rather than cut

    def shown_text(self) -> str:
        text, width, metrics = self.text(), self.contentsRect().width(), self.fontMetrics()
        shortest = text
        for shortest in (text, *self._shorter(text)):
            if metrics.horizontalAdvance(shortest) <= width:
                return shortest
        words, dot, count = shortest.partition(COUNT_AFTER)
        room = width - metrics.horizontalAdvance(dot + count)
        cut = metrics.elidedText(words, Qt.TextElideMode.ElideRight, max(room, 0))
        if dot and cut.strip("…"):  # the last word, cut at its end ("…kitchenw…")
            return cut + dot + count
        return metrics.elidedText(count or words, Qt.TextElideMode.ElideRight, width)  # a few px

    def _shorter(self, text: str) -> Iterator[str]:
        """`text` shorter and shorter, its least important part first."""
        words, *after = text.split(COUNT_AFTER)
        split = words.split(" ")
        if not after:  # no count: whole words from the end
            yield from (" ".join(split[:end]) + "…" for end in range(len(split) - 1, 0, -1))
            return
        count, *notes = after
        if self.aside and words.endswith(self.aside) and words != self.aside:
            split = words.removesuffix(self.aside).split(" ")
            yield COUNT_AFTER.join([" ".join(split), count, *notes])
        figures = [note.partition(" ")[0] for note in notes]  # "+1 no longer matching": "+1"
        if figures != notes:
            yield COUNT_AFTER.join([" ".join(split), count, *figures])
        for start in range(1, len(split)):
            yield COUNT_AFTER.join(["…" + " ".join(split[start:]), count, *figures])
        last = "…" + split[-1] if len(split) > 1 else split[0]
        number = count.partition(" of ")[0]  # "180 of 2,000": "180"
        yield COUNT_AFTER.join([last, number, *figures])
        if figures:
            yield COUNT_AFTER.join([last, number])

    def lines(self, width: int | None = None) -> int:
        """The lines the text is shown on in `width` pixels (the label's own by default): one,
        or, for a text set by set_whole_text that does not fit one, as many as it takes
        whole, up to WRAPPED_LINES (else one, cut as before)."""
        text, metrics = self.text(), self.fontMetrics()
        if width is None:
            width = self.contentsRect().width()
        if not self._whole or width <= 0 or metrics.horizontalAdvance(text) <= width:
            return 1
        flags = int(Qt.TextFlag.TextWordWrap)
        needed = metrics.boundingRect(QRect(0, 0, width, 10_000), flags, text).height()
        lines = -(-needed // metrics.lineSpacing())
        return lines if lines <= WRAPPED_LINES else 1

    def setText(self, text: str) -> None:
        self._whole = False
        super().setText(text)
        self._fit_lines()

    def set_whole_text(self, text: str) -> None:
        """`text` shown whole on a few lines where it does not fit one (lines): "No photos
        match: …" lost the hint after it ("…; for “automobile”, look at “car” (…)") to the
        cut, in a window of 1,400 px (left53); the grid under it is empty, and has room."""
        super().setText(text)
        self._whole = True
        self._fit_lines()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_lines()

    def _fit_lines(self) -> None:
        """Tall enough for the lines its text takes in its width (lines)."""
        margins = self.contentsMargins()
        extra = (self.lines() - 1) * self.fontMetrics().lineSpacing()
        one = self.fontMetrics().lineSpacing() + margins.top() + margins.bottom()
        height = max(self.sizeHint().height(), one) + extra if extra else 0
        if self.minimumHeight() != height:
            self.setMinimumHeight(height)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setPen(self.palette().color(self.foregroundRole()))
        if self.lines() > 1:
            flags = int(self.alignment()) | int(Qt.TextFlag.TextWordWrap)
            painter.drawText(self.contentsRect(), flags, self.text())
            return
        painter.drawText(self.contentsRect(), int(self.alignment()), self.shown_text())

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip:
            cut = self.shown_text() != self.text() and self.lines() == 1
            whole = self.text() if cut else ""
            self.setToolTip("\n".join(line for line in (whole, self.note) if line))
        return super().event(event)


class Centre(QStackedWidget):
    def __init__(self, grid: QWidget, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.header = HeaderLabel("All photos")
        self.header.setContentsMargins(10, 6, 10, 4)
        font = self.header.font()
        font.setPointSizeF(font.pointSizeF() * 1.1)
        font.setBold(True)
        self.header.setFont(font)
        # A long filter description is cut, never a reason for the window to be wider: the
        # window must tile to half of a 1920-px screen.
        self.header.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        # Shown while a filter is on (Find Similar's ranking too): a window that starts with last
        # time's filter must not look like a library that lost photos, and after Find Similar
        # the way back is beside the header that says so, not only in the View menu.
        self.show_all = QPushButton("Show All Photos")
        self.show_all.setObjectName("showAllPhotos")
        self.show_all.setVisible(False)
        header_row = QHBoxLayout()
        header_row.setContentsMargins(0, 0, 8, 0)
        header_row.addWidget(self.header, 1)
        header_row.addWidget(self.show_all)
        grid_page = QWidget()
        layout = QVBoxLayout(grid_page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addLayout(header_row)
        layout.addWidget(grid, 1)
        welcome_page = QWidget()
        welcome_layout = QVBoxLayout(welcome_page)
        welcome_layout.addStretch(1)
        self.welcome = WelcomeLabel()
        self.add_button = QPushButton("Add Folder…")
        welcome_layout.addWidget(self.welcome)
        welcome_layout.addWidget(self.add_button, 0, Qt.AlignmentFlag.AlignHCenter)
        welcome_layout.addStretch(2)
        self.addWidget(welcome_page)
        self.addWidget(grid_page)
        # The grid until the library is known to be empty: a window shown on the welcome page
        # flashed "Your library is empty" on every start, and, the grid hidden when the window
        # became active, the keys went to the tag search box (N typed 'n' there).
        self.show_grid()

    def set_taken_out(self, photos: int, folders: Sequence[str]) -> None:
        """The library is empty because Remove Folder took its `photos` out with `folders`:
        the welcome page says so, and how to get them back. After removing the only folder it
        read "Your library is empty ... Add a folder of photos", as to a new user, with no
        word of the photos and the tags given them, which adding the folder again brings
        back."""
        self.welcome.set_taken_out(photos, folders)

    def show_grid(self, grid: bool = True) -> None:
        self.setCurrentIndex(GRID if grid else WELCOME)

    @property
    def showing_grid(self) -> bool:
        return self.currentIndex() == GRID
