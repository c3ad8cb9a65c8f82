"""q39: a tag cut to stay on the photos the user said yes to (threshold NOTHING_TAKEN, 1.0) has
no cut to miss a photo below, yet its queue sorted each photo scoring 50% or more into "likely
missed" (--json's "why": "missed") and only its words said otherwise ("not tagged: it stays on
the photos you said yes to"). "holiday Crete", said yes on every photo of Crete and no on every
photo of WhatsApp, stays on its yes answers; its queue asked about a saxophone at Home scored
0.999 as "missed". Every such photo is sorted "not tagged" now, the line its words name.

The library (taught_by_folders) serves tests/test_train_own_tag_not_called_learned.py too."""

from __future__ import annotations

import json
import random
import shutil
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from phototagger.core.review_mix import OWN_WORDS
from tests.cli_helpers import run, scan_with
from tests.gui_helpers import open_window, settle
from tests.store_helpers import DET

pytestmark = pytest.mark.skipif(not DET.is_dir(), reason="needs /work/shared/data/det-photos")

MONKEYS = "n02484322"
TRIP = 16


@pytest.fixture
def taught_by_folders(
    engine: object, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture
) -> object:
    """det-photos copied into Crete and WhatsApp (TRIP photos of random kinds each) and Home
    (20 others and det-photos' five monkeys), scanned with the real model; "holiday Crete" said
    yes on all of Crete and no on all of WhatsApp, "monkeys" yes on the five monkeys. The
    engine."""
    root = tmp_path / "pics"
    photos = sorted(DET.glob("n*.jpg"))
    monkeys = [p for p in photos if p.name.startswith(MONKEYS)]
    drawn = random.Random(39).sample([p for p in photos if p not in monkeys], 2 * TRIP + 20)
    layout = {"Crete": drawn[:TRIP], "WhatsApp": drawn[TRIP : 2 * TRIP]}
    layout["Home"] = drawn[2 * TRIP :] + monkeys
    copies: dict[str, list[str]] = {}
    for folder, sources in layout.items():
        (root / folder).mkdir(parents=True)
        copies[folder] = [str(shutil.copy(p, root / folder / p.name)) for p in sources]
    assert scan_with(engine, root, monkeypatch, capsys) == 0
    assert run(capsys, "label", *copies["Crete"], "--add", "holiday Crete")[0] == 0
    assert run(capsys, "label", *copies["WhatsApp"], "--reject", "holiday Crete")[0] == 0
    assert run(capsys, "label", *copies["Home"][-5:], "--add", "monkeys")[0] == 0
    return engine


def test_a_high_score_of_a_tag_that_stays_on_its_own_photos_is_not_likely_missed(
    taught_by_folders: object, tmp_path: Path, capsys: pytest.CaptureFixture, qtbot: QtBot
) -> None:
    assert run(capsys, "train")[0] == 0
    code, out, _ = run(capsys, "review", "--json", "holiday Crete", "--limit", "50")
    assert code == 0
    rows = json.loads(out)
    assert rows and all(r["threshold"] == 1.0 for r in rows), rows[:3]
    high = [r for r in rows if r["confidence"] >= 0.5 and r["why"] != "unseen"]
    assert high, rows  # photos it scores 50% or more, asked about
    # Sorted where their words say they belong, every one: none "missed" (was: each of these).
    assert all(r["why"] == "not_tagged" for r in high), high
    assert all(r["why_words"] == OWN_WORDS for r in rows if r["why"] == "not_tagged"), rows
    assert not any(r["why"] == "missed" for r in rows), rows
    window = open_window(qtbot, taught_by_folders, tmp_path)
    window._show_retrain("review")
    page = window.retrain.review_page
    page.load("holiday Crete")
    settle(qtbot, window)
    lines = {item.why for item in page.items}
    assert "not tagged" in lines and not lines & {"may be missed", "below, check"}, lines
    shown = [page.list.item(i).text() for i in range(page.list.count())]
    assert any("· not tagged" in s for s in shown) and not any("missed" in s for s in shown)
