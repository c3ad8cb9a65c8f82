"""The questions that ask for a tag by name (Add a Tag, Reject a Tag, Merge into which tag…): a
box to type the name in, offering the library's tags."""

from __future__ import annotations

from PySide6.QtCore import Qt
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
