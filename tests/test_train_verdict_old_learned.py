"""Issue 8 (QA): the Train page said, in green, "Model v3 (from v2): Not worse than v2" over a
table where "Trip 9 holiday" read right 88 -> 17 in red, and "right on 11 of 21 answers ...
(v2: 18), finds 5 of the 15 photos you said yes to (v2: 15); it decides 10 answers worse than
before and 3 better: too few to say it is worse". Two things pulled the words and the figures
apart:
- the answers kept out of v3's training to test it were not kept out of v2's: v2 had been
  trained on them, so its side was flattered. They are now left out of the comparison (the
  answers neither version learned from are compared), and the summary says how many and why;
- a version that decides more answers worse, too few to say it is worse, was headed "Not
  worse" in green. It is now "can't tell yet", on the page and in `train` (text and --json)."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from pytestqt.qtbot import QtBot

from phototagger.core import labels
from phototagger.core.library import Library, open_library
from phototagger.core.model.activation import activate_version
from phototagger.core.retrain import TrainingResult, train_candidate
from phototagger.core.training_set import Labels, held_out
from phototagger.core.validation import (
    CANT_TELL,
    NEW_ONLY,
    NOT_WORSE,
    Scored,
    compare,
    headline,
    verdict,
)
from phototagger.paths import default_home
from tests.cli_helpers import run
from tests.gui_helpers import open_window, settle
from tests.switch_helpers import synthetic_library

LONG_AGO = "2020-01-01T00:00:00+00:00"
LATER = "2999-01-01T00:00:00+00:00"


def _dated(lib: Library, ids: list[int], when: str) -> None:
    """The answers on `ids` as given at `when` (one run after another takes seconds here: a
    user's days apart)."""
    marks = ",".join("?" * len(ids))
    with lib.db.conn:
        lib.db.execute(
            "UPDATE photo_tags SET decided_at = ? WHERE state IS NOT NULL"
            f" AND photo_id IN ({marks})",
            [when, *ids],
        )


def _second_run(lib: Library, recorded: str) -> tuple[list[int], TrainingResult]:
    """'trip' taught (30 yes, 30 no) and v2 trained and made active on it; then 10 more yes and
    10 more no given, and v3 trained: (the photos, v3's result). `recorded` "held out": v2's
    record names the held-out answers it learned from; "order": it is as a version saved before
    it did, and the last decision it learned from tells (decisions_up_to); "date": as a version
    saved before either, in a library upgraded since (its answers before the upgrade have no
    order number), and the answers' dates tell (one run after another takes a second here: a
    user's days apart)."""
    ids = synthetic_library(lib.db, 100)
    labels.apply_edits(lib.db, labels.decision_edits(ids[:30], "trip", "add"))
    labels.apply_edits(lib.db, labels.decision_edits(ids[30:60], "trip", "reject"))
    if recorded == "date":
        _dated(lib, ids[:60], LONG_AGO)
        lib.db.execute("UPDATE photo_tags SET decided_seq = NULL")
        lib.db.conn.commit()
    v2 = train_candidate(lib).version
    activate_version(lib, v2)
    labels.apply_edits(lib.db, labels.decision_edits(ids[60:80], "trip", "add"))
    labels.apply_edits(lib.db, labels.decision_edits(ids[80:100], "trip", "reject"))
    if recorded != "held out":
        _dated(lib, ids[60:], LATER if recorded == "date" else LONG_AGO)
        path = default_home().model_versions / f"{v2}.json"
        record = json.loads(path.read_text(encoding="utf-8"))
        del record["held_out_answers"]
        if recorded == "date":
            del record["decisions_up_to"]
        path.write_text(json.dumps(record), encoding="utf-8")
    return ids, train_candidate(lib)


@pytest.mark.parametrize("recorded", ["held out", "order", "date"])
def test_answers_the_old_version_learned_from_are_left_out(
    qtbot: QtBot, tmp_path: Path, recorded: str
) -> None:
    with open_library(default_home()) as lib:
        ids, result = _second_run(lib, recorded)
    assert result.parent == "v2"
    seen = sum(held_out(p) for p in ids[:60])  # kept out of v3's first fit, not out of v2's
    fresh = [p for p in ids[60:] if held_out(p)]
    assert seen and fresh  # as in the app: both kinds among the answers kept out
    assert result.counts["learned_by_parent"] == {"trip": seen}
    trip = next(m for m in result.metrics if m.tag == "trip")
    assert trip.support == len(fresh)  # tested on the answers neither learned from
    said = f"not counted: {seen} of the answers it was checked on that v2 had learned from (trip)"
    assert said in result.summary, result.summary
    window = open_window(qtbot, None, tmp_path)
    page = window.retrain.train_page
    page.show_result(result)
    settle(qtbot, window)
    text = page.verdict.text()
    assert said in text, text
    if trip.new.positives and trip.new.negatives:
        assert "that neither learned from" in text, text


def _qa_figures() -> tuple[list, bool, str]:
    """The QA's figures for 'Trip 9 holiday': 21 answers, 15 yes. v2 finds all 15 and takes 3
    of the 6 no (right on 18); v3 finds 5 and takes none (right on 11), ranking every yes
    first: 10 answers decided worse and 3 better."""
    truth = [True] * 15 + [False] * 6
    by_photo = {i: {"trip": t} for i, t in enumerate(truth)}
    answers = Labels(by_photo, {"trip": 15}, {"trip": 6})
    old = Scored(["trip"], np.array([0.5]), np.array([0.9] * 15 + [0.95] * 3 + [0.1] * 3)[:, None])
    new = Scored(["trip"], np.array([0.5]), np.array([0.9] * 5 + [0.45] * 10 + [0.1] * 6)[:, None])
    metrics = compare(old, new, list(range(21)), answers)
    ok, summary = verdict(metrics, "v2")
    return metrics, ok, summary


def test_more_answers_worse_too_few_to_say_is_not_headed_not_worse(
    qtbot: QtBot, tmp_path: Path
) -> None:
    metrics, ok, summary = _qa_figures()
    assert (metrics[0].right, metrics[0].right_before, metrics[0].lost, metrics[0].won) == (
        11,
        18,
        10,
        3,
    )
    assert ok and "too few to say it is worse" in summary  # not made worse: kept as it was
    assert headline(ok, metrics) == CANT_TELL
    result = TrainingResult("v3", "v2", metrics, ok, summary, {})
    window = open_window(qtbot, None, tmp_path)
    page = window.retrain.train_page
    page.show_result(result)
    settle(qtbot, window)
    text = page.verdict.text()
    assert "Not worse than" not in text and "#34a853" not in text, text  # no green "not worse"
    assert "<b>can't tell yet</b> whether it is better or worse than v2" in text, text
    assert not page.apply_button.isDefault()


def test_a_clear_gain_is_still_not_worse() -> None:
    truth = [True] * 10 + [False] * 10
    answers = Labels({i: {"trip": t} for i, t in enumerate(truth)}, {"trip": 10}, {"trip": 10})
    old = Scored(["trip"], np.array([0.5]), np.array([0.9] * 6 + [0.1] * 14)[:, None])
    new = Scored(["trip"], np.array([0.5]), np.array([0.9] * 10 + [0.1] * 10)[:, None])
    metrics = compare(old, new, list(range(20)), answers)
    ok, _ = verdict(metrics, "v2")
    assert headline(ok, metrics) == NOT_WORSE


def test_train_says_the_verdict_as_the_page_does(capsys: pytest.CaptureFixture[str]) -> None:
    with open_library(default_home()) as lib:
        ids = synthetic_library(lib.db, 60)
        labels.apply_edits(lib.db, labels.decision_edits(ids[:20], "trip", "add"))
        labels.apply_edits(lib.db, labels.decision_edits(ids[20:50], "trip", "reject"))
    code, out, _ = run(capsys, "train", "--no-activate")
    assert code == 0
    # Only a new tag was measured: nothing compared, as the page says ("new tags only"). It
    # said "against v1: can't tell yet; learned trip; nothing to compare old and new on yet: …".
    assert "against v1: new tags only, nothing to compare with v1 yet; learned trip\n" in out, out
    code, out, _ = run(capsys, "train", "--json")
    assert code == 0
    report = json.loads(out)
    assert report["verdict"] == NEW_ONLY and report["not_worse"] is True
    assert report["verdict_words"] == "new tags only, nothing to compare with v1 yet"
    with open_library(default_home()) as lib:
        labels.apply_edits(lib.db, labels.decision_edits(ids[50:], "trip", "add"))
    code, out, _ = run(capsys, "train")
    assert code == 0
    assert f"against {report['version']}: " in out, out


def test_one_answer_the_old_version_learned_from_is_said_in_plain_words() -> None:
    ok, said = verdict([], "v2", {"trip": 1})
    assert ok
    assert said == (
        "nothing to compare old and new on yet: 1 of the answers this one was checked on (trip) "
        "is one v2 had learned from, so they cannot show which is better (answers you give "
        "from now on can)"
    )
