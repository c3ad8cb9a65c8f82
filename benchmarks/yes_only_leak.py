"""Tags taught from yes answers alone: does a tag on random photos spread, does a real one?

Run: .venv/bin/python benchmarks/yes_only_leak.py [--seeds 2] [--random 16] [--libraries det,...]

A file keyword another program wrote by folder ('Places|Greece|Crete' on a trip's photos) is a
tag taught from yes answers with nothing visual in common; `train` checks such a tag out of fold
against the unanswered photos (core/tag_learning.py, ConceptTrainer._yes_out_of_fold) and takes
no unanswered photo for it unless its held-out yes answers rank above them
(core/tag_threshold.YesOnlyCheck.spreads). This teaches, per library and seed, in one `train` (the
product's own train_candidate and activation, on a copy of a scanned library):
- `--random` tags on random photos, 10 yes each, and `--random` / 2 on 30 random photos (12
  yes on the 60-photo library, none of 30), yes answers only;
- the real tags of benchmarks/new_tags.py (det-photos; `--no-answers 0`'s first answers: 10 yes
  drawn by new_tags.first_answers) or benchmarks/new_tags_unseen.py (the ImageNet samples).
Libraries: "det" (/work/shared/data/det-photos, 1,000 photos), "inet" (the ImageNet sample
photos in /tmp/inet/photos, 1,002), "inet300" and "inet60" (that many of them, drawn once with a
fixed seed, copied to the temp folder and scanned there).
Per tag it prints: yes answers; photos taken beyond them under the old rule (the threshold as
the training set it, with only YES_ONLY_AUC checked: "taken") and, of those, a real tag's
truly positive ones ("right"); the held-out AUC; sign (b), the
AUCs of CHANCE random sets of its size taught in its place in the same library (min-median-max,
computed where the AUC clears YES_ONLY_AUC: elsewhere nothing is taken anyway) and how many of
them reach the tag's ("≥"); the photos taken under YesOnlyCheck.spreads ("new": the same cut,
or none); sign (a), the size of its fitted class set (classes of weight > 0, "set"); sign (c),
the share of its yes answers whose class mass is above the unanswered photos' 90th percentile
("conc"); the sign the rule reads, "top": of the held-out yes answers, how many score above the
held-out unanswered photos' top share t (the share of unanswered photos the cut takes), t, and
p, the binomial chance of as many were they unanswered photos; and its base ("how"). Then per
library and kind (random 10, random 30, real) the count of tags that take unanswered photos
under the old rule and the new one, and the photos they take.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.new_tags import CACHE, scanned_library  # noqa: E402
from phototagger.paths import default_home  # noqa: E402

CHANCE = 10  # random sets per tag for sign (b)
INET = Path(os.environ.get("IMAGENET_SAMPLES", "/tmp/inet/photos"))


def library_home(name: str) -> Path:
    """The scanned library `name` (see the module doc), cached in the temp folder."""
    if name == "det":
        from benchmarks.new_tags import faces_home

        return faces_home()
    from benchmarks.new_tags_unseen import library

    if name == "inet":
        return library(INET)
    size = int(name.removeprefix("inet"))
    folder = CACHE / f"inet-sample-{size}"
    if not (folder / "done").exists():
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir(parents=True)
        photos = sorted(p for p in INET.glob("n*.JPEG"))
        for photo in random.Random(size).sample(photos, size):
            shutil.copyfile(photo, folder / photo.name)
        (folder / "done").write_text("drawn\n")
    return scanned_library(folder, CACHE / f"inet-sample-{size}-home")


def real_truths(name: str, paths: list[str]) -> dict[str, np.ndarray]:
    if name == "det":
        from benchmarks.new_tags import tag_truths
    else:
        from benchmarks.new_tags_unseen import spell_as_held, tag_truths

        spell_as_held(library_home(name))  # "birds" is the files' "Birds" there
    return tag_truths(paths)


def top_of_cut(check: Any) -> tuple[int, int, float, float]:
    """Of the held-out yes answers, how many score above the held-out unanswered photos' top
    share t (the share of unanswered photos the cut takes), of how many, t, and the binomial
    chance of as many or more were they unanswered photos (YesOnlyCheck.above_cut_chance)."""
    if check is None or check.taken <= 0:
        return (0, 0, 0.0, 1.0)
    line = np.quantile(check.unanswered, 1 - check.taken)
    above = int((check.yes > line).sum())
    return (above, len(check.yes), check.taken, check.above_cut_chance)


def chance_aucs(
    trainer: Any, args: tuple[Any, ...], seed: int, j: int, draws: int = CHANCE
) -> tuple[float, ...]:
    """Sign (b), a null from the library itself: CHANCE sets of as many unanswered photos as the
    tag has yes answers, drawn at random, each taught in its place the way _plan teaches a
    yes-only tag (a class set searched from its yes answers, else its examples; the tag's own
    yes answers left out), held out by the product's own _yes_out_of_fold: their AUCs."""
    from phototagger.core.tag_threshold import yes_ranked_above

    targets, weights, rows, y, _, _, others = args
    yes = rows[y]
    if len(others) <= 2 * len(yes) or not draws:
        return ()
    rng = np.random.default_rng([seed, j])
    aucs = []
    for _ in range(draws):
        drawn = rng.choice(len(others), len(yes), replace=False)
        taught, rest = others[np.sort(drawn)], np.delete(others, drawn)
        t, w = targets.copy(), weights.copy()
        w[yes] = 0.0
        t[taught], w[taught] = 1.0, weights[yes]
        held = trainer._yes_out_of_fold(
            j, t, w, taught, np.ones(len(taught), bool), "node", None, rest
        )
        aucs.append(yes_ranked_above(*held))
    return tuple(aucs)


def teach(name: str, seed: int, count: int, chance: int = CHANCE) -> list[dict[str, Any]]:
    """One library, one seed: every tag taught in one training; a row per tag."""
    import phototagger.core.tag_learning as tag_learning
    import phototagger.core.tag_threshold as tag_threshold
    from benchmarks.new_tags import first_answers
    from phototagger.core.face_signals import face_signals
    from phototagger.core.labels import label_paths
    from phototagger.core.library import open_library
    from phototagger.core.model.activation import activate_version
    from phototagger.core.model.tagger import load_head
    from phototagger.core.retrain import train_candidate
    from phototagger.core.training_set import embeddings_of
    from phototagger.ml.engine import BACKBONE_NAME
    from phototagger.ml.trained_head import TrainedHead

    trainers: list[Any] = []
    calls: dict[int, tuple[Any, ...]] = {}
    fit, held_out = tag_learning.ConceptTrainer.fit, tag_learning.ConceptTrainer._yes_out_of_fold
    spreads = tag_threshold.YesOnlyCheck.__dict__["spreads"]

    def kept_fit(self: Any, *args: Any) -> Any:
        trainers.append(self)
        return fit(self, *args)

    def kept_held_out(self: Any, j: int, *args: Any) -> Any:
        calls.setdefault(j, args)  # the tag's own check (chance_aucs' draws come after)
        return held_out(self, j, *args)

    def restore() -> None:
        setattr(tag_learning.ConceptTrainer, "fit", fit)  # noqa: B010
        setattr(tag_learning.ConceptTrainer, "_yes_out_of_fold", held_out)  # noqa: B010
        setattr(tag_threshold.YesOnlyCheck, "spreads", spreads)  # noqa: B010

    work = Path(tempfile.mkdtemp(prefix="yes-only-leak-"))
    shutil.copytree(library_home(name), work / "home")
    os.environ["PHOTOTAGGER_HOME"] = str(work / "home")
    # Today's rule decides the threshold (the AUC line alone); the new rule is read from the
    # same checks, so both rules' outcomes come from one training.
    today = property(lambda check: check.auc >= tag_threshold.YES_ONLY_AUC)
    setattr(tag_threshold.YesOnlyCheck, "spreads", today)  # noqa: B010
    setattr(tag_learning.ConceptTrainer, "fit", kept_fit)  # noqa: B010
    setattr(tag_learning.ConceptTrainer, "_yes_out_of_fold", kept_held_out)  # noqa: B010
    try:
        with open_library(default_home()) as lib:
            ids, emb = embeddings_of(lib.db, None, BACKBONE_NAME)
            path_of = {r["id"]: str(r["path"]) for r in lib.db.query("select id, path from photos")}
            paths = [path_of[i] for i in ids]
            rng = np.random.default_rng([seed, len(paths)])
            taught: dict[str, tuple[str, np.ndarray]] = {}
            small = len(paths) < 100
            for k in range(count):
                taught[f"random10 {k}"] = (
                    "random10",
                    rng.choice(len(paths), 12 if small else 10, replace=False),
                )
            for k in range(0 if small else count // 2):
                taught[f"random30 {k}"] = ("random30", rng.choice(len(paths), 30, replace=False))
            truths = real_truths(name, paths)
            for tag, truth in truths.items():
                if truth.sum() >= 15:  # 10 yes and some left to find
                    taught[tag] = ("real", first_answers(seed, tag, paths, truth, 0)[0])
            for tag, (_, yes) in taught.items():
                label_paths(lib.db, [paths[i] for i in np.unique(yes)], add=[tag])
            started = time.perf_counter()
            result = train_candidate(lib, seed=seed)
            seconds = time.perf_counter() - started
            activate_version(lib, result.version)
            head = load_head(lib)
            assert isinstance(head, TrainedHead)
            scores = head.scores(emb, faces=face_signals(lib.db, ids))
            trainer = trainers[-1]
            restore()  # the chance draws' fits are not the tag's; the new rule reads the checks
            rows = []
            for tag, (kind, yes) in taught.items():
                j = head.tags.index(tag)
                on = scores[:, j] >= head.tag_thresholds[j]
                mine = np.zeros(len(ids), bool)
                mine[yes] = True
                check = trainer.yes_only.get(tag)
                classes = (
                    head.concepts[:, j]
                    if head.concepts is not None
                    else np.zeros(trainer.probs.shape[1])
                )
                mass = trainer.probs @ classes
                row_of = {p: r for r, p in enumerate(trainer.ids)}
                yes_rows = [row_of[ids[i]] for i in np.unique(yes)]
                rest = np.setdiff1d(np.arange(len(trainer.ids)), yes_rows)
                top = float(np.quantile(mass[rest], 0.9)) if classes.any() else np.inf
                rows.append(
                    {
                        "library": name,
                        "seed": seed,
                        "tag": tag,
                        "kind": kind,
                        "yes": int(mine.sum()),
                        "taken": int((on & ~mine).sum()),
                        # Of those, truly the tag's (a real tag's truth; none for a random one).
                        "right": int((on & ~mine & truths[tag]).sum()) if tag in truths else 0,
                        "auc": None if check is None else check.auc,
                        "chance": chance_aucs(trainer, calls[j], seed, j, chance)
                        if check is not None and check.auc >= tag_threshold.YES_ONLY_AUC
                        else (),
                        "spreads": None if check is None else check.spreads,
                        "classes": int((classes > 0).sum()),
                        "how": trainer.learned[tag].how,
                        "concentrated": float((mass[yes_rows] > top).mean()),
                        "top": top_of_cut(check),
                        "seconds": seconds,
                    }
                )
            return rows
    finally:
        restore()
        shutil.rmtree(work, ignore_errors=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seeds", type=int, default=2)
    parser.add_argument("--first-seed", type=int, default=0)
    parser.add_argument("--chance", type=int, default=CHANCE, help="random sets per tag, (b)")
    parser.add_argument("--random", type=int, default=16, help="random 10-yes tags per training")
    parser.add_argument("--libraries", default="det,inet,inet300,inet60")
    args = parser.parse_args()
    rows: list[dict[str, Any]] = []
    for name in args.libraries.split(","):
        for seed in range(args.first_seed, args.first_seed + args.seeds):
            new = teach(name, seed, args.random, args.chance)
            print(f"\n{name} seed {seed}: train {new[0]['seconds']:.1f} s", flush=True)
            print(
                f"{'tag':24} {'yes':>4} {'taken':>5} {'right':>5} {'auc':>5} {'chance':>24} "
                f"{'≥':>2} "
                f"{'new':>4} {'set':>4} {'conc':>5} {'top':>6} {'t':>5} {'p':>6} how"
            )
            for r in new:
                auc = "  -  " if r["auc"] is None else f"{r['auc']:.3f}"
                chance = ""
                if r["chance"]:
                    c = np.array(r["chance"])
                    chance = f"{c.min():.2f}-{np.median(c):.2f}-{c.max():.2f}"
                reach = sum(a >= r["auc"] for a in r["chance"]) if r["chance"] else ""
                spreads = r["taken"] > 0 and r["spreads"] is not False
                r["new_taken"] = r["taken"] if spreads else 0
                print(
                    f"{r['tag'][:24]:24} {r['yes']:4} {r['taken']:5} {r['right']:5} {auc:>5} "
                    f"{chance:>24} "
                    f"{reach!s:>2} {r['new_taken']:4} {r['classes']:4} {r['concentrated']:5.2f} "
                    f"{r['top'][0]:2}/{r['top'][1]:<3} {r['top'][2]:5.3f} {r['top'][3]:6.4f} "
                    f"{r['how']}",
                    flush=True,
                )
            rows += new
    print("\nTags that take unanswered photos (today's AUC line / YesOnlyCheck.spreads), per kind:")
    for name in args.libraries.split(","):
        for kind in ("random10", "random30", "real"):
            sel = [r for r in rows if r["library"] == name and r["kind"] == kind]
            if not sel:
                continue
            today = sum(r["taken"] > 0 for r in sel)
            new = sum(r["new_taken"] > 0 for r in sel)
            print(
                f"{name:8} {kind:9} {len(sel):3} tags: {today:3} / {new:3} spread; photos "
                f"taken {sum(r['taken'] for r in sel)} / {sum(r['new_taken'] for r in sel)}"
            )


if __name__ == "__main__":
    main()
