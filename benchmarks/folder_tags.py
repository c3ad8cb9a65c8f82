"""Tags taught by folders: does a tag whose answers only say which folder a photo is in spread?

Run: .venv/bin/python benchmarks/folder_tags.py [--seeds 5] [--skip-dogs] [--skip-crete]
[--skip-extra] [--deep]

A photographer keeps a folder per trip. On a library of 407 det-photos (links to
/work/shared/data/det-photos, drawn per seed) laid out in six folders, Crete (60 photos of random
kinds), WhatsApp (60 others) and Home, Family, Work and Town (the other 287), they add
"holiday Crete", say yes to every photo of Crete and no to every photo of WhatsApp, and train.
Printed per seed: the photos the new version puts the tag on (the 60 answered yes among them),
how it was learned, and the note `train` gives. The pictures cannot show a trip: every photo
past the 60 is wrong. Then the same with each side in two folders (Crete and Rhodes said yes,
WhatsApp and Screenshots no, 30 photos each), where the tag is checked folder by folder.

Then "dogs", a tag the pictures do show and a WordNet class set fits ('dog'), taught by folders
the same way: yes to every photo of a Dogs folder, no to every photo of a Cats folder. The dog
photos are det-photos' dog category and the photos the default tagger puts 'dog' on (it was
scanned once for benchmarks/new_tags.py and is kept in the temp folder); every other one of
them, by name, goes in Dogs, the rest among the other folders with 200 other photos;
Cats holds the domestic cats, lions and tigers. Printed: the unanswered dog photos the tag
finds in the other folders, and the other photos it lands on.

Then answers elsewhere besides the whole folders (fold40): per seed, one library of 407
det-photos, Crete (60 random photos), WhatsApp (60 others), Fav (2 photos of each of 10 kinds
drawn at random), and the other 30 photos of those kinds and 237 random others spread over
Home, Family, Work and Town. "trip +N" is said yes on every photo of Crete and no on every
photo of WhatsApp, then on a few random photos of the other folders one by one, as from the
review queue: "+1" to "+4" 1 yes, 1 yes 1 no, 2 yes 1 no, 2 yes 2 no; "+10 random" 10 yes and
10 no (a trip is not something the pictures show: every photo past its yes answers is
wrong). "kinds +0" is said yes on every photo of Fav and no on every photo of WhatsApp, and
"kinds +10" besides yes on 10 photos of its kinds in the other folders and no on 10 random
others there: something the pictures show, whose 20 photos of its kinds not answered are
what it should find. All trained in one run. Printed per tag and seed: the photos the
version puts it on past its yes answers (for "kinds", how many of those are its kinds' photos
not answered) and the note `train` gives.

--deep: each trained with `train --deep` (the CNN's top fine-tuned, core/retrain_deep.py).
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import sys
import tempfile
from pathlib import Path
from typing import Any

REPO_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO_ROOT))
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")

from benchmarks.new_tags import PHOTOS, category, template_home  # noqa: E402

LIBRARY = 407
TRIP = 60
OTHER_FOLDERS = ("Home", "Family", "Work", "Town")
CATS = {"domestic_cat", "lion", "tiger"}
DOG_OTHERS = 200


def crete_layout(seed: int, split: bool = False) -> dict[str, list[Path]]:
    """Seed `seed`'s folders of det-photos for the Crete draw; `split`: the trip in two
    folders (Crete, Rhodes) and the other in two (WhatsApp, Screenshots), half each."""
    photos = sorted(PHOTOS.glob("n*.jpg"))
    drawn = random.Random(seed).sample(photos, LIBRARY)
    folders = {"Crete": drawn[:TRIP], "WhatsApp": drawn[TRIP : 2 * TRIP]}
    if split:
        half = TRIP // 2
        folders = {
            "Crete": drawn[:half],
            "Rhodes": drawn[half:TRIP],
            "WhatsApp": drawn[TRIP : TRIP + half],
            "Screenshots": drawn[TRIP + half : 2 * TRIP],
        }
    rest = drawn[2 * TRIP :]
    for k, name in enumerate(OTHER_FOLDERS):
        folders[name] = rest[k :: len(OTHER_FOLDERS)]
    return folders


def linked(root: Path, folders: dict[str, list[Path]]) -> None:
    for name, photos in folders.items():
        (root / name).mkdir(parents=True)
        for photo in photos:
            (root / name / photo.name).symlink_to(photo)


def taught(
    folders: dict[str, list[Path]],
    tag: str,
    yes: list[str],
    no: list[str],
    engine: Any,
    deep: bool = False,
) -> tuple[set[str], str, list[str]]:
    """`folders` linked and scanned into a new library; `tag` said yes on every photo of the
    folders `yes` and no on every photo of `no`; trained and activated. The names of the
    photos the tag is on, how it was learned, and the notes `train` would print."""
    from phototagger.core.catalog import search_photos
    from phototagger.core.labels import label_paths
    from phototagger.core.library import open_library
    from phototagger.core.model.activation import activate_version
    from phototagger.core.no_answers import few_no_and_own_photos_words
    from phototagger.core.retrain import train_candidate
    from phototagger.core.scan import scan
    from phototagger.paths import default_home

    work = Path(tempfile.mkdtemp(prefix="folder-tags-"))
    try:
        linked(work / "photos", folders)
        os.environ["PHOTOTAGGER_HOME"] = str(work / "home")
        with open_library(default_home()) as lib:
            scan(lib, [str(work / "photos")], lambda: engine, batch_size=32)

            def paths(names: list[str]) -> list[str]:
                return [str(work / "photos" / f / p.name) for f in names for p in folders[f]]

            label_paths(lib.db, paths(yes), add=[tag])
            label_paths(lib.db, paths(no), reject=[tag])
            result = train_candidate(lib, deep=deep)
            activate_version(lib, result.version)
            on = {Path(p.path).name for p in search_photos(lib.db, [tag])}
        how = result.counts.get("learned", {}).get(tag, {}).get("label", "?")
        warnings, notes = few_no_and_own_photos_words(result.counts)
        return on, str(how), [*warnings, *notes]
    finally:
        shutil.rmtree(work, ignore_errors=True)


KINDS = 10  # the kinds of the visual tag of the answers-elsewhere case
# Per tag of the answers-elsewhere case: its yes folder (its "no" folder is WhatsApp), and its
# yes and "no" answers on photos of the other folders: the yes ones of its kinds where True,
# random others where False.
ELSEWHERE = {
    "trip +0": ("Crete", 0, 0, False),
    "trip +1": ("Crete", 1, 0, False),
    "trip +2": ("Crete", 1, 1, False),
    "trip +3": ("Crete", 2, 1, False),
    "trip +4": ("Crete", 2, 2, False),
    "trip +10 random": ("Crete", 10, 10, False),
    "kinds +0": ("Fav", 0, 0, True),
    "kinds +10": ("Fav", 10, 10, True),
}


def extra_layout(seed: int) -> tuple[dict[str, list[Path]], set[str]]:
    """Seed `seed`'s folders for the answers-elsewhere case: Crete and WhatsApp (TRIP random
    photos each), Fav (2 photos of each of KINDS kinds drawn at random), the other photos of
    those kinds and random others (LIBRARY in all) in the other folders. The kinds' photos."""
    photos = sorted(PHOTOS.glob("n*.jpg"))
    rng = random.Random(seed)
    kinds = set(rng.sample(sorted({category(p.name) for p in photos}), KINDS))
    mine = [p for p in photos if category(p.name) in kinds]
    fav = [p for k in sorted(kinds) for p in [q for q in mine if category(q.name) == k][:2]]
    drawn = rng.sample([p for p in photos if p not in mine], LIBRARY - len(mine))
    rest = drawn[2 * TRIP :] + [p for p in mine if p not in fav]
    rng.shuffle(rest)
    folders = {"Crete": drawn[:TRIP], "WhatsApp": drawn[TRIP : 2 * TRIP], "Fav": fav}
    for k, name in enumerate(OTHER_FOLDERS):
        folders[name] = rest[k :: len(OTHER_FOLDERS)]
    return folders, {p.name for p in mine}


def answered_elsewhere(
    folders: dict[str, list[Path]], mine: set[str], seed: int
) -> dict[str, tuple[list[Path], list[Path]]]:
    """Per tag of ELSEWHERE, its yes and its "no" answers in the other folders."""
    others = [p for f in OTHER_FOLDERS for p in folders[f]]
    kind = [p for p in others if p.name in mine]
    plain = [p for p in others if p.name not in mine]
    rng = random.Random(seed + 1000)
    found = {}
    for tag, (_, yes, no, of_kind) in ELSEWHERE.items():
        said_yes = rng.sample(kind if of_kind else plain, yes)
        said_no = rng.sample([p for p in plain if p not in said_yes], no)
        found[tag] = (said_yes, said_no)
    return found


def taught_elsewhere(
    folders: dict[str, list[Path]],
    answers: dict[str, tuple[list[Path], list[Path]]],
    engine: Any,
    deep: bool = False,
) -> tuple[dict[str, set[str]], list[str]]:
    """`folders` linked and scanned into a new library; each tag of `answers` said yes on every
    photo of Crete and no on every photo of WhatsApp, then yes and no on its own photos
    elsewhere; trained once and activated. Per tag, the names of the photos it is on; and the
    notes `train` would print."""
    from phototagger.core.catalog import search_photos
    from phototagger.core.labels import label_paths
    from phototagger.core.library import open_library
    from phototagger.core.model.activation import activate_version
    from phototagger.core.no_answers import few_no_and_own_photos_words
    from phototagger.core.retrain import train_candidate
    from phototagger.core.scan import scan
    from phototagger.paths import default_home

    work = Path(tempfile.mkdtemp(prefix="folder-tags-extra-"))
    try:
        linked(work / "photos", folders)
        os.environ["PHOTOTAGGER_HOME"] = str(work / "home")

        def path(folder: str, photo: Path) -> str:
            return str(work / "photos" / folder / photo.name)

        where = {p.name: f for f, photos in folders.items() for p in photos}
        with open_library(default_home()) as lib:
            scan(lib, [str(work / "photos")], lambda: engine, batch_size=32)
            tags = list(answers)
            for folder in ("Crete", "Fav"):
                told = [t for t in tags if ELSEWHERE[t][0] == folder]
                label_paths(lib.db, [path(folder, p) for p in folders[folder]], add=told)
            label_paths(lib.db, [path("WhatsApp", p) for p in folders["WhatsApp"]], reject=tags)
            for tag, (yes, no) in answers.items():
                if yes:
                    label_paths(lib.db, [path(where[p.name], p) for p in yes], add=[tag])
                if no:
                    label_paths(lib.db, [path(where[p.name], p) for p in no], reject=[tag])
            result = train_candidate(lib, deep=deep)
            activate_version(lib, result.version)
            on = {t: {Path(p.path).name for p in search_photos(lib.db, [t])} for t in tags}
        warnings, notes = few_no_and_own_photos_words(result.counts)
        return on, [*warnings, *notes]
    finally:
        shutil.rmtree(work, ignore_errors=True)


def elsewhere_case(seeds: int, engine: Any, deep: bool) -> None:
    """The answers-elsewhere case (module doc), printed per seed and tag, then per tag."""
    past: dict[str, list[int]] = {t: [] for t in ELSEWHERE}
    for seed in range(seeds):
        folders, mine = extra_layout(seed)
        answers = answered_elsewhere(folders, mine, seed)
        on, notes = taught_elsewhere(folders, answers, engine, deep)
        for tag, (yes, no) in answers.items():
            said = {p.name for p in folders[ELSEWHERE[tag][0]]} | {p.name for p in yes}
            added = on[tag] - said
            past[tag].append(len(added))
            found = ""
            if ELSEWHERE[tag][3]:
                left = mine - said
                found = f", {len(added & left)} of the {len(left)} photos of its kinds not answered"
            elif 0 < len(added) < 5:
                found = f" ({', '.join(sorted(added))})"
            print(
                f"seed {seed}: '{tag}' ({len(yes)} yes, {len(no)} no elsewhere): on "
                f"{len(on[tag])} photos, {len(added)} past its {len(said)} yes answers{found}",
                flush=True,
            )
        for words in notes:
            print(f"  note: {words}", flush=True)
    for tag, counts in past.items():
        print(f"'{tag}': photos past its yes answers, per seed: {counts}")


def dog_photos() -> set[str]:
    """det-photos' dog category and the photos the default tagger puts 'dog' on, by name, read
    from a copy of benchmarks/new_tags.py's scanned library."""
    from phototagger.core.catalog import search_photos
    from phototagger.core.library import open_library
    from phototagger.paths import default_home

    work = Path(tempfile.mkdtemp(prefix="folder-tags-dogs-"))
    try:
        shutil.copytree(template_home(), work / "home")
        os.environ["PHOTOTAGGER_HOME"] = str(work / "home")
        with open_library(default_home()) as lib:
            tagged = {Path(p.path).name for p in search_photos(lib.db, ["dog"])}
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return tagged | {p.name for p in PHOTOS.glob("n*.jpg") if category(p.name) == "dog"}


def dogs_layout(dogs: set[str]) -> tuple[dict[str, list[Path]], set[str]]:
    """The Dogs/Cats layout and the dog photos left in the other folders."""
    photos = sorted(PHOTOS.glob("n*.jpg"))
    in_dogs = set(sorted(dogs)[::2])
    cats = [p for p in photos if category(p.name) in CATS and p.name not in dogs]
    rest = [p for p in photos if category(p.name) not in CATS and p.name not in dogs]
    others = random.Random(0).sample(rest, DOG_OTHERS) + [
        p for p in photos if p.name in dogs - in_dogs
    ]
    folders = {"Dogs": [p for p in photos if p.name in in_dogs], "Cats": cats}
    for k, name in enumerate(OTHER_FOLDERS):
        folders[name] = others[k :: len(OTHER_FOLDERS)]
    return folders, dogs - in_dogs


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seeds", type=int, default=5)
    parser.add_argument("--skip-dogs", action="store_true")
    parser.add_argument("--skip-crete", action="store_true")
    parser.add_argument("--skip-extra", action="store_true", help="no answers-elsewhere case")
    parser.add_argument("--deep", action="store_true", help="train --deep instead")
    args = parser.parse_args()
    dogs = set() if args.skip_dogs else dog_photos()
    from phototagger.ml.engine import load_engine
    from phototagger.paths import default_home

    engine = load_engine("auto", weights_cache=default_home().weights_cache)
    for split in (False, True):
        trip = ["Crete", "Rhodes"] if split else ["Crete"]
        other = ["WhatsApp", "Screenshots"] if split else ["WhatsApp"]
        spread = []
        for seed in range(0 if args.skip_crete else args.seeds):
            folders = crete_layout(seed, split)
            on, how, notes = taught(folders, "holiday Crete", trip, other, engine, args.deep)
            crete = {p.name for f in trip for p in folders[f]}
            spread.append(len(on - crete))
            print(
                f"seed {seed}: 'holiday Crete' yes in {' + '.join(trip)}, no in "
                f"{' + '.join(other)}: on {len(on)} photos ({len(on & crete)} of the "
                f"{len(crete)} said yes, {len(on - crete)} others) | {how}",
                flush=True,
            )
            for words in notes:
                print(f"  note: {words}", flush=True)
        if spread:
            print(f"photos past its yes answers, per seed ({' + '.join(trip)}): {spread}")
    if not args.skip_extra:
        elsewhere_case(args.seeds, engine, args.deep)
    if args.skip_dogs:
        return
    folders, elsewhere = dogs_layout(dogs)
    on, how, notes = taught(folders, "dogs", ["Dogs"], ["Cats"], engine, args.deep)
    answered = {p.name for p in folders["Dogs"] + folders["Cats"]}
    found, wrong = on & elsewhere, on - answered - elsewhere
    print(
        f"'dogs' ({len(folders['Dogs'])} yes in Dogs, {len(folders['Cats'])} no in Cats): on "
        f"{len(found)} of the {len(elsewhere)} dog photos in other folders, {len(wrong)} other "
        f"photos ({', '.join(sorted(wrong)) or 'none'}) | {how}"
    )
    for words in notes:
        print(f"  note: {words}")


if __name__ == "__main__":
    main()
