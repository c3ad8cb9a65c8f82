"""polish28, in a real X session: "kitchen th" typed in the search box, the completion under it
offering 'kitchen things', and Enter searched for the words as typed: "No photos match: no tag
is called “kitchen th”", the tag offered one line above. Enter now takes the tag the completion
offers for the last words typed when they name no tag and a tag's name starts with them, as the
Review tab's Tag box does; words that name a tag, or that only appear inside a name, are
searched as typed."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from phototagger.core.library import open_library
from phototagger.paths import default_home
from tests.gui_helpers import open_window, search_for, settle
from tests.switch_helpers import synthetic_library


def test_enter_takes_the_tag_the_completion_offers(qtbot: QtBot, tmp_path: Path) -> None:
    with open_library(default_home()) as lib:
        ids = synthetic_library(lib.db, 6)
    window = open_window(qtbot, None, tmp_path)
    for photos, tag in (
        (ids[:3], "kitchen things"),
        (ids[2:4], "harbour"),
        (ids[4:], "harbour wall"),
    ):
        window.decide(photos, tag, "add")
    settle(qtbot, window)

    search_for(qtbot, window, "kitchen th")
    assert window.sidebar.search.text() == "kitchen things"
    assert window.model.rowCount() == 3
    assert window.header.text().startswith("Photos tagged kitchen things")

    search_for(qtbot, window, "harbour, -Kitchen TH")  # the last words, without case
    assert window.sidebar.search.text() == "harbour, -kitchen things"
    assert window.model.rowCount() == 1

    # A tag's own name is searched as typed, though a longer one starts with it.
    search_for(qtbot, window, "harbour")
    assert window.sidebar.search.text() == "harbour"
    assert window.model.rowCount() == 2

    # Words inside a name only: no tag is guessed.
    search_for(qtbot, window, "things")
    assert window.sidebar.search.text() == "things"
    assert window.model.rowCount() == 0
    assert window.header.text() == "No photos match: no tag or file name matches “things”"
