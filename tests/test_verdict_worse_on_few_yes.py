"""weak34: 'kitchen things' after a second review round (360 ImageNet sample photos) was tested
on 8 answers kept out of training, 1 of them yes: the new version ranked that photo fifth
where the active one ranked it fourth (Order 25 -> 20, in italics: "figures in italics rest
on fewer than 5 'yes' answers it was tested on: they say little yet"), and the page headed it
"Worse than v5" in red, `train` "v6 measures worse than v5, so v5 stays active": the round's
answers changed nothing, on one photo's rank, and nothing said what the verdict rested on.
walk41 saw it again: a red "Worse than v3" in the sentence "... (on 2 yes answers kept out of
training: too few to be sure it is worse)". A lower ranking is now worse only where as many yes
answers ranked lower are beyond chance (test_verdict_sample_size); else the headline is "can't
tell yet", not in red, and the version is used.

The same round answered once more: "against v5: not worse" (the page: "Not worse than v5", in
green), tested on 10 answers, 2 of them yes, the figures in italics again: issue 8's "'not
worse' on 8 labelled photos is not a verdict". It is headed "can't tell yet" (the version is
used as before) and says what it rests on."""

from __future__ import annotations

from pathlib import Path

import numpy as np
from pytestqt.qtbot import QtBot

from phototagger.core.retrain import TrainingResult
from phototagger.core.training_set import Labels
from phototagger.core.validation import (
    CANT_TELL,
    TOO_FEW_TO_BE_SURE,
    Scored,
    compare,
    headline,
    verdict,
)
from tests.gui_helpers import open_window, settle


def _labels(truth: list[bool]) -> Labels:
    by_photo = {i: {"kitchen things": t} for i, t in enumerate(truth)}
    return Labels(
        by_photo, {"kitchen things": sum(truth)}, {"kitchen things": len(truth) - sum(truth)}
    )


def _scored(scores: list[float]) -> Scored:
    return Scored(["kitchen things"], np.array([0.7]), np.array(scores, dtype=float)[:, None])


def _headed(qtbot: QtBot, tmp_path: Path, result: TrainingResult) -> str:
    """The Train page's verdict, as it shows `result`."""
    window = open_window(qtbot, None, tmp_path)
    page = window.retrain.train_page
    page.show_result(result)
    settle(qtbot, window)
    return page.verdict.text()


SAID = " (the 1 yes answer set aside to test it ranked lower: too few to say it is worse)"


def test_lower_on_one_yes_answer_is_not_headed_worse(qtbot: QtBot, tmp_path: Path) -> None:
    truth = [True] + [False] * 7
    # The yes photo is fourth of eight for the active version, fifth for the new one; both
    # leave it under the cut and take three "no" photos.
    old = _scored([0.6, 0.9, 0.85, 0.8, 0.3, 0.2, 0.1, 0.05])
    new = _scored([0.6, 0.9, 0.85, 0.8, 0.75, 0.2, 0.1, 0.05])
    metrics = compare(old, new, list(range(8)), _labels(truth))
    before = metrics[0].old
    assert before is not None and round(before.average_precision, 2) == 0.25
    assert round(metrics[0].new.average_precision, 2) == 0.2
    ok, summary = verdict(metrics, "v5")
    # walk41: "Worse than v3" in red, in a sentence ending "too few to be sure it is worse".
    # One photo ranked one place lower says nothing: the version is used, the page says so.
    assert ok and headline(ok, metrics) == CANT_TELL
    assert summary.endswith(
        "and ranks the photo you said yes to lower among the others than before" + SAID
    ), summary
    text = _headed(qtbot, tmp_path, TrainingResult("v6", "v5", metrics, ok, summary, {}))
    assert "Worse than" not in text and "#d93025" not in text, text  # no red "worse"
    assert "<b>can't tell yet</b> whether it is better or worse than v5, tested on 8" in text


def test_lower_on_two_of_five_yes_answers_is_within_chance() -> None:
    truth = [True] * 5 + [False] * 5
    old = _scored([0.9] * 5 + [0.1] * 5)
    # Two "no" photos now over two yes, all four taken: 2 answers decided worse, 2 yes answers
    # ranked lower.
    new = _scored([0.9, 0.9, 0.9, 0.75, 0.75, 0.8, 0.8, 0.1, 0.1, 0.1])
    metrics = compare(old, new, list(range(10)), _labels(truth))
    ok, summary = verdict(metrics, "v5")
    assert ok and headline(ok, metrics) == CANT_TELL
    assert summary.endswith(
        "lower among the others than before (2 of the 5 yes answers set aside to test it "
        "ranked lower, 0 higher: too few to say it is worse); it decides 2 answers worse than "
        "before and 0 better: too few to say it is worse"
    ), summary


def test_not_worse_on_two_yes_answers_is_headed_cant_tell_yet(qtbot: QtBot, tmp_path: Path) -> None:
    truth = [True, True] + [False] * 8
    # The active version finds neither yes and takes three "no"; the new one finds one and
    # takes one "no": right on 8 of 10 against 5.
    old = _scored([0.5, 0.4, 0.9, 0.8, 0.75, 0.3, 0.2, 0.1, 0.1, 0.1])
    new = _scored([0.9, 0.4, 0.8, 0.3, 0.3, 0.3, 0.2, 0.1, 0.1, 0.1])
    metrics = compare(old, new, list(range(10)), _labels(truth))
    assert (metrics[0].right, metrics[0].right_before) == (8, 5)
    ok, summary = verdict(metrics, "v5")
    assert ok  # used, as before
    assert headline(ok, metrics) == CANT_TELL
    assert summary == (
        "on 1 tag: right on 8 of 10 answers it was not trained on (v5: 5), finds 1 of the 2 "
        "photos you said yes to (v5: 0) (checked on 2 yes answers the training did not see: too "
        "few to tell)"
    )
    text = _headed(qtbot, tmp_path, TrainingResult("v7", "v5", metrics, ok, summary, {}))
    assert "Not worse than" not in text and "#34a853" not in text, text  # no green "not worse"
    assert "<b>can't tell yet</b> whether it is better or worse than v5" in text, text


def test_not_worse_on_five_yes_answers_is_headed_as_before() -> None:
    truth = [True] * 5 + [False] * 5
    old = _scored([0.9, 0.9, 0.9, 0.5, 0.5, 0.8, 0.1, 0.1, 0.1, 0.1])
    new = _scored([0.9] * 5 + [0.1] * 5)
    metrics = compare(old, new, list(range(10)), _labels(truth))
    ok, summary = verdict(metrics, "v5")
    # Not "can't tell yet" (5 yes answers), nor "not worse" on 10 answers: fewer than the sign
    # test needs to catch a version one answer in ten worse (test_verdict_not_worse_on_few_answers).
    assert ok and headline(ok, metrics) == TOO_FEW_TO_BE_SURE
    assert "too few" not in summary
