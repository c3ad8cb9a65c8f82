"""The questions that ask for a tag by name (Add a Tag, Reject a Tag, Merge into which tag…): a
box to type the name in, offering the library's tags."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QComboBox, QInputDialog

from phototagger.gui.loose_completer import LooseCompleter, with_loose_keys

# The box's width, in characters: a long tag name ('cookie dough movie night') whole.
NAME_CHARS = 32


def offer_tags(dialog: QInputDialog, names: list[str]) -> None:
    """Offer `names` in `dialog`'s box, which keeps a width of its own. Qt sized the box, and so
    the question, to the longest name, and a keyword read from a file can be a sentence of 300
    characters: the question 1,900 px wide, its OK and Cancel off the screen. A name wider than
    the box is cut with … in its list, and read whole in its tooltip. Typed names complete as
    the search box's do: without case or accents, anywhere in the name."""
    dialog.setComboBoxEditable(True)
    dialog.setComboBoxItems(names)
    box = dialog.findChild(QComboBox)
    if box is None:
        return
    box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    box.setMinimumContentsLength(NAME_CHARS)
    for row, name in enumerate(names):
        if len(name) > NAME_CHARS:
            box.setItemData(row, name, Qt.ItemDataRole.ToolTipRole)
    with_loose_keys(box.model())
    box.setCompleter(LooseCompleter(box, box.model()))
    # Enter in the completion list (a tag the library has, typed or chosen there) only closed
    # the list: Qt's completer hands the key to the box, which keeps it, and the question
    # waited for a second Enter. It answers now, as Enter does in the details panel's add
    # field.
    enter_in_list(box, dialog.accept)


def enter_in_list(box: QComboBox, then: Callable[[], object]) -> None:
    """Enter in `box`'s completion list also does `then` (the name read once the completer has
    put it in the box), as Enter in the box does: Qt's completer keeps the key from the box's
    owner."""
    completer = box.completer()
    popup = completer.popup() if completer is not None else None
    if popup is not None:
        popup.installEventFilter(_EnterInList(box, then))


class _EnterInList(QObject):
    def __init__(self, parent: QObject, then: Callable[[], object]) -> None:
        super().__init__(parent)
        self._then = then
        self._pending = False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if (
            # Qt's completer takes Enter as it overrides shortcuts, before the key is pressed.
            event.type() in (QEvent.Type.ShortcutOverride, QEvent.Type.KeyPress)
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            and not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
            and not self._pending
        ):
            self._pending = True
            QTimer.singleShot(0, self, self._do)
        return False

    def _do(self) -> None:
        self._pending = False
        self._then()
