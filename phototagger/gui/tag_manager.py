"""Tags ▸ Manage Tags: the tag tree as the sidebar shows it, each level with its photo count, to
rename, merge or delete, a group with no tag of its own ('pets' of 'pets/fish') included; tags
whose names look like each other ('monkey' and 'monkeys') are pointed out, ready to merge."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence, QShowEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
)

from phototagger.core.tag_admin import TagNode, renamed, similar_names, tag_order, tag_tree
from phototagger.gui.muted import mute
from phototagger.gui.sidebar_trees import all_items, tag_tip
from phototagger.gui.window_parts import TagActions, TagCountsHost
from phototagger.gui.window_state import read_sort, save_sort

_NAME = Qt.ItemDataRole.UserRole + 1
# The column the tags are sorted by and which way, as the user last clicked a header: kept in
# the window's settings (tag-manager/sort-column, tag-manager/sort-order), across restarts.
SORT_KEY = "tag-manager"


class _Row(QTreeWidgetItem):
    """A level of the tree, sorted as the sidebar sorts names (case and accents aside, 'animal'
    beside 'Animals', not after every capital) and by its number in the Photos column. Rows
    alike in the column sorted on (the same count, no lookalike) are in name order whichever
    way it sorts, as a file manager keeps them: Qt's sort keeps them as they were shown, so
    after the Tag column the other way, Photos listed each count's tags Z to A."""

    def __lt__(self, other: QTreeWidgetItem) -> bool:
        tree = self.treeWidget()
        column = tree.sortColumn() if tree is not None else 0
        mine, theirs = _sort_key(self, column), _sort_key(other, column)
        if mine != theirs:
            return mine < theirs
        # Sorted the other way, Qt asks whether `other` < `self`: the names answer it reversed.
        down = tree is not None and tree.header().sortIndicatorOrder() == _DOWN
        names = tag_order(self.text(0)), tag_order(other.text(0))
        return names[1] < names[0] if down else names[0] < names[1]


_DOWN = Qt.SortOrder.DescendingOrder


def _sort_key(item: QTreeWidgetItem, column: int) -> tuple[int, tuple[str, str, str]]:
    if column == 1:
        return _number(item.text(1)), ("", "", "")
    return 0, tag_order(item.text(column))


# The tag column's width, at most, is half the window's, and never less than this.
NAME_COLUMN_MIN = 220


def _open_above(item: QTreeWidgetItem) -> bool:
    parent = item.parent()
    while parent is not None:
        if not parent.isExpanded():
            return False
        parent = parent.parent()
    return True


def _number(text: str) -> int:
    digits = text.replace(",", "").strip()
    return int(digits) if digits.isdigit() else 0


class TagManager(QDialog):
    def __init__(self, window: TagCountsHost, tools: TagActions) -> None:
        super().__init__(window.window())
        self.setWindowTitle("Manage Tags")
        self._window = window
        self._tools = tools
        self.tree = QTreeWidget()
        self.tree.setHeaderLabels(["Tag", "Photos", "Looks like"])
        self.tree.setRootIsDecorated(True)
        self.tree.setSortingEnabled(True)
        # Every reload sorted it by Tag, A to Z: a header the user clicked did not last.
        self._sort = read_sort(window.settings, SORT_KEY, 0, 0, self.tree.columnCount() - 1)
        self.tree.header().sortIndicatorChanged.connect(self._sorted_by)
        self.tree.itemSelectionChanged.connect(self._selection_changed)
        self.rename_button = QPushButton("Rename… (F2)")
        self.merge_button = QPushButton("Merge Into…")
        self.delete_button = QPushButton("Delete…")
        self.rename_button.clicked.connect(lambda: self._act(tools.ask_rename))
        self.merge_button.clicked.connect(self._merge)
        self.delete_button.clicked.connect(lambda: self._act(tools.ask_delete))
        # F2, as its button says (the main window's F2 renames the sidebar's tag, not this one),
        # and Delete, as it deletes the sidebar's tag: both did nothing here.
        for key, button in (
            (Qt.Key.Key_F2, self.rename_button),
            (Qt.Key.Key_Delete, self.delete_button),
        ):
            action = QAction(self)
            action.setShortcut(QKeySequence(key))
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            action.triggered.connect(button.click)
            self.addAction(action)
        row = QHBoxLayout()
        for button in (self.rename_button, self.merge_button, self.delete_button):
            row.addWidget(button)
        row.addStretch(1)
        hint = QLabel(
            "A name with '/' files the tag under a group in the sidebar "
            "(animals/dog); '\\/' is a slash inside a name (AC\\/DC, one tag); renaming or "
            "merging a tag moves the tags under it along (pets/fish into animals/fish), and "
            "deleting it deletes them too (you are asked). "
            "Renames and merges keep your decisions and what the model learned about the tag. "
            "Ctrl+Z undoes a rename; a merge or a delete cannot be undone."
        )
        hint.setWordWrap(True)
        mute(hint)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tree, 1)
        layout.addLayout(row)
        layout.addWidget(hint)
        layout.addWidget(buttons)
        self.resize(560, 520)
        # The counts come with the window's overview, read again after every change.
        window.stats.settled.connect(self.reload)
        self._follow: str | None = None  # the selected tag's name after a rename or merge
        self.reload()

    def reload(self) -> None:
        """The tag tree as the sidebar shows it (core.tag_admin.tag_tree, with the same counts:
        a level with tags below it counts the photos of its branch, each once), the user's
        selection and closed groups kept."""
        selected = self._follow or self.selected()
        followed, self._follow = self._follow is not None, None
        before = self._shown_rows()
        current = self.tree.currentItem()
        place = before.index(current) if current in before else 0
        scrolled = self.tree.verticalScrollBar().value()
        closed = {str(item.data(0, _NAME)) for item in self._items() if item.childCount()} - {
            str(item.data(0, _NAME)) for item in self._items() if item.isExpanded()
        }
        overview = self._window.overview
        names = [n for n, _ in overview.tags]
        self.tree.setSortingEnabled(False)
        self.tree.clear()
        root = self.tree.invisibleRootItem()
        for node in tag_tree(overview.tags, overview.tag_totals):
            self._add(root, node, names)
        chosen = None
        for item in self._items():
            name = str(item.data(0, _NAME))
            item.setExpanded(name not in closed)
            if name == selected:
                chosen = item
        self.tree.setSortingEnabled(True)
        self.tree.sortItems(*self._sort)
        rows = self._shown_rows()
        if chosen is None and rows:
            # Opened with no tag chosen (none in the sidebar), F2 and Delete did nothing until
            # an arrow key chose the first row; a deleted tag left none either. The first row,
            # or the one in the deleted tag's place, is chosen: the keys act on it.
            chosen = rows[min(place, len(rows) - 1)]
        self.tree.resizeColumnToContents(0)
        # As wide as its names, up to half the window: a keyword read from a file can be a
        # sentence (307 characters among ImageNet's sample photos), and the column was as
        # wide, the counts and lookalikes out of sight. A longer name is cut with …, and read
        # whole in its tooltip.
        widest = max(self.width() // 2, NAME_COLUMN_MIN)
        if self.tree.columnWidth(0) > widest:
            self.tree.setColumnWidth(0, widest)
        # Current as well as selected: the keys go on from it (cleared, they started again from
        # the top). A renamed or merged tag may have moved: it is shown where it is now;
        # otherwise the list stays where the user had scrolled it.
        if chosen is not None:
            self.tree.setCurrentItem(chosen)
        if followed and chosen is not None:
            self.tree.scrollToItem(chosen)
        else:
            self.tree.verticalScrollBar().setValue(scrolled)
        self._selection_changed()

    def _sorted_by(self, column: int, order: Qt.SortOrder) -> None:
        """A header clicked: the tags stay sorted so, reload after reload, start after start."""
        self._sort = column, order
        save_sort(self._window.settings, SORT_KEY, column, order)

    def _add(self, parent: QTreeWidgetItem, node: TagNode, names: list[str]) -> None:
        look = []
        if node.count is not None:  # a group with no tag of its own looks like nothing
            look = similar_names(node.name, [n for n in names if n != node.name])
        item = _Row(parent, [node.label, f"{node.shown:>8,}", ", ".join(look)])
        item.setData(0, _NAME, node.name)
        item.setTextAlignment(1, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        item.setToolTip(0, tag_tip(node) or node.name)
        if look:
            item.setToolTip(2, ", ".join(look))  # cut with … where the names are long
        if node.count is None:
            # A group: renamed, merged and deleted with its branch like a tag, but no photo
            # has it alone, as the sidebar's tooltip says.
            font = item.font(0)
            font.setItalic(True)
            item.setFont(0, font)
        for child in node.children:
            self._add(item, child, names)

    def _items(self) -> list[QTreeWidgetItem]:
        return all_items(self.tree.invisibleRootItem())

    def _shown_rows(self) -> list[QTreeWidgetItem]:
        """The rows in view or scrolled to, in the order shown: none inside a closed group."""
        return [item for item in self._items() if _open_above(item)]

    def names(self) -> list[str]:
        """The full name of every level listed, depth first in the order shown."""
        return [str(item.data(0, _NAME)) for item in self._items()]

    def selected(self) -> str | None:
        items = self.tree.selectedItems()
        return str(items[0].data(0, _NAME)) if items else None

    def select(self, name: str) -> None:
        """`name` selected, current (the keys go on from it: they started from the first row,
        and Down chose the second tag) and in view."""
        for item in self._items():
            chosen = item.data(0, _NAME) == name
            item.setSelected(chosen)
            if chosen:
                self.tree.setCurrentItem(item)
                self.tree.scrollToItem(item)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        # Chosen before the dialog was laid out (the sidebar's tag), the row was scrolled to
        # in a list of no size yet, and opened out of sight: scrolled to again once shown.
        QTimer.singleShot(0, self, self._current_in_view)

    def _current_in_view(self) -> None:
        current = self.tree.currentItem()
        if current is not None and current.isSelected():
            self.tree.scrollToItem(current)

    def follow_tag_change(self, old: str, new: str | None) -> None:
        """The selected tag was renamed or merged (or one above it): keep it selected under its
        new name once the list is read again; it lost its selection."""
        chosen = self.selected()
        if chosen is not None:
            self._follow = renamed(chosen, old, new)

    def _selection_changed(self) -> None:
        chosen = self.selected() is not None
        for button in (self.rename_button, self.merge_button, self.delete_button):
            button.setEnabled(chosen)

    def _act(self, action: object) -> None:
        name = self.selected()
        if name is not None and callable(action):
            action(name)

    def _merge(self) -> None:
        name = self.selected()
        if name is None:
            return
        items = self.tree.selectedItems()
        look = items[0].text(2) if items else ""
        self._tools.ask_merge(name, look.split(", ")[0] if look else "", self)
