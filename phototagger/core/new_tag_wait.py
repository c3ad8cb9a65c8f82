"""Tags that are not learned yet, and what `train` says when it has nothing new to learn.

A tag the user invents becomes a model output once MIN_POSITIVES photos have it (fewer give no
class set or threshold worth trusting). A tag the default tagger has is corrected only once it
has CALIBRATE_MIN yes and CALIBRATE_MIN no answers (core/tag_learning.py): with fewer, a version
keeps its column and threshold bit for bit. Until then `train` names each such tag with what it
still needs, instead of saving a version that is its parent under a new name.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence

import sqlite_utils

from phototagger.core.tag_learning import CALIBRATE_MIN
from phototagger.core.training_set import MIN_POSITIVES, Labels
from phototagger.core.wording import counted
from phototagger.store.tags import hand_decided_tags, name_key
from phototagger.tag_names import shown_name

NAMED_WAITING = 5  # new tags named in the message, the closest to being learned first
# Past NAMED_WAITING, the tags only the files' keywords give are counted, with this many named:
# a stock photo's file carries dozens of keywords, and every `train` named five of them, each
# "has 1 (add it to 4 more)", as if each were a tag to work on.
FEW_NAMED = 3


def waiting_tags(
    labels: Labels, known: Iterable[str], detector: Iterable[str] = ()
) -> dict[str, int]:
    """Tags with decisions that no version knows yet and too few positives to learn: their
    positives, by name. The face detector's tags (`detector`) wait for nothing: see
    detector_answered."""
    # 'äpfel' is not known for 'Äpfel' (two tags)
    folded = {name_key(k) for k in known} | {name_key(d) for d in detector}
    names = set(labels.positives) | set(labels.negatives) | set(labels.unread)
    return {
        n: labels.positives.get(n, 0)
        for n in sorted(names, key=str.casefold)
        if name_key(n) not in folded and labels.positives.get(n, 0) < MIN_POSITIVES
    }


def detector_answered(labels: Labels, known: Iterable[str], detector: Iterable[str]) -> list[str]:
    """The face detector's tags ('people', 'portrait', 'group') the user answered about that no
    version learned. The detector's findings decide them, and the user's answers stay on their
    photos; the tagger does not learn them as a new tag (a model column of the same name would
    tag photos beside the detector, and two sources would argue over one tag)."""
    folded = {name_key(k) for k in known}
    keys = {name_key(d) for d in detector} - folded
    names = set(labels.positives) | set(labels.negatives) | set(labels.unread)
    return sorted((n for n in names if name_key(n) in keys), key=str.casefold)


def from_files_only(db: sqlite_utils.Database, names: Iterable[str]) -> set[str]:
    """Those of `names` that only the photos' files' keywords decide: no decision about them
    was made in phototagger. Stock photos carry dozens of keywords each, and those tags buried
    the few the user taught by hand."""
    by_hand = {name_key(n) for n in hand_decided_tags(db)}
    return {n for n in names if name_key(n) not in by_hand}


def detector_note(count: int) -> str:
    """What answers on `count` of the face detector's tags do."""
    it = "it" if count == 1 else "them"
    return f"your answers on {it} stay on those photos, and the tagger does not learn {it}"


def short_of_answers(labels: Labels, defaults: Iterable[str]) -> dict[str, tuple[int, int]]:
    """Tags of the default tagger (`defaults`, as the model spells them) with decisions but
    fewer than CALIBRATE_MIN yes or no answers: how many more yes and no answers each needs
    before a correction is tried."""
    found = {}
    for name in defaults:
        yes, no = labels.positives.get(name, 0), labels.negatives.get(name, 0)
        if (yes or no) and (yes < CALIBRATE_MIN or no < CALIBRATE_MIN):
            found[name] = (max(CALIBRATE_MIN - yes, 0), max(CALIBRATE_MIN - no, 0))
    return dict(sorted(found.items(), key=lambda kv: kv[0].casefold()))


def answers_needed(more_yes: int, more_no: int) -> str:
    """'3 more yes and 1 more no answers', '2 more no answers'."""
    parts = [f"{n} more {word}" for n, word in ((more_yes, "yes"), (more_no, "no")) if n]
    return " and ".join(parts) + " answers"


def unread_note(labels: Labels) -> str:
    """Why a tag the user labelled counts fewer photos than they labelled, or "" if it does not:
    photos that could not be read teach nothing."""
    count = sum(labels.unread.values())
    if not count:
        return ""
    if count == 1:
        which = "1 of your labels is on a photo that could not be read and does not count"
    else:
        which = f"{count:,} of your labels are on photos that could not be read and do not count"
    return f"; {which} (see the problems list)"


def out_of_library_note(labels: Labels) -> str:
    """ "; 12 of your answers are on photos out of the library …", or "" if none is."""
    words = out_of_library_words(labels.out_of_library, labels.keywords_out_of_library)
    return f"; {words}" if words else ""


def unread_now_words(unread: Sequence[str]) -> str:
    """Why `train --deep` learned nothing from some answered photos, or "" if it read them all:
    it decodes them again, and `unread` ("name: why" each) could not be read from disk now."""
    if not unread:
        return ""
    which = "1 photo you answered" if len(unread) == 1 else f"{len(unread):,} photos you answered"
    more = f"; and {len(unread) - 1:,} more" if len(unread) > 1 else ""
    return (
        f"{which} could not be read from disk now ({unread[0]}{more}), so this deep run "
        "learned nothing from them; plain `phototagger train` learns from them all (from what "
        "the scan kept), and a scan of their folders notes the files that are gone"
    )


def out_of_library_words(answers: int, keywords: int = 0) -> str:
    """Why `answers` the user gave and `keywords` read from the files do not count now, or ""
    if none: they are on photos out of the library (a folder removed from it, files gone or
    trashed), kept should the photos come back (store/tags.user_decisions). Said apart, in
    `train`'s words ("tags from your files' keywords"): "32 of your answers" where 31 were
    keywords a scan read took the scan's reading for the user's doing."""
    if not answers and not keywords:
        return ""
    said = []
    if answers:
        said.append("1 of your answers" if answers == 1 else f"{answers:,} of your answers")
    if keywords:
        said.append(
            "1 tag from your files' keywords"
            if keywords == 1
            else f"{keywords:,} tags from your files' keywords"
        )
    if answers + keywords == 1:
        return (
            f"{said[0]} is on a photo out of the library (a folder removed, its file gone, or "
            "moved to the trash) and counts again when it comes back"
        )
    return (
        f"{' and '.join(said)} are on photos out of the library (a folder removed, their files "
        "gone, or moved to the trash) and count again when they come back"
    )


def nothing_new_message(
    parent: str,
    waiting: dict[str, int],
    short: dict[str, tuple[int, int]] | None = None,
    detector: Iterable[str] = (),
    keywords: Collection[str] = (),
) -> str:
    """Why there is nothing to train: the new tags that need more photos, the default tags
    that need more answers to be corrected (`short`: short_of_answers), or no new decisions.
    The tags the user taught by hand come first, the closest to being learned first, and only
    NAMED_WAITING of them; tags that only the files' keywords give (`keywords`: from_files_only)
    are counted after them, not named: stock photos carry dozens of keywords each, and naming
    them ("'arpa', 'artisanat', 'bois'… and 31 more") buried the tag the user was teaching."""
    reasons = waiting_reasons(waiting, short, detector, keywords)
    nothing_new = f"no new decisions since {parent} learned: accept, reject or add tags, then train"
    if reasons and all(t in keywords for t in [*waiting, *detector, *(short or {})]):
        # Only the files' keywords wait: the refusal named '20s', 'Adult'… to a user who had
        # answered nothing new, and never said so. A keyword that is a tag the model knows
        # ('food' read from a file) counts as one too: after "monkeys" was taught and applied,
        # the Train page led with "'food' needs 4 more yes and 5 more no answers".
        return f"{nothing_new}; " + "; ".join(reasons)
    if reasons:
        return "; ".join(reasons)
    return nothing_new


def waiting_reasons(
    waiting: dict[str, int],
    short: dict[str, tuple[int, int]] | None = None,
    detector: Iterable[str] = (),
    keywords: Collection[str] = (),
    see_all: str = "",
) -> list[str]:
    """What each kind of tag not learned yet needs, in nothing_new_message's order (the user's
    own tags before the files' keywords); also what `train` says of them after a run that
    learned other tags. `see_all`: where the front lists every tag with its photos, said where
    the files' keywords are only counted ("'phototagger stats' lists ...")."""
    reasons = []
    # Default tags short of answers first: a library whose files carried keywords has many
    # new tags waiting, and they buried the tag the user was answering about.
    if short:
        # The user's own first; those only the files' keywords answered after, named as such
        # ("'bird' needs 4 more yes and 5 more no answers" read as if the user had answered it).
        by_hand = _short_named({t: m for t, m in short.items() if t not in keywords})
        from_files = _from_files(_short_named({t: m for t, m in short.items() if t in keywords}))
        needs = f"{by_hand}, and {from_files}" if by_hand and from_files else by_hand or from_files
        reasons.append(
            f"a tag the model already knows is retrained once it has {CALIBRATE_MIN} yes and "
            f"{CALIBRATE_MIN} no answers: {needs}"
        )
    if waiting:
        own = {t: c for t, c in waiting.items() if t not in keywords}
        files = {t: c for t, c in waiting.items() if t in keywords}
        if own:
            needs = _closest(own, "more new tag")
            if files:
                needs += f", and {counted(len(files), 'tag')} from your files' keywords wait too"
        elif len(files) > NAMED_WAITING:
            needs = _keywords_counted(files, see_all)
        else:
            # Named as the keywords they are: "'coldish sunday round walk plus' has 1" (a
            # det-photo's XMP subject) read as a tag the user had made.
            needs = _from_files(_closest(files, "more tag"))
        reasons.append(f"a new tag is learned once {MIN_POSITIVES} photos have it: {needs}")
    answered = [tag for tag in detector if tag not in keywords]
    if answered:
        comes = "comes" if len(answered) == 1 else "come"
        reasons.append(
            f"{_listed(answered)} {comes} from the face detector: {detector_note(len(answered))}"
        )
    # Tags only the files' keywords gave were said to come from the face detector, with "your
    # answers on it": the user had answered nothing. They are named as the keywords they are.
    read = [tag for tag in detector if tag in keywords]
    if read:
        one = len(read) == 1
        reasons.append(
            f"{_listed(read)} from your files' keywords {'is' if one else 'are'} "
            f"{'a tag' if one else 'tags'} of the face detector's: the keywords stay on those "
            f"photos, and the tagger does not learn {'it' if one else 'them'}"
        )
    return reasons


def _keywords_counted(files: dict[str, int], see_all: str) -> str:
    """ "67 tags from your files' keywords are on fewer photos ('20s', 'Adult', 'African
    American' and 64 more; SEE_ALL)": the tags only the files' keywords give, past
    NAMED_WAITING, counted, the FEW_NAMED closest to being learned named."""
    closest = sorted(files.items(), key=lambda kv: (-kv[1], kv[0].casefold()))
    named = ", ".join(f"'{shown_name(tag)}'" for tag, _ in closest[:FEW_NAMED])
    more = f" and {len(files) - FEW_NAMED:,} more" if len(files) > FEW_NAMED else ""
    return (
        f"{counted(len(files), 'tag')} from your files' keywords are on fewer photos "
        f"({named}{more}{'; ' + see_all if see_all else ''})"
    )


def _short_named(short: dict[str, tuple[int, int]]) -> str:
    """The NAMED_WAITING default tags closest to being retrained, with the answers each needs,
    and how many more there are."""
    nearest = sorted(short.items(), key=lambda kv: (sum(kv[1]), kv[0].casefold()))
    return _first_named([(tag, f"needs {answers_needed(*more)}") for tag, more in nearest])


def _from_files(named: str) -> str:
    """`named` (tags only the files' keywords give, with what each needs) said as such, or ""."""
    return f"of the tags from your files' keywords, {named}" if named else ""


def _listed(tags: list[str]) -> str:
    """ "'people'", "'people' and 'group'", "'people', 'portrait' and 'group'"."""
    quoted = [f"'{shown_name(tag)}'" for tag in tags]
    return quoted[0] if len(quoted) == 1 else ", ".join(quoted[:-1]) + " and " + quoted[-1]


def _closest(waiting: dict[str, int], more: str) -> str:
    """The NAMED_WAITING new tags closest to being learned, with what each needs, and how many
    `more` there are ('and 1 more new tag', 'and 2 more new tags')."""
    closest = sorted(waiting.items(), key=lambda kv: (-kv[1], kv[0].casefold()))
    said = [(tag, f"has {n} (add it to {MIN_POSITIVES - n} more)") for tag, n in closest]
    return _first_named(said, more)


def _first_named(said: list[tuple[str, str]], more: str = "more tag") -> str:
    """The first NAMED_WAITING tags of `said`, each with what is said of it, and how many `more`
    there are."""
    needs = ", ".join(f"'{shown_name(tag)}' {words}" for tag, words in said[:NAMED_WAITING])
    if len(said) > NAMED_WAITING:
        needs += f" and {counted(len(said) - NAMED_WAITING, more)}"
    return needs
