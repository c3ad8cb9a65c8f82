"""Tags taught by folders: does a tag whose answers only say which folder a photo is in spread?

Run: .venv/bin/python benchmarks/folder_tags.py [--seeds 5] [--skip-dogs] [--skip-crete] [--deep]

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
