"""Saying "no" to any tag on any photo: learning needs negatives, also for tags the model never
suggested ("this is not a monkey" on a photo nobody called a monkey)."""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QInputDialog

from phototagger.gui.window_parts import Decider


def reject_highlighted_or_ask(window: Decider) -> None:
    """R: reject the highlighted tag; with none highlighted, ask which tag to reject."""
    if not window.details.tags.decide_highlighted("reject"):
        ask_tag_to_reject(window)


def ask_tag_to_reject(window: Decider) -> QInputDialog | None:
    """A small dialog offering every known tag (any name may be typed); on OK the tag is
    rejected on the chosen photos, as one undoable step. Opened without blocking."""
    ids = window.chosen_photo_ids()
    if not ids:
        return None
    dialog = QInputDialog(window.window())
    dialog.setObjectName("reject-tag")
    dialog.setWindowTitle("Reject a Tag")
    many = len(ids) > 1
    dialog.setLabelText(
        f"Which tag do these {len(ids):,} photos not have?"
        if many
        else "Which tag does this photo not have?"
    )
    dialog.setComboBoxEditable(True)
    dialog.setComboBoxItems(list(window.overview.all_tag_names))
    dialog.setTextValue("")
    # Checked once the dialog has closed: the check may ask a question (a modal dialog with its
    # own event loop), and that loop could delete this dialog, queued below, while Qt is still
    # inside its done() (a use-after-free that corrupted the heap in the test run).
    host = window.window()
    dialog.textValueSelected.connect(
        lambda name: QTimer.singleShot(0, host, lambda: _reject(window, ids, name))
    )
    dialog.finished.connect(dialog.deleteLater)
    dialog.open()
    return dialog


def _reject(window: Decider, ids: list[int], name: str) -> None:
    # A new name that looks like an existing tag ('animals', 'monkys') is asked about, as the
    # add field does: rejected as typed, the "no" would teach a tag nobody meant.
    checked = window.details.check_new_tag(name.strip()) if name.strip() else None
    if checked is not None:
        window.decide(ids, checked, "reject")
