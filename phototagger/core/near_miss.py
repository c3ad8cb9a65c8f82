"""A name that is no word, a key or two from a tag: 'trian' for 'train', 'frut' for 'fruit',
'pizz' for 'pizza', 'seasid' for 'seaside', 'vehical' for 'vehicle'.

"Did you mean" (review, scores, search: a name that is no tag) reads such a name as the tag.
Whether a name is a word decides it, not the letters: 'trian' is 'train' with two letters swapped
as 'diary' is 'dairy', 'frut' is 'fruit' less a letter as 'spot' is 'sport', 'pizz' is 'pizza'
less its last as 'boa' is 'boat'. A word of English (one of WordNet's 77,197 one-word lemmas,
models/english_words.txt, built by packaging/build_wordnet.py) is a word of its own and never a
near miss: 'cart', 'spot', 'boa', 'ear', 'fountain', 'diary', 'fog', 'god', 'gran'.
"""

from __future__ import annotations

import functools
import re

from phototagger import paths

# Two slips in a name of this length or more ('vehical' for 'vehicle'); one below it.
TWO_SLIPS_LENGTH = 7
_LETTERS = re.compile(r"[^\W\d_]+")


@functools.cache
def english_words() -> frozenset[str]:
    """WordNet's one-word lemmas (lower case, a-z, 3 letters or more); empty if not shipped."""
    try:
        text = (paths.models_data_dir() / "english_words.txt").read_text("utf-8")
    except OSError:
        return frozenset()
    return frozenset(text.split())


def _is_word(run: str) -> bool:
    words = english_words()
    if len(run) < 3 or not run.isascii() or run in words:
        return True
    for suffix, replacement in (("ies", "y"), ("es", ""), ("s", ""), ("ed", ""), ("ing", "")):
        if run.endswith(suffix) and run[: -len(suffix)] + replacement in words:
            return True
    return False


def is_wordlike(name: str) -> bool:
    """Whether each run of letters in `name` (casefolded) is a word of English, or too short or
    not a-z to tell ('Ümit', 'tv'): such a name is meant as it is."""
    return all(_is_word(run) for run in _LETTERS.findall(name.casefold()))


def slips_apart(one: str, other: str, most: int) -> int | None:
    """Keys typed wrong between two names (a letter changed, left out or added, two neighbours
    swapped: the optimal string alignment distance), or None when more than `most`."""
    if abs(len(one) - len(other)) > most:
        return None
    before: list[int] = []
    row = list(range(len(other) + 1))
    for i, a in enumerate(one, 1):
        current = [i] + [0] * len(other)
        for j, b in enumerate(other, 1):
            current[j] = min(row[j] + 1, current[j - 1] + 1, row[j - 1] + (a != b))
            if i > 1 and j > 1 and a == other[j - 2] and one[i - 2] == b:
                current[j] = min(current[j], before[j - 2] + 1)
        before, row = row, current
        if min(row) > most:
            return None
    return row[-1] if row[-1] <= most else None


def keys_off(typed: str, name: str) -> bool:
    """Whether `typed` is `name` (3 letters or more) with one key wrong, or two in a name of
    TWO_SLIPS_LENGTH letters or more; both casefolded. A near miss when `typed` is no word
    (is_wordlike, asked once for a list of names by core/tag_admin.similar_names)."""
    if len(name) < 3 or typed == name:
        return False
    return slips_apart(typed, name, 2 if len(name) >= TWO_SLIPS_LENGTH else 1) is not None
