"""The one exception a bad photo or folder raises: a stable code and a plain-language message."""

from __future__ import annotations

EMPTY = "EMPTY"
TRUNCATED = "TRUNCATED"
CORRUPT = "CORRUPT"
NOT_AN_IMAGE = "NOT_AN_IMAGE"
TOO_LARGE = "TOO_LARGE"
UNREADABLE = "UNREADABLE"
VANISHED = "VANISHED"
BAD_NAME = "BAD_NAME"
MISSING_FOLDER = "MISSING_FOLDER"
UNSUPPORTED = "UNSUPPORTED"
TIMEOUT = "TIMEOUT"  # a clip whose decoding ran past its time budget

ALL_CODES = frozenset(
    {
        EMPTY,
        TRUNCATED,
        CORRUPT,
        NOT_AN_IMAGE,
        TOO_LARGE,
        UNREADABLE,
        VANISHED,
        BAD_NAME,
        MISSING_FOLDER,
        UNSUPPORTED,
        TIMEOUT,
    }
)


class PhotoError(Exception):
    """A photo or folder phototagger cannot use.

    `code` is stable (stored in the database, used by the GUI to pick an icon); `message` is one
    line for a person: what is wrong and, where it helps, what to do about it.
    """

    def __init__(self, code: str, message: str) -> None:
        if code not in ALL_CODES:
            raise ValueError(f"unknown PhotoError code {code!r}")
        # The message is shown in one table cell and one log line, so it must stay on one line.
        message = " ".join(message.split())
        super().__init__(f"{code}: {message}")
        self.code = code
        self.message = message

    def __reduce__(self) -> tuple[type[PhotoError], tuple[str, str]]:
        # Errors cross process boundaries (a decode pool); the default reduce would pass the
        # formatted string as the only argument and fail to rebuild.
        return (type(self), (self.code, self.message))
