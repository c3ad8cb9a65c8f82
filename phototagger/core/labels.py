"""The user's label edits (add, accept, reject, remove a tag on photos): one set of rules for the
GUI and the CLI.

`apply_edits` writes a batch of edits in one transaction and returns a `LabelChange`, the rows
the edits touched as they were before and after; `undo` and `redo` put either side back. A model
run between the edit and its undo (a model switch, new thresholds) rewrites scores, not
decisions: the undo then restores the user's decision and keeps the current model's score and
version, and a suggestion comes back only if the current model makes it; an undo never brings
back an old model's numbers.
"""

from __future__ import annotations

import dataclasses
import os
import sqlite3
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

import sqlite_utils

from phototagger.core.catalog import NotInLibraryError, normalise_path, photo_at
from phototagger.core.detector_tags import library_tag_name, typed_tag
from phototagger.core.errors import NOT_AN_IMAGE, BadTagName, ConflictingLabels
from phototagger.core.library import Library
from phototagger.core.names import shown
from phototagger.core.states import TagState
from phototagger.core.tag_admin import (
    CONTROL_MESSAGE,
    TagChange,
    bar_refusal,
    has_control_character,
    has_empty_level,
    renamed,
    shown_name,
    unknown_tags,
)
from phototagger.core.walk import no_photos_or
from phototagger.store import tags as tag_store
from phototagger.store.connection import database_file, transaction
from phototagger.store.file_metadata import photos_with_records
from phototagger.store.photos import unread_ids
from phototagger.store.problems import get_problem
from phototagger.store.tag_admin import tag_row
from phototagger.store.tags import SavedTagRow, name_key

# "clear": the command line's --remove and the details panel's ✕ on a tag the user added: it
# takes the user's own decision back, their "no" or their yes (added or accepted), and the row
# is the model's suggestion again where the active model makes it, else gone; on a suggestion
# nobody decided it is "remove". `label --add X` then `--remove X` left a "no" where the model
# also suggests X: a user taking back their own add means "undo my add", not "this is not X"
# (saying no is --reject, R, the ✕ of a suggestion). "remove" takes a tag off and keeps it
# off (a "no" where the model scores it), and leaves a "no" as it is: the app's
# remove-from-all on a selection must not take back the "no"s some of its photos hold.
Action = Literal["accept", "add", "reject", "remove", "clear"]
Pair = tuple[int, str]
Rows = tuple[tuple[Pair, SavedTagRow | None], ...]
# Would the active model suggest this tag at this score (its threshold, the user's override)?
Suggests = Callable[[str, float], bool]

_VERBS: dict[Action, str] = {
    "accept": "Accept",
    "add": "Add",
    "reject": "Reject",
    "remove": "Remove",
    "clear": "Remove",
}


class LabelsNotSaved(sqlite3.OperationalError):
    """The database refused a label write (locked past the busy timeout, read-only, disk full):
    nothing of the batch was written, and the front end must say so. Still an OperationalError
    with SQLite's words, so core.failures explains it as it explains any refused write."""

    def __init__(self, reason: str, database: Path) -> None:
        super().__init__(reason)
        self.database = database

    def message(self) -> str:
        """One line for the user: what happened and that nothing was changed."""
        from phototagger.core.failures import explain_database  # it reads ml's errors: lazily

        reason = str(self)
        if "locked" in reason:
            reason = "the library is busy (another program or job kept it locked too long)"
        elif (explained := explain_database(self, self.database)) is not None:
            reason = explained
        return f"Your label change was not saved: {reason}. Nothing was changed; try again."


@dataclass(frozen=True)
class Edit:
    photo_id: int
    tag: str
    action: Action


@dataclass(frozen=True)
class LabelChange:
    """What a batch of edits did: each touched (photo id, tag) row before and after (None: no
    row). Frozen, so an undo stack can hold it as long as it likes; undo and redo return it as
    they leave it."""

    before: Rows
    after: Rows
    # The decision mark (store.tags.decision_mark) once it was written, or last undone or
    # redone: a model version that records one at least this read the user's decisions after
    # it; one trained before it records a smaller one (a decision taken off takes a number for
    # it). 0: not known, as if a version were trained since.
    mark: int = 0

    @property
    def photo_ids(self) -> set[int]:
        return {photo_id for (photo_id, _), _ in self.before}

    @property
    def tags(self) -> set[str]:
        return {tag for (_, tag), _ in self.before}

    @property
    def changed(self) -> bool:
        return self.before != self.after

    @property
    def decided_photo_ids(self) -> set[int]:
        """The photos where a tag's decision changed (added, accepted, rejected or taken off);
        a decision made again, only its time renewed, is none."""
        return {
            photo_id
            for ((photo_id, _), old), (_, new) in zip(self.before, self.after, strict=True)
            if (old and old.state) != (new and new.state)
        }


def decision_edits(photo_ids: Sequence[int], tag: str, action: Action) -> list[Edit]:
    """The edits for one decision about `tag` on these photos; none for an empty tag name.

    Accepting on several photos means adding: on the ones without the suggestion, accepting
    would otherwise do nothing, and the user meant them all to have the tag (add_user_tag
    still records 'accepted' where the model had suggested it).
    """
    name = library_tag_name(tag)
    if not name or not photo_ids:
        return []
    if action == "accept" and len(photo_ids) > 1:
        action = "add"
    return [Edit(photo_id, name, action) for photo_id in dict.fromkeys(photo_ids)]


def accept_suggestions_edits(db: sqlite_utils.Database, photo_ids: Sequence[int]) -> list[Edit]:
    """Accept every suggestion the user has not decided on, on these photos."""
    rows = tag_store.tags_of_photos(db, photo_ids)
    return [
        Edit(photo_id, tag.name, "accept")
        for photo_id, tags in rows.items()
        for tag in tags
        if tag.state is None
    ]


def as_stored(db: sqlite_utils.Database, edits: Sequence[Edit]) -> list[Edit]:
    """The edits under their tags' names as the library stores them, once applied: 'dog' typed
    is the user's 'Dog', 'people (keywords)/carl' is 'People (keywords)/carl' (a new tag takes
    the library's spelling of the levels above it: store.tags.ensure_tag)."""
    stored: dict[str, str] = {}
    for edit in edits:
        if edit.tag not in stored:
            row = tag_row(db, edit.tag)
            stored[edit.tag] = edit.tag if row is None else row[1]
    return [Edit(e.photo_id, stored[e.tag], e.action) for e in edits]


def suggested_after(db: sqlite_utils.Database, edits: Sequence[Edit]) -> bool:
    """Whether any of the edits' tags is, once applied, the model's suggestion on its photo
    (an add taken back where the active model makes the tag: "clear")."""
    pairs = [(e.photo_id, e.tag) for e in as_stored(db, edits)]
    rows = tag_store.saved_rows(db, pairs)
    return any(row is not None and row.state is None for row in rows.values())


# The words of a step that took back the user's "no"s: the “no” in them is no tag's name (an
# undo step following a rename of a tag called "no" leaves it: gui/undo.LabelCommand.follow).
TAKE_BACK_NOS = "Take back your “no” to"


def describe(edits: Sequence[Edit], change: LabelChange | None = None) -> str:
    """'Accept “cat”', 'Add “beach” to 12 photos', '3 tag changes'. `change`: the edits once
    applied; where their ✕ took back only the user's "no"s (took_back_nos), said as that: 'Take
    back your “no” to “cat”' (the undo step read 'Remove “cat”', as if a tag had gone)."""
    actions = {e.action for e in edits}
    tags = {e.tag for e in edits}
    photos = {e.photo_id for e in edits}
    if len(actions) == 1 and len(tags) == 1:
        verb = _VERBS[next(iter(actions))]
        if change is not None and verb == "Remove" and took_back_nos(change):
            verb = TAKE_BACK_NOS
        tag = shown_name(next(iter(tags)))
        if len(photos) == 1:
            return f"{verb} “{tag}”"
        joiner = (
            " to "
            if verb == "Add"
            else " on "
            if verb in ("Accept", "Reject") or verb.startswith("Take back")
            else " from "
        )
        return f"{verb} “{tag}”{joiner}{len(photos):,} photos"
    return f"{len(edits):,} tag changes"


def check_tag_name(name: str) -> None:
    """BadTagName unless `name`, as typed on the command line, can be a tag: not empty, and no
    line break, tab or other control character (a pasted "cat\n" would show as two lines in
    every listing and keyword field). apply_edits checks only emptiness: a keyword read from a
    file may hold one, and the app must still be able to reject it."""
    if not name.strip():
        raise BadTagName()
    if has_control_character(name):
        raise BadTagName(CONTROL_MESSAGE.format(name=name))
    if has_empty_level(name):  # as tag rename refuses them
        raise BadTagName(f"{name.strip()!r} is not a tag name (an empty part around '/')")


def check_new_tag_name(name: str) -> None:
    """check_tag_name, and no '|' (see tag_admin.bar_refusal): for a name that may create a tag.
    A tag that already holds one (read from a file) can still be removed, or renamed."""
    check_tag_name(name)
    refusal = bar_refusal(name)
    if refusal:
        raise BadTagName(refusal)


def _apply_one(db: sqlite_utils.Database, edit: Edit, suggests: Suggests | None) -> None:
    if edit.action == "clear" and _take_back(db, edit, suggests):
        return
    if edit.action in ("accept", "add"):
        tag_store.add_user_tag(db, edit.photo_id, edit.tag)
    elif edit.action == "reject":
        tag_store.reject_tag(db, edit.photo_id, edit.tag)
    elif edit.action in ("remove", "clear"):
        tag_store.remove_tag(db, edit.photo_id, edit.tag)
    else:
        raise ValueError(f"unknown label action {edit.action!r}")


# The user's own decisions, which "clear" takes back; a keyword of the photo's files (FILE) is
# not one, and is taken off as "remove" takes it.
_OWN = (TagState.REJECTED, TagState.ADDED, TagState.ACCEPTED)


def _take_back(db: sqlite_utils.Database, edit: Edit, suggests: Suggests | None) -> bool:
    """Whether the user had said "no" or yes to the edit's tag on its photo, now taken back:
    the row is the model's suggestion again where the active model makes it (`suggests`), with
    its score; else it goes (a later model run may suggest the tag again)."""
    pair = (edit.photo_id, edit.tag)
    row = tag_store.saved_rows(db, [pair])[pair]
    if row is None or row.state not in _OWN:
        return False
    score, version = row.confidence, row.model_version
    suggested = score is not None and suggests is not None and suggests(edit.tag, score)
    tag_store.restore_rows(
        db, {pair: SavedTagRow(score, version, None, None) if suggested else None}
    )
    return True


def apply_edits(
    db: sqlite_utils.Database, edits: Sequence[Edit], suggests: Suggests | None = None
) -> LabelChange:
    """Apply every edit in one transaction (all or none) and return what undo needs.
    `suggests`: whether the active model puts a tag on a photo at a score, for a "clear" that
    takes a "no" back (none given: the row goes).

    Raises LabelsNotSaved when the database refuses the write; BadTagName for an empty name.
    """
    for edit in edits:
        if not edit.tag.strip():
            raise BadTagName()
    pairs = list(dict.fromkeys((e.photo_id, e.tag) for e in edits))
    try:
        with transaction(db):
            before = tag_store.saved_rows(db, pairs)
            mark = tag_store.decision_mark(db)
            for edit in edits:
                _apply_one(db, edit, suggests)
            after = tag_store.saved_rows(db, pairs)
            mark = _marked(db, mark, before, after)
    except sqlite3.OperationalError as exc:
        raise LabelsNotSaved(str(exc), Path(database_file(db) or "library.db")) from exc
    return LabelChange(tuple(before.items()), tuple(after.items()), mark)


def _marked(
    db: sqlite_utils.Database,
    mark: int,
    before: Mapping[Pair, SavedTagRow | None],
    after: Mapping[Pair, SavedTagRow | None],
) -> int:
    """The decision mark after rows went from `before` to `after`, `mark` before: a change
    of decisions that numbered none (decisions taken off only) takes a number, so that a
    version trained after it is told from one trained before it (LabelChange.mark)."""
    now = tag_store.decision_mark(db)
    decided = any(_state(before.get(pair)) != _state(row) for pair, row in after.items())
    return tag_store.take_mark(db) if decided and now == mark else now


def _state(row: SavedTagRow | None) -> str | None:
    return None if row is None else row.state


def after_tag_change(change: LabelChange, done: TagChange) -> LabelChange | None:
    """`change` as an undo stack should hold it after the tag change `done`: unchanged when it
    is about none of the tags changed; under the new names after a plain rename (each row kept
    as it was, so undo and redo still put back exactly what they did); None when it cannot
    follow: a merge or a delete of a tag it is about (the rows it would put back were merged
    into others or are gone)."""
    old, new = done.name, done.new_name

    def moved(tag: str) -> str | None:
        return renamed(tag, old, new)

    if all(moved(tag) == tag for tag in change.tags):
        return change
    if done.kind != "rename" or done.merged_children or new is None:
        return None

    def follow(rows: Rows) -> Rows:
        return tuple(((photo, moved(tag) or tag), row) for (photo, tag), row in rows)

    return LabelChange(follow(change.before), follow(change.after), change.mark)


def changed_elsewhere(change: LabelChange, logged: Sequence[tuple[str, str, str | None]]) -> bool:
    """Whether any of the tag changes `logged` (tag_admin.tag_changes entries made since the
    change was recorded, by the command line or another window) renamed, merged or deleted a tag
    `change` is about: undoing or redoing it would then write rows under a name that is gone."""
    tags = change.tags
    return any(renamed(tag, old, new) != tag for _, old, new in logged for tag in tags)


def undo(
    db: sqlite_utils.Database,
    change: LabelChange,
    suggests: Suggests | None = None,
    trained_up_to: int | None = None,
) -> LabelChange:
    """Put the rows back as they were before the edits; returns the change as the undo
    leaves it (for a redo). `trained_up_to`: the highest decision mark a saved model version
    records (ModelVersions.decisions_read), see _restore."""
    before, mark = _restore(db, change.before, change.after, suggests, change, trained_up_to)
    return LabelChange(before, change.after, mark)


def redo(
    db: sqlite_utils.Database,
    change: LabelChange,
    suggests: Suggests | None = None,
    trained_up_to: int | None = None,
) -> LabelChange:
    """Put the rows back as the edits left them; returns the change as the redo leaves it."""
    after, mark = _restore(db, change.after, change.before, suggests, change, trained_up_to)
    return LabelChange(change.before, after, mark)


def _restore(
    db: sqlite_utils.Database,
    target: Rows,
    left: Rows,
    suggests: Suggests | None,
    change: LabelChange,
    trained_up_to: int | None,
) -> tuple[Rows, int]:
    """Write `target` over the rows `left` (as the change left them); where a model re-scored a
    row since, its current score and version stay. Returns the rows as written and the mark.

    A decision brought back keeps the order number it had when no model version has been
    trained since the change was made (or last undone or redone): every version that read it
    read it as it comes back, and one that did not read it did not read what replaced it
    either, so it is no new answer (not a correction since the active version, not a review
    answer to a version it came before). When one was trained since (`trained_up_to` at least
    the change's mark, or not known), that version read what the change left, and the decision
    brought back is new to it: it is numbered as one made now."""
    left_by_pair = dict(left)
    keep = trained_up_to is not None and trained_up_to < change.mark
    pairs = [pair for pair, _ in target]
    try:
        with transaction(db):
            now = tag_store.saved_rows(db, pairs)
            mark = tag_store.decision_mark(db)
            rows = {
                pair: _merged(pair[1], row, left_by_pair.get(pair), now.get(pair), suggests)
                for pair, row in target
            }
            tag_store.restore_rows(db, rows, keep_order=keep)
            written = tag_store.saved_rows(db, pairs)
            mark = _marked(db, mark, now, written)
    except sqlite3.OperationalError as exc:
        raise LabelsNotSaved(str(exc), Path(database_file(db) or "library.db")) from exc
    # The rows as before, the model's part kept as the change saw it (each step compares it
    # with the row to tell a model run since), each decision with the number it has now.
    return tuple((pair, _numbered(row, written.get(pair))) for pair, row in target), mark


def _numbered(row: SavedTagRow | None, written: SavedTagRow | None) -> SavedTagRow | None:
    if row is None or row.state is None or written is None:
        return row
    return dataclasses.replace(row, decided_seq=written.decided_seq)


def _model_part(row: SavedTagRow | None) -> tuple[float | None, str | None]:
    return (None, None) if row is None else (row.confidence, row.model_version)


def _merged(
    tag: str,
    target: SavedTagRow | None,
    left: SavedTagRow | None,
    now: SavedTagRow | None,
    suggests: Suggests | None,
) -> SavedTagRow | None:
    """The row to write for `tag`: `target`, unless a model run changed the row's score since
    the change left it as `left`; then the user's decision from `target` with the model's part
    from `now`. Without a decision, the row is a suggestion only if the current model makes it
    (`suggests`); an old model's suggestion never comes back."""
    if _model_part(now) == _model_part(left):
        return target
    confidence, version = _model_part(now)
    if target is None or target.state is None:
        if confidence is not None and suggests is not None and suggests(tag, confidence):
            return SavedTagRow(confidence, version, None, None)
        return None
    return SavedTagRow(confidence, version, target.state, target.decided_at, target.decided_seq)


def active_model_suggests(library: Library) -> Suggests:
    """`Suggests` for the active model with the user's thresholds; read once, when first asked
    (an undo after a model switch), so labelling itself never loads a model."""
    thresholds: dict[str, float] = {}

    def suggests(tag: str, confidence: float) -> bool:
        if not thresholds:
            from phototagger.core.model.tagger import load_head  # numpy heads, no TensorFlow

            head = load_head(library)
            # Keyed as the database tells tags apart: 'äpfel' is not 'Äpfel'.
            names = (name_key(name) for name in head.tag_names)
            thresholds.update(zip(names, map(float, head.thresholds), strict=True))
        threshold = thresholds.get(name_key(tag))
        return threshold is not None and confidence >= threshold

    return suggests


@dataclass
class LabelOutcome:
    labelled: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    # Of `labelled`, the photos that were already as asked ('--remove dog' on a photo without
    # it): "labelled 1 photo" said something had changed.
    unchanged: list[str] = field(default_factory=list)
    # Of `labelled`, the files a scan could never read (a JPEG cut short; a text file named
    # .jpg is refused: _no_picture), named one by one: labelled without a word, such a file
    # silently became one of the photos (as a photo that cannot be read). The label is kept
    # (the user said it), and stays when the file, fixed, is scanned again; the front says so.
    unreadable: list[str] = field(default_factory=list)
    # The names given to remove, as given, that are no tag (each also an error): nothing was
    # taken off for them.
    not_tags: list[str] = field(default_factory=list)
    # Of the names given to remove, as given: the photos (paths) each was taken off, and those
    # where it was the user's "no" that was taken back. Said apart: "removed 'zoo' from 1
    # photo" read as if a tag had gone, where the user's "no" to it had.
    taken_off: dict[str, list[str]] = field(default_factory=dict)
    taken_back: dict[str, list[str]] = field(default_factory=dict)


def label_paths(
    db: sqlite_utils.Database,
    paths: Sequence[str],
    *,
    add: Sequence[str] = (),
    reject: Sequence[str] = (),
    remove: Sequence[str] = (),
    suggests: Suggests | None = None,
) -> LabelOutcome:
    """The CLI's `label`: the same edits as the GUI's, on photos named by path, a folder naming
    every photo of the library below it (as the grid shows them: no file never read). Unknown
    paths are reported and the rest labelled, all in one transaction. `remove` also takes back
    the user's "no" to the tag (Action's "clear"; `suggests` as apply_edits takes it)."""
    outcome = LabelOutcome()
    for name in (*add, *reject):
        check_new_tag_name(name)
    for name in remove:
        check_tag_name(name)
    # As the app takes them: 'People/Carl' is the user's tree, 'People (keywords)/Carl'; 'AC/DC'
    # the keyword AC/DC the photos' files gave the library (typed_tag).
    asked_off = list(remove)
    add, reject, remove = ([typed_tag(db, n) for n in names] for names in (add, reject, remove))
    asked_for = dict(zip(remove, asked_off, strict=True))
    # A typo in --remove took nothing off, yet said 'labelled 1 photo' and exited 0.
    unknown = unknown_tags(db, remove)
    outcome.not_tags = [asked for asked, n in zip(asked_off, remove, strict=True) if n in unknown]
    outcome.errors += [f"there is no tag called {n.strip()!r}: nothing removed" for n in unknown]
    remove = [n for n in remove if n not in unknown]
    if not (add or reject or remove):
        return outcome
    wanted: Mapping[Action, Sequence[str]] = {"add": add, "reject": reject, "clear": remove}
    _refuse_contradictions(wanted)
    edits: list[Edit] = []
    seen: dict[int, str] = {}  # photo id -> its path, as labelled
    for path in paths:
        try:
            named = [(photo.id, photo.path) for photo in [photo_at(db, path)]]
        except NotInLibraryError as exc:
            named = _photos_below(db, path)
            if not named:
                outcome.errors.append(
                    no_photos_or(path, f"{path} holds no photo of the library (scan it first)")
                    if os.path.isdir(path)
                    else str(exc)
                )
                continue
        for photo_id, photo_path in named:
            if photo_id in seen:  # named twice (a path and ./path, a folder and a name)
                continue
            if (refusal := _no_picture(db, photo_id, photo_path)) is not None:
                outcome.errors.append(refusal)
                continue
            seen[photo_id] = photo_path
            edits += [
                Edit(photo_id, name, action) for action, names in wanted.items() for name in names
            ]
            outcome.labelled.append(photo_path)
    unread = set(unread_ids(db)) if seen else set()
    change = apply_edits(db, edits, suggests)
    decided = change.decided_photo_ids
    outcome.unchanged = [path for photo_id, path in seen.items() if photo_id not in decided]
    for (photo_id, tag), old in taken_off(change):
        if tag in asked_for:
            said_no = old.state == TagState.REJECTED
            taken = outcome.taken_back if said_no else outcome.taken_off
            taken.setdefault(asked_for[tag], []).append(seen[photo_id])
    outcome.unreadable = [p for photo_id, p in seen.items() if photo_id in unread & decided]
    return outcome


def taken_off(change: LabelChange) -> list[tuple[Pair, SavedTagRow]]:
    """The rows `change` took off or took back, each as it was before: the user's "no" taken
    back is one whose state was TagState.REJECTED (said apart from a tag taken off, in the CLI
    and the app's status line alike)."""
    return [
        (pair, old)
        for (pair, old), (_, new) in zip(change.before, change.after, strict=True)
        # Off: gone, a suggestion again, or a "no" (a yes of the user's is no tag taken off)
        if old is not None
        and (new is None or (new.state != old.state and new.state in (None, TagState.REJECTED)))
    ]


def took_back_nos(change: LabelChange) -> bool:
    """Whether what `change` took off was all the user's "no"s taken back (the ✕ of a yes in a
    details panel that had not read a "no" said since, in another window or the command line),
    said as that in the app's status line and its undo step."""
    taken = taken_off(change)
    return bool(taken) and all(old.state == TagState.REJECTED for _, old in taken)


def _no_picture(db: sqlite_utils.Database, photo_id: int, path: str) -> str | None:
    """Why the file at `path` takes no label, or None: a file the scan found to be no picture
    at all (a text file named notes.jpg: NOT_AN_IMAGE) and never read, which the grid, the
    counts and a folder's labels leave out. Labelled by name, it became one of the photos, "one
    that cannot be read", with the user's tags on a text file. A photo cut short or damaged is
    still labelled (UNREADABLE_LABELLED in commands/library.py): fixed or copied again, it is
    the photo the label was meant for."""
    problem = get_problem(db, path)
    if problem is None or problem.code != NOT_AN_IMAGE or photo_id not in unread_ids(db):
        return None
    return (
        f"{shown(path)} was not labelled: {problem.message}; it is none of your photos "
        "('phototagger problems' lists it)"
    )


def _photos_below(db: sqlite_utils.Database, folder: str) -> list[tuple[int, str]]:
    """(id, path) of the library's photos below `folder`, as Write Keywords takes a folder;
    files never read (no photo in the grid) left out."""
    unread = set(unread_ids(db))
    return [
        (row.photo_id, row.path)
        for row in photos_with_records(db, normalise_path(folder))
        if row.photo_id not in unread
    ]


def _refuse_contradictions(wanted: Mapping[Action, Sequence[str]]) -> None:
    """A tag both added and rejected (or removed) in one command: the last edit would silently
    win, so nothing is labelled and the user is asked to choose. The same tag as the database
    tells them apart: adding 'Äpfel' and rejecting 'äpfel' are edits of two tags."""
    seen: dict[str, Action] = {}
    for action, names in wanted.items():
        for name in names:
            key = name_key(name.strip())
            first = seen.setdefault(key, action)
            if first != action:
                raise ConflictingLabels(
                    f"'{name.strip()}' cannot be both {_PAST[first]} and {_PAST[action]} "
                    "in one command: nothing was labelled"
                )


_PAST: dict[Action, str] = {
    "accept": "accepted",
    "add": "added",
    "reject": "rejected",
    "remove": "removed",
    "clear": "removed",
}
