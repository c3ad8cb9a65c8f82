"""The thumbnail grid: a QListView over PhotoGridModel, one painted cell per photo.

It is laid out as icon mode lays out (left to right, wrapping, static), but in list mode:
icon mode's layout engine keeps a record per item for free movement and took three times as
long on 100,000 photos. Layout runs in batches between events, so a new filter paints at once
and the rest of the rows are placed while the user already sees the first ones.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QItemSelection, QItemSelectionModel, QPoint, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QAbstractItemView, QListView, QStyle, QWidget

from phototagger.gui.escape_field import is_plain
from phototagger.gui.grid_delegate import PhotoDelegate
from phototagger.gui.grid_model import PhotoGridModel

WRAP_SLACK = 4  # the list layout wraps a row that would touch the viewport's right edge
PREFETCH_DELAY_MS = 40  # read the neighbouring pages once scrolling pauses this long
# Rows placed per step of the batched layout, about 1 ms each (every row costs a call into the
# model's Python rowCount): a filter's answer from the reader, or a click, waits for the step in
# progress, and steps of 5,000 rows added 5-15 ms to a filter's click-to-paint time. A list of
# up to ONE_STEP_ROWS is still placed in one step (5 ms at most), whole before the next event.
LAYOUT_BATCH = 1000
ONE_STEP_ROWS = 5000


class GridView(QListView):
    """Enter or Space opens the viewer (`open_requested`); arrows move the current photo."""

    open_requested = Signal(int)  # row
    selection_changed = Signal()  # the selected photos or the current photo changed
    escaped = Signal()  # Esc pressed alone: the window goes back to all photos if filtered

    def __init__(self, model: PhotoGridModel, side: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._delegate = PhotoDelegate(side, self)
        self.setViewMode(QListView.ViewMode.ListMode)
        self.setFlow(QListView.Flow.LeftToRight)
        self.setWrapping(True)
        self.setMovement(QListView.Movement.Static)
        self.setResizeMode(QListView.ResizeMode.Adjust)
        self.setUniformItemSizes(True)
        self.setLayoutMode(QListView.LayoutMode.Batched)
        self._prefetch = QTimer(self, singleShot=True, interval=PREFETCH_DELAY_MS)
        self._prefetch.timeout.connect(self._prefetch_neighbours)
        self._pending_scroll: int | None = None
        self._pending_row: int | None = None
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setSelectionRectVisible(True)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setMouseTracking(True)
        self.setSpacing(0)
        # Always shown: a scroll bar coming and going would change the columns' width.
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        self.setItemDelegate(self._delegate)
        self.setModel(model)
        model.modelReset.connect(self._size_layout_steps)
        self._size_layout_steps()
        self._apply_side()
        self.doubleClicked.connect(lambda index: self.open_requested.emit(index.row()))
        selection = self.selectionModel()
        selection.selectionChanged.connect(lambda *_: self.selection_changed.emit())
        selection.currentChanged.connect(lambda *_: self.selection_changed.emit())
        self.verticalScrollBar().setSingleStep(40)
        self.verticalScrollBar().rangeChanged.connect(self._laid_out_more)

    def grid_model(self) -> PhotoGridModel:
        model = self.model()
        assert isinstance(model, PhotoGridModel)
        return model

    @property
    def side(self) -> int:
        return self._delegate.side

    def set_side(self, side: int) -> None:
        current = self.currentIndex()
        self._delegate.set_side(side)
        self._apply_side()
        if current.isValid():
            self.reveal_row(current.row())

    def _apply_side(self) -> None:
        size = self._delegate.cell_size(self.font())
        # Columns share the width evenly (the delegate centres each cell's contents), so the
        # grid has no ragged empty strip on its right.
        width = self.viewport().width() - WRAP_SLACK
        columns = max(1, width // size.width())
        size.setWidth(max(size.width(), width // columns))
        if size != self.gridSize():
            # Fewer or more columns move every row: the current photo, if it was in view (a
            # dock beside the grid widened, say), stays in view instead of the grid showing
            # other photos at the same scroll offset.
            current = self.currentIndex()
            shown = current.isValid() and self.viewport().rect().intersects(
                self.visualRect(current)
            )
            self._delegate.cell_width = size.width()
            self.setGridSize(size)
            self.verticalScrollBar().setSingleStep(size.height() // 3)
            self.doItemsLayout()
            if shown:
                self.reveal_row(current.row())

    def width_for(self, columns: int) -> int:
        """How wide the view must be to show `columns` columns of thumbnails, its frame and
        scroll bar included."""
        cells = columns * self._delegate.cell_size(self.font()).width() + WRAP_SLACK
        bar = self.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent, None, self)
        return cells + bar + 2 * self.frameWidth()

    def viewportEvent(self, event: QEvent) -> bool:
        # The viewport's own resize: the view's resizeEvent comes before the viewport has its
        # new size.
        if event.type() == QEvent.Type.Resize:
            self._apply_side()
        return super().viewportEvent(event)

    # --- selection ------------------------------------------------------------------------

    def current_row(self) -> int | None:
        index = self.currentIndex()
        return index.row() if index.isValid() else None

    def selected_rows(self) -> list[int]:
        """Selected rows, ascending; read from the selection's ranges (cheap for 100,000)."""
        rows: list[int] = []
        selection = self.selectionModel().selection()
        for i in range(selection.count()):
            selected = selection.at(i)
            rows.extend(range(selected.top(), selected.bottom() + 1))
        return sorted(set(rows))

    def selected_ids(self) -> list[int]:
        ids = self.grid_model().ids
        return [ids[row] for row in self.selected_rows() if row < len(ids)]

    def select_ids(self, photo_ids: list[int], current: int | None) -> None:
        """Select these photos (those still shown) and make `current` the current photo."""
        model = self.grid_model()
        rows = sorted(r for r in map(model.row_of, photo_ids) if r is not None)
        selection = QItemSelection()
        for first, last in _runs(rows):
            selection.select(model.index(first), model.index(last))
        flags = QItemSelectionModel.SelectionFlag
        selection_model = self.selectionModel()
        current_row = model.row_of(current) if current is not None else None
        if current_row is not None:
            selection_model.setCurrentIndex(model.index(current_row), flags.NoUpdate)
        selection_model.select(selection, flags.ClearAndSelect)

    def go_to_row(self, row: int) -> None:
        """Make `row` the current photo, alone in the selection, and scroll to it."""
        model = self.grid_model()
        if not 0 <= row < model.rowCount():
            return
        index = model.index(row)
        self.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect
        )
        self.reveal_row(row)

    def scrollContentsBy(self, dx: int, dy: int) -> None:
        super().scrollContentsBy(dx, dy)
        self._prefetch.start()

    def _prefetch_neighbours(self) -> None:
        viewport = self.viewport().rect()
        first = self.indexAt(viewport.topLeft())
        last = self.indexAt(viewport.bottomRight() - QPoint(self.gridSize().width(), 0))
        if first.isValid():
            self.grid_model().prefetch(first.row(), last.row() if last.isValid() else first.row())

    # --- scrolling while the layout is still being done ------------------------------------

    def restore_scroll(self, value: int) -> None:
        """Scroll to `value` once the layout reaches that far."""
        self._pending_row = None
        self._pending_scroll = value
        self._laid_out_more()

    def reveal_row(self, row: int) -> None:
        """Scroll `row` into view once the layout has placed it."""
        self._pending_scroll = None
        self._pending_row = row
        self._laid_out_more()

    def _size_layout_steps(self) -> None:
        # Runs before the layout: the view's own reset only schedules it.
        rows = self.grid_model().rowCount()
        self.setBatchSize(ONE_STEP_ROWS if rows <= ONE_STEP_ROWS else LAYOUT_BATCH)

    def _laid_out_more(self, *_: int) -> None:
        bar = self.verticalScrollBar()
        if self._pending_scroll is not None:
            if bar.maximum() >= self._pending_scroll:
                bar.setValue(self._pending_scroll)
                self._pending_scroll = None
        elif self._pending_row is not None:
            index = self.grid_model().index(self._pending_row)
            if not index.isValid():
                self._pending_row = None
            elif self.visualRect(index).isValid():  # invalid until the layout places it
                self.scrollTo(index)
                self._pending_row = None

    # --- keys -----------------------------------------------------------------------------

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if is_plain(event, Qt.Key.Key_Escape):
            event.accept()
            self.escaped.emit()
            return
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space) and (
            event.modifiers() == Qt.KeyboardModifier.NoModifier
        ):
            row = self.current_row()
            if row is not None:
                self.open_requested.emit(row)
                return
        if event.key() in (Qt.Key.Key_Home, Qt.Key.Key_End) and (
            event.modifiers() == Qt.KeyboardModifier.ControlModifier
        ):
            # Qt's Ctrl moves the current photo without selecting it, so the details panel
            # stayed on the photo selected before: Ctrl+Home and Ctrl+End go there as Home
            # and End do (the start and end of the grid, in a file manager's words).
            rows = self.grid_model().rowCount()
            if rows:
                self.go_to_row(0 if event.key() == Qt.Key.Key_Home else rows - 1)
            return
        super().keyPressEvent(event)


def _runs(rows: list[int]) -> list[tuple[int, int]]:
    """Sorted rows as (first, last) runs of consecutive rows: one selection range each."""
    runs: list[tuple[int, int]] = []
    for row in rows:
        if runs and row == runs[-1][1] + 1:
            runs[-1] = (runs[-1][0], row)
        else:
            runs.append((row, row))
    return runs
