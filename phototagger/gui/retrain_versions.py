"""Retrain ▸ Versions: every model version with its parent and metrics; make any one active
(that is how a rollback is done) or discard one that is not."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence

from PySide6.QtCore import QItemSelectionModel, QSignalBlocker, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QFont, QKeySequence, QResizeEvent, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from phototagger.core.kept_off import kept_off_words
from phototagger.core.learned_words import how_in_words
from phototagger.core.library import Library
from phototagger.core.model.activation import moved_words
from phototagger.core.model.listing import VersionInfo, window_versions
from phototagger.core.model.switch_preview import SwitchPreview, switch_preview
from phototagger.core.tag_admin import shown_name
from phototagger.core.version_diff import TagChange, preview_photos
from phototagger.core.wording import listed
from phototagger.gui.library_tools import Confirm, confirm
from phototagger.gui.muted import mute
from phototagger.gui.quotes import curly_quotes
from phototagger.gui.reader import LibraryReader
from phototagger.gui.retrain_changes import PreviewGrid, fill_preview, thumbnail_ready
from phototagger.gui.retrain_tables import refilling
from phototagger.gui.retrain_train import DISCARD_TITLE, _cell, _table, discard_question
from phototagger.gui.thumbnails import ThumbnailCache

QWIDGETSIZE_MAX = (1 << 24) - 1  # Qt's "no limit" to a widget's size


class VersionsPage(QWidget):
    activate_requested = Signal(str)
    discard_requested = Signal(str)

    def __init__(self, reader: LibraryReader, thumbnails: ThumbnailCache | None = None) -> None:
        super().__init__()  # the Model dock's tab: its parent once added
        self._reader = reader
        self._thumbnails = thumbnails
        # What making the selected version active would change now (core/model/switch_preview),
        # once counted on the reader: a version trained and never applied, or one to roll back
        # to, said nothing of it until Make Active had changed the photos.
        self.preview: SwitchPreview | None = None
        self._previewing: str | None = None  # the version whose changes are being counted
        self._not_known = ""  # why they could not be (the reader's reason), if they could not
        # Selected while the page was hidden: counted when it shows. The page is read again
        # after each answer (the window's overview), and each count reads every photo's
        # embedding: answering in the grid with Versions on another tab counted each time.
        self._stale = False
        self.versions: list[VersionInfo] = []
        self.job_running: Callable[[], bool] = lambda: False  # the Model dock says
        self.confirm: Confirm = confirm  # asks before Discard deletes a version's files
        # In the dock at its usual width the version, its parent, date and tag count left the
        # Summary 77 px, and each version's point read "ImageNet classes summe…": the parent
        # (in the tooltip and the details below) has no column now, the active version is its
        # bold row and '●', and the summary wraps onto as many lines as it takes, never cut.
        # Each row's tooltip, and the details below for the selected one, give the whole record.
        self.table = _table(["Version", "Created", "Tags", "Summary"], text_columns=(SUMMARY,))
        self.table.max_lines = 0  # the summary whole, however many lines
        # Make Active and Discard act on one version: with two selected they took the upper one.
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.itemSelectionChanged.connect(self.update_buttons)
        self.table.doubleClicked.connect(lambda _: self._activate())
        # Enter does what the double-click does: with the keys on the versions (Model ▸ Model
        # Versions), it did nothing, and Make Active was a Tab away.
        enter = QAction(self.table)
        enter.setShortcuts([QKeySequence(Qt.Key.Key_Return), QKeySequence(Qt.Key.Key_Enter)])
        enter.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        enter.triggered.connect(self._enter)
        self.table.addAction(enter)
        self.activate_button = QPushButton("Make Active")
        self.activate_button.setToolTip(
            "Re-tag the library with this version (your own "
            "decisions are kept); use it to roll back"
        )
        self.discard_button = QPushButton("Discard")
        self.discard_button.setToolTip(
            "Delete this version (not possible for the active one or the built-in v1)"
        )
        self.activate_button.clicked.connect(self._activate)
        self.discard_button.clicked.connect(self._discard)
        note = QLabel(
            "The active model tags new photos. Making an older version active rolls "
            "back; your accepted, rejected and added tags never change."
        )
        note.setWordWrap(True)
        mute(note)
        self.note = note
        # The selected version's comparison and how each tag was learned, whole and wrapped:
        # in the table those are long lines that scroll sideways out of the dock.
        self.details = QLabel()
        self.details.setWordWrap(True)
        self.details.setTextFormat(Qt.TextFormat.PlainText)
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.details.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        details_scroll = QScrollArea()
        self._details_scroll = details_scroll
        details_scroll.setWidget(self.details)
        details_scroll.setWidgetResizable(True)
        details_scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        details_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        # Per tag it would move, its photos as the Train page previews a new version's: the
        # tag chosen in a box (the dock has no room for a second table under the versions).
        self.preview_tag = QComboBox()
        self.preview_tag.setToolTip(
            "The photos Make Active would put this tag on (+) or take it off (✕)"
        )
        self.preview_tag.currentIndexChanged.connect(self._tag_chosen)
        # Below the record, the photos' change in the status line's words ("Made active now, v1
        # would change 12 photos' tags (pets: 12 photos fewer)"), by the photos it names.
        self.changes = QLabel()
        self.changes.setWordWrap(True)
        self.changes.setTextFormat(Qt.TextFormat.PlainText)
        self.changes.hide()
        # Two rows of photos in view (the rest a scroll down): the versions and their record
        # share the dock with them.
        self.preview_photos = PreviewGrid(rows=PREVIEW_ROWS)
        self.preview_photos.hide()
        # "Photos of" beside the box: "Photos: pets: 3 photos more" in it read as two labels.
        self.preview_row = QWidget()
        row = QHBoxLayout(self.preview_row)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(QLabel("Photos of"))
        row.addWidget(self.preview_tag, 1)
        self.preview_row.hide()
        if thumbnails is not None:
            thumbnails.ready.connect(
                lambda content_hash: thumbnail_ready(self.preview_photos, content_hash, thumbnails)
            )
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.discard_button)
        buttons.addWidget(self.activate_button)
        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addWidget(self.table, 1)
        layout.addWidget(details_scroll, 1)
        layout.addWidget(self.changes)
        layout.addWidget(self.preview_row)
        layout.addWidget(self.preview_photos)
        layout.addLayout(buttons)
        self.update_buttons()

    def reload(self) -> None:
        # An older version's figures as the Train page gives them: "86 → 100", not "0.86 -> 1.00".
        self._reader.submit("versions", lambda lib: window_versions(lib, True), self._loaded)

    def _loaded(self, versions: list[VersionInfo]) -> None:
        self.versions = versions
        # Read again after a switch, a training, a discard: counted anew against the active one.
        self.preview, self._previewing, self._not_known = None, None, ""
        self._show_tags()
        with refilling(self.table):
            self._fill(versions)
        self.update_buttons()
        self._fit_rows()
        self._show_current()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self._stale, self._previewing = False, None
            self.update_buttons()
        self._fit_rows()
        self._show_current()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)  # the table's rows already as tall as its new width makes them
        self._fit_rows()

    def _fit_rows(self) -> None:
        """The table as tall as the whole rows it shows at its end, the rest to the details
        below: given half the page's room whatever its rows, at a 13-point font in an 856 x 600
        window it had 86 px for rows of 108, 28 and 48 and, scrolled to the active v3 (its
        last row, which the view puts at its bottom), showed v1's last 10 px at its top
        (walk48). All its rows where they fit in its half, else as many of its last ones as
        fit; the others are a scroll up."""
        table = self.table
        room = table.height() + self._details_scroll.height()  # the two share it, half each
        frame = table.height() - table.viewport().height()  # header, frame, sideways bar
        shown = 0
        for row in reversed(range(table.rowCount())):
            if frame + shown + table.rowHeight(row) > room // 2:
                break
            shown += table.rowHeight(row)
        table.setMaximumHeight(frame + shown if shown else QWIDGETSIZE_MAX)

    def _show_current(self) -> None:
        """The selected version's row in view, else the active one's, the keys on it with
        nothing selected (the details below describe it, Make Active stays off): in a small
        window the table showed v1 to v5 and the active v8, its last row, was out of sight,
        and the arrows started from v1."""
        rows = sorted({index.row() for index in self.table.selectedIndexes()})
        active = [row for row, info in enumerate(self.versions) if info.active]
        row = (rows or active or [0])[0]
        item = self.table.item(row, 0)
        if item is None:
            return
        if not rows:
            self.table.setCurrentItem(item, QItemSelectionModel.SelectionFlag.NoUpdate)
        QTimer.singleShot(0, lambda: self._scroll_to(row))  # once laid out

    def _scroll_to(self, row: int) -> None:
        item = self.table.item(row, 0)
        if item is not None:
            self.table.scrollToItem(item)

    def _fill(self, versions: list[VersionInfo]) -> None:
        self.table.setRowCount(len(versions))
        days = Counter(info.created_at[:10] for info in versions if info.created_at)
        for row, info in enumerate(versions):
            name = _cell(info.version + (" ●" if info.active else ""))
            record = describe(info)
            cells = [
                name,
                _cell(made_on(info, days)),
                _cell("—" if info.unread else str(info.tags), True),  # its record unread
                _cell(summary_text(info)),
            ]
            for item in cells[:SUMMARY]:
                item.setToolTip(record)
            # The summary whole on its line (a cut cell's tooltip would lead with it again).
            cells[SUMMARY].setToolTip(record)
            for column, item in enumerate(cells):
                font = QFont(item.font())
                font.setBold(info.active)  # the active version's row stands out whole
                font.setItalic(info.never_active)
                item.setFont(font)
                self.table.setItem(row, column, item)

    def selected(self) -> VersionInfo | None:
        rows = {index.row() for index in self.table.selectedIndexes()}
        return self.versions[min(rows)] if rows and min(rows) < len(self.versions) else None

    def select(self, version: str) -> None:
        for row, info in enumerate(self.versions):
            if info.version == version:
                self.table.selectRow(row)

    def update_buttons(self) -> None:
        info = self.selected()
        self._count_changes(info)
        self._show_details()
        idle = not self.job_running()
        had_keys = [b for b in (self.activate_button, self.discard_button) if b.hasFocus()]
        # A damaged one cannot be made active: the details say why, and what to do.
        self.activate_button.setEnabled(
            idle and info is not None and not info.active and not info.damaged
        )
        # Not the built-in v1 (no parent); one whose record cannot be read has none known.
        self.discard_button.setEnabled(
            idle
            and info is not None
            and not info.active
            and (info.parent is not None or info.unread)
        )
        if had_keys and not had_keys[0].isEnabled():
            # Greyed out (Make Active while the switch runs, Discard with its version gone),
            # a button gives the keys to the versions: Qt dropped them onto the dock's tab bar,
            # where they stayed and the next arrow switched the Model dock's tabs.
            self.table.setFocus(Qt.FocusReason.OtherFocusReason)

    def _count_changes(self, info: VersionInfo | None) -> None:
        """What making `info` active would change, counted on the reader (about a second on
        100,000 photos) unless it is counted or being counted: none for the active version."""
        wanted = None if info is None or info.active or info.damaged or info.unread else info
        version = wanted.version if wanted is not None else None
        if version == self._previewing:
            return
        self._previewing, self._not_known = version, ""
        self.preview = None
        self._show_tags()
        self._stale = version is not None and not self.isVisible()
        if version is not None and not self._stale:
            self._reader.submit(
                "version-preview",
                lambda lib: switch_preview(lib, version),
                self._counted,
                lambda reason: self._not_counted(version, reason),
            )

    def _counted(self, preview: SwitchPreview) -> None:
        if preview.version != self._previewing:
            return  # another version was selected meanwhile
        self.preview = preview
        self._show_details()
        self._show_tags()

    def _not_counted(self, version: str, reason: str) -> None:
        if version == self._previewing:
            self._not_known = f"What Make Active would change is not known: {reason}"
            self._show_details()

    def _show_details(self) -> None:
        info = self.selected()
        self.details.setText(describe(info or next((v for v in self.versions if v.active), None)))
        counting = self._previewing is not None and info is not None
        self.changes.setText(self._not_known or preview_text(self.preview) if counting else "")
        self.changes.setVisible(counting)

    def _show_tags(self) -> None:
        """The tags the selected version would move, in the box over their photos."""
        changes = self.preview.changes if self.preview is not None else []
        with QSignalBlocker(self.preview_tag):
            self.preview_tag.clear()
            for change in changes:
                self.preview_tag.addItem(change_words(change), change.tag)
        self.preview_row.setVisible(bool(changes))
        self.preview_photos.clear()
        self.preview_photos.setVisible(False)
        if changes:
            self._tag_chosen(0)

    def _tag_chosen(self, index: int) -> None:
        preview = self.preview
        if preview is None or not 0 <= index < len(preview.changes):
            return
        change = preview.changes[index]

        def load(library: Library) -> list[tuple[int, str, str, bool]]:
            return preview_photos(library.db, change.added_ids, change.removed_ids)

        self._reader.submit(
            "version-preview-photos", load, lambda photos: self._photos_read(change, photos)
        )

    def _photos_read(self, change: TagChange, photos: list[tuple[int, str, str, bool]]) -> None:
        shown = self.preview.changes if self.preview is not None else []
        if all(c is not change for c in shown) or self.preview_tag.currentData() != change.tag:
            return  # another version or tag chosen meanwhile
        fill_preview(self.preview_photos, photos, change.tag, "Make Active", self._thumbnails)

    def _enter(self) -> None:
        if self.activate_button.isEnabled():  # not the active one, no job running
            self._activate()

    def _activate(self) -> None:
        info = self.selected()
        # A double-click on a damaged one, as Make Active greyed out for it.
        if info is not None and not info.active and not info.damaged:
            self.activate_requested.emit(info.version)

    def _discard(self) -> None:
        info = self.selected()
        if info is None or info.active:
            return
        # Its files are deleted, and no Undo brings them back: one click beside Make Active
        # deleted a version the user had applied, with what it learned.
        question = discard_question(info.version, summary_text(info))
        if self.confirm(self, DISCARD_TITLE, question):
            # Its row goes and Discard greys out: the keys wait on the versions (the question
            # gave them back to Discard as it closed, which then dropped them on the tab bar).
            self.table.setFocus(Qt.FocusReason.OtherFocusReason)
            self.discard_requested.emit(info.version)


def change_words(change: TagChange) -> str:
    """One tag's change, in the words the status line says after a switch (moved_words)."""
    return moved_words({change.tag: (change.added, change.removed)})


PREVIEW_ROWS = 2  # rows of a tag's photos in view


def preview_text(preview: SwitchPreview | None) -> str:
    """What Make Active would change, under a version's details, as the status line then says
    what it changed: how many photos' tags, and the tags that move most ("pets: 5 photos
    fewer"; the box below lists each)."""
    if preview is None:
        return "Counting what Make Active would change…"
    if preview.not_counted:
        return f"What it would change is {preview.not_counted_words('Make Active')}"
    return f"Made active now, {preview.version} {preview.would_change_words(shown=3)}"


def made_on(info: VersionInfo, days: Counter[str]) -> str:
    """When a version was made: its day, or its time when another was made that day. Two
    versions trained in one sitting both read "2026-12-03", and which was which was left to
    their summaries, often the same ("learned pets; …"). The whole date is in the tooltip."""
    if info.unread:
        return "—"  # its record, which has the date, cannot be read
    if not info.created_at:
        return "built in"
    day = info.created_at[:10]
    # The time alone: the dock has no room for the date beside it (it is in the tooltip).
    return info.created_at[11:16] if days[day] > 1 else day


SUMMARY = 3  # the Summary column


NEVER_ACTIVE = "Never made active: trained, then neither applied nor discarded"


def summary_text(info: VersionInfo) -> str:
    """The Summary column, in the few words that tell the versions apart in the dock: the tags
    the version learned ("pets, brass"), or "retrained pets" when it learned no new tag, then
    "never made active" for one trained and left, or "worse than v2". Its comparison with its
    parent, a long sentence that wrapped to eight lines of the narrow column, is in the row's
    tooltip and the details below; v1, which has none, says what it is."""
    parts = info.metrics_summary.split("; ") if info.metrics_summary else []
    learned_clause = [p.removeprefix("learned ") for p in parts if p.startswith("learned ")]
    taught = [", ".join(map(shown_name, info.taught))] if info.taught else learned_clause
    if not learned_clause and info.parent:
        # No new tag: trained again on more answers, "retrained" tells it from the version
        # that first learned them (both read "sunny day").
        names = map(shown_name, info.taught or info.learned or [])
        taught = [f"retrained {', '.join(names)}".strip()]
    if info.damaged:  # listed as any other, it was found only when made active
        return "damaged: cannot be used"
    never = ["never made active"] if info.never_active else []
    worse = [f"worse than {info.parent}"] if info.not_worse is False and info.parent else []
    if info.parent is None:
        return "; ".join(parts) or "—"
    return "; ".join(taught + never + worse) or "—"


def describe(info: VersionInfo | None) -> str:
    """A version's record in words: its comparison with its parent, then per tag how it was
    learned in plain words ("herps: like 'amphibian' and 'turtle'", "monkeys: from your
    examples")."""
    if info is None:
        return ""
    origin = f"from {info.parent}, " if info.parent else ""
    when = (info.created_at or "built in")[:16].replace("T", " ")
    name = f"{info.version}{' (active)' if info.active else ''}"
    # Of one whose record cannot be read only its name is known (not "built in").
    lines = [name if info.unread else f"{name}: {origin}{when}"]
    if info.damaged:
        lines.append(damaged_text(info))
    if info.not_worse is False and info.parent:
        # Trained, found worse, and perhaps never applied: before making it active, say so.
        lines.append(f"Worse than {info.parent} on the photos it was tested on when it was trained")
    if info.never_active:
        lines.append(NEVER_ACTIVE)
    if info.metrics_summary:
        # Each clause of the summary a line, begun with a capital as the others are: "learned
        # hats" read as a fragment under "Worse than v1 …".
        lines += [_capital(part) for part in info.metrics_summary.split("; ") if part]
    if info.learned:
        lines.append(learned(info))
    if info.unknown:
        lines.append(unknown_words(info.unknown))
    return "\n".join(lines)


def unknown_words(tags: Sequence[str]) -> str:
    """The taught tags a version has not learned, and what making it active does to them: after
    a roll back to v3, the "kitchen things" v4 learned was on the photos answered yes alone, and
    v3's details named only the tags it knows (walk62)."""
    names = listed([f"“{shown_name(tag)}”" for tag in tags])
    which = "that tag" if len(tags) == 1 else "these tags"
    return (
        f"Not learned by this version: {names}. Made active, it puts {which} on no photo but "
        "those you said yes to"
    )


def damaged_text(info: VersionInfo) -> str:
    """Why a listed version cannot be used (its weights file empty, cut short, another file),
    and what to do, in the app's terms."""
    if info.active:
        what = "Select another version and click Make Active"
    else:
        what = (
            f"It cannot be made active: put its files back from a backup, or click Discard "
            f"to delete {info.version}"
        )
    return f"Damaged, cannot be used: {info.damaged}. {what}"


def learned(info: VersionInfo) -> str:
    """How the version learned each tag, a line a tag under a heading ("" when it says not)."""
    if not info.learned:
        return ""
    # Tags learned the same way share a line: "the default tagger as it was: a correction
    # needs 5 yes and 5 no answers" was said again under every tag short of answers.
    by_words: dict[str, list[str]] = {}
    for tag, how in info.learned.items():
        by_words.setdefault(curly_quotes(how_in_words(how)), []).append(shown_name(tag))
    tags = [f"• {', '.join(names)}: {words}" for words, names in by_words.items()]
    # The kinds of photo a tag holds under its cut (core/kept_off.py), a line a tag: a photo of
    # one never gets the tag, and nothing said why.
    tags += [
        f"• {shown_name(tag)}: {kept}"
        for tag, how in info.learned.items()
        if (kept := kept_off_words(how))
    ]
    return "\n".join(["How your tags were learned:", *tags])


def _capital(line: str) -> str:
    """`line` begun with a capital letter (a tag's name inside it left as it is)."""
    return line[:1].upper() + line[1:]
