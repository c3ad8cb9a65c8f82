"""The sidebar: the library's smart views, its folders, and its tags with their photo counts.

Clicking a tag shows its photos; Ctrl-clicking more combines them as the mode box says (all of
them, any of them, or photos without them). The search box takes tag names with completion:
'cat, dog' (both), 'cat | dog' (either), '-dog' (without). A tag stands for itself and the tags
under it in the tag tree ('animals' for 'animals/dog' too), as in digiKam and Lightroom. A word
that is no tag finds the photos whose file name contains it ('VID', '-IMG_'), as digiKam's and
Lightroom's quick search find names too.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from PySide6.QtCore import (
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSignalBlocker,
    Qt,
    Signal,
)
from PySide6.QtGui import (
    QCursor,
    QKeyEvent,
    QMouseEvent,
    QPaintEvent,
    QPalette,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QGridLayout,
    QLabel,
    QLineEdit,
    QStyle,
    QStyleOptionComboBox,
    QStylePainter,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from phototagger.core.queries import (
    GridFilter,
    LibraryOverview,
    parse_search,
    search_problem,
    search_text,
    with_commas,
)
from phototagger.core.tag_admin import (
    GROUP_MARK,
    ending_with,
    leaf_meant,
    loose_key,
    name_key,
    renamed,
    shown_name,
)
from phototagger.gui.escape_field import EscapeField, is_plain
from phototagger.gui.file_marks import FileMarks
from phototagger.gui.loose_completer import LooseCompleter
from phototagger.gui.quotes import curly_quotes, quoted
from phototagger.gui.sidebar_trees import TAG_ORDERS, all_items, fill_folders, fill_tags
from phototagger.gui.sure_box import SureBox

_KIND = Qt.ItemDataRole.UserRole + 1
_VALUE = Qt.ItemDataRole.UserRole + 2
_SECTION = Qt.ItemDataRole.UserRole + 4  # a heading's name: 'library', 'folders', 'tags'
MODES = {
    "all_of": "Photos with all of them",
    "any_of": "Photos with any of them",
    "none_of": "Photos without them",
}


# What the box shows of its choice, after "Tags:": the list gives it whole. "Photos with all of
# them" was clipped in a 1,024 px window's sidebar to "Photos with all of the", its 'm' half cut
# to read "then".
SHORT = {"all_of": "all of them", "any_of": "any of them", "none_of": "none of them"}


class ModeBox(QComboBox):
    """The sidebar's choice of how selected tags combine: short in the box, cut with '…' where
    even that does not fit, whole in its list."""

    def shown_text(self) -> str:
        """The words the box shows in its field now."""
        option = QStyleOptionComboBox()
        self.initStyleOption(option)
        field = self.style().subControlRect(
            QStyle.ComplexControl.CC_ComboBox, option, QStyle.SubControl.SC_ComboBoxEditField, self
        )
        text = SHORT.get(self.currentData(), self.currentText())
        return self.fontMetrics().elidedText(text, Qt.TextElideMode.ElideRight, field.width())

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QStylePainter(self)
        option = QStyleOptionComboBox()
        self.initStyleOption(option)
        painter.drawComplexControl(QStyle.ComplexControl.CC_ComboBox, option)
        option.currentText = self.shown_text()
        painter.drawControl(QStyle.ControlElement.CE_ComboBoxLabel, option)


class SidebarTree(QTreeWidget):
    """The sidebar's tree. A right press does not select the row under it (Qt's views do): the
    selection filters the grid, and a right-click opens a menu for that row
    (LibraryTools._sidebar_menu), which keeps the user's view as digiKam and Lightroom do.
    Enter or Esc says `left`: the window gives the keys back to the grid (the arrow keys chose
    the tag or folder, the grid filtered at once; without it A, R and N stayed here)."""

    left = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if is_plain(event, Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Escape):
            event.accept()
            self.left.emit()
            return
        super().keyPressEvent(event)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.RightButton:
            event.accept()  # the context menu comes in an event of its own
            return
        super().mousePressEvent(event)

    def moveCursor(  # noqa: N802 - Qt's name
        self, action: QAbstractItemView.CursorAction, modifiers: Qt.KeyboardModifier
    ) -> QModelIndex:
        """Up, Down, Home, End, Page Up and Page Down pass over the headings (LIBRARY, FOLDERS,
        TAGS): the arrows stopped on each, which cannot be chosen, so a key press seemed to do
        nothing and the grid stayed as it was. A closed heading is stopped on, where Right (or
        +) opens it; Left on a heading's first row still goes up to it, to close it."""
        index = super().moveCursor(action, modifiers)
        down = _DOWNWARDS.get(action)
        if down is None:
            return index
        while index.isValid() and self._passed_over(index):
            index = self.indexBelow(index) if down else self.indexAbove(index)
        return index if index.isValid() else self.currentIndex()

    def _passed_over(self, index: QModelIndex) -> bool:
        """A heading that stands over rows the keys can reach (open), or over none."""
        if self.model().flags(index) & Qt.ItemFlag.ItemIsSelectable:
            return False
        return self.isExpanded(index) or not self.model().hasChildren(index)


# The moves that pass over headings, and which way they go on past one.
_DOWNWARDS = {
    QAbstractItemView.CursorAction.MoveDown: True,
    QAbstractItemView.CursorAction.MovePageDown: True,
    QAbstractItemView.CursorAction.MoveHome: True,
    QAbstractItemView.CursorAction.MoveUp: False,
    QAbstractItemView.CursorAction.MovePageUp: False,
    QAbstractItemView.CursorAction.MoveEnd: False,
}


class TagCompleter(LooseCompleter):
    """Completes the tag being typed after the last ',' or '|', keeping the ones before it."""

    def splitPath(self, path: str) -> list[str]:  # noqa: N802 - Qt's name
        return super().splitPath(last_words(path))

    def pathFromIndex(self, index: QModelIndex | QPersistentModelIndex) -> str:  # noqa: N802
        widget = self.widget()
        text = widget.text() if isinstance(widget, QLineEdit) else ""
        return with_last_tag(text, super().pathFromIndex(index))


def last_words(text: str) -> str:
    """The tag being typed: the words after the last ',' or '|', without a leading '-' or '!'."""
    last = max(text.rfind(","), text.rfind("|"))
    return text[last + 1 :].strip().lstrip("-!").strip()


def with_last_tag(text: str, name: str) -> str:
    """`text` with the tag being typed replaced by `name` (the tags before it, and a '-' or '!'
    before it, kept)."""
    last = max(text.rfind(","), text.rfind("|"))
    head, tail = text[: last + 1], text[last + 1 :].lstrip()
    sign = tail[:1] if tail[:1] in ("-", "!") else ""
    return f"{head}{' ' if head else ''}{sign}{name}"


def tag_or_name(text: str, tag: str, word: str) -> str | None:
    """`text`, its last words `word` searched both as `tag` and in the photos' file names, as
    the search box writes it: "VID" -> "video | VID", "cat | VID" -> "cat | video | VID",
    "-VID" -> "-video, -VID". None where the box cannot write it: "holidays, VID" (holidays
    and either) takes the tag alone."""
    completed = with_last_tag(text, tag)
    last = text[max(text.rfind(","), text.rfind("|")) + 1 :].lstrip()
    sign = last[:1] if last[:1] in ("-", "!") else ""
    if sign:
        return None if "|" in text else f"{completed}, {sign}{word}"
    if "|" in text or "," not in text:
        return f"{completed} | {word}"
    return None


# What a first start's sidebar shows whole side by side, whatever the font: at 13 points the
# 240 px it was given cut "musical instrument" to "musica…rument" beside "12,345".
WIDEST_NAME = "musical instrument"  # the built-in vocabulary's longest name (models/)
WIDEST_COUNT = "100,000"


class Sidebar(QWidget):
    filter_changed = Signal(object)  # GridFilter
    search_refused = Signal(str)  # why the search box's text cannot be searched
    search_cleared = Signal(str)  # Esc cleared the words the grid showed the photos of
    search_entered = Signal()  # Enter searched the box's words (its filter emitted before)
    # The user opened or closed a heading, folder or tag group (a refill's own are not said).
    branches_changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("sidebar")
        # Esc: the words cleared, as a search field's Esc does (Apple Photos', macOS's), then
        # back to the grid (LibraryTools gives it the keys).
        self.search = EscapeField()
        self.search.escaped.connect(self._search_escaped)
        self.search.setPlaceholderText("Search tags or file names: cat, dog  ·  -bird  ·  VID")
        self.search.setClearButtonEnabled(True)
        self.search.setToolTip(
            "Tags separated by commas (all of them), “|” (any of them);\n"
            "“-tag” leaves photos with that tag out (not inside “|”). A tag includes the\n"
            "tags under it: “animals” finds “animals/dog” too. A word that is no tag finds\n"
            "the photos whose file name contains it: “VID”, “IMG_2024”. Enter to search."
        )
        self.completer = TagCompleter(self.search)
        self.search.setCompleter(self.completer)
        self.search.returnPressed.connect(self._search)
        self._quiet = False  # the search box's words are being set, not typed or cleared
        # Asks the reader thread which of some words a file name contains, then calls back
        # (GridController.ask_names_found); None: Enter takes the tag offered alone.
        self.ask_names_found: (
            Callable[[tuple[str, ...], Callable[[frozenset[str]], None]], None] | None
        ) = None
        self.search.textChanged.connect(self._maybe_cleared)
        self.mode = ModeBox()
        for key, label in MODES.items():
            self.mode.addItem(label, key)
        # As wide as the sidebar is, not as its longest choice: a small window's sidebar
        # narrows (gui/dock_shares.py), the choice shown cut at its end, whole in the list.
        self.mode.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.mode.setMinimumContentsLength(8)
        self.mode.setToolTip("How several selected tags combine (Ctrl-click to select more)")
        self.mode.currentIndexChanged.connect(lambda _: self._selection_changed())
        self.tree = SidebarTree()
        self.tree.setHeaderHidden(True)
        self.tree.setColumnCount(2)
        self.tree.setRootIsDecorated(False)
        self.tree.setIndentation(10)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.tree.setUniformRowHeights(True)
        # Long names cut in the middle: keywords read from files often start alike.
        self.tree.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        self.tree.itemSelectionChanged.connect(self._selection_changed)
        self.tree.itemExpanded.connect(lambda _: self.branches_changed.emit())
        self.tree.itemCollapsed.connect(lambda _: self.branches_changed.emit())
        self._views = self._section("Library")
        self._all = self._item(self._views, "All photos", "all", None)
        self._untagged = self._item(self._views, "Untagged", "untagged", None)
        self._review = self._item(self._views, "Needs review", "review", None)
        self._review.setToolTip(
            0,
            "Photos with suggestions you have not decided on that the "
            "model was unsure of (confidence under 0.6)",
        )
        self._folders = self._section("Folders")
        self._tags = self._section("Tags")
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, header.ResizeMode.Stretch)
        header.setSectionResizeMode(1, header.ResizeMode.ResizeToContents)
        # How sure the tagger must be of the tags chosen (or searched for): kept while other
        # tags are chosen, greyed where no tag is, as a filter bar keeps its choices.
        self.sure = SureBox()
        self.sure.chosen.connect(lambda _: self._refilter())
        self.sure_label = QLabel("Sure:")
        self.sure_label.setToolTip(self.sure.toolTip())
        choices = QGridLayout()
        choices.addWidget(QLabel("Tags:"), 0, 0)
        choices.addWidget(self.mode, 0, 1)
        choices.addWidget(self.sure_label, 1, 0)
        choices.addWidget(self.sure, 1, 1)
        # What the files say (digiKam's, Lightroom's stars, colour labels and picks): they
        # narrow every view but Find Similar's, tags chosen or not; Show All Photos clears them.
        self.marks = FileMarks(self)
        self.marks.chosen.connect(self._refilter)
        names = ("Rating:", "Label:", "Pick:")
        for row, (words, box) in enumerate(zip(names, self.marks.boxes, strict=True)):
            named = QLabel(words)
            named.setToolTip(box.toolTip())
            choices.addWidget(named, 2 + row, 0)
            choices.addWidget(box, 2 + row, 1)
        choices.setColumnStretch(1, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.search)
        layout.addLayout(choices)
        layout.addWidget(self.tree, 1)
        self._counts: dict[str, int] = {}
        self._names: dict[str, str] = {}  # name_key -> every tag and tag group, as spelled
        self._loose: dict[str, list[str]] = {}  # loose_key -> the same, without case or accents
        self._all.setSelected(True)
        self._sure_enabled(GridFilter())
        self.tag_order = "name"
        self._overview: LibraryOverview | None = None
        self._sort_waits = False  # rows kept in place under the pointer; sorted when it leaves
        self.tree.viewport().installEventFilter(self)
        # Headings, folders and tag groups open or closed as a refill leaves them (headings,
        # roots and groups open, deeper folders closed), and those last time's window left
        # otherwise (until the first refill has applied them).
        self._branch_defaults: dict[tuple[str, str], bool] = {}
        self._branches_from_last_time: dict[tuple[str, str], bool] = {}

    def _section(self, title: str) -> QTreeWidgetItem:
        item = QTreeWidgetItem(self.tree, [title.upper()])
        item.setData(0, _SECTION, title.casefold())
        font = item.font(0)
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 0.85)
        item.setFont(0, font)
        item.setFlags(Qt.ItemFlag.ItemIsEnabled)
        item.setExpanded(True)
        return item

    def _item(
        self,
        parent: QTreeWidgetItem,
        label: str,
        kind: str,
        value: str | None,
        count: int | None = None,
    ) -> QTreeWidgetItem:
        item = QTreeWidgetItem(parent, [label, "" if count is None else f"{count:,}"])
        item.setData(0, _KIND, kind)
        item.setData(0, _VALUE, value)
        item.setTextAlignment(1, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return item

    # --- contents -------------------------------------------------------------------------

    @property
    def tags_section(self) -> QTreeWidgetItem:
        """The TAGS heading, over the tag tree."""
        return self._tags

    def set_tag_order(self, order: str) -> None:
        """List the tags by name or most used first ('name', 'count')."""
        self.tag_order = order if order in TAG_ORDERS else "name"
        if self._overview is not None:
            self.set_overview(self._overview)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Leave and self._sort_waits and self._overview:
            self.set_overview(self._overview)  # the pointer left: now the rows may move
        return super().eventFilter(watched, event)

    def _pointer_on_list(self) -> bool:
        viewport = self.tree.viewport()
        return viewport.isVisible() and viewport.rect().contains(
            viewport.mapFromGlobal(QCursor.pos())
        )

    def _listed_tags(self) -> list[str]:
        items = (self._tags.child(i) for i in range(self._tags.childCount()))
        return [str(item.data(0, _VALUE)) for item in items if item is not None]

    def set_overview(self, overview: LibraryOverview) -> None:
        """Refresh counts, folders and tags, keeping what is selected, which folders and tag
        groups the user opened or closed (the refill opens them as on the first start), the
        scroll position and the selected tag in view. Listed most used first, the tags keep
        their rows while the pointer is on the list (new counts move them once it leaves), so
        a click never lands on a tag that moved under it."""
        self._overview = overview
        keep = self._listed_tags() if self.tag_order == "count" and self._pointer_on_list() else []
        self._sort_waits = bool(keep)
        scrolled = self.tree.verticalScrollBar().value()
        selected = {(i.data(0, _KIND), i.data(0, _VALUE)) for i in self.tree.selectedItems()}
        # Last time's states win on the first refill (the headings are open then, as built).
        expanded = {**self._branch_states(), **self._branches_from_last_time}
        self._branches_from_last_time = {}
        with QSignalBlocker(self.tree):
            self._all.setText(1, f"{overview.photos:,}")
            self._untagged.setText(1, f"{overview.untagged:,}")
            self._review.setText(1, f"{overview.to_review:,}")
            not_found = (
                self.tree.palette().color(QPalette.ColorRole.PlaceholderText),
                self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning),
            )
            self.marks.set_labels(overview.labels)
            fill_folders(self._folders, overview.folder_tree, self._item, not_found)
            fill_tags(
                self._tags, overview.tags, self._item, overview.tag_totals, self.tag_order, keep
            )
            # As a first start leaves them: the refill's, and the headings open (never refilled).
            self._branch_defaults = {
                key: state or key[0] == "section" for key, state in self._branch_states().items()
            }
            for item in all_items(self.tree.invisibleRootItem()):
                key = (item.data(0, _KIND), item.data(0, _VALUE))
                if key in selected:
                    item.setSelected(True)
                branch = _branch_key(item)
                if branch in expanded and item.childCount():
                    item.setExpanded(expanded[branch])
        self.tree.verticalScrollBar().setValue(scrolled)
        chosen = [i for i in self.tree.selectedItems() if i.data(0, _KIND) == "tag"]
        if chosen:
            self.tree.scrollToItem(chosen[0])  # moves only when it is out of view
        # The counts shown: a tag with tags below it counts their photos too.
        # Keyed as the database tells names apart ('Äpfel' and 'äpfel' are two tags).
        self._counts = {name_key(name): n for name, n in overview.tags}
        self._counts.update((name_key(name), n) for name, n in overview.tag_totals.items())
        # As the user reads them: 'AC/DC' (a slash inside a keyword) finds the keyword.
        self.completer.set_names([shown_name(n) for n in overview.all_tag_names])
        self._names = {name_key(n): n for n in [*overview.tag_totals, *overview.all_tag_names]}
        self._loose = {}
        for n in self._names.values():
            self._loose.setdefault(loose_key(n), []).append(n)

    def _branch_states(self) -> dict[tuple[str, str], bool]:
        """Every heading, folder and tag group with something below it: open or not."""
        return {
            key: i.isExpanded()
            for i in all_items(self.tree.invisibleRootItem())
            if (key := _branch_key(i)) is not None and i.childCount()
        }

    def changed_branches(self) -> list[tuple[str, str, bool]]:
        """The headings, folders and tag groups the user opened or closed, as (kind, name,
        open): ('section', 'tags', False), ('folder', path, True), ('tag', name, False); for the
        next start to show them so (restore_branches)."""
        return [
            (kind, value, state)
            for (kind, value), state in self._branch_states().items()
            if self._branch_defaults.get((kind, value), state) != state
        ]

    def restore_branches(self, branches: list[tuple[str, str, bool]]) -> None:
        """Open or close these folders and tag groups when the library's are next listed (those
        it no longer has are left out)."""
        self._branches_from_last_time = {(k, v): s for k, v, s in branches}

    def tag_count(self, name: str) -> int | None:
        """The count shown beside the tag (None: not in the sidebar)."""
        return self._counts.get(name_key(name))

    def select_tags(self, names: list[str]) -> None:
        """Select these tags in the list (as Ctrl-clicking them would)."""
        wanted = {name_key(n) for n in names}
        with QSignalBlocker(self.tree):
            self.tree.clearSelection()
            for item in all_items(self._tags):
                if item.data(0, _KIND) == "tag" and name_key(str(item.data(0, _VALUE))) in wanted:
                    item.setSelected(True)
        self._selection_changed()

    def follow_tag_change(self, old: str, new: str | None) -> None:
        """`old` (and the tags below it) was renamed or merged into `new` (None: deleted). A
        selected tag stays selected under its new name (the next overview files it there) or,
        deleted, is no longer selected: All photos when nothing is left. The caller sets the
        grid's filter."""
        with QSignalBlocker(self.tree):
            for item in all_items(self._tags):
                if item.data(0, _KIND) != "tag" or not item.isSelected():
                    continue
                value = str(item.data(0, _VALUE))
                now = renamed(value, old, new)
                if now is None:
                    item.setSelected(False)
                elif now != value:
                    item.setData(0, _VALUE, now)
            if not self.tree.selectedItems() and not self.search.text():
                self._all.setSelected(True)

    def show_everything(self) -> None:
        """All photos: the items chosen, the search and the files' rating, label and pick
        cleared."""
        self.marks.clear()
        with QSignalBlocker(self.tree):
            self.tree.clearSelection()
            self._all.setSelected(True)
        self.search.clear()
        self._selection_changed()

    def set_mode(self, mode: str) -> None:
        self.mode.setCurrentIndex(list(MODES).index(mode))

    @property
    def searching(self) -> bool:
        """The grid shows the search box's words (a search clears the items chosen)."""
        return bool(self.search.text().strip()) and not self.tree.selectedItems()

    def first_width(self) -> int:
        """The width the sidebar needs for WIDEST_NAME and WIDEST_COUNT whole in a tag's row
        at its font (its indentation, the cells' margins, a scroll bar, the tree's frame and
        the sidebar's margins besides)."""
        tree = self.tree
        style = tree.style()
        metrics = tree.fontMetrics()
        cell_margins = 4 * (style.pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin) + 1)
        row = (
            tree.indentation()
            + metrics.horizontalAdvance(WIDEST_NAME)
            + metrics.horizontalAdvance(WIDEST_COUNT)
            + cell_margins
        )
        bar = style.pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent, None, tree)
        layout = self.layout()
        margins = layout.contentsMargins() if layout is not None else None
        sides = margins.left() + margins.right() if margins is not None else 0
        chrome = bar + 2 * tree.frameWidth() + sides
        return row + chrome

    def known_tag(self, name: str) -> str | None:
        """The tag (or tag group) as the library spells it now; None when it has none."""
        return self._names.get(name_key(name))

    def spelt_otherwise(self, name: str) -> list[str]:
        """The tags (or groups) `name` may mean, spelt with other capitals or accents ('Été à
        Nice' for "été à nice"), as the library spells them; none for a tag it has. Else a
        level below the top that ends so ('Places/Greece' for "Greece": Lightroom's
        Places|Greece|Crete, whose dc:subject lists 'Greece' on its own)."""
        if self.known_tag(name) is not None:
            return []
        spelt = sorted(self._loose.get(loose_key(name), []))
        return spelt or ending_with(name, self._names.values())

    def name_meant(self, name: str) -> str | None:
        """The tag a searched `name` that names none means: the one tag (or level) it is the
        last level of ('People (keywords)/Anna' for "Anna", as digiKam's and Lightroom's people
        are read); None for a tag's own name (a tag called 'Anna' wins), a name spelt otherwise
        (the header asks), or the last level of several tags (the header lists them)."""
        if self.known_tag(name) is not None or self._loose.get(loose_key(name)):
            return None
        return leaf_meant(name, self._names.values())

    def searched(self, text: str) -> GridFilter:
        """The filter the search box's `text` means, a person's name taken as their tag, and a
        word that means no tag searched for in the photos' file names ("VID", "IMG_20")."""
        if not text:
            return GridFilter()
        return parse_search(text).meaning(self.name_meant).names_apart(self.means_a_tag)

    def means_a_tag(self, word: str) -> bool:
        """A searched word is taken for a tag, not part of a file name: a tag's (or group's)
        name, or one the header then asks about: a tag's other spelling ("été à nice" for 'Été
        à Nice'), a level below the top ("Greece"), tags apart by spaces ("cats -dogs")."""
        return bool(
            self.known_tag(word) is not None
            or self.spelt_otherwise(word)
            or with_commas(word, self.known_tag)
            or ("/" in word and self._read_as(word))
        )

    def _read_as(self, word: str) -> bool:
        """A tag reads `word` once a slash inside a keyword is shown as '/' and a group's mark
        is left off ("AC/DC" for 'AC∕DC', "People/Anna" for 'People (keywords)/Anna'), as the
        search finds it (store/tags.py): no file name's word, though no tag is spelt so."""
        key = name_key(word)
        return any(
            name_key(shown_name(n).replace(f"{GROUP_MARK}/", "/")) == key
            for n in self._names.values()
        )

    def has_folder(self, path: str) -> bool:
        return any(
            i.data(0, _KIND) == "folder" and i.data(0, _VALUE) == path
            for i in all_items(self._folders)
        )

    def show_filter(self, grid_filter: GridFilter, search: bool, mode: str) -> None:
        """Show `grid_filter` as the sidebar's own choice (the view a restart brings back): the
        search box's words for a search, else the items and the mode that make it; items not
        listed yet are chosen by the next call. Emits nothing: the caller sets the grid's
        filter."""
        with QSignalBlocker(self.tree), QSignalBlocker(self.mode):
            self.tree.clearSelection()
            self._set_search_quietly(search_text(grid_filter) if search else "")
            if grid_filter.sure is not None or grid_filter.takes_sure:
                self.sure.set_value(grid_filter.sure)
            self._sure_enabled(grid_filter)
            self.marks.set_values(grid_filter.rating, grid_filter.label, grid_filter.pick)
            if search:
                return
            self.mode.setCurrentIndex(list(MODES).index(mode) if mode in MODES else 0)
            wanted: set[tuple[str, str | None]] = {
                ("tag", name_key(n)) for n in grid_filter.tag_names
            }
            if grid_filter.folder:
                wanted.add(("folder", grid_filter.folder))
            if grid_filter.special:
                wanted.add((grid_filter.special, None))
            for item in all_items(self.tree.invisibleRootItem()):
                kind, value = item.data(0, _KIND), item.data(0, _VALUE)
                if (kind, name_key(str(value)) if kind == "tag" else value) in wanted:
                    item.setSelected(True)
            if grid_filter.is_everything:
                self._all.setSelected(True)

    # --- filtering ------------------------------------------------------------------------

    def _search(self) -> None:
        typed = self.search.text().strip()
        tag = self._offered_tag(typed)
        if tag is None:
            self._search_words(typed)
            return
        completed, word = with_last_tag(typed, tag), last_words(typed)
        both = tag_or_name(typed, tag, word)
        if both is None or self.ask_names_found is None:
            self._set_search_quietly(completed)
            self._search_words(completed)
            return

        # "VID", a tag "video" offered for it: the clips VID_0001.mp4 are found too where some
        # file name contains the word (the tag alone, as "kitchen th" is, where none does).
        # The reader thread knows the names; words typed on meanwhile are not overridden.
        def answered(found: frozenset[str]) -> None:
            if self.search.text().strip() == typed:
                text = both if word in found else completed
                self._set_search_quietly(text)
                self._search_words(text)

        self.ask_names_found((word,), answered)

    def _search_words(self, text: str) -> None:
        problem = search_problem(text)
        if problem is not None:  # '-dog | cat' showed the cats: it looked for a tag '-dog'
            # In the app's quotes, as its other sentences ("Cannot search '-dog | cat'" read
            # under a header that said “cat”).
            self.search_refused.emit(f"Cannot search {quoted(text)}: {curly_quotes(problem)}")
            return  # the grid keeps its filter, the text stays to be corrected
        with QSignalBlocker(self.tree):
            self.tree.clearSelection()
        self._emit(self.searched(text))
        self.search_entered.emit()

    def _offered_tag(self, text: str) -> str | None:
        """The tag the completion offers for `text`'s last words when they name no tag and a
        tag's name starts with them (without case or accents): "kitchen th", with 'kitchen
        things' offered under it, was searched as typed and found nothing. None for words that
        only appear inside a name, or name a tag spelt with other capitals or accents ("été à
        nice" for 'Été à Nice': the header names it): they are searched as typed. A row of the
        completion chosen (arrow keys, a click) has put the tag's own name in the box."""
        typed = last_words(text)
        key = loose_key(typed)
        if not key or self.known_tag(typed) is not None or self.spelt_otherwise(typed):
            return None
        # "cre" for 'Places/Greece/Crete': a tag's last level starting so counts as its name.
        offered = [
            n
            for n in self.completer.offered()
            if loose_key(n).startswith(key) or loose_key(n.rsplit("/", 1)[-1]).startswith(key)
        ]
        return offered[0] if offered else None

    def _search_escaped(self) -> None:
        """Esc in the search box: its words cleared. The grid shows all photos again where it
        showed what they found (said: `search_cleared`), else what the sidebar has chosen, which
        words typed and not searched had not changed."""
        words = self.search.text().strip()
        searched = self.searching
        self.search.clear()  # as its clear button: _maybe_cleared sets the filter
        if searched:
            self.search_cleared.emit(words)

    def _maybe_cleared(self, text: str) -> None:
        if not text and not self._quiet:
            if not self.tree.selectedItems():  # a search had cleared it: all photos again
                with QSignalBlocker(self.tree):
                    self._all.setSelected(True)
            self._selection_changed()

    def _selection_changed(self) -> None:
        items = self.tree.selectedItems()
        kinds = [(i.data(0, _KIND), i.data(0, _VALUE)) for i in items]
        tags = tuple(str(v) for k, v in kinds if k == "tag")
        folder = next((str(v) for k, v in kinds if k == "folder"), None)
        special = next((k for k, _ in kinds if k in ("untagged", "review")), None)
        mode = self.mode.currentData()
        if special is not None:
            chosen = GridFilter(special=special)
        elif mode == "any_of":
            chosen = GridFilter(any_of=tags, folder=folder)
        elif mode == "none_of":
            chosen = GridFilter(none_of=tags, folder=folder)
        else:
            chosen = GridFilter(all_of=tags, folder=folder)
        if items and self.search.text():
            self._set_search_quietly("")
        self._emit(chosen)

    def _refilter(self) -> None:
        """The grid's filter again, with the range of how sure the tagger is, or the files'
        rating, label or pick, just chosen."""
        if self.searching:
            self._emit(self.searched(self.search.text().strip()))
        else:
            self._selection_changed()

    def _emit(self, chosen: GridFilter) -> None:
        """Say the filter chosen, with how sure the tagger must be where it names tags to have
        (the range is kept for the next such filter where it names none)."""
        if chosen.takes_sure and self.sure.value() is not None:
            chosen = replace(chosen, sure=self.sure.value())
        rating, label, pick = self.marks.values()
        chosen = replace(chosen, rating=rating, label=label, pick=pick)
        self._sure_enabled(chosen)
        self.filter_changed.emit(chosen)

    def _sure_enabled(self, grid_filter: GridFilter) -> None:
        """The range of how sure applies only to a filter naming tags to have."""
        applies = grid_filter.takes_sure
        self.sure.setEnabled(applies)
        self.sure_label.setEnabled(applies)

    def clear_search_quietly(self) -> None:
        """An empty search box, searching nothing: the caller sets the grid's filter."""
        self._set_search_quietly("")

    def _set_search_quietly(self, text: str) -> None:
        """New words in the search box that search nothing by themselves. Its signals are not
        blocked: QLineEdit shows and hides its clear button on them, and a blocked clear() left
        the button in an empty box."""
        self._quiet = True
        try:
            self.search.setText(text)
        finally:
            self._quiet = False


def _branch_key(item: QTreeWidgetItem) -> tuple[str, str] | None:
    """('section', 'folders'), ('folder', path) or ('tag', name); None for an item that opens
    nothing (All photos, Untagged)."""
    section = item.data(0, _SECTION)
    if section is not None:
        return "section", str(section)
    kind, value = item.data(0, _KIND), item.data(0, _VALUE)
    return None if kind not in ("folder", "tag") or value is None else (str(kind), str(value))
