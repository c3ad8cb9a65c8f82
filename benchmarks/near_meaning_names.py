"""What the near-meaning note says of a new tag name beside the default tags, for every lemma of
the shipped WordNet closure and some everyday names: which default tag it points at, and by
which rule ("sense": the name means the tag in every sense WordNet gives it; "usual": in the
sense WordNet's tagged texts use it in three times in four; "holds": the name holds the tag's
words).

Run: PYTHONPATH=. .venv/bin/python benchmarks/near_meaning_names.py [--all] [NAME ...]

The library is the default tagger's alone (its 59 tags and the face detector's 'people',
'portrait', 'group', on no photo): near_meaning's choice among them is made as it makes it (a
tag of the same WordNet sense first, then the one with the most words), without a database.
Names that are a default tag, or look like one (tag_admin.similar_names), get no such note and
are left out. Without --all only the names a WordNet rule points somewhere are listed, with the
counts of the closure's lemmas each rule points anywhere; NAME... replaces the everyday names.
--lemma-tags: a library whose own tags are every lemma of the closure instead (a user's 'sofa'),
each name beside the other lemmas of its usual sense: the pairs the usual-sense rule says.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

EVERYDAY = (
    *"pets holiday kitchen beach car food java wheel coach jaguar".split(),
    *"mouse apple crane seal bat".split(),
    *"auto automobile motorcar bike cycle machine telephone creature plant".split(),
    *("kitchen things", "my dogs", "hot dog", "house cat"),
)
FACE_TAGS = ("people", "portrait", "group")


def default_tags() -> list[str]:
    from phototagger import paths

    vocabulary = json.loads((paths.models_data_dir() / "vocabulary.json").read_text("utf-8"))
    return [tag["name"] for tag in vocabulary["tags"]] + list(FACE_TAGS)


def closure_lemmas() -> list[str]:
    from phototagger import paths

    data = json.loads((paths.models_data_dir() / "wordnet_closure.json").read_text("utf-8"))
    return sorted({lemma for names in data["synsets"].values() for lemma in names}, key=str.lower)


RULES = {2: "sense", 1: "usual", 0: "holds"}  # near_meaning.EVERY_SENSE, USUAL_SENSE, HOLDS


def pointed_at(name: str, tags: list[str]) -> tuple[str, str] | None:
    """(the tag, "sense", "usual" or "holds") near_meaning would name for `name` among `tags`;
    a default tag's own name is said to be one."""
    from phototagger.core import near_meaning as nm
    from phototagger.core.tag_admin import similar_names

    if name.casefold() in {tag.casefold() for tag in tags}:
        return name, "a default tag itself: no note"
    if similar_names(name, tags):
        return None
    near = [
        (rule, len(nm._words(tag)), tag)
        for tag in tags
        if (rule := nm._rule(name, tag)) is not None
    ]
    if not near:
        return None
    rule, _, tag = max(near, key=lambda f: (f[0], f[1]))
    return tag, RULES[rule]


def lemma_tag_pairs(lemmas: list[str]) -> list[tuple[str, str]]:
    """(name, tag): each closure lemma beside each other lemma of the synset it usually means,
    as a user's own tag, where the usual-sense rule says the tag (and the every-sense rule
    does not), and the name does not look like the tag ('theatre', 'theater': that note
    instead)."""
    from phototagger.core import near_meaning as nm
    from phototagger.core.tag_admin import similar_names
    from phototagger.core.wordnet import closure

    synsets = closure()[0]["synsets"]
    wn = nm._wordnet()
    pairs = []
    for name in lemmas:
        usual = wn.usual.get(" ".join(nm._words(name)))
        for tag in synsets.get(usual, ()) if usual else ():
            if nm._words(tag) == nm._words(name) or similar_names(name, [tag]):
                continue  # the tag itself, or a lookalike of it (that note instead)
            if nm._rule(name, tag) == nm.USUAL_SENSE:
                pairs.append((name, tag))
    return pairs


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--all", action="store_true", help="list every closure lemma")
    parser.add_argument("--lemma-tags", action="store_true", help="the closure's lemmas as tags")
    parser.add_argument("names", nargs="*", help="everyday names (default: a set of them)")
    args = parser.parse_args()
    tags = default_tags()
    folded = {t.casefold() for t in tags}
    if args.lemma_tags:
        pairs = lemma_tag_pairs(closure_lemmas())
        print("closure lemmas beside a lemma of their usual sense as a tag of the user's:")
        for name, tag in pairs:
            print(f"  {name!r} -> {tag!r}")
        print(f"  {len(pairs)} pairs, {len({n for n, _ in pairs})} names")
        return
    lemmas = [n for n in closure_lemmas() if n.casefold() not in folded]
    by_rule = dict.fromkeys(RULES.values(), 0)
    print("closure lemmas the note points at a default tag:")
    for name in lemmas:
        found = pointed_at(name, tags)
        if found:
            by_rule[found[1]] += 1
        if found and (args.all or found[1] != "holds"):
            print(f"  {name!r} -> {found[0]!r} ({found[1]})")
    print(
        f"  {sum(by_rule.values())} of {len(lemmas):,} lemmas get a note: "
        + ", ".join(f"{n} by {rule}" for rule, n in by_rule.items())
    )
    print("everyday names:")
    names = args.names or EVERYDAY
    for name in names:
        found = pointed_at(name, tags)
        said = f"{found[0]!r} ({found[1]})" if found else "nothing"
        print(f"  {name!r} -> {said}")


if __name__ == "__main__":
    main()
