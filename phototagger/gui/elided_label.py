"""A one-line label that gives up width: its text is cut with '…' to fit, and read whole in its
tooltip. A plain QLabel's minimum width is its whole text, so one long tag (a 300-character
keyword read from a photo's file) made the details panel 2,300 px wide inside its dock and put
every tag's buttons out of sight. A tag's name is cut in the middle: Flickr-style keywords
often share their first words, and two cut at the end read the same ('Soldier military ar…')."""

from __future__ import annotations

import re
from collections.abc import Sequence

from PySide6.QtCore import QEvent, QSize, Qt
from PySide6.QtGui import QFontMetrics, QResizeEvent
from PySide6.QtWidgets import QLabel, QWidget

from phototagger.core.tag_admin import SEPARATOR, shown_name

# The fewest characters a cut label keeps in view, '…' included.
MIN_CHARS = 6
# The fewest letters of a tag's first level worth showing beside its last ('Pe…/Anna' is not).
MIN_PARENT_CHARS = 3
ELLIPSIS = "…"


class ElidedLabel(QLabel):
    def __init__(
        self,
        text: str,
        parent: QWidget | None = None,
        mode: Qt.TextElideMode = Qt.TextElideMode.ElideRight,
    ) -> None:
        super().__init__(text, parent)
        self._full = text
        self._mode = mode
        # Laid out in the width it is elided to: with a frame (a style sheet's padding) Qt
        # indents the text by half an 'x' more, and the end of a text cut to fit was cut again
        # at 13 points, the viewer's bar reading "…named by you: Ana Mari" and
        # "People (keywords)/An.." (walk50).
        self.setIndent(0)

    def full_text(self) -> str:
        return self._full

    def setText(self, text: str) -> None:  # noqa: N802 - Qt's name
        self._full = text
        self.updateGeometry()  # its size hint is the new text's
        self._elide()

    def sizeHint(self) -> QSize:
        margins = self.contentsMargins()
        width = self.fontMetrics().horizontalAdvance(self._full) + margins.left() + margins.right()
        return QSize(width + 1, super().sizeHint().height())

    def minimumSizeHint(self) -> QSize:
        width = self.fontMetrics().averageCharWidth() * MIN_CHARS
        return QSize(min(width, self.sizeHint().width()), super().minimumSizeHint().height())

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._elide()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self._elide()

    def elided(self, metrics: QFontMetrics, width: int) -> str:
        """The full text as shown in `width` pixels."""
        return metrics.elidedText(self._full, self._mode, width)

    def _elide(self) -> None:
        shown = self.elided(self.fontMetrics(), self.contentsRect().width())
        if shown != self.text():
            super().setText(shown)
        self.setToolTip(self._full if shown != self._full else "")


class PartsLabel(ElidedLabel):
    """A line of parts joined by ' · ' (the viewer's keys) that leaves out whole parts to fit,
    the least needed first, and reads whole in its tooltip: cut at its end, the viewer's hint
    lost 'Esc close' and showed '1 ac…' at the 1,100 px it opens with. `parts`: (text, need)
    in the order shown; the lower the need, the longer a part stays."""

    SEPARATOR = " · "

    def __init__(self, parts: Sequence[tuple[str, int]], parent: QWidget | None = None) -> None:
        self._parts = list(parts)
        super().__init__(self._joined(self._parts), parent)

    def _joined(self, parts: Sequence[tuple[str, int]]) -> str:
        return self.SEPARATOR.join(text for text, _ in parts)

    def set_parts(self, parts: Sequence[tuple[str, int]]) -> None:
        self._parts = list(parts)
        self.setText(self._joined(self._parts))

    def minimumSizeHint(self) -> QSize:
        # The two most needed parts ('← → photos · Esc close'): less than that says nothing.
        kept = sorted(self._parts, key=lambda part: part[1])[:2]
        wanted = [part for part in self._parts if part in kept]
        margins = self.contentsMargins()
        width = self.fontMetrics().horizontalAdvance(self._joined(wanted))
        return QSize(
            width + margins.left() + margins.right() + 1, super().minimumSizeHint().height()
        )

    def elided(self, metrics: QFontMetrics, width: int) -> str:
        shown = list(self._parts)
        while len(shown) > 1 and metrics.horizontalAdvance(self._joined(shown)) > width:
            shown.remove(max(shown, key=lambda part: part[1]))
        text = self._joined(shown)
        if metrics.horizontalAdvance(text) > width:
            return metrics.elidedText(text, Qt.TextElideMode.ElideRight, width)
        return text


class CaptionLabel(ElidedLabel):
    """A photo's path and what follows it (its tags), cut to fit: the folder gives way first,
    from its start, then what follows the name, from its end; the file's name stays whole as
    long as it fits at all. Cut from its start only, a stock photo's 25 keywords pushed the
    folder, the file's name and the first tags out of the viewer's bar."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("", parent, Qt.TextElideMode.ElideLeft)
        self._name_at = 0  # where the file's name starts in the text

    def set_caption(self, folder: str, rest: str) -> None:
        """`folder` (with its trailing separator), then `rest`: the file's name and the rest."""
        self._name_at = len(folder)
        self.setText(folder + rest)

    def elided(self, metrics: QFontMetrics, width: int) -> str:
        whole = self.full_text()
        if metrics.horizontalAdvance(whole) <= width:
            return whole
        folder, rest = whole[: self._name_at], whole[self._name_at :]
        room = width - metrics.horizontalAdvance(rest)
        if folder and room > 0:
            cut = metrics.elidedText(folder, Qt.TextElideMode.ElideLeft, room)
            if cut:
                return cut + rest
        lead = ELLIPSIS if folder else ""
        room = width - metrics.horizontalAdvance(lead)
        return lead + metrics.elidedText(rest, Qt.TextElideMode.ElideRight, max(room, 0))


class TagNameLabel(ElidedLabel):
    """A tag's name, cut so that its last level stays readable: a keyword tree's
    'People (keywords)/Anna' read 'People (…ds)/Anna' cut in the middle. The levels above it
    give way first (elide_tag_name); a name of one level is cut in the middle."""

    def __init__(self, text: str, parent: QWidget | None = None) -> None:
        self._name = text  # as the library holds it: its levels split at '/'
        # Shown with a slash inside a keyword as the '/' it is ('AC∕DC' reads 'AC/DC').
        super().__init__(shown_name(text), parent, Qt.TextElideMode.ElideMiddle)

    def setText(self, text: str) -> None:  # noqa: N802 - Qt's name
        self._name = text
        super().setText(shown_name(text))

    def elided(self, metrics: QFontMetrics, width: int) -> str:
        return shown_name(elide_tag_name(self._name, metrics, width))


def elide_tag_name(name: str, metrics: QFontMetrics, width: int) -> str:
    """`name` ('Places/France/Paris/Louvre') shown in `width` pixels, the first of these that
    fits: whole; the levels in the middle left out ('Places/…/Paris/Louvre', then
    'Places/…/Louvre'); the first level cut at its end ('Pla…/…/Louvre', 'People (k…/Anna');
    '…/Louvre'; the last level cut in the middle after '…/'."""
    if metrics.horizontalAdvance(name) <= width:
        return name
    *parents, leaf = name.split(SEPARATOR)
    if not parents or not leaf.strip() or not all(p.strip() for p in parents):
        return metrics.elidedText(name, Qt.TextElideMode.ElideMiddle, width)
    first, between = parents[0], parents[1:]
    gap = SEPARATOR + ELLIPSIS if between else ""
    tail = SEPARATOR + leaf
    candidates = [
        SEPARATOR.join([first, ELLIPSIS, *between[keep:], leaf])
        for keep in range(1, len(between) + 1)
    ]
    room = width - metrics.horizontalAdvance(gap + tail)
    cut = metrics.elidedText(first, Qt.TextElideMode.ElideRight, room) if room > 0 else ""
    if len(cut) > MIN_PARENT_CHARS:  # a few letters of it and the '…'
        candidates.append(cut + gap + tail)
    for shown in candidates:
        if metrics.horizontalAdvance(shown) <= width:
            return shown
    head = ELLIPSIS + SEPARATOR
    room = width - metrics.horizontalAdvance(head)
    if metrics.horizontalAdvance(leaf) <= room:
        return head + leaf
    cut = metrics.elidedText(leaf, Qt.TextElideMode.ElideMiddle, room) if room > 0 else ""
    if len(cut) >= MIN_CHARS - len(head):
        return head + cut
    return metrics.elidedText(name, Qt.TextElideMode.ElideMiddle, width)


# Where a word of a file's name starts after: 'IMG_1234 copy 2', 'DSC_0042-Edit', 'photo (1)'.
_WORD_BREAKS = " _-.("
# The most letters of a word cut at its start that are left out of a name's end.
WORD_REACH = 4
# The share of a cut name's room its end gets, the extension aside: the end tells copies and
# edits apart, the start which photo it is.
TAIL_SHARE = 0.5
# The most characters after a name's last number for the end to keep the number with them
# ('_domestic_cat', '-Edit'); past that a title follows it ('1234 a very long holiday name').
NUMBER_REACH = 16
# A number of a file's name: digits, or groups of them joined as a date or a time is
# ('2024-06-12', '18.34.55' of a phone's '2024-06-12 18.34.55.heic').
_NUMBER = re.compile(r"\d+(?:[.:-]\d+)*")


def elide_file_name(name: str, metrics: QFontMetrics, width: int) -> str:
    """`name` ('IMG_1234 a very long holiday name copy 2.jpg') shown in `width` pixels: whole
    when it fits, else cut inside its stem, the extension whole and the stem's end given half of
    the room left, from a word's start where one is close by ('IMG_123…copy 2.jpg'), as macOS's
    Finder cuts names: copies and edits ('copy 2', '-Edit', '(1)') differ at the end, and cut
    evenly in the middle, extension and all, 'IMG_12… 2.jpg' and 'IMG_12…py.jpg' read alike."""
    if metrics.horizontalAdvance(name) <= width:
        return name
    stem, dot, ext = name.rpartition(".")
    if not dot or not stem or not 0 < len(ext) <= 5 or not ext.isalnum():
        stem, ext = name, ""
    else:
        ext = dot + ext
    room = width - metrics.horizontalAdvance(ELLIPSIS + ext)
    if room < metrics.averageCharWidth() * 2:
        return metrics.elidedText(name, Qt.TextElideMode.ElideLeft, width)
    start = len(stem)
    while start > 0 and metrics.horizontalAdvance(stem[start - 1 :]) <= room * TAIL_SHARE:
        start -= 1
    # The end begins at a word: the one it cuts, if only a letter or two of it is missing and
    # it fits ('copy 2', not 'opy 2'), else the next, if a few letters of this one are all that
    # is left ('copy 2', not 'e copy 2'; digits stay: '…97_ant.jpg' tells one photo from another).
    word = start
    while 0 < word and stem[word - 1] not in _WORD_BREAKS:
        word -= 1
    after = start + 1
    while after < len(stem) and stem[after - 1] not in _WORD_BREAKS:
        after += 1
    if word < start:
        # A number cut is read whole, or not at all: '…5_goldfish' read as photo 5 of 2675.
        number = stem[word:after].rstrip(_WORD_BREAKS).isdigit()
        reach = 6 if number else 2
        leave = metrics.averageCharWidth() * 3 if number else 0  # a start to the name too
        if start - word <= reach and metrics.horizontalAdvance(stem[word:]) <= room - leave:
            start = word
        elif after < len(stem) and after - start <= WORD_REACH:
            start = after if stem[start : after - 1].isalpha() else start
    cut = start
    start, tail = _with_last_number(stem, ext, start, metrics, width)
    # The start: as much as fits beside the end, '…' included (then checked whole).
    room = width - metrics.horizontalAdvance(tail.lstrip() + ext)
    head = metrics.elidedText(stem[:start], Qt.TextElideMode.ElideRight, room)
    end = len(head) - 1 if head.endswith(ELLIPSIS) else start
    shown = ""
    while True:  # the pieces measured together: kerning makes them a pixel wider or narrower
        shown = stem[:end].rstrip() + ELLIPSIS + tail.lstrip() + ext
        if end == 0 or metrics.horizontalAdvance(shown) <= width:
            break
        end -= 1
    if 0 < len(stem[:end].strip()) < MIN_PARENT_CHARS and (start, tail) != (cut, stem[cut:]):
        # A number kept needs no start of a letter or two: 'n…11099….jpg', '2…18.34.55.jpg'.
        shown = ELLIPSIS + tail.lstrip() + ext
    if metrics.horizontalAdvance(shown) > width:
        return metrics.elidedText(name, Qt.TextElideMode.ElideLeft, width)
    return shown


def _with_last_number(
    stem: str, ext: str, start: int, metrics: QFontMetrics, width: int
) -> tuple[int, str]:
    """Where the start of a cut name ends and what follows its '…', so that it keeps the stem's
    last number whole when the cut left it out or cut into it: a camera's or an archive's names
    differ in their number, not in the words after it, and five cats read
    'n02121808…estic_cat.jpg' alike under five thumbnails. The first of these that fits: the
    number and the end, with a start to it where there is room ('n021…1089_domestic_cat.jpg',
    '…1089_domestic_cat.jpg'); the words after the number given up before the number, from the
    first, the last word kept ('…1089…cat.jpg'); those words cut at their end
    ('…1089_dom….jpg'). A title after the number keeps the cut as it was."""
    cut = start, stem[start:]
    numbers = list(_NUMBER.finditer(stem))
    if not numbers or numbers[-1].start() >= start or numbers[-1].start() == 0:
        return cut
    number, after = numbers[-1].start(), numbers[-1].end()

    def fits(head: str, tail: str) -> bool:
        return metrics.horizontalAdvance(head + ELLIPSIS + tail + ext) <= width

    if not any(char in _WORD_BREAKS for char in stem[:number]) and stem[after:].strip(_WORD_BREAKS):
        # The number is in the name's first word and words follow it: a code the name starts
        # with, the words what it says ('n02480495_orangutan', an ImageNet class). Kept whole
        # with the words, or the words whole from a word's start ('…orangutan.JPEG'): cut to
        # '…0248049' over '5….JPEG', the preview said no name at all.
        if fits(stem[: min(number, 3)], stem[number:]) or fits("", stem[number:]):
            return number, stem[number:]
        for at in range(after + 1, len(stem)):
            if stem[at - 1] in _WORD_BREAKS and fits("", stem[at:]):
                return at, stem[at:]
        return cut
    if len(stem) - after > NUMBER_REACH:  # a title after it: its end is the name's
        return cut

    # A start to the name too where there is room for one, as a number kept whole leaves one;
    # else the number and the end alone ('…1089_domestic_cat.jpg'), the start is a '…'.
    for head in (stem[: min(number, 3)], ""):
        if fits(head, stem[number:]):
            return number, stem[number:]
    digits, words = stem[number:after], stem[after:]
    # The last words after the number, as many as fit from the end, whole.
    starts = [at for at in range(2, len(words)) if words[at - 1] in _WORD_BREAKS]
    for at in starts:
        if words[at:].strip(_WORD_BREAKS) and fits("", digits + ELLIPSIS + words[at:]):
            return number, digits + ELLIPSIS + words[at:]
    # The words after it cut at their end: '…1089_dom….jpg'.
    room = width - metrics.horizontalAdvance(ELLIPSIS + digits + ext)
    shown = metrics.elidedText(words, Qt.TextElideMode.ElideRight, room) if room > 0 else ""
    # A letter or two of them say nothing ('…2625_g….jpg'): then none.
    if len(shown.strip(_WORD_BREAKS + ELLIPSIS)) >= MIN_PARENT_CHARS and fits("", digits + shown):
        return number, digits + shown
    if words and fits("", digits + ELLIPSIS):
        return number, digits + ELLIPSIS
    if not words:  # a long number last ('PXL_20240612_183455123'): as much of its end as fits
        room = width - metrics.horizontalAdvance(ext)
        shown = metrics.elidedText(digits, Qt.TextElideMode.ElideLeft, room) if room > 0 else ""
        if len(shown) > len(stem) - start + 1:  # more of it than the cut keeps
            return after - len(shown) + 1, shown[1:]
    return cut
