"""The tags that take in a WordNet group searched for by a name no tag has.

walk52: "monkeys", taught from primates, was "learned like WordNet 'primate'", yet searching
"primate" or "ape" said only "No photos match: no tag is called “primate”". A name that is no
tag but names WordNet groups (models/wordnet_closure.json) is answered with the tags of the
active version that take in every ImageNet class of one of them: a tag learned like that group
or a group holding it (its record's "synsets", core/concepts.py), or a built-in tag, under
whatever name it has now, whose classes (models/vocabulary.json) hold them all ('ape' in the
built-in 'monkey'). Of those, the narrowest: 'animal' takes in the apes too, and is not named
where 'monkey' is.
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

    def words(self, mark: str = "“{}”") -> str:
        """'look at “monkeys” or “monkey” (each takes in every kind of ape the tagger
        knows)'."""
        names = [mark.format(shown_name(t)) for t in self.tags]
        one = len(names) == 1
        either = names[0] if one else f"{', '.join(names[:-1])} or {names[-1]}"
        who = "it takes" if one else "each takes"
        return f"look at {either} ({who} in every kind of {self.kind} the tagger knows)"


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
    groups = [group for w in sorted(senses) if (group := _classes([w]))]
    if not groups:
        return None
    tags = {t: held for t, held in _tag_classes(library).items() if shown(t)}
    chosen: list[str] = []
    for group in groups:
        holding = {t: len(held) for t, held in tags.items() if group <= held}
        if holding:
            least = min(holding.values())
            chosen += [t for t, n in holding.items() if n == least and t not in chosen]
    return WordTags(kind, tuple(chosen)) if chosen else None
