"""The issue's walkthrough, scripted: teach "monkeys" from 10 photos and find it on the other
primates and on nothing else.

Run: .venv/bin/python benchmarks/monkeys.py [FOLDER] [--rounds 2] [--seed 0] [--strict]

FOLDER holds photos named "<ImageNet wnid>_<name>.<ext>", such as the 1,000 photos of
github.com/EliSchwartz/imagenet-sample-images (one photo per ImageNet class; default
$IMAGENET_SAMPLES, else /tmp/inet/photos). /work/shared/data/det-photos has 5 monkeys and no other
primate, too few for this. A photo shows a primate when its class is below WordNet 'primate'
(models/wordnet_closure.json); a monkey, below 'monkey' (apes and lemurs are primates, not
monkeys). The library is scanned once into a temp folder and copied for each run.

A new user adds "monkeys" to 10 monkey photos (drawn by --seed), no rejections, and trains; then
answers the first 10 photos of `review monkeys` truthfully ("monkeys" meaning any primate),
--rounds times, training after each. With --strict, "monkeys" means monkeys only: apes and lemurs
are answered no (once review has found every monkey, nothing unanswered should be tagged). After
each training: the tag's threshold, the photos tagged, how many of the unanswered primates and
monkeys they hold, and every unanswered photo tagged that is not one (what the user would see as
wrong). A round the queue calls settled (nothing likely left to find: core/review_mix.
nothing_likely_left) says so, with the highest score among the unanswered photos.
These photos come from ImageNet, which the backbone was trained on: the default tagger knows
them better than a user's own photos, so this shows the learning rule at work on a hierarchy the
user never named, not how right a tag is on new photos (benchmarks/new_tags.py measures that).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import tempfile
import zlib
from pathlib import Path

import numpy as np

# This checkout's phototagger, not the one installed (an editable install points at another
# worktree): first, before anything imports it.
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from phototagger.store.migrations import LATEST_VERSION

REPO_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO_ROOT))
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
PRIMATE, MONKEY = "n02469914", "n02484322"
TAG, EXAMPLES, REVIEW = "monkeys", 10, 10
# Keyed by the library schema: a run of newer code upgrades the cached library it opens, and
# older code (another branch) could then no longer open it (DatabaseTooNewError).
CACHE = Path(tempfile.gettempdir()) / f"phototagger-monkeys-schema{LATEST_VERSION}"


def below(wnid: str) -> set[str]:
    """The ImageNet class wnids below WordNet node `wnid` (itself included)."""
    models = REPO_ROOT / "models"
    closure = json.loads((models / "wordnet_closure.json").read_text("utf-8"))
    classes = json.loads((models / "imagenet_classes.json").read_text("utf-8"))
    return {
        c["wnid"]
        for c, up in zip(classes, closure["ancestors"], strict=True)
        if wnid == c["wnid"] or wnid in up
    }


def scanned(folder: Path) -> Path:
    """The folder scanned into a library, once (kept in the temp folder, per folder)."""
    from benchmarks.new_tags import scanned_library

    return scanned_library(folder, CACHE / f"{zlib.crc32(str(folder.resolve()).encode()):08x}")


def parse_with_folder(parser: argparse.ArgumentParser) -> tuple[argparse.Namespace, Path]:
    """The arguments, with FOLDER, the sample photos' folder (default $IMAGENET_SAMPLES, else
    /tmp/inet/photos): an error if it is not one."""
    default = os.environ.get("IMAGENET_SAMPLES", "/tmp/inet/photos")
    parser.add_argument("folder", nargs="?", default=default)
    args = parser.parse_args()
    folder = Path(args.folder)
    if not folder.is_dir():
        parser.error(f"{folder}: no such folder (see the module's docstring for the photos)")
    return args, folder


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--strict", action="store_true", help="apes and lemurs are answered no")
    args, folder = parse_with_folder(parser)
    work = Path(tempfile.mkdtemp(prefix="monkeys-"))
    shutil.copytree(scanned(folder), work / "home")
    os.environ["PHOTOTAGGER_HOME"] = str(work / "home")
    from phototagger.core.labels import label_paths
    from phototagger.core.library import open_library
    from phototagger.core.model.activation import activate_version
    from phototagger.core.model.review import review_round
    from phototagger.core.model.tagger import load_head
    from phototagger.core.retrain import train_candidate
    from phototagger.core.training_set import embeddings_of
    from phototagger.ml.engine import BACKBONE_NAME
    from phototagger.ml.trained_head import TrainedHead
    from phototagger.paths import default_home

    primates, monkeys = below(PRIMATE), below(MONKEY)
    with open_library(default_home()) as lib:
        ids, emb = embeddings_of(lib.db, None, BACKBONE_NAME)
        path_of = {r["id"]: str(r["path"]) for r in lib.db.query("select id, path from photos")}
        paths = [path_of[i] for i in ids]
        wnid = [Path(p).name.split("_", 1)[0] for p in paths]
        names = [Path(p).stem.split("_", 1)[-1] for p in paths]
        monkey = np.array([w in monkeys for w in wnid])
        truth = monkey if args.strict else np.array([w in primates for w in wnid])
        print(f"{len(ids)} photos, {truth.sum()} primates, {monkey.sum()} of them monkeys")
        rng = np.random.default_rng(args.seed)
        yes = rng.choice(np.flatnonzero(monkey), EXAMPLES, replace=False)
        label_paths(lib.db, [paths[i] for i in yes], add=[TAG])
        answered = np.zeros(len(ids), bool)
        answered[yes] = True
        print("examples: " + ", ".join(names[i] for i in yes))
        for step in range(args.rounds + 1):
            result = train_candidate(lib, seed=args.seed)
            activate_version(lib, result.version)
            head = load_head(lib)
            assert isinstance(head, TrainedHead)
            j = list(head.tag_names).index(TAG)
            tagged = head.scores(emb)[:, j] >= head.thresholds[j]
            how = result.counts.get("learned", {}).get(TAG, {}).get("label", "kept")
            open_ = ~answered
            wrong = [names[i] for i in np.flatnonzero(tagged & ~truth & open_)]
            kind = "monkeys" if args.strict else "primates"
            print(
                f"step {step} ({answered.sum()} answers, threshold {head.thresholds[j]:.2f}): "
                f"{how}; tagged {tagged.sum()}: "
                f"{(tagged & truth & open_).sum()} of {(truth & open_).sum()} unanswered {kind} "
                f"({(tagged & monkey & open_).sum()} of {(monkey & open_).sum()} monkeys), "
                f"{len(wrong)} unanswered not {kind}{': ' + ', '.join(wrong) if wrong else ''}"
            )
            missed = [names[i] for i in np.flatnonzero(truth & open_ & ~tagged)]
            if missed:
                print(f"  unanswered {kind} not tagged: {', '.join(missed)}")
            if step == args.rounds:
                break
            queue = review_round(lib, TAG, limit=REVIEW)
            rows = [ids.index(item.photo_id) for item in queue.items]
            label_paths(lib.db, [paths[i] for i in rows if truth[i]], add=[TAG])
            label_paths(lib.db, [paths[i] for i in rows if not truth[i]], reject=[TAG])
            answered[rows] = True
            said = ", ".join(f"{names[i]} {'yes' if truth[i] else 'no'}" for i in rows)
            settled = (
                f" (nothing likely left: all under {queue.nearest:.2f})" if queue.settled else ""
            )
            print(f"  review round {step + 1}{settled}: {said}")
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
