"""Domain errors: what the user gets told in one line, never a traceback.

PhotoError is the one exception a bad photo or folder raises (a stable code and a plain-language
message); PhototaggerError and its kinds are what a use case cannot do and why.
"""

from __future__ import annotations

from typing import ClassVar

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
LEFT_COPY = "LEFT_COPY"  # a keyword write's copy, left by a writer stopped, that stays
LEFT_SIDECAR = "LEFT_SIDECAR"  # a photo's XMP sidecar left behind when the photo was moved

# What an empty file is and what to do: a scan, classify and `metadata read` say it alike.
EMPTY_FILE = (
    "the file is empty (0 bytes): it was not copied completely; re-copy it from the camera or a "
    "backup if you have one"
)

# A file that is no picture at all (a text file named notes.jpg): a scan, classify and
# `metadata read` say it alike.
NOT_A_PICTURE = (
    "this is not a picture: its contents are not JPEG, HEIC, AVIF, PNG, WebP, TIFF, BMP or GIF, "
    "whatever its name says"
)
# A pipe, socket or device named as a photo (opening one would block or read forever), found by
# a scan or named to a command: what it is, and what to do (it said what it is alone).
NOT_REGULAR = (
    "this is not a regular file (a pipe, socket or device, or a link to one), never a photo: "
    "move it out of your photo folders, or rename it without a photo's extension"
)
# A link that leads round in a loop (ELOOP): said so by the scan's walk and by a file opened
# (classify), where it read as a failing disk.
LINK_LOOP = (
    "this is a link (a shortcut) that leads round in a loop, never to a photo: delete it, or "
    "make it point to the photo"
)

# A file that stops before its end, said plainly first (a photographer does not know what
# "JPEG data is truncated" means, the decoder's words File ▸ Problems listed), the decoder's
# words kept last, in brackets, for whoever looks closer. `there`: how much of it is there.
_RECOPY = "re-copy it from the camera or a backup if you have one"


def ends_early(kind: str, there: str = "") -> str:
    """'the file ends early: it may be cut short by a copy that did not finish; re-copy it
    from the camera or a backup if you have one (JPEG data is truncated)'."""
    return (
        f"the file ends early{there}: it may be cut short by a copy that did not finish; "
        f"{_RECOPY} ({kind} data is truncated)"
    )


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
        LEFT_COPY,
        LEFT_SIDECAR,
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


# Exit statuses of the command line that domain errors carry (README, "Command line"). Stable:
# scripts test them.
EXIT_USAGE = 2  # the command line is wrong in itself, whatever the library holds
EXIT_FAILED = 3
EXIT_INTERRUPTED = 130


class PhototaggerError(Exception):
    """Something the user asked for cannot be done, for a reason they can act on.

    Raised by core (never by store or ml: core translates theirs, see core/boundary.py). The CLI
    prints `message` on one line and exits with `exit_code`; the GUI shows `message`. Anything
    that is not a PhototaggerError (or a PhotoError) reaching a front is a bug.
    """

    exit_code: ClassVar[int] = EXIT_FAILED
    default_message: ClassVar[str] = "that cannot be done"

    def __init__(self, message: str | None = None) -> None:
        # One line for a terminal, a status bar or a dialog title.
        text = " ".join((message or self.default_message).split())
        super().__init__(text)
        self.message = text


class NothingToLearn(PhototaggerError):
    """Training was asked for, but there is nothing (no labels, no tagged photos) to learn from."""

    default_message = "there is nothing to learn from yet: accept, reject or add tags"


class UnknownTag(PhototaggerError):
    """A tag name the library or the active model does not know."""


class BadTagName(PhototaggerError):
    """A tag name that cannot be one (empty, only spaces). Wrong whatever the library holds: a
    usage error on the command line."""

    exit_code = EXIT_USAGE
    default_message = "a tag name cannot be empty"


class ConflictingLabels(PhototaggerError):
    """One command both adds and rejects (or removes) the same tag: nothing is labelled. Options
    that contradict each other: a usage error, as `train --force --no-activate`."""

    exit_code = EXIT_USAGE


class UnknownVersion(PhototaggerError):
    """A model version that does not exist (or lacks a part it needs)."""


class VersionInUse(PhototaggerError):
    """The active model version cannot be deleted."""


class DamagedModel(PhototaggerError):
    """A model version's files are damaged or not ours; they are not loaded."""


class Cancelled(PhototaggerError):
    """A job was stopped (its cancel token, Ctrl-C); it left the library consistent."""

    exit_code = EXIT_INTERRUPTED
    default_message = "stopped; everything done until now is kept"


class UpgradeWaitStopped(Cancelled):
    """The user stopped waiting (closed the app's notice, Ctrl-C) while another phototagger
    upgraded the library: this one changed nothing, and the other's upgrade goes on."""

    default_message = (
        "stopped waiting for the other phototagger to finish upgrading the library; nothing "
        "was changed, and its upgrade goes on: start phototagger again once it is done"
    )


class LibraryTooNew(PhototaggerError):
    """The library was written by a newer phototagger; this one must not touch it."""


class LibraryUnwritable(PhototaggerError):
    """The library cannot be written: read-only, disk full, a disk error. Nothing done is lost."""


class DeviceUnavailable(PhototaggerError):
    """The device asked for (a GPU) is not there."""


class BadSetting(PhototaggerError):
    """A value given for a setting (device, runtime...) is not one of those allowed."""
