"""search62: in a library with a tag "video", "VID" typed in the search box and Enter searched
the tag "video" (the completion's first offer), never the clips VID_20240101_1200.mp4: a word
that starts a tag's name could not find file names ("IMG" and a tag "image"). Such a word that
some file name contains is now searched as both, the tag or the name, the header and the box
saying so; a word no file name contains still takes the tag ("kitchen th"), and a row of the
completion chosen with the arrow keys means the tag alone."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from tests.gui_helpers import search_for, settle, shown_names
from tests.test_gui_search_file_names import CLIP, HARBOUR, HEIC, RAW, _pick, _window


def test_a_word_starting_a_tag_finds_the_tag_or_the_names(
    qtbot: QtBot, engine, tmp_path: Path
) -> None:
    window = _window(qtbot, engine, tmp_path)
    window.decide([_pick(window, HARBOUR)], "video", "add")
    window.decide([_pick(window, HEIC)], "holidays", "add")
    settle(qtbot, window)

    search_for(qtbot, window, "VID")
    assert sorted(shown_names(window)) == sorted([CLIP, HARBOUR])
    assert window.header.text().startswith("Photos tagged video, or whose name contains “VID”")
    assert window.sidebar.search.text() == "video | VID"  # what was searched

    search_for(qtbot, window, "holidays | vid")
    assert sorted(shown_names(window)) == sorted([CLIP, HARBOUR, HEIC])
    assert window.sidebar.search.text() == "holidays | video | vid"

    search_for(qtbot, window, "-VID")  # left out: the tag and the names
    assert sorted(shown_names(window)) == sorted([HEIC, RAW])
    assert window.sidebar.search.text() == "-video, -VID"
    assert window.header.text().startswith(
        "Photos not tagged video, whose name does not contain “VID”"
    )

    # No file name contains "vide": the tag, as the completion offers it.
    search_for(qtbot, window, "vide")
    assert shown_names(window) == [HARBOUR]
    assert window.sidebar.search.text() == "video"
    assert window.header.text().startswith("Photos tagged video")

    # A row of the completion chosen (the arrow keys, then Enter): the tag alone.
    search_for(qtbot, window, "")
    assert len(shown_names(window)) == 4
    search = window.sidebar.search
    search.setFocus()  # the grid took the keys
    qtbot.keyClicks(search, "VID")
    popup = window.sidebar.completer.popup()
    assert popup is not None
    qtbot.waitUntil(popup.isVisible)
    qtbot.keyClick(popup, Qt.Key.Key_Down)
    assert search.text() == "video"
    qtbot.keyClick(popup, Qt.Key.Key_Return)
    settle(qtbot, window)
    assert shown_names(window) == [HARBOUR]
    assert search.text() == "video"
    assert window.header.text().startswith("Photos tagged video  ·")
