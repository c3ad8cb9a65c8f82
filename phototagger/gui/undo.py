"""Undoable label changes: a QUndoCommand over core.labels, which does the writing.

The edits are applied before the command is pushed (so a refused write never reaches the undo
stack, and the window can say it failed); the command then only undoes and redoes the change.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from PySide6.QtGui import QUndoCommand, QUndoStack

from phototagger.core import labels
from phototagger.core.face_naming import name_after, redo_naming, take_back_naming
from phototagger.core.labels import LabelChange, LabelsNotSaved
from phototagger.core.library import Library
from phototagger.core.tag_admin import TagChange, renamed, shown_name, tag_changes
from phototagger.gui.quotes import quoted
from phototagger.gui.trash import MoveToTrashCommand

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
        # Tag changes logged when it was made (or last followed): later ones were made
        # elsewhere (the command line, another window) and are checked before each step.
        self._changes_seen = len(tag_changes(library.db))
        # Set when a merge or delete in this window took its tag away: why it is refused.
        self._gone: str | None = None

    @property
    def photo_ids(self) -> set[int]:
        return self._change.photo_ids

    @property
    def label_change(self) -> LabelChange:
        return self._change

    @property
    def library(self) -> Library:
        return self._library

    def follow(self, change: LabelChange, done: TagChange, seen: int) -> None:
        """The tag change `done` was made in this window (the log now `seen` long): undo and
        redo `change` (labels.after_tag_change), and name the tag as it is now called
        ('Add “pets/fish”' is 'Add “animals/fish”')."""
        self._change = change
        self._changes_seen = seen

        def name(match: re.Match[str]) -> str:
            # The text names the tag as it reads ('AC/DC'): followed so, too.
            new = None if done.new_name is None else shown_name(done.new_name)
            return (
                f"{quoted(renamed(match.group(1), shown_name(done.name), new) or match.group(1))}"
            )

        # Only the names follow: the “no” of 'Take back your “no” to “cat”' is a word of the
        # sentence, which a tag called "no" renamed "nope" made 'Take back your “nope” to …'.
        text = self.text()
        words = labels.TAKE_BACK_NOS if text.startswith(labels.TAKE_BACK_NOS) else ""
        self.setText(words + _QUOTED.sub(name, text[len(words) :]))

    def orphan(self, done: TagChange) -> None:
        """The tag change `done`, made in this window, merged or deleted a tag this change is
        about: the rows it would put back were merged into others or are gone. The step stays
        in the history (the steps around it still undo) and is refused, saying why."""
        if done.new_name is None:
            what = "deleted"
        elif done.kind == "merge":
            what = f"merged into {quoted(shown_name(done.new_name))}"
        else:  # a rename whose tags below met tags of the same name there
            what = (
                f"renamed to {quoted(shown_name(done.new_name))} and merged with tags already there"
            )
        above = f"{quoted(shown_name(done.name))}, above its tag,"
        whose = "its tag" if done.name in self._change.tags else above
        # The Edit menu reads "Undo Add “seaside” to 2 photos (tag merged)": no surprise.
        self._refuse(
            f"{whose} was {what} since", "tag deleted" if done.new_name is None else "tag merged"
        )

    def left_library(self, folder: str) -> None:
        """Remove Folder took `folder` out of the library with photos this change is about:
        undone or redone, it would change photos the user can no longer see. The step stays in
        the history (the steps around it still undo) and is refused, saying why."""
        self._refuse(f"its photos left the library with {folder} (Remove Folder)", "folder removed")

    def _refuse(self, why: str, mark: str) -> None:
        self._gone = f"{self.text()}: can no longer be undone or redone; {why}."
        self.setText(f"{self.text()} ({mark})")

    @property
    def gone(self) -> bool:
        return self._gone is not None

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

    def _run(self, step: Callable[..., LabelChange]) -> None:
        if self._gone is not None:
            self._failed(self._gone)
            return
        db = self._library.db
        logged = tag_changes(db)
        if labels.changed_elsewhere(self._change, logged[self._changes_seen :]):
            # Renamed, merged or deleted outside this window since: the rows would come back
            # under a name that is gone (a second tag beside the renamed one).
            self._failed(
                f"{self.text()}: can no longer be undone or redone; its tag was renamed, "
                "merged or deleted elsewhere (the command line or another window) since."
            )
            return
        try:
            # A decision brought back keeps its order number unless a version was trained
            # since (labels._restore): it is then new to that version.
            trained = self._library.models.decisions_read()
            self._change = step(db, self._change, self._suggests, trained)
        except LabelsNotSaved as exc:
            self._failed(exc.message())
        self._changed(self.photo_ids)


class FaceNameCommand(QUndoCommand):
    """A face named, or its name taken off, where no tag changed (the name's tag was there
    already, or stays for another face of the photo): the face_names row kept for it
    (face_naming.remember_naming) is what undo takes back and redo puts back. `changed(photo_ids)`
    is called after every undo and redo."""

    def __init__(
        self,
        library: Library,
        photo_id: int,
        box: tuple[float, float, float, float],
        name: str,
        kind: str,
        row: int,
        text: str,
        changed: Callable[[set[int]], None],
    ) -> None:
        super().__init__(text)
        self._library = library
        self._photo_id = photo_id
        self._box = box
        self._name = name
        self._kind = kind  # a person's name or a pet's: the kind the naming's tag edits used
        self._row: int | None = row
        self._changed = changed
        self._applied = True
        self._changes_seen = len(tag_changes(library.db))  # the tag changes its name follows

    def follow(self) -> None:
        """A tag change was made in this window: the name redo puts back follows it (and every
        one made elsewhere since), as the library's face names did: 'People (keywords)/Anna'
        renamed 'People (keywords)/Anne', redo names the face Anne, not Anna again."""
        logged = tag_changes(self._library.db)
        name, kind = self._name, self._kind
        for _, old, new in logged[self._changes_seen :]:
            name, kind = name_after(name, kind, old, new)
        self._changes_seen = len(logged)
        if name != self._name:
            self.setText(self.text().replace(f"{quoted(self._name)}", f"{quoted(name)}"))
        self._name, self._kind = name, kind

    def redo(self) -> None:
        if self._applied:  # pushed: the row is written already, the views still to update
            self._applied = False
        elif self._row is None:
            self.follow()  # renamed elsewhere (the command line) since, too
            self._row = redo_naming(
                self._library.db, self._photo_id, self._box, self._name, self._kind
            )
        self._changed({self._photo_id})

    def undo(self) -> None:
        if self._row is not None:
            take_back_naming(self._library.db, self._row)
            self._row = None
        self._changed({self._photo_id})


def follow_tag_change(stack: QUndoStack, done: TagChange) -> int:
    """Keep the undo history through a rename, merge or delete of tags: every face naming in it
    follows the tag change (FaceNameCommand.follow); every label change in it follows it, or is
    about none of its tags, or (about a tag merged or deleted) stays in the history refused with
    the reason. How many were refused so (not counting those
    refused before)."""
    for i in range(stack.count()):
        if isinstance(named := stack.command(i), FaceNameCommand):
            named.follow()
    commands = [c for i in range(stack.count()) if isinstance(c := stack.command(i), LabelCommand)]
    seen = len(tag_changes(commands[0].library.db)) if commands else 0
    refused = 0
    for command in commands:
        if command.gone:
            continue
        change = labels.after_tag_change(command.label_change, done)
        if change is None:
            command.orphan(done)
            refused += 1
        else:
            command.follow(change, done, seen)
    return refused


def leave_out_folder(stack: QUndoStack, folder: str, photo_ids: set[int]) -> int:
    """Keep the undo history through Remove Folder (`folder`, its `photo_ids` taken out): the
    label changes about none of them still undo and redo; those about one of them stay in the
    history, refused with the reason (it was cleared whole, unsaid). How many were refused so
    (not counting those refused before)."""
    refused = 0
    for i in range(stack.count()):
        command = stack.command(i)
        if isinstance(command, LabelCommand) and not command.gone:
            about = bool(command.photo_ids & photo_ids)
        elif isinstance(command, MoveToTrashCommand) and not command.gone:
            about = command.inside(folder)  # its photos are in the trash, out of the grid
        else:
            continue
        if about:
            command.left_library(folder)
            refused += 1
    return refused


class RenameCommand(QUndoCommand):
    """A tag renamed in this window (Rename Tag, Manage Tags), with the tags below it: undo
    renames it back and redo renames it again, each as a rename made then (core/tag_admin.
    rename_tag: the faces' names, the keywords waiting to be written, the user's threshold and
    the model's column follow it); `rename(old, new)` does it and the window follows it as it
    follows any rename. Refused, saying why (`failed`), where it would not be the exact reverse
    (tag_admin.rename_back_refusal): the step is then left as it is, as a refused label change."""

    def __init__(
        self,
        done: TagChange,
        rename: Callable[[str, str, str], None],
        refusal: Callable[[str, str, tuple[str, ...]], str | None],
        failed: Callable[[str], None],
    ) -> None:
        old, new = done.name, done.new_name or ""
        super().__init__(f"Rename {quoted(shown_name(old))} to {quoted(shown_name(new))}")
        self._old, self._new = old, new
        self._tails = done.moved_tails
        self._rename = rename
        self._refusal = refusal
        self._failed = failed
        self._applied = True

    def redo(self) -> None:
        if self._applied:  # pushed: the rename is done already
            self._applied = False
            return
        self._step(self._old, self._new, "Redone")

    def undo(self) -> None:
        self._step(self._new, self._old, "Undone")

    def _step(self, name: str, to: str, done: str) -> None:
        why = self._refusal(name, to, self._tails)
        if why is not None:
            verb = "undone" if done == "Undone" else "redone"
            self._failed(f"{self.text()}: cannot be {verb} now; {why}.")
            return
        self._rename(name, to, done)


class NoUndoCommand(QUndoCommand):
    """A merge or delete of tags made in this window: it cannot be taken back exactly (rows
    merged into another tag's keep the higher-ranked one, a deleted tag's rows and the model's
    column for it are gone), so it is no undo step; but Ctrl+Z after it must not silently undo
    the change before it, which the user did not mean. It stands in the history: undone, it
    says so and that Undo again goes on past it; redone, it does nothing (it was never taken
    back). The Edit menu reads "Undo Merge “seaside” into “beach” (cannot be undone)"."""

    def __init__(self, text: str, said: Callable[[str], None]) -> None:
        super().__init__(f"{text} (cannot be undone)")
        self._what = text
        self._said = said
        self._applied = True

    def redo(self) -> None:
        if self._applied:
            self._applied = False
            return
        self._said(f"{self._what} stays done (it could not be undone). Ctrl+Shift+Z to redo on")

    def undo(self) -> None:
        self._said(
            f"{self._what} cannot be undone: it is left as it is. "
            "Ctrl+Z again undoes the change before it"
        )
