"""The review queue called "likely missed" every photo its likely-misses line offered down to half
the tag's cut: a green mamba at 65% under a cut at 95% read "65% · likely missed" on the Review
tab and "likely missed: below 95%, where it starts tagging" in `review` (preview41), while the
tag's own cut said 65% was far from sure enough. "Likely missed" is now said only just below the
cut (within 5 points, and not under half of it); the line's other photos are
"below, check", asked in case they are ones it missed. Which photos are asked, and in what
order, is unchanged: only their words."""

from __future__ import annotations

from phototagger.core.review_mix import (
    FAR_BELOW,
    MISSED,
    WHY_CODE,
    below_why,
    mixed_order,
    why_label,
    why_words,
)


def test_a_photo_well_under_the_cut_is_not_called_likely_missed() -> None:
    scored = [(1, 0.97), (2, 0.99), (3, 0.93), (4, 0.65), (5, 0.40), (6, 0.20)]
    why: dict[int, str] = {}
    chosen = mixed_order(scored, 0.95, 6, why=why)
    assert why[3] == MISSED  # 93% under 95%: likely missed
    assert why_label(why[3], 0.93, 0.95) == "may be missed"
    assert why_words(why[3], 0.93, 0.95) == (
        "may be missed: just below 95%, where it starts tagging"
    )
    # The green mamba at 65%: below, asked in case.
    assert why[4] == FAR_BELOW
    assert why_label(why[4], 0.65, 0.95) == "below, check"
    assert why_words(why[4], 0.65, 0.95) == (
        "below 95%, where it starts tagging: asked in case it is one it missed"
    )
    assert why_words(why[6], 0.20, 0.95) == (
        "well below 95%, where it starts tagging: asked in case it is one it missed"
    )
    assert WHY_CODE[why[4]] == WHY_CODE[why[3]] == "missed"  # --json's code: the same line
    # The mix itself: the same photos in the same order as the lines give them.
    assert [pid for pid, _ in chosen] == [1, 2, 3, 4, 5, 6]


def test_half_the_cut_bounds_likely_missed() -> None:
    """Under a low cut, 5 points reach down to nothing: a photo is likely missed only where it is
    also not under half the cut ("well below"), the line nothing_likely_left draws. (Even odds
    on the model's scale, preview41's bound, kept it from every cut at 50% or less: gui43, see
    tests/test_review_likely_missed_under_a_low_cut.py.)"""
    assert below_why(0.27, 0.30) == MISSED
    assert below_why(0.52, 0.55) == MISSED
    assert below_why(0.49, 0.52) == MISSED
    assert below_why(0.05, 0.08) == MISSED and below_why(0.03, 0.08) == FAR_BELOW
    assert why_label(MISSED, 0.03, 0.08) == "below, check"
