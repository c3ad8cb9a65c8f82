"""Tagging a large selection moved the details panel's list under the user: 140 photos selected
(45 tags in the panel, scrolled to its middle), T, "holiday", Enter: the new tag took the list's
first row (on all of them) and every row shifted down a row, the add field out of view; a tag
accepted on all of them from the middle of the list moved to the top, the rows above it a row
down. The panel now keeps the rows the user was looking at where they were (the first one still
there as it was); at the top of the list it stays at the top, the new tag in view. Real widgets
offscreen on a real SQLite library."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QPoint, Qt
from pytestqt.qtbot import QtBot

from phototagger.core.library import open_library
from phototagger.gui.main_window import MainWindow
from phototagger.paths import default_home
from phototagger.store.photos import add_folder
from phototagger.store.tags import set_user_state
from tests.gui_helpers import open_window, settle
from tests.store_helpers import add_photo


def _window(qtbot: QtBot, tmp_path: Path) -> MainWindow:
    """60 photos, 40 tags each on about a third of them; 50 of them selected."""
    with open_library(default_home()) as lib:
        add_folder(lib.db, "/pics")
        ids = [add_photo(lib.db, f"/pics/IMG_{i:02d}.jpg") for i in range(60)]
        for i, pid in enumerate(ids):
            for t in range(40):
                if (i + t) % 3 == 0:
                    set_user_state(lib.db, pid, f"tag {t:02d}", "added")
    window = open_window(qtbot, None, tmp_path)
    window.grid.select_ids(ids[:50], ids[0])
    bar = window.details._scroll.verticalScrollBar()
    # The rows, then the panel's layout and scroll bar after them.
    qtbot.waitUntil(lambda: len(window.details.tags.rows) == 40 and bar.maximum() > 1000)
    settle(qtbot, window)
    return window


def _places(window: MainWindow) -> dict[str, int]:
    """Each tag row's top, in the panel's visible area (negative: above it)."""
    viewport = window.details._scroll.viewport()
    rows = window.details.tags.rows
    return {row.entry.name: row.mapTo(viewport, QPoint(0, 0)).y() for row in rows}


def _settled(qtbot: QtBot, window: MainWindow, rows: int) -> None:
    qtbot.waitUntil(lambda: len(window.details.tags.rows) == rows)
    settle(qtbot, window)
    qtbot.wait(100)  # the panel's layout and scroll bar, a turn of the event loop


def test_adding_a_tag_to_many_keeps_the_rows_in_place(qtbot: QtBot, tmp_path: Path) -> None:
    window = _window(qtbot, tmp_path)
    bar = window.details._scroll.verticalScrollBar()
    bar.setValue(bar.maximum() // 2)
    settle(qtbot, window)
    window.grid.setFocus()
    qtbot.keyClick(window.grid, Qt.Key.Key_T)  # the panel shows its add field, at the end
    field = window.details.add_field
    before = _places(window)
    field_at = field.mapTo(window.details._scroll.viewport(), QPoint(0, 0)).y()
    qtbot.keyClicks(field, "holiday")
    qtbot.keyClick(field, Qt.Key.Key_Return)
    _settled(qtbot, window, 41)
    after = _places(window)
    assert after["holiday"] < 0  # first in the list (on all 50), above what is seen
    assert {name: after[name] for name in before} == before
    assert field.mapTo(window.details._scroll.viewport(), QPoint(0, 0)).y() == field_at


def test_accepting_a_tag_on_many_keeps_the_rows_above_it(qtbot: QtBot, tmp_path: Path) -> None:
    window = _window(qtbot, tmp_path)
    bar = window.details._scroll.verticalScrollBar()
    bar.setValue(bar.maximum() // 2)
    settle(qtbot, window)
    height = window.details._scroll.viewport().height()
    before = _places(window)
    seen = [name for name, top in before.items() if 0 <= top < height]
    chosen = seen[len(seen) // 2]
    row = next(r for r in window.details.tags.rows if r.entry.name == chosen)
    qtbot.mouseClick(row.accept_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(
        lambda: (
            next(r for r in window.details.tags.rows if r.entry.name == chosen).entry.share
            == (50, 50)
        )
    )
    _settled(qtbot, window, 40)
    after = _places(window)
    assert after[chosen] < 0  # on all of them now: first in the list
    # The rows seen above it stay where they were (those below it move up into its place).
    above = seen[: seen.index(chosen)]
    assert above and {name: after[name] for name in above} == {n: before[n] for n in above}


def test_at_the_top_the_new_tag_is_in_view(qtbot: QtBot, tmp_path: Path) -> None:
    window = _window(qtbot, tmp_path)
    bar = window.details._scroll.verticalScrollBar()
    assert bar.value() == 0
    window.details.add_field.setText("holiday")
    window.details.add_field.returnPressed.emit()
    _settled(qtbot, window, 41)
    assert bar.value() == 0 and window.details.tags.rows[0].entry.name == "holiday"
