"""A tag the user taught that lands on (almost) no photo besides their yes answers says so.

weak34 (360 ImageNet sample photos, issue 8's "beach day": swimwear, sunglasses, shores, boats,
sea creatures; no WordNet node holds them): taught from 10 yes, trained, it went on 1 photo
more; after a review round (3 yes, 7 no) on none. `train` then said only "beach day: like your
examples", no line of changes (none against the version before), and "-" in the table; the
only advice given, after the 10 yes, was "answer no on a few photos it should not have", with
one photo (a right one) to say no to. The learning is precision first (core/tag_threshold.py:
a photo is tagged only where the answers make it likelier the tag's than not), so a tag of
many kinds that look alike in nothing lands on few photos, and what finds more is yes answers
on the kinds it misses, which the review queue asks about (its likely-misses line). `train` and the
Train page now say, per such tag, how many photos it goes on besides the yes answers, why so
few, and that step.

"Few": fewer than a quarter as many photos as it has yes answers (at least one: none at all
is always said). A tag meant for few photos ("my dog Rex", 10 of his 12 photos said yes) is
told the same, which is why the advice is conditional ("if it misses photos you meant"),
unless the yes answers kept out of training to test it show it missing some.

The note named the tag's queue as listing "its likely misses" (walk41: "kitchen things", taught on
ImageNet's sample photos, trained a second time): the queue then opened with "Nothing likely left
to find", every photo it had not been answered on under 18% against a cut at 85%, and its first
question, a dishwasher it had missed, at 0%, "a kind of photo it has not asked about yet". Where
the new version leaves no unanswered photo near its cut (core/review_mix.nothing_likely_left, the
queue's own test, on the new version's scores), the note names the queue as listing "photos to
answer" ("nothing_likely_left" in `--json`).

walk43: "monkeys", taught from 10 primates, trained and applied, went on the other 10 primates
of a 410-photo library; the review round had the user say yes to 7 photos, 5 of them its own
finds, and every version trained after was told "monkeys goes on only 3 photos besides the 17
you said yes to … if it misses photos you meant, say yes to …", every one of the 20 primates
tagged. A yes answer that accepted the model's suggestion (state 'accepted': a version had
tagged the photo) is the model's own find confirmed, not an example it was shown: the tag's
reach besides its examples counts them with the photos it goes on unanswered ("confirmed" in
`--json`), as the note's case (a tag that misses kinds it was not shown) is one that finds few
photos besides them.
"beach day" (weak34), whose review round said yes to kinds it had missed, is still said so."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from phototagger.core.review_mix import (
    FEW_ASK,
    likely_misses_words,
    missed_some,
    nothing_likely_left,
)
from phototagger.core.wording import counted
from phototagger.tag_names import shown_name

FEW_SHARE = 0.25  # "few": fewer photos besides the yes answers than this share of them


def goes_on_few(yes: int, others: int | None, confirmed: int = 0) -> bool:
    """A tag with `yes` answers put on `others` photos besides them (None: not counted) goes on
    few: fewer than FEW_SHARE of its yes answers (or none). `confirmed`: of the yes answers,
    those that accepted the model's suggestion of the tag (a version had tagged the photo):
    photos the tag found, counted with `others` against the yes answers it was shown."""
    if not yes or others is None:
        return False
    shown = max(yes - confirmed, 0)
    return others + confirmed < max(1.0, FEW_SHARE * shown)


FEW_WHY = "it tags only the photos your answers make likely, and few are"
FEW_STEP = f"{FEW_WHY}; if it misses photos you meant, {FEW_ASK}"
# What the note says the tag's queue lists: photos it may have missed (not "its likely misses":
# the queue says "may be missed" only of a photo just below the cut, read41), or, where it leaves
# no photo near its cut (queue_settled), only photos to answer.
LISTS_MISSES = "lists photos it may have missed"
LISTS_PHOTOS = "lists photos to answer"


def queue_settled(nearest: float | None, cut: float | None) -> bool:
    """Whether a tag's review queue will say nothing is likely left to find
    (core/review_mix.nothing_likely_left) under a version that scores the photos the user has
    not answered at most `nearest` (None: none left) and cuts at `cut`."""
    return nearest is not None and cut is not None and nothing_likely_left([nearest], cut)


def few_photos(
    learned: Mapping[str, Any],
    tagged_besides: Mapping[str, int],
    positives: Mapping[str, int],
    tested: Mapping[str, tuple[int, int]] | None = None,
    settled: Mapping[str, bool] | None = None,
    confirmed: Mapping[str, int] | None = None,
) -> dict[str, dict[str, int]]:
    """Per tag this run learned from the user's answers (`learned`: its trainer's record of
    how each was learned; those kept as they were left out), {"others": photos the new
    version tags that the user has not answered, "yes": their yes answers}, where the others
    are fewer than FEW_SHARE of the yes answers (or none). `tagged_besides`: per tag counted
    (core/version_diff.TagChange.unanswered_after), the photos tagged besides the answered.
    `tested`: per tag, (yes answers kept out of training, how many of them the version
    trained without them found), added as "tested_yes" and "found" where there were any.
    `settled`: per tag, whether the new version leaves no unanswered photo near its cut
    (queue_settled), added as "nothing_likely_left" (true) where it does. `confirmed`: per tag,
    its yes answers that accepted the model's suggestion (store.tags.accepted_counts), added as
    "confirmed" where there were any."""
    found = {}
    for tag, how in learned.items():
        if isinstance(how, Mapping) and how.get("how") == "kept":
            continue
        yes, others = positives.get(tag, 0), tagged_besides.get(tag)
        finds = (confirmed or {}).get(tag, 0)
        if goes_on_few(yes, others, finds):
            found[tag] = {"others": others or 0, "yes": yes}
            if finds:
                found[tag]["confirmed"] = finds
            held, hit = (tested or {}).get(tag, (0, 0))
            if held:
                found[tag] |= {"tested_yes": held, "found": hit}
            if (settled or {}).get(tag):
                found[tag]["nothing_likely_left"] = True
    return dict(sorted(found.items(), key=lambda kv: kv[0].casefold()))


def few_photos_words(
    tag: str,
    others: int,
    yes: int,
    queue: str,
    tested_yes: int = 0,
    found: int = 0,
    settled: bool = False,
    confirmed: int = 0,
    named: str | None = None,
) -> str:
    """'beach day goes on no photo besides the 13 you said yes to: it tags only the photos your
    answers make likely, and few are; if it misses photos you meant, say yes to one or two of
    each kind it misses (QUEUE lists photos it may have missed), then train again'. `queue`
    names where the tag's review queue is (the command line's, the app's). Not "its likely
    misses": the queue says "may be missed" only of a photo just below the cut
    (review_mix.likely_missed), and such a tag's are far below it ("well below
    57%, ...: asked in case it is one it missed", or kinds not asked about yet). Where the
    `tested_yes` answers kept out of training were not all `found`, the note says so, in
    place of the "if": '…; tested on the 6 yes answers the training did not see, it found 3, so
    it is likely to miss kinds of photo it was not shown: say yes to …' (walk41: "kitchen
    things" taught on ImageNet's sample photos found 3 of 6, then 0 of 2, and the app only
    said "if it misses photos you meant", on the Train page as in `train`). Where the queue
    will say nothing is likely left to find (`settled`, queue_settled), it is said to list
    "photos to answer", not "photos it may have missed". `confirmed`: of the yes answers, the
    tag's own finds confirmed (few_photos' "confirmed"), said where there are any: "besides
    the 34 you said yes to, 6 of them photos it had found" (words46: "besides the 34 you said
    yes to" left out that some were its finds). `named`: the tag as the words open on it, where
    not its shown name as it is: the app's “beach day”, in its quotes, as every other line of the
    Train page names a tag (walk52: "kitchen things goes on no photo besides …" read the name as
    words of the sentence, over "“kitchen things”: no photo you have not answered would
    change")."""
    besides = f"besides the {'one' if yes == 1 else f'{yes:,}'} you said yes to"
    if confirmed:
        finds = "a photo" if confirmed == 1 else "photos"
        besides += f", {confirmed:,} of them {finds} it had found"
    on = "no photo" if not others else f"only {counted(others, 'photo')}"
    step = FEW_STEP
    if missed_some(tested_yes, found):
        step = f"{FEW_WHY}; {likely_misses_words(tested_yes, found)}: {FEW_ASK}"
    lists = LISTS_PHOTOS if settled else LISTS_MISSES
    name = shown_name(tag) if named is None else named
    return f"{name} goes on {on} {besides}: {step} ({queue} {lists}), then train again"
