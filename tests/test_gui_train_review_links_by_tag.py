"""q39: the Train page's warnings and notes end, for a tag with few "no" answers, with a link to
the tag's review queue. The links were paired with the lines by place (the first warnings took
them in turn), so a list in another order, or with a line about no tag (the files' keywords')
or a tag without a queue to link before them, sent the user to another tag's queue. Each link
now follows the line about its own tag (the page builds its note with warnings_then_notes,
its links by tag from few_no_said: tests/test_gui_train_points_to_review.py follows one).
"""

from __future__ import annotations

import html
import re
from pathlib import Path
from urllib.parse import quote, unquote

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from phototagger.core.no_answers import few_no_keywords_words, few_no_words, own_photos_words
from phototagger.gui.retrain_train import IN_REVIEW, REVIEW, review_link, warnings_then_notes
from tests.cli_helpers import critters_labelled, run
from tests.gui_helpers import JOB_TIMEOUT_MS, settle, train_page

# Lines in an order where pairing by place goes wrong: the files' keywords' warning (no tag, no
# queue) first, then two tags, and a note about a tag that has no link before one that has.
WARNINGS = [
    (None, few_no_keywords_words({"Holiday": 0, "Places/Crete": 1})),
    ("pets", few_no_words("pets", 1, IN_REVIEW, 8, 40)),
    ("monkeys", few_no_words("monkeys", 0, IN_REVIEW, 5, 12)),
]
NOTES = [
    ("trip", own_photos_words("trip", 12)),
    ("cats", few_no_words("cats", 2, IN_REVIEW, 6, 1)),
]
LINKS = {tag: f": {review_link(tag)}" for tag in ("monkeys", "cats", "pets")}  # another order


def _lines(text: str) -> list[str]:
    return [line for line in re.split(r"<br>|<p[^>]*>", text) if line]


def _queues(line: str) -> list[str]:
    """The tags whose queues `line` links to."""
    return [unquote(href) for href in re.findall(rf"href='{REVIEW}([^']+)'", line)]


def test_each_review_link_follows_the_line_about_its_own_tag(qtbot: QtBot) -> None:
    text = warnings_then_notes(WARNINGS, NOTES, LINKS)
    lines = _lines(text)
    assert len(lines) == 5, lines
    expected = [[], ["pets"], ["monkeys"], [], ["cats"]]
    assert [_queues(line) for line in lines] == expected, lines


def test_the_train_page_links_each_line_to_its_own_tags_queue(
    engine: object,
    monkeypatch: pytest.MonkeyPatch,
    qtbot: QtBot,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """A real run with several tags of few "no" answers: on the Train page, each link to a
    review queue sits on the line about that tag, and opens that tag's queue."""
    critters_labelled(engine, tmp_path / "pics", monkeypatch, capsys)
    pics = tmp_path / "pics"
    # Taught with yes answers alone: "hoofed" on 2 zebras, 2 horses and 2 sheep of 5 each
    # (it goes on more of them than it has yes answers: a warning), "pets" on 3 dogs of 5 (on
    # no more: a note), "big cats" on every lion and tiger (on none besides: the other note).
    for tag, kinds, each in (
        ("hoofed", ("zebra", "horse", "sheep"), 2),
        ("pets", ("dog",), 3),
        ("big cats", ("lion", "tiger"), 5),
    ):
        yes = [str(p) for kind in kinds for p in sorted(pics.glob(f"n*_{kind}.jpg"))[:each]]
        assert run(capsys, "label", *yes, "--add", tag)[0] == 0
    window, page = train_page(qtbot, tmp_path)
    with qtbot.waitSignal(page.trained, timeout=JOB_TIMEOUT_MS):
        qtbot.mouseClick(page.train_button, Qt.MouseButton.LeftButton)
    settle(qtbot, window)
    linked: list[tuple[QLabel, str]] = []
    for label in (page.few_no_note, page.few_photos_note):
        for line in _lines(html.unescape(label.text())):
            plain = re.sub(r"<[^>]+>", "", line).removeprefix("⚠").strip()
            for tag in _queues(line):
                linked.append((label, tag))
                # The few-photos note names it in the app's quotes (walk52).
                assert re.match(rf"“?{re.escape(tag)}”?[ :]", plain), (tag, plain)
    in_warnings = [tag for label, tag in linked if label is page.few_no_note]
    assert "hoofed" in in_warnings and len(linked) >= 2, (page.few_no_note.text(), linked)
    # Each link opens the Review tab on the queue of the tag its line names.
    for label, tag in linked:
        label.linkActivated.emit(f"{REVIEW}{quote(tag, safe='')}")
        settle(qtbot, window)
        assert window.retrain.review_page.tag == tag
