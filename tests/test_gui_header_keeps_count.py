"""The grid's header names the filter and ends with the count ("· 2 of 6"). With a long folder
path in a narrow window it was cut off at the grid's edge, count and all, with no '…'; now the
path's start gives way and the count stays in view, the whole text in its tooltip."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QFontMetrics

from tests.gui_helpers import click_sidebar, four_photos, open_window, scan, settle


def test_a_long_folder_path_gives_way_to_the_count(qtbot, engine, tmp_path: Path) -> None:
    lake = "Summer at the lake with the whole family, the dog, the cat, grandma and the neighbours"
    deep = tmp_path / "Pictures" / "2024" / lake
    four_photos(deep)
    window = open_window(qtbot, engine, tmp_path)
    scan(qtbot, window, tmp_path / "Pictures")
    window.resize(900, 700)
    qtbot.waitUntil(lambda: window.width() <= 900)
    click_sidebar(qtbot, window, lake)
    settle(qtbot, window)
    header = window.header
    whole = header.text()
    assert whole.startswith(f"Photos in {deep}") and whole.endswith("4 of 4")
    assert QFontMetrics(header.font()).horizontalAdvance(whole) > header.contentsRect().width()

    shown = header.shown_text()
    # The path gives up its start: the folder's own name stays ("…the neighbours").
    assert (
        shown.startswith("…") and shown.endswith("4 of 4") and "grandma and the neighbours" in shown
    )
    assert QFontMetrics(header.font()).horizontalAdvance(shown) <= header.contentsRect().width()
