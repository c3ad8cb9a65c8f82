"""What kind of thing an ImageNet class is, in plain words, where its name alone may not tell.

The tagger's class names are ImageNet's: "coucal", "kuvasz", "guenon". A user told that
"monkeys" was "Kept off coucal" could not know a coucal is a bird (walk52). kind_note says it:
the nearest of the class's WordNet hypernyms (models/wordnet_closure.json) that is named like a
built-in tag (models/vocabulary.json: the plain words the app already tags with, "bird", "dog",
"fruit", "musical instrument"), as "a kind of bird". None where the name holds one of its
hypernyms' names already ("red fox": a fox; "school bus": a bus), where no such hypernym is
(the everyday objects: "teapot", whose nearest are "vessel" and "container"), or where two
classes of the name are different kinds ("crane": a bird and a machine).
"""

from __future__ import annotations

import functools
import re

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
    kinds: dict[str, set[str | None]] = {}
    for cls, chain in zip(classes, data["ancestors"], strict=True):
        name = _words(cls["name"])
        told = any(_holds(name, _words(lemma)) for w in chain for lemma in data["synsets"][w])
        kind = None
        if not told:
            kind = next(
                (data["synsets"][w][0] for w in chain if data["synsets"][w][0] in builtin), None
            )
        kinds.setdefault(cls["name"], set()).add(kind)
    return {name: next(iter(held)) if len(held) == 1 else None for name, held in kinds.items()}


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
