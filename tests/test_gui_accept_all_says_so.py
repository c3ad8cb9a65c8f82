"""Accept All Suggestions (Shift+A) says what it did. On 52 selected photos it accepted about a
hundred suggestions with no word anywhere (the details panel's "52/52" read as before), and on
photos with nothing left to accept the key did nothing, silently (found in the app on a library
of 4,000 photos). The status bar now says how many it accepted on how many photos, or that there
was nothing to accept."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from phototagger.core.library import open_library
from phototagger.paths import default_home
from phototagger.store.tags import write_model_tags_many
from tests.gui_helpers import open_window, settle
from tests.switch_helpers import synthetic_library


def test_accept_all_says_what_it_accepted(qtbot: QtBot, tmp_path: Path) -> None:
    with open_library(default_home()) as lib:
        photos = synthetic_library(lib.db, 3)
        for photo in photos:
            write_model_tags_many(lib.db, ["dog", "animal"], [(photo, [0.9, 0.8], [0, 1])], "v1")
    window = open_window(qtbot, None, tmp_path)
    window.grid.selectAll()
    settle(qtbot, window)
    assert len(window.chosen_photo_ids()) == 3
    accept_all = window.commands.accept_all
    accept_all.trigger()
    settle(qtbot, window)
    said = window.status.currentMessage()
    assert said.startswith("Accepted 6 suggestions on 3 photos"), said
    accept_all.trigger()  # nothing left to accept
    settle(qtbot, window)
    said = window.status.currentMessage()
    assert said == "No suggestions left to accept on the 3 selected photos", said
