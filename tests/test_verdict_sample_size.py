"""The train verdict on held-out labels: an F1 drop that rests on one or two photos decided the
other way is within chance and does not keep a version trained on more answers from being used;
a drop the held-out photos show clearly still does. A lower AP is weighed the same way, on the
yes answers ranked lower and higher (walk41). It says so in what the figures count (answers
right, yes photos found), not "mean F1 … AP"."""

from __future__ import annotations

import numpy as np

from phototagger.commands.models import _comparison_record
from phototagger.core.training_set import Labels
from phototagger.core.validation import (
    CANT_TELL,
    WORSE,
    Scored,
    beyond_chance,
    compare,
    headline,
    verdict,
)


def _labels(truth: list[bool]) -> Labels:
    by_photo = {i: {"kitchenware": t} for i, t in enumerate(truth)}
    return Labels(by_photo, {"kitchenware": sum(truth)}, {"kitchenware": len(truth) - sum(truth)})


def _scored(scores: list[float]) -> Scored:
    return Scored(["kitchenware"], np.array([0.5]), np.array(scores, dtype=float)[:, None])


def test_a_drop_of_one_photo_in_sixteen_is_within_chance() -> None:
    truth = [True] * 8 + [False] * 8
    # Both rank every positive first (AP 1.0); the new version's threshold leaves out one more
    # positive, as a precision-first threshold does: F1 1.00 -> 0.93.
    old = _scored([0.9] * 8 + [0.1] * 8)
    new = _scored([0.9] * 7 + [0.45] + [0.1] * 8)
    metrics = compare(old, new, list(range(16)), _labels(truth))
    assert (metrics[0].lost, metrics[0].won) == (1, 0)
    assert metrics[0].old is not None and metrics[0].new.f1 < metrics[0].old.f1 - 0.05
    ok, summary = verdict(metrics)
    assert ok
    assert summary.endswith(
        "; it decides 1 answer worse than before and 0 better: too few to say it is worse"
    )


def test_a_clear_drop_keeps_the_old_version() -> None:
    truth = [True] * 20 + [False] * 20
    old = _scored([0.9] * 20 + [0.1] * 20)
    # Eight positives now fall under the threshold, though still ranked first (AP unchanged).
    new = _scored([0.9] * 12 + [0.3] * 8 + [0.1] * 20)
    metrics = compare(old, new, list(range(40)), _labels(truth))
    assert (metrics[0].lost, metrics[0].won) == (8, 0)
    ok, summary = verdict(metrics)
    assert not ok
    assert "too few" not in summary


def test_a_lower_average_precision_on_two_photos_is_within_chance() -> None:
    # walk41: a lower AP kept the old version however few the yes answers it rested on, and
    # headed the Train page "Worse than v2" in red beside "too few to be sure it is worse".
    truth = [True] * 4 + [False] * 4
    old = _scored([0.9] * 4 + [0.1] * 4)
    # Two negatives now ranked above two positives (and taken): 2 yes answers ranked lower,
    # as 2 answers decided worse, are within chance for the order as for F1.
    new = _scored([0.9, 0.9, 0.6, 0.6, 0.7, 0.7, 0.1, 0.1])
    metrics = compare(old, new, list(range(8)), _labels(truth))
    before = metrics[0].old
    assert before is not None and (metrics[0].lost, metrics[0].won) == (2, 0)
    assert (metrics[0].lower, metrics[0].higher) == (2, 0)
    assert metrics[0].new.average_precision < before.average_precision - 0.02
    ok, summary = verdict(metrics)
    assert ok and headline(ok, metrics) == CANT_TELL
    assert (
        "ranks the photos you said yes to lower among the others than before (2 of the 4 yes "
        "answers set aside to test it ranked lower, 0 higher: too few to say it is worse)"
    ) in summary, summary
    record = _comparison_record(metrics[0])  # `train --json`'s, with the counts said
    assert (record["ranked_lower"], record["ranked_higher"]) == (2, 0)


def test_a_lower_average_precision_beyond_chance_keeps_the_old_version() -> None:
    truth = [True] * 10 + [False] * 10
    old = _scored([0.9] * 10 + [0.1] * 10)
    # Eight of the ten yes answers now ranked under two negatives, all still taken: F1 moves by
    # the two negatives alone (within chance), the order by eight photos (not).
    new = _scored([0.95, 0.95] + [0.6] * 8 + [0.7, 0.7] + [0.1] * 8)
    metrics = compare(old, new, list(range(20)), _labels(truth))
    assert (metrics[0].lost, metrics[0].won) == (2, 0)
    assert (metrics[0].lower, metrics[0].higher) == (8, 0)
    ok, summary = verdict(metrics)
    assert not ok and headline(ok, metrics) == WORSE
    assert summary.endswith(
        "(8 of the 10 yes answers set aside to test it ranked lower, 0 higher)"
    ), summary


def test_chance_follows_a_sign_test() -> None:
    assert not beyond_chance(1, 0)
    assert not beyond_chance(3, 0)  # 3 > 1.96 * sqrt(3) = 3.39 fails
    assert beyond_chance(4, 0)
    assert not beyond_chance(6, 2)  # 4 > 1.96 * sqrt(8) = 5.54 fails
    assert beyond_chance(10, 1)
    assert not beyond_chance(0, 5)


def test_held_out_photos_of_one_answer_are_not_called_no_held_out_labels() -> None:
    # The Train page's table lists "kitchenware" with 3 held-out photos, every one a yes: no
    # ranking can be compared on them, and the verdict says so instead of "no held-out labels".
    old, new = _scored([0.9, 0.8, 0.7]), _scored([0.9, 0.8, 0.6])
    metrics = compare(old, new, [0, 1, 2], _labels([True, True, True]))
    assert metrics[0].support == 3
    ok, summary = verdict(metrics)
    assert ok and "no answers set aside" not in summary
    assert "photos of both answers (yes and no) set aside to test it" in summary
    ok, summary = verdict([])
    assert ok and summary == "no answers set aside to compare old and new on yet"


def test_a_new_tags_held_out_photos_are_not_called_no_held_out_labels() -> None:
    # The Train page listed "herps", new, with 10 held-out photos (F1 0.86), under "learned
    # herps; no held-out labels to compare old and new yet".
    old = Scored([], np.array([]), np.zeros((4, 0)))
    metrics = compare(
        old, _scored([0.9, 0.8, 0.2, 0.1]), [0, 1, 2, 3], _labels([True, True, False, False])
    )
    assert metrics[0].old is None and metrics[0].support == 4
    ok, summary = verdict(metrics, "v1")
    assert ok and "no answers set aside" not in summary
    # Named as the same run beside a kept keyword says it (verdict46: it said "the answers kept
    # out of training to test it are all on tags the old version does not have").
    assert summary == (
        "learned kitchenware; nothing to compare old and new on yet: kitchenware is new, so v1 "
        "has nothing to compare it with"
    )


def test_the_verdict_counts_answers_right_and_yes_photos_found() -> None:
    truth = [True] * 8 + [False] * 8
    old = _scored([0.9] * 8 + [0.1] * 7 + [0.6])  # every yes found, one "no" photo taken
    new = _scored([0.9] * 7 + [0.45] + [0.1] * 8)  # one yes missed, no "no" photo taken
    metrics = compare(old, new, list(range(16)), _labels(truth))
    ok, summary = verdict(metrics)
    assert ok
    assert summary == (
        "on 1 tag: right on 15 of 16 answers it was not trained on (before: 15), "
        "finds 7 of the 8 photos you said yes to (before: 8)"
    )
    assert "F1" not in summary and "AP" not in summary

    # Found worse on its ranking: it says how, still without the figures' names.
    worse = _scored([0.9, 0.9, 0.6, 0.6, 0.2, 0.2, 0.2, 0.2] + [0.7, 0.7] + [0.1] * 6)
    ok, summary = verdict(compare(old, worse, list(range(16)), _labels(truth)))
    assert not ok
    assert summary.endswith(
        "and ranks the photos you said yes to lower among the others than before (6 of the 8 "
        "yes answers set aside to test it ranked lower, 0 higher)"
    )
