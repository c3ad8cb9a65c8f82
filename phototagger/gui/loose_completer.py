"""Completion of tag names as a person types them: without case or accents ('ete' offers "Été à
Nice", as the sidebar sorts it among the E's), anywhere in the name ('pets' offers "my pets");
offered and written as the library spells the name. The search box, the add-a-tag field and the
Review tab's tag box complete alike (qa26: "ete" offered nothing in any of them)."""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QCompleter

from phototagger.core.tag_admin import loose_key

# Each name's loose form, which completion matches against (the model's own data role).
LOOSE_ROLE = Qt.ItemDataRole.UserRole + 5


class LooseCompleter(QCompleter):
    """Over `model` (its own list of names when None: set_names fills it); a model given must
    hold each name's loose_key under LOOSE_ROLE (with_loose_keys)."""

    def __init__(
        self, parent: QObject | None = None, model: QAbstractItemModel | None = None
    ) -> None:
        super().__init__(parent)
        self.names = QStandardItemModel(self)
        self.setModel(model if model is not None else self.names)
        self.setCompletionRole(LOOSE_ROLE)
        self.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.setFilterMode(Qt.MatchFlag.MatchContains)
        self.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)

    def set_names(self, names: list[str]) -> None:
        """The names offered, as the user reads them."""
        self.names.clear()
        for name in names:
            item = QStandardItem(name)
            item.setData(loose_key(name), LOOSE_ROLE)
            item.setEditable(False)
            self.names.appendRow(item)

    def offered(self) -> list[str]:
        """Every name offered, as shown."""
        model = self.model()
        return [str(model.index(row, 0).data()) for row in range(model.rowCount())]

    def splitPath(self, path: str) -> list[str]:  # noqa: N802 - Qt's name
        return [loose_key(path.strip())]

    def pathFromIndex(self, index: QModelIndex | QPersistentModelIndex) -> str:  # noqa: N802
        return str(index.data(Qt.ItemDataRole.DisplayRole) or "")


def with_loose_keys(model: QAbstractItemModel) -> None:
    """Each row of `model` (a combo box's) given its name's loose form, for a LooseCompleter."""
    for row in range(model.rowCount()):
        index = model.index(row, 0)
        model.setData(index, loose_key(str(index.data() or "")), LOOSE_ROLE)
