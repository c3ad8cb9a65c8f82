"""Saying "no" to any tag on any photo: learning needs negatives, also for tags the model never
suggested ("this is not a monkey" on a photo nobody called a monkey); and "yes" from the viewer,
where the details panel's add field is out of sight."""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QComboBox, QInputDialog, QWidget

from phototagger.gui.tag_choice import offer_tags
from phototagger.gui.window_parts import Decider


def reject_highlighted_or_ask(window: Decider) -> None:
    """R: reject the highlighted tag; with none highlighted, ask which tag to reject."""
    if not window.details.tags.decide_highlighted("reject"):
        ask_tag_to_reject(window)


def ask_tag_to_reject(window: Decider) -> QInputDialog | None:
    """A small dialog offering every known tag (any name may be typed); on OK the tag is
    rejected on the chosen photos, as one undoable step. Opened without blocking, over the
    viewer when the keys came from there (Shift+R, or R with no tag highlighted)."""
    return _ask_tag(window, "reject", viewer_in_front() or window.window())


def ask_tag_to_add(window: Decider, parent: QWidget) -> QInputDialog | None:
    """The same to add a tag, over `parent`: T in the viewer, which covers the details panel
    and its add field (T there focused a field nobody could see)."""
    return _ask_tag(window, "add", parent)


def keys_back_to(window: QWidget | None) -> None:
    """The window the keys came from made active again, once a question or dialog asked over it
    has closed: without it, where no window manager gives the keys back (and offscreen), no
    window of the app was active and N, A, R or T reached nothing until a click."""
    if window is not None and shiboken6.isValid(window) and window.isVisible():
        window.activateWindow()


def keys_window() -> QWidget | None:
    """The window the keys go to now, to give them back to (keys_back_to) once a question asked
    over it has closed: the active window, or, where that is a popup (the name's completions,
    which offscreen Qt makes the active window and leaves so once hidden), the window of the
    field typed in. walk52, driving the app offscreen: 'monkeys' typed, its completions shown
    and hidden as it was typed, the keys went back to that hidden list after "A similar tag
    exists", and Shift+R did nothing until the main window was clicked (in Xvfb, where no
    popup is made active, they came back to the photos)."""
    active = QApplication.activeWindow()
    if active is None or active.windowType() != Qt.WindowType.Popup:
        return active
    focus = QApplication.focusWidget()
    window = focus.window() if focus is not None else None
    return window if window is not None and window.windowType() != Qt.WindowType.Popup else None


def viewer_in_front() -> QWidget | None:
    """The photo viewer, where it is the window the keys go to: a question it asks opens over
    it, not behind it over the main window."""
    active = QApplication.activeWindow()
    return active if active is not None and active.objectName() == "viewer" else None


def _ask_tag(window: Decider, action: str, parent: QWidget) -> QInputDialog | None:
    ids = window.chosen_photo_ids()
    if not ids:
        return None
    dialog = _TagDialog(window, ids, action, parent)
    dialog.setObjectName(f"{action}-tag")
    dialog.setWindowTitle("Reject a Tag" if action == "reject" else "Add a Tag")
    verb = "not have" if action == "reject" else "have"
    dialog.setLabelText(
        f"Which tag do these {len(ids):,} photos {verb}?"
        if len(ids) > 1
        else f"Which tag does this photo {verb}?"
    )
    offer_tags(dialog, list(window.overview.all_tag_names))
    dialog.setTextValue("")
    dialog.finished.connect(dialog.deleteLater)
    dialog.open()
    return dialog


class _TagDialog(QInputDialog):
    """OK checks the name before the dialog closes: a new name that looks like an existing tag
    ('animals', 'monkys') is asked about, as the add field does (rejected as typed, the "no"
    would teach a tag nobody meant). Cancel there, or a name refused, leaves the dialog open
    with the name selected, to be corrected or replaced; it closed, the name lost."""

    def __init__(self, window: Decider, ids: list[int], action: str, parent: QWidget) -> None:
        super().__init__(parent)
        self._window, self._ids, self._action = window, ids, action
        self._checking = False

    def done(self, result: int) -> None:
        # OK or Cancel: the keys go back to the window it was asked over (the main window, or
        # the viewer), where N, A, R go on.
        super().done(result)
        keys_back_to(self.parentWidget())

    def accept(self) -> None:
        if self._checking:
            return
        self._checking = True
        # Checked after OK's click has returned: the check may ask a question (a modal dialog
        # with its own event loop), not to be run inside Qt's handling of the click.
        QTimer.singleShot(0, self, self._check)

    def _check(self) -> None:
        name = self.textValue().strip()
        checked = self._window.details.check_new_tag(name) if name else None
        self._checking = False
        if name and checked is None:
            # Once the question has gone: the keys back to the name, selected, so typing
            # replaces it and Esc leaves.
            QTimer.singleShot(0, self, self._select_name)
            return
        super().accept()
        if checked is not None:
            self._window.decide(self._ids, checked, self._action)

    def _select_name(self) -> None:
        field = self.findChild(QComboBox)
        editor = field.lineEdit() if field is not None else None
        if editor is not None:
            self.activateWindow()
            editor.setFocus()
            editor.selectAll()
