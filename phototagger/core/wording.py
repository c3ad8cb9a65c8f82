"""Counts in words, for the command line's and the app's messages: '1 photo', '2 photos'."""

from __future__ import annotations

from collections.abc import Sequence


def counted(count: int, noun: str, plural: str | None = None) -> str:
    """'1 photo', '1,234 photos'; `plural` for a noun that is not made with 's' ('copies')."""
    word = noun if count == 1 else plural or f"{noun}s"
    return f"{count:,} {word}"


def listed(words: Sequence[str]) -> str:
    """'a', 'a and b', 'a, b and c': names in a sentence."""
    return words[0] if len(words) == 1 else f"{', '.join(words[:-1])} and {words[-1]}"


def decisions_in_words(corrections: int, keywords: int) -> str:
    """'18 corrections and 183 keywords from your files': the user's decisions made in
    phototagger apart from the keywords read from their photos' files, which they did not make
    here ('0 corrections' when there are neither)."""
    parts = [counted(corrections, "correction")] if corrections or not keywords else []
    if keywords:
        parts.append(f"{counted(keywords, 'keyword')} from your files")
    return " and ".join(parts)
