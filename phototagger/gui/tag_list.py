"""The details panel's tag list: one row per tag, with its confidence, where it came from, and
buttons to accept or reject it. A highlighted row takes the keyboard's decisions (A, R)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from PySide6.QtCore import QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QSizePolicy,
    QStyle,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from phototagger.core.labels import Action
from phototagger.core.states import TagState
from phototagger.gui.elided_label import ElidedLabel, TagNameLabel
from phototagger.gui.muted import mute

MODEL_COLOUR = QColor(66, 133, 244)
USER_COLOUR = QColor(52, 168, 83)
REJECTED_COLOUR = QColor(150, 150, 150)


@dataclass(frozen=True)
class TagEntry:
    """A row of the list: one photo's tag, or a tag across several selected photos."""

    name: str
    confidence: float | None  # the model's, or the share of the selection having the tag
    state: str | None  # None: a model suggestion; added, accepted, rejected: the user's
    source: str  # a few words: "model v1 · 87%", "you added it", "3 of 5 photos"
    can_accept: bool
    can_reject: bool
    reject_action: Action = "reject"
    # Several photos selected: how many of them have the tag, of how many. The row then shows
    # "2/10", not a percentage that read as the model's confidence (confidence is the share).
    share: tuple[int, int] | None = None
    # Where a decision Find Duplicates carried onto the photo came from ("from IMG_0002.heic
    # (moved to the trash)"): a line of its own under the row, the row's whole width, wrapped.
    origin: str = ""


BAR = 64  # a confidence bar's width where the row has room
SHORTEST_BAR = 16  # ... and where the tag's name needs it
NAME_KEPT = 10  # characters of a tag's name kept before its bar is at its longest


class ConfidenceBar(QWidget):
    def __init__(
        self, value: float | None, colour: QColor, parent: QWidget | None = None, tip: str = ""
    ) -> None:
        super().__init__(parent)
        self._value = value
        self._colour = colour
        # Shorter where the tag's name needs the room, down to SHORTEST_BAR: the layout takes
        # from what is over each widget's least width, and the name's least is most of it. In
        # a details panel 230 px wide, 64 px of bar left 'people' and 'clothing' reading 'p…e'
        # and 'cl…ng' (the figure beside it says the confidence in full).
        self.setFixedHeight(10)
        self.setMinimumWidth(SHORTEST_BAR)
        self.setMaximumWidth(BAR)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        if value is not None:
            self.setToolTip(tip or f"confidence {value:.0%}")

    def sizeHint(self) -> QSize:
        return QSize(BAR, 10)

    def paintEvent(self, event: QPaintEvent) -> None:
        if self._value is None:
            # A tag on some of the selected photos has a figure and no confidence: an empty
            # track read as "0 %".
            return
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        track = QColor(self.palette().color(QPalette.ColorRole.Text))
        track.setAlpha(30)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(track)
        rect = QRectF(self.rect()).adjusted(0.5, 1.5, -0.5, -1.5)
        painter.drawRoundedRect(rect, 3.5, 3.5)
        filled = QRectF(rect)
        filled.setWidth(max(rect.height(), rect.width() * max(0.0, min(1.0, self._value))))
        painter.setBrush(self._colour)
        painter.drawRoundedRect(filled, 3.5, 3.5)


# The user's own tags: added or accepted here, or read from the photo's file ('file').
_USERS = (TagState.ADDED, TagState.ACCEPTED, TagState.FILE)


class TagRow(QFrame):
    decided = Signal(str, str)  # tag, action
    clicked = Signal()

    def __init__(self, entry: TagEntry, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.entry = entry
        self.setObjectName("tagRow")
        self.setFrameShape(QFrame.Shape.NoFrame)
        rejected = entry.state == TagState.REJECTED
        colour = (
            REJECTED_COLOUR if rejected else USER_COLOUR if entry.state in _USERS else MODEL_COLOUR
        )
        # Cut to the dock's width, whole in the tooltip: a long keyword or source line must not
        # push the confidence and the buttons out of sight (tests/test_gui_details_long_tags.py).
        # A name is cut in the middle, so that keywords starting alike still read apart; a
        # tag's last level stays whole where it can ('People (k…/Anna').
        self.name_label = name = TagNameLabel(entry.name)
        font = QFont(name.font())
        font.setStrikeOut(rejected)
        font.setBold(entry.state in _USERS)
        name.setFont(font)
        # A short name whole before the bar is at its longest (ConfidenceBar): its least width
        # up to NAME_KEPT characters, then it is cut.
        whole = name.sizeHint().width()
        name.setMinimumWidth(min(whole, name.fontMetrics().averageCharWidth() * NAME_KEPT))
        source = ElidedLabel(entry.source)
        if rejected:
            # Struck through and muted as its source line is: drawn disabled, light grey, the
            # name could hardly be read (on the highlighted row least of all).
            mute(name)
        mute(source)
        small = QFont(source.font())
        small.setPointSizeF(small.pointSizeF() * 0.85)
        source.setFont(small)
        accept_tip, reject_tip, bar_tip = _tips(entry)
        self.accept_button = _button("✓", accept_tip)
        self.reject_button = _button("✕", reject_tip)
        self.accept_button.setEnabled(entry.can_accept)
        self.reject_button.setEnabled(entry.can_reject)
        self.accept_button.clicked.connect(lambda: self.decided.emit(entry.name, "accept"))
        self.reject_button.clicked.connect(
            lambda: self.decided.emit(entry.name, entry.reject_action)
        )
        outer = QVBoxLayout(self)
        outer.setContentsMargins(6, 3, 4, 3)
        outer.setSpacing(0)
        layout = QHBoxLayout()
        layout.setContentsMargins(0, 0, 0, 0)
        # Its own spacing: a layout inside another takes the outer one's (none here).
        layout.setSpacing(self.style().pixelMetric(QStyle.PixelMetric.PM_LayoutHorizontalSpacing))
        outer.addLayout(layout)
        # Under the name across the row's whole width: beside the figure and the buttons it was
        # cut in the dock's default 340 px ("you accepted it · model …").
        outer.addWidget(source)
        self.source_label = source
        if entry.share is not None:  # a "no" on some of them has no figure: its line says it
            figure = "" if rejected else f"{entry.share[0]:,}/{entry.share[1]:,}"
        else:
            figure = "" if entry.confidence is None else f"{entry.confidence:.0%}"
        percent = QLabel(figure)
        percent.setFixedWidth(max(34, percent.fontMetrics().horizontalAdvance(figure) + 2))
        percent.setToolTip(bar_tip)
        percent.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        mute(percent)
        layout.addWidget(name, 1)
        self.bar: ConfidenceBar | None = None
        if figure or entry.confidence is not None:
            layout.addWidget(percent)
            self.bar = ConfidenceBar(entry.confidence, colour, tip=bar_tip)
            layout.addWidget(self.bar)
        # else nothing to show there: a keyword's name takes the room ('White B…kground' was cut
        # beside an empty figure and bar); the name's stretch keeps the ✓ and ✕ in line.
        layout.addWidget(self.accept_button)
        layout.addWidget(self.reject_button)
        if entry.origin:
            # Cut at the source line's end beside the figure, the copy's name read "from n025…"
            # in a 340-px dock: it gets the row's width and wraps, at a name's _ - . too.
            origin = QLabel(wrappable(entry.origin))
            origin.setWordWrap(True)
            origin.setFont(small)
            mute(origin)
            origin.setMinimumWidth(1)
            origin.setToolTip(entry.origin)
            outer.addWidget(origin)
            self.origin_label: QLabel | None = origin
        else:
            self.origin_label = None
        self.set_highlighted(False)

    def set_highlighted(self, on: bool) -> None:
        self.setProperty("highlighted", on)
        self.setAutoFillBackground(on)
        palette = self.palette()
        highlight = QColor(palette.color(QPalette.ColorRole.Highlight))
        highlight.setAlpha(60)
        palette.setColor(QPalette.ColorRole.Window, highlight)
        self.setPalette(palette)

    def mousePressEvent(self, event: object) -> None:
        self.clicked.emit()


_BREAK = "\u200b"  # zero width space: where a line may break inside a file's name


def wrappable(text: str) -> str:
    """`text` with a place to break after each _ - . and / of the names in it, and every 20
    characters of a run with none ('IMG0123456789…'), which a label cannot break."""
    text = re.sub(r"([_./-])(?=\S)", r"\1" + _BREAK, text)
    return re.sub(r"[^\s\u200b]{20}(?=[^\s\u200b])", lambda m: m.group(0) + _BREAK, text)


# The ✕ of a tag the user said yes to (TagEntry.reject_action "clear"): it takes the yes back,
# where R says no (decide_highlighted).
REMOVE_TIP = "Remove this tag: take back your yes (R says no)"


def _tips(entry: TagEntry) -> tuple[str, str, str]:
    """The ✓'s, the ✕'s and the figure's tooltips: for a selection they say which photos a
    click changes ('Add to all 10 selected photos'), where the ✓ of a tag on 2 of 10 read
    'Accept: the photo has this tag' and added it to all ten."""
    reject = (
        "Reject: the photo does not have this tag (R)"
        if entry.reject_action == "reject"
        else REMOVE_TIP
    )
    if entry.share is None:
        return "Accept: the photo has this tag (A)", reject, ""
    having, total = entry.share
    if entry.state == TagState.REJECTED:
        return (
            f"Add it to all {total:,} selected photos, taking back the “no” (A)",
            f"Say no on all {total:,} selected photos (R)",
            "",
        )
    accept = (
        f"Add it to all {total:,} selected photos (A)"
        if having < total
        else f"Accept it on all {total:,} selected photos (A)"
    )
    whom = "the photo that has it" if having == 1 else f"the {having:,} photos that have it"
    return accept, f"Remove it from {whom} (R)", f"On {having:,} of the {total:,} selected photos"


def _button(text: str, tip: str) -> QToolButton:
    button = QToolButton()
    button.setText(text)
    button.setToolTip(tip)
    button.setAutoRaise(True)
    button.setFixedSize(26, 26)
    return button


class TagList(QWidget):
    """The rows, and which one is highlighted."""

    decided = Signal(str, str)  # tag, action (an undo.Action)
    highlight_changed = Signal()  # another row highlighted, or the rows shown anew

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.setSpacing(1)
        self._rows: list[TagRow] = []
        self._highlight = 0
        self._advance_to: int | None = None
        self._empty = QLabel("No tags yet")
        self._empty.setEnabled(False)
        self._empty.setWordWrap(True)  # a long note (why a file has no tags) stays in the panel
        self._layout.addWidget(self._empty)
        self._layout.addStretch(1)

    @property
    def rows(self) -> list[TagRow]:
        return self._rows

    @property
    def highlighted(self) -> TagEntry | None:
        return self._rows[self._highlight].entry if self._rows else None

    def set_entries(self, entries: list[TagEntry], empty_text: str = "No tags yet") -> None:
        """Show these rows; the highlight stays on the same tag, or the same place."""
        previous = self.highlighted.name if self.highlighted else None
        for row in self._rows:
            # Hidden and removed, never reparented to None: that would make each old row a
            # top-level window for a moment, and take the focus from the main window.
            row.hide()
            self._layout.removeWidget(row)
            row.deleteLater()
        self._rows = []
        for entry in entries:
            row = TagRow(entry, self)
            row.decided.connect(self._decided)
            row.clicked.connect(lambda r=row: self.highlight(self._rows.index(r)))
            self._layout.insertWidget(len(self._rows), row)
            self._rows.append(row)
        self._empty.setText(empty_text)
        self._empty.setVisible(not entries)
        names = [e.name for e in entries]
        if self._advance_to is not None:
            index, self._advance_to = self._advance_to, None
        else:
            index = names.index(previous) if previous in names else self._highlight
        self.highlight(index)

    def highlight(self, index: int) -> None:
        if not self._rows:
            self._highlight = 0
            self.highlight_changed.emit()
            return
        self._highlight = max(0, min(index, len(self._rows) - 1))
        for i, row in enumerate(self._rows):
            row.set_highlighted(i == self._highlight)
        self.highlight_changed.emit()

    def start_at(self, index: int) -> None:
        """The next set_entries highlights row `index`, whatever was highlighted before."""
        self._advance_to = index

    def move_highlight(self, delta: int) -> None:
        self.highlight(self._highlight + delta)

    def decide_highlighted(self, action: str) -> bool:
        """Accept or reject the highlighted tag, then highlight the next one. False if it can't."""
        entry = self.highlighted
        if entry is None:
            return False
        if action == "accept" and not entry.can_accept:
            return False
        if action == "reject":
            if not entry.can_reject:
                return False
            # R says no (issue 8): the ✕ of the user's own yes takes the yes back ("clear",
            # leaving the model's suggestion), R does not. It takes the tag off as "remove"
            # does: a "no" where the model scores the tag, and a tag only the user ever gave
            # the photo simply gone, as R did before the ✕ became "clear".
            action = "remove" if entry.reject_action == "clear" else entry.reject_action
        # The list is rebuilt when the change lands; the highlight then moves on to the next
        # tag, so a run of decisions is a run of key presses.
        self._advance_to = min(self._highlight + 1, len(self._rows) - 1)
        self.decided.emit(entry.name, action)
        return True

    def _decided(self, tag: str, action: str) -> None:
        self.highlight([r.entry.name for r in self._rows].index(tag))
        self.decided.emit(tag, action)
