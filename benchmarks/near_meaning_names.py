"""What the near-meaning note says of a new tag name beside the default tags, for every lemma of
the shipped WordNet closure and some everyday names: which default tag it points at, and by
which rule ("sense": the name means the tag in WordNet; "holds": the name holds the tag's words).

Run: PYTHONPATH=. .venv/bin/python benchmarks/near_meaning_names.py [--all] [NAME ...]

The library is the default tagger's alone (its 59 tags and the face detector's 'people',
'portrait', 'group', on no photo): near_meaning's choice among them is made as it makes it (a
tag of the same WordNet sense first, then the one with the most words), without a database.
Names that are a default tag, or look like one (tag_admin.similar_names), get no such note and
are left out. Without --all only the names the WordNet rule points somewhere are listed, each
with the count of the closure's lemmas the rule points anywhere; NAME... replaces the everyday
names.
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
    *"auto automobile motorcar bike cycle machine".split(),
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


def pointed_at(name: str, tags: list[str]) -> tuple[str, str] | None:
    """(the tag, "sense" or "holds") near_meaning would name for `name` among `tags`; a
    default tag's own name is said to be one."""
    from phototagger.core import near_meaning as nm
    from phototagger.core.tag_admin import similar_names

    if name.casefold() in {tag.casefold() for tag in tags}:
        return name, "a default tag itself: no note"
    if similar_names(name, tags):
        return None
    joined = " ".join(nm._words(name))
    near = [
        (nm._one_sense(joined, " ".join(nm._words(tag))), len(nm._words(tag)), tag)
        for tag in tags
        if nm.means_nearly(name, tag)
    ]
    if not near:
        return None
    sense, _, tag = max(near, key=lambda f: (f[0], f[1]))
    return tag, "sense" if sense else "holds"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--all", action="store_true", help="list every closure lemma")
    parser.add_argument("names", nargs="*", help="everyday names (default: a set of them)")
    args = parser.parse_args()
    tags = default_tags()
    folded = {t.casefold() for t in tags}
    lemmas = [n for n in closure_lemmas() if n.casefold() not in folded]
    by_sense = 0
    print("closure lemmas the note points at a default tag:")
    for name in lemmas:
        found = pointed_at(name, tags)
        by_sense += bool(found and found[1] == "sense")
        if found and (args.all or found[1] == "sense"):
            print(f"  {name!r} -> {found[0]!r} ({found[1]})")
    print(f"  {by_sense} of {len(lemmas):,} lemmas by WordNet sense")
    print("everyday names:")
    names = args.names or EVERYDAY
    for name in names:
        found = pointed_at(name, tags)
        said = f"{found[0]!r} ({found[1]})" if found else "nothing"
        print(f"  {name!r} -> {said}")


if __name__ == "__main__":
    main()
