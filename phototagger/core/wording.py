"""Counts in words, for the command line's and the app's messages: '1 photo', '2 photos'."""

from __future__ import annotations


def counted(count: int, noun: str, plural: str | None = None) -> str:
    """'1 photo', '1,234 photos'; `plural` for a noun that is not made with 's' ('copies')."""
    word = noun if count == 1 else plural or f"{noun}s"
    return f"{count:,} {word}"
