"""verdict43 (issue 8: "'not worse' on 8 labelled photos is not a verdict"): "not worse" needed 40
answers compared (validation.SURE_NOT_WORSE), the fewest on which the sign test catches a version
that decides one answer in ten worse. But the verdict makes two tests: the answers decided worse
and better rest on every answer compared, the order (AP) on the yes answers alone (the yes
photos ranked below more or fewer of the no photos than before). A version tested on 60 answers,
12 of them yes, was headed "Not worse than v1" in green (`train`: "against v1: not worse"),
though an order one yes photo in ten worse shows on 12 as one photo ranked lower, within chance.
Each test now needs its own 40: the words say the yes answers the order was tested on. The
version is used as before (`not_worse`)."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from phototagger.core.retrain import TrainingResult
from phototagger.core.validation import (
    NOT_WORSE,
    SURE_NOT_WORSE,
    TOO_FEW_TO_BE_SURE,
    compare,
    headline,
    verdict,
)
from tests.gui_helpers import shown_result
from tests.test_verdict_sample_size import _labels, _scored


def _tested(yes: int, no: int, lower: bool = False) -> TrainingResult:
    """`yes` + `no` answers: v1 misses one yes photo, v2 finds every one (one answer decided
    better, none worse). `lower`: one no photo both take (both wrong on it) is over that yes
    photo for v1, and over another yes photo, still taken, for v2 (one ranked lower, one
    higher)."""
    truth = [True] * yes + [False] * no
    first_no = [0.7] if lower else [0.1]
    old = _scored([0.9] * (yes - 1) + [0.3] + first_no + [0.1] * (no - 1))
    new = _scored([0.6 if lower else 0.9] + [0.9] * (yes - 1) + first_no + [0.1] * (no - 1))
    metrics = compare(old, new, list(range(yes + no)), _labels(truth))
    ok, summary = verdict(metrics, "v1")
    return TrainingResult("v2", "v1", metrics, ok, summary, {})


def test_60_answers_with_12_yes_are_too_few_for_the_order(qtbot: QtBot, tmp_path: Path) -> None:
    result = _tested(12, 48)
    m = result.metrics[0]
    assert (m.support, m.new.positives, m.lost, m.won) == (60, 12, 0, 1)
    assert m.support >= SURE_NOT_WORSE > m.new.positives
    assert result.not_worse  # used, as before
    assert result.judged() == TOO_FEW_TO_BE_SURE  # was NOT_WORSE
    said = (
        "no answer decided worse, on the 60 answers of yours that it did not learn from, and no "
        "yes answer ranked lower, on the 12 yes answers among them: too few yes answers to be "
        "sure it is not worse"
    )
    assert result.judged_words() == said  # `train` after "against v1: ", --json verdict_words
    page = shown_result(qtbot, tmp_path, result)
    text = page.verdict.text()
    assert "Not worse than" not in text and "#34a853" not in text, text  # no green claim
    assert text.startswith(
        "<b>Model v2</b> (from v1): v2 decides no answer worse than v1, on the 60 answers of "
        "yours that it did not learn from, and ranks no yes answer lower, on the 12 yes answers "
        "among them: too few yes answers to be sure it is not worse."
    ), text


def test_a_yes_answer_ranked_lower_is_counted() -> None:
    result = _tested(12, 48, lower=True)
    m = result.metrics[0]
    assert (m.lost, m.won, m.lower, m.higher) == (0, 1, 1, 1)
    assert result.not_worse and result.judged() == TOO_FEW_TO_BE_SURE
    assert result.judged_words().endswith(
        ", and 1 yes answer ranked lower and 1 higher, on the 12 yes answers among them: too few "
        "yes answers to be sure it is not worse"
    ), result.judged_words()
    assert result.judged_words(named=True).endswith(
        ", and ranks 1 yes answer lower and 1 higher, on the 12 yes answers among them: too few "
        "yes answers to be sure it is not worse"
    )


def test_40_yes_answers_are_not_worse() -> None:
    result = _tested(SURE_NOT_WORSE, SURE_NOT_WORSE)
    assert headline(result.not_worse, result.metrics) == NOT_WORSE
    result = _tested(SURE_NOT_WORSE - 1, SURE_NOT_WORSE + 1)  # 80 answers, 39 yes
    assert headline(result.not_worse, result.metrics) == TOO_FEW_TO_BE_SURE
