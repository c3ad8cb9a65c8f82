"""Saying "no" to any tag on any photo: learning needs negatives, also for tags the model never
suggested ("this is not a monkey" on a photo nobody called a monkey); and "yes" from the viewer,
where the details panel's add field is out of sight."""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QInputDialog, QWidget

from phototagger.gui.window_parts import Decider


def reject_highlighted_or_ask(window: Decider) -> None:
    """R: reject the highlighted tag; with none highlighted, ask which tag to reject."""
    if not window.details.tags.decide_highlighted("reject"):
        ask_tag_to_reject(window)


def ask_tag_to_reject(window: Decider) -> QInputDialog | None:
    """A small dialog offering every known tag (any name may be typed); on OK the tag is
    rejected on the chosen photos, as one undoable step. Opened without blocking."""
    return _ask_tag(window, "reject", window.window())


def ask_tag_to_add(window: Decider, parent: QWidget) -> QInputDialog | None:
    """The same to add a tag, over `parent`: T in the viewer, which covers the details panel
    and its add field (T there focused a field nobody could see)."""
    return _ask_tag(window, "add", parent)


def _ask_tag(window: Decider, action: str, parent: QWidget) -> QInputDialog | None:
    ids = window.chosen_photo_ids()
    if not ids:
        return None
    dialog = QInputDialog(parent)
    dialog.setObjectName(f"{action}-tag")
    dialog.setWindowTitle("Reject a Tag" if action == "reject" else "Add a Tag")
    verb = "not have" if action == "reject" else "have"
    dialog.setLabelText(
        f"Which tag do these {len(ids):,} photos {verb}?"
        if len(ids) > 1
        else f"Which tag does this photo {verb}?"
    )
    dialog.setComboBoxEditable(True)
    dialog.setComboBoxItems(list(window.overview.all_tag_names))
    dialog.setTextValue("")
    # Checked once the dialog has closed: the check may ask a question (a modal dialog with its
    # own event loop), and that loop could delete this dialog, queued below, while Qt is still
    # inside its done() (a use-after-free that corrupted the heap in the test run).
    host = window.window()
    dialog.textValueSelected.connect(
        lambda name: QTimer.singleShot(0, host, lambda: _decide(window, ids, name, action))
    )
    dialog.finished.connect(dialog.deleteLater)
    dialog.open()
    return dialog


def _decide(window: Decider, ids: list[int], name: str, action: str) -> None:
    # A new name that looks like an existing tag ('animals', 'monkys') is asked about, as the
    # add field does: rejected as typed, the "no" would teach a tag nobody meant.
    checked = window.details.check_new_tag(name.strip()) if name.strip() else None
    if checked is not None:
        window.decide(ids, checked, action)
