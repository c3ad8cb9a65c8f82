"""walk52 ("kitchen things" and "monkeys" taught in the app on ImageNet's sample photos): a version
tested on one yes answer kept out of training was said to find "1 of the 1 photo you said yes to
(v2: 0)", or "0 of the 1 photo", "and ranks the photos you said yes to lower" of that one photo.
On one yes answer the verdict says whether it finds it or misses it, and what the version before
did: "finds the 1 photo you said yes to (v2: missed)"."""

from __future__ import annotations

from phototagger.core.validation import compare, verdict
from tests.test_verdict_worse_on_few_yes import _labels, _scored

TRUTH = [True, False, False]


def test_a_version_that_finds_the_one_yes_photo_the_old_one_missed_says_so() -> None:
    old = _scored([0.3, 0.8, 0.1])  # the yes photo missed, a no photo taken
    new = _scored([0.9, 0.1, 0.1])
    ok, summary = verdict(compare(old, new, [0, 1, 2], _labels(TRUTH)), "v2")
    assert ok
    assert "finds the 1 photo you said yes to (v2: missed)" in summary, summary
    assert "of the 1 photo" not in summary, summary


def test_a_version_that_misses_it_as_the_old_one_did_says_so() -> None:
    old = _scored([0.4, 0.1, 0.1])  # both miss it; the new one ranks it below a no photo
    new = _scored([0.2, 0.3, 0.1])
    ok, summary = verdict(compare(old, new, [0, 1, 2], _labels(TRUTH)), "v8")
    assert "misses the 1 photo you said yes to (v8: missed)" in summary, summary
    assert "of the 1 photo" not in summary and "finds 0" not in summary, summary
    assert "ranks the photo you said yes to lower" in summary, summary
    assert "ranks the photos you said yes to" not in summary, summary
