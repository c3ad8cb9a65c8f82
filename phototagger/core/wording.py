"""Counts in words, for the command line's and the app's messages: '1 photo', '2 photos'."""

from __future__ import annotations

from collections.abc import Sequence

# What a photo found and not tagged yet waits for, from the user's side, wherever it is said:
# its tile, the grid's header, the status bar, the details panel, the command line (they said
# "not read yet", "waiting to be read" and "Waiting to be tagged" of the same photos).
WAITING = "waiting to be tagged"


def counted(count: int, noun: str, plural: str | None = None) -> str:
    """'1 photo', '1,234 photos'; `plural` for a noun that is not made with 's' ('copies')."""
    word = noun if count == 1 else plural or f"{noun}s"
    return f"{count:,} {word}"


def listed(words: Sequence[str]) -> str:
    """'a', 'a and b', 'a, b and c': names in a sentence."""
    return words[0] if len(words) == 1 else f"{', '.join(words[:-1])} and {words[-1]}"


def decisions_in_words(corrections: int, keywords: int) -> str:
    """'18 corrections': the user's decisions made in phototagger, the keywords read from their
    photos' files apart ('0 corrections' when there are neither); '183 keywords read from your
    files' where those are all there is. "18 corrections and 183 keywords from your files"
    read as two kinds of decision the training learns from alike (walk54: 70 keywords beside
    15 corrections, each keyword's tag on too few photos to learn): what it does with the
    keywords is said apart (keywords_learned_words)."""
    if corrections or not keywords:
        return counted(corrections, "correction")
    return f"{counted(keywords, 'keyword')} read from your files"


def keywords_learned_words(corrections: int, keywords: int, learned: bool, short: bool) -> str:
    """What a training does with the `keywords` read from the photos' files since the last one,
    said after decisions_in_words: ', and 70 keywords read from your files, which this
    training learns nothing from: the tags they give need more answers first'; `learned`:
    it learns from some of them (a tag they give that it learns); else `short`: every tag they
    give waits for more answers. '' where there are none."""
    if not keywords:
        return ""
    also = f", and {counted(keywords, 'keyword')} read from your files" if corrections else ""
    if learned:
        return f"{also}, which this training learns from as yes answers"
    why = ": the tags they give need more answers first" if short else ""
    return f"{also}, which this training learns nothing from{why}"
