"""What kind of thing an ImageNet class is, in plain words, where its name alone may not tell.

The tagger's class names are ImageNet's: "coucal", "kuvasz", "guenon". A user told that
"monkeys" was "Kept off coucal" could not know a coucal is a bird (walk52). kind_note says it:
the nearest of the class's WordNet hypernyms (models/wordnet_closure.json) that is named like a
built-in tag (models/vocabulary.json: the plain words the app already tags with, "bird", "dog",
"fruit", "musical instrument"), as "a kind of bird"; where none is (the everyday objects:
"teapot", "stethoscope"), the nearest group with a plain name (_plain_kind: "a kind of pot",
"a kind of medical instrument"). None where the name holds one of its hypernyms' names already
("red fox": a fox; "school bus": a bus), where two classes of the name are different kinds
("crane": a bird and a machine), or where every plainly named group above it is too broad to
help ("bucket": a container, "tripod": a device).
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from collections.abc import Callable
from typing import Any

from phototagger.core import wordnet
from phototagger.ml.vocabulary import load_vocabulary

_WORDS = re.compile(r"[^\W_]+")


def _words(text: str) -> tuple[str, ...]:
    return tuple(w.casefold() for w in _WORDS.findall(text))


def _holds(name: tuple[str, ...], lemma: tuple[str, ...]) -> bool:
    """Whether `name`'s words hold `lemma`'s, in a row: 'red fox' holds 'fox'."""
    n = len(lemma)
    return n > 0 and any(name[i : i + n] == lemma for i in range(len(name) - n + 1))


@functools.cache
def _kinds() -> dict[str, str | None]:
    """Class name -> its kind's word (a built-in tag's name), None where it needs none or has
    none; {} where the shipped data cannot be read."""
    try:
        data, classes = wordnet.closure()
        builtin = {tag.name for tag in load_vocabulary().tags}
    except (OSError, ValueError):
        return {}
    plain = _plain_kind(data)
    kinds: dict[str, set[str | None]] = {}
    for cls, chain in zip(classes, data["ancestors"], strict=True):
        name = _words(cls["name"])
        told = any(_holds(name, _words(lemma)) for w in chain for lemma in data["synsets"][w])
        kind = None
        if not told:
            kind = next(
                (data["synsets"][w][0] for w in chain if data["synsets"][w][0] in builtin), None
            )
            kind = kind or plain(chain)
        kinds.setdefault(cls["name"], set()).add(kind)
    return {name: next(iter(held)) if len(held) == 1 else None for name, held in kinds.items()}


# A WordNet group holding more of the 1,000 classes says nothing of what a class is:
# "instrumentality" (358), "artifact", "organism", and the category words below them: "device"
# (130), "container" (100), "covering" (90), "structure" (58), "implement" (38), "protective
# covering" (27). "nail (a kind of device)" and "bucket (a kind of container)" told nothing
# the name had not: a nail is "a kind of fastener" now, a bucket is said bare. Of the groups
# said when this was 130, all holding 27 classes or more were such words, all holding 16 or
# fewer said what a thing is ("machine", "tool", "measuring instrument", "fungus"), and none
# held 17 to 26.
MOST_CLASSES = 20


def _plain_kind(data: dict[str, Any]) -> Callable[[list[str]], str | None]:
    """The nearest of a class's hypernyms (its `chain`, nearest first) with a plain name, for
    a class no built-in tag's name fits: of those holding MOST_CLASSES classes at most, not
    named in the plural (_plural), the first named plainly (plain), else the broadest
    ('toiletry' of 'perfume', 'fungus' of 'agaric'); None where every one is broader."""
    synsets: dict[str, list[str]] = data["synsets"]
    held = Counter(w for chain in data["ancestors"] for w in chain)
    senses: dict[str, list[list[Any]]] = data["senses"]
    used = {lemma for lemma, counts in senses.items() if any(n for _, n in counts)}
    # The words that end two names of several words or more: 'appliance' of 'home appliance'
    # and 'kitchen appliance'; not 'transducer', of 'electro-acoustic transducer' alone.
    heads = Counter(_head(names[0]) for names in synsets.values() if " " in names[0].strip())
    common = used | {head for head, n in heads.items() if n >= 2}

    def plain(wnid: str) -> bool | None:
        """Whether a group's name is in common use in its sense: WordNet's sense-tagged texts
        use it so ('pot', 'shoe') as often as in any other; False where they use it more in
        another ('litter' of 'stretcher' is read as rubbish, 'restraint' of 'nail' as holding
        back, 'case' of 'wallet' as an instance). A name they do not tell apart: its last word
        is in common use there or ends two names of several words ('medical instrument',
        'kitchen appliance'); None where not ('basidiomycete', 'ambystomid', 'fastener')."""
        name = synsets[wnid][0]
        counts = senses.get(name.casefold())
        if counts and any(n for _, n in counts):
            return next((n for w, n in counts if w == wnid), 0) >= max(n for _, n in counts)
        return True if _head(name) in common else None

    def kind(chain: list[str]) -> str | None:
        narrow = [
            w
            for w in chain
            if held[w] <= MOST_CLASSES and plain(w) is not False and not _plural(synsets[w][0])
        ]
        # Else the broadest: 'fungus' of 'agaric' over 'basidiomycete' (neither in the texts).
        found = next((w for w in narrow if plain(w)), narrow[-1] if narrow else None)
        return synsets[found][0] if found else None

    return kind


def _plural(name: str) -> bool:
    """Whether a group's name is a plural ('white goods', 'durables'): "dishwasher (a kind of
    white goods)" read as neither English nor a help; a singular group above it says it."""
    from phototagger.core.near_miss import english_words

    head = _head(name)
    return head.endswith("s") and not head.endswith("ss") and head[:-1] in english_words()


def _head(name: str) -> str:
    """The word a group's name ends in, which says what it is ('instrument' of 'medical
    instrument', 'piece' of 'piece of cloth')."""
    return name.partition(" of ")[0].replace("-", " ").split()[-1].casefold()


def kind_note(class_name: str) -> str | None:
    """What kind of thing the ImageNet class `class_name` is, in plain words: 'a kind of bird'
    for 'coucal'; None where the name tells ('red fox') or no plain word fits."""
    kind = _kinds().get(class_name)
    return f"a kind of {kind}" if kind else None


def with_kind(class_name: str) -> str:
    """`class_name` with kind_note in brackets where it has one: 'coucal (a kind of bird)',
    'red fox'."""
    note = kind_note(class_name)
    return f"{class_name} ({note})" if note else class_name
