"""A new tag that means nearly what a tag of the library means: 'kitchen things' beside the
built-in 'kitchen', 'my dogs' beside 'dog', 'automobile' beside 'car'.

Said once, when the name is invented (`label --add` or `--reject`, the app's add field, T, R and
Shift+R and their dialogs: a new name rejected is a tag invented too; `tag rename` and the app's
Rename Tag to a name no tag has: renamed_tag_notes), without asking: the
user may well mean a tag of their own ("'kitchen' is already a tag on 37 photos; 'kitchen
things' is a new one"). Not for a name filed under a group ('Bands/AC/DC' beside the keyword
'AC/DC', 'Places/Kitchen'): it was put there on purpose (as tag_admin.similar_names reads it).
Three rules, on the names' last levels:
- the new name holds the tag's words, as words, plural or not ('my dogs' holds 'dog'), the tag
  having a word of its own beyond 'a', 'my', 'the', a single letter...; not where the whole
  new name is a WordNet noun that is no kind of the tag ('hot dog' is a sandwich; 'house cat'
  is a cat; 'toy terrier' is no plaything);
- the new name means the tag in every sense WordNet 3.0 gives it (each a synset of
  models/wordnet_closure.json, the ImageNet classes and the nodes above them, and none outside,
  as its `senses` list them): 'auto' is 'car'; 'machine' is not (a machine is also a tool),
  nor 'bike' 'bicycle' (also a motorcycle), nor 'java' 'coffee' (also an island);
- or the tag is the new name's usual sense, where WordNet gives it others too: the sense its
  sense-tagged texts use the name in three times in four or more, at least 3 times ('telephone'
  is a phone 18 times, telephony once: "'phone', the usual meaning of 'telephone', is already a
  tag ..."); not 'java' (an island more often than coffee), 'bike' (neither sense used), 'plant'
  (a factory 63 times, flora 37). A tag of several senses that is no default tag counts in its
  usual sense only (the user's 'machine' is no car).
Of a default tag, only the senses the tagger looks for it in count (its classes of
models/vocabulary.json and the synsets above them): its 'car' is an automobile, so 'railway car'
is not said beside it; its 'toy' a plaything, so 'toy dog' is said beside 'dog'.
A name that looks like a tag (a plural, a slip of the keys: tag_admin.similar_names) gets that
note instead (tag_admin.lookalike_notes), never both.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import sqlite_utils

from phototagger.core import wordnet
from phototagger.core.detector_tags import typed_tag
from phototagger.core.tag_admin import (
    SEPARATOR,
    TagChange,
    in_branch,
    lookalike_note,
    lookalike_notes,
    similar_names,
    singular,
    unknown_tags,
)
from phototagger.core.wording import counted
from phototagger.ml.vocabulary import load_vocabulary
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


def wordnet_senses(name: str) -> tuple[str, frozenset[str]]:
    """(`name`'s last level as WordNet would list it, the closure's synsets it names): 'Apes'
    -> ('ape', {the WordNet synset 'ape'}); no synsets where the closure has none by that
    name (or is not shipped)."""
    lemma = " ".join(_words(name))
    return lemma, _wordnet().senses.get(lemma, frozenset())


@dataclass(frozen=True)
class _WordNet:
    """The shipped closure as near_meaning reads it, each lemma as _words joins it."""

    senses: dict[str, frozenset[str]]  # lemma -> its synsets
    above: dict[str, set[str]]  # synset -> its hypernyms
    elsewhere: frozenset[str]  # lemmas WordNet gives noun senses outside the closure too
    usual: dict[str, str]  # lemma of several senses -> the synset of its usual one (_usual)
    tagger: dict[str, frozenset[str]]  # default tag -> the synsets at or above its classes


@functools.cache
def _wordnet() -> _WordNet:
    """The shipped closure (all empty if it is not shipped), and the senses the default
    tagger looks for its tags in (models/vocabulary.json's classes and the synsets above)."""
    try:
        data, classes = wordnet.closure()
    except (OSError, ValueError):
        return _WordNet({}, {}, frozenset(), {}, {})
    lemmas = {
        wnid: frozenset(" ".join(_words(lemma)) for lemma in names)
        for wnid, names in data["synsets"].items()
    }
    senses: dict[str, set[str]] = {}
    for wnid, held in lemmas.items():
        for lemma in held:
            senses.setdefault(lemma, set()).add(wnid)
    above: dict[str, set[str]] = {}
    chains = [
        [cls["wnid"], *ancestors] for cls, ancestors in zip(classes, data["ancestors"], strict=True)
    ]
    for path in chains:
        for i, wnid in enumerate(path):
            above.setdefault(wnid, set()).update(path[i + 1 :])
    # Lemmas of several senses; two that _words joins alike ('glass', 'glasses') have a usual
    # sense only where both have the same.
    elsewhere: set[str] = set()
    usual: dict[str, str | None] = {}
    for lemma, held in data.get("senses", {}).items():
        joined = " ".join(_words(lemma))
        if any(wnid is None for wnid, _ in held):
            elsewhere.add(joined)
        sense = _usual(held)
        usual[joined] = sense if usual.get(joined, sense) == sense else None
    try:
        vocabulary = load_vocabulary().tags
    except (OSError, ValueError):
        vocabulary = ()
    tagger = {
        " ".join(_words(tag.name)): frozenset(w for i in tag.classes for w in chains[i])
        for tag in vocabulary
    }
    return _WordNet(
        {k: frozenset(v) for k, v in senses.items()},
        above,
        frozenset(elsewhere),
        {lemma: wnid for lemma, wnid in usual.items() if wnid},
        tagger,
    )


# A name's usual sense: the sense WordNet's sense-tagged texts use it in at least this often, and
# at least three times as often as in all its other senses together ('telephone': a phone 18
# times, telephony once). Fewer uses are no evidence ('nutrient': food once); a sense used 63
# times in 100 is no usual one ('plant': a factory, besides the flora 37 times).
_USUAL_USES = 3


def _usual(held: list[list[Any]]) -> str | None:
    """The closure's synset that a lemma of several noun senses (`held`: [wnid or None, uses]
    each, as the closure's `senses` lists them) usually means; None where its usual sense is
    outside the closure or none is ('java': an island 2 times, coffee once; 'bike': a
    motorcycle, a bicycle, neither used)."""
    uses = sum(count for _, count in held)
    for wnid, count in held:
        if count >= _USUAL_USES and count * 4 >= uses * 3:
            return wnid if isinstance(wnid, str) else None
    return None


def _tag_senses(tag: str) -> frozenset[str]:
    """The synsets of the closure that `tag` (as _words joins it) is a lemma of; of a default
    tag, only those the tagger looks for it in: 'car' is an automobile, not a railway car (the
    tagger's 'car' is sports cars, cabs, jeeps...), 'toy' a plaything, not a toy dog."""
    wn = _wordnet()
    held = wn.senses.get(tag, frozenset())
    return held & wn.tagger[tag] if tag in wn.tagger else held


def _one_sense(name: str, tag: str) -> bool:
    """Whether `name` (as _words joins it) means `tag` in every sense WordNet gives it: each
    synset of the closure it is a lemma of has `tag` for a lemma (_tag_senses), and WordNet
    gives it no sense outside the closure. 'auto' and 'car'; not 'machine' and 'car', 'car' and
    'auto' (a car is also a railway car), 'java' and 'coffee' (Java is an island too), 'railcar'
    and the tagger's 'car' (an automobile)."""
    wn = _wordnet()
    of_name = wn.senses.get(name, frozenset())
    return bool(of_name) and name not in wn.elsewhere and of_name <= _tag_senses(tag)


def _usually(name: str, tag: str) -> bool:
    """Whether `name` (as _words joins it), a name of several senses, usually means `tag`: the
    sense WordNet's tagged texts mostly use it in (_usual) is one of _tag_senses, and the usual
    one of a tag of several senses that is no default tag (the user's 'machine' is a machine,
    not the car WordNet also calls one). 'telephone' and 'phone' (telephony is rare); not
    'java' and 'coffee' (the island is used more), nor 'bike' and 'bicycle' (neither is)."""
    wn = _wordnet()
    sense = wn.usual.get(name)
    if sense is None or sense not in _tag_senses(tag):
        return False
    if tag in wn.tagger:  # _tag_senses are the tagger's own senses of it
        return True
    only = len(wn.senses.get(tag, ())) == 1 and tag not in wn.elsewhere
    return only or wn.usual.get(tag) == sense


def _kind_of(name: str, tag: str) -> bool:
    """Whether `name`, a lemma of the closure, is in some sense `tag` (_tag_senses) or a kind
    of it: 'house cat' is a cat; 'hot dog' is no dog, 'toy terrier' no toy, 'passenger car' (a
    railway car) not the tagger's 'car'."""
    wn = _wordnet()
    meant = _tag_senses(tag)
    return any(
        wnid in meant
        for sense in wn.senses.get(name, frozenset())
        for wnid in (sense, *wn.above.get(sense, ()))
    )


def _holds(words: list[str], tag_words: list[str]) -> bool:
    """Whether `tag_words` stand in `words` in a row, one of them no filler and no single
    letter (a tag 'X' is not what 'x-ray' means)."""
    if not tag_words or all(w in _FILLERS or len(w) < 2 for w in tag_words):
        return False
    n = len(tag_words)
    return any(words[i : i + n] == tag_words for i in range(len(words) - n + 1))


# How a name means nearly what a tag means (_rule), the surest first where several tags are.
EVERY_SENSE, USUAL_SENSE, HOLDS = 2, 1, 0


def _rule(name: str, tag: str) -> int | None:
    """By which of the module's rules a new tag `name` means nearly what the tag `tag` means:
    EVERY_SENSE ('auto', 'car'), USUAL_SENSE ('telephone', 'phone'), HOLDS ('my dogs', 'dog');
    None where it does not."""
    words, tag_words = _words(name), _words(tag)
    joined, tag_joined = " ".join(words), " ".join(tag_words)
    if not joined or not tag_joined:
        return None
    if _one_sense(joined, tag_joined):
        return EVERY_SENSE
    if _usually(joined, tag_joined):
        return USUAL_SENSE
    if not _holds(words, tag_words):
        return None
    if joined not in _wordnet().senses or _kind_of(joined, tag_joined):
        return HOLDS
    return None


def means_nearly(name: str, tag: str) -> bool:
    """Whether a new tag `name` means nearly what the tag `tag` means (the module's rules)."""
    return _rule(name, tag) is not None


@dataclass(frozen=True)
class NearMeaning:
    """A tag of the library that a new tag's name means nearly (means_nearly)."""

    new: str  # the new tag, as shown
    tag: str  # the tag it is near, as shown
    photos: int  # the photos having the tag (or one below it), each once; 0: a built-in tag
    usual: bool = False  # the tag is the usual one of the new name's meanings, not its only one

    @property
    def where(self) -> str:
        """'on 37 photos'; for a built-in tag on none, that the tagger looks for it."""
        if self.photos:
            return f"on {counted(self.photos, 'photo')}"
        return "the tagger looks for, on no photo yet"

    def said(self, quote: str = "'", unquote: str = "'") -> str:
        """ "'kitchen' is already a tag on 37 photos; 'kitchen things' is a new one"; of a name
        with other meanings, which one it was taken in: "'phone', the usual meaning of
        'telephone', is already a tag on 3 photos; 'telephone' is a new one"."""
        tag, new = f"{quote}{self.tag}{unquote}", f"{quote}{self.new}{unquote}"
        meaning = f", the usual meaning of {new}," if self.usual else ""
        return f"{tag}{meaning} is already a tag {self.where}; {new} is a new one"


def near_meaning(db: sqlite_utils.Database, name: str) -> NearMeaning | None:
    """The tag of the library that `name`, as typed, means nearly, where `name` is a new tag
    at the top of the tree that does not look like one (similar_names); None otherwise. Of
    several, one of the same WordNet sense first, then one its usual sense is, then the one
    with the most words, then the most photos. A tag on no photo counts only where the tagger
    looks for it."""
    name = typed_tag(db, name.strip())
    if not name or SEPARATOR in name or not unknown_tags(db, [name]):
        return None
    return _near(db, name, tag_store.all_tags(db))


def _near(
    db: sqlite_utils.Database, name: str, existing: Sequence[tuple[str, str]]
) -> NearMeaning | None:
    """near_meaning of `name`, a new tag's name as stored, beside the tags `existing`."""
    if similar_names(name, [tag for tag, _ in existing]):
        return None
    near = [
        (tag, origin, rule) for tag, origin in existing if (rule := _rule(name, tag)) is not None
    ]
    if not near:
        return None
    counts = tag_store.subtree_counts(db, [tag for tag, _, _ in near])
    found = [
        (rule, len(_words(tag)), counts[tag], tag)
        for tag, origin, rule in near
        if counts[tag] or origin == TagOrigin.VOCABULARY
    ]
    if not found:
        return None
    rule, _, photos, tag = max(found, key=lambda f: (f[0], f[1], f[2]))
    return NearMeaning(shown_name(name), shown_name(tag), photos, rule == USUAL_SENSE)


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


def renamed_tag_notes(
    db: sqlite_utils.Database, change: TagChange, *, joins: str | None = None
) -> list[str]:
    """After `change`, a rename that gave a tag a name no tag had ('my stuff' renamed 'kitchen
    things', 'dogs'): that the name looks like a tag, else that a tag means nearly the same, as
    new_tag_notes says them for a name added: renaming to it invents it as much. The renamed
    tags (the new name's branch now) are not counted: 'dog' renamed 'dogs' is no lookalike of
    itself. Nothing for a merge, a group with no tag of its own renamed, or a new name in
    another case or spacing only. `joins`: for the app (lookalike_note), whose notes read in its
    quotes."""
    new, old = change.new_name, change.name
    if change.kind != "rename" or new is None:
        return []
    if name_key(spaced_once(new)) == name_key(spaced_once(old)):
        return []
    if not any(name_key(moved) == name_key(new) for moved in change.moved):
        return []  # a group with no tag of its own: its tags moved below the name
    existing = [(tag, origin) for tag, origin in tag_store.all_tags(db) if not in_branch(tag, new)]
    close = similar_names(new, [tag for tag, _ in existing])
    if close:
        return [lookalike_note(shown_name(new), shown_name(close[0]), joins)]
    near = None if SEPARATOR in new else _near(db, new, existing)
    if near is None:
        return []
    return [near.said() if joins is None else near.said("“", "”")]
