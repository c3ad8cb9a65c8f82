"""The grid's header in a window too narrow for it whole: "Photos tagged clothing  ·  31 of
1,020" read "Photos tagg…31 of 1,020" at 856 px (found using the window), the tag the grid is
filtered on cut out and the lead-in words kept. The count stays whole at the end, and the
filter's words give up their start, a whole word at a time: "…tagged clothing  ·  31 of 1,020",
the whole line in the tooltip."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QFontMetrics
from pytestqt.qtbot import QtBot

from phototagger.core.library import open_library
from phototagger.paths import default_home
from tests.gui_helpers import open_window, settle
from tests.switch_helpers import synthetic_library

TAG = "kitchenware"


def test_a_cut_header_keeps_the_tag_it_is_filtered_on(qtbot: QtBot, tmp_path: Path) -> None:
    with open_library(default_home()) as lib:
        ids = synthetic_library(lib.db, 6)
    window = open_window(qtbot, None, tmp_path)
    window.decide(ids[:3], TAG, "add")
    settle(qtbot, window)  # the sidebar lists it
    window.sidebar.select_tags([TAG])
    settle(qtbot, window)
    header = window.header
    qtbot.waitUntil(lambda: header.text() == f"Photos tagged {TAG}  ·  3 of 6")
    metrics = QFontMetrics(header.font())
    cut = 0
    for width in range(1000, 600, -20):  # the window narrowed until the header no longer fits
        window.resize(width, 800)
        settle(qtbot, window)
        shown = header.shown_text()
        if shown == header.text():
            continue
        cut += 1
        assert TAG in shown and shown.endswith("  ·  3 of 6"), (width, shown)
        assert shown.startswith("…"), shown
        assert metrics.horizontalAdvance(shown) <= header.contentsRect().width()
        if cut == 2:
            break
    assert cut, "the header was never cut"
