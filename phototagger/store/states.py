"""The named states the library stores: a photo's status, a tag row's state, a tag's origin.

StrEnum members are their own text, so they go into SQL parameters and compare with the strings
SQLite hands back unchanged. They live in the store because the store writes and checks them
and may import nothing of core; `phototagger.core.states` gives them to the fronts.
"""

from __future__ import annotations

from enum import StrEnum


class PhotoStatus(StrEnum):
    PENDING = "pending"  # found, not tagged yet (new, changed, or back from missing)
    TAGGED = "tagged"
    MISSING = "missing"  # the file is gone; its row and the user's tags stay in case it returns
    PROBLEM = "problem"  # the file could not be read; recorded in the problems table


class TagState(StrEnum):
    """A user's decision on a photo's tag; a row with no state (NULL) is a model suggestion."""

    ADDED = "added"
    ACCEPTED = "accepted"  # a model suggestion the user confirmed
    REJECTED = "rejected"  # never suggested again for that photo
    FILE = "file"  # the user's own keyword, read from the photo's file or sidecar


class TagSource(StrEnum):
    """Who a photo's tag row speaks for: any user decision wins over the model."""

    USER = "user"
    MODEL = "model"


class TagOrigin(StrEnum):
    """Where a tag (the name, not a photo's row) came from."""

    VOCABULARY = "vocabulary"  # the default tagger's vocabulary
    USER = "user"  # invented by the user, or read from a file's keywords
    DETECTOR = "detector"  # the people detector's tags


# The states in which the user says the photo has the tag: positives for training.
POSITIVE_STATES = frozenset({TagState.ADDED, TagState.ACCEPTED, TagState.FILE})
