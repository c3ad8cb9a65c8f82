"""walk41: "kitchen things", taught on ImageNet's sample photos and trained a second time, went on
no photo besides its yes answers, and the Train page's note said "... say yes to one or two of
each kind it misses (its queue in the Review tab lists its likely misses), then train again",
while that queue opened with "Nothing likely left to find for “kitchen things”: every photo you
have not answered scores under 18%, far below the 85% where it starts tagging", its first
question a dishwasher at 0%. Where the new version leaves no unanswered photo near its cut (the
queue's own test, core/review_mix.nothing_likely_left), the note names the queue as listing
"photos to answer" (`train`, `train --json`, the Train page), and the queue says what it says.

det-photos' five monkeys among 35 other photos (tests/test_review_says_nothing_likely_left.py):
the monkeys said yes, trained, the queue's first round answered no and trained again; it then
goes on the five monkeys alone, every other photo under 1% against a cut over 80%."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from phototagger.core.few_photos import few_photos_words
from phototagger.core.review_mix import ROUND
from phototagger.gui.retrain_train import _few_photos_html
from tests.cli_helpers import run
from tests.store_helpers import DET
from tests.test_review_says_nothing_likely_left import _review, taught

CapSys = pytest.CaptureFixture[str]

pytestmark = pytest.mark.skipif(not DET.is_dir(), reason="needs /work/shared/data/det-photos")

__all__ = ["taught"]  # the fixture, used by name


def test_the_note_does_not_promise_likely_misses_where_nothing_is_likely_left(
    taught: object, tmp_path: Path, capsys: CapSys
) -> None:
    rows, _, _ = _review(capsys)
    first = [str(r["path"]) for r in rows[:ROUND]]
    assert run(capsys, "label", *first, "--reject", "monkeys")[0] == 0
    code, out, _ = run(capsys, "train", "--json")
    assert code == 0, out
    report = json.loads(out)
    few = {f["tag"]: f for f in report["few_photos"]}
    assert set(few) == {"monkeys"}, report["few_photos"]
    monkeys = few["monkeys"]
    assert monkeys["others"] == 0 and monkeys["yes"] == 5, monkeys
    assert monkeys["nothing_likely_left"] is True, monkeys
    words = monkeys["words"]
    assert "(phototagger review monkeys lists photos to answer), then train again" in words, words
    assert "likely misses" not in words, words
    # The queue of the version trained says what the note now leads the user to expect.
    rows, _, err = _review(capsys)
    assert rows and all(r["nothing_likely_left"] is True for r in rows), rows
    assert err.startswith("Nothing likely left to find for “monkeys”"), err
    # The Train page's note reads the same counts.
    counts = {k: v for k, v in monkeys.items() if k not in ("tag", "words")}
    page = _few_photos_html("monkeys", counts)
    assert "(its queue in the Review tab lists photos to answer), then train again" in page, page
    assert "likely misses" not in page, page


def test_a_queue_with_photos_near_the_cut_still_lists_photos_it_may_have_missed() -> None:
    said = few_photos_words("x", 0, 10, "Q")
    assert said.endswith("(Q lists photos it may have missed), then train again"), said
    settled = few_photos_words("x", 0, 10, "Q", settled=True)
    assert settled.endswith("(Q lists photos to answer), then train again"), settled
