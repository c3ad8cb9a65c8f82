"""Whether the user can see a widget: Qt calls a widget visible (isVisible) when it sits in a dock
tab behind another tab (the Details panel under the Model tab), or in a page scrolled out of
view, though nothing of it is on screen. Keys given to such a widget go where nobody looks."""

from __future__ import annotations

import shiboken6
from PySide6.QtWidgets import QWidget


def in_view(widget: QWidget | None) -> bool:
    """`widget` is shown and some of it is on screen (not laid out behind another dock tab)."""
    return (
        widget is not None
        and shiboken6.isValid(widget)
        and widget.isVisible()
        and not widget.visibleRegion().isEmpty()
    )
