"""verdict43: under a "can't tell yet" headline the Train page's table still showed a figure that
fell in red ('Trip 9 holiday': "Yes right v2 → v3: 91 → 50" in red under "can't tell yet
whether it is better or worse than v2"): a red cell reads as "worse" where the headline says
nobody can tell. A fall is now plain, its tooltip saying what it rests on and why it is not in
red; red stays for a verdict that is "worse", and a rise stays green."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from phototagger.core.retrain import TrainingResult
from phototagger.core.validation import CANT_TELL, WORSE, compare, verdict
from phototagger.gui.retrain_train import BAD, GOOD
from tests.gui_helpers import shown_result
from tests.test_train_verdict_old_learned import _qa_figures
from tests.test_verdict_sample_size import _labels, _scored


def _trained(truth: list[bool], old: list[float], new: list[float]) -> TrainingResult:
    """v3 trained from v2, tested on `truth` (one tag), scored `old` and `new`."""
    metrics = compare(_scored(old), _scored(new), list(range(len(truth))), _labels(truth))
    ok, summary = verdict(metrics, "v2")
    return TrainingResult("v3", "v2", metrics, ok, summary, {})


def test_a_fall_under_cant_tell_yet_is_not_red(qtbot: QtBot, tmp_path: Path) -> None:
    metrics, ok, summary = _qa_figures()  # right on 11 of 21 where v2 was on 18
    result = TrainingResult("v3", "v2", metrics, ok, summary, {})
    assert result.judged() == CANT_TELL
    page = shown_result(qtbot, tmp_path, result)
    right, order = page.metrics.item(0, 2), page.metrics.item(0, 3)
    assert right is not None and order is not None
    assert (right.text(), order.text()) == ("91 → 50", "67 → 100")
    assert right.foreground().color() != BAD, "a red fall under can't tell yet"
    assert order.foreground().color() == GOOD  # a rise stays green
    tip = right.toolTip()
    assert (
        "Match fell, 91 → 50: 10 answers decided worse and 3 better, of the 21 answers it "
        "was tested on; not in red: the verdict above does not find this version worse"
    ) in tip, tip
    assert "fell" not in order.toolTip()


def test_an_order_that_fell_says_the_yes_answers(qtbot: QtBot, tmp_path: Path) -> None:
    # test_verdict_sample_size's: 2 of 4 yes answers ranked lower, 2 decided worse: can't tell.
    result = _trained(
        [True] * 4 + [False] * 4, [0.9] * 4 + [0.1] * 4, [0.9, 0.9, 0.6, 0.6, 0.7, 0.7, 0.1, 0.1]
    )
    assert result.judged() == CANT_TELL
    page = shown_result(qtbot, tmp_path, result)
    order = page.metrics.item(0, 3)
    assert order is not None and order.foreground().color() != BAD
    assert (
        "Yes first fell, 100 → 82: 2 of the 4 yes answers ranked lower than v2 ranked them, 0 "
        "higher; not in red"
    ) in order.toolTip(), order.toolTip()


def test_a_fall_under_worse_stays_red(qtbot: QtBot, tmp_path: Path) -> None:
    # 8 yes photos lost: beyond chance.
    result = _trained(
        [True] * 20 + [False] * 20, [0.9] * 20 + [0.1] * 20, [0.9] * 12 + [0.3] * 8 + [0.1] * 20
    )
    assert result.judged() == WORSE
    page = shown_result(qtbot, tmp_path, result)
    right = page.metrics.item(0, 2)
    assert right is not None and right.foreground().color() == BAD
    assert "not in red" not in right.toolTip()
