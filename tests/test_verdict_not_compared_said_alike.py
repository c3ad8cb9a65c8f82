"""verdict43: a run with no answers kept out of training compared nothing with the active version.
The Train page said so ("Model v2 (from v1): not compared with v1 yet: no answers were kept out
of training to test it"), `train` said "against v1: can't tell yet; learned trip; no answers kept
out of training to compare old and new on yet" (--json: verdict "can't tell yet"), as if a test
had been made and could not decide. Both now say the page's words: `train` "against v1: not
compared yet: no answers were kept out of training to test it; learned trip", --json verdict
"not compared yet" with those words; the version is used as before (not_worse)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from phototagger.core import labels
from phototagger.core.library import open_library
from phototagger.core.retrain import TrainingResult
from phototagger.core.training_set import held_out
from phototagger.core.validation import NOT_COMPARED, verdict
from phototagger.paths import default_home
from tests.cli_helpers import run
from tests.gui_helpers import shown_result
from tests.switch_helpers import synthetic_library

WHY = "no answers were set aside to test it"


def test_train_says_not_compared_as_the_page_does(capsys: pytest.CaptureFixture[str]) -> None:
    with open_library(default_home()) as lib:
        ids = [pid for pid in synthetic_library(lib.db, 80) if not held_out(pid)]
        labels.apply_edits(lib.db, labels.decision_edits(ids[:20], "trip", "add"))
        labels.apply_edits(lib.db, labels.decision_edits(ids[20:40], "trip", "reject"))
    code, out, _ = run(capsys, "train", "--json", "--no-activate")
    assert code == 0
    report = json.loads(out)
    assert report["counts"]["held_out_photos"] == 0, report["counts"]
    assert report["verdict"] == NOT_COMPARED, report  # was "can't tell yet"
    assert report["verdict_words"] == f"not compared yet: {WHY}"
    assert report["not_worse"] is True  # used, as before
    code, out, _ = run(capsys, "train")
    assert code == 0
    # Was "against v1: can't tell yet; learned trip; no answers kept out of training to compare
    # old and new on yet": the reason is said once, in the page's words.
    assert f"against v1: not compared yet: {WHY}; learned trip\n" in out, out
    assert "can't tell" not in out and "no answers set aside" not in out, out


def test_the_page_says_the_same(qtbot: QtBot, tmp_path: Path) -> None:
    ok, summary = verdict([], "v1", new_tags=["trip"])
    result = TrainingResult("v2", "v1", [], ok, summary, {"new_tags": ["trip"]})
    assert result.judged() == NOT_COMPARED
    assert result.judged_words() == f"not compared yet: {WHY}"
    assert result.judged_words(named=True) == f"not compared with v1 yet: {WHY}"
    text = shown_result(qtbot, tmp_path, result).verdict.text()
    assert text.startswith(f"<b>Model v2</b> (from v1): <b>not compared with v1 yet</b>: {WHY}."), (
        text
    )
    assert "#d93025" not in text and "#34a853" not in text, text
