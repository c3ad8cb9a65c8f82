"""The details panel: the current photo larger, its facts, and its tags to accept, reject or add;
with several photos selected, the tags across all of them, to add to or remove from them all."""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Callable, Mapping

import sqlite_utils
from PySide6.QtCore import QPoint, QRectF, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QImage, QPainter, QPen, QPixmap, QResizeEvent
from PySide6.QtWidgets import (
    QLabel,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from phototagger.core.catalog import GIVEN_STATES, problem_of, tag_order
from phototagger.core.duplicate_carry import carried_from
from phototagger.core.face_marks import face_marks, tags_named_here
from phototagger.core.media import media_info
from phototagger.core.metadata.catalog import file_texts_of, named_on_faces, rejected_in_files
from phototagger.core.names import os_path, readable
from phototagger.core.photos_view import (
    Photo,
    PhotoTag,
    get_photo,
    library_is_empty,
    photos_by_ids,
    tags_of_photo,
    tags_of_photos,
)
from phototagger.core.queries import REVIEW_BELOW
from phototagger.core.states import PhotoStatus, TagState
from phototagger.core.tag_admin import shown_name
from phototagger.core.wording import WAITING, counted
from phototagger.gui.elided_label import ElidedLabel, PartsLabel
from phototagger.gui.escape_field import EscapeField
from phototagger.gui.face_colours import NAMED_COLOUR
from phototagger.gui.file_facts import file_facts_text, file_texts, shared_texts
from phototagger.gui.file_gone import SMALL_COPY
from phototagger.gui.loose_completer import LooseCompleter
from phototagger.gui.muted import mute
from phototagger.gui.pictures import PictureLoader
from phototagger.gui.reader import LibraryReader
from phototagger.gui.tag_list import TagEntry, TagList, wrappable
from phototagger.gui.thumbnails import ThumbnailCache

PREVIEW_SIDE = 720
STATE_WORDS = {
    TagState.ADDED: "you added it",
    TagState.ACCEPTED: "you accepted it",
    TagState.REJECTED: "you rejected it",
    TagState.FILE: "from the file's keywords",
}
# A tag only a face region of the file gives: a name digiKam or Lightroom put on a face.
ON_A_FACE = "named on a face in the file"
# A tag a face the user named in the viewer (B) gives: "you added it" read as typed in the
# tag field (walk60), where `tags` and the viewer's bar say "named by you".
NAMED_BY_YOU = "you named a face"


def _row_order(entry: TagEntry) -> tuple[object, ...]:
    return tag_order(entry.state, entry.confidence, entry.name)


def _by_count(kv: tuple[str, int]) -> tuple[int, str, str]:
    return -kv[1], kv[0].casefold(), kv[0]


def photo_entries(
    tags: list[PhotoTag],
    tagged_by: str | None = None,
    scored: frozenset[str] | None = None,
    carried: Mapping[str, str] | None = None,
    kept_in_file: frozenset[str] = frozenset(),
    on_faces: frozenset[str] = frozenset(),
    named_here: frozenset[str] = frozenset(),
) -> list[TagEntry]:
    """One photo's rows, in a stable order (the user's own tags, then by the model's confidence:
    catalog.tag_order, as the grid's caption), so that deciding on a tag never moves the rows
    under the user's keys. `tagged_by`: the version
    that last tagged the photo. A switch rewrites only the tags the new version scores
    differently (core/model/changed_tags.py); an unchanged row keeps the version that wrote it,
    with exactly the confidence the new one gives, so it reads as the new version's suggestion.
    `scored`: the tags `tagged_by` scores (casefolded; None if not known): a decided row with
    another version's score of a tag `tagged_by` lacks shows no figure.
    `carried`: tag name -> where a decision Find Duplicates carried onto the photo came from
    (core/duplicate_carry.carried_from). `kept_in_file`: rejected tags the photo's files still
    carry as their own keywords, which digiKam and Lightroom go on showing. `on_faces`: the
    tags only the files' face regions give (core/metadata/catalog.named_on_faces).
    `named_here`: the tags faces the user named in the viewer give (face_marks.tags_named_here)."""
    entries = []
    for tag in tags:
        confidence = tag.confidence
        if tag.state is None:
            source = f"suggested by model {tagged_by or tag.model_version or ''}".rstrip()
        else:
            source = STATE_WORDS.get(tag.state, tag.state)
            if tag.state == TagState.FILE and tag.name in on_faces:
                source = ON_A_FACE
            elif tag.state in (TagState.ADDED, TagState.ACCEPTED) and tag.name in named_here:
                source = NAMED_BY_YOU
            if tag.model_version not in (None, tagged_by) and (
                scored is None or tag.name.casefold() not in scored
            ):
                # Another version's score of a tag the photo's version has no output for (a
                # library switched before switches dropped such scores): not shown as its own.
                confidence = None
            if confidence is not None:
                source += f" · model {confidence:.0%}"
        entries.append(
            TagEntry(
                name=tag.name,
                # The tags the user gave (catalog.GIVEN_STATES) have no big figure: the
                # model's score of one is no suggestion ('beach 0%' read as one), so it is said
                # on the source line, small ('from the file's keywords · model 0%').
                confidence=None if tag.state in GIVEN_STATES else confidence,
                state=tag.state,
                source=source,
                can_accept=tag.state in (None, TagState.REJECTED),
                can_reject=tag.state != TagState.REJECTED,
                # The ✕ of a tag the user said yes to (added, or accepted: typed where the
                # model suggests it, or ticked) takes the yes back (labels' "clear"): the
                # model's suggestion stays where it makes one, as `label --remove` leaves it.
                # R still says no (TagList.decide_highlighted), as issue 8 asks of it.
                reject_action="clear"
                if tag.state in (TagState.ADDED, TagState.ACCEPTED)
                else "reject",
                origin=_origin(tag, carried or {}, kept_in_file, on_faces),
            )
        )
    # The user's own tags (no figure) by name as the sidebar lists them, not by code point
    # ('Zebra' above 'animals/cat'), then by the figure shown.
    return sorted(entries, key=_row_order)


def _origin(
    tag: PhotoTag,
    carried: Mapping[str, str],
    kept_in_file: frozenset[str],
    on_faces: frozenset[str] = frozenset(),
) -> str:
    """The line under a decided tag's source: where Find Duplicates carried it from, and for a
    rejected tag its file still carries, that it does (on a line of its own, read whole)."""
    if tag.state is None:
        return ""
    lines = [carried.get(tag.name, "")]
    if tag.state == TagState.REJECTED and tag.name in kept_in_file:
        lines.append("still in the file's keywords: remove it in digiKam or Lightroom")
    elif tag.state == TagState.REJECTED and tag.name in on_faces:
        lines.append("still named on a face in the file: remove the name in digiKam or Lightroom")
    return " · ".join(line for line in lines if line)


def _first_unsure(entries: list[TagEntry]) -> int:
    """The first row Needs review is about: a suggestion not decided on whose confidence is
    under REVIEW_BELOW (the user's own tags first, then the model's by confidence: its surest
    come first among them, catalog.tag_order); else the model's first row
    (_first_of_the_model)."""
    return next(
        (
            i
            for i, e in enumerate(entries)
            if e.state is None and e.confidence is not None and e.confidence < REVIEW_BELOW
        ),
        _first_of_the_model(entries),
    )


def _first_of_the_model(entries: list[TagEntry]) -> int:
    """Where a photo's keys start: its first row after the tags the user gave (listed first,
    catalog.tag_order), the model's surest, which A and R are for; else 0. Starting on the
    user's own keyword, A did nothing and R said no to the user's own tag."""
    return next((i for i, e in enumerate(entries) if e.state not in GIVEN_STATES), 0)


def selection_entries(tags: dict[int, list[PhotoTag]]) -> list[TagEntry]:
    """Tags across several photos: how many have each, with add-to-all and remove-from-all;
    then the tags the user said some of them lack, struck through, so a "no" said on a
    selection can be seen (and taken back) like one said on a photo."""
    having = Counter(t.name for rows in tags.values() for t in rows if t.present)
    rejected = Counter(t.name for rows in tags.values() for t in rows if not t.present)
    # Suggestions nobody decided on: accepting the tag on all of them confirms these.
    suggested = {t.name for rows in tags.values() for t in rows if t.state is None}
    total = len(tags)
    entries = [
        TagEntry(
            name=name,
            confidence=count / total,
            state=None,
            # How many is the row's figure ("2/4"); the line says it in words.
            source=("on all of them" if count == total else "on some of them")
            + (f" · {rejected[name]:,} rejected" if rejected[name] else ""),
            can_accept=count < total or name in suggested,
            can_reject=True,
            reject_action="remove",
            share=(count, total),
        )
        for name, count in sorted(having.items(), key=_by_count)
    ]
    entries += [
        TagEntry(
            name=name,
            confidence=None,
            state=TagState.REJECTED,
            source=f"rejected on {count:,} of {total:,}",
            can_accept=True,
            can_reject=count < total,
            reject_action="reject",
            share=(count, total),
        )
        for name, count in sorted(rejected.items(), key=_by_count)
        if name not in having
    ]
    return entries


class NameLabel(QLabel):
    """A file's name on as many lines as it needs. A label breaks lines at spaces only, so a
    long name without one ('IMG_…_très_long_nom_….JPG') made the whole panel as wide as the
    name, its buttons out of sight; this one may break after _ - . / and within a long run of
    letters. text() is the name itself."""

    def __init__(self) -> None:
        super().__init__()
        self._name = ""

    def setText(self, text: str) -> None:  # noqa: N802 - Qt's name
        self._name = text
        super().setText(wrappable(text))

    def text(self) -> str:
        return self._name


class DetailsPanel(QWidget):
    decided = Signal(list, str, str)  # photo ids, tag, action
    # Enter in the add field added a tag, or Esc gave up (the field is emptied): the keyboard
    # goes back to the grid.
    tag_added = Signal()
    # The photos shown, the name of the highlighted tag ("" for none) and its state (the user's
    # answer, "" for a suggestion): what A and R act on, which the viewer shows, as it covers
    # this panel.
    highlight_moved = Signal(list, str, str)

    def __init__(
        self,
        db: sqlite_utils.Database,
        reader: LibraryReader,
        thumbnails: ThumbnailCache,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("details")
        self._db = db
        self._reader = reader
        self._thumbnails = thumbnails
        # The shown photo's named faces (box as fractions of the photo as shown, name), drawn
        # on its picture (face_marks: the files' regions and the names given here).
        self.named_faces: list[tuple[tuple[float, float, float, float], str]] = []
        self._ids: list[int] = []
        self._shown: tuple[list[int], int | None] | None = None
        self._keep_place = False  # the next rows are the same photos' again (refresh)
        # The rows seen, waiting to be put back where they were (_set_entries), and which
        # put-back is the latest: another's, or other photos', makes an earlier one stale.
        self._pending_place: list[tuple[TagEntry | None, int]] | None = None
        self._place_turn = 0
        self._photo: Photo | None = None
        # Of several photos shown, how many were waiting to be tagged when last read.
        self._many_waiting = 0
        self._picture = QImage()
        # The library's small copy is shown: the photo's file was not there when it was read.
        self._small_copy = False
        self.preview = QLabel()
        self._loader = PictureLoader(self)
        self._loader.loaded.connect(self._picture_loaded)
        self._loader.failed.connect(self._picture_failed)
        self.preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.preview.setMinimumHeight(120)
        self.preview.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        self.preview.setWordWrap(True)
        # Under the library's thumbnail of a photo whose file is gone: what it is.
        self.preview_note = QLabel()
        self.preview_note.setWordWrap(True)
        self.preview_note.setAlignment(Qt.AlignmentFlag.AlignCenter)
        mute(self.preview_note)
        self.preview_note.hide()
        self.title = NameLabel()
        self.title.setWordWrap(True)
        font = self.title.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.15)
        self.title.setFont(font)
        # The title and caption the photo's files hold (digiKam's, Lightroom's): one line each,
        # cut with '…' (whole in the tooltip), hidden where there is none.
        self.file_title = ElidedLabel("")
        self.file_caption = ElidedLabel("")
        for line in (self.file_title, self.file_caption):
            line.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            line.hide()
        mute(self.file_caption)
        self.facts = QLabel()
        self.facts.setWordWrap(True)
        self.facts.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        mute(self.facts)
        self.facts.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # selectable; the keys stay the grid's
        # R rejects the highlighted tag; "not monkeys" on a photo without that tag is Shift+R.
        # A narrow dock (a small window's) leaves out J/K's words, then Shift+R's, then R's,
        # rather than scrolling the panel sideways.
        self.key_hint = PartsLabel(
            [
                ("A accept", 0),
                ("R reject", 1),
                ("Shift+R reject any tag", 2),
                ("J/K next/previous tag", 3),
            ]
        )
        mute(self.key_hint)
        self.tags = TagList()
        self.tags.decided.connect(lambda tag, action: self.decided.emit(self._ids, tag, action))
        self.tags.highlight_changed.connect(self.announce_highlight)
        self.add_field = EscapeField()
        self.add_field.setPlaceholderText("Add a tag… (T)")
        self.add_field.setToolTip(
            "Type a tag (new names are fine) and press Enter; with several "
            "photos selected it is added to all of them.\n'group/name' files it under a "
            "group; '\\/' is a slash inside a name (AC\\/DC, one tag)"
        )
        self.add_field.setClearButtonEnabled(True)
        self.completer = LooseCompleter(self.add_field)
        self.add_field.setCompleter(self.completer)
        self.add_field.returnPressed.connect(self._add)
        self.add_field.escaped.connect(self._add_cancelled)
        # Asked before a new tag is added: the name to use (a near-duplicate may be swapped for
        # the existing tag), or None to add nothing. gui/tag_manager.py sets the real check.
        self.check_new_tag: Callable[[str], str | None] = lambda name: name
        # The tags a version scores (core.model.listing.scored_tags); the main window sets it.
        self.scored_tags: Callable[[str], frozenset[str] | None] = lambda _version: None
        # "92 % similar to coffee.jpg" while the grid is ranked by likeness (the main window
        # sets it from the grid's model); "" otherwise.
        self.likeness: Callable[[int], str] = lambda _photo_id: ""
        self._likeness_shown = ""
        # Needs review is shown: a photo's keys start at the suggestion it is there for.
        self._unsure_first = False
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.setContentsMargins(10, 10, 10, 10)
        layout.addWidget(self.preview)
        layout.addWidget(self.preview_note)
        layout.addWidget(self.title)
        layout.addWidget(self.file_title)
        layout.addWidget(self.file_caption)
        layout.addWidget(self.facts)
        layout.addSpacing(6)
        self.tags_heading = _heading("Tags")
        layout.addWidget(self.tags_heading)
        layout.addWidget(self.key_hint)
        layout.addWidget(self.tags)
        layout.addWidget(self.add_field)
        layout.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(body)
        self._scroll = scroll
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)
        self.show_photos([], None)

    def sizeHint(self) -> QSize:
        return QSize(320, 600)

    def focus_add_field(self) -> None:
        """Give the tag field the keys, scrolled into view below a long list of tags."""
        self.add_field.setFocus()
        self._scroll.ensureWidgetVisible(self.add_field, 0, 10)

    @property
    def photo_ids(self) -> list[int]:
        return self._ids

    def announce_highlight(self) -> None:
        entry = self.tags.highlighted
        self.highlight_moved.emit(
            list(self._ids), entry.name if entry else "", (entry.state or "") if entry else ""
        )

    def set_tag_names(self, names: list[str]) -> None:
        self.completer.set_names([shown_name(n) for n in names])  # 'AC/DC', as typed

    def show_photos(self, photo_ids: list[int], current: int | None) -> None:
        """Show the current photo, or a summary when several are selected."""
        shown = (list(photo_ids), current)
        if shown == self._shown:
            return  # refresh() is how a change to the same photos is shown
        self._shown = shown
        self._keep_place = False  # other photos: their rows from the top
        self._pending_place = None
        self._place_turn += 1
        if len(photo_ids) <= 1:
            chosen = photo_ids[0] if photo_ids else current
            self._ids = [] if chosen is None else [chosen]
            self._show_one(None if chosen is None else get_photo(self._db, chosen))
        else:
            self._ids = list(photo_ids)
            self._show_many()

    def set_unsure_first(self, on: bool) -> None:
        """Needs review is shown (or no longer is): the keys start at the photo's unsure
        suggestion (or the model's first tag: _first_of_the_model), the photo shown already too."""
        if on != self._unsure_first:
            self._unsure_first = on
            if self._photo is not None and len(self._ids) == 1:
                self._fill_tags_one(start=True)

    def likeness_changed(self) -> None:
        """The grid was ranked by likeness to another photo, or no longer is: the one photo
        shown says how similar it is, or no longer does."""
        if self._photo is not None and len(self._ids) == 1:
            if self.likeness(self._photo.id) != self._likeness_shown:
                self._show_one(self._photo)

    def show_if_tagged(self) -> None:
        """The one photo shown was waiting to be tagged: shown again once a running scan has
        tagged it (or found it unreadable). Until then its rows stay as they are, so a click on
        a tag the user added to it meanwhile is never lost to a row made again under it.
        Several photos, some of them waiting: their summary is read again (the scan's refresh
        calls this, a few times a second at most), so it fills in as the batches land."""
        if len(self._ids) > 1 and self._many_waiting:
            self._read_many()
            return
        if len(self._ids) != 1 or self._photo is None:
            return
        if self._photo.status == PhotoStatus.PENDING:
            photo = get_photo(self._db, self._ids[0])
            if photo is None or photo.status != PhotoStatus.PENDING:
                self._show_one(photo)

    def refresh(self) -> None:
        """Read the shown photos and their tags again (after a change), the rows the user was
        looking at kept where they were."""
        self._keep_place = True
        if len(self._ids) == 1:
            self._show_one(get_photo(self._db, self._ids[0]))
        elif self._ids:
            self._show_many()

    def _set_entries(self, entries: list[TagEntry], empty: str) -> None:
        """The tag list's rows now; after a change to the same photos (refresh), the rows seen
        stay in place. A tag added to 140 photos goes first in the list (on all of them), one
        accepted on all of them from the middle too: every row moved down a row under the
        user, the add field they had typed in out of view. At the list's top it stays at the
        top, the new tag in view."""
        keep, self._keep_place = self._keep_place, False
        bar = self._scroll.verticalScrollBar()
        seen: list[tuple[TagEntry | None, int]] = []
        if keep:
            # Rows set again before the last ones were put back: where those were seen (the
            # rows now are not laid out yet).
            pending = self._pending_place
            seen = pending if pending is not None else self._seen_rows() if bar.value() else []
        self.tags.set_entries(entries, empty)
        if not seen:
            return
        # Put back once the new rows are laid out (the next turn of the event loop), nothing
        # painted in between: the list never shows in the wrong place.
        self._pending_place = seen
        self._place_turn += 1
        turn = self._place_turn
        self._scroll.viewport().setUpdatesEnabled(False)
        QTimer.singleShot(0, self, lambda: self._put_back(seen, turn))

    def _put_back(self, seen: list[tuple[TagEntry | None, int]], turn: int, tries: int = 0) -> None:
        """Scroll so that the first row of `seen` still there as it was is where it was. The
        scroll bar's range follows the new rows' layout a turn or two of the event loop after
        them: until it holds the place wanted, this is tried again (a few turns at most)."""
        if turn != self._place_turn:  # rows set again since, or other photos shown
            self._scroll.viewport().setUpdatesEnabled(True)
            return
        bar = self._scroll.verticalScrollBar()
        now = {row.entry: row for row in self.tags.rows}
        for entry, top in seen:
            row = now.get(entry) if entry is not None else self.add_field
            if row is not None:
                wanted = bar.value() + self._top(row) - top
                if wanted > bar.maximum() and tries < PLACE_TURNS:
                    QTimer.singleShot(0, self, lambda: self._put_back(seen, turn, tries + 1))
                    return
                bar.setValue(wanted)
                break
        self._pending_place = None
        self._scroll.viewport().setUpdatesEnabled(True)

    def _seen_rows(self) -> list[tuple[TagEntry | None, int]]:
        """The tag rows in view, then the add field (None), each with its top in the view."""
        height = self._scroll.viewport().height()
        rows: list[tuple[TagEntry | None, QWidget]] = [(r.entry, r) for r in self.tags.rows]
        rows.append((None, self.add_field))
        seen = []
        for entry, widget in rows:
            top = self._top(widget)
            if top + widget.height() > 0 and top < height and widget.isVisible():
                seen.append((entry, top))
        return seen

    def _top(self, widget: QWidget) -> int:
        return widget.mapTo(self._scroll.viewport(), QPoint(0, 0)).y()

    def _offer_tagging(self, on: bool) -> None:
        """The tags' heading and list, the key hint and the add field only while there are
        photos to act on: with none selected they offered what could not be done (the field
        looked ready to type in), and a "TAGS" heading stood over nothing."""
        self.tags_heading.setVisible(on)
        self.tags.setVisible(on)
        self.key_hint.setVisible(on)
        self.add_field.setVisible(on)
        self.add_field.setEnabled(on)

    # --- one photo ------------------------------------------------------------------------

    def _show_one(self, photo: Photo | None) -> None:
        changed = (
            photo is None
            or self._photo is None
            or photo.id != self._photo.id
            or photo.content_hash != self._photo.content_hash
        )
        # The same photo found elsewhere by a rescan: its picture is read from where it is now
        # (it may have failed where it was).
        moved = (
            not changed
            and photo is not None
            and self._photo is not None
            and photo.path != self._photo.path
        )
        # Its file back where it was (a drive plugged in again, then a rescan): the picture is
        # read again, in place of the small copy and the line saying the file is gone.
        back = (
            not (changed or moved)
            and photo is not None
            and self._small_copy
            and os.path.lexists(os_path(photo.path))
        )
        self._photo = photo
        self._offer_tagging(photo is not None)
        if changed or moved or back:
            self.preview_note.hide()
            self._small_copy = False
        self.preview.show()
        if photo is None:
            self.preview.setPixmap(QPixmap())
            self.preview.setText("No photo selected")
            self.title.setText("")
            self._show_texts("", "")
            self.facts.setText(
                "Add a folder (Ctrl+O) to start"
                if library_is_empty(self._db)
                else "Select a photo to see its tags"
            )
            self.tags.set_entries([], "")
            return
        self.title.setText(readable(photo.name))
        self._show_texts(*file_texts(self._db, photo.id))
        self._likeness_shown = self.likeness(photo.id)
        self.facts.setText(
            "\n".join(
                filter(
                    None,
                    [
                        self._likeness_shown,
                        _facts(self._db, photo),
                        file_facts_text(self._db, photo.id),
                    ],
                )
            )
        )
        self._fill_tags_one(start=changed)  # another photo: the keys start on the model's first tag
        # Its named faces, drawn on the picture as the viewer's B draws them: a name given or
        # taken off since (or undone) is redrawn.
        named = [(m.box, m.name) for m in face_marks(self._db, photo.id) if m.name]
        faces_changed = named != self.named_faces
        self.named_faces = named
        if changed or moved or back:
            thumb = self._thumbnails.image(photo.content_hash, photo.path)
            self._picture = thumb if thumb is not None else QImage()
            self._fit_preview()
            if photo.status in (PhotoStatus.TAGGED, PhotoStatus.PENDING):
                self._loader.load(photo.path, PREVIEW_SIDE)
        elif faces_changed:
            self._fit_preview()

    def _show_texts(self, title: str, caption: str) -> None:
        for line, text in ((self.file_title, title), (self.file_caption, caption)):
            line.setText(text)
            line.setVisible(bool(text))

    def _fill_tags_one(self, start: bool = False) -> None:
        if self._photo is None:
            return
        if self._photo.status == PhotoStatus.PENDING:
            # "Waiting to be tagged" is the line above already: here what comes, and what now.
            empty = "The model's tags come when the scan reaches it; add your own below"
        elif self._photo.status == PhotoStatus.PROBLEM:
            empty = "The model could not look at this file; add your own tags below"
        else:
            empty = "The model suggested no tags; add your own below"
        rows = tags_of_photo(self._db, self._photo.id)
        tagged_by = self._photo.model_version
        scored = self.scored_tags(tagged_by) if tagged_by else None
        carried = carried_from(self._db, self._photo.id)
        kept = rejected_in_files(self._db, self._photo.id)
        faces = named_on_faces(self._db, self._photo.id)
        named = tags_named_here(self._db, self._photo.id, rows)
        entries = photo_entries(rows, tagged_by, scored, carried, kept, faces, named)
        if start:
            first = _first_unsure(entries) if self._unsure_first else _first_of_the_model(entries)
            self.tags.start_at(first)
        self._set_entries(entries, empty)

    def _picture_loaded(self, path: str, image: QImage) -> None:
        if self._photo is not None and path == self._photo.path:
            self._picture = image
            self._fit_preview()

    def _picture_failed(self, path: str, reason: str) -> None:
        photo = self._photo
        stored = (
            self._thumbnails.stored(photo.content_hash)
            if photo is not None and path == photo.path and not os.path.lexists(os_path(path))
            else QImage()
        )
        if stored.isNull():
            self.preview.setText(reason)
            return
        # The file is gone (the grid lists it until a rescan): the library's thumbnail still
        # shows which photo it is, said under it, as the viewer shows it; it was only words.
        self._picture = stored
        self._fit_preview()
        self.preview_note.setText(SMALL_COPY)
        self.preview_note.show()
        self._small_copy = True

    def _fit_preview(self) -> None:
        if self._picture.isNull():
            self.preview.setPixmap(QPixmap())
            self.preview.setText("")
            self.preview.setFixedHeight(120)
            return
        width = max(80, self.preview.width())
        scaled = QPixmap.fromImage(self._picture).scaled(
            QSize(width, 280),
            Qt.AspectRatioMode.KeepAspectRatio,
            Qt.TransformationMode.SmoothTransformation,
        )
        self.preview.setFixedHeight(scaled.height())
        self.preview.setPixmap(_with_named_faces(scaled, self.named_faces))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if len(self._ids) == 1:
            self._fit_preview()

    # --- several photos -------------------------------------------------------------------

    def _show_many(self) -> None:
        self._photo = None
        self._picture = QImage()
        self.preview.setPixmap(QPixmap())
        self.preview_note.hide()
        # The count once, in bold at the top where a photo's name stands: a grey "272 photos
        # selected" in the picture's place over a bold "272 photos" said it twice.
        self.preview.hide()
        self.title.setText(f"{counted(len(self._ids), 'photo')} selected")
        self._show_texts("", "")
        self.facts.setText(_CHANGES_APPLY)
        self._offer_tagging(True)
        self._many_waiting = 0
        self._read_many()

    def _read_many(self) -> None:
        ids = list(self._ids)
        self._reader.submit(
            "selection-tags",
            lambda lib: (
                tags_of_photos(lib.db, ids),
                _waiting(lib.db, ids),
                file_texts_of(lib.db, ids),
            ),
            lambda found: self._many_loaded(ids, *found),
        )

    def _many_loaded(
        self,
        ids: list[int],
        tags: dict[int, list[PhotoTag]],
        waiting: int,
        texts: list[tuple[str | None, str | None]],
    ) -> None:
        if ids != self._ids:
            return
        # Their files' title and caption: the one all have, or that they differ (shared_texts).
        self._show_texts(*shared_texts(texts))
        self._many_waiting = waiting
        facts = _CHANGES_APPLY
        empty = "None of these photos has a tag"
        if waiting:
            facts += f"\n{waiting:,} of them {WAITING}"
            empty = "The model's tags come when the scan reaches them; add your own below"
        self.facts.setText(facts)
        self._set_entries(selection_entries(tags), empty)

    def _add(self) -> None:
        name = self.add_field.text().strip()
        if name and self._ids:
            checked = self.check_new_tag(name)
            if checked is None:
                # Cancelled (or refused): the name stays, selected, with the keys, so typing
                # replaces it and Esc leaves.
                self.focus_add_field()
                self.add_field.selectAll()
                return
            self.add_field.clear()
            self.decided.emit(self._ids, checked, "add")
            self.tag_added.emit()

    def _add_cancelled(self) -> None:
        self.add_field.clear()
        self.tag_added.emit()


_CHANGES_APPLY = "Changes apply to every selected photo"
PLACE_TURNS = 5  # turns of the event loop the panel waits for its new rows' layout


def _waiting(db: sqlite_utils.Database, ids: list[int]) -> int:
    return sum(p.status == PhotoStatus.PENDING for p in photos_by_ids(db, ids))


def _heading(text: str) -> QLabel:
    label = QLabel(text.upper())
    font = label.font()
    font.setBold(True)
    font.setPointSizeF(font.pointSizeF() * 0.85)
    label.setFont(font)
    return label


def _facts(db: sqlite_utils.Database, photo: Photo) -> str:
    lines = [readable(photo.folder) + os.sep]
    if photo.taken_at:
        lines.append("Taken " + photo.taken_at.replace("T", " at "))
    size = []
    if photo.width and photo.height:
        size.append(f"{photo.width:,} × {photo.height:,}")
    if photo.size:
        size.append(
            f"{photo.size / 1e6:.1f} MB"
            if photo.size >= 1e6
            else f"{max(1, round(photo.size / 1e3))} KB"
        )
    media = media_info(db, [photo.id]).get(photo.id)
    if media is not None and media.kind == "clip" and media.duration:
        seconds = round(media.duration)
        size.insert(0, f"clip, {seconds // 60}:{seconds % 60:02d}")
    if size:
        lines.append(" · ".join(size))
    if media is not None and media.companions:
        lines.append("With " + ", ".join(readable(name) for name in media.companions))
    if photo.status == PhotoStatus.PENDING:
        lines.append(WAITING.capitalize())
    elif photo.status == PhotoStatus.PROBLEM:
        reason = problem_of(db, photo.path)
        lines.append(
            f"This file could not be read: {reason}" if reason else "This file could not be read"
        )
    elif photo.status == PhotoStatus.TAGGED and (note := problem_of(db, photo.path)):
        lines.append(f"Problem: {note}")  # a JPEG cut short, tagged from the part there is
    return "\n".join(lines)


def _with_named_faces(
    picture: QPixmap, faces: list[tuple[tuple[float, float, float, float], str]]
) -> QPixmap:
    """`picture` with each named face outlined in the viewer's colour and its name on a dark
    band at the box's top-left corner (above it where there is room), as B draws them."""
    if not faces:
        return picture
    drawn = QPixmap(picture)
    painter = QPainter(drawn)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    font = painter.font()
    font.setBold(True)
    painter.setFont(font)
    metrics = painter.fontMetrics()
    width, height = drawn.width(), drawn.height()
    for (x, y, w, h), name in faces:
        box = QRectF(x * width, y * height, w * width, h * height)
        painter.setPen(QPen(NAMED_COLOUR, 2))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRect(box)
        band = QRectF(metrics.boundingRect(name)).adjusted(-3, -1, 3, 1)
        top = box.top() - band.height() - 1
        band.moveTo(box.left(), top if top >= 0 else box.top() + 2)
        painter.fillRect(band, QColor(0, 0, 0, 170))
        painter.setPen(QColor(255, 255, 255))
        painter.drawText(band, Qt.AlignmentFlag.AlignCenter, name)
    painter.end()
    return drawn
