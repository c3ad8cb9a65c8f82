"""Tag management: rename, merge, delete; near-duplicate names; the tag tree ('animals/dog').

Model versions name their output columns by tag. Every rename, merge and delete is logged with
its time (setting TAG_CHANGES) and replayed on a version saved before it when that version is
loaded (core/tag_map.py), so a renamed tag keeps what the model learned about it and a deleted
one is no longer suggested. Versions trained afterwards already carry the new names.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field

import sqlite_utils

from phototagger.core.errors import PhototaggerError
from phototagger.store import tag_admin as store
from phototagger.store import tags as tag_store
from phototagger.store.connection import transaction
from phototagger.store.records import utc_now
from phototagger.store.settings import get_setting, set_setting

TAG_CHANGES = "tag_changes"
THRESHOLDS_SETTING = "thresholds"  # the same key as core/model/active.py: per-tag overrides
SEPARATOR = "/"


class TagAdminError(PhototaggerError):
    """A rename, merge or delete that cannot be done, with a one-line reason."""


@dataclass(frozen=True)
class TagChange:
    kind: str  # "rename" | "merge" | "delete"
    name: str
    new_name: str | None
    photos: int  # photo rows that changed


def _existing(db: sqlite_utils.Database, name: str) -> tuple[int, str]:
    found = store.tag_row(db, name)
    if found is None:
        raise TagAdminError(f"there is no tag called {name.strip()!r}")
    return found


def unknown_tags(db: sqlite_utils.Database, names: Sequence[str]) -> list[str]:
    """The names of `names` that are no tag of the library (case aside): typos, most likely."""
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
        raise TagAdminError(f"{name!r} is not a tag name (empty, or an empty part around '/')")
    if has_control_character(name):  # as `label` and the app's add field refuse them
        raise TagAdminError(CONTROL_MESSAGE.format(name=name))
    refusal = bar_refusal(name)
    if refusal:
        raise TagAdminError(refusal)
    return SEPARATOR.join(part.strip() for part in name.strip().split(SEPARATOR))


def rename_tag(db: sqlite_utils.Database, old: str, new: str) -> TagChange:
    """Call tag `old` `new`; if another tag is already called `new`, merge into it."""
    tag_id, old_name = _existing(db, old)
    new_name = _clean(new)
    other = store.tag_row(db, new_name)
    if other is not None and other[0] != tag_id:
        return merge_tags(db, old_name, other[1])
    if new_name == old_name:
        return TagChange("rename", old_name, new_name, 0)
    with transaction(db):
        store.rename_tag_row(db, tag_id, new_name)
        _log(db, old_name, new_name)
    return TagChange("rename", old_name, new_name, store.rows_of_tag(db, tag_id)[0])


def merge_tags(db: sqlite_utils.Database, source: str, dest: str) -> TagChange:
    """Every photo tagged `source` is tagged `dest` instead (decisions kept); `source` goes."""
    source_id, source_name = _existing(db, source)
    dest_id, dest_name = _existing(db, dest)
    if source_id == dest_id:
        raise TagAdminError(f"{source_name!r} and {dest_name!r} are the same tag")
    with transaction(db):
        moved = store.merge_tag_rows(db, source_id, dest_id)
        _log(db, source_name, dest_name)
    return TagChange("merge", source_name, dest_name, moved)


def delete_tag(db: sqlite_utils.Database, name: str) -> TagChange:
    """Delete the tag from every photo, decisions included; the model stops suggesting it."""
    tag_id, stored = _existing(db, name)
    with transaction(db):
        rows = store.delete_tag_row(db, tag_id)
        _log(db, stored, None)
    return TagChange("delete", stored, None, rows)


def tag_usage(db: sqlite_utils.Database, name: str) -> tuple[int, int, int]:
    """(photos showing the tag, the user's yes answers, their no answers) for a confirmation
    question: the photos are the ones the sidebar counts, not those the user said lack it."""
    return store.usage_of_tag(db, _existing(db, name)[0])


def _log(db: sqlite_utils.Database, old: str, new: str | None) -> None:
    changes = list(get_setting(db, TAG_CHANGES, []) or [])
    changes.append({"at": utc_now(), "from": old, "to": new})
    set_setting(db, TAG_CHANGES, changes)
    # The user's threshold for the tag follows it; a deleted tag's threshold goes with it.
    overrides = dict(get_setting(db, THRESHOLDS_SETTING, {}) or {})
    if old in overrides:
        value = overrides.pop(old)
        if new is not None:
            overrides.setdefault(new, value)
        set_setting(db, THRESHOLDS_SETTING, overrides)


def tag_changes(db: sqlite_utils.Database) -> list[tuple[str, str, str | None]]:
    """(time, from, to) of every rename, merge (to = the destination) and delete (to = None)."""
    return [
        (str(c["at"]), str(c["from"]), None if c["to"] is None else str(c["to"]))
        for c in get_setting(db, TAG_CHANGES, []) or []
    ]


def _singular(name: str) -> str:
    word = name.casefold()
    for suffix, replacement in (("ies", "y"), ("ses", "s"), ("xes", "x"), ("s", "")):
        if word.endswith(suffix) and len(word) > len(suffix) + 1:
            return word[: -len(suffix)] + replacement
    return word


def similar_names(name: str, existing: list[str], cutoff: float = 0.85) -> list[str]:
    """Existing tags that `name` is probably a variant of (plural, case, a typo), best first;
    empty when `name` itself exists."""
    folded = name.strip().casefold()
    if not folded or any(e.casefold() == folded for e in existing):
        return []
    leaf = folded.rsplit(SEPARATOR, 1)[-1]
    found: list[str] = [
        e for e in existing if _singular(e.rsplit(SEPARATOR, 1)[-1]) == _singular(leaf)
    ]
    by_fold = {e.casefold(): e for e in existing}
    for close in difflib.get_close_matches(folded, list(by_fold), n=3, cutoff=cutoff):
        # "trip 2024" beside "trip 2023", "kid 2" beside "kid 1": another number is another
        # tag, never a typo of it (the app would ask which is meant on every new year).
        if by_fold[close] not in found and _numbers(close) == _numbers(folded):
            found.append(by_fold[close])
    return found


def _numbers(name: str) -> list[str]:
    return re.findall(r"\d+", name)


def lookalike_notes(db: sqlite_utils.Database, names: list[str]) -> list[str]:
    """For each of `names` that is a new tag but looks like an existing one ("monkeys" beside
    the vocabulary's "monkey"), a sentence saying so: the app asks which is meant, the command
    line (which asks nothing) says it, and goes on."""
    existing = [name for name, _ in tag_store.all_tags(db)]
    notes = []
    for name in dict.fromkeys(names):
        close = similar_names(name, existing)
        if close:
            notes.append(
                f"'{name}' is a new tag, but '{close[0]}' exists "
                f'(`phototagger tag merge "{name}" "{close[0]}"` joins them)'
            )
    return notes


@dataclass
class TagNode:
    """One level of the tag tree: 'animals' holding 'animals/dog' and 'animals/cat'."""

    label: str
    name: str  # the full tag name ('animals/dog'); a pure grouping level has no tag of its own
    count: int | None = None  # photos having exactly this tag; None for a pure grouping level
    children: list[TagNode] = field(default_factory=list)

    @property
    def total(self) -> int:
        return (self.count or 0) + sum(child.total for child in self.children)


def tag_tree(counts: list[tuple[str, int]]) -> list[TagNode]:
    """Tags (name, photo count) as a tree split on '/', each level by name."""
    root = TagNode("", "")
    for name, count in counts:
        node = root
        parts = name.split(SEPARATOR)
        for depth, part in enumerate(parts):
            full = SEPARATOR.join(parts[: depth + 1])
            child = next((c for c in node.children if c.name.casefold() == full.casefold()), None)
            if child is None:
                child = TagNode(part, full)
                node.children.append(child)
            node = child
        node.count = (node.count or 0) + count
    _sort(root)
    return root.children


def _sort(node: TagNode) -> None:
    node.children.sort(key=lambda c: c.label.casefold())
    for child in node.children:
        _sort(child)
