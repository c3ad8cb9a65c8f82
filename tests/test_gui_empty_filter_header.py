"""Two tags whose photos do not overlap, chosen together ("all of them"), in a window of
1440 x 900: the grid's header read "No photos match: photos tagged coldish sund…All photos
(Ctrl+Shift+L) to see everything". Its way out ("choose All photos …") made it too long, and
cutting it in the middle took the tags the user had chosen and the verb with them, while the
Show All Photos button beside it says the same. The header now names the filter whole."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from phototagger.core.library import open_library
from phototagger.paths import default_home
from tests.gui_helpers import open_window, settle
from tests.switch_helpers import synthetic_library

LONG = "coldish sunday round walk plus"


def test_an_empty_filter_names_its_tags_whole(qtbot: QtBot, tmp_path: Path) -> None:
    with open_library(default_home()) as lib:
        ids = synthetic_library(lib.db, 6)
    window = open_window(qtbot, None, tmp_path)
    window.resize(1440, 900)
    window.decide(ids[:2], LONG, "add")
    window.decide(ids[2:3], "Exercise", "add")
    settle(qtbot, window)
    window.sidebar.select_tags([LONG, "Exercise"])  # all of them: no photo has both
    settle(qtbot, window)
    qtbot.waitUntil(lambda: window.model.rowCount() == 0)
    header = window.header
    assert header.text().startswith("No photos match: photos tagged")
    shown = header.shown_text()
    assert shown == header.text(), shown  # not cut
    assert LONG in shown and "Exercise" in shown
    show_all = window.centre.show_all  # the way out, beside it
    assert show_all.isVisible() and "Ctrl+Shift+L" in show_all.toolTip()
