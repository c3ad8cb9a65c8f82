"""The review queue called "likely missed" every photo its likely-misses line offered down to half
the tag's cut: a green mamba at 65% under a cut at 95% read "65% · likely missed" on the Review
tab and "likely missed: below 95%, where it starts tagging" in `review` (preview41), while the
tag's own cut said 65% was far from sure enough. "Likely missed" is now said only just below the
cut (within 5 points) at even odds or more on the model's scale; the line's other photos are
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
    assert why_label(why[3], 0.93, 0.95) == "likely missed"
    assert why_words(why[3], 0.93, 0.95) == (
        "likely missed: just below 95%, where it starts tagging"
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


def test_just_below_a_low_cut_is_not_likely() -> None:
    """Just below a cut at 30%, a photo at 27% is less likely to have the tag than not: it is
    asked about, not called likely missed."""
    assert below_why(0.27, 0.30) == FAR_BELOW
    assert why_label(MISSED, 0.27, 0.30) == "below, check"
    assert why_words(MISSED, 0.27, 0.30) == (
        "just below 30%, where it starts tagging: asked in case it is one it missed"
    )
    assert below_why(0.52, 0.55) == MISSED
    assert below_why(0.49, 0.52) == FAR_BELOW
