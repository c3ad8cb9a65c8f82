"""Secondary text (hints, notes, a tag's source line) drawn muted but legible.

Such labels were drawn disabled: Qt's disabled text is light grey, about 1.5:1 against the
window (the Versions page's note, the details panel's key hint and facts, Settings' notes), and a
disabled label cannot be selected either. Muted text takes the palette's placeholder colour,
which reads at 3:1 or more (the least WCAG asks of secondary text) and follows the theme.
"""

from __future__ import annotations

from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QWidget


def mute(widget: QWidget) -> None:
    """Draw `widget`'s text in the palette's placeholder colour; it stays enabled."""
    palette = widget.palette()
    palette.setColor(
        QPalette.ColorRole.WindowText, palette.color(QPalette.ColorRole.PlaceholderText)
    )
    widget.setPalette(palette)
