"""Tag management: rename, merge, delete; near-duplicate names; the tag tree ('animals/dog').

Rename, merge and delete act on a tag's branch, as in digiKam: renaming 'pets' renames
'pets/fish' too, merging 'pets' into 'animals' moves 'pets/fish' under it ('animals/fish', merged
into it if it exists), and a tag with tags below it is deleted only with them. A level of the
tree with no tag of its own ('pets' of 'pets/fish' only) is renamed, merged and deleted likewise.

Model versions name their output columns by tag. Every rename, merge and delete is logged with
its time (setting TAG_CHANGES) and replayed on a version saved before it when that version is
loaded (core/tag_map.py), so a renamed tag keeps what the model learned about it and a deleted
one is no longer suggested. Versions trained afterwards already carry the new names.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field

import sqlite_utils

from phototagger.core.detector_tags import library_tag_name, searched_name, typed_tag
from phototagger.core.errors import EXIT_USAGE, PhototaggerError
from phototagger.core.face_marks import names_follow_tag_change
from phototagger.core.near_miss import is_wordlike, keys_off
from phototagger.core.wording import counted
from phototagger.store import tag_admin as store
from phototagger.store import tags as tag_store
from phototagger.store.connection import transaction
from phototagger.store.name_order import natural_key
from phototagger.store.records import utc_now
from phototagger.store.settings import get_setting, set_setting
from phototagger.tag_names import GROUP_MARK as GROUP_MARK
from phototagger.tag_names import loose_key as loose_key
from phototagger.tag_names import shown_in as shown_in
from phototagger.tag_names import shown_name as shown_name
from phototagger.tag_names import spaced_once
from phototagger.tag_names import typed_form as typed_form

TAG_CHANGES = "tag_changes"
THRESHOLDS_SETTING = "thresholds"  # the same key as core/model/active.py: per-tag overrides
SEPARATOR = "/"
# How the database tells two tag names apart (NOCASE: ASCII letters only, so 'Äpfel' and
# 'äpfel' are two tags): what the tag tree groups by and a filter follows a rename by.
name_key = tag_store.name_key


class TagAdminError(PhototaggerError):
    """A rename, merge or delete that cannot be done, with a one-line reason."""


class NotATagName(TagAdminError):
    """A new name that can never be a tag (an empty part, a control character, a '|'): wrong
    whatever the library holds, a usage error on the command line, as label's BadTagName."""

    exit_code = EXIT_USAGE


@dataclass(frozen=True)
class TagChange:
    kind: str  # "rename" | "merge" | "delete"
    name: str
    new_name: str | None
    photos: int  # photos showing the tag or a tag below it before the change (not those
    # the user said lack it), as the sidebar counts them
    children: int = 0  # tags below `name` in the tag tree that moved (or went) with it
    merged_children: int = 0  # of those moved, how many merged into a tag already there
    # A rename's tags as they are called after it (the tag itself first when it is one): an
    # undo step renames back exactly these (rename_back_refusal).
    moved: tuple[str, ...] = ()

    @property
    def moved_tails(self) -> tuple[str, ...]:
        """A rename's `moved` tags as tails below its new name ('' the tag itself, '/fish' one
        below it): what rename_back_refusal takes, to rename exactly these back."""
        new = self.new_name or ""
        return tuple(tag[len(new) :] for tag in self.moved)


def children_note(change: TagChange, quote: Callable[[str], str] = repr) -> str:
    """What happened to the tags below the changed one, for a message ('' when none): "2 tags
    under it moved under 'Animals', 1 of them merged into the one already there". The command
    line quotes names with repr, the app with “”."""
    count = change.children
    if not count:
        return ""
    tags = f"{counted(count, 'tag')} under it"
    if change.kind == "delete":
        return f"{tags} deleted with it"
    where = f"under {quote(change.new_name)}" if change.kind == "merge" and change.new_name else ""
    note = f"{tags} moved {where or 'with it'}"
    if change.merged_children:
        merged = change.merged_children
        note += (
            f", {merged:,} of them merged into the one already there"
            if merged == 1
            else f", {merged:,} of them merged into the ones already there"
        )
    return note


NAMED_CHILDREN = 3  # tags below one that a message names; the rest are counted


def tags_under(children: Sequence[str], quote: Callable[[str], str] = repr) -> str:
    """'3 tags under it ('Pets/Cat', 'Pets/Dog', 'Pets/Fish' and 2 more)': the tags below one,
    for a question or a refusal (the command line quotes with repr, the app with “”)."""
    count = len(children)
    shown = ", ".join(quote(shown_name(c)) for c in children[:NAMED_CHILDREN])
    more = f" and {count - NAMED_CHILDREN:,} more" if count > NAMED_CHILDREN else ""
    return f"{counted(count, 'tag')} under it ({shown}{more})"


class TagHasChildren(TagAdminError):
    """Deleting a tag alone would leave the tags below it without their parent."""

    def __init__(self, name: str, children: Sequence[str]) -> None:
        self.name = name
        self.children = list(children)
        super().__init__(f"{name!r} has {tags_under(self.children)}")


@dataclass(frozen=True)
class TagUsage:
    """What deleting a tag takes away, for a confirmation question."""

    photos: int  # photos showing the tag or a tag below it, as the sidebar counts them
    yes: int  # the user's yes answers among their rows
    no: int  # the user's no answers (photos the user said lack it: not among `photos`)
    children: list[str]  # the tags below it

    @property
    def decided(self) -> int:
        return self.yes + self.no


def _subtree(
    db: sqlite_utils.Database, name: str
) -> tuple[str, tuple[int, str] | None, list[tuple[int, str]]]:
    """(the name as stored, the tag's own (id, name) or None for a pure grouping level, the
    (id, name) of the tags below it); refuses a name that is neither."""
    # 'People/Anna' typed is the user's tree, 'People (keywords)/Anna' (core/detector_tags.py);
    # 'AC/DC' the keyword AC/DC where the library has no tree of that name (typed_tag).
    wanted = tag_store.normal_name(name)
    rows = tag_store.subtree_tags(db, wanted)
    if not rows:  # 'my   music' typed: the tag 'my music' (store.tags.tag_id)
        wanted = spaced_once(tag_store.normal_name(name))
        rows = tag_store.subtree_tags(db, wanted)
    if not rows:
        wanted = library_tag_name(name)
        rows = tag_store.subtree_tags(db, wanted)
    if not rows:
        wanted = typed_tag(db, name)
        rows = tag_store.subtree_tags(db, wanted)
    if not rows:
        # 'tag merge Ana "Ana Maria"' said only "there is no tag called 'Ana'", where the
        # sidebar shows Ana under People (keywords): the tags it is the last level of are
        # named, as `search` names them (walk50).
        said = f"there is no tag called {name.strip()!r}"
        meant = ending_with(name, (tag for tag, _ in tag_store.all_tags(db)))
        if meant:
            said += "; there is " + " and ".join(repr(shown_name(m)) for m in meant[:3])
        raise TagAdminError(said)
    # The tag itself is among the rows: the one the database calls `name` (NOCASE).
    own = next((row for row in rows if name_key(row[1]) == name_key(wanted)), None)
    below = [row for row in rows if row is not own]
    # A grouping level is spelled as the tags below it spell it (NOCASE keeps the length).
    stored = own[1] if own is not None else below[0][1][: len(wanted)]
    return stored, own, below


def _branch(own: tuple[int, str] | None, below: Sequence[tuple[int, str]]) -> list[tuple[int, str]]:
    """The tag itself (when it is one) and the tags below it: what a change to it acts on."""
    return ([own] if own is not None else []) + list(below)


def is_below(name: str, parent: str) -> bool:
    """Whether tag `name` lies below `parent` in the tag tree ('pets/fish' below 'pets', not
    'pets2'), as the database compares names."""
    return name_key(name).startswith(name_key(parent + SEPARATOR))


def in_branch(name: str, root: str) -> bool:
    """Whether `name` is `root` itself or lies below it."""
    return name_key(name) == name_key(root) or is_below(name, root)


def unknown_tags(
    db: sqlite_utils.Database, names: Sequence[str], *, groups: bool = False
) -> list[str]:
    """The names of `names` that are no tag of the library (case aside): typos, most likely.
    With `groups`, a level of the tag tree with tags below it ('animals' of 'animals/dog')
    counts as known: search finds its photos."""
    if groups:
        return [n for n in names if not tag_store.subtree_ids(db, searched_name(db, n))]
    return [n for n in names if store.tag_row(db, n) is None]


def has_empty_level(name: str) -> bool:
    """Whether `name` is empty or has a level without a name in the tag tree ("animals//dog",
    "/dog", "dog/ "): not a tag name."""
    return any(not part.strip() for part in name.split(SEPARATOR))


CONTROL_MESSAGE = "a tag name cannot hold a line break, tab or other control character: {name!r}"


def has_control_character(name: str) -> bool:
    """Whether `name` (spaces around it aside) holds a line break, tab or other control
    character: a pasted "cat\n" would show as two lines in every listing and keyword field."""
    return any(unicodedata.category(ch) == "Cc" for ch in name.strip())


BAR_MESSAGE = (
    "a tag name cannot hold '|': Lightroom's hierarchicalSubject reads it as a level, so the "
    "files would give the tag back as a second tag; write a hierarchy with '/': {suggestion!r}"
)


def bar_refusal(name: str) -> str | None:
    """Why `name` cannot be a new tag because it holds '|' (None when it does not). The files
    spell phototagger's `a/b` as `a|b` in hierarchicalSubject, so 'Place|Garden' written and read
    back came back as a second tag, 'Place/Garden'; the app's search field also reads '|' as
    'any of'."""
    if "|" not in name:
        return None
    return BAR_MESSAGE.format(suggestion=SEPARATOR.join(p.strip() for p in name.strip().split("|")))


def _clean(name: str) -> str:
    if has_empty_level(name):
        raise NotATagName(f"{name!r} is not a tag name (empty, or an empty part around '/')")
    if has_control_character(name):  # as `label` and the app's add field refuse them
        raise NotATagName(CONTROL_MESSAGE.format(name=name))
    refusal = bar_refusal(name)
    if refusal:
        raise NotATagName(refusal)
    # A new name's runs of spaces are one (tag_names.spaced_once), as a new tag's.
    return library_tag_name(
        SEPARATOR.join(spaced_once(part.strip()) for part in name.split(SEPARATOR))
    )


def _shallowest_first(rows: Sequence[tuple[int, str]]) -> list[tuple[int, str]]:
    # Shallowest first: renaming 'pets/cat' to its parent 'pets' sends 'pets/cat/cat' to
    # 'pets/cat', a name that must have left (for 'pets') by then, not be merged into.
    return sorted(rows, key=lambda row: (row[1].count(SEPARATOR), row[1].casefold()))


def rename_tag(
    db: sqlite_utils.Database, old: str, new: str, *, scored: Collection[str] = ()
) -> TagChange:
    """Call tag `old` `new`, and every tag below it likewise ('pets/fish' becomes
    'animals/fish'), in one transaction. Each keeps its photos' rows, decisions, confidences
    and model versions (and a person's tag the faces named so: face_marks.
    names_follow_tag_change); a name that is already a tag merges into it (merge_tags' rule), and
    each change is logged, so the model's columns follow. `old` may be a level of the tree
    with no tag of its own ('pets' of 'pets/fish'): its tags move. `scored`: as merge_tags."""
    old_name, own, below = _subtree(db, old)
    new_name = _clean(new)
    if is_below(new_name, old_name):
        raise TagAdminError(
            f"{old_name!r} cannot be renamed to {new_name!r}: that name is under it in the "
            "tag tree, so the tag would hold itself"
        )
    if new_name == old_name:
        return TagChange("rename", old_name, new_name, 0)
    return _move_branch(db, "rename", old_name, own, below, new_name, scored)


def _move_branch(
    db: sqlite_utils.Database,
    kind: str,
    old_name: str,
    own: tuple[int, str] | None,
    below: Sequence[tuple[int, str]],
    new_name: str,
    scored: Collection[str] = (),
) -> TagChange:
    """Give tag `old_name` (`own`, None for a level with no tag of its own) and every tag
    `below` it the name `new_name` in its place, in one transaction: a name that is already a
    tag merges into it (merge_tag_rows: decisions beat suggestions, the higher confidence
    stays), any other is a rename keeping every row. Each tag's change is logged on its own, so
    a saved model version's column for each follows it (core/tag_map.py), and so does its
    threshold. A rename that lands `own` on an existing tag is reported as a merge into it.
    `scored`: the tags the active model version scores by a column of their own (casefolded;
    core/model/listing.active_columns); see merge_tags."""
    scored = {name.casefold() for name in scored}
    moves = _shallowest_first(_branch(own, below))
    photos = store.usage_of_tags(db, [tid for tid, _ in moves])[0]
    shown = new_name
    merged = 0
    moved: list[str] = []
    with transaction(db):
        levels = store.rename_levels(db, old_name, new_name)
        for tid, name in moves:
            target = new_name + name[len(old_name) :]
            other = store.tag_row(db, target)
            if other is not None and other[0] != tid:
                if other[1].casefold() in scored:
                    # The version scores the tag merged into by its own column, not this one's
                    # (core/tag_map.py): this tag's suggestions moved onto it were not what
                    # the version gives, and went at its next re-tag ('models use' of the
                    # active version: "1 photo's tags changed").
                    store.drop_suggestions(db, tid)
                store.merge_tag_rows(db, tid, other[0])
                _log(db, name, other[1])
                names_follow_tag_change(db, name, other[1])
                if own is not None and tid == own[0]:
                    kind, shown = "merge", other[1]
                else:
                    merged += 1
            else:
                moved.append(target)
                if target != name:
                    store.rename_tag_row(db, tid, target)
                    _log(db, name, target)
                    names_follow_tag_change(db, name, target)
        store.drop_emptied_levels(db, levels)
    return TagChange(kind, old_name, shown, photos, len(below), merged, tuple(moved))


def branch_names(db: sqlite_utils.Database, name: str) -> list[str]:
    """The tags called `name` exactly as stored (NOCASE) or below it; none when there are none."""
    return [tag for _, tag in tag_store.subtree_tags(db, tag_store.normal_name(name))]


def rename_back_refusal(
    db: sqlite_utils.Database, name: str, to: str, tails: Sequence[str]
) -> str | None:
    """Why renaming `name` to `to` would not exactly take back (or do again) a rename made in
    the app, whose tags are `name + tail` for each of `tails` ('' the tag itself, '/fish' one
    below it), or None: it would. Not when another tag was filed under `name` since (it would
    move along) or a tag of its tags is gone (renamed, merged or deleted since), nor when `to`
    is a tag again (the rename would merge into it)."""
    want = {name_key(name + tail) for tail in tails}
    here = {name_key(tag) for tag in branch_names(db, name)}
    if not want <= here:
        return f"“{shown_name(name)}” was renamed, merged or deleted since"
    if here - want:
        return f"other tags were filed under “{shown_name(name)}” since, and would move along"
    # Renamed in case only ('beach' to 'Beach'), the tag itself answers to both names.
    if {name_key(tag) for tag in branch_names(db, to)} - want:
        return f"“{shown_name(to)}” is a tag again since, and the two would merge"
    return None


def merge_tags(
    db: sqlite_utils.Database, source: str, dest: str, *, scored: Collection[str] = ()
) -> TagChange:
    """Every photo tagged `source` is tagged `dest` instead (decisions kept); `source` goes.
    The tags below `source` move below `dest` as digiKam does ('pets/fish' into 'animals' is
    'animals/fish'), each merged into a tag of that name where there is one, in one
    transaction and logged tag by tag as rename_tag does. Either may be a level of the tree with
    no tag of its own: a group merged moves its tags; a tag merged into a group takes its name.
    `dest` must exist (a tag or a group: a typo is refused, not created); a tag is not merged
    into its own branch. Where `dest` is one of the tags the active model version scores with
    a column of its own (`scored`), the version goes on scoring it so and drops `source`'s
    column: `source`'s suggestions (no one's decision) go with it, and the photos show the
    suggestions of `dest` the version gives; the user's decisions move as always."""
    source_name, own, below = _subtree(db, source)
    dest_name = _subtree(db, dest)[0]
    if name_key(source_name) == name_key(dest_name):
        # Said in the names as typed: 'tag merge seaside Seaside' read "'Seaside' and 'Seaside'
        # are the same tag", the stored name twice.
        typed = [name.strip() for name in (source, dest)]
        if typed[0] == typed[1]:
            raise TagAdminError(f"{source_name!r} cannot be merged into itself")
        raise TagAdminError(
            f"{typed[0]!r} and {typed[1]!r} are the same tag, {source_name!r}: nothing to merge"
        )
    if is_below(dest_name, source_name):
        raise TagAdminError(
            f"{source_name!r} cannot be merged into {dest_name!r}: that tag is under it in the "
            "tag tree, so the tag would hold itself"
        )
    return _move_branch(db, "merge", source_name, own, below, dest_name, scored)


def delete_tag(db: sqlite_utils.Database, name: str, *, with_children: bool = False) -> TagChange:
    """Delete the tag from every photo, decisions included; the model stops suggesting it.
    A tag with tags below it is deleted only `with_children`, and then with all of them, in one
    transaction (TagHasChildren otherwise: the caller asks). Training is untouched: its labels
    are per exact tag, and a deleted tag's labels go with it."""
    stored, own, below = _subtree(db, name)
    if below and not with_children:
        raise TagHasChildren(stored, [n for _, n in below])
    doomed = _branch(own, below)
    photos = store.usage_of_tags(db, [tid for tid, _ in doomed])[0]
    with transaction(db):
        if below:
            store.drop_branch_levels(db, stored, [tid for tid, _ in doomed])
        for tid, tag in doomed:
            store.delete_tag_row(db, tid)
            _log(db, tag, None)
    return TagChange("delete", stored, None, photos, len(below))


def tag_usage(db: sqlite_utils.Database, name: str) -> TagUsage:
    """What deleting the tag (with the tags below it) would take away: for the question. The
    photos are those showing it, as the sidebar counts them, not those the user said lack it."""
    _, own, below = _subtree(db, name)
    ids = [tid for tid, _ in _branch(own, below)]
    photos, yes, no = store.usage_of_tags(db, ids)
    return TagUsage(photos, yes, no, [n for _, n in below])


def renamed(name: str, old: str, new: str | None) -> str | None:
    """What `name` is called after tag `old` (and the tags below it) became `new` (None:
    deleted): a filter or a selection naming it follows it. Other names stay as they are."""
    if name_key(name) == name_key(old):
        return new
    if is_below(name, old):
        return None if new is None else new + name[len(old) :]
    return name


def _log(db: sqlite_utils.Database, old: str, new: str | None) -> None:
    changes = list(get_setting(db, TAG_CHANGES, []) or [])
    # Its place among the user's decisions (store.tags.take_mark): a model version records the
    # last it read, so the change is told before or after a version trained in the same second
    # (core/tag_map.came_after), where the time, kept to the second, cannot tell.
    seq = tag_store.take_mark(db)
    changes.append({"at": utc_now(), "from": old, "to": new, "seq": seq})
    set_setting(db, TAG_CHANGES, changes)
    # The user's threshold for the tag follows it; a deleted tag's threshold goes with it.
    overrides = dict(get_setting(db, THRESHOLDS_SETTING, {}) or {})
    if old in overrides:
        value = overrides.pop(old)
        if new is not None:
            overrides.setdefault(new, value)
        set_setting(db, THRESHOLDS_SETTING, overrides)


class LoggedChange(tuple[str, str, str | None]):
    """(time, from, to) of a logged tag change, and its order number among the user's
    decisions (`seq`; None for a change logged before changes took one)."""

    seq: int | None

    def __new__(cls, at: str, old: str, new: str | None, seq: int | None = None) -> LoggedChange:
        change = super().__new__(cls, (at, old, new))
        change.seq = seq
        return change


def tag_changes(db: sqlite_utils.Database) -> list[LoggedChange]:
    """(time, from, to) of every rename, merge (to = the destination) and delete (to = None),
    oldest first, each with its order number (LoggedChange.seq)."""
    return [
        LoggedChange(
            str(c["at"]),
            str(c["from"]),
            None if c["to"] is None else str(c["to"]),
            seq if isinstance(seq := c.get("seq"), int) and not isinstance(seq, bool) else None,
        )
        for c in get_setting(db, TAG_CHANGES, []) or []
    ]


def tag_change_mark(db: sqlite_utils.Database) -> int:
    """How many tag changes the library has logged: a name remembered beside it is followed
    through the changes logged after it (followed_name)."""
    return len(get_setting(db, TAG_CHANGES, []) or [])


def followed_name(db: sqlite_utils.Database, name: str, mark: int) -> str | None:
    """`name`, remembered when the library had logged `mark` tag changes (tag_change_mark), as
    it is called now: renamed, or merged into another tag, since (in the app or by `phototagger
    tag`), it is the new name; deleted since, or no tag of the library now, None."""
    now: str | None = name
    for _, old, new in tag_changes(db)[max(mark, 0) :]:
        if now is None:
            break
        now = renamed(now, old, new)
    return now if now and not unknown_tags(db, [now]) else None


def former_names(db: sqlite_utils.Database, names: Sequence[str]) -> list[str]:
    """The names `names` had before a rename or merge (`phototagger tag`, Manage Tags), the
    latest first: 'Places/Greece/Crete' of 'Places/Greece/Kreta' after it was renamed, of
    'Places/Hellas/Crete' after 'Places/Greece' was; none that is a tag of `names` again."""
    return [before for before, _ in renamed_from(db, names)]


def renamed_from(db: sqlite_utils.Database, names: Sequence[str]) -> list[tuple[str, str]]:
    """former_names, each with the name of `names` it became: ('Places/Greece/Crete',
    'Places/Hellas/Crete') after 'Places/Greece' was renamed 'Places/Hellas'."""
    known = {name_key(n) for n in names}
    found: dict[str, tuple[str, str]] = {}
    now = [(name, name) for name in names]
    for _, old, new in reversed(tag_changes(db)):
        if new is None:
            continue
        for name, became in list(now):
            if name_key(name) == name_key(new) or is_below(name, new):
                before = old + name[len(new) :]
                if name_key(before) not in known and name_key(before) not in found:
                    found[name_key(before)] = (before, became)
                    now.append((before, became))
    return list(found.values())


def singular(name: str) -> str:
    """A name as one of it, casefolded: 'dogs' -> 'dog', 'berries' -> 'berry', 'boxes' -> 'box';
    'bus', 'cactus' and 'glass' are one already (they were 'bu', 'cactu' and 'glas', which
    'buses' -> 'bus' did not meet, and a search hint said "every kind of fungu")."""
    word = name.casefold()
    if word.endswith(("us", "ss")):
        return word
    for suffix, replacement in (("ies", "y"), ("ses", "s"), ("xes", "x"), ("s", "")):
        if word.endswith(suffix) and len(word) > len(suffix) + 1:
            return word[: -len(suffix)] + replacement
    return word


def similar_names(name: str, existing: list[str], *, near_misses: bool = False) -> list[str]:
    """Existing tags that `name` is probably a variant of (plural, case, a slip of the keys: see
    _slip_of), best first; empty when `name` itself exists. With `near_misses`, also those a
    name that is no word is a key or two from (core/near_miss: 'trian' for 'train'): for "did
    you mean" of a name that is no tag, not for a tag being made (a person's or a place's name
    is often no word: 'Tim' beside 'Tom' is another tag, made without a question)."""
    folded = name.strip().casefold()
    # Exists as the database compares names: 'äpfel' beside 'Äpfel' is a new tag (NOCASE folds
    # ASCII only), and looks like it.
    # Runs of spaces as one: 'my   music' typed is the tag 'my music' (store.tags.tag_id).
    keys = {name_key(name.strip()), name_key(spaced_once(name.strip()))}
    if not folded or any(name_key(e) in keys for e in existing):
        return []
    parent, _, leaf = folded.rpartition(SEPARATOR)
    # A name filed under a group ('Places/Zoo/Reptiles') was put there on purpose: its last
    # level is compared with its siblings only, not with a tag elsewhere in the tree ('reptile'),
    # which the app asked about on every such tag. A name at the top ('cats') may be meant as
    # one filed anywhere ('animals/cat').
    found: list[str] = [
        e
        for e in existing
        if singular(e.rsplit(SEPARATOR, 1)[-1]) == singular(leaf)
        and (not parent or name_key(e.rpartition(SEPARATOR)[0]) == name_key(parent))
    ]
    # No likeness ratio (difflib's 0.85 read 'cart' as 'cat', 'spot' as 'sport', 'fountain' as
    # 'mountain'): a name is the tag in another case, or one slip of it (a plural's too: 'dgos').
    by_fold = {e.casefold(): e for e in existing}
    close_ones = [
        e
        for e in by_fold
        if e == folded
        # 'my music' typed beside the 'my   music' a library made before holds
        or spaced_once(e) == spaced_once(folded)
        # 'ete a nice' typed beside 'Été à Nice': the keys search finds it by (walk55)
        or loose_key(spaced_once(e)) == loose_key(spaced_once(folded))
        or _slip_of(folded, e)
        or _slip_of(singular(folded), singular(e))
    ]
    if near_misses and len(folded) >= 3 and not is_wordlike(folded):
        one = singular(folded)
        close_ones += [
            e
            for e in by_fold
            if e not in close_ones and (keys_off(folded, e) or keys_off(one, singular(e)))
        ]
    for close in close_ones:
        # "trip 2024" beside "trip 2023", "kid 2" beside "kid 1": another number is another
        # tag, never a typo of it (the app would ask which is meant on every new year).
        if (
            by_fold[close] not in found
            and _numbers(close) == _numbers(folded)
            and _leaves_alike(close, folded)
        ):
            found.append(by_fold[close])
    return found


def _leaves_alike(one: str, other: str) -> bool:
    """Whether two names' last levels are alike too: 'People (keywords)/carl' is close to
    'People (keywords)/Anna' by their long shared group alone, and is another person; a typo in
    the group ('Plaecs/Paris' for 'Places/Paris') still reads as one."""
    if SEPARATOR not in one or SEPARATOR not in other:
        return True
    leaf, other_leaf = one.rsplit(SEPARATOR, 1)[-1], other.rsplit(SEPARATOR, 1)[-1]
    return leaf == other_leaf or _slip_of(leaf, other_leaf) or _slip_of(other_leaf, leaf)


# From this length a name typed with one letter more or less inside it, or two of its vowels
# swapped, is read as a slip of it: shorter, that makes another word too often ('cart' for
# 'cat', 'spot' for 'sport', 'boa' for 'boat', 'diary' for 'dairy', 'loin' for 'lion').
SLIP_LENGTH = 6
_VOWELS = frozenset("aeiou")


def _slip_of(typed: str, name: str) -> bool:
    """Whether `typed` is `name` (3 letters or more) with one slip of the keys: two neighbouring
    letters swapped ('dgo', 'hrose'), a letter doubled ('catt') or a doubled one typed once
    ('bok'); in a name of SLIP_LENGTH letters or more also two neighbouring vowels swapped
    ('mountian') and one letter left out or added inside it ('persn', not its first or last:
    'orang' is no slip of 'orange', 'rifle' of 'trifle'). A letter changed for another is never
    one: it makes a word of its own too often ('fog' for 'dog', 'fountain' for 'mountain').
    Measured on the 1,842 names of the ImageNet classes: none reads as a default tag (4 did by
    difflib's ratio); against each other 110 pairs do, all two spellings of one thing
    ('theater' and 'theatre', 'wagon' and 'waggon') but 'bars' and 'bra', either way."""
    if len(name) < 3:
        return False
    long_enough = len(name) >= SLIP_LENGTH
    if len(typed) == len(name):
        apart = [i for i, (a, b) in enumerate(zip(typed, name, strict=True)) if a != b]
        if not (
            len(apart) == 2
            and apart[1] == apart[0] + 1
            and typed[apart[0]] == name[apart[1]]
            and typed[apart[1]] == name[apart[0]]
        ):
            return False
        return long_enough or not {typed[apart[0]], typed[apart[1]]} <= _VOWELS
    if abs(len(typed) - len(name)) != 1:
        return False
    longer, shorter = (typed, name) if len(typed) > len(name) else (name, typed)
    for i in range(len(longer)):
        if longer[:i] + longer[i + 1 :] == shorter:
            doubled = longer[i] in longer[max(i - 1, 0) : i] + longer[i + 1 : i + 2]
            return doubled or (long_enough and 0 < i < len(longer) - 1)
    return False


def _numbers(name: str) -> list[str]:
    return re.findall(r"\d+", name)


def lookalikes(db: sqlite_utils.Database, name: str, *, near_misses: bool = False) -> list[str]:
    """The library's tags `name` (as typed) looks like (similar_names), as they are shown."""
    existing = [tag for tag, _ in tag_store.all_tags(db)]
    close = similar_names(typed_tag(db, name), existing, near_misses=near_misses)
    return [shown_name(tag) for tag in close]


def ending_with(name: str, existing: Iterable[str]) -> list[str]:
    """The tags and levels of the tag tree (`existing`: tag names) below the top whose last
    levels are `name` as a person types it (loose_key, case and accents aside): 'Greece' is
    'Places/Greece', a level of Lightroom's Places|Greece|Crete that the file's dc:subject
    lists as a keyword of its own; 'greece/crete' is 'Places/Greece/Crete'. Sorted, each once."""
    typed = [loose_key(part.strip()) for part in name.split(SEPARATOR) if part.strip()]
    found: dict[str, str] = {}
    for tag in existing if typed else ():
        levels = tag.split(SEPARATOR)
        for depth in range(len(typed) + 1, len(levels) + 1):
            if [loose_key(level.strip()) for level in levels[depth - len(typed) : depth]] == typed:
                path = SEPARATOR.join(levels[:depth])
                found.setdefault(tag_store.name_key(path), path)
    return sorted(found.values(), key=str.casefold)


def leaf_meant(name: str, existing: Iterable[str]) -> str | None:
    """The one tag (or level of the tag tree) whose last levels are `name` (ending_with):
    "Anna" is 'People (keywords)/Anna', the person a digiKam or Lightroom user types; None where
    no tag or several end so ('Places/Paris' and 'People/Paris': which is meant is asked)."""
    found = ending_with(name, existing)
    return found[0] if len(found) == 1 else None


def leaf_or_name(db: sqlite_utils.Database, name: str) -> str:
    """`name` where it is a tag (or a level of the tag tree), else the one tag whose last
    levels it is (leaf_meant): 'crete' is the sidecar's Places|Crete, as a search reads it;
    `name` again where none or several end so. `review` and the Review tab take a name so."""
    if not unknown_tags(db, [name], groups=True):
        return name
    return leaf_meant(name, [n for n, _ in tag_store.all_tags(db)]) or name


def lookalike_notes(db: sqlite_utils.Database, names: list[str]) -> list[str]:
    """For each of `names` that is a new tag but looks like an existing one ("monkeys" beside
    the vocabulary's "monkey"), a sentence saying so: the app asks which is meant, the command
    line (which asks nothing) says it, and goes on."""
    notes = []
    for name in dict.fromkeys(names):
        close = lookalikes(db, name)
        if close:
            notes.append(lookalike_note(name, close[0]))
    return notes


def lookalike_note(name: str, shown: str, joins: str | None = None) -> str:
    """ "'monkeys' is a new tag, but 'monkey' exists (`phototagger tag merge …` joins them)";
    `joins`: what joins them where it is no command line (the app's "Merge Tag Into…"), the
    names then in the app's quotes."""
    if joins is None:
        return (
            f"'{name}' is a new tag, but '{shown}' exists "
            f'(`phototagger tag merge "{name}" "{shown}"` joins them)'
        )
    return f"“{name}” is a new tag, but “{shown}” exists ({joins} joins them)"


@dataclass
class TagNode:
    """One level of the tag tree: 'animals' holding 'animals/dog' and 'animals/cat'."""

    label: str
    name: str  # the full tag name ('animals/dog'); a pure grouping level has no tag of its own
    count: int | None = None  # photos having exactly this tag; None for a pure grouping level
    children: list[TagNode] = field(default_factory=list)
    # Photos having this tag or any tag below it, each photo once (store.tags.subtree_counts):
    # what clicking the level shows. None when not counted.
    photos: int | None = None

    @property
    def total(self) -> int:
        """The level's photo count: `photos` when counted, else its tags' counts summed."""
        if self.photos is not None:
            return self.photos
        return (self.count or 0) + sum(child.total for child in self.children)

    @property
    def shown(self) -> int:
        """The count a listing shows beside the level (the sidebar, Manage Tags): with tags
        below it, the photos having it or one of them (what clicking it shows); else its own."""
        return self.total if self.children else (self.count or 0)


def group_names(names: Sequence[str]) -> list[str]:
    """The levels of the tag tree that have tags below them ('animals' and 'animals/cat' for
    'animals/cat/kitten'), each once (ASCII case aside, as the database compares names),
    spelled as the first name gives it."""
    found: dict[str, str] = {}
    for name in names:
        parts = name.split(SEPARATOR)
        for depth in range(1, len(parts)):
            level = SEPARATOR.join(parts[:depth])
            found.setdefault(name_key(level), level)
    return sorted(found.values(), key=str.casefold)


def tag_tree(
    counts: list[tuple[str, int]], totals: Mapping[str, int] | None = None
) -> list[TagNode]:
    """Tags (name, photo count) as a tree split on '/', each level by name. `totals` (level
    name -> photos having it or a tag below it, see group_names) gives each level with tags
    below it its `photos`. Levels are one when the database finds them as one (name_key): 'Dog'
    and 'dog' are, 'Äpfel' and 'äpfel' are not, so a level shows what searching it finds."""
    folded_totals = {name_key(k): v for k, v in (totals or {}).items()}
    root = TagNode("", "")
    for name, count in counts:
        node = root
        parts = name.split(SEPARATOR)
        for depth, part in enumerate(parts):
            full = SEPARATOR.join(parts[: depth + 1])
            key = name_key(full)
            child = next((c for c in node.children if name_key(c.name) == key), None)
            if child is None:
                # 'AC∕DC' (the keyword AC/DC, one level) reads with its slash.
                child = TagNode(shown_name(part), full, photos=folded_totals.get(key))
                node.children.append(child)
            node = child
        node.count = (node.count or 0) + count
    _sort(root)
    return root.children


def tag_order(label: str) -> tuple[str, str, str]:
    """Where a tag (or a level of one) is listed by name: as the grid and folders sort names and
    digiKam sorts tags, case and accents aside and numbers as numbers ('Été' among the E's, not
    after 'Zoo'; 'Trip 9' before 'Trip 10')."""
    return natural_key(label), label.casefold(), label


def _sort(node: TagNode) -> None:
    node.children.sort(key=lambda c: tag_order(c.label))
    for child in node.children:
        _sort(child)
