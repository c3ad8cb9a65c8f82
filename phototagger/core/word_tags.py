"""The tags that take in a WordNet group searched for by a name no tag has.

walk52: "monkeys", taught from primates, was "learned like WordNet 'primate'", yet searching
"primate" or "ape" said only "No photos match: no tag is called “primate”". A name that is no
tag but names WordNet groups (models/wordnet_closure.json) is answered with the tags of the
active version that take in every ImageNet class of one of them: a tag learned like that group
or a group holding it (its record's "synsets", core/concepts.py), or a built-in tag, under
whatever name it has now, whose classes (models/vocabulary.json) hold them all ('ape' in the
built-in 'monkey'). Of those, the narrowest: 'animal' takes in the apes too, and is not named
where 'monkey' is. A tag named like the group, holding most of it, or holding nearly all of it
takes it in as well (left53): "automobile" named 'vehicle', not 'car' (9 of the 10 classes of
WordNet's 'car, auto, automobile'), and "canine" 'animal', not 'dog' (118 of 130); they are
said to take in most kinds of it.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from phototagger.core.concepts import classes_below
from phototagger.core.library import Library
from phototagger.core.model.active import active_version
from phototagger.core.near_meaning import wordnet_senses
from phototagger.core.tag_admin import tag_changes
from phototagger.core.tag_map import column_map, remap_record
from phototagger.ml import registry
from phototagger.ml.heads import DEFAULT_VERSION
from phototagger.ml.vocabulary import load_vocabulary
from phototagger.tag_names import shown_name


@dataclass(frozen=True)
class WordTags:
    """The tags that take in what a name searched for means (`kind`: the name as WordNet
    lists it, 'ape' for 'Apes')."""

    kind: str
    tags: tuple[str, ...]
    whole: bool = True  # each takes in every class of it; else most (MOST, NEARLY_ALL)

    def words(self, mark: str = "“{}”") -> str:
        """'look at “monkeys” or “monkey” (each takes in every kind of ape the tagger
        knows)', 'look at “car” (it takes in most kinds of automobile the tagger knows)'."""
        names = [mark.format(shown_name(t)) for t in self.tags]
        one = len(names) == 1
        either = names[0] if one else f"{', '.join(names[:-1])} or {names[-1]}"
        who = "it takes" if one else "each takes"
        kinds = "every kind" if self.whole else "most kinds"
        return f"look at {either} ({who} in {kinds} of {self.kind} the tagger knows)"


# The share of a WordNet group's classes a tag named like it holds more of to take it in ('car':
# 9 of the 10 of 'car, auto, automobile'), and the share any tag does ('dog': 118 of 'canine''s
# 130).
MOST = 0.5
NEARLY_ALL = 0.9


def _classes(wnids: Sequence[str]) -> frozenset[int]:
    """The ImageNet classes at or below any of the WordNet groups `wnids`
    (concepts.classes_below), as numbers."""
    return frozenset(int(i) for i in np.flatnonzero(classes_below(tuple(wnids))))


def _tag_classes(library: Library) -> dict[str, frozenset[int]]:
    """Each tag of the active version, under today's names, that takes in ImageNet classes as
    such: a built-in tag its vocabulary classes, a tag learned like WordNet groups theirs (these
    first)."""
    db = library.db
    changes = tag_changes(db)
    vocabulary = load_vocabulary()
    names, columns = column_map(vocabulary.tag_names, changes, None)
    found = {
        name: frozenset(vocabulary.tags[c].classes) for name, c in zip(names, columns, strict=True)
    }
    version = active_version(db)
    if version == DEFAULT_VERSION:
        return found
    try:
        record = remap_record(library.models.record(version), changes)
    except registry.UnknownVersionError:
        return found
    learned: Mapping[str, Mapping[str, object]] = record.learned
    mine: dict[str, frozenset[int]] = {}
    for tag, how in learned.items():
        synsets = how.get("synsets") if how.get("how") == "concept" else None
        if isinstance(synsets, Sequence) and not isinstance(synsets, str):
            held = _classes([w for w in synsets if isinstance(w, str)])
            if held:
                mine[tag] = held
    kept = set(record.tags)
    return mine | {n: held for n, held in found.items() if n in kept and n not in mine}


def tags_taking_in(
    library: Library, name: str, shown: Callable[[str], bool] = lambda _tag: True
) -> WordTags | None:
    """The narrowest tags of the active version that take in every class of a WordNet group
    `name` names (any of its senses the closure has), of those `shown` keeps (the tags the
    user can look at: a tag on no photo is no help); None where it names none, or no such tag
    takes one in."""
    kind, senses = wordnet_senses(name)  # none where the closure is not shipped
    groups = [(w, group) for w in sorted(senses) if (group := _classes([w]))]
    if not groups:
        return None
    tags = {t: held for t, held in _tag_classes(library).items() if shown(t)}
    chosen: list[str] = []
    whole = True
    for wnid, group in groups:
        holding = {t: len(held) for t, held in tags.items() if _takes_in(t, held, wnid, group)}
        if holding:
            least = min(holding.values())
            now = [t for t, n in holding.items() if n == least and t not in chosen]
            whole = whole and all(group <= tags[t] for t in now)
            chosen += now
    return WordTags(kind, tuple(chosen), whole) if chosen else None


def _takes_in(tag: str, held: frozenset[int], wnid: str, group: frozenset[int]) -> bool:
    """Whether `tag`, holding the classes `held`, takes in the WordNet group `wnid` (its
    classes `group`): nearly all of them, or most where the tag is named like it ('car' of
    'car, auto, automobile')."""
    share = len(group & held) / len(group)
    return share >= NEARLY_ALL or (share > MOST and wnid in wordnet_senses(shown_name(tag))[1])
