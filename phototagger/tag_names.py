"""When two tag names are the same tag: the one rule every layer compares tag names by.

The tags table's name is UNIQUE COLLATE NOCASE, and SQLite's NOCASE folds the 26 ASCII letters
only: 'Dog' and 'dog' are one tag, 'Äpfel' and 'äpfel' are two (search and counts keep them
apart). Whatever matches tag names in Python (the tag tree, training's labels, a saved model's
columns, keywords written to files) folds with name_key, never str.casefold or str.lower, which
would make one tag of what the library holds as two. It lives here, outside the layers, because
the store (the database's rule) and ml (a saved model's tag list) both need it and may not import
each other.

Unicode spells 'Été' two ways: composed (NFC, what keyboards type) and decomposed (NFD, 'E' and
a combining accent, what macOS and some tools write into files). They look the same and are one
tag: every name is stored in NFC (normal_name, where names enter the store) and name_key folds
both spellings alike, so a file's NFD keyword is the tag the user typed.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Collection
from typing import Any

_SURROGATES = re.compile("[\udc80-\udcff]")
_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")


def normal_name(name: str) -> str:
    """`name` as the library stores it: spaces around it aside, in Unicode's composed form. A
    name typed on a terminal Python reads as ASCII (LANG=C with its UTF-8 mode off) arrives
    with its UTF-8 bytes as lone surrogates ('caf\\udcc3\\udca9', PEP 383), which SQLite
    refuses (a crash): they are read as the UTF-8 they are ('café')."""
    if not name.isascii() and _SURROGATES.search(name):
        name = name.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
    return unicodedata.normalize("NFC", name.strip())


# A run of spaces inside a name (U+0020 and the other space separators: a no-break space pasted
# from a web page): "my   music" and "my music" read as one name, yet were two tags with no note
# (a double space was caught only as one slip of the keys, a lookalike).
_SPACE_RUN = re.compile(r"[^\S\x00-\x1f\x7f-\x9f]+")


def spaced_once(name: str) -> str:
    """`name` with each run of spaces inside it one plain space ('my   music' -> 'my music'):
    how a new tag is named (store.tags.ensure_tag, a rename's new name), and how a typed name
    finds the tag. Line breaks and tabs are left to the checks that refuse them (no tag name
    holds one). Not folded into normal_name: a library made before holds 'my   music' as typed
    then, and finds it so; it is a lookalike of 'my music' (core.tag_admin.similar_names)."""
    return _SPACE_RUN.sub(" ", name)


def name_key(name: str) -> str:
    """`name` folded as the database tells tag names apart (NOCASE: ASCII letters only), its
    composed and decomposed spellings alike."""
    return unicodedata.normalize("NFC", name).translate(_ASCII_LOWER)


def loose_key(name: str) -> str:
    """`name` as a person may type it: without case or accents ('Été à Nice' -> 'ete a nice').
    For finding a tag from what was typed (the search box's completion, "there is ..."), never
    for telling tags apart: that is name_key's."""
    decomposed = unicodedata.normalize("NFKD", name)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


# The face detector's tags take no tags below them: a user's keyword tree whose top level has the
# name of one (`People|Anna` from Lightroom, `People/Carl` typed) is kept apart from the
# detector's `people` ("a face is in the photo") under this mark: `People (keywords)/Anna`.
# Files never see the mark (core/metadata/keywords.py takes it off when writing).
GROUP_MARK = " (keywords)"

# A slash inside one keyword ("AC/DC", "B/W", "24/7") is no level of a tree. The library's tag
# names use '/' between levels, so such a slash is held as U+2215 DIVISION SLASH, which looks the
# same: 'AC∕DC' is one tag, 'Music/AC∕DC' the keyword AC/DC below Music. The app and the command
# line show it as '/' (shown_name); files get the tools' own spelling back
# (core/metadata/keywords.py). Typed, '/' makes a level; '\/' is a slash inside a name.
LITERAL_SLASH = "\u2215"
TYPED_SLASH = "\\/"


def shown_name(name: str) -> str:
    """A tag name as the user reads it: a slash inside a keyword shown as the '/' it is."""
    return name.replace(LITERAL_SLASH, "/")


def shown_in(value: Any) -> Any:
    """A report for the user (--json's counts, a version's per-tag record) with every tag name
    in it, keys and values, shown as shown_name shows one: for reports that hold tag names and
    words only, never a file's path (a file may be named with a U+2215)."""
    if isinstance(value, str):
        return shown_name(value)
    if isinstance(value, dict):
        return {shown_in(k): shown_in(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [shown_in(v) for v in value]
    return value


def typed_form(name: str) -> str:
    """A tag name as it is typed (typed_name undone): 'AC∕DC' is 'AC\\/DC'."""
    return name.replace(LITERAL_SLASH, TYPED_SLASH)


def typed_name(name: str) -> str:
    """A tag name as typed, as the library holds it: '\\/' is a slash inside a name ('AC\\/DC'
    is the one keyword AC/DC), any other '/' a level."""
    return name.replace(TYPED_SLASH, LITERAL_SLASH)


def apart_from_detector(name: str, reserved: Collection[str]) -> str:
    """The tag `name` (levels split by '/') as the library holds it: one below a top level named
    as a detector tag (`reserved`, by name_key) is below that level marked ('People/Carl' is
    'People (keywords)/Carl'); any other name, a one-level one included, is itself."""
    top, sep, rest = name.partition("/")
    if sep and name_key(top.strip()) in reserved:
        return f"{top.strip()}{GROUP_MARK}/{rest}"
    return name
