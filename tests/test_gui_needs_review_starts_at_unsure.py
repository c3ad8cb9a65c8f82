"""In Needs review, a photo's keys start at the suggestion it is there for. A photo is listed
there for a suggestion under 60 %, yet A and R started at its surest tag: on a boy in a bow tie
(people 100 %, portrait 100 %, clothing 39 %) A confirmed "people" and the unsure "clothing"
waited two J presses away (found in the app on a library of 4,000 photos). Elsewhere the keys
still start at the first tag."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from phototagger.core.library import open_library
from phototagger.paths import default_home
from phototagger.store.tags import write_model_tags_many
from tests.gui_helpers import click_photo, click_sidebar, open_window, settle, shown_names
from tests.switch_helpers import synthetic_library


def test_needs_review_highlights_the_unsure_suggestion(qtbot: QtBot, tmp_path: Path) -> None:
    with open_library(default_home()) as lib:
        photos = synthetic_library(lib.db, 4)
        names = ["people", "portrait", "clothing"]
        for photo in photos[:2]:
            write_model_tags_many(lib.db, names, [(photo, [1.0, 0.99, 0.39], [0, 1, 2])], "v1")
    window = open_window(qtbot, None, tmp_path)
    click_sidebar(qtbot, window, "Needs review")
    first, second = shown_names(window)[:2]
    click_photo(qtbot, window, first)
    settle(qtbot, window)
    tags = window.details.tags
    assert [r.entry.name for r in tags.rows][:3] == names
    assert tags.highlighted is not None and tags.highlighted.name == "clothing"
    window.commands.next_photo.trigger()  # N: the next photo, at its unsure suggestion too
    settle(qtbot, window)
    assert window.details.title.text() == second
    assert tags.highlighted is not None and tags.highlighted.name == "clothing"

    click_sidebar(qtbot, window, "All photos")
    click_photo(qtbot, window, first)
    settle(qtbot, window)
    assert tags.highlighted is not None and tags.highlighted.name == "people"
