"""read43: a run whose table lists a known tag's scores, measured on yes answers alone, and so
compared with the active version on nothing (verdict43's "not compared yet"): the Train page
says "not judged against v2 yet: the scores below were measured, but …", while `train` printed
its table of old and new scores, then "against v2: not compared yet: no tag known to both has
photos of both answers …", as if the figures just above were none. `train` (and --json's
verdict_words) now says it as the page does: "against v2: not judged yet: the scores above were
measured, but …"; the verdict stays "not compared yet", the version used as before."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from phototagger.core import labels
from phototagger.core.library import open_library
from phototagger.core.retrain import train_candidate
from phototagger.core.training_set import held_out
from phototagger.core.validation import NOT_COMPARED
from phototagger.paths import default_home
from tests.cli_helpers import run
from tests.gui_helpers import shown_result
from tests.switch_helpers import synthetic_library

WHY = "no tag known to both has photos of both answers (yes and no) set aside to test it"


def pets_then_yes_kept_out(capsys: pytest.CaptureFixture[str]) -> None:
    """'pets' taught on 12 yes and 12 no answers none kept out (v2, made active), then said yes
    to on 4 photos that are kept out: the answers v3 is tested on are all yes."""
    with open_library(default_home()) as lib:
        ids = synthetic_library(lib.db, 120)
        kept_in = [pid for pid in ids if not held_out(pid)]
        out_ids = [pid for pid in ids if held_out(pid)]
        labels.apply_edits(lib.db, labels.decision_edits(kept_in[:12], "pets", "add"))
        labels.apply_edits(lib.db, labels.decision_edits(kept_in[12:24], "pets", "reject"))
    code, _, err = run(capsys, "train")  # v2 learns pets (new: nothing to compare), active
    assert code == 0, err
    with open_library(default_home()) as lib:
        # Yes answers only among those kept out: 'pets' is measured (F1) and ranks nothing.
        labels.apply_edits(lib.db, labels.decision_edits(out_ids[:4], "pets", "add"))


def test_train_says_scores_above_were_measured(capsys: pytest.CaptureFixture[str]) -> None:
    pets_then_yes_kept_out(capsys)
    code, out, err = run(capsys, "train", "--json", "--no-activate")
    assert code == 0, err
    report = json.loads(out)
    rows = [m for m in report["metrics"] if m["tag"] == "pets"]
    assert rows and rows[0]["old"] is not None and rows[0]["held_out"], report["metrics"]
    assert report["verdict"] == NOT_COMPARED, report
    assert report["verdict_words"] == (
        f"too soon to tell if it is better: the scores above were measured, but {WHY}"
    ), report["verdict_words"]
    code, out, err = run(capsys, "train")
    assert code == 0, err
    said = "against v2: too soon to tell if it is better: the scores above were measured, but"
    assert f"{said} {WHY}" in out, out
    assert "not compared yet" not in out, out


def test_the_page_says_it_once(
    qtbot: QtBot, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The page's words as before (it takes them from the same place now): said once."""
    pets_then_yes_kept_out(capsys)
    with open_library(default_home()) as lib:
        result = train_candidate(lib)
    text = shown_result(qtbot, tmp_path, result).verdict.text()
    assert text.startswith(
        "<b>Model v3</b> (from v2): <b>too soon to tell if it is better than v2</b>: the scores "
        "below were "
        f"measured, but {WHY}."
    ), text
    assert text.count("measured") == 1, text
