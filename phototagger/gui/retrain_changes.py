"""Retrain ▸ Train, after a run: per tag, how it was learned and which library photos the new
version would tag or untag against the active one, with a preview of those photos."""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from urllib.parse import quote, unquote

from PySide6.QtCore import QEvent, QPoint, QSize, Qt, Signal
from PySide6.QtGui import QFontMetrics, QResizeEvent
from PySide6.QtWidgets import (
    QLabel,
    QListView,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QVBoxLayout,
    QWidget,
)

from phototagger.core.kept_off import kept_off_sentence
from phototagger.core.learned_words import (
    KEPT,
    Named,
    cell_learned,
    how_in_words,
    named_of,
    plain_learned,
    unchanged_words,
)
from phototagger.core.library import Library
from phototagger.core.retrain import TAKEN_BACK_CELL, TrainingResult, taken_off_words
from phototagger.core.tag_admin import shown_name
from phototagger.core.version_diff import (
    PREVIEW,
    TagChange,
    lost_unanswered,
    lost_unanswered_words,
    preview_photos,
    recount,
)
from phototagger.core.wording import counted
from phototagger.gui.elided_label import ELLIPSIS, elide_file_name
from phototagger.gui.quotes import curly_quotes, quoted
from phototagger.gui.reader import LibraryReader
from phototagger.gui.retrain_tables import WARNING, cell, refilling, show_rows, table
from phototagger.gui.square_icon import blank_icon, square_icon
from phototagger.gui.thumbnails import ThumbnailCache

ICON = 96
SMALLEST_ICON = 72  # three to a row in the dock's usual 340 px, rather than two of 96
ROWS = 4  # rows of photos in view at most; more scroll down
_PATH = Qt.ItemDataRole.UserRole + 1
# A row's tag as the library holds it; its cell shows it as it reads ('AC∕DC' as 'AC/DC').
_TAG = Qt.ItemDataRole.UserRole + 2
# A preview photo's caption whole ('+ ', the file's name), cut to the grid's width as it fits.
_CAPTION = Qt.ItemDataRole.UserRole + 3
_PHOTO = Qt.ItemDataRole.UserRole + 4  # a preview photo's id, for an answer given on it
SHOW = "#show:"  # the link in a warning that selects its tag's row, to preview its photos
# How a photo in the preview is answered, said after a warning of photos lost unanswered.
ANSWER_HINT = "right-click one to answer: a yes keeps the tag on it"
CAPTION_MARGIN = 8  # the room a caption leaves in its grid cell
WORD_ENDS = "_- "  # a file name's words end there, or before a dot
# The most letters' width a preview's name is cut shorter by to break between words.
SHORTER = 6
# The fewest more letters of a name's stem that leaving its extension out of a caption must
# show: a letter more ('+ n024…' over 'cat', not '+ n02…' over 'cat.JPEG') is not worth it.
EXTENSION_GAIN = 2
# The most captions' cuts a preview keeps (PreviewGrid._cuts), a few megabytes: those of 8
# tags' previews (PREVIEW photos added, as many removed) in each of the 25 widths a cell takes.
CUTS_KEPT = 8 * 2 * PREVIEW * 25


# The Learned cell of a tag cut to stay on the photos the user said yes to (its note says why):
# "like your examples" there read as a tag learned to spread (q39).
STAYS_CELL = "stays on your yes answers"


class PreviewGrid(QListWidget):
    """The photos a version adds and removes, in rows as wide as the page: one sideways strip
    showed about 3 of 10 in the dock's usual width. As many rows as the photos need, up to
    ROWS, then it scrolls down."""

    def __init__(self, parent: QWidget | None = None, rows: int = ROWS) -> None:
        super().__init__(parent)
        self.rows = rows  # in view at most
        self.setViewMode(QListView.ViewMode.IconMode)
        self.setFlow(QListView.Flow.LeftToRight)
        self.setWrapping(True)
        self.setResizeMode(QListView.ResizeMode.Adjust)
        self.setMovement(QListView.Movement.Static)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        # Each caption's cut per (caption, room, font): the same at the same room and font, so a
        # dock dragged wider or narrower (dozens of resizes, a few cell widths) cuts each name
        # once per cell width, not on each resize (_cut_captions).
        self._cuts: dict[tuple[str, int, str, int], str] = {}
        self.fit()

    def fit(self) -> None:
        """Icons and rows for this width and these photos (the scroll bar's room kept, so
        that it coming and going never changes how many fit in a row)."""
        # A row exactly as wide as the view wraps its last photo: a few pixels are left over.
        scroll_bar = self.verticalScrollBar().sizeHint().width()
        room = self.width() - 2 * self.frameWidth() - scroll_bar - 6
        columns = max(1, room // (ICON + 16))
        if columns < 3:  # smaller photos, three to a row, where they stay big enough
            columns = max(columns, min(3, room // (SMALLEST_ICON + 16)))
        side = max(SMALLEST_ICON, min(ICON, room // columns - 16))
        # Room for a caption's two lines (caption_lines) at the font in use: 36 px held one
        # line of a 13-point font, and Qt cut the caption again to it ("+ n....jpg", walk48).
        caption = max(36, 2 * self.fontMetrics().lineSpacing() + 4)
        if self.gridSize() != QSize(side + 16, side + caption):
            self.setIconSize(QSize(side, side))
            self.setGridSize(QSize(side + 16, side + caption))
        rows = min(self.rows, max(1, -(-self.count() // columns)))
        self.setFixedHeight(rows * (side + caption) + 2 * self.frameWidth() + 4)
        self._cut_captions()

    def _cut_captions(self) -> None:
        """Each caption on two lines at most, cut as the grid cuts a name: in its stem, the
        extension and the end whole (caption_lines). Qt cut it at the end of one line,
        '+ n0248432…' under every photo of a synset, so none could be told apart."""
        metrics = self.fontMetrics()
        width = self.gridSize().width() - CAPTION_MARGIN
        font = self.font().toString()
        dots = self.logicalDpiY()  # the same font measures wider on a screen of more dots
        if len(self._cuts) > CUTS_KEPT:
            self._cuts.clear()
        for row in range(self.count()):
            entry = self.item(row)
            whole = entry.data(_CAPTION)
            if whole is None:
                continue
            key = (str(whole), width, font, dots)
            cut = self._cuts.get(key)
            if cut is None:
                cut = self._cuts[key] = caption_lines(str(whole), metrics, width)
            if entry.text() != cut:
                entry.setText(cut)

    def first_row_bottom(self) -> int:
        """Where its first row of photos ends, from its top."""
        return self.frameWidth() + self.gridSize().height() + 4

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.fit()

    def changeEvent(self, event: QEvent) -> None:
        """A new font (the system's text size changed) takes new room for a name: each caption
        is cut again for it, and the cells' height fitted to its two lines, without waiting for
        the next resize."""
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self.fit()


def caption_lines(caption: str, metrics: QFontMetrics, width: int) -> str:
    """`caption` on two lines at most (_caption_lines), the photo's number whole in them
    (_photo_number): a kind's photos ('n03085013_7532_computer_keyboard.jpg',
    'n03085013_11469_computer_keyboard.jpg' …) read '+ n03085…' over 'keyboard.jpg' under each
    (930 of the 50,000 captions of det-photos' 1,000 names, at the 25 widths a cell takes, with
    either sign): where the name's words after the number were too long for the grid to keep it
    (elide_file_name's NUMBER_REACH), none could be told apart. There the number leads, and the
    name's end follows on the second line ('+ …7532_…' over 'keyboard.jpg'), where that keeps
    the end as whole as it was. Where none of these takes two lines, the number's end and the
    name's end (_start_and_end). Where leaving out the extension shows more of the name, it is
    left out: '+ n0249…cat' over '.JPEG' (n02497673_Madagascar_cat.JPEG) spent a line on it
    while the name was cut, and now reads '+ n02497673_' over 'Madagascar_cat' (the tooltip
    names the file whole)."""
    lines = _with_extension(caption, metrics, width)
    sign, _, name = caption.partition(" ")
    stem, dot, ext = name.rpartition(".")
    if "\n" not in lines and metrics.horizontalAdvance(lines) >= metrics.horizontalAdvance(caption):
        return lines  # whole on one line
    if not dot or not stem or "." in stem or not 0 < len(ext) <= 5 or not ext.isalnum():
        return lines
    number = _photo_number(name) or ""
    kept = _number_shown(lines, number)
    best, shown = lines, _stem_shown(lines, sign, stem, dot + ext)
    # Its words kept whole where they fit, else its start and end ('+ n02497' over '…scar_cat').
    for bare in (
        _with_extension(f"{sign} {stem}", metrics, width),
        _start_and_end(sign + " ", stem, metrics, width),
        _start_then_end(sign + " ", stem, metrics, width),
    ):
        if _number_shown(bare, number) < kept:
            continue  # the number tells the photo from its kind's others
        if bare.endswith(ELLIPSIS) or not _between_words(bare[len(sign) + 1 :], stem):
            continue  # the name's end left out, or a word broken across the lines
        if _stem_shown(bare, sign, stem, "") >= shown + EXTENSION_GAIN:
            best, shown = bare, _stem_shown(bare, sign, stem, "")
    return best


def _number_shown(lines: str, number: str) -> int:
    """How many digits of a photo's `number` a caption shows together ('0771' of '30771')."""
    shown = lines.replace("\n", "")
    return max(
        (
            end - start
            for start in range(len(number))
            for end in range(start + 1, len(number) + 1)
            if number[start:end] in shown
        ),
        default=0,
    )


def _stem_shown(lines: str, sign: str, stem: str, ext: str) -> int:
    """How many characters of a file's `stem` before its extension `ext` a caption shows, a
    letter or two of a word cut at a '…' left out: they say nothing ('…2_11526_monkey')."""
    shown = lines.replace("\n", "")[len(sign) + 1 :]
    if ext and shown.endswith(ext):
        shown = shown[: -len(ext)]
    count = 0
    pieces = shown.split(ELLIPSIS)
    for at, piece in enumerate(pieces):
        words = re.split(f"([{re.escape(WORD_ENDS)}])", piece)
        if at > 0 and not _starts_a_word(stem, piece) and not _says_something(words[0]):
            words = words[2:]  # cut at its start
        last = at < len(pieces) - 1 and words and not _ends_a_word(stem, piece)
        if last and not _says_something(words[-1]):
            words = words[:-1]  # cut at its end
        count += len("".join(words))
    return count


def _start_then_end(sign: str, stem: str, metrics: QFontMetrics, width: int) -> str:
    """`stem` on two lines of `width` pixels after `sign`: as much of its start as fits the
    first, as much of its end the second, each cut at a '…' ('+ n02497…' over '…scar_cat');
    on one line as the grid cuts a name where the two would meet."""
    first = second = ""
    for room in range(width - metrics.horizontalAdvance(sign), 0, -1):
        first = sign + metrics.elidedText(stem, Qt.TextElideMode.ElideRight, room)
        if metrics.horizontalAdvance(first) <= width:
            break
    for room in range(width, 0, -1):
        second = metrics.elidedText(stem, Qt.TextElideMode.ElideLeft, room)
        if metrics.horizontalAdvance(second) <= width:
            break
    start, end = first[len(sign) :].rstrip(ELLIPSIS), second.lstrip(ELLIPSIS)
    if not start or not end or len(start) + len(end) >= len(stem):
        return one_line(sign, stem, metrics, width)
    return f"{first}\n{second}"


def _says_something(cut: str) -> bool:
    """Whether a word cut at a '…' still says something: three letters or more, not digits
    alone ('scar' of 'Madagascar', '6crop1'; not '2_', nor '013' of 'n03085013')."""
    return len(cut) >= 3 and not cut.isdigit()


def _between_words(lines: str, name: str) -> bool:
    """Whether `lines` (a cut of `name` on one line or two) breaks where a word of it ends or
    at a '…' that cuts it: before a line that starts a word, or after one that ends one."""
    first, _, second = lines.partition("\n")
    if not second:
        return True
    if first.endswith(ELLIPSIS):
        return _starts_a_word(name, second.partition(ELLIPSIS)[0])
    if second.startswith(ELLIPSIS):
        return _ends_a_word(name, first.rpartition(ELLIPSIS)[2])
    return first[-1] in WORD_ENDS or second[0] in WORD_ENDS + "."


def _with_extension(caption: str, metrics: QFontMetrics, width: int) -> str:
    """`caption` on two lines at most, its name's extension kept (caption_lines)."""
    lines = _number_led(caption, metrics, width)
    if "\n" in lines or metrics.horizontalAdvance(lines) >= metrics.horizontalAdvance(caption):
        return lines
    sign, _, name = caption.partition(" ")
    return _start_and_end(sign + " ", name, metrics, width)


def _number_led(caption: str, metrics: QFontMetrics, width: int) -> str:
    """`caption` on two lines (_caption_lines), led by its photo's number where that keeps
    the number and the name's end as whole as they were (caption_lines)."""
    lines = _caption_lines(caption, metrics, width)
    sign, _, name = caption.partition(" ")
    number = _photo_number(name)
    if number is None or number in lines.replace("\n", ""):
        return lines
    kept = _number_first(sign + " ", name, number, metrics, width)
    if kept is None:
        return lines
    end = _last_word(name)
    if lines.replace("\n", "").endswith(end) and not kept.endswith(end):
        return lines
    return kept


def _photo_number(name: str) -> str | None:
    """The word of `name` past its first that tells a photo from its kind's others: the last
    word holding a digit ('7341' of 'n03085013_7341_computer_keyboard.jpg', '11526crop1' of
    'n02484322_11526crop1_monkey.jpg', '0104' of 'IMG_0104 copy.JPEG'); None where only the
    first word holds one (a code the name starts with: 'n02480495_orangutan.JPEG'), or the
    last word does (it is on the line that ends the name)."""
    stem = name.rpartition(".")[0] or name
    words = [word for word in re.split(f"[{re.escape(WORD_ENDS)}]", stem) if word]
    numbered = [at for at, word in enumerate(words) if any(char.isdigit() for char in word)]
    if not numbered or numbered[-1] in (0, len(words) - 1):
        return None
    return words[numbered[-1]]


def _number_first(
    sign: str, name: str, number: str, metrics: QFontMetrics, width: int
) -> str | None:
    """`name` on two lines of `width` pixels after `sign`, led by its `number` (after a '…'
    where the name starts before it): the words after the number on the first line as far as
    they fit ('+ …7341_computer_', '+ …12417_salt…'), the name's last word and extension on
    the second, after a '…' where they do not fit whole; None where the number does not fit."""
    end = _last_word(name)
    at = name.rfind(number, 0, len(name) - len(end))
    if at < 0:
        return None
    second = end
    if metrics.horizontalAdvance(end) > width:
        second = metrics.elidedText(end, Qt.TextElideMode.ElideLeft, width)
    lead = sign + (ELLIPSIS if at else "")
    middle = name[at : len(name) - len(end)]  # '7341_computer_'
    after = middle[len(number) :]
    room = width - metrics.horizontalAdvance(lead + number)
    cut = metrics.elidedText(after, Qt.TextElideMode.ElideRight, max(0, room))
    tried = [middle]
    # A letter or two of a word say nothing ('…12417_s…'): the number and a '…' then.
    if len(cut.strip(WORD_ENDS + ELLIPSIS)) >= 3:
        tried.append(number + cut)
    # The number, then a '…' for the words left out ('+ …10447_…', '+ …10447…').
    tried += [number + after[:1] + ELLIPSIS, number + ELLIPSIS]
    fitting = (lead + shown for shown in tried if metrics.horizontalAdvance(lead + shown) <= width)
    first = next(fitting, None)
    if first is None:
        return None
    return f"{first}\n{second}"


def _caption_lines(caption: str, metrics: QFontMetrics, width: int) -> str:
    """`caption` ('+ n02484322_11526crop1_monkey.jpg') whole where it fits in `width` pixels,
    else on two lines, broken only where a word of the name ends or at a '…' that cuts it,
    never inside a word ('+ n02…oran' over 'gutan.JPEG' read as two words that are not): the
    name cut as the grid cuts one (elide_file_name: in its stem, its last number, end and
    extension whole) to the room of both, and broken at the cut where each side fits a line
    ('+ n024843…' over '11526crop1_monkey.jpg'), else where a word of it ends ('+ IMG_0104'
    over '.JPEG': a camera's name read '+ IMG_0104.JPE' over 'G'); else the end of the name
    on its own line (_end_on_its_own_line: '+ …orangutan' over '.JPEG'). The name's last word
    and extension are kept whole wherever a way of these keeps them."""
    if metrics.horizontalAdvance(caption) <= width:
        return caption
    sign, _, name = caption.partition(" ")
    sign += " "
    end = _last_word(name)
    slack = 2 * metrics.averageCharWidth()  # a line broken between letters leaves some room
    room = 2 * width - metrics.horizontalAdvance(sign) - slack
    cut = sign + elide_file_name(name, metrics, room)
    # A name's start cut a few letters shorter, its end kept, where that lets it break between
    # words: '+ n02…Irish_' over 'setter.JPEG' rather than '+ n0210…Iris' over 'h_setter.JPEG'.
    end_cut: str | None = None  # broken between words, the name's last word cut
    for shorter in range(SHORTER + 1):
        tried = sign + elide_file_name(name, metrics, room - shorter * metrics.averageCharWidth())
        if shorter and tried.rpartition(ELLIPSIS)[2] != cut.rpartition(ELLIPSIS)[2]:
            break  # its end cut too
        if (broken := _broken_between_words(tried, name, len(sign), metrics, width)) is not None:
            if broken.replace("\n", "").endswith(end):
                return broken
            end_cut = end_cut or broken
    two_lines = _end_on_its_own_line(sign, name, metrics, width) or _end_cut(
        sign, name, metrics, width
    )
    return two_lines or end_cut or one_line(sign, name, metrics, width)


def _start_and_end(sign: str, name: str, metrics: QFontMetrics, width: int) -> str:
    """`name` on two lines of `width` pixels after `sign` where no way above fits (a narrow
    cell, a large font): the name up to its photo's number on the first, cut at its start so
    that the number's end stays ('+ …0771', of 'n03494278_30771_harmonica.jpg' in 88 px at 13
    points); the rest on the second, cut at its start so that the end and the extension stay
    ('…ica.jpg'). A name with no such number: as much of its
    start as fits on the first ('+ IMG_'), its end on the second. Cut to one line instead, the
    80-px cells of a 13-point font read '+ n….jpg' and '+ …a.jpg', a letter of the name; one
    line as the grid cuts a name where even this does not fit."""
    number = _photo_number(name)
    at = -1 if number is None else name.rfind(number, 0, len(name) - len(_last_word(name)))
    # Measured whole, as drawn: elidedText's cut can be a pixel or two wider with the sign.
    first, split = "", 0
    if number is not None and at >= 0:
        split = at + len(number)
        for room in range(width - metrics.horizontalAdvance(sign) + 2, 0, -1):
            first = sign + metrics.elidedText(name[:split], Qt.TextElideMode.ElideLeft, room)
            if metrics.horizontalAdvance(first) <= width:
                break
    if len(first[len(sign) :].strip(ELLIPSIS + WORD_ENDS)) < 2:  # a digit says nothing
        split = 0
        while split < len(name) and metrics.horizontalAdvance(sign + name[: split + 1]) <= width:
            split += 1
        first = sign + name[:split]
    second = ""
    for room in range(width, 0, -1):
        second = metrics.elidedText(name[split:], Qt.TextElideMode.ElideLeft, room)
        if metrics.horizontalAdvance(second) <= width:
            break
    if split and len(second.strip(ELLIPSIS)) >= 2:
        return f"{first}\n{second}"
    return one_line(sign, name, metrics, width)


def one_line(sign: str, name: str, metrics: QFontMetrics, width: int) -> str:
    """`sign` and `name` cut as the grid cuts a name to one line of `width` pixels."""
    return sign + elide_file_name(name, metrics, width - metrics.horizontalAdvance(sign))


def _last_word(name: str) -> str:
    """`name`'s last word and its extension ('setter.JPEG' of 'n02100877_Irish_setter.JPEG')."""
    stem = name.rpartition(".")[0] or name
    words = [at for at in range(1, len(stem)) if stem[at - 1] in WORD_ENDS]
    return name[words[-1] :] if words else name


def _starts_a_word(name: str, shown: str) -> bool:
    """Whether `shown` (a line's words up to any '…' in it) begins where a word of `name`
    does, or at its '.'."""
    if not shown or shown[0] in WORD_ENDS + ".":
        return True
    at = name.find(shown)
    while at > 0 and name[at - 1] not in WORD_ENDS:
        at = name.find(shown, at + 1)
    return at >= 0


def _ends_a_word(name: str, shown: str) -> bool:
    """Whether `shown` (a line's words after any '…' in it) ends where a word of `name` does,
    or before its '.'."""
    if not shown or shown[-1] in WORD_ENDS:
        return True
    at = name.find(shown)
    while at >= 0 and at + len(shown) < len(name) and name[at + len(shown)] not in WORD_ENDS + ".":
        at = name.find(shown, at + 1)
    return at >= 0


def _broken_between_words(
    cut: str, name: str, sign: int, metrics: QFontMetrics, width: int
) -> str | None:
    """`cut` (a caption, its sign `sign` characters long, the cut of `name`) on two lines of
    `width` pixels, broken at its '…' (before it where the first line ends a word, else after
    it where the second starts one: '+ n024887…' over 'colobus.JPEG') or where a word of it
    ends; None where no such break fits."""
    start, dots, end = cut.partition(ELLIPSIS)
    if dots:
        for first, second in ((start, dots + end), (start + dots, end)):
            whole = _ends_a_word(name, start[sign:]) if second == dots + end else None
            if whole is None:
                whole = _starts_a_word(name, end.partition(ELLIPSIS)[0])
            if whole and all(metrics.horizontalAdvance(line) <= width for line in (first, second)):
                return f"{first}\n{second}"
    words = [
        at
        for at in range(sign + 1, len(cut))
        if cut[at - 1] in WORD_ENDS or cut[at] == "."
        if all(metrics.horizontalAdvance(line) <= width for line in (cut[:at], cut[at:]))
    ]
    return f"{cut[: words[-1]]}\n{cut[words[-1] :]}" if words else None


def _end_on_its_own_line(sign: str, name: str, metrics: QFontMetrics, width: int) -> str | None:
    """`name` on two lines of `width` pixels after `sign`, its last word and extension whole:
    as much of its end as fits a line, from a word's start or its '.', on the second; the
    rest on the first, cut as the grid cuts a name where it does not fit, its last word whole
    ('+ …2573_' over 'centipede.jpg', '+ …orangutan' over '.JPEG'); None where no such
    lines fit."""
    for at in range(1, len(name)):
        if name[at - 1] not in WORD_ENDS and name[at] != ".":
            continue
        second = name[at:]
        if metrics.horizontalAdvance(second) > width:
            continue
        if (first := _first_line(sign, name[:at], metrics, width, name[at] != ".")) is not None:
            return f"{first}\n{second}"
    return None


def _end_cut(sign: str, name: str, metrics: QFontMetrics, width: int) -> str | None:
    """`name` on two lines of `width` pixels after `sign` where its last word and extension
    fit no line whole: the words before that word on the first, the end as much as fits
    after a '…' on the second ('✕ n03759954_' over '…ophone.JPEG': '✕ …microphone' is a few
    pixels too wide, and 'microphone.JPEG'); None where the first line does not fit."""
    at = len(name) - len(_last_word(name))
    if at and (first := _first_line(sign, name[:at], metrics, width, name[at] != ".")) is not None:
        return f"{first}\n{metrics.elidedText(name[at:], Qt.TextElideMode.ElideLeft, width)}"
    return None


def _first_line(
    sign: str, start: str, metrics: QFontMetrics, width: int, words_follow: bool
) -> str | None:
    """`start` (a name up to a word's start) after `sign` in `width` pixels, its last word
    whole: whole, or cut as the grid cuts a name (ending in its '…' where `words_follow`: the
    next line starts with a word, not the extension), or its last word alone after a '…'
    ('+ …centipede'); else cut, its end kept ('+ n0…0495_'); None where none of these fits."""
    words = [at for at in range(1, len(start)) if start[at - 1] in WORD_ENDS]
    last = start[words[-1] :] if words else start
    room = width - metrics.horizontalAdvance(sign)
    cut = elide_file_name(start, metrics, room)
    # Cut at its end ('…14246_coc…' over 'shaker.jpg'), where a word starts the next line: its
    # last number kept tells the photo from the others ('…cocktail_' under each of five).
    ends = (last, ELLIPSIS) if words_follow else (last,)
    for shown in (start, cut, ELLIPSIS + last):
        if shown.endswith(ends) and metrics.horizontalAdvance(shown) <= room:
            return sign + shown
    # One word too long for the line ('n02480495_'): cut inside, its end whole.
    fits = metrics.horizontalAdvance(cut) <= room and len(cut.strip(ELLIPSIS + WORD_ENDS)) > 1
    return sign + cut if fits and not words and cut.endswith(start[-1]) else None


def learned_words_tip(label: str, named: Named = None) -> str:
    """A Learned cell's tooltip: the record's own words, when the cell says them plainer
    (the WordNet groups and ImageNet classes the CLI's `train` and `models --json` name)."""
    if label.startswith(KEPT):  # the cell says "as it was": why, in full
        return label
    plain = plain_learned(label, named)
    # In the app's quotes (the record's are Python's: "like 'primate'" beside a caption that
    # named the tag “monkeys”).
    said = label if plain == label else f"{plain}\n\nIn the model's terms: {label}"
    return curly_quotes(said)


def shown_words(change: TagChange, untagged_only: bool = False) -> str:
    """' (a sample shown, surest first; ✕ = untagged)' where the preview holds only some of
    the photos (core/version_diff.preview_photos: taken from the surest down to the closest
    calls), and where some are untagged (✕): said of 4 photos, all shown and none untagged
    (pass38), it told of more photos and a sign that were not there. `untagged_only`: every
    photo is untagged, as the words before it say (no ✕ to explain)."""
    first = any(
        count > PREVIEW or len(ids) < count
        for count, ids in ((change.added, change.added_ids), (change.removed, change.removed_ids))
    )
    said = [
        *(["a sample shown, surest first"] if first else []),
        *(["✕ = untagged"] if change.removed and not untagged_only else []),
    ]
    return f" ({'; '.join(said)})" if said else ""


def _load(change: TagChange) -> Callable[[Library], list[tuple[int, str, str, bool]]]:
    def load(library: Library) -> list[tuple[int, str, str, bool]]:
        return preview_photos(library.db, change.added_ids, change.removed_ids)

    return load


def _recount(changes: list[TagChange]) -> Callable[[Library], list[TagChange]]:
    def load(library: Library) -> list[TagChange]:
        return recount(library.db, changes)

    return load


class ChangesView(QWidget):
    previewed = Signal()  # the selected tag's photos are in the preview
    # A warning's "show them": the page brings the preview's photos into view once they are in.
    reveal = Signal()
    # An answer given on a photo of the preview (its menu): photo ids, tag, action, as the
    # Review tab's answers are sent to the window.
    decided = Signal(list, str, str)

    def __init__(
        self,
        reader: LibraryReader,
        thumbnails: ThumbnailCache | None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._reader = reader
        self._thumbnails = thumbnails
        self.changes: list[TagChange] = []
        # As the run counted them; `changes` leave out the photos answered about since.
        self._counted: list[TagChange] = []
        self._listed: set[str] = set()  # the tags of the run's own changes: each has a row
        self._shown: list[TagChange] = []
        self._learned_by_tag: dict[str, dict[str, str]] = {}
        self._learned: dict[str, str] = {}  # per tag of the run, how it was learned
        # Per tag of the run that holds kinds of photo under its cut, which (core/kept_off.py).
        self._kept_off: dict[str, str] = {}
        # The tags whose answers were all taken back, which the run undid (core/retrain.py):
        # per tag, whether the default tagger has it (scored as it does again; else off).
        self._taken_back: dict[str, bool] = {}
        self._stays: set[str] = set()  # the run's tags that stay on their yes answers
        self._untouched: list[str] = []  # the run's tags it did not touch (TrainingResult)
        self._named_below: set[str] = set()  # the tags named under the scores (named_kept)
        # "+" and "−" over "+3" and "-2": the dock is narrow, and "Added" and "Removed" were
        # as wide as the tag's name; their tooltips say it in words.
        self.table = table(["Tag", "Learned", "+", "−", "Photos"], text_columns=(0, 1))
        # How a tag was learned, whole, however many lines it wraps onto: cut after three
        # lines, "like WordNet 'vessel' + your examples' class…" left the rest to a tooltip.
        self.table.max_lines = 0
        for column, words in (
            (2, "Photos the new version would newly tag"),
            (3, "Photos the new version would untag"),
            (4, "The tag's photos now → with the new version"),
        ):
            header_item = self.table.horizontalHeaderItem(column)
            if header_item is not None:
                header_item.setToolTip(words)
        self.table.setToolTip(
            "What applying this version changes in your library, per tag: "
            "how the tag was learned, the photos it would newly tag and "
            "untag, and its photo count before → after"
        )
        self.table.itemSelectionChanged.connect(self._selected)
        # The tags the run left as they were, in one line (learned_words.unchanged_words).
        self.unchanged = QLabel()
        self.unchanged.setWordWrap(True)
        self.unchanged.hide()
        # Per tag the new version takes off photos that carry it now and that nobody answered
        # about, a warning (version_diff.lost_unanswered): the lead's "kitchen things" lost a
        # ladle, a corkscrew and a can opener, and the page said "-3" and nothing more.
        self.lost_note = QLabel()
        self.lost_note.setWordWrap(True)
        self.lost_note.linkActivated.connect(self._show_tag)
        self.lost_note.hide()
        self.menu: QMenu | None = None  # the last preview photo's menu of answers
        self.caption = QLabel()
        self.caption.setWordWrap(True)  # it names the tag: unwrapped, it widened the dock
        self.preview = PreviewGrid()
        # Shown only while a tag with photos to preview is selected: under "No photo would
        # change." the empty strip was a large blank box.
        self.preview.hide()
        self.preview.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.preview.customContextMenuRequested.connect(self._answer_menu)
        self._previewing: TagChange | None = None  # the change whose photos are being loaded
        self._keys_back_to_preview = False  # the preview held the keys when it was emptied
        self._reveal_pending = False  # "show them" clicked, its photos not yet in view
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        show_rows(self.table)
        layout.addWidget(self.table)
        layout.addWidget(self.unchanged)
        layout.addWidget(self.lost_note)
        layout.addWidget(self.caption)
        layout.addWidget(self.preview)
        if thumbnails is not None:
            thumbnails.ready.connect(self._thumbnail_ready)

    def show_result(self, result: TrainingResult) -> None:
        learned = result.counts.get("learned", {})
        self._learned = {t: curly_quotes(how_in_words(how)) for t, how in learned.items()}
        self._kept_off = {t: w for t, how in learned.items() if (w := kept_off_sentence(how))}
        # Not learned to spread: its note says it stays on its yes answers (q39: "Learned like
        # your examples" in the table beside it).
        self._stays = result.stays_on_yes()
        self._learned_by_tag = learned
        self._untouched = result.untouched()
        # Named under the scores with why (the Train page's kept_note): not again in the line
        # of tags left unchanged (read42: "1 other tag unchanged: food" over "Not scored: food,
        # kept as it was (tested on fewer than 5 yes answers)").
        self._named_below = set(result.named_kept())
        taken = result.taken_back()
        self._taken_back = {t: t in taken.stock for t in taken.tags}
        # The biggest changes first: a tag just taught (+14) above a default tag's one photo;
        # after them, those that change only photos answered (a row once an answer is undone).
        self._counted = sorted(result.changes, key=lambda c: -(c.added + c.removed))
        self._listed = {c.tag for c in self._counted}
        self._counted += result.answered_changes
        self._fill_table(self._counted)
        if self.table.rowCount():
            # Row 0 may still be selected from the previous run's table: selecting it again
            # would change nothing, and its new photos would never be shown.
            self.table.clearSelection()
            self.table.selectRow(0)
        self.answers_changed()

    def forget(self) -> None:
        """The result was applied or discarded: answers from now on are no run's concern (each
        one read every tag's decisions of the last run for the rest of the session)."""
        self._counted = []
        self._shown = []

    def answers_changed(self) -> None:
        """The user answered (while training ran, or since): the photos they answered about
        show their answer whatever version is active, so Apply does not change them, and the
        table no longer counts them (it said "+1 newly tagged" for a tag added meanwhile, and
        Apply then "no photo's tags changed")."""
        counted = self._counted
        if counted:
            self._reader.submit(
                "version-answers",
                _recount(counted),
                lambda changes: self._answers_read(counted, changes),
            )

    def _answers_read(self, counted: list[TagChange], changes: list[TagChange]) -> None:
        if counted is not self._counted:
            return  # another run's result meanwhile
        if [c.as_dict() for c in changes] == [c.as_dict() for c in self._shown]:
            return  # no answer about a photo it changes: the table and preview stay
        rows = {i.row() for i in self.table.selectedIndexes()}
        selected = self.table.item(min(rows), 0) if rows else None
        name = selected.data(_TAG) if selected is not None else None
        self._fill_table(changes)
        names = [self.table.item(row, 0) for row in range(self.table.rowCount())]
        row = next((r for r, item in enumerate(names) if item and item.data(_TAG) == name), None)
        if row is not None:
            self.table.clearSelection()
            self.table.selectRow(row)

    def _fill_table(self, changes: list[TagChange]) -> None:
        learned = self._learned_by_tag
        self._shown = changes
        self.changes = [c for c in changes if c.added or c.removed]
        # The run's changes, and one that changes only photos answered once it changes any.
        listed = [c.tag for c in changes if c.tag in self._listed or c.added or c.removed]
        # Tags the run kept as the default tagger has them and that change no photo: one line
        # under the table, not a row each reading "as it was, 0, 0, unchanged" (walk41).
        folded = [t for t in self._untouched if t not in set(listed)]
        names = listed + [t for t in learned if t not in set(listed) and t not in set(folded)]
        unsaid = [t for t in folded if t not in self._named_below]
        self.unchanged.setText(unchanged_words(unsaid, others=bool(names)) if unsaid else "")
        self.unchanged.setVisible(bool(unsaid))
        by_tag = {c.tag: c for c in self.changes}
        lost = lost_unanswered(self.changes, self._taken_back)
        self.lost_note.setText(
            "<br>".join(
                WARNING
                + html.escape(lost_unanswered_words(tag, n, "“”"))
                + f" (<a href='{SHOW}{html.escape(quote(tag, safe=''))}'>show them</a>; "
                + f"{ANSWER_HINT})"
                for tag, n in lost.items()
            )
        )
        self.lost_note.setVisible(bool(lost))
        with refilling(self.table):
            self.table.setRowCount(len(names))
            for row, name in enumerate(names):
                self._fill(row, name, by_tag.get(name), learned, lost.get(name, 0))
        show_rows(self.table)
        self._show_preview(None)
        self.caption.setText(
            "Select a tag to preview the photos it would gain or lose."
            if self.changes
            else "No photo would change."
        )

    def _fill(
        self,
        row: int,
        name: str,
        change: TagChange | None,
        learned: dict[str, dict[str, str]],
        lost: int,
    ) -> None:
        """Row `row` of the table of changes: tag `name`, how it was learned, its change, and
        `lost`, the photos it is taken off unanswered (lost_unanswered, warned of above)."""
        how = learned.get(name, {})
        label = str(how.get("label", "kept from the active version"))
        if name in self._taken_back:
            label = TAKEN_BACK_CELL
        name_cell = cell(shown_name(name))
        name_cell.setData(_TAG, name)
        self.table.setItem(row, 0, name_cell)
        stays = name in self._stays
        learned_cell = cell(
            STAYS_CELL if stays else curly_quotes(cell_learned(label, named_of(how)))
        )
        tip = learned_words_tip(label, named_of(how))
        if kept := self._kept_off.get(name):  # a photo of such a kind never gets the tag: why
            tip += f"\n\n{kept}"
        learned_cell.setToolTip(tip)
        self.table.setItem(row, 1, learned_cell)
        added = f"+{change.added:,}" if change and change.added else "0"
        self.table.setItem(row, 2, cell(added, True))
        removed = f"-{change.removed:,}" if change and change.removed else "0"
        removed_cell = cell(removed, True)
        if lost:  # the warning's words, by the count
            removed_cell.setToolTip(lost_unanswered_words(name, lost, "“”") + f" ({ANSWER_HINT})")
        self.table.setItem(row, 3, removed_cell)
        before_after = f"{change.before:,} → {change.after:,}" if change else "unchanged"
        self.table.setItem(row, 4, cell(before_after, True))

    def _selected(self) -> None:
        rows = {i.row() for i in self.table.selectedIndexes()}
        name_item = self.table.item(min(rows), 0) if rows else None
        name = str(name_item.data(_TAG)) if name_item is not None else ""
        change = next((c for c in self.changes if c.tag == name), None)
        self._show_preview(change if name_item is not None else None)
        if name_item is None:
            return
        # How the tag was learned, in the sentence that names the tag.
        how = self._learned.get(name)
        learned = f" Learned {how}." if how else ""
        if name in self._stays:
            learned = ""  # the Learned cell and the tag's note say it stays on its yes answers
        if kept := self._kept_off.get(name):
            learned += f" {kept}"
        if change is None:
            self.caption.setText(
                f"{quoted(name_item.text())}: no photo you have not answered would change.{learned}"
            )
            return
        if name in self._taken_back:
            stock = self._taken_back[name]
            words = taken_off_words(name, change.removed, stock)
            self.caption.setText(
                f"{words}: {counted(change.added, 'photo')} newly tagged, {change.removed:,} "
                f"untagged{shown_words(change)}."
                if stock
                else f"{words}{shown_words(change, untagged_only=True)}."
            )
        else:
            self.caption.setText(
                f"{quoted(name_item.text())}: {counted(change.added, 'photo')} newly tagged, "
                f"{change.removed:,} untagged{shown_words(change)}.{learned}"
            )
        self._reader.submit("version-changes", _load(change), self._loaded)

    def _show_tag(self, link: str) -> None:
        """A warning's "show them": its tag's row selected, its photos in the preview."""
        tag = unquote(link.removeprefix(SHOW))
        for row in range(self.table.rowCount()):
            item = self.table.item(row, 0)
            if item is not None and item.data(_TAG) == tag:
                self.table.clearSelection()
                self.table.selectRow(row)
                self.table.scrollToItem(item)
                # Its photos, below the fold of a short dock, come into view once read (with
                # one tag taught its row was selected already, and the link did nothing that
                # could be seen: walk64).
                self._reveal_pending = True
                if self.preview.count():
                    self._revealed()
                return

    def _revealed(self) -> None:
        if self._reveal_pending and self.preview.isVisible():
            self._reveal_pending = False
            self.reveal.emit()

    def _answer_menu(self, at: QPoint) -> None:
        """A preview photo's menu: yes, it shows the tag (it keeps it, whatever version is
        active, and the next training learns from it), or no; answered, it leaves the counts
        and the preview (answers_changed), as an answer in the Review tab would."""
        entry = self.preview.itemAt(at)
        change = self._previewing
        if entry is None or change is None or entry.data(_PHOTO) is None:
            return
        name = quoted(shown_name(change.tag))
        photo, tag = int(entry.data(_PHOTO)), change.tag
        menu = QMenu(self)
        yes = menu.addAction(f"Yes, it shows {name}")
        yes.triggered.connect(lambda: self.decided.emit([photo], tag, "add"))
        no = menu.addAction(f"No, it does not show {name}")
        no.triggered.connect(lambda: self.decided.emit([photo], tag, "reject"))
        self.menu = menu
        menu.popup(self.preview.viewport().mapToGlobal(at))

    def _show_preview(self, change: TagChange | None) -> None:
        """Empties the strip, and shows it only for a change that has photos to preview."""
        self._previewing = change
        self.preview.clear()
        if change is None and self.preview.hasFocus():
            # Hidden with the keys on it (the user answering its photos: the table is filled
            # again after each answer), Qt passed them to the next widget and the Train page
            # scrolled down to it, the scores' table (walk64): the keys wait on the changes'
            # table, which scrolls nothing, and go back to the photos when they are in again.
            self._keys_back_to_preview = True
            self.table.setFocus()
        self.preview.setVisible(change is not None)

    def _loaded(self, photos: list[tuple[int, str, str, bool]]) -> None:
        if self._previewing is None:
            return  # a tag that changes nothing was selected while these photos were read
        fill_preview(
            self.preview, photos, self._previewing.tag, "Apply", self._thumbnails, answerable=True
        )
        if self._keys_back_to_preview and self.table.hasFocus() and self.preview.count():
            self.preview.setFocus()
        self._keys_back_to_preview = False
        self._revealed()
        self.previewed.emit()

    def _thumbnail_ready(self, content_hash: str) -> None:
        thumbnail_ready(self.preview, content_hash, self._thumbnails)


def fill_preview(
    grid: PreviewGrid,
    photos: list[tuple[int, str, str, bool]],
    tag: str,
    button: str,
    thumbnails: ThumbnailCache | None,
    *,
    answerable: bool = False,
) -> None:
    """`photos` (version_diff.preview_photos) in `grid`: '+' on those `tag` goes on, '✕' on
    those it comes off, each tooltip saying what `button` (Apply, Make Active) does to it;
    `answerable`: each answerable from its menu (the Train page's), and its tooltip says so."""
    grid.clear()
    grid.setVisible(bool(photos))
    name = shown_name(tag)
    for photo_id, path, content_hash, added in photos:
        folder, _, file_name = path.rpartition("/")
        sign = "+ " if added else "✕ "
        entry = QListWidgetItem(sign + file_name)
        entry.setData(_CAPTION, sign + file_name)
        does = f"gets {quoted(name)}" if added else f"loses {quoted(name)}"
        tip = f"{file_name}\nin {folder or '/'}\n{sign}{button}: it {does}"
        if answerable:
            tip += f"\nRight-click to answer whether it shows {quoted(name)}"
            entry.setData(_PHOTO, photo_id)
        entry.setToolTip(tip)
        entry.setData(_PATH, (content_hash, path))
        entry.setIcon(blank_icon(ICON))
        grid.addItem(entry)
    grid.fit()  # the rows these photos need
    _set_icons([grid.item(row) for row in range(grid.count())], thumbnails)


def _set_icons(entries: list[QListWidgetItem], thumbnails: ThumbnailCache | None) -> None:
    """The first photos, those in view, loaded first."""
    if thumbnails is None:
        return
    images = thumbnails.images([entry.data(_PATH) for entry in entries])
    for entry, image in zip(entries, images, strict=True):
        if image is not None:
            entry.setIcon(square_icon(image, ICON))


def thumbnail_ready(
    grid: PreviewGrid, content_hash: str, thumbnails: ThumbnailCache | None
) -> None:
    """A thumbnail `grid` waited for is made: its photo's icon."""
    for row in range(grid.count()):
        entry = grid.item(row)
        if entry.data(_PATH)[0] == content_hash:
            _set_icons([entry], thumbnails)
