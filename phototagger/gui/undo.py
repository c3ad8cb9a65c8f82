"""Undoable label changes: a QUndoCommand over core.labels, which does the writing.

The edits are applied before the command is pushed (so a refused write never reaches the undo
stack, and the window can say it failed); the command then only undoes and redoes the change.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from PySide6.QtGui import QUndoCommand, QUndoStack

from phototagger.core import labels
from phototagger.core.labels import LabelChange, LabelsNotSaved
from phototagger.core.library import Library
from phototagger.core.tag_admin import TagChange, renamed

_QUOTED = re.compile(r"“([^”]*)”")


class LabelCommand(QUndoCommand):
    """An applied `change`; `changed(photo_ids)` is called after every undo and redo, `failed`
    with a message when the database refuses one, and `stepped(undone)` after an undo (True) or
    a redo (False): where the change was made, to put the user back there."""

    def __init__(
        self,
        library: Library,
        change: LabelChange,
        text: str,
        changed: Callable[[set[int]], None],
        failed: Callable[[str], None],
        stepped: Callable[[bool], None] | None = None,
    ) -> None:
        super().__init__(text)
        self._library = library
        self._change = change
        self._changed = changed
        self._failed = failed
        self._stepped = stepped
        self._applied = True
        self._suggests = labels.active_model_suggests(library)

    @property
    def photo_ids(self) -> set[int]:
        return self._change.photo_ids

    @property
    def label_change(self) -> LabelChange:
        return self._change

    def follow(self, change: LabelChange, done: TagChange) -> None:
        """The tag change `done` was made: undo and redo `change` (labels.after_tag_change),
        and name the tag as it is now called ('Add “pets/fish”' is 'Add “animals/fish”')."""
        self._change = change

        def name(match: re.Match[str]) -> str:
            return f"“{renamed(match.group(1), done.name, done.new_name) or match.group(1)}”"

        self.setText(_QUOTED.sub(name, self.text()))

    def redo(self) -> None:
        if self._applied:  # pushed: the edits are written already, the views still to update
            self._applied = False
            self._changed(self.photo_ids)
            return
        self._run(labels.redo)
        if self._stepped is not None:
            self._stepped(False)

    def undo(self) -> None:
        self._run(labels.undo)
        if self._stepped is not None:
            self._stepped(True)

    def _run(self, step: Callable[..., None]) -> None:
        try:
            step(self._library.db, self._change, self._suggests)
        except LabelsNotSaved as exc:
            self._failed(exc.message())
        self._changed(self.photo_ids)


def follow_tag_change(stack: QUndoStack, done: TagChange) -> bool:
    """Keep the undo history through a rename, merge or delete of tags: every label change in
    it follows the tag change (or is about none of its tags). False, and nothing changed, when
    one cannot follow (a merge or delete of a tag it is about): the caller clears the stack."""
    commands = [stack.command(i) for i in range(stack.count())]
    follows = [
        (c, labels.after_tag_change(c.label_change, done))
        for c in commands
        if isinstance(c, LabelCommand)
    ]
    if any(change is None for _, change in follows):
        return False
    for command, change in follows:
        assert change is not None
        if change is not command.label_change:
            command.follow(change, done)
    return True
