"""pass38, a new user teaching "monkeys" on 10 photos the project never saw: the Train page
warned "⚠ monkeys: no photo answered no: it cannot be told apart; answer no on a few photos it
should not have", and `train` the same, without a word of where to answer: the note under it on
a tag that goes on few photos ended "(its queue in the Review tab lists its likely misses) ...:
review “monkeys”" (a link) and "(phototagger review monkeys lists its likely misses)". The
warning names the tag's queue now, the app's with a link that opens it under Review, the command
line's as `review TAG`."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from phototagger.gui.retrain_train import AFTER_APPLY
from tests.cli_helpers import run
from tests.gui_helpers import settle
from tests.test_train_verdict_names_every_new_tag import trained_in_window, window_on_kinds

# words38: on the 4 photos besides its 10 yes (the trombones), said plainly, not warned of.
SAID = (
    "music: no photo answered no yet, so nothing tells it where “music” stops; it goes on "
    "{others} photos besides the 10 you said yes to: answer no on those that should not have it "
    "({queue} lists photos to answer)"
)


def test_the_few_no_warning_says_where_to_answer(
    qtbot: QtBot,
    engine: object,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    window, of = window_on_kinds(engine, qtbot, capsys, tmp_path, monkeypatch)
    # Violins and trumpets, no "no": it goes on the trombones too, unasked.
    window.decide(of(("_violin", "_trumpet")), "music", "add")
    page = trained_in_window(qtbot, window)
    assert page.result is not None
    assert page.result.counts["few_no"] == {"music": 0}
    note = page.few_no_note
    assert note.isVisible()
    link = "<a href='#review:music'>review “music”</a>"
    others = page.result.counts["few_no_photos"]["music"]["others"]
    said = SAID.format(others=others, queue=AFTER_APPLY)
    assert f"{said}: {link}" in note.text(), note.text()
    # The link opens the tag's queue under Review; before Apply, it says how to get there.
    note.linkActivated.emit("#review:music")
    settle(qtbot, window)
    review = window.retrain.review_page
    qtbot.waitUntil(lambda: review.tag == "music")
    settle(qtbot, window)
    assert review.isVisible()
    assert review.question.text() == (
        "The version in use (v1) does not know “music”: you taught it in version v2, which is "
        "not active (click Apply on the Train page to use it)"
    )

    # `train` names its own queue.
    code, out, _ = run(capsys, "train")
    assert code == 0, out
    assert f"note: {SAID.format(others=others, queue='phototagger review music')}\n" in out, out
