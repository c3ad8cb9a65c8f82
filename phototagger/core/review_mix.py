"""Which undecided photos to ask the user about next, so that answering them improves the tag.

Sorting by distance from the threshold alone offers only photos near it and never a confident
mistake. The queue takes in turn from these lines:
- unsure "probably yes": just above the threshold, nearest first (is the cut right?);
- most confident: highest first (a confident mistake costs most: it is on every such photo),
  leaving out photos of a kind the user already confirmed for this tag (CONFIRMED times): a
  confident photo of such a kind is very unlikely to be a mistake and its answer teaches
  nothing (a seaside tag was asked about whales at 1.00 round after round), while a confident
  photo of a kind nobody answered may be one; a kind the user rejected stays in the line (still
  confident after a "no", it is the mistake this line is for); a yes confirms a kind only when
  the tagger is sure that is what the photo shows (a can opener it half took for a hammer
  confirms no hammer);
- likely misses: below the threshold, nearest first (what recall is missing); "likely
  missed" only just below it (likely_missed), the others "below, check";
- with `unseen`, one photo per kind the tag weighs only weakly, in the order given
  (core/model/unseen_kinds.py), twice per turn: photos a nearest-first line never reaches.

With `kind_of` (photo id -> its kind, e.g. its likeliest ImageNet class), a round of ROUND photos
shows each kind at most once while any line still offers another kind: ten answers about ten
kinds teach more than five about one. Photos a round passed over stay first in their line.

benchmarks/new_tags.py --seeds 6 (kitchenware, seaside, vehicles), F1 after 3 review rounds on
the photos no round answered, before -> after: kitchenware 0.59 -> 0.64, seaside 0.32 -> 0.45,
vehicles 0.93 -> 0.92 (the confident-line rule alone: 0.56, 0.43, 0.92; one kind per round
alone, 3 seeds, was worse than neither). All tags, 3 seeds: kitchenware 0.52 -> 0.59, seaside
0.23 -> 0.42, garment persons 0.62 -> 0.83, music, vehicles, things to eat, persons within 0.01.

A yes settles a kind only on a photo the tagger is sure of (its likeliest class and that
class's WordNet siblings at core/concepts.CLEAR_KIND or more: concepts.clear_kinds), and only
such a photo makes its class one of the tag's own (concepts.with_own_classes): a can opener
taken for a hammer at 0.22 made 'hammer' a class of "kitchenware" and kept every hammer (0.99)
out of the confident line. The siblings count because ImageNet splits a plain cat among tabby,
tiger cat and Egyptian cat (and a dog among its breeds): on the likeliest class alone, a clear
cat settled nothing. benchmarks/new_tags.py, 3 seeds, F1 on unanswered photos after 3 rounds
(on the photos no round answered): kitchenware 0.66 -> 0.68 (0.66 -> 0.68), precision at its
threshold 0.76 -> 0.90, library F1 0.77 -> 0.80, better on each seed; seaside 0.51 -> 0.56
(0.51 -> 0.56; seed 0 0.57 -> 0.73, the others the same); garment persons 0.80 -> 0.83;
music, vehicles, things to eat, persons the same to the second decimal; default tags changed 0.

The unseen line's turns follow the user's answers (unseen_turns): once NO_STREAK answers in a
row about photos the tag scored under half its threshold came back no, it gets one turn in five
(then one in ten), the likely misses the rest. benchmarks/new_tags.py --seeds 10, F1 after
round 3 on the unanswered photos: vehicles 0.925 -> 0.940, seaside 0.617 -> 0.633, garment
persons 0.709 -> 0.725, the others the same; new_tags_unseen.py --seeds 5: things to eat 0.772
-> 0.818, the others the same. Fewer turns after a single round of "no" (a round gives three or
four such answers) lost: given to the likely misses, kitchenware 0.679 -> 0.639 after round 3
and garment persons 0.726 -> 0.696 after round 2; given to the unsure, confident and
likely-missed lines in turn, seaside 0.617 -> 0.577 and unseen reptiles 0.886 -> 0.808 after
round 3.

Tried and not kept: the confident line asking first about the photo least like the user's yes
answers. "things to eat" learned as WordNet 'matter' (new_tags_unseen.py, seed 0) scores toilet
tissue, eggnog, hay and espresso 0.98-0.99 among twenty foods at 0.99-1.00; highest first, three
rounds asked about six foods and face powder. Ordering the confident half by the smallest
WordNet node holding a photo's likeliest class and a yes answer's (widest first) asked the four
in rounds 1 and 2, yet the tag kept 'matter' at every step (with one photo per kind, a "no"
moved no other photo: F1 on the photos no round answered 0.84-0.85 at every step), and
new_tags_unseen.py --seeds 5 gave things to eat 0.78/0.79/0.82 -> 0.80/0.81/0.84 after rounds
1-3 (worst seed after round 3 0.80 -> 0.75), kitchen things 0.11 -> 0.02 and beach day 0.03 ->
0.04 after round 3. On det-photos (new_tags.py --seeds 3) it lost: garment persons
0.74/0.81/0.85 -> 0.60/0.67/0.60 (worst seed 0.67 -> 0.25: mistakes at 0.92-0.99, a baby bed, a
camel, a drum, asked instead of bow ties and diapers at 1.00 and swimwear answered yes), things
to eat 0.93 -> 0.85 after round 1 (0.92/0.93 -> 0.85/0.88 after rounds 2-3 with 10 yes alone),
seaside 0.58/0.61/0.58 -> 0.57/0.57/0.56; kitchenware 0.55/0.59/0.68 -> 0.59/0.67/0.65 and
vehicles 0.90/0.92/0.95 -> 0.92/0.93/0.96. Taking turns with highest first: garment persons 0.85
-> 0.65 after round 3. The nearest yes answer by ImageNet probabilities (near orthogonal with
one photo per class: no signal there) lost on det-photos too (garment persons 0.85 -> 0.78,
seaside 0.58 -> 0.53); by embedding, eggnog and espresso are nearer a yes than half the foods
(unseen things to eat after round 3 0.82 -> 0.79); by WordNet only among photos of equal score
to two decimals, toilet tissue (0.994) stays behind six foods at 1.00. benchmarks/monkeys.py
(seeds 0-2, also --strict): the same tags in every variant, a question's order at most.

Tried and not kept (queue41): leaving out of the unseen line the kinds far from every kind the yes
answers clearly show (core/concepts.far_classes over each such kind's smallest WordNet node of two
classes or more: a dishwasher stays beside 'kitchen appliance', a hummingbird, a barn, a horse go).
walk41's "kitchen things" (ImageNet sample photos) asked 34 such far kinds of 50 in its second
round, all answered no, after its first round's unseen kinds had found 4 misses. F1 on the
unanswered photos after review rounds 1/2/3, mean over seeds (new_tags.py --no-100k --no-bound
--seeds 3; new_tags_unseen.py --seeds 2): left out once unseen_turns gave fewer turns, garment
persons 0.79/0.79/0.76 -> 0.79/0.79/0.68, things to eat (det) 0.95 -> 0.97 after round 3, every
other tag within 0.01 (kitchen things 0.28/0.26/0.12 both ways); left out once 3 review answers on
far kinds came back no, kitchen things 0.28/0.26/0.12 -> 0.28/0.32/0.15 (library F1 after round 3
0.58 -> 0.63), but seaside 0.64/0.76/0.89 -> 0.64/0.72/0.70, kitchenware 0.60 -> 0.56 and garment
persons 0.76 -> 0.72 after round 3, unseen things to eat 0.70/0.66/0.76 -> 0.70/0.63/0.63 and
reptiles 0.95 -> 0.91 after round 3. The mix is kept as it was.
"""

from __future__ import annotations

import math
from collections.abc import Collection, Mapping, Sequence
from itertools import islice

from phototagger.core.tag_threshold import NOTHING_TAKEN

ROUND = 10  # photos the user answers at a time (the review page, `review TAG`)
# Why a photo is asked about: the line it came from, as the review page shows it.
UNSURE = "unsure"
CONFIDENT = "confident, check"
# A photo just below the cut (likely_missed): one the tag may have missed. Not "likely": on
# det-photos, of the 89 photos so called for 7 taught tags (10 yes and 30 no answers, then
# `train`; 3 draws: benchmarks/likely_missed.py) 34 had the tag (38%), none of the 27 under a cut
# below 50%, and 10 of the 20 within a point of the cut; of the photos just above the cut, 87%.
MISSED = "may be missed"
UNSEEN = "a kind not asked about yet"
# The likely-misses line past the photos it may have missed (likely_missed): further below the
# threshold.
FAR_BELOW = "below, check"
# The likely-misses line of a tag that stays on the photos the user said yes to (cut at
# NOTHING_TAKEN): no score reaches the cut, so no photo "may be missed" below it, at any score
# (OWN_WORDS). q39: a photo at 0.999 was sorted "likely missed" (--json's "missed") while its
# words said "not tagged: it stays on the photos you said yes to".
NOT_TAGGED = "not tagged"
# The same, for `review --json` (a stable code) and in plain words (`review`, the review page).
WHY_CODE = {
    UNSURE: "unsure",
    CONFIDENT: "confident",
    MISSED: "missed",
    FAR_BELOW: "missed",
    NOT_TAGGED: "not_tagged",
    UNSEEN: "unseen",
}
WHY_WORDS = {
    UNSURE: "just above where it starts tagging",
    CONFIDENT: "confident: check it is not a confident mistake",
    MISSED: "may be missed: just below where it starts tagging",
    FAR_BELOW: "below where it starts tagging: asked in case it is one it missed",
    NOT_TAGGED: (
        "not tagged: it stays on the photos you said yes to; asked in case it should have it"
    ),
    UNSEEN: "a kind of photo it has not asked about yet",
}
# The lines placed by the cut, in words that name it (why_words): "model 96%, unsure: just above
# where it starts tagging" read as a contradiction (a cut at 95%, polish31).
_BY_THE_CUT = {
    UNSURE: ("just above", ""),
    MISSED: ("may be missed: just below", ""),
    FAR_BELOW: ("below", ": asked in case it is one it missed"),
}
# "just" above or below the cut: within this many points of it. The lines reach further (the
# likely-misses line down to 0%, "may be missed" only within JUST, the unsure up to halfway
# to 100%), and "just below 100%"
# was said of photos at 86% to 99% (a tag cut at 100%, polish36): past this, "above" and "below".
JUST = 0.05
# A photo below the cut "may be missed" only just below it: within JUST, and not under half
# the cut ("well below": far_below). A green mamba at 65% under a cut at 95% was "likely
# missed", as was every photo down to half the cut (preview41), while the tag's own cut said it
# was not sure enough. preview41 also asked for even odds on the model's scale (a score of 50%
# or more), and so no photo was ever "likely missed" under a cut of 50% or less (gui43): every
# default tag but 'animal' (54 of 59 cut at 30%: a tag's score is the sum of its ImageNet
# classes' probabilities, which spread over alike classes, models/README.md), and a taught tag
# cut low (anywhere from 5% to 95%: its cut is placed where P(yes | score), fitted apart from the
# score, makes its photos mostly right; ml/selection_aware.py, core/tag_threshold.py). A score
# is no chance of the tag on its own; where the tag starts tagging says what it takes for one.
# A photo at 29% under a cut at 30% scores as the photos the tag goes on, as one at 94% under
# 95% does. det-photos, 20 default tags: of the 16 photos within 5 points under the cut, 9 show
# the tag (8 by their names, and a 'ping-pong_ball' a cat; 2 more arguable: a monitor for
# 'computer', a bowl for 'food'); of the 15 within 5 points over it, 11 by their names. Taught
# tags fare worse (MISSED): such a photo may be one the tag missed, no likelier than not.
CONFIRMED = 1  # positives of one kind after which the confident line stops asking about it
# Turns in ten the unseen line gets (unseen_turns): while the photos it asks about keep coming
# back yes, after NO_STREAK of them in a row came back no, after twice that. Never none: a kind
# no example showed must stay findable.
EXPLORE, FEWER, FEWEST = 4, 2, 1
NO_STREAK = 6  # about two rounds' worth of answers on photos scored under half the threshold


def why_words(why: str, confidence: float | None = None, cut: float | None = None) -> str:
    """Why a photo is asked about, in words (`review`, the Review tab's question and tooltip):
    with `cut`, where the tag starts tagging, named: "just above 95%, where it starts tagging"
    (a photo at 96% was "unsure" there); it is given to a tenth of a percent where it would
    read as `confidence` does."""
    if cut is None or why not in _BY_THE_CUT:
        return WHY_WORDS.get(why, why)
    if stays_on_own(cut):
        return OWN_WORDS
    if why in (MISSED, FAR_BELOW) and confidence is not None:
        why = below_why(confidence, cut)
    lead, tail = _BY_THE_CUT[why]
    if why == FAR_BELOW and confidence is not None and far_below(confidence, cut):
        lead = "well below"
    where = f"{cut_words(cut, confidence)}, where it starts tagging"
    return f"{_near(lead, confidence, cut)} {where}{tail}"


# A tag cut at NOTHING_TAKEN stays on the photos the user said yes to (nothing the model sees
# tells them apart: learned_words.OWN_PHOTOS); no score reaches that cut. read38: its rows read
# "1.00 ... likely missed: just below 100.0%, where it starts tagging", and its queue could say
# "Nothing likely left to find ... far below the 100% where it starts tagging" while the Train
# page asked for more answers.
OWN_WORDS = WHY_WORDS[NOT_TAGGED]


def stays_on_own(cut: float) -> bool:
    """Whether a tag cut at `cut` stays on the photos the user said yes to (NOTHING_TAKEN)."""
    return cut >= NOTHING_TAKEN


def score_label(confidence: float, cut: float | None) -> str:
    """A queued photo's score, short (the Review tab's list): '97%', '95.4%' where the cut is
    given to a tenth beside it (cut_words: walk41 read "model 95%, just above 95.2%"); for a
    tag that stays on the
    photos said yes to (stays_on_own), '97% like your yes photos'. Its score is then no chance
    of the tag: "bagel ... 97% · not tagged" in the queue of "Crete trip" (a trip's folder,
    polish40) read as the model 97% sure a bagel was from the trip."""
    if cut is not None and stays_on_own(cut):
        return f"{confidence:.0%} like your yes photos"
    return f"{confidence:.{places(confidence, cut)}%}"


def score_words(confidence: float, cut: float | None) -> str:
    """A queued photo's score in a sentence (`review`, the Review tab's question): 'model 97%';
    'looks 97% like your yes photos' for a tag that stays on them (score_label)."""
    if cut is not None and stays_on_own(cut):
        return f"looks {score_label(confidence, cut)}"
    return f"model {score_label(confidence, cut)}"


def scored_why_words(why: str, confidence: float, cut: float | None) -> str:
    """why_words, led by what the score is where it is no chance of the tag (score_words: a tag
    that stays on the photos said yes to): 'looks 97% like your yes photos; not tagged: it stays
    on the photos you said yes to; ...' (`review`'s lines, the Review tab's tooltips), where the
    figure beside them is the score."""
    words = why_words(why, confidence, cut)
    if cut is None or not stays_on_own(cut):
        return words
    score = score_words(confidence, cut)
    return f"{score}; {words}" if words else score


def _near(lead: str, confidence: float | None, cut: float) -> str:
    """`lead` ('just above', 'may be missed: just below', 'below'), "just " where the photo's
    confidence is less than JUST from the cut, else without it."""
    if confidence is None or abs(confidence - cut) < JUST:
        return lead if "just " in lead or lead.startswith("well ") else f"just {lead}"
    return lead.replace("just ", "")


def why_label(why: str, confidence: float | None = None, cut: float | None = None) -> str:
    """Why a photo is asked about, short (the Review tab's list, under its confidence): "96% ·
    just above 95%" rather than "96% · unsure"."""
    if cut is not None and stays_on_own(cut) and why in (MISSED, FAR_BELOW):
        return NOT_TAGGED  # no cut to be "missed" below (OWN_WORDS)
    if cut is not None and confidence is not None and why in (MISSED, FAR_BELOW):
        return below_why(confidence, cut)
    if why == UNSURE:
        if cut is None:
            return "just above"
        return f"{_near('just above', confidence, cut)} {cut_words(cut, confidence)}"
    return why


def cut_words(cut: float, confidence: float | None = None) -> str:
    """'95%'; '95.2%' where the photo's confidence would read '95%' too (it is then said to as
    many places: score_label)."""
    return f"{cut:.{places(confidence, cut)}%}"


def places(confidence: float | None, cut: float | None) -> int:
    """The decimal places of a percent that tell `confidence` and `cut` apart, 0 to 2: 0 where
    either is unknown or their whole percents differ; 1 for 0.954 and 0.952 (95.4%, 95.2%); 2
    for 0.9504 and 0.9496. A photo worded "model 95%, just above 95.2%" (walk41: the question
    gave the cut a decimal and not the score) read as below the cut it was said to be above.
    0 for a tag that stays on its yes answers: no cut is named (OWN_WORDS)."""
    if confidence is None or cut is None or stays_on_own(cut):
        return 0
    for digits in (0, 1):
        if f"{cut:.{digits}%}" != f"{confidence:.{digits}%}":
            return digits
    return 2


def settled_kinds(
    kind_of: Mapping[int, int],
    positives: Collection[int],
    clear: Collection[int] | None = None,
) -> set[int]:
    """The kinds of which at least CONFIRMED of the `positives` (photo ids) are; with `clear`
    (the photos whose kind the tagger is sure of, core/concepts.clear_kinds), counting only
    those: a can opener it half took for a hammer (0.22) vouches for no hammer, and leaving
    hammers out of the confident line hid the confident mistake the answer had made."""
    counts: dict[int, int] = {}
    for pid in positives:
        if clear is not None and pid not in clear:
            continue
        kind = kind_of.get(pid)
        if kind is not None:
            counts[kind] = counts.get(kind, 0) + 1
    return {kind for kind, n in counts.items() if n >= CONFIRMED}


def of_settled_kinds(
    kind_of: Mapping[int, int],
    positives: Collection[int],
    photos: Collection[int],
    clear: Collection[int] | None = None,
) -> set[int]:
    """Those of `photos` whose kind is settled by the `positives` (settled_kinds)."""
    settled = settled_kinds(kind_of, positives, clear)
    return {pid for pid in photos if kind_of.get(pid) in settled} if settled else set()


def nothing_likely_left(undecided: Sequence[float], threshold: float) -> bool:
    """Whether the tag has found all it is likely to: some photo is left unanswered and every
    one scores under half the threshold, "well below" it (FAR_BELOW's words). A photo nearer the
    cut keeps the
    queue open. "monkeys", once v3 tagged exactly the 20 primates answered yes, offered 50
    photos at 0-8% each, "below, check", round after round, and a round of "no" taught nothing."""
    # A tag that stays on its own photos has no cut to be far below: never settled (read38).
    if stays_on_own(threshold):
        return False
    return bool(undecided) and far_below(max(undecided), threshold)


def likely_missed(confidence: float, threshold: float) -> bool:
    """Whether a photo below `threshold` is one the tag may have missed (MISSED): within JUST of
    the cut and not under half of it (far_below). A green mamba at 65% under a cut at 95% is
    not: the tag's own cut asks for 95%; a dog at 28% under the default tagger's 30% is (it tags
    one at 31%); under a cut at 6%, one at 4% is, one at 2% is well below."""
    return max(threshold - JUST, threshold / 2) <= confidence < threshold


def below_why(confidence: float, threshold: float) -> str:
    """Why a photo the likely-misses line offers is asked about: MISSED where likely_missed,
    else FAR_BELOW ("below, check"), its words 'well below' under half the threshold."""
    return MISSED if likely_missed(confidence, threshold) else FAR_BELOW


def far_below(confidence: float, threshold: float) -> bool:
    """Whether a photo scores under half the threshold: "well below" it (FAR_BELOW's words); the
    one line nothing_likely_left and why_words both draw."""
    return confidence < threshold / 2


def _percent_over(nearest: float) -> int:
    """The whole percent every unanswered photo scores under, the highest of them `nearest`:
    rounded up, so "under 24%" holds (0.231 -> 24; never "under 0%")."""
    return max(math.ceil(nearest * 100 + 1e-9), 1)


def nothing_likely_words(
    tag: str,
    nearest: float,
    cut: float,
    whys: Sequence[str],
    tested: tuple[int, int] | None = None,
) -> str:
    """What the queue says once nothing_likely_left: the highest score left (`nearest`) against
    the cut, and that the photos listed (`whys`: why each is asked) are only there to check: the
    nearest, or with kinds not asked about yet (UNSEEN) among them, so many photos.

    `tested`: (yes answers kept out of training to test the version, how many of them it
    found), as its record keeps them (core/few_photos), where it missed some. Then the scores
    still give no likely miss, but the test says it misses kinds of photo it was not shown, and
    the words say so, as the Train page's note did (queue42: "Nothing likely left to find …
    if you want to check" under a note that said "tested on the 2 yes answers kept out of
    training, it found none of them, so it is likely to miss photos you meant")."""
    under = _percent_over(nearest)
    only_nearest = all(why in (MISSED, FAR_BELOW) for why in whys)
    if only_nearest:
        some = f"the {len(whys)} nearest are" if len(whys) > 1 else "the nearest is"
        listed = f"{some} listed"
    elif all(why == UNSEEN for why in whys):
        # walk55: `review snakes --limit 1` said "1 are listed, the nearest and kinds ...".
        listed = (
            "1 is listed, a kind of photo it has not asked about yet"
            if len(whys) == 1
            else f"{len(whys)} are listed, kinds of photo it has not asked about yet"
        )
    else:
        listed = f"{len(whys)} are listed, the nearest and kinds it has not asked about yet"
    far = f"far below the {cut_words(cut)} where it starts tagging"
    if tested is not None and missed_some(*tested):
        return (
            f"Nothing near where “{tag}” starts tagging: every photo you have not answered "
            f"scores under {under}%, {far}, so its scores point to no likely miss; but "
            f"{likely_misses_words(*tested)}: {FEW_ASK} ({listed}), then train again."
        )
    return (
        f"Nothing likely left to find for “{tag}”: every photo you have not answered scores "
        f"under {under}%, {far} ({listed}, if you want to check)."
    )


def likely_misses_first(tag: str, nearest: float, cut: float, tested: tuple[int, int]) -> str:
    """nothing_likely_words where the test of the kept-out yes answers missed some, shorter
    and what to do first, for a note read in a narrow pane (the Review tab: its whole words
    there in the note's tooltip). walk52: at 1440 x 900 the Review tab showed six lines of its
    "Nothing near where “kitchen things” starts tagging: every photo you have not answered
    scores under 19%, …" and the step, say yes to one or two of each kind, needed scrolling."""
    under = _percent_over(nearest)
    tested_yes, found = tested
    if tested_yes == 1:
        test = "it did not find the one yes answer the training did not see"
    else:
        hit = f"{found:,}" if found else "none"
        test = f"it found {hit} of the {tested_yes:,} yes answers the training did not see"
    return (
        f"“{tag}” likely misses kinds of photo it was not shown: {test}. "
        f"{FEW_ASK[0].upper()}{FEW_ASK[1:]}, then train again. Unanswered photos all score "
        f"under {under}% (it tags from {cut_words(cut)})."
    )


# What finds the kinds a tag misses: yes answers on them (core/few_photos' note says it too).
FEW_ASK = "say yes to one or two of each kind it misses"


def missed_some(tested_yes: int, found: int) -> bool:
    """Whether the yes answers kept out of training to test a version (`tested_yes`) were not
    all `found` by it: then the few-photos note and the queue say likely_misses_words."""
    return 0 <= found < tested_yes


def likely_misses_words(tested_yes: int, found: int) -> str:
    """What a test of the kept-out yes answers that missed some says, in one wording for the
    few-photos note (Train page, `train`) and the queue (`review`, Review tab): read42 found
    "likely to miss photos you meant" in one and "likely to miss kinds of photo it was not
    shown" in the other, for one finding."""
    tested = tested_words(tested_yes, found)
    return f"{tested}, so it is likely to miss kinds of photo it was not shown"


def tested_words(tested_yes: int, found: int) -> str:
    """'tested on the 6 yes answers the training did not see, it found 3' ('none of them';
    'tested on the one yes answer the training did not see, it did not find it'): walk62 found
    "kept out of training" in our words, not a photographer's."""
    if tested_yes == 1:
        return "tested on the one yes answer the training did not see, it did not find it"
    hit = "none of them" if not found else f"{found:,}"
    return f"tested on the {tested_yes:,} yes answers the training did not see, it found {hit}"


def unseen_turns(rounds: Sequence[Sequence[bool]]) -> int:
    """The unseen line's turns in ten, from the user's answers in each review round so far
    (oldest first) about photos the tag then scored under half its threshold (the photos the
    unseen line asks about, and the likely-misses line once past half the threshold), yes or
    no: EXPLORE while a yes is among the last NO_STREAK of them (a kind no example showed
    joined the tag) or fewer were given; FEWER once the last NO_STREAK all came back no;
    FEWEST once twice that did. On det-photos most such answers are no: garment persons 0 yes
    in 92, seaside 8 in 101, vehicles, music and things to eat 5 in 332 (kitchenware 25 in 86)."""
    answers = [yes for each in rounds for yes in each]
    if len(answers) < NO_STREAK or any(answers[-NO_STREAK:]):
        return EXPLORE
    if len(answers) < 2 * NO_STREAK or any(answers[-2 * NO_STREAK :]):
        return FEWER
    return FEWEST


def mixed_order(
    scored: Sequence[tuple[int, float]],
    threshold: float,
    limit: int,
    unseen: Sequence[tuple[int, float]] = (),
    kind_of: Mapping[int, int] | None = None,
    not_confident: Collection[int] = (),
    why: dict[int, str] | None = None,
    turns: int = EXPLORE,
) -> list[tuple[int, float]]:
    """Up to `limit` of the (photo id, confidence) pairs, interleaved from the lines; the
    confident line leaves out the photos `not_confident` (of_settled_kinds), the unseen line
    has `turns` in ten (unseen_turns). `why`, if given, is filled with why each photo chosen
    is asked about: its line (UNSURE, CONFIDENT, MISSED or UNSEEN), as the review page shows
    it."""
    kinds = kind_of or {}
    above = sorted((p for p in scored if p[1] >= threshold), key=lambda p: p[1])
    skip = set(not_confident)
    confident = [p for p in sorted(above, key=lambda p: -p[1]) if p[0] not in skip]
    below = sorted((p for p in scored if p[1] < threshold), key=lambda p: -p[1])
    # Kinds no answer showed take two turns in five while their answers keep coming back yes
    # (one answer settles a whole kind); the turns they give up go to the likely misses.
    weak = _Line(unseen, UNSEEN)
    unsure, sure, missed = _Line(above, UNSURE), _Line(confident, CONFIDENT), _Line(below, MISSED)
    lines = {
        EXPLORE: [unsure, weak, sure, weak, missed],
        FEWER: [unsure, weak, sure, missed, missed],
        FEWEST: [unsure, weak, sure, missed, missed, unsure, missed, sure, missed, missed],
    }[turns]
    chosen: list[tuple[int, float]] = []
    seen: set[int] = set()
    shown: set[int] = set()  # the kinds this round already shows
    while len(chosen) < limit:
        took = False
        for strict in (True, False):  # a kind twice in a round only when no line has another
            for line in lines:
                item = line.next(seen, kinds, shown if strict else set())
                if item is None:
                    continue
                took = True
                seen.add(item[0])
                chosen.append(item)
                if why is not None:
                    why[item[0]] = _why(line.why, item[1], threshold)
                if item[0] in kinds:
                    shown.add(kinds[item[0]])
                if len(chosen) % ROUND == 0:
                    shown = set()
                    for each in lines:
                        each.blocked = False
                if len(chosen) >= limit:
                    break
            if took:
                break
        if not took:
            break
    return chosen


def _why(line: str, confidence: float, threshold: float) -> str:
    """Why a photo from `line` is asked about, in words that hold for its confidence: once the
    photos just above the threshold are answered, the unsure line reaches 95% ones (a small
    library, few photos above), and the confident line, once the surest are answered, 52% ones.
    Above the threshold, the half nearer 1 is confident, the other half unsure. Below it, the
    likely-misses line reaches photos scored 0% in a small library or a late round: a photo
    "may be missed" only just below the threshold (likely_missed), the
    others "below, check" (FAR_BELOW). A tag that stays on
    its own photos has no cut to miss a photo below: each of that line's is NOT_TAGGED."""
    if line == MISSED and stays_on_own(threshold):
        return NOT_TAGGED
    if line == MISSED:
        return below_why(confidence, threshold)
    if line not in (UNSURE, CONFIDENT):
        return line
    return CONFIDENT if confidence >= (threshold + 1.0) / 2 else UNSURE


class _Line:
    """One line of candidates, best first; a candidate passed over stays for later turns."""

    def __init__(self, items: Sequence[tuple[int, float]], why: str) -> None:
        self._items = list(items)
        self.why = why
        self._start = 0  # everything before it is taken
        # Only kinds already shown this round are left: more are shown as the round goes on,
        # so the line need not be searched again until the next round (a library of few kinds).
        self.blocked = False

    def next(
        self, taken: set[int], kind_of: Mapping[int, int], shown: set[int]
    ) -> tuple[int, float] | None:
        """The first candidate not `taken` and of no kind in `shown`; None if there is none."""
        if shown and self.blocked:
            return None
        while self._start < len(self._items) and self._items[self._start][0] in taken:
            self._start += 1
        for item in islice(self._items, self._start, None):
            if item[0] in taken:
                continue
            kind = kind_of.get(item[0])
            if kind is None or kind not in shown:
                return item
        self.blocked = bool(shown)
        return None
