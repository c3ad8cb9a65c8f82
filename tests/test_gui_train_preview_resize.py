"""The Train page's preview cut every caption again for its cell on each resize, many width
measurements a name, though a name's cut at a cell's width and font never changes: a dock
dragged wider (dozens of resizes) took about 200 ms a resize with 200 photos, up to 700
(benchmarks/preview_resize.py). A caption is now cut once per cell width and font; a new font
(which did not cut them again until the next resize) cuts each again at once, as a new width
does."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from PySide6.QtWidgets import QApplication, QListWidgetItem
from pytestqt.qtbot import QtBot

from phototagger.gui import retrain_changes
from phototagger.gui.retrain_changes import _CAPTION, CAPTION_MARGIN, PreviewGrid, caption_lines
from tests.store_helpers import DET

pytestmark = pytest.mark.skipif(not DET.is_dir(), reason="needs /work/shared/data/det-photos")

HEIGHT = 400


def _preview(qtbot: QtBot) -> PreviewGrid:
    """A preview of 24 of det-photos' longest names, shown 340 px wide (the dock's usual)."""
    names = sorted((path.name for path in DET.glob("n*_*.jpg")), key=lambda name: -len(name))
    grid = PreviewGrid()
    qtbot.addWidget(grid)
    for at, name in enumerate(names[:24]):
        sign = "+ " if at % 3 else "✕ "
        entry = QListWidgetItem(sign + name)
        entry.setData(_CAPTION, sign + name)
        grid.addItem(entry)
    grid.resize(340, HEIGHT)
    grid.show()
    qtbot.waitExposed(grid)
    return grid


def _counting_cuts(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """How many captions the preview cuts from now on (caption_lines, its own cut)."""
    cuts = [0]
    cut: Callable[..., str] = caption_lines

    def counted(*args: Any) -> str:
        cuts[0] += 1
        return cut(*args)

    monkeypatch.setattr(retrain_changes, "caption_lines", counted)
    return cuts


def _captions(grid: PreviewGrid) -> list[str]:
    """The captions shown, each checked to be its name's cut for the cell at the font in use,
    on two lines at most, each line whole in its cell."""
    metrics = grid.fontMetrics()
    width = grid.gridSize().width() - CAPTION_MARGIN
    shown = []
    for row in range(grid.count()):
        entry = grid.item(row)
        text = entry.text()
        assert text == caption_lines(entry.data(_CAPTION), metrics, width), text
        assert len(text.splitlines()) <= 2, text
        assert all(metrics.horizontalAdvance(line) <= width for line in text.splitlines()), text
        shown.append(text)
    return shown


def _resized(grid: PreviewGrid, width: int) -> None:
    grid.resize(width, HEIGHT)
    QApplication.processEvents()
    assert grid.width() == width


def test_a_dragged_preview_cuts_each_caption_once_per_cell_width(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    grid = _preview(qtbot)
    narrow = _captions(grid)
    cell = grid.gridSize()
    cuts = _counting_cuts(monkeypatch)
    _resized(grid, 700)
    wide_cell = grid.gridSize()
    assert wide_cell.width() > cell.width()
    assert cuts[0] == grid.count()  # a new cell width: each caption cut for it once
    wide = _captions(grid)
    assert wide != narrow
    cuts[0] = 0
    # Wider still, the cells as wide (their photos at their biggest), and back to the dock's
    # usual width: no caption cut again, each the same as before.
    for width, cell_size, captions in ((710, wide_cell, wide), (340, cell, narrow)):
        _resized(grid, width)
        assert grid.gridSize() == cell_size
        assert cuts[0] == 0, (width, cuts[0])
        assert [grid.item(row).text() for row in range(grid.count())] == captions


def test_a_new_font_cuts_the_captions_again_at_once(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The system's text size made bigger while the preview shows (no resize): each caption
    cut again for the bigger letters, whole in its cell, on two lines the cell has room for;
    back to the first size, the first captions, none cut again."""
    grid = _preview(qtbot)
    first = _captions(grid)
    cuts = _counting_cuts(monkeypatch)
    font = grid.font()
    bigger = grid.font()
    bigger.setPointSize(font.pointSize() + 4)
    grid.setFont(bigger)
    QApplication.processEvents()
    assert cuts[0] == grid.count()
    assert _captions(grid) != first
    assert grid.gridSize().height() >= 2 * grid.fontMetrics().lineSpacing() + 4
    cuts[0] = 0
    grid.setFont(font)
    QApplication.processEvents()
    assert _captions(grid) == first
    assert cuts[0] == 0
