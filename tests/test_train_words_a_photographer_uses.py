"""walk62: teaching "kitchen things" and "monkeys" in the app, the Train page and Model ▸
Versions said what was measured in our words: "not judged against v4 yet", "v4 had learned from
9 of the answers kept out of training to test this one", "Left out: 4 of the answers kept out
of training that v2 had learned from (monkeys), as they would flatter it", "(on 1 yes answer
kept out of training: too few to tell)", columns "Yes right" and "Order", and "monkeys: kept off
… acorn (a kind of fruit), ram (a kind of animal) and 13 more kinds". The same facts (the
numbers, the versions, the tags) are said in a photographer's words, and a version's summary
stored in the old words is shown in the new ones (`models`, Model ▸ Versions)."""

from __future__ import annotations

from phototagger.core.kept_off import KEPT_OFF, REJECTED, UNSHOWN, kept_off_words
from phototagger.core.review_mix import tested_words as found_words
from phototagger.core.validation import NOT_COMPARED, TagComparison, headline_words, verdict
from phototagger.core.verdict_words import todays_words
from phototagger.ml.metrics import TagMetrics

# Stored with v6 and v3 in the walk (screenshots 112 and 115), word for word.
V6 = (
    "nothing to compare old and new on yet: v5 had learned from 11 of the answers kept out of "
    "training to test this one (kitchen things, monkeys), so they cannot show which is better "
    "(answers given from now on can)"
)
V3 = (
    "on 1 tag: right on 2 of 3 answers it was not trained on (v2: 2), misses the 1 photo you "
    "said yes to (v2: missed) (on 1 yes answer kept out of training: too few to tell); left "
    "out: 4 of the answers kept out of training that v2 had learned from (monkeys), as they "
    "would flatter it"
)
OURS = ("kept out of training", "flatter", "not judged", "left out")


def test_a_stored_summary_is_shown_in_a_photographers_words() -> None:
    assert todays_words(V6) == (
        "nothing to compare old and new on yet: 11 of the answers this one was checked on "
        "(kitchen things, monkeys) are ones v5 had learned from, so they cannot show which is "
        "better (answers you give from now on can)"
    )
    assert todays_words(V3) == (
        "on 1 tag: right on 2 of 3 answers it was not trained on (v2: 2), misses the 1 photo you "
        "said yes to (v2: missed) (checked on 1 yes answer the training did not see: too few to "
        "tell); not counted: 4 of the answers it was checked on that v2 had learned from "
        "(monkeys), as v2 would look better on them than it is"
    )
    assert (
        todays_words("learned pets; no answers kept out of training to compare old and new on yet")
        == "learned pets; no answers set aside to compare old and new on yet"
    )
    # A summary in today's words comes back as it was.
    assert todays_words(todays_words(V3)) == todays_words(V3)


def test_a_new_verdict_says_the_same_in_the_same_words() -> None:
    ok, said = verdict([], "v5", {"kitchen things": 6, "monkeys": 5})
    assert ok and said == todays_words(V6)
    assert not any(words in said for words in OURS), said
    one = verdict([], "v2", {"trip": 1})[1]
    assert "1 of the answers this one was checked on (trip) is one v2 had learned from" in one


def test_scores_measured_but_not_comparable_say_it_is_too_soon_to_tell() -> None:
    yes = TagMetrics(1.0, 0.0, 0.0, 0.67, 2, 0)  # walk62's v5: 2 photos tested, both yes
    row = TagComparison("kitchen things", 2, yes, yes)
    why = "v4 had learned from them"
    page = headline_words(NOT_COMPARED, [row], "v4", version="v5", why=why)
    assert page == (
        "too soon to tell if it is better than v4: the scores below were measured, but " + why
    )
    cli = headline_words(NOT_COMPARED, [row], "v4", why=why)
    assert cli == "too soon to tell if it is better: the scores above were measured, but " + why


def test_what_a_tag_is_not_put_on_is_said_plainly() -> None:
    kinds = ["three-toed sloth", "acorn", "ram", *(f"kind {n}" for n in range(13))]
    words = kept_off_words(
        {
            KEPT_OFF: [{"kind": "fox squirrel", "why": REJECTED}]
            + [{"kind": k, "why": UNSHOWN} for k in kinds]
        }
    )
    assert words is not None
    assert words.startswith(
        "not put on photos of fox squirrel (you said no to a photo the tagger reads as one); "
        "three-toed sloth, acorn (a kind of fruit), ram (a kind of animal) and 13 other things "
        "(none of your yes photos is one of these"
    ), words
    assert "kept off" not in words and "more kinds" not in words


def test_nothing_set_aside_is_said_plainly() -> None:
    ok, said = verdict([], "v1")
    assert ok and said == "no answers set aside to compare old and new on yet"
    assert headline_words(NOT_COMPARED, [], "v1", version="v2") == (
        "not compared with v1 yet: no answers were set aside to test it"
    )


def test_what_the_test_found_of_a_new_tag_is_said_plainly() -> None:
    """The Train page's note on a tag on few photos and the Review tab's say what the test of
    the new version found among the yes answers it was checked on."""
    assert found_words(6, 3) == "tested on the 6 yes answers the training did not see, it found 3"
    assert found_words(1, 0) == (
        "tested on the one yes answer the training did not see, it did not find it"
    )
