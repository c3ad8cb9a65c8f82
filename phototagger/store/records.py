"""The rows the store hands out, and the one timestamp format it writes."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from phototagger.store.states import PhotoStatus, TagSource, TagState

# SQLite hands states back as text; a dict lookup names them (calling the enum costs some 30
# times more, and a scan reads a record for every photo). An unknown value is a KeyError.
_STATUS = {status.value: status for status in PhotoStatus}
_STATE = {state.value: state for state in TagState}


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
    status: PhotoStatus
    model_version: str | None
    added_at: str | None
    updated_at: str | None

    def __post_init__(self) -> None:
        object.__setattr__(self, "status", _STATUS[self.status])


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
    state: TagState | None

    def __post_init__(self) -> None:
        if self.state is not None:
            object.__setattr__(self, "state", _STATE[self.state])

    @property
    def source(self) -> TagSource:
        """A row carrying any user decision belongs to the user; the model never overrides it."""
        return TagSource.USER if self.state is not None else TagSource.MODEL

    @property
    def present(self) -> bool:
        """Whether the photo has this tag: suggested by the model or confirmed by the user."""
        return self.state != TagState.REJECTED


@dataclass(frozen=True, slots=True)
class Problem:
    path: str
    code: str
    message: str
    first_seen: str | None
    last_seen: str | None
    count: int
