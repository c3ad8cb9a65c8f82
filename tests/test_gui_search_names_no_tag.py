"""Searching for a word that is no tag of the library ('sunglasses', typed in the search box):
the header read "No photos match: photos tagged sunglasses", the same as for a tag that no
photo in the filter has, so the photographer could not tell a word to change from photos to
tag. It says which words name no tag ("No photos match: no tag is called “sunglasses”"), as
`phototagger search` does; a tag that exists is not named. Such a word is looked for in the file
names too (test_gui_search_file_names.py): the header says when none has it either."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from phototagger.core.library import open_library
from phototagger.paths import default_home
from tests.gui_helpers import open_window, search_for, settle
from tests.switch_helpers import synthetic_library


def test_a_word_that_is_no_tag_is_named(qtbot: QtBot, tmp_path: Path) -> None:
    with open_library(default_home()) as lib:
        ids = synthetic_library(lib.db, 4)
    window = open_window(qtbot, None, tmp_path)
    window.resize(1440, 900)
    window.decide(ids[:2], "harbour", "add")
    window.decide(ids[2:], "Holidays/Norway", "add")
    settle(qtbot, window)

    search_for(qtbot, window, "sunglasses")
    assert window.model.rowCount() == 0
    assert window.header.text() == "No photos match: no tag or file name matches “sunglasses”"

    search_for(qtbot, window, "harbour, Sunglases, holidays/norway, trip")
    assert window.model.rowCount() == 0
    text = window.header.text()
    assert text == "No photos match: no tag or file name matches “Sunglases” or “trip”", text
    assert window.header.shown_text() == text  # whole, not cut, in a 1440-px window

    # Tags that exist, only not together: the header names the filter, nothing more.
    search_for(qtbot, window, "harbour, holidays")  # a tag group counts as a tag
    assert window.model.rowCount() == 0
    assert window.header.text() == "No photos match: photos tagged harbour and holidays"
    # A word left out that is no tag takes nothing away: photos show, no note.
    search_for(qtbot, window, "harbour, -sunglasses")
    assert window.model.rowCount() == 2


def test_tags_written_without_commas_are_shown_with_them(qtbot: QtBot, tmp_path: Path) -> None:
    """'animal -monkeys' typed as a photographer would write it (user27, in the app: the
    placeholder shows '-bird'): the header said only "no tag is called “animal -monkeys”",
    and the fix, a comma, was nowhere. It now shows the search written with commas, when each
    part is a tag of the library; a name that is no tag's stays as it was said."""
    with open_library(default_home()) as lib:
        ids = synthetic_library(lib.db, 6)
    window = open_window(qtbot, None, tmp_path)
    window.resize(1440, 900)
    window.decide(ids[:3], "monkeys", "add")
    window.decide(ids[2:5], "big cats", "add")
    settle(qtbot, window)

    search_for(qtbot, window, "big cats -monkeys")
    assert window.model.rowCount() == 0
    text = window.header.text()
    assert text == (
        "No photos match: no tag is called “big cats -monkeys”; "
        "tags are set apart by commas: “big cats, -monkeys”"
    ), text
    # Written so, it finds what was meant.
    search_for(qtbot, window, "big cats, -monkeys")
    assert window.model.rowCount() == 2

    search_for(qtbot, window, "monkeys !big cats")
    assert window.header.text().endswith("“monkeys, !big cats”"), window.header.text()

    # A part that is no tag: nothing to suggest.
    search_for(qtbot, window, "monkeys -sunglasses trip")
    assert window.header.text() == (
        "No photos match: no tag or file name matches “monkeys -sunglasses trip”"
    )
