"""A library whose files carried keywords waits on hundreds of one-photo tags: the Train page
names the few closest to being learned and how many more there are, and shows all of its
summary instead of a first line cut off mid-sentence."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from phototagger.core import labels
from phototagger.core.library import open_library
from phototagger.core.new_tag_wait import NAMED_WAITING
from phototagger.paths import default_home
from tests.gui_helpers import train_page
from tests.switch_helpers import synthetic_library

KEYWORDS = 60  # one-photo tags, as a folder of stock photos with their keywords gives


def test_the_train_page_summarises_many_waiting_tags(qtbot: QtBot, tmp_path: Path) -> None:
    with open_library(default_home()) as lib:
        ids = synthetic_library(lib.db, KEYWORDS)
        edits = [
            e
            for i, photo in enumerate(ids)
            for e in labels.decision_edits([photo], f"keyword {i:03d}", "add")
        ]
        edits += labels.decision_edits(ids[:3], "grandma", "add")  # three of the five needed
        labels.apply_edits(lib.db, edits)
    window, page = train_page(qtbot, tmp_path)
    # What to do next, in two short lines; the tags each waiting under Details.
    summary = page.summary
    assert "Nothing new to learn yet: add “grandma” to 2 more photos." in summary.text()
    assert " has " not in summary.text() and "more new tags" not in summary.text()
    lines = summary.heightForWidth(summary.width()) // summary.fontMetrics().lineSpacing()
    assert summary.width() < 400 and lines <= 4, (summary.width(), lines)  # it was 11 at 230 px
    assert not page.why.isVisible()
    text = page.why.text()
    assert text == summary.toolTip()
    assert text.count(" has ") == NAMED_WAITING
    assert "“grandma” has 3 (add it to 2 more)" in text  # the closest one comes first
    assert f"and {KEYWORDS + 1 - NAMED_WAITING} more new tags" in text
    assert not page.train_button.isEnabled()
    summary.linkActivated.emit("#details")  # "Details"
    qtbot.waitUntil(page.why.isVisible)
    assert "Hide details" in summary.text()
    # The whole of it is on screen: the label is as tall as its wrapped text.
    label = page.why
    qtbot.waitUntil(lambda: label.height() >= label.heightForWidth(label.width()))
    summary.linkActivated.emit("#details")  # "Hide details"
    qtbot.waitUntil(lambda: not page.why.isVisible())
    assert ">Details</a>" in summary.text()
