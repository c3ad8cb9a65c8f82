"""read38: a tag cut to stay on the photos the user said yes to (nothing the model sees tells
them apart: its threshold NOTHING_TAKEN, 1.0) was spoken of in its queue as cut at 100%: rows
read "1.00 ... likely missed: just below 100.0%, where it starts tagging", and the queue could
say "Nothing likely left to find ... far below the 100% where it starts tagging" while the Train
page asked for more answers. Its rows now say it stays on the photos said yes to, and its queue
is never said to have nothing likely left."""

from __future__ import annotations

import json
import random
import re
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from tests.cli_helpers import det_photos_scanned, run
from tests.gui_helpers import open_window, settle
from tests.store_helpers import DET

pytestmark = pytest.mark.skipif(not DET.is_dir(), reason="needs /work/shared/data/det-photos")

OWN = "not tagged: it stays on the photos you said yes to; asked in case it should have it"


@pytest.fixture
def trip(
    engine: object, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture
) -> object:
    """60 det-photos (every 16th), 15 drawn at random said yes to "trip" (a trip's photos:
    nothing in common to see), and `train`; the engine."""
    names = sorted(p.stem for p in DET.glob("n*.jpg"))[::16][:60]
    pics = det_photos_scanned(engine, tmp_path / "pics", names, monkeypatch, capsys)
    yes = [str(pics / f"{n}.jpg") for n in random.Random(38).sample(names, 15)]
    assert run(capsys, "label", *yes, "--add", "trip")[0] == 0
    assert run(capsys, "train")[0] == 0
    return engine


def test_review_of_a_tag_that_stays_on_its_own_photos_names_no_cut(
    trip: object, tmp_path: Path, capsys: pytest.CaptureFixture, qtbot: QtBot
) -> None:
    code, out, _ = run(capsys, "review", "--json", "trip", "--limit", "50")
    assert code == 0
    rows = json.loads(out)
    assert rows and all(r["threshold"] == 1.0 for r in rows), rows[:3]
    assert any(r["why"] == "not_tagged" for r in rows), rows
    assert all(r["why_words"] == OWN for r in rows if r["why"] == "not_tagged"), rows
    assert not any(r["nothing_likely_left"] for r in rows)
    code, text, err = run(capsys, "review", "trip", "--limit", "50")
    assert code == 0
    assert "100%" not in text + err and "100.0%" not in text + err, text + err
    assert "Nothing likely left" not in err, err
    assert f"; {OWN})" in text, text  # after what its figure is (test below)
    window = open_window(qtbot, trip, tmp_path)
    window._show_retrain("review")
    page = window.retrain.review_page
    page.load("trip")
    settle(qtbot, window)
    assert page.items and not page.settled.isVisible()
    shown = " ".join(page.list.item(i).text() for i in range(page.list.count()))
    assert "100%" not in shown and "may be missed" not in shown, shown


def test_a_score_of_a_tag_that_stays_on_its_own_photos_is_said_for_what_it_is(
    trip: object, tmp_path: Path, capsys: pytest.CaptureFixture, qtbot: QtBot
) -> None:
    """polish40: the queue of "Crete trip" (yes on a trip's folder, cut at 1.0) listed a bagel
    of another folder as "97% · not tagged", and asked "...; model 97%, not tagged: it stays on
    the photos you said yes to": the 97% read as the model 97% sure the bagel was from the trip.
    Its figure is how like the yes photos the photo looks, and is said so in `review`, the
    Review tab's list, its question and tooltips; `review --json` keeps its keys."""
    code, out, _ = run(capsys, "review", "--json", "trip", "--limit", "50")
    assert code == 0
    rows = json.loads(out)
    keys = {"path", "confidence", "why", "why_words", "threshold", "nothing_likely_left"}
    assert rows and all(set(r) == keys for r in rows), rows[:2]
    figures = {r["path"]: f"{r['confidence']:.0%}" for r in rows}
    code, text, _ = run(capsys, "review", "trip", "--limit", "50")
    assert code == 0
    lines = text.splitlines()
    assert len(lines) == len(rows), text
    for line, row in zip(lines, rows, strict=True):
        assert f"(looks {figures[row['path']]} like your yes photos; " in line, line
    window = open_window(qtbot, trip, tmp_path)
    window._show_retrain("review")
    page = window.retrain.review_page
    page.load("trip")
    settle(qtbot, window)
    assert page.items
    for row in range(page.list.count()):
        entry, item = page.list.item(row), page.items[row]
        figure = f"{item.confidence:.0%}"
        assert entry.text().splitlines()[1].startswith(f"{figure} like your yes photos"), entry
        assert f"\nLooks {figure} like your yes photos; " in entry.toolTip(), entry.toolTip()
    page.list.setCurrentRow(0)
    settle(qtbot, window)
    question = re.sub(r"<[^>]+>", "", page.question.text())
    figure = f"{page.items[0].confidence:.0%}"
    assert f"; looks {figure} like your yes photos, not tagged: " in question, question
    assert "model " not in question, question
