"""After Find Similar each photo in the grid says how similar it is: a "92 %" badge with a bar
on its thumbnail, a line in its tooltip and in the details panel, most similar first, with a
button back to all photos. Before, the grid showed the photos in order but not one score (the
command line printed them), and the way back was only View ▸ Show All Photos."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QFontMetrics, QImage, QPainter
from PySide6.QtWidgets import QStyleOptionViewItem

from phototagger.cli import main
from phototagger.gui.grid_model import LikenessRole
from phototagger.gui.main_window import MainWindow
from tests.gui_helpers import click_photo, open_window, row_of, settle, shown_names
from tests.test_similar_and_duplicates import library_with_copies


def _cell(qtbot, window: MainWindow, row: int) -> np.ndarray:
    """The grid's delegate painting `row` (its thumbnail made) on a white image."""
    qtbot.waitUntil(lambda: window.model.cell(row)[2] is not None, timeout=10_000)
    delegate = window.grid.itemDelegate()
    option = QStyleOptionViewItem()
    option.font = window.grid.font()
    option.palette = window.grid.palette()
    size = delegate.sizeHint(option, window.model.index(row))
    option.rect = QRect(0, 0, size.width(), size.height())
    image = QImage(size, QImage.Format.Format_RGB32)
    image.fill(Qt.GlobalColor.white)
    painter = QPainter(image)
    delegate.paint(painter, option, window.model.index(row))
    painter.end()
    rows = np.frombuffer(image.constBits(), np.uint8).reshape(size.height(), -1)
    return rows[:, : size.width() * 4].copy()  # a copy: the image's memory goes with it


def test_similar_photos_show_how_similar_they_are(qtbot, engine, tmp_path: Path, capsys) -> None:
    library_with_copies(tmp_path / "pics", engine)
    window = open_window(qtbot, engine, tmp_path)
    assert not window.centre.show_all.isVisibleTo(window)
    coffee_row = row_of(window, "coffee.jpg")
    plain = _cell(qtbot, window, coffee_row)
    assert window.model.data(window.model.index(coffee_row), LikenessRole) is None

    click_photo(qtbot, window, "rocket.jpg")
    window.tools.show_similar()
    settle(qtbot, window)

    rocket = window.current_photo_id()
    assert rocket is not None
    model = window.model
    names = shown_names(window)
    assert names[0] == "rocket.jpg" and len(names) == 7
    texts = [model.data(model.index(row), LikenessRole) for row in range(len(names))]
    assert texts[0] == "The photo the others are compared with"
    # Each other photo reads as the command line shows it (`similar`: its figure and words, not
    # the cosine), best first, in its tooltip and on its badge.
    assert main(["similar", "--json", str(tmp_path / "pics" / "rocket.jpg")]) == 0
    shown = json.loads(capsys.readouterr().out)
    assert [Path(r["path"]).name for r in shown] == names[1:]
    assert texts[1:] == [f"{r['likeness']} to rocket.jpg ({r['percent']} %)" for r in shown]
    percents = [r["percent"] for r in shown]
    assert percents == sorted(percents, reverse=True) and percents[0] > percents[-1]
    for row, r in enumerate(shown, start=1):
        tip = model.data(model.index(row), Qt.ItemDataRole.ToolTipRole)
        assert texts[row] in tip.splitlines()
        badge = model.likeness_badge(row)
        assert badge is not None and badge.percent == r["percent"]
        assert badge.long == f"{r['likeness']} · {r['percent']} %"

    # The badge is painted on the thumbnail's upper right; the name and tags below are as
    # before.
    coffee_row = row_of(window, "coffee.jpg")
    ranked = _cell(qtbot, window, coffee_row)
    assert ranked.shape == plain.shape
    height, width = ranked.shape[0], ranked.shape[1] // 4
    changed_rows, changed_cols = np.nonzero(ranked != plain)
    assert changed_rows.size > 0
    assert changed_rows.max() < height // 3  # a badge near the top ...
    assert changed_cols.max() > (width * 4) * 3 // 4  # ... at the right ...
    assert changed_cols.min() > (width * 4) // 4
    # ... with its words where they fit: wider than the figure alone would be.
    badge = model.likeness_badge(coffee_row)
    assert (
        badge is not None and badge.long == texts[coffee_row].split(" to ")[0] + " · " + badge.short
    )
    painted = (changed_cols.max() - changed_cols.min()) // 4
    assert painted > QFontMetrics(window.grid.font()).horizontalAdvance(badge.short) + 12

    click_photo(qtbot, window, "coffee.jpg")
    coffee_text = texts[coffee_row]
    assert coffee_text in window.details.facts.text().splitlines()

    assert window.centre.show_all.isVisibleTo(window)
    qtbot.mouseClick(window.centre.show_all, Qt.MouseButton.LeftButton)
    settle(qtbot, window)
    assert window.header.text().startswith("All photos")
    assert not window.centre.show_all.isVisibleTo(window)
    assert window.model.likeness is None
    row = row_of(window, "coffee.jpg")
    tip = window.model.data(window.model.index(row), Qt.ItemDataRole.ToolTipRole)
    assert "to rocket.jpg (" not in tip
    assert "to rocket.jpg (" not in window.details.facts.text()
    assert np.array_equal(_cell(qtbot, window, row), plain)
