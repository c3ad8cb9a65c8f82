"""The rows the store hands out, and the one timestamp format it writes."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Literal

PHOTO_STATUSES = frozenset({"pending", "tagged", "missing", "problem"})
# 'file': the user's own keyword, read from the photo's file or sidecar (digiKam, Lightroom...).
USER_STATES = frozenset({"added", "accepted", "rejected", "file"})
# The states in which the user says the photo has the tag: positives for training.
POSITIVE_STATES = frozenset({"added", "accepted", "file"})
TAG_ORIGINS = frozenset({"vocabulary", "user", "detector"})


def utc_now() -> str:
    """Current time as a UTC ISO 8601 string; text sorts chronologically and stays readable."""
    return datetime.now(UTC).isoformat(timespec="seconds")


@dataclass(frozen=True, slots=True)
class Photo:
    id: int
    path: str
    folder: str
    name: str
    size: int | None
    mtime: float | None
    content_hash: str | None
    width: int | None
    height: int | None
    taken_at: str | None
    orientation: int | None
    status: str
    model_version: str | None
    added_at: str | None
    updated_at: str | None


# The order of Photo's fields, which every photos query selects so rows map positionally.
PHOTO_COLUMNS = (
    "id",
    "path",
    "folder",
    "name",
    "size",
    "mtime",
    "content_hash",
    "width",
    "height",
    "taken_at",
    "orientation",
    "status",
    "model_version",
    "added_at",
    "updated_at",
)


@dataclass(frozen=True, slots=True)
class PhotoTag:
    name: str
    confidence: float | None
    model_version: str | None
    state: str | None

    @property
    def source(self) -> Literal["user", "model"]:
        """A row carrying any user decision belongs to the user; the model never overrides it."""
        return "user" if self.state is not None else "model"

    @property
    def present(self) -> bool:
        """Whether the photo has this tag: suggested by the model or confirmed by the user."""
        return self.state != "rejected"


@dataclass(frozen=True, slots=True)
class Problem:
    path: str
    code: str
    message: str
    first_seen: str | None
    last_seen: str | None
    count: int
