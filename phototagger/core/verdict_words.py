"""A trained version's comparison with its parent, in a photographer's words.

`train` said "mean F1 0.80 -> 0.85, AP 0.80 -> 0.90 on 2 tags": figures a photographer has no
reason to know. It now says what they count (core/validation.py's verdict): how many of the
answers kept out of training the version decides as the user did, and how many of those photos
the user said yes to it finds ("right on 47 of 50 answers it was not trained on (v1: 44), finds
18 of the 20 photos you said yes to (v1: 15)"). The figures stay in `train --json`.

A version's summary is stored with it when it is trained. Older versions' summaries still say
"mean F1", "AP" and "held out": `todays_words` says them the way a new one is said, when they are
shown (`models`, Model ▸ Versions); the stored records are left as they were."""

from __future__ import annotations

import re

# Old summaries' figures: "mean F1 0.75 -> 1.00, AP 1.00 -> 1.00 on 1 tag".
_FIGURES = re.compile(
    r"mean F1 (?P<f1_old>[\d.]+) -> (?P<f1_new>[\d.]+)"
    r"(?:, AP (?P<ap_old>[\d.]+) -> (?P<ap_new>[\d.]+))? on (?P<tags>[\d,]+ tags?)"
)
_DROP = re.compile(
    r" \(the F1 drop is (?P<lost>\d+) photos? decided worse and (?P<won>\d+) better of "
    r"(?:the )?(?P<tested>[\d,]+)(?: held out| it was tested on): within chance\)"
)
_HELD_OUT = {
    "no held-out labels to compare yet": (  # the first versions' words
        "no answers set aside to compare old and new on yet"
    ),
    "no held-out labels to compare old and new yet": (
        "no answers set aside to compare old and new on yet"
    ),
    "only tags the old version does not have were held out": (
        "the answers set aside to test it are all on tags the old version does not have"
    ),
    "no tag known to both has held-out photos of both answers (yes and no)": (
        "no tag known to both has photos of both answers (yes and no) set aside to test it"
    ),
    # Today's words before walk62 ("kept out of training" was ours).
    "no answers kept out of training to compare": "no answers set aside to compare",
    "the answers kept out of training to test it are": "the answers set aside to test it are",
    "(yes and no) kept out of training to test it": "(yes and no) set aside to test it",
    "kept out of training ranked lower": "set aside to test it ranked lower",
}

# Summaries stored before walk62 said what the old version had learned in our words: "v4 had
# learned from 9 of the answers kept out of training to test this one (kitchen things,
# monkeys)", "left out: 4 of the answers kept out of training that v2 had learned from
# (monkeys), as they would flatter it". Said as core/validation.py says them now.
_N = r"(?P<count>(?P<n>[\d,]+) of the answers)"
_LEARNED_OLD = [
    (
        re.compile(
            r"(?P<before>\S+) had learned from " + _N + r" kept out of training to test this one "
            r"\((?P<tags>[^)]*)\)"
        ),
        "{count} this one was checked on ({tags}) {are} {before} had learned from",
    ),
    (
        re.compile(
            r"which (?P<before>\S+) has too, it had learned from " + _N + r" kept out of "
            r"training to test this one"
        ),
        "which {before} has too, {count} this one was checked on {are} {before} had learned from",
    ),
    (
        re.compile(
            r"left out: " + _N + r" kept out of training that (?P<before>\S+) had learned from "
            r"\((?P<tags>[^)]*)\), as they would flatter it"
        ),
        "not counted: {count} it was checked on that {before} had learned from ({tags}), as "
        "{before} would look better on them than it is",
    ),
    (
        re.compile(r"\(on (?P<yes>[\d,]+ yes answers?) kept out of training: too few to tell\)"),
        "(checked on {yes} the training did not see: too few to tell)",
    ),
]


def _learned_today(summary: str) -> str:
    for pattern, words in _LEARNED_OLD:

        def said(m: re.Match[str], words: str = words) -> str:
            found = m.groupdict()
            are = "is one" if found.get("n") == "1" else "are ones"
            return words.format(**found, are=are)

        summary = pattern.sub(said, summary)
    return summary.replace("(answers given from now on can)", "(answers you give from now on can)")


def within_chance(lost: int, won: int) -> str:
    """Why a drop does not make a version worse: too few answers decided the other way."""
    worse = f"{lost} answer{'s' if lost != 1 else ''}"
    return f"; it decides {worse} worse than before and {won} better: too few to say it is worse"


def todays_words(summary: str, out_of_100: bool = False) -> str:
    """A stored summary as a new one would say it: "mean F1 a -> b, AP c -> d on N tags" in
    words with its figures (the answers it was right on were not stored), "held out" as "kept
    out of training to test it". A summary in today's words comes back as it was.
    `out_of_100`: the figures as the window's Train page gives them ("0.86 -> 1.00" as
    "86 → 100"), for Model ▸ Versions and `models`."""
    for old, new in _HELD_OUT.items():
        summary = summary.replace(old, new)
    summary = _learned_today(summary)
    summary = _DROP.sub(lambda m: within_chance(int(m["lost"]), int(m["won"])), summary)
    return _FIGURES.sub(_figures_out_of_100 if out_of_100 else _figures, summary)


def _figures(found: re.Match[str]) -> str:
    words = (
        f"on {found['tags']}, out of 1.00: how well its yes and no match your answers "
        f"{found['f1_old']} -> {found['f1_new']}"
    )
    if found["ap_old"] is not None:
        words += (
            f", how well it ranks the photos you said yes to above those you said no to "
            f"{found['ap_old']} -> {found['ap_new']}"
        )
    return words


def _figures_out_of_100(found: re.Match[str]) -> str:
    """The figures in the Train page's words (gui/retrain_train.py LEGEND): 'match' and
    'yes first', scores out of 100, old → new."""
    words = (
        f"on {found['tags']}, out of 100: match (how well its yes and no match your "
        f"answers) {_score(found['f1_old'])} → {_score(found['f1_new'])}"
    )
    if found["ap_old"] is not None:
        words += (
            ", yes first (how well it puts the photos you said yes to before the others) "
            f"{_score(found['ap_old'])} → {_score(found['ap_new'])}"
        )
    return words


def _score(figure: str) -> str:
    """A stored figure out of 1.00 ("0.86") as a score out of 100 ("86")."""
    return f"{round(float(figure) * 100)}"
