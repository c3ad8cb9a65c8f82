"""A new tag that means nearly what a tag of the library means: 'kitchen things' beside the
built-in 'kitchen', 'my dogs' beside 'dog', 'automobile' beside 'car'.

Said once, when the name is invented (`label --add` or `--reject`, the app's add field, T, R and
Shift+R and their dialogs: a new name rejected is a tag invented too), without asking: the
user may well mean a tag of their own ("'kitchen' is already a tag on 37 photos; 'kitchen
things' is a new one"). Not for a name filed under a group ('Bands/AC/DC' beside the keyword
'AC/DC', 'Places/Kitchen'): it was put there on purpose (as tag_admin.similar_names reads it).
Two rules, on the names' last levels:
- the new name holds the tag's words, as words, plural or not ('my dogs' holds 'dog'), the tag
  having a word of its own beyond 'a', 'my', 'the', a single letter...; not where the whole
  new name is a WordNet noun that is no kind of the tag ('hot dog' is a sandwich; 'house cat'
  is a cat);
- the new name means the tag in WordNet, in every sense it has there (the synsets of
  models/wordnet_closure.json: the ImageNet classes and the nodes above them): 'auto' is 'car';
  'machine' is not (a machine is also a tool there), nor 'bike' 'bicycle' (also a motorcycle).
A name that looks like a tag (a plural, a slip of the keys: tag_admin.similar_names) gets that
note instead (tag_admin.lookalike_notes), never both.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass

import sqlite_utils

from phototagger.core import wordnet
from phototagger.core.detector_tags import typed_tag
from phototagger.core.tag_admin import (
    SEPARATOR,
    lookalike_notes,
    similar_names,
    singular,
    unknown_tags,
)
from phototagger.core.wording import counted
from phototagger.store import tags as tag_store
from phototagger.store.states import TagOrigin
from phototagger.tag_names import name_key, shown_name, spaced_once

_WORDS = re.compile(r"[^\W_]+")
# Words a tag shares with many others that say nothing of what it shows: a tag made of them
# alone ('my', 'the') is never said to be held in a new name ('my garden').
_FILLERS = frozenset(
    "a an the my our your his her its their me us of and or in on at to for with by from "
    "this that these those some all own".split()
)


def _words(name: str) -> list[str]:
    """The last level's words, casefolded, each singular: 'My Dogs' -> ['my', 'dog']."""
    return [singular(w) for w in _WORDS.findall(name.rsplit(SEPARATOR, 1)[-1].casefold())]


@functools.cache
def _wordnet() -> tuple[dict[str, frozenset[str]], dict[str, frozenset[str]], dict[str, set[str]]]:
    """(lemma -> its synsets, synset -> its lemmas, synset -> its hypernyms) of the shipped
    closure; all empty if it is not shipped."""
    try:
        data, classes = wordnet.closure()
    except (OSError, ValueError):
        return {}, {}, {}
    lemmas = {
        wnid: frozenset(" ".join(_words(lemma)) for lemma in names)
        for wnid, names in data["synsets"].items()
    }
    senses: dict[str, set[str]] = {}
    for wnid, held in lemmas.items():
        for lemma in held:
            senses.setdefault(lemma, set()).add(wnid)
    above: dict[str, set[str]] = {}
    for cls, ancestors in zip(classes, data["ancestors"], strict=True):
        path = [cls["wnid"], *ancestors]
        for i, wnid in enumerate(path):
            above.setdefault(wnid, set()).update(path[i + 1 :])
    return {k: frozenset(v) for k, v in senses.items()}, lemmas, above


def _one_sense(name: str, tag: str) -> bool:
    """Whether every synset of the closure that `name` (as _words joins it) is a lemma of has
    `tag` for a lemma too: 'auto' and 'car'; not 'machine' and 'car', 'car' and 'auto' (a car
    is also a railway car there)."""
    senses, _, _ = _wordnet()
    of_name = senses.get(name, frozenset())
    return bool(of_name) and of_name <= senses.get(tag, frozenset())


def _kind_of(name: str, tag: str) -> bool:
    """Whether `name`, a lemma of the closure, is in some sense `tag` or a kind of it: 'house
    cat' is a cat; 'hot dog' is no dog."""
    senses, lemmas, above = _wordnet()
    return any(
        tag in lemmas.get(wnid, frozenset())
        for sense in senses.get(name, frozenset())
        for wnid in (sense, *above.get(sense, ()))
    )


def _holds(words: list[str], tag_words: list[str]) -> bool:
    """Whether `tag_words` stand in `words` in a row, one of them no filler and no single
    letter (a tag 'X' is not what 'x-ray' means)."""
    if not tag_words or all(w in _FILLERS or len(w) < 2 for w in tag_words):
        return False
    n = len(tag_words)
    return any(words[i : i + n] == tag_words for i in range(len(words) - n + 1))


def means_nearly(name: str, tag: str) -> bool:
    """Whether a new tag `name` means nearly what the tag `tag` means (the module's rules)."""
    words, tag_words = _words(name), _words(tag)
    joined, tag_joined = " ".join(words), " ".join(tag_words)
    if not joined or not tag_joined:
        return False
    senses, _, _ = _wordnet()
    if _one_sense(joined, tag_joined):
        return True
    if not _holds(words, tag_words):
        return False
    return joined not in senses or _kind_of(joined, tag_joined)


@dataclass(frozen=True)
class NearMeaning:
    """A tag of the library that a new tag's name means nearly (means_nearly)."""

    new: str  # the new tag, as shown
    tag: str  # the tag it is near, as shown
    photos: int  # the photos having the tag (or one below it), each once; 0: a built-in tag

    @property
    def where(self) -> str:
        """'on 37 photos'; for a built-in tag on none, that the tagger looks for it."""
        if self.photos:
            return f"on {counted(self.photos, 'photo')}"
        return "the tagger looks for, on no photo yet"

    def said(self, quote: str = "'", unquote: str = "'") -> str:
        """ "'kitchen' is already a tag on 37 photos; 'kitchen things' is a new one"."""
        tag, new = f"{quote}{self.tag}{unquote}", f"{quote}{self.new}{unquote}"
        return f"{tag} is already a tag {self.where}; {new} is a new one"


def near_meaning(db: sqlite_utils.Database, name: str) -> NearMeaning | None:
    """The tag of the library that `name`, as typed, means nearly, where `name` is a new tag
    at the top of the tree that does not look like one (similar_names); None otherwise. Of
    several, one of the same WordNet sense first, then the one with the most words, then the
    most photos. A tag on no photo counts only where the tagger looks for it."""
    name = typed_tag(db, name.strip())
    if not name or SEPARATOR in name or not unknown_tags(db, [name]):
        return None
    existing = tag_store.all_tags(db)
    if similar_names(name, [tag for tag, _ in existing]):
        return None
    near = [(tag, origin) for tag, origin in existing if means_nearly(name, tag)]
    if not near:
        return None
    counts = tag_store.subtree_counts(db, [tag for tag, _ in near])
    joined = " ".join(_words(name))
    found = [
        (_one_sense(joined, " ".join(_words(tag))), len(_words(tag)), counts[tag], tag, origin)
        for tag, origin in near
        if counts[tag] or origin == TagOrigin.VOCABULARY
    ]
    if not found:
        return None
    _, _, photos, tag, _ = max(found, key=lambda f: (f[0], f[1], f[2]))
    return NearMeaning(shown_name(name), shown_name(tag), photos)


def new_tag_notes(db: sqlite_utils.Database, named: Sequence[str]) -> list[str]:
    """For each of `named` (as typed, added or rejected; before they are) that is a new tag,
    once ('Monkeys' and 'monkeys ' are one): that it looks like a tag (lookalike_notes), else
    that a tag means nearly the same (near_meaning)."""
    once: dict[str, str] = {}
    for name in named:
        once.setdefault(name_key(spaced_once(name.strip())), name)
    notes = []
    for name in once.values():
        looks = lookalike_notes(db, [name])
        near = None if looks else near_meaning(db, name)
        notes += looks if looks else [near.said()] if near else []
    return notes
