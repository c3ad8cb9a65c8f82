"""A tag learned from yes answers with no "no" answer (or very few): nothing tells where it stops.

QA (issue 8): "Trip 9 holiday" (a folder's name: 49 yes, 0 no) and "Été à Nice" (74 yes, 0 no)
were learned "from your examples" and would go on 113 of 366 and 180 more of 394 photos, and
nothing said why. Learning from yes answers alone, a version knows what the tag's photos look
like but not what sets them apart from the rest: every photo like them gets it. The learning
itself is unchanged; `train` and the Train page warn, per tag, and say what to do.

The line is CALIBRATE_MIN (5) "no" answers, the learning's own minimum: with fewer, none can be
kept out to check the tag on (core/tag_learning.py's `enough`), its cut is not set from your
answers, and a tag of the default tagger is not corrected at all."""

from __future__ import annotations

import shlex
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from phototagger.core.few_photos import FEW_STEP, goes_on_few
from phototagger.core.learned_words import (
    BY_FOLDER,
    ELSEWHERE,
    NO_VALIDATION,
    OWN_PHOTOS,
    UNCHECKED,
)
from phototagger.core.tag_learning import CALIBRATE_MIN
from phototagger.core.wording import counted, listed
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


def few_no_noted(yes: int, others: int | None) -> bool:
    """A tag with few "no" answers is said in a plain note, not a ⚠ warning, where the new
    version puts it on no more photos besides the answered ones (`others`, None where not
    counted) than it has yes answers: the user can look each over in what Apply changes. pass38:
    "monkeys", 10 yes, went on 4 more photos, all primates, under a ⚠ that read as "something
    went wrong"; "Trip 9 holiday" (49 yes) on 113 more photos is what the warning is for."""
    return others is not None and others <= yes


def few_no_words(
    tag: str,
    no: int,
    queue: str | None = None,
    yes: int = 0,
    others: int | None = None,
    confirmed: int = 0,
) -> str:
    """'Trip 9 holiday: no photo answered no yet, so nothing tells it where “Trip 9 holiday”
    stops: it may go on photos that only look like your 49; answer no on a few photos it should
    not have'; with 1-4 "no", 'only 2 photos answered no (5 are needed to check where it
    stops): ... answer no on 3 more photos it should not have'. With `queue`, where the tag's
    review queue is (the command line's, the app's): "(QUEUE lists photos to answer)". `yes`:
    its yes answers (0: not known); `others`: the photos the new version puts it on besides the
    answered ones, where counted: on few (few_no_noted), 'monkeys: no photo answered no yet, so
    nothing tells it where “monkeys” stops; it goes on 4 photos besides the 10 you said yes to:
    answer no on those that should not have it'. `confirmed`: of the yes answers, those that
    accepted the model's suggestion (core/few_photos.goes_on_few), which count as photos found.

    pass38: the words were "no photo answered no: it cannot be told apart", and a new user could
    not tell from what, nor act on it."""
    name = shown_name(tag)
    if no == 0:
        lacks = f"no photo answered no yet, so nothing tells it where “{name}” stops"
    else:
        lacks = (
            f"only {counted(no, 'photo')} answered no ({CALIBRATE_MIN} are needed to check "
            "where it stops)"
        )
    # Where to answer: the words alone left a new user to find the Review tab or `review`
    # (pass38), where the note beside them on a tag that goes on few photos named its queue.
    where = f" ({queue} lists photos to answer)" if queue else ""
    if others is not None and few_no_noted(yes, others):
        yours = "the one" if yes == 1 else f"the {yes:,}"
        look = (
            "answer no on it if it should not have the tag"
            if others == 1
            else "answer no on those that should not have it"
        )
        if others and goes_on_few(yes, others, confirmed):
            # fixh38: a tag on few photos besides its yes answers is also said to go on few
            # (core/few_photos); one sentence says both steps, with one link to its queue:
            # two notes on 'monkeys' each said "goes on 2 photos besides the 10 you said yes
            # to", each with its own link, one asking for "no", the other for "yes".
            return (
                f"{name}: {lacks}; it goes on only {counted(others, 'photo')} besides {yours} "
                f"you said yes to: {look}; {FEW_STEP}{where}, then train again"
            )
        return (
            f"{name}: {lacks}; it goes on {counted(others, 'photo')} besides {yours} you said "
            f"yes to: {look}{where}"
        )
    like = {0: "the ones you said yes to", 1: "the one you said yes to"}.get(yes, f"your {yes:,}")
    more = "a few photos" if no == 0 else counted(CALIBRATE_MIN - no, "more photo")
    return (
        f"{name}: {lacks}: it may go on photos that only look like {like}; answer no on {more} "
        f"it should not have{where}"
    )


# Tags only the files' keywords give, named in few_no_keywords_words before "and 12 more".
NAMED_KEYWORDS = 5


def _named(tags: Mapping[str, int]) -> tuple[list[str], str]:
    """`tags` in order, and named up to NAMED_KEYWORDS: "'20s', 'Adult'… and 26 more"."""
    names = sorted(tags, key=str.casefold)
    named = ", ".join(f"'{shown_name(t)}'" for t in names[:NAMED_KEYWORDS])
    if len(names) > NAMED_KEYWORDS:
        named += f" and {len(names) - NAMED_KEYWORDS:,} more"
    return names, named


def few_no_keywords_words(few_no: Mapping[str, int]) -> str:
    """few_no_words once for the tags only the files' keywords give (the user answered none of
    them): "31 tags from your files' keywords ('20s', 'Adult'… and 26 more) have fewer than 5
    photos answered no, so nothing tells where each stops: they may go on photos that only look
    like their own; where one matters to you, answer no on a few photos it should not have". A
    stock library's photos carry dozens of keywords each, and
    a warning per keyword buried the one about the tag the user taught."""
    tags, named = _named(few_no)
    if len(tags) == 1:
        return (
            f"1 tag from your files' keywords ({named}) has fewer than {CALIBRATE_MIN} photos "
            "answered no, so nothing tells where it stops: it may go on photos that only look "
            "like its own; if it matters to you, answer no on a few photos it should not have"
        )
    return (
        f"{len(tags):,} tags from your files' keywords ({named}) have fewer than "
        f"{CALIBRATE_MIN} photos answered no, so nothing tells where each stops: they may go on "
        "photos that only look like their own; where one matters to you, answer no on a few "
        "photos it should not have"
    )


# keytags34 (ee0b497): a tag taught from yes answers with fewer than 5 "no" whose held-out yes
# answers score no higher than unanswered photos (a folder's keyword 'Places|Greece|Crete' on a
# trip's photos, nothing visual in common) is cut so that it goes on no other photo. `train`
# said only "no photo answered no: it cannot be told apart", as if it would spread; it is said
# here instead, with what to do if the user wants it spread.


def own_photos_only(learned: Mapping[str, Any], positives: Mapping[str, int]) -> dict[str, int]:
    """Per tag whose record (`learned`, a version's) says it stays on its own photos
    (learned_words.OWN_PHOTOS), its yes answers."""
    found = {
        tag: positives.get(tag, 0)
        for tag, how in learned.items()
        if isinstance(how, Mapping) and how.get(OWN_PHOTOS) and positives.get(tag, 0)
    }
    return dict(sorted(found.items(), key=lambda kv: kv[0].casefold()))


def split_folders(learned: Mapping[str, Any], own: Mapping[str, int]) -> dict[str, dict[str, Any]]:
    """Per tag of `own` (own_photos_only's) whose record (`learned`) says its answers split by
    folder (learned_words.BY_FOLDER), the folders of its yes answers and of its "no" answers,
    and how many of each lie elsewhere (learned_words.ELSEWHERE), where any do."""
    found: dict[str, dict[str, Any]] = {}
    for tag in own:
        how = learned.get(tag)
        split = how.get(BY_FOLDER) if isinstance(how, Mapping) else None
        if isinstance(split, Mapping):
            found[tag] = {side: list(split.get(side, [])) for side in ("yes", "no")}
            found[tag] |= {k: int(split[k]) for k in ELSEWHERE if split.get(k)}
            for key in (UNCHECKED, NO_VALIDATION):
                if split.get(key):
                    found[tag][key] = True
    return found


# Folders named in a sentence before "and 3 other folders".
NAMED_FOLDERS = 3


def _tails(folders: Sequence[str]) -> dict[str, str]:
    """Each of `folders` by the shortest tail of its path that no other of them ends in:
    'Crete' alone, '2023/Crete' and '2024/Crete' beside each other."""
    parts = {f: [p for p in f.replace("\\", "/").split("/") if p] or [f] for f in folders}
    named = {}
    for folder, own in parts.items():
        k = 1
        while k < len(own) and any(
            other != folder and theirs[-k:] == own[-k:] for other, theirs in parts.items()
        ):
            k += 1
        named[folder] = "/".join(own[-k:])
    return named


def _folders_named(folders: Sequence[str], tails: Mapping[str, str]) -> str:
    """'Crete', 'Crete and Rhodes', 'Crete, Rhodes, Paros and 2 other folders': by their own
    names, as the folder tree shows them (`tails`: _tails', where two share a name)."""
    names = [tails.get(f, f) for f in folders]
    if len(names) > NAMED_FOLDERS + 1:
        rest = len(names) - NAMED_FOLDERS
        names = [*names[:NAMED_FOLDERS], f"{rest:,} other folders"]
    return listed(names) if names else "their folders"


def label_folder_words(tag: str) -> str:
    """How to put `tag` on a folder's photos, for a tag that is the folder (a trip, a place, an
    event) rather than what the pictures show: 'to tag another folder's photos, label that
    folder (in the app: ...; or phototagger label FOLDER --add TAG)'."""
    return (
        "to tag another folder's photos, label that folder (in the app: pick the folder in the "
        f"sidebar, select all, press T; or phototagger label FOLDER --add {shlex.quote(tag)})"
    )


def own_photos_words(
    tag: str, yes: int, no: int = 0, folders: Mapping[str, Any] | None = None
) -> str:
    """'Crete stays on the 15 photos you said yes to: nothing the model sees tells them apart
    from your other photos; to spread it, answer no on a few photos it should not have, then
    train again'. With `no` answers enough to hold some out (5 or more) it could not tell the
    yes photos from those either, and more "no" is no help: 'from Anna stays on the 12 photos
    you said yes to: nothing the model sees tells them apart from the 6 you said no to; it may
    be something the pictures do not show (a person, a place, a time); to spread it, say yes on
    more photos it should have, then train again'. With `folders` (split_folders': its yes
    answers whole folders and its "no" answers whole folders), that, and that labelling a
    folder tags its photos: 'holiday Crete stays on the 60 photos you said yes to: your yes
    answers are the whole of Crete and your no answers the whole of WhatsApp, so nothing but
    the folder tells them apart; a trip, a place or an event is not something the pictures
    show: to tag another folder's photos, label that folder (...)'. With answers elsewhere
    besides (`folders`' yes_elsewhere and no_elsewhere, fold40), those too: '... your yes
    answers are the whole of Crete and 1 photo elsewhere, your no answers the whole of
    WhatsApp and 1 photo elsewhere, too few elsewhere to show it is something the pictures
    show (that takes 5 yes and 5 no outside those folders), so nothing but the folder tells
    them apart; ...', or with enough of each that a model not taught with them did not rank
    their yes clearly above their no. With `folders` but no "no" folder, or fewer than 5 `no`
    answers (a tag taught as from yes answers alone: tag_learning.whole_folders), both ways:
    'Crete trip stays on the 150 photos you said yes to: your yes answers are the whole of
    2024-07 Crete, and nothing the model sees tells them apart from your other photos; if it is
    something the pictures show, answer no on a few photos ...; if it is a trip, a place or an
    event, to tag another folder's photos, label that folder (...)'."""
    photos = "the photo" if yes == 1 else f"the {yes:,} photos"
    if folders is not None and (not folders["no"] or no < CALIBRATE_MIN):
        # polish40: yes on every photo of a trip's folder and no "no" at all was told only "to
        # spread it, answer no on a few photos it should not have": for a trip, a place or an
        # event, a few "no" elsewhere does not tag another folder and can spread it at random.
        # So too with 1-4 "no" on a whole folder (tag_learning.whole_folders: taught as from yes
        # answers alone): told "your no answers the whole of 2025-05 phone, so nothing but the
        # folder tells them apart", which 2 answers cannot show, and not to answer no (read40).
        in_yes = _folders_named(folders["yes"], _tails(folders["yes"]))
        return (
            f"{shown_name(tag)} stays on {photos} you said yes to: your yes answers are the "
            f"whole of {in_yes}, and nothing the model sees tells them apart from your other "
            "photos; if it is something the pictures show, answer no on a few photos it should "
            "not have, then train again; if it is a trip, a place or an event, "
            f"{label_folder_words(tag)}"
        )
    if folders is not None:
        # folder38: a trip's folder said yes, another folder no, each whole
        # (tag_learning.folder_answers). More answers in those folders cannot
        # help: the user wants the folder's photos, so the way on is to label another folder.
        tails = _tails([*folders["yes"], *folders["no"]])
        in_yes = _folders_named(folders["yes"], tails)
        in_no = _folders_named(folders["no"], tails)
        yes_out, no_out = (int(folders.get(k) or 0) for k in ELSEWHERE)
        sides = f"whole of {in_yes} and your no answers the whole of {in_no}"
        if yes_out or no_out:
            # fold40: a few photos answered one by one besides the whole folders.
            sides = (
                f"whole of {in_yes}{_and_elsewhere(yes_out)}, your no answers the whole of "
                f"{in_no}{_and_elsewhere(no_out)}, "
                + (
                    "too few elsewhere to show it is something the pictures show (that takes "
                    f"{CALIBRATE_MIN} yes and {CALIBRATE_MIN} no outside those folders)"
                    if min(yes_out, no_out) < CALIBRATE_MIN
                    else "and the deep run kept none of your answers out of its training to "
                    "check them with (train without --deep checks them)"
                    if folders.get(NO_VALIDATION)
                    else "and the deep run held too few of the answers elsewhere out of its "
                    "training to check them (train without --deep checks them)"
                    if folders.get(UNCHECKED)
                    else "and a model not taught with the answers elsewhere did not rank their "
                    "yes clearly above their no"
                )
            )
        return (
            f"{shown_name(tag)} stays on {photos} you said yes to: your yes answers are the "
            f"{sides}, so nothing but the "
            "folder tells them apart; a trip, a place or an event is not something the pictures "
            f"show: {label_folder_words(tag)}"
        )
    if no >= CALIBRATE_MIN:
        return (
            f"{shown_name(tag)} stays on {photos} you said yes to: nothing the model sees tells "
            f"them apart from the {no:,} you said no to; it may be something the pictures do not "
            "show (a person, a place, a time); to spread it, say yes on more photos it should "
            "have, then train again"
        )
    return (
        f"{shown_name(tag)} stays on {photos} you said yes to: nothing the model sees tells "
        "them apart from your other photos; to spread it, answer no on a few photos it should "
        "not have, then train again"
    )


def _and_elsewhere(photos: int) -> str:
    """' and 1 photo elsewhere' (own_photos_words); nothing for none."""
    return f" and {counted(photos, 'photo')} elsewhere" if photos else ""


def own_photos_keywords_words(tags: Mapping[str, int]) -> str:
    """own_photos_words once for the tags only the files' keywords give: "2 tags from your
    files' keywords ('Holiday', 'Places/Greece/Crete') stay on the photos the files give them:
    nothing the model sees tells those photos apart from the rest, usually what a place or
    event keyword wants; to spread one, answer no on a few photos it should not have"."""
    names, named = _named(tags)
    if len(names) == 1:
        head = f"1 tag from your files' keywords ({named}) stays on the photos the files give it"
        one = "it"
    else:
        head = (
            f"{len(names):,} tags from your files' keywords ({named}) stay on the photos the "
            "files give them"
        )
        one = "one"
    return (
        f"{head}: nothing the model sees tells those photos apart from the rest, which is "
        f"usually what a place or event keyword wants; to spread {one}, answer no on a few "
        "photos it should not have, then train again"
    )


def _few_no_photos(counts: Mapping[str, Any], tag: str) -> tuple[int, int | None, int]:
    """The tag's yes answers, the photos the new version puts it on besides the answered ones
    and its yes answers that accepted the model's suggestion (counts' few_no_photos;
    (0, None, 0) where the run did not record them)."""
    got = counts.get("few_no_photos", {}).get(tag)
    if not isinstance(got, Mapping):
        return 0, None, 0
    return int(got.get("yes") or 0), got.get("others"), int(got.get("confirmed") or 0)


def few_no_said(counts: Mapping[str, Any]) -> tuple[list[str], list[str]]:
    """The tags of counts' few_no (the user's) said in a ⚠ warning, and those said in a plain
    note (few_no_noted: the version puts them on few photos besides their answers)."""
    warned: list[str] = []
    noted: list[str] = []
    for tag in counts.get("few_no", {}):
        yes, others, _ = _few_no_photos(counts, tag)
        (noted if few_no_noted(yes, others) else warned).append(tag)
    return warned, noted


def few_no_tag_words(counts: Mapping[str, Any], tag: str, queue: str | None = None) -> str:
    """few_no_words for a tag of counts' few_no, with its yes answers and photos besides; where
    its yes answers are whole folders (counts' few_no_folders), that labelling a folder tags
    its photos too: 'Crete trip: no photo answered no yet, ...; answer no on a few photos it
    should not have; your yes answers are the whole of Crete: if it is a trip, a place or an
    event rather than something the pictures show, to tag another folder's photos, label that
    folder (...)'. polish40: a trip's folder said yes to was only told to answer no elsewhere,
    which does not tag another folder and can spread it at random."""
    yes, others, confirmed = _few_no_photos(counts, tag)
    words = few_no_words(tag, counts["few_no"][tag], queue, yes, others, confirmed)
    folders = counts.get("few_no_folders", {}).get(tag)
    if not isinstance(folders, Mapping) or not folders.get("yes"):
        return words
    return f"{words}; {yes_folders_words(tag, folders['yes'])}"


def yes_folders_words(tag: str, yes_folders: Sequence[str]) -> str:
    """'your yes answers are the whole of Crete: if it is a trip, a place or an event rather
    than something the pictures show, to tag another folder's photos, label that folder (...)':
    how a tag taught from yes answers on whole folders (tag_learning.whole_folders) that goes
    on other photos is put on another folder's, after what its few "no" answers call for
    (few_no_tag_words, `train`'s warning; the review queue's last line, core/model/review.py)."""
    in_yes = _folders_named(yes_folders, _tails(yes_folders))
    return (
        f"your yes answers are the whole of {in_yes}: if it is a trip, a place or an event "
        f"rather than something the pictures show, {label_folder_words(tag)}"
    )


def few_no_and_own_photos_words(
    counts: Mapping[str, Any], queue: Callable[[str], str] | None = None
) -> tuple[list[str], list[str]]:
    """(warnings, notes) a training's counts (core/retrain: few_no, few_no_photos,
    few_no_from_files, own_photos, own_photos_from_files) give, as `train` and the Train page
    say them: few_no_and_own_photos_said's words."""
    warnings, notes = few_no_and_own_photos_said(counts, queue)
    return [words for _, words in warnings], [words for _, words in notes]


# Words about a tag, with the tag (None: about several, the files' keywords'): the Train page
# puts each tag's link to its review queue after the words that name it.
Said = tuple[str | None, str]


def few_no_and_own_photos_said(
    counts: Mapping[str, Any], queue: Callable[[str], str] | None = None
) -> tuple[list[Said], list[Said]]:
    """(warnings, notes), each line with the tag it is about: a warning per tag of the user's
    learned with few "no" answers that the version puts on more photos than it has yes answers,
    then one for the files' keywords' (few_no_keywords_words); a note per tag of theirs with few
    "no" answers on no more photos than that (first, in few_no_said's order), per tag that stays
    on its own photos, then one for the files' keywords' (own_photos_keywords_words). `queue`:
    a tag's review queue, named in its few-"no" words (few_no_words)."""
    warned, noted = few_no_said(counts)
    warnings: list[Said] = [
        (t, few_no_tag_words(counts, t, queue(t) if queue else None)) for t in warned
    ]
    if few_no_files := counts.get("few_no_from_files", {}):
        warnings.append((None, few_no_keywords_words(few_no_files)))
    own_no = counts.get("own_photos_no", {})
    by_folder = counts.get("own_photos_folders", {})
    notes: list[Said] = [
        (t, few_no_tag_words(counts, t, queue(t) if queue else None)) for t in noted
    ]
    notes += [
        (t, own_photos_words(t, n, own_no.get(t, 0), by_folder.get(t)))
        for t, n in counts.get("own_photos", {}).items()
    ]
    if own_files := counts.get("own_photos_from_files", {}):
        notes.append((None, own_photos_keywords_words(own_files)))
    return warnings, notes
