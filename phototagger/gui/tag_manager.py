"""Tags ▸ Manage Tags: every tag with its photo count, to rename, merge or delete; tags whose
names look like each other ('monkey' and 'monkeys') are pointed out, ready to merge."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
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

from phototagger.core.tag_admin import similar_names
from phototagger.gui.window_parts import TagActions, TagCountsHost

_NAME = Qt.ItemDataRole.UserRole + 1


class TagManager(QDialog):
    def __init__(self, window: TagCountsHost, tools: TagActions) -> None:
        super().__init__(window.window())
        self.setWindowTitle("Manage Tags")
        self._window = window
        self._tools = tools
        self.tree = QTreeWidget()
        self.tree.setHeaderLabels(["Tag", "Photos", "Looks like"])
        self.tree.setRootIsDecorated(False)
        self.tree.setSortingEnabled(True)
        self.tree.itemSelectionChanged.connect(self._selection_changed)
        self.rename_button = QPushButton("Rename… (F2)")
        self.merge_button = QPushButton("Merge Into…")
        self.delete_button = QPushButton("Delete…")
        self.rename_button.clicked.connect(lambda: self._act(tools.ask_rename))
        # F2, as its button says (the main window's F2 renames the sidebar's tag, not this one).
        rename_key = QAction(self)
        rename_key.setShortcut(QKeySequence(Qt.Key.Key_F2))
        rename_key.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        rename_key.triggered.connect(self.rename_button.click)
        self.addAction(rename_key)
        self.merge_button.clicked.connect(self._merge)
        self.delete_button.clicked.connect(lambda: self._act(tools.ask_delete))
        row = QHBoxLayout()
        for button in (self.rename_button, self.merge_button, self.delete_button):
            row.addWidget(button)
        row.addStretch(1)
        hint = QLabel(
            "A name with '/' files the tag under a group in the sidebar "
            "(animals/dog). Renames and merges keep your decisions and what the model "
            "learned about the tag."
        )
        hint.setWordWrap(True)
        hint.setEnabled(False)
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
        self.reload()

    def reload(self) -> None:
        selected = self.selected()
        counts = self._window.overview.tags
        names = [n for n, _ in counts]
        self.tree.setSortingEnabled(False)
        self.tree.clear()
        for name, count in counts:
            others = [n for n in names if n != name]
            look = similar_names(name, others)
            item = QTreeWidgetItem(self.tree, [name, f"{count:>8,}", ", ".join(look)])
            item.setData(0, _NAME, name)
            item.setTextAlignment(1, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            if name == selected:
                item.setSelected(True)
        self.tree.setSortingEnabled(True)
        self.tree.sortItems(0, Qt.SortOrder.AscendingOrder)
        self.tree.resizeColumnToContents(0)
        self._selection_changed()

    def selected(self) -> str | None:
        items = self.tree.selectedItems()
        return str(items[0].data(0, _NAME)) if items else None

    def select(self, name: str) -> None:
        for i in range(self.tree.topLevelItemCount()):
            item = self.tree.topLevelItem(i)
            if item is not None:
                item.setSelected(item.data(0, _NAME) == name)

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
        suggestion = look.split(", ")[0] if look else ""
        target = self._tools.ask_text(
            self,
            "Merge Tag",
            f"Merge “{name}” into which tag? Its photos get that tag "
            "instead, with your decisions kept.",
            suggestion,
        )
        if target is not None:
            self._tools.merge_into(name, target)
