"""A tag learned from yes answers with no "no" answer (or very few) cannot be told apart.

QA (issue 8): "Trip 9 holiday" (a folder's name: 49 yes, 0 no) and "Été à Nice" (74 yes, 0 no)
were learned "from your examples" and would go on 113 of 366 and 180 more of 394 photos, and
nothing said why. Learning from yes answers alone, a version knows what the tag's photos look
like but not what sets them apart from the rest: every photo like them gets it. The learning
itself is unchanged; `train` and the Train page warn, per tag, and say what to do.

The line is CALIBRATE_MIN (5) "no" answers, the learning's own minimum: with fewer, none can be
kept out to check the tag on (core/tag_learning.py's `enough`), its cut is not set from your
answers, and a tag of the default tagger is not corrected at all."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from phototagger.core.tag_learning import CALIBRATE_MIN
from phototagger.core.wording import counted
from phototagger.tag_names import shown_name


def few_no_answers(
    learned: Mapping[str, Any], positives: Mapping[str, int], negatives: Mapping[str, int]
) -> dict[str, int]:
    """Per tag learned from your answers (`learned`: a version's record's, how each tag was
    learned; those kept as the default tagger had them left out), its "no" answers, where it
    has yes answers and fewer than CALIBRATE_MIN "no"."""
    found = {}
    for tag, how in learned.items():
        kept = isinstance(how, Mapping) and how.get("how") == "kept"
        no = negatives.get(tag, 0)
        if not kept and positives.get(tag, 0) and no < CALIBRATE_MIN:
            found[tag] = no
    return dict(sorted(found.items(), key=lambda kv: kv[0].casefold()))


def few_no_words(tag: str, no: int) -> str:
    """'Trip 9 holiday: no photo answered no: it cannot be told apart; answer no on a few
    photos it should not have'."""
    if no == 0:
        said = "no photo answered no: it cannot be told apart"
    else:
        said = (
            f"only {counted(no, 'photo')} answered no ({CALIBRATE_MIN} are needed to check it): "
            "it can hardly be told apart"
        )
    return f"{shown_name(tag)}: {said}; answer no on a few photos it should not have"


# Tags only the files' keywords give, named in few_no_keywords_words before "and 12 more".
NAMED_KEYWORDS = 5


def few_no_keywords_words(few_no: Mapping[str, int]) -> str:
    """few_no_words once for the tags only the files' keywords give (the user answered none of
    them): "31 tags from your files' keywords ('20s', 'Adult'… and 26 more) have fewer than 5
    photos answered no: each can hardly be told apart; where one matters to you, answer no on a
    few photos it should not have". A stock library's photos carry dozens of keywords each, and
    a warning per keyword buried the one about the tag the user taught."""
    tags = sorted(few_no, key=str.casefold)
    named = ", ".join(f"'{shown_name(t)}'" for t in tags[:NAMED_KEYWORDS])
    if len(tags) > NAMED_KEYWORDS:
        named += f" and {len(tags) - NAMED_KEYWORDS:,} more"
    if len(tags) == 1:
        return (
            f"1 tag from your files' keywords ({named}) has fewer than {CALIBRATE_MIN} photos "
            "answered no: it can hardly be told apart; if it matters to you, answer no on a few "
            "photos it should not have"
        )
    return (
        f"{len(tags):,} tags from your files' keywords ({named}) have fewer than "
        f"{CALIBRATE_MIN} photos answered no: each can hardly be told apart; where one matters "
        "to you, answer no on a few photos it should not have"
    )
