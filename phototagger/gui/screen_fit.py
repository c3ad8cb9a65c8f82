"""A window's first size, within the screen it opens on: sizes chosen for a large monitor
(the window's 1,400 x 880, the viewer's 1,100 x 760, Settings' 560 x 780) put their bottoms,
the status bar, the viewer's keys and Settings' Save button, below the edge of a 1,366 x 768
laptop screen."""

from __future__ import annotations

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

# Room for the window's own title bar and frame, which the size given does not include.
FRAME = 40


def resize_within_screen(window: QWidget, width: int, height: int) -> None:
    """Resize `window` to `width` x `height`, or less where the screen it opens on (its
    parent's) has less room, never under its own minimum size."""
    parent = window.parentWidget()
    screen = (parent or window).screen() or QGuiApplication.primaryScreen()
    if screen is not None:
        room = screen.availableGeometry()
        width = min(width, room.width() - FRAME // 2)
        height = min(height, room.height() - FRAME)
    least = window.minimumSizeHint()
    window.resize(max(width, least.width()), max(height, least.height()))
