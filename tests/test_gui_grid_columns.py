"""The grid's columns share the viewport's width: no empty strip on the right, at any width."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt

from phototagger.store.connection import transaction
from phototagger.store.photos import insert_photo
from tests.gui_helpers import open_window, settle


def test_columns_fill_the_width(qtbot, tmp_path: Path) -> None:
    window = open_window(qtbot, None, tmp_path)  # no scan: the model is never needed
    with transaction(window.db):
        for i in range(40):
            insert_photo(
                window.db,
                path=f"/p/{i:02d}.jpg",
                size=1,
                mtime=1.0,
                content_hash=None,
                width=None,
                height=None,
                taken_at=None,
                orientation=None,
                status="pending",
            )
    window.refresh()
    settle(qtbot, window)
    grid = window.grid
    smallest = grid._delegate.cell_size(grid.font()).width()  # noqa: SLF001
    for width in (1200, 1500, 1000, 1333):
        window.resize(width, 800)
        window.resizeDocks([window.details_dock], [300], Qt.Orientation.Horizontal)
        settle(qtbot, window)
        qtbot.wait(50)
        rects = [grid.visualRect(window.model.index(r)) for r in range(40)]
        first_line = [r for r in rects if r.top() == rects[0].top()]
        assert len(first_line) == (grid.viewport().width() - 4) // smallest
        # Each cell is as wide as its share of the width, its contents centred in it.
        assert all(r.width() == grid.gridSize().width() for r in first_line)
        assert grid.viewport().width() - first_line[-1].right() <= len(first_line) + 4
