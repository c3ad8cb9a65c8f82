"""A (Accept Highlighted Tag) says why when there is nothing to accept. On a photo with no tag
(the Untagged photos), or on a tag already accepted, the key did nothing, silently, where Shift+A
beside it said "No suggestions left to accept on this photo" (walk61, a first hour with the
keyboard). The status bar now says why, and what to press instead."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from phototagger.core.library import open_library
from phototagger.paths import default_home
from phototagger.store.connection import transaction
from phototagger.store.photos import set_model_version
from phototagger.store.tags import write_model_tags_many
from tests.gui_helpers import open_window, settle
from tests.store_helpers import add_photo


def test_the_accept_key_says_why_it_accepts_nothing(qtbot: QtBot, tmp_path: Path) -> None:
    with open_library(default_home()) as lib, transaction(lib.db):
        tagged = add_photo(lib.db, "/pics/IMG_0001.jpg")
        bare = add_photo(lib.db, "/pics/IMG_0002.jpg")
        set_model_version(lib.db, [tagged, bare], "v1")
        write_model_tags_many(lib.db, ["dog"], [(tagged, [0.9], [0])], "v1")
    window = open_window(qtbot, None, tmp_path)
    settle(qtbot, window)
    accept = window.commands.accept_tag

    def on(photo_id: int) -> None:
        row = window.grid.grid_model().row_of(photo_id)
        assert row is not None
        window.grid.go_to_row(row)
        settle(qtbot, window)
        qtbot.waitUntil(lambda: window.chosen_photo_ids() == [photo_id])

    on(tagged)
    accept.trigger()  # the model's "dog": accepted, as before
    settle(qtbot, window)
    qtbot.waitUntil(lambda: window.status.currentMessage().startswith("Accepted “dog”"))
    accept.trigger()  # accepted already
    settle(qtbot, window)
    said = window.status.currentMessage()
    assert said == "“dog” is already accepted on this photo (J / K: another tag)", said

    on(bare)
    window.status.clearMessage()
    accept.trigger()
    said = window.status.currentMessage()
    assert said == "No tag to accept on this photo (T adds one)", said
