"""pass38, "monkeys" taught from 10 yes in the app on ImageNet sample photos the project never
saw, trained: the new version put it on 4 photos more, all primates, and the Train page said
"⚠ monkeys: no photo answered no: it cannot be told apart; answer no on a few photos it should
not have (...)". Told apart from what, a new user could not say, and a ⚠ over a tag that did
right read as "something went wrong". The words say now what is missing and why it matters
("nothing tells it where “strings” stops: it may go on photos that only look like your 5"), a
⚠ where the version puts the tag on more photos than it has yes answers, a plain note asking to
look over the few it goes on otherwise; `train` says the same words (core/no_answers.py)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from phototagger.gui.retrain_train import AFTER_APPLY, NOTES_GAP_PX, WARNING, TrainPage
from tests.cli_helpers import run
from tests.test_train_verdict_names_every_new_tag import trained_in_window, window_on_kinds

pytestmark = pytest.mark.model

Capsys = pytest.CaptureFixture[str]

# "music" on the violins and trumpets; "strings" on the violins alone.
TAUGHT = {"music": ("_violin", "_trumpet"), "strings": ("_violin",)}
WARNED = (
    "strings: no photo answered no yet, so nothing tells it where “strings” stops: it may go on "
    "photos that only look like your 5; answer no on a few photos it should not have ({queue} "
    "lists photos to answer)"
)
NOTED = (
    "music: no photo answered no yet, so nothing tells it where “music” stops; it goes on "
    "{others} photos besides the 10 you said yes to: answer no on those that should not have it "
    "({queue} lists photos to answer)"
)


@pytest.fixture
def taught(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, engine: object, qtbot: QtBot, capsys: Capsys
) -> TrainPage:
    """The KINDS' det-photos in the window, TAUGHT there, and trained on the Train page."""
    window, of = window_on_kinds(engine, qtbot, capsys, tmp_path, monkeypatch)
    for tag, kinds in TAUGHT.items():  # no "no" on either
        window.decide(of(kinds), tag, "add")
    return trained_in_window(qtbot, window)


def test_the_few_no_words_say_where_the_tag_stops(taught: TrainPage, capsys: Capsys) -> None:
    page = taught
    assert page.result is not None
    counts = page.result.counts
    assert counts["few_no"] == {"music": 0, "strings": 0}
    photos = counts["few_no_photos"]
    # As seen: strings on 6 photos besides its 5 yes, music on 4 besides its 10.
    assert photos["strings"]["yes"] == 5 and photos["strings"]["others"] > 5, photos
    music = photos["music"]["others"]
    assert photos["music"]["yes"] == 10 and 0 < music <= 10, photos

    text = page.few_no_note.text()
    assert page.few_no_note.isVisible()
    queue = AFTER_APPLY  # new tags: their queues are there once the run is applied
    warned = (
        f"{WARNING}{WARNED.format(queue=queue)}: <a href='#review:strings'>review “strings”</a>"
    )
    noted = f"{NOTED.format(others=music, queue=queue)}: <a href='#review:music'>review “music”</a>"
    # The warning first, with its ⚠; the note after the gap that parts them, with none.
    assert warned in text, text
    notes = text.split(f"margin-top:{NOTES_GAP_PX}px")
    assert len(notes) == 2 and noted in notes[1], text
    assert text.count("⚠") == 1 and "told apart" not in text, text

    # `train` says the same words, naming its own queue.
    code, out, _ = run(capsys, "train", "--no-activate", "--json")
    assert code == 0, out
    report = json.loads(out)
    music = report["counts"]["few_no_photos"]["music"]["others"]
    cli = "phototagger review {tag}"
    assert report["few_no_answers"] == [
        {
            "tag": "music",
            "no": 0,
            "note": NOTED.format(others=music, queue=cli.format(tag="music")),
        },
        {"tag": "strings", "no": 0, "warning": WARNED.format(queue=cli.format(tag="strings"))},
    ], report["few_no_answers"]
    code, out, _ = run(capsys, "train", "--no-activate")
    assert code == 0, out
    assert f"warning: {WARNED.format(queue=cli.format(tag='strings'))}\n" in out, out
    assert f"note: {NOTED.format(others=music, queue=cli.format(tag='music'))}\n" in out, out
    assert "told apart" not in out and "warning: music" not in out, out
