"""A text field that Esc leaves: it says so (`escaped`), and the window gives the keyboard back
to the grid. A plain QLineEdit ignores Esc, so a keyboard-only user who pressed T or Ctrl+F and
changed their mind typed the next A, R or N into the field."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QLineEdit

# Modifiers a plain key may come with: the keypad's Enter has KeypadModifier.
_PLAIN = (Qt.KeyboardModifier.NoModifier, Qt.KeyboardModifier.KeypadModifier)


def is_plain(event: QKeyEvent, *keys: Qt.Key) -> bool:
    """Whether `event` is one of `keys` pressed alone (no Ctrl, Shift or Alt)."""
    return event.key() in keys and event.modifiers() in _PLAIN


class EscapeField(QLineEdit):
    escaped = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        # An open completion list takes Esc first (it closes); the next Esc comes here.
        if event.key() == Qt.Key.Key_Escape and event.modifiers() == Qt.KeyboardModifier.NoModifier:
            event.accept()
            self.escaped.emit()
            return
        super().keyPressEvent(event)
