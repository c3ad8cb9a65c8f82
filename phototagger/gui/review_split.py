"""The Review tab's current photo over its queue, split so that the queue keeps its rows.

In a small window (856 x 600, under X) the larger photo (up to 220 px) and the question took
the tab's height, and the queue showed one row and a half: a photographer working down it saw
one photo at a time. The split gives the queue ROWS rows first and the photo the rest, up to its
largest; where what is left would show the photo no larger than the queue's own thumbnails, the
queue takes that too and the photo folds away. The handle between them moves it back: once
dragged, the photo keeps the height the user gave it while the queue keeps a row (the window's
settings keep it: gui/main_window.py)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QListWidget, QSizePolicy, QSplitter, QWidget

ROWS = 4  # rows of the queue in view before the photo over it gets any room


def row_pitch(queue: QListWidget) -> int:
    """The height the tallest row of `queue` takes, its spacing included: the first row's
    alone, shorter than the rows under it ("2% · below, check" on two lines beside three of
    "0% · a kind not asked about yet"), left the queue 3 rows and a half of ROWS (walk48)."""
    if queue.count():
        height = max(queue.sizeHintForRow(row) for row in range(queue.count()))
    else:
        height = queue.iconSize().height() + 2
    return height + 2 * queue.spacing()


def rows_height(queue: QListWidget, rows: int) -> int:
    """The height that shows `rows` whole rows of `queue`."""
    return rows * row_pitch(queue) + 2 * queue.frameWidth()


class PreviewSplit(QSplitter):
    """`photo` over `queue`; `largest`: the photo's greatest height."""

    def __init__(
        self, photo: QWidget, queue: QListWidget, largest: int, parent: QWidget | None = None
    ) -> None:
        super().__init__(Qt.Orientation.Vertical, parent)
        self.photo = photo
        self.queue = queue
        self.largest = largest
        # The photo's height is what the split gives it, not its picture's (a QLabel asks for
        # its pixmap's size, and the queue lost the rows the picture took).
        photo.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Ignored)
        photo.setMinimumHeight(0)
        photo.setMaximumHeight(largest)
        queue.setMinimumHeight(rows_height(queue, 1))
        self.addWidget(photo)
        self.addWidget(queue)
        self.setCollapsible(0, True)
        self.setCollapsible(1, False)
        self.handle(1).setToolTip("Drag to show the photo larger, or more of the queue")
        self.chosen: int | None = None  # the photo's height the user dragged the handle to
        self._photo = True  # a photo to show (none over a failed or answered queue)
        self.splitterMoved.connect(self._moved)

    def _moved(self, _position: int, _index: int) -> None:
        self.chosen = self.sizes()[0]

    def choose(self, height: int | None) -> None:
        """The photo `height` pixels tall where the split has room (None: the default)."""
        self.chosen = height
        self.place()

    def show_photo(self, shown: bool) -> None:
        """Room for the photo (`shown`), or none: the queue takes it all. (Hidden and shown
        again, the photo came back at the height Qt shared out, not the split's.)"""
        if shown != self._photo:
            self._photo = shown
            self.place()

    def placed_sizes(self, height: int) -> list[int]:
        """The photo's and the queue's heights in `height` pixels (the handle left out). By
        default the queue ROWS rows, the photo the rest up to `largest`, and the queue the rest
        of that; the photo none where it would be no taller than a queued thumbnail. Dragged,
        the photo as tall as the user made it, the queue a row at least."""
        room = max(0, height - self.handleWidth())
        if not self._photo:
            return [0, room]
        if self.chosen is not None:
            photo = min(self.chosen, self.largest, room - rows_height(self.queue, 1))
            return [max(0, photo), room - max(0, photo)]
        photo = min(self.largest, room - rows_height(self.queue, ROWS))
        if photo <= self.queue.iconSize().height():
            photo = 0
        return [photo, room - photo]

    def place(self) -> None:
        """The split for the height it has now."""
        if self.height() > 0:
            self.setSizes(self.placed_sizes(self.height()))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.place()
