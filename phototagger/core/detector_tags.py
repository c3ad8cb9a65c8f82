"""The face detector's tags (models/people.json: `people`, `portrait`, `group`) take no tags
below them: a tag typed or read below a top level of that name (`People/Carl`, Lightroom's
`People|Anna`) is the user's own keyword tree, kept apart as `People (keywords)/Carl`
(tag_names.apart_from_detector). Every way a tag name comes in (the app's add field, `label`,
a rename, a file's keywords) lands there, so the user's tree is one branch."""

from __future__ import annotations

import functools

import sqlite_utils

from phototagger.store import tag_admin as tag_admin_store
from phototagger.store import tags as tag_store
from phototagger.tag_names import (
    apart_from_detector,
    name_key,
    normal_name,
    spaced_once,
    typed_name,
)


@functools.cache
def detector_tag_keys() -> frozenset[str]:
    """The face detector's tag names, as the library tells tags apart (name_key)."""
    from phototagger.core.people import load_rules  # the detector's module: not on every import

    return frozenset(name_key(name) for name in load_rules().tag_names)


def library_tag_name(name: str) -> str:
    """A tag name as the user typed it, as the library holds it: composed (normal_name), a
    '\\/' typed a slash inside a level ('AC\\/DC' is the one keyword AC/DC: typed_name), and
    kept apart from the detector's tags ('People/Carl' is 'People (keywords)/Carl')."""
    return apart_from_detector(normal_name(typed_name(name)), detector_tag_keys())


def typed_tag(db: sqlite_utils.Database, name: str) -> str:
    """The tag a user means by the name they typed (the app's add field, `label`): as
    library_tag_name reads it ('/' a level) where the library has that tag or no other reads
    so; else the one tag that reads as typed with a slash inside a keyword: 'AC/DC' typed is
    the keyword AC/DC read from the photos' files, unless a tree AC > DC is a tag too."""
    held = library_tag_name(name)
    if tag_admin_store.tag_row(db, held) is not None:
        return held
    shown = tag_store.tags_shown_as(db, held)
    return shown[0] if len(shown) == 1 else held


def searched_name(db: sqlite_utils.Database, name: str) -> str:
    """A tag (or a level of the tag tree) named in a search: itself where the library has it,
    else as the library holds what was typed ('People/Anna' finds 'People (keywords)/Anna'),
    a keyword with a slash in it as it reads ('AC/DC' finds the keyword AC/DC: typed_tag)."""
    if tag_store.subtree_ids(db, name):
        return name
    spaced = spaced_once(name)  # 'my   music' typed: the tag 'my music' (store.tags.tag_id)
    if spaced != name and tag_store.subtree_ids(db, spaced):
        return spaced
    held = library_tag_name(name)
    if tag_store.subtree_ids(db, held):
        return held
    return typed_tag(db, name)


def held_name(db: sqlite_utils.Database, name: str) -> str:
    """A tag as typed where one tag is meant (the Review tab's tag box): searched_name's tag,
    spelled as the library stores it ('people/anna' is 'People (keywords)/Anna')."""
    found = searched_name(db, name)
    row = tag_admin_store.tag_row(db, found)
    return row[1] if row is not None else found
