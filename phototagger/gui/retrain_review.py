"""Retrain ▸ Review: for one tag, the photos the active model is least sure about; one key per
decision (A yes, R no, S skip), and the next photo comes up.

The queue is a list a photographer works down: each photo's thumbnail, file name, the model's
confidence and why it is asked (core/review_mix.py: unsure, confident but to check, likely
missed, a kind not asked about yet), with the current photo larger above it. (It was one column
of large icons with only a percentage under each: two or three photos in view, none named.)"""

from __future__ import annotations

import html
import re
from collections.abc import Callable

from PySide6.QtCore import (
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QRect,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import QKeyEvent, QPixmap, QResizeEvent
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QListView,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from phototagger.core.detector_tags import held_name
from phototagger.core.errors import UnknownTag
from phototagger.core.library import Library
from phototagger.core.model.review import ReviewItem, ReviewRound, review_round
from phototagger.core.photos_view import Photo, photos_by_ids, tags_of_photos
from phototagger.core.review_mix import (
    likely_misses_first,
    missed_some,
    nothing_likely_words,
    score_label,
    score_words,
    scored_why_words,
    why_label,
    why_words,
)
from phototagger.core.states import POSITIVE_STATES, TagState
from phototagger.core.tag_admin import leaf_or_name, loose_key, renamed, shown_name
from phototagger.gui.escape_field import is_plain
from phototagger.gui.in_view import in_view
from phototagger.gui.loose_completer import LOOSE_ROLE, LooseCompleter, with_loose_keys
from phototagger.gui.muted import mute
from phototagger.gui.note_box import LINES, NoteBox
from phototagger.gui.quotes import curly_quotes, quoted
from phototagger.gui.reader import LibraryReader
from phototagger.gui.review_split import ROWS, PreviewSplit, rows_height
from phototagger.gui.square_icon import blank_icon, square_icon
from phototagger.gui.tag_choice import enter_in_list
from phototagger.gui.thumbnails import ThumbnailCache

_ITEM = Qt.ItemDataRole.UserRole + 1
_TEXT = Qt.ItemDataRole.UserRole + 2  # the entry's text before an answer's mark
_YES = Qt.ItemDataRole.UserRole + 3  # the photo is answered yes (its mark says so)
_ANSWERED = Qt.ItemDataRole.UserRole + 4  # the photo is answered, yes or no
# Answers to a round of review: at each tenth answer in the queue the question says to train
# (issue 8's rounds of 10 answers). The queue had gone on, "11 of 50", with no word of when a
# training would show what the answers changed (walk62, in the app).
ROUND = 10
ICON = 56  # four rows of the queue beside their words in 250 px (gui/review_split.py)
PREVIEW = 220  # the current photo's height, at most


def entry_text(item: ReviewItem) -> str:
    """'IMG_0042.jpg' over '52% · just above 50%' (for a tag that stays on the photos said
    yes to, over '97% like your yes photos · not tagged': score_label)."""
    name = item.path.rsplit("/", 1)[-1]
    why = why_label(item.why, item.confidence, item.cut)
    return f"{name}\n{score_label(item.confidence, item.cut)}" + (f" · {why}" if why else "")


_KEYS = {
    Qt.Key.Key_A: "accept",
    Qt.Key.Key_Y: "accept",
    Qt.Key.Key_R: "reject",
    Qt.Key.Key_X: "reject",  # as in the main window (R, X); not N: that is Next Photo there
    Qt.Key.Key_S: "skip",
}


_SWITCH_COMMAND = re.compile(r"\(phototagger models use ([^)\s]+)\)")


def in_app_words(reason: str, shown: str | None = None) -> str:
    """Why a tag has no queue, as the app does it: after a rollback the Review tab read
    "… you taught it in version v4, which is not active (phototagger models use v4)", a
    command line the app's user has no reason to know; Model Versions does it. For `shown`,
    the run the Train page shows with its Apply button, Apply does it: the page the user had
    just left, not Model Versions past it.
    The names it quotes in the app's quotes (curly_quotes: "… not learned “gig” yet").
    Escaped: the question is rich text, and a tag may be named "R&B <live>"."""

    def step(found: re.Match[str]) -> str:
        if found[1] == shown:
            return "(click Apply on the Train page to use it)"
        return f"(in Model ▸ Model Versions, select {found[1]} and click Make Active)"

    text = curly_quotes(_SWITCH_COMMAND.sub(step, _unwrapped(reason)))
    return html.escape(text[:1].upper() + text[1:], quote=False)


def _unwrapped(reason: str) -> str:
    """`reason` without the quotes str() puts around a KeyError's words, and only those: a
    message that starts or ends with a quoted tag keeps them ("'animals' is a group", "…
    merged into 'animals/primates'" had lost one each)."""
    text = reason.strip()
    if len(text) >= 2 and text[0] == text[-1] and text[0] in "'\"" and text.count(text[0]) == 2:
        return text[1:-1]
    return text


def _left(box: QComboBox) -> bool:
    """The keys have gone from `box` to another widget of its window (not to its own list,
    a window of its own)."""
    focus = QApplication.focusWidget()
    return (
        focus is not None
        and focus.window() is box.window()
        and focus is not box
        and not box.isAncestorOf(focus)
    )


def _decision(event: QKeyEvent) -> str | None:
    if event.modifiers() != Qt.KeyboardModifier.NoModifier:
        return None
    return _KEYS.get(Qt.Key(event.key()))


BOX_HINT = "Enter to answer"
BOX_HINT_TIP = "Enter: answer these photos (A yes · R no · S skip); or type another tag's name"


# What the page asks before a tag is chosen: the queue mixes the photos the model is unsure of,
# its most confident (to catch a confident mistake) and those it may have missed
# (core/review_mix), as `review --help` says; "least sure of" told only the first. Two lines at
# the dock's width (the box's LINES: a third was cut in half), the rest in its tooltip.
CHOOSE_A_TAG = (
    "Choose a tag: the model asks about photos it is unsure of, sure of, or may have missed."
)
CHOOSE_A_TAG_WHY = (
    "Its queue mixes the photos the model is least sure of, its most confident ones (to catch a "
    "confident mistake) and photos it may have missed. Answer A yes, R no, S skip, then train."
)


class _FitRows(QStyledItemDelegate):
    """A row's size with its text wrapped at the list's width now, never wider: Qt sized each
    row by its text on one line ("n06359193_web_site.JPEG" over "0% · a kind not asked about
    yet"), so in a window 826 px wide the rows ran on behind the list's edge and a sideways
    scroll bar hid their ends (walk41, under X). Text that still does not fit is elided.

    The first line (the file's name, after '✕ no · ' once answered) is one line, elided in its
    middle: at a 13-point font in an 856 x 600 window an answered row wrapped it in two
    ("✕ no · n04371430…" over "unks.jpg"), four lines to a row where its thumbnail leaves room
    for three, and each answer took the queue's rows in view from 4 to 3 (walk48)."""

    def __init__(self, view: QListWidget) -> None:
        super().__init__(view)
        self._view = view

    def initStyleOption(  # noqa: N802 - Qt's name
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> None:
        super().initStyleOption(option, index)
        # Qt's displayText has made the line break a line separator (U+2028).
        first, newline, rest = option.text.partition("\u2028")
        if not first or option.rect.width() <= 0:
            return
        style = self._view.style()
        text = style.subElementRect(QStyle.SubElement.SE_ItemViewItemText, option, self._view)
        # The style keeps a margin inside the text's rectangle on either side as it lays out.
        margin = style.pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, self._view) + 1
        width = text.width() - 2 * margin
        metrics = option.fontMetrics
        if width > 0 and metrics.horizontalAdvance(first) > width:
            shortened = metrics.elidedText(first, Qt.TextElideMode.ElideMiddle, width)
            option.text = shortened + newline + rest

    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        width = max(1, self._view.viewport().width() - 2 * self._view.spacing())
        fitted = QStyleOptionViewItem(option)
        fitted.rect = QRect(0, 0, width, 1)  # the style wraps the text at a valid rect's width
        hint = super().sizeHint(fitted, index)
        return QSize(min(hint.width(), width), hint.height())


class _QueueList(QListWidget):
    key_decision = Signal(str)  # accept, reject, skip
    left = Signal()  # Esc: the window gives the keys back to the grid

    def __init__(self) -> None:
        super().__init__()
        self.setItemDelegate(_FitRows(self))

    def event(self, event: QEvent) -> bool:
        # The main window's A and R act on the details panel; here they answer the queue.
        if (
            isinstance(event, QKeyEvent)
            and event.type() == QEvent.Type.ShortcutOverride
            and _decision(event) is not None
        ):
            event.accept()
            return True
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        decision = _decision(event)
        if decision is not None:
            self.key_decision.emit(decision)
            return
        if is_plain(event, Qt.Key.Key_Escape):
            event.accept()
            self.left.emit()
            return
        super().keyPressEvent(event)


def _answers(tag: str, ids: list[int]) -> Callable[[Library], dict[int, TagState | None]]:
    def load(library: Library) -> dict[int, TagState | None]:
        rows = tags_of_photos(library.db, ids)
        return {
            pid: next((t.state for t in rows.get(pid, []) if t.name == tag), None) for pid in ids
        }

    return load


Queue = tuple[str, ReviewRound, dict[int, Photo]]


def _load_queue(typed: str, instead: str | None = None) -> Callable[[Library], Queue]:
    """The queue for the tag `typed` names, found as the grid's filter finds it ('People/Anna'
    is the user's tree's 'People (keywords)/Anna'): (that tag, its queue, the queue's photos).
    `instead` (the tag the completion offered for `typed`) is taken where the model has no
    queue for `typed`: "musi" is 'musical instrument'."""

    def load(library: Library) -> Queue:
        # 'crete' is the sidecar's Places|Crete, as the search box reads it: "There is no tag
        # called 'crete'; to make it a new tag, label a few photos" sent the user to make a
        # second one (polish36).
        tag = leaf_or_name(library.db, held_name(library.db, typed))
        try:
            queue = review_round(library, tag)
        except UnknownTag:
            if instead is None:
                raise
            tag = held_name(library.db, instead)
            queue = review_round(library, tag)
        photos = photos_by_ids(library.db, [i.photo_id for i in queue.items])
        return tag, queue, {p.id: p for p in photos}

    return load


class ReviewPage(QWidget):
    """`decided(photo_ids, tag, action)` goes to the main window, which makes it undoable."""

    decided = Signal(list, str, str)
    # Try Again, where the window's first read of the library failed and the queue waits on it.
    read_again = Signal()

    def __init__(
        self, reader: LibraryReader, thumbnails: ThumbnailCache, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._reader = reader
        self._thumbnails = thumbnails
        self.tag = ""
        self.items: list[ReviewItem] = []
        self._photos: dict[int, Photo] = {}
        self.tag_box = QComboBox()
        self.tag_box.setEditable(True)
        self.tag_box.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.tag_box.setToolTip("The tag to review")
        editor = self.tag_box.lineEdit()
        assert editor is not None
        editor.setPlaceholderText("Choose a tag…")
        # As the grid's filter completes: a person's name offers 'People (keywords)/Anna'.
        # Without case or accents too: "ete" offers 'Été à Nice'.
        self.tag_box.setCompleter(LooseCompleter(self.tag_box, self.tag_box.model()))
        # A tag chosen from the list is the one it names (the box shows 'AC∕DC' as 'AC/DC').
        self.tag_box.activated.connect(self._chosen)
        # Enter takes the tag the completion offers for a name that is no tag ("musi" loaded
        # the queue of 'musi', which "has not learned 'musi' yet"): see meant_tag.
        editor.returnPressed.connect(self._typed)
        # Enter with the completion list open ('animal' typed, offered there) only closed it.
        enter_in_list(self.tag_box, self._typed)
        self._box_waits = False  # the keys given to the Tag box, and nothing asked there yet
        # Ctrl+E gives the keys to the Tag box (a name typed there must not answer photos),
        # over a queue already read: a photographer who pressed A or R for the photo asked
        # about typed "araararra" over the tag's name. Said beside the box while it has them
        # (under it, a line more pushed the queue's fifth photo out of view).
        self.box_hint = QLabel(BOX_HINT)
        self.box_hint.setToolTip(BOX_HINT_TIP)
        mute(self.box_hint)
        self.box_hint.hide()
        for keys_to in (self.tag_box, editor):  # the box passes its focus to its editor
            keys_to.installEventFilter(self)
        editor.textChanged.connect(lambda _text: self._hint_box())
        self._takes_keys = True  # the queue being read takes the keys (see load)
        # The run the Train page shows with its Apply button, not applied yet (None: none).
        self.shown_run: Callable[[], str | None] = lambda: None
        # The question: a few lines at least, scrolled for the rest where the queue's ROWS rows
        # need its room (gui/note_box.py): whole, five lines at the tab's width, it left the
        # queue three rows at 856 x 600 with a 12-point desktop font. Never takes the keys.
        self.question = NoteBox(rich=True, keys=False)
        self.question.setText(CHOOSE_A_TAG, CHOOSE_A_TAG_WHY)
        # Said once the tag has found all it is likely to (core/review_mix.nothing_likely_left):
        # 50 photos at 0-8%, each "below, check", were asked round after round, never saying so.
        # Or, for a tag kept on its yes answers, whole folders, `train`'s words why (_say_settled).
        # A few lines at most, scrolled for the rest: whole, it left a small window's queue a
        # row (gui/note_box.py). A click on it leaves the keys with the queue, as the label it
        # was did: selectable, it took them, and A, R and S after it answered nothing.
        self.settled = NoteBox(keys=False)
        self.settled.hide()
        self._settled_queue = False  # the queue read says so (its last photo's words follow)
        # The tag stays on its yes answers, whole folders (ReviewRound.by_folder): the label
        # over the question says what `train` said, and its last photo's words follow it.
        self._by_folder = False
        # Taught from yes answers on whole folders (ReviewRound.yes_folders): its last photo's
        # words say both ways, as `train` does (answer and train, or label a folder).
        self._both_ways = False
        # The current photo, larger: the list's thumbnails are for finding your place.
        self.preview = QLabel()
        self.preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.list = _QueueList()
        self.list.setViewMode(QListView.ViewMode.ListMode)
        self.list.setIconSize(QSize(ICON, ICON))
        self.list.setTextElideMode(Qt.TextElideMode.ElideMiddle)  # IMG_2024…_0042.jpg
        # Why a photo is asked wraps onto the lines the thumbnail leaves ('2% · a kind not
        # asked about' over 'yet', where it read 'a kind n…ked about yet'), in rows as wide as
        # the list is now (they kept the width it had when read, under a sideways scroll bar).
        # Each row is sized at the list's width now (_FitRows), not all as the last one was
        # when first laid out, wider than the list once the dock narrowed.
        self.list.setWordWrap(True)
        self.list.setResizeMode(QListView.ResizeMode.Adjust)
        self.list.setSpacing(2)
        self.list.setMovement(QListView.Movement.Static)
        self.list.key_decision.connect(self.decide_current)
        self._blank = blank_icon(ICON)
        self.list.currentItemChanged.connect(lambda *_: self._update_question())
        self.yes = QPushButton("Yes (A)")
        self.no = QPushButton("No (R)")
        self.skip = QPushButton("Skip (S)")
        # A click answers, and the keys go back to the queue: left on the button, the R its
        # label names went to the window, and rejected a tag on the grid's photo instead.
        for button, decision in ((self.yes, "accept"), (self.no, "reject"), (self.skip, "skip")):
            button.clicked.connect(lambda _=False, d=decision: self._clicked(d))
        top = self._top = QHBoxLayout()
        top.addWidget(QLabel("Tag:"))
        top.addWidget(self.tag_box, 1)
        top.addWidget(self.box_hint)
        # Shown only while the window's first read of the library has failed (read_failed).
        self.try_again = QPushButton("&Try Again")
        self.try_again.setToolTip("Read the library again")
        self.try_again.hide()
        self.try_again.clicked.connect(self._try_again)
        buttons = self._buttons = QHBoxLayout()
        for button in (self.yes, self.no, self.skip):
            # As narrow as their words, not the style's 80 px each: the Model tab shares the
            # details panel's width, which a small window narrows (gui/dock_shares.py).
            words = button.fontMetrics().horizontalAdvance(button.text())
            button.setMinimumWidth(min(button.minimumSizeHint().width(), words + 24))
            buttons.addWidget(button)
        layout = self._layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.settled)
        layout.addWidget(self.question)
        layout.addWidget(self.try_again, 0, Qt.AlignmentFlag.AlignLeft)
        # The photo over the queue, the queue's rows first (gui/review_split.py).
        self.split = PreviewSplit(self.preview, self.list, PREVIEW)
        self.preview.installEventFilter(self)
        layout.addWidget(self.split, 1)
        layout.addLayout(buttons)
        thumbnails.ready.connect(self._thumbnail_ready)
        self._update_question()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if watched is self.preview and event.type() == QEvent.Type.Resize:
            self._show_preview()  # the picture as large as the split makes it now
        elif event.type() in (QEvent.Type.FocusIn, QEvent.Type.FocusOut):
            self._hint_box()
        elif watched is self.tag_box and event.type() == QEvent.Type.Resize:
            self._hint_box()  # the window resized: room for the words, or none now
        return super().eventFilter(watched, event)

    def _hint_box(self) -> None:
        """BOX_HINT under the Tag box while it has the keys over the queue of the tag it
        names (not once another name is being typed), where the box keeps room for that name
        beside it: at 856 px and 13 points it narrowed the box to "each day" for 'beach day'."""
        editor = self.tag_box.lineEdit()
        if not (
            self.items
            and editor is not None
            and editor.hasFocus()
            and editor.text() == shown_name(self.tag)
        ):
            self.box_hint.hide()
            return
        room = editor.width()
        if not self.box_hint.isVisible():  # the room the box keeps once the words are beside it
            room -= self.box_hint.sizeHint().width() + self._top.spacing()
        # The editor's own margins (2 px a side in Qt's QLineEdit) and its cursor.
        self.box_hint.setVisible(editor.fontMetrics().horizontalAdvance(editor.text()) + 6 <= room)

    def take_keys(self, queue: bool = True) -> None:
        """The keys for the page shown: a loaded queue takes A, R and S (`queue`, its tab
        clicked); otherwise the tag's name, selected, so what is typed replaces it."""
        if queue and self.list.count():
            self.list.setFocus()
            return
        self._box_waits = True
        self.tag_box.setFocus()
        editor = self.tag_box.lineEdit()
        if editor is not None:
            editor.selectAll()

    def set_tag_names(self, names: list[str]) -> None:
        current = self.tag_box.currentText()
        self.tag_box.clear()
        for name in names:
            self.tag_box.addItem(shown_name(name), name)  # shown as it reads, held as stored
        with_loose_keys(self.tag_box.model())
        self.tag_box.setCurrentText(current)

    def expect(self, tag: str) -> None:
        """`tag`'s queue is to be read soon (the window's start): its name in the box, and what
        comes, where "Choose a tag…" read as if it had been forgotten."""
        shown = shown_name(tag)
        if self.tag_box.currentText() != shown:
            self.tag_box.setCurrentText(shown)
        self._ask(f"Finding the photos the model is least sure are {quoted(shown)}…")
        self.settled.hide()
        self.try_again.hide()

    def read_failed(self, tag: str, reason: str) -> None:
        """The window's first read of the library, which `tag`'s queue waits for, failed: why,
        and Try Again (it waited at "Finding the photos…" until a later read went through)."""
        self.expect(tag)
        self._ask(
            "The library could not be read, so the photos to review for "
            f"{quoted(html.escape(shown_name(tag)))} are not found yet: {in_app_words(reason)}"
        )
        self.try_again.show()
        self._fit_words()  # a row less for the words

    def _try_again(self) -> None:
        self.try_again.hide()
        shown = html.escape(self.tag_box.currentText())
        self._ask(f"Finding the photos the model is least sure are {quoted(shown)}…")
        self.read_again.emit()

    def offered_instead(self) -> str | None:
        """The tag the completion offers for the box's text when the text names no tag the box
        lists (without case or accents): the one whose name starts with it ("musi": 'musical
        instrument'), else the first offered ("instrum" too); None when it names one, or
        nothing is offered ('People/Anna', found as the grid's filter finds it)."""
        typed = self.tag_box.currentText().strip()
        key = loose_key(typed)
        model = self.tag_box.model()
        rows = [model.index(row, 0) for row in range(model.rowCount())]
        keys = [str(index.data(LOOSE_ROLE) or "") for index in rows]
        if not key or key in keys:
            return None
        starting = [row for row, name in zip(rows, keys, strict=True) if name.startswith(key)]
        offered = [row for row, name in zip(rows, keys, strict=True) if key in name]
        chosen = starting or offered
        return str(chosen[0].data(Qt.ItemDataRole.UserRole)) if chosen else None

    def _typed(self) -> None:
        """Enter in the Tag box: the tag typed, or the one the completion offers for it."""
        self._box_waits = False
        self.load(self.tag_box.currentText(), instead=self.offered_instead())

    def _chosen(self, index: int) -> None:
        """A tag chosen in the Tag box, from its list or typed whole. Qt says so too as the box
        loses the keys to a click elsewhere (its name not the list's current one): the queue
        was read again from its first photo and took the keys from where the user clicked (a
        sidebar tag, to rename it with F2). Then the queue shown stays, and a tag typed there
        is read without the keys."""
        tag = str(self.tag_box.itemData(index) or self.tag_box.currentText())
        if not _left(self.tag_box):
            self._asked(tag)
            return
        self._box_waits = False
        if tag != self.tag:
            self.load(tag, keys=False)

    def _asked(self, tag: str) -> None:
        """A tag asked for in the Tag box: its queue, which takes the keys once read."""
        self._box_waits = False
        self.load(tag)

    def load(self, tag: str, *, instead: str | None = None, keys: bool = True) -> None:
        """`tag`'s queue; `instead`'s, if the model has none for `tag`. The queue takes the keys
        once read (`keys`) if the page is in view: read again on its own (another model made
        active, the tag renamed), it leaves them where the user has them."""
        tag = tag.strip()
        if not tag:
            return
        self.tag = tag
        self._takes_keys = keys
        self.expect(tag)  # loaded from elsewhere too (the Review menu item, the tag just taught)
        self._reader.submit("review", _load_queue(tag, instead), self._loaded, self._failed)

    def follow_tag_change(self, old: str, new: str | None) -> None:
        """`old` (and the tags below it) was renamed or merged into `new`: the tag reviewed
        follows it, its queue read again under the new name, as the sidebar's selection does
        (it kept the old name and then said "… it was renamed or merged into …"). A deleted
        tag is left as it is: its queue says so when read again."""
        now = renamed(self.tag, old, new) if self.tag else None
        if now is not None and now != self.tag:
            self.load(now, keys=False)

    def _failed(self, reason: str) -> None:
        self.items = []
        self._settled_queue = self._by_folder = self._both_ways = False
        self.settled.hide()
        self.list.clear()
        self._ask(in_app_words(reason, self.shown_run()))
        for button in (self.yes, self.no, self.skip):
            button.setEnabled(False)

    def _loaded(self, result: Queue) -> None:
        editor = self.tag_box.lineEdit()
        # The Tag box was given the keys (Ctrl+E) and nothing was asked from it yet: it keeps
        # them as the queue arrives, and what is typed there, or the name typed next went to
        # the queue, whose 'a' and 'r' answered photos.
        box_keeps_keys = self._box_waits and editor is not None and editor.hasFocus()
        self.tag, queue, self._photos = result
        self.items = queue.items
        self._say_settled(queue)
        if not box_keeps_keys:
            self.tag_box.setCurrentText(shown_name(self.tag))
        elif editor is not None and editor.text() == shown_name(self.tag):
            editor.selectAll()
        self.list.clear()
        waiting: list[tuple[QListWidgetItem, Photo]] = []
        for item in self.items:
            photo = self._photos.get(item.photo_id)
            entry = QListWidgetItem(entry_text(item))
            entry.setData(_ITEM, item.photo_id)
            entry.setData(_TEXT, entry.text())
            why = scored_why_words(item.why, item.confidence, item.cut)
            entry.setToolTip(f"{item.path}\n{why[:1].upper()}{why[1:]}" if why else item.path)
            entry.setIcon(self._blank)  # full size from the start, so every cell is as tall
            if photo is not None:
                waiting.append((entry, photo))
            self.list.addItem(entry)
        self._set_icons(waiting)  # the top rows, those in view, loaded first
        self.split.place()  # for the rows' height with their words
        if self.items:
            self.list.setCurrentRow(0)
            # Never from out of view: read again after Apply, with the Train tab in front, the
            # hidden queue took the keys from the photos, and R there answered 'no' on a queued
            # photo the user could not see. The same with the Details tab in front of the Model
            # dock (Qt still calls the page visible then: gui/in_view.py), clicked while the
            # queue asked for was read.
            if self._takes_keys and in_view(self) and not box_keeps_keys:
                self.list.setFocus()
        self._update_question()
        self._hint_box()

    def _say_settled(self, queue: ReviewRound) -> None:
        """Shows, over the question, that nothing likely is left to find, where so; for a tag
        that stays on its yes answers because they are whole folders, what `train` said of it
        (words40: the queue's last words asked for a training on the answers given here)."""
        self._by_folder = bool(queue.by_folder and queue.items)
        self._both_ways = bool(queue.yes_folders)
        if queue.by_folder and self._by_folder:
            self._settled_queue = False
            self.settled.setText(queue.by_folder)
            self.settled.show()
            return
        self._settled_queue = bool(queue.settled and queue.cut is not None and queue.items)
        if not self._settled_queue or queue.cut is None:
            self.settled.hide()
            return
        whys = [item.why for item in queue.items]
        tag = shown_name(self.tag)
        words = nothing_likely_words(tag, queue.nearest, queue.cut, whys, queue.tested)
        if queue.tested is not None and missed_some(*queue.tested):
            # What to do first, short enough for the pane; the whole words in its tooltip.
            first = likely_misses_first(tag, queue.nearest, queue.cut, queue.tested)
            self.settled.setText(first, details=words)
        else:
            self.settled.setText(words)
        self.settled.show()

    def _ask(self, text: str) -> None:
        """`text` (rich text) as the question, fitted to the room the queue leaves."""
        self.question.setText(text)
        self._fit_words()

    def _fit_words(self) -> None:
        """The question and the note over it as tall as the tab can spare over the queue's
        ROWS rows (gui/note_box.py: two lines each at least, the rest scrolls): the question
        first, whole where it fits; the note then, where the photo has its largest too. Where
        even their two lines each leave the queue fewer rows (the note shown, a desktop font
        of 13 points: 33 px short), the note keeps a line, then the question too."""
        layout = self._layout
        margins = layout.contentsMargins()
        shown = [self._top, self._buttons] + (
            [self.try_again] if self.try_again.isVisibleTo(self) else []
        )
        others = sum(part.sizeHint().height() for part in shown) + margins.top()
        others += margins.bottom() + layout.spacing() * (len(shown) + 2)  # the words, split too
        # An empty queue (a tag not learned yet, a read that failed) keeps no rows: its words
        # are all the tab says, and at 13 points in 856 x 600 they scrolled over an empty list.
        rows = ROWS if self.list.count() else 1
        queue = rows_height(self.list, rows) + self.split.handleWidth()
        room = self.height() - others - queue
        width = self.width() - margins.left() - margins.right()
        question, note = self.question, self.settled
        if note.isHidden():
            question.give_room(room)
            return
        note_lines = LINES if room >= question.least(width) + note.least(width) else 1
        question_lines = LINES if room >= question.least(width) + note.least(width, 1) else 1
        question.give_room(room - note.least(width, note_lines), question_lines)
        note.give_room(room - question.taken(width) - PREVIEW, note_lines)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_words()

    def _set_icons(self, entries: list[tuple[QListWidgetItem, Photo]]) -> None:
        wanted = [(photo.content_hash, photo.path) for _, photo in entries]
        for (entry, _), image in zip(entries, self._thumbnails.images(wanted), strict=True):
            if image is not None:
                entry.setIcon(square_icon(image, ICON))

    def _thumbnail_ready(self, content_hash: str) -> None:
        for row in range(self.list.count()):
            entry = self.list.item(row)
            photo = self._photos.get(int(entry.data(_ITEM)))
            if photo is not None and photo.content_hash == content_hash:
                self._set_icons([(entry, photo)])
                if entry is self.list.currentItem():
                    self._show_preview()

    def _current(self) -> ReviewItem | None:
        row = self.list.currentRow()
        return self.items[row] if 0 <= row < len(self.items) else None

    def _show_preview(self) -> None:
        item = self._current()
        self.split.show_photo(item is not None)  # no empty room over a failed or done queue
        photo = self._photos.get(item.photo_id) if item is not None else None
        image = None if photo is None else self._thumbnails.image(photo.content_hash, photo.path)
        if image is None:
            self.preview.clear()
            return
        side = min(PREVIEW, self.preview.height())
        if side < 1:  # folded away (gui/review_split.py): drawn when the handle opens it
            self.preview.clear()
            return
        self.preview.setPixmap(
            QPixmap.fromImage(image).scaled(
                max(self.preview.width(), side),
                side,
                Qt.AspectRatioMode.KeepAspectRatio,
                Qt.TransformationMode.SmoothTransformation,
            )
        )

    def _update_question(self) -> None:
        entry = self.list.currentItem()
        enabled = entry is not None and bool(self.tag)
        for button in (self.yes, self.no, self.skip):
            button.setEnabled(enabled)
        self._show_preview()
        if not self.tag:
            return
        item = self._current()
        if not self.items:
            self._ask(
                "Nothing to review for "
                f"{quoted(html.escape(shown_name(self.tag)))}: the model is sure, "
                "or you have decided on every photo."
            )
        elif entry is not None and item is not None:
            name = html.escape(item.path.rsplit("/", 1)[-1])
            why = f", {why_words(item.why, item.confidence, item.cut)}" if item.why else ""
            self._ask(
                f"{self._round_words()}"
                f"Does this photo show <b>{html.escape(shown_name(self.tag))}</b>? "
                f"<span>{self.list.currentRow() + 1} of {len(self.items)}: {name}; "
                f"{score_words(item.confidence, item.cut)}{why}</span>"
            )

    def _round_words(self) -> str:
        """At each tenth photo of the queue answered (yes or no; a skip is none), what to do
        next, before the question: a training learns from the answers and shows what they
        change; else nothing."""
        answered = sum(1 for row in range(self.list.count()) if self.list.item(row).data(_ANSWERED))
        if not answered or answered % ROUND:
            return ""
        return (
            f"<b>You have answered {answered} photos</b>: train a new model (Ctrl+T) to learn "
            "from them, or go on.<br>"
        )

    def _clicked(self, decision: str) -> None:
        self.decide_current(decision)
        if self.list.count():
            self.list.setFocus(Qt.FocusReason.OtherFocusReason)

    def decide_current(self, decision: str) -> None:
        entry = self.list.currentItem()
        if entry is None or not self.tag:
            return
        row = self.list.row(entry)
        if decision != "skip":
            self.decided.emit([int(entry.data(_ITEM))], self.tag, decision)
            self._mark(entry, TagState.ADDED if decision == "accept" else TagState.REJECTED)
        if row + 1 < self.list.count():
            self.list.setCurrentRow(row + 1)
        else:
            self._ask(self._last_words())

    def _last_words(self) -> str:
        """What the queue says once its last photo is answered: train to learn from the
        answers; once nothing likely was left to find (q39: "Train a new model to learn from
        your answers" under "Nothing likely left to find ... if you want to check"), only a
        yes is worth a training; for a tag kept on its folders' photos, labelling a folder."""
        name = html.escape(shown_name(self.tag))
        label_folder = "label that folder: pick it in the sidebar, select all, press T"
        if self._by_folder and not self._both_ways:
            return (
                f"That was the last one. To put {quoted(name)} on another folder's photos, "
                f"{label_folder}; or choose another tag."
            )
        step, then = self._answers_step(name)
        if not self._both_ways:
            return f"That was the last one. {step}{then} choose another tag."
        # words41: a tag taught from yes answers on whole folders is told both ways, as `train`
        # and the words over the question tell it ("if it is something the pictures show,
        # answer no ...; if it is a trip, a place or an event, ... label that folder"), where
        # this said only to label a folder, or only to train.
        if not self._settled_queue:
            return (
                f"That was the last one. If {quoted(name)} is something the pictures show, train a "
                "new model to learn from your answers; if it is a trip, a place or an event, to "
                f"put it on another folder's photos, {label_folder}; or choose another tag."
            )
        return (
            f"That was the last one. {step}; if {quoted(name)} "
            "is a trip, a place or an event, to put "
            f"it on another folder's photos, {label_folder}; or choose another tag."
        )

    def _answers_step(self, name: str) -> tuple[str, str]:
        """What the answers given here call for, and what leads on to "choose another tag": a
        training to learn from them; once nothing likely was left to find (q39: "Train a new
        model to learn from your answers" under "Nothing likely left to find ... if you want to
        check"), only a yes is worth one."""
        if not self._settled_queue:
            return "Train a new model to learn from your answers", ", or"
        yes = sum(1 for row in range(self.list.count()) if self.list.item(row).data(_YES))
        if yes:
            found = "a photo" if yes == 1 else f"{yes} photos"
            return (
                f"You said yes to {found} it had not found: train a new model to learn from "
                "your answers",
                ", or",
            )
        return (
            "Nothing likely was left to find for "
            f"{quoted(name)}, and you said yes to none of these: "
            "no need to train again for them",
            ";",
        )

    def go_to_answered(self, photo_ids: list[int], tag: str, *, again: bool) -> None:
        """An answer given here was undone (`again`: the queue goes back to its photo, to be
        answered again) or redone (to the photo after it, as the answer did). Nothing moves
        once the queue shows another tag, or no longer holds the photo."""
        if tag != self.tag:
            return
        rows = [r for r, pid in enumerate(self._queued_ids()) if pid in set(photo_ids)]
        if not rows:
            return
        row = rows[0] if again else min(rows[-1] + 1, self.list.count() - 1)
        self.list.setCurrentRow(row)
        self.list.scrollToItem(self.list.item(row))
        self._update_question()  # also when the row was current already ("That was the last")

    def labels_changed(self, photo_ids: set[int]) -> None:
        """Decisions changed (an answer here, its undo or redo, the details panel): the marks
        of those queued photos are read again, so an undone answer reads unanswered."""
        ids = self._queued_ids()
        if self.tag and photo_ids.intersection(ids):
            # The whole queue (50 photos at most) is read: a later read replaces an earlier one.
            tag = self.tag
            self._reader.submit(
                "review-marks", _answers(tag, ids), lambda states: self._answers_loaded(tag, states)
            )

    def _queued_ids(self) -> list[int]:
        return [int(self.list.item(row).data(_ITEM)) for row in range(self.list.count())]

    def _answers_loaded(self, tag: str, states: dict[int, TagState | None]) -> None:
        if tag != self.tag:
            return
        for row, pid in enumerate(self._queued_ids()):
            if pid in states:
                self._mark(self.list.item(row), states[pid])

    def _mark(self, entry: QListWidgetItem, state: TagState | None) -> None:
        """'✓ yes · IMG_0042.jpg…', '✕ no · IMG_0042.jpg…' (muted), or the entry as it was
        for a photo not answered."""
        score = str(entry.data(_TEXT))
        entry.setData(_YES, state is not None and state in POSITIVE_STATES)
        entry.setData(_ANSWERED, state is not None)
        if state is None:
            entry.setText(score)
            entry.setForeground(self.palette().text())
            return
        mark = "✕ no" if state == TagState.REJECTED else "✓ yes"
        entry.setText(f"{mark} · {score}")
        entry.setForeground(self.palette().placeholderText())
