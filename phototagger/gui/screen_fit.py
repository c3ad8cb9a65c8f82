"""A window's first size, within the screen it opens on: sizes chosen for a large monitor
(the window's 1,400 x 880, the viewer's 1,100 x 760, Settings' 560 x 780) put their bottoms,
the status bar, the viewer's keys and Settings' Save button, below the edge of a 1,366 x 768
laptop screen."""

from __future__ import annotations

from PySide6.QtCore import QSize
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


# Under this a window is too small to use (the grid, its side panels and the Model tab): a
# saved size smaller, or the two thirds of the screen Qt gives a saved one bigger than the
# screen, opens at the first start's size instead (within the screen).
USABLE = QSize(720, 540)


def fit_restored(window: QWidget, width: int, height: int) -> None:
    """Bring `window`, its saved geometry just restored, into its screen at a usable size:
    one under USABLE (saved tiny, or made so by Qt: one saved on a bigger screen, a monitor
    unplugged since, can open at two thirds of this one) is resized as a first start would be
    (`width` x `height` within the screen); one bigger than the screen with its frame is cut
    to it; one partly off the screen is moved onto it. A maximised or full-screen window is
    left as it is."""
    if window.isMaximized() or window.isFullScreen():
        return
    screen = window.screen() or QGuiApplication.primaryScreen()
    if screen is None:
        return
    room = screen.availableGeometry()
    least = QSize(
        min(USABLE.width(), room.width() - FRAME // 2),
        min(USABLE.height(), room.height() - FRAME),
    )
    size = window.size()
    if size.width() < least.width() or size.height() < least.height():
        resize_within_screen(window, width, height)
    else:  # its frame within the screen too (Qt opens one saved bigger as big as the screen)
        fitted = size.boundedTo(QSize(room.width() - FRAME // 2, room.height() - FRAME))
        if fitted != size:
            window.resize(fitted)
    # Where its frame will be (not shown yet, it has none: the room FRAME leaves for one).
    frame = window.frameGeometry()
    if frame.size() == window.size():
        frame.setSize(window.size() + QSize(FRAME // 2, FRAME))
    x = max(room.left(), min(frame.x(), room.right() + 1 - frame.width()))
    y = max(room.top(), min(frame.y(), room.bottom() + 1 - frame.height()))
    if (x, y) != (frame.x(), frame.y()):
        window.move(x, y)
