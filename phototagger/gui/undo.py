"""Undoable label changes: each command saves the (photo, tag) rows it touches, before and after.

Undo puts the saved rows back exactly (a model suggestion comes back as a suggestion with its
confidence), redo puts back the rows as the change left them.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Literal

import sqlite_utils
from PySide6.QtGui import QUndoCommand

from phototagger.store import tags as tag_store
from phototagger.store.connection import transaction
from phototagger.store.tags import SavedTagRow

Action = Literal["accept", "add", "reject", "remove"]
Rows = dict[tuple[int, str], SavedTagRow | None]
_APPLY: dict[Action, Callable[[sqlite_utils.Database, int, str], None]] = {
    "accept": tag_store.add_user_tag,
    "add": tag_store.add_user_tag,
    "reject": tag_store.reject_tag,
    "remove": tag_store.remove_tag,
}
_VERBS: dict[Action, str] = {
    "accept": "Accept",
    "add": "Add",
    "reject": "Reject",
    "remove": "Remove",
}


@dataclass(frozen=True)
class Edit:
    photo_id: int
    tag: str
    action: Action


def describe(edits: Sequence[Edit]) -> str:
    """'Accept “cat”', 'Add “beach” to 12 photos', '3 tag changes'."""
    actions = {e.action for e in edits}
    tags = {e.tag for e in edits}
    photos = {e.photo_id for e in edits}
    if len(actions) == 1 and len(tags) == 1:
        verb = _VERBS[next(iter(actions))]
        tag = next(iter(tags))
        if len(photos) == 1:
            return f"{verb} “{tag}”"
        joiner = " to " if verb == "Add" else " on " if verb in ("Accept", "Reject") else " from "
        return f"{verb} “{tag}”{joiner}{len(photos):,} photos"
    return f"{len(edits):,} tag changes"


class LabelCommand(QUndoCommand):
    """Applies `edits` on first redo; `changed(photo_ids)` is called after every do and undo."""

    def __init__(
        self,
        db: sqlite_utils.Database,
        edits: Sequence[Edit],
        changed: Callable[[set[int]], None],
        text: str | None = None,
    ) -> None:
        super().__init__(text or describe(edits))
        self._db = db
        self._edits = list(edits)
        self._changed = changed
        self._before: Rows | None = None
        self._after: Rows | None = None

    @property
    def photo_ids(self) -> set[int]:
        return {e.photo_id for e in self._edits}

    def redo(self) -> None:
        if self._after is not None:
            tag_store.restore_rows(self._db, self._after)
        else:
            pairs = list(dict.fromkeys((e.photo_id, e.tag) for e in self._edits))
            with transaction(self._db):
                self._before = tag_store.saved_rows(self._db, pairs)
                for edit in self._edits:
                    _APPLY[edit.action](self._db, edit.photo_id, edit.tag)
                self._after = tag_store.saved_rows(self._db, pairs)
            if self._after == self._before:
                self.setObsolete(True)  # nothing changed: keep it off the undo stack
        self._changed(self.photo_ids)

    def undo(self) -> None:
        if self._before is not None:
            tag_store.restore_rows(self._db, self._before)
        self._changed(self.photo_ids)
