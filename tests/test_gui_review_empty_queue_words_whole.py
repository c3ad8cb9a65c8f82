"""walk48: at a 13-point font in an 856 x 600 window, the Review tab on a tag taught and not
trained yet ('gig', added to 10 photos) said "The model has not learned 'gig' yet: 10 photos
have it: train to learn it" in three lines that scrolled for the rest, over an empty queue
that kept the room of its four rows. With no rows to keep, the words take the room they need."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from phototagger.core import labels
from phototagger.core.library import open_library
from phototagger.paths import default_home
from tests.gui_helpers import open_window, settle
from tests.switch_helpers import synthetic_library

# Under X the panel was narrower (230 px: the grid keeps its columns) and 'gig' took 5 lines;
# offscreen it is 272 px, where a longer name does.
TAG = "gig at the harbour pub"


def test_the_words_over_an_empty_queue_are_whole(
    at_13_points: None, qtbot: QtBot, tmp_path: Path
) -> None:
    with open_library(default_home()) as lib:
        ids = synthetic_library(lib.db, 40)
        labels.apply_edits(lib.db, labels.decision_edits(ids[:10], TAG, "add"))
    window = open_window(qtbot, None, tmp_path)
    window.resize(856, 600)
    window._show_retrain("review")
    page = window.retrain.review_page
    page.load(TAG)
    settle(qtbot, window)
    question = page.question
    qtbot.waitUntil(lambda: f"has not learned “{TAG}” yet" in question.text())
    settle(qtbot, window)
    assert page.list.count() == 0
    assert question.verticalScrollBar().maximum() == 0, (question.height(), question.text())
    assert question.toolTip() == ""
    assert question.height() >= question.label.heightForWidth(question.viewport().width())
    window.close()
