"""walk52: "monkeys", taught in the app from 10 primates of ImageNet's sample photos, was said to be
"Kept off coucal (none of your yes photos is one: say yes to one in the review queue to let that
kind in)": a coucal is a bird, rightly kept off, and the step read as an order to say yes to one.
The step is said for what it is, a way to let in a kind the tag was meant to hold: "if it
belongs, say yes to one …"."""

from __future__ import annotations

from phototagger.core.kept_off import KEPT_OFF, REJECTED, UNSHOWN, kept_off_sentence


def test_a_kind_no_yes_photo_is_is_let_in_only_if_it_belongs() -> None:
    one = kept_off_sentence({KEPT_OFF: [{"kind": "coucal", "why": UNSHOWN}]})
    assert one == (
        "Not put on photos of "
        "coucal (a kind of bird; none of your yes photos is one: if it belongs, say yes "
        "to one in the review queue to let that kind in)."
    )
    kinds = ["three-toed sloth", "armadillo", "acorn", "coucal"]
    many = kept_off_sentence(
        {
            KEPT_OFF: [{"kind": "red fox", "why": REJECTED}]
            + [{"kind": k, "why": UNSHOWN} for k in kinds]
        }
    )
    assert many == (
        "Not put on photos of "
        "red fox (you said no to a photo the tagger reads as one); three-toed sloth, "
        "armadillo (a kind of animal), acorn (a kind of fruit) and 1 other thing (none of your yes "
        "photos is one of these: if one belongs, say yes to one in the review queue to let that "
        "kind in)."
    )
