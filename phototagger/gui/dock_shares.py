"""The side panels give way when the window is too narrow for the grid, as a splitter's panes
do, and come back to the widths the user chose (or the defaults) as it widens. Qt's docks keep
their widths and the grid alone gave way: a 1,024-px window left it 2 columns between a 240-px
sidebar and a 340-px details panel. A width the user drags a panel to is the one it comes
back to."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QApplication, QDockWidget, QMainWindow

from phototagger.gui.in_view import in_view


class DockShares(QObject):
    """`areas`: the docks of each side, tabbed together (Details and Model) and so one width;
    `defaults`: each area's width (a first start's layout; an area not given one, a layout
    restored from last time, keeps the width it is first shown with). `room`: the width the
    centre needs; the areas give way for it in proportion to their chosen widths, and less is
    left for it only when they cannot narrow further (their minimum widths)."""

    def __init__(
        self,
        window: QMainWindow,
        areas: Sequence[Sequence[QDockWidget]],
        room: Callable[[], int],
        defaults: Sequence[int] = (),
    ) -> None:
        super().__init__(window)
        self._window = window
        self._areas = [list(docks) for docks in areas]
        self._room = room
        self._chosen = dict(enumerate(defaults))  # area -> the width chosen for it
        self._asked: dict[int, int] = {}  # area -> the width last given to it
        self._window_width = window.width()
        window.installEventFilter(self)
        for docks in self._areas:
            for dock in docks:
                dock.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize:
            if watched is self._window:
                self._follow_window()
            elif isinstance(watched, QDockWidget) and _shown(watched):
                area = next((i for i, docks in enumerate(self._areas) if watched in docks), None)
                if area is not None:
                    self._dock_resized(area, watched.width())
        return super().eventFilter(watched, event)

    def _dock_resized(self, area: int, width: int) -> None:
        # A separator dragged (or a tab clicked, which gives the area's width to its dock):
        # not the window's resizing, nor the width this asked for after it.
        dragged = (
            self._window.width() == self._window_width
            and QApplication.mouseButtons() & Qt.MouseButton.LeftButton
            and abs(width - self._asked.get(area, -9)) > 1
        )
        if area not in self._chosen or dragged:  # first shown, or the user's drag
            self._chosen[area] = width

    def _follow_window(self) -> None:
        width = self._window.width()
        centre = self._window.centralWidget()
        if width == self._window_width or centre is None:
            return
        self._window_width = width
        shown = {
            area: next(d for d in docks if _shown(d))
            for area, docks in enumerate(self._areas)
            if area in self._chosen and any(_shown(d) for d in docks)
        }
        if not shown:
            return
        # Separators and margins: what is neither the centre nor a dock.
        besides = width - centre.width() - sum(d.width() for d in shown.values())
        # Each area gives way in proportion to its chosen width (down to its minimum, past
        # which it is cut no more).
        chosen = sum(self._chosen[area] for area in shown)
        left = width - besides - self._room()
        share = 1.0 if chosen <= left else max(0, left) / chosen
        resized, sizes = [], []
        for area, dock in shown.items():
            target = max(dock.minimumSizeHint().width(), round(self._chosen[area] * share))
            if abs(dock.width() - target) > 1:
                resized.append(dock)
                sizes.append(target)
                self._asked[area] = target
        if resized:
            self._window.resizeDocks(resized, sizes, Qt.Orientation.Horizontal)


def _shown(dock: QDockWidget) -> bool:
    """Docked and in view: of tabbed docks, the current tab's (the others keep a stale width)."""
    return not dock.isFloating() and in_view(dock)
