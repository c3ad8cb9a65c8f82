"""How a yes-only tag's widening (core/concepts._widened_for_yes_only) does, by its ADDED_LIFT
bound, when the answers are drawn from a WordNet node and that node is the truth.

Run: .venv/bin/python benchmarks/yes_only_widening.py [FOLDER] [--seeds 3]
[--shares 0,0.25,0.5] [--bounds 0,0.25,0.5,0.75,1]

FOLDER: ImageNet's sample photos, one per class, as benchmarks/monkeys.py reads them (and scans
them into the same cached library). Per WordNet node of 12-300 classes that is no top level
(concepts.wide_nodes), --seeds draws of 10 yes answers among the node's photos; the class set
fit_concept finds for them alone, with the library given; the photos tagged are the unanswered
ones with a mass of 0.5 or more in the set. Per --shares, the node's photos are repeated until
they are about that share of the library (0: as they are): keys36's "concert" was taught on
instruments that were half its library, where the widening's bound in the node's own mass
(WIDER_MASS) let in a fifth of the library. Per bound (0 is the rule without it), photos tagged
of the node (repeats counted) and not of it, summed over the draws; then each draw some bound
decides otherwise: per bound, the set and the photos it tags of the node / not.
These photos come from ImageNet, which the backbone was trained on; the node the answers are
drawn from is one reading of a yes-only user (benchmarks/monkeys.py takes the other: a wider
kin than the answers show).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.monkeys import parse_with_folder, scanned  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=int, default=3)
    parser.add_argument("--shares", default="0,0.25,0.5")
    parser.add_argument("--bounds", default="0,0.25,0.5,0.75,1")
    args, folder = parse_with_folder(parser)
    import sqlite_utils

    from phototagger.core import concepts, wordnet
    from phototagger.core.training_set import embeddings_of
    from phototagger.ml.engine import BACKBONE_NAME
    from phototagger.ml.heads import load_default_head

    db = sqlite_utils.Database(scanned(folder) / "data" / "library.db")
    ids, embeddings = embeddings_of(db, None, BACKBONE_NAME)
    probs = load_default_head().imagenet_probabilities(embeddings)
    path_of = {r["id"]: Path(r["path"]).name for r in db.query("select id, path from photos")}
    _, classes = wordnet.closure()
    column = {c["wnid"]: i for i, c in enumerate(classes)}
    kind = np.array([column[path_of[i].split("_", 1)[0]] for i in ids])
    index = concepts.load_concepts()
    wide = concepts._wide_columns(index)
    sizes = index.members.sum(axis=0)
    nodes = [k for k in range(len(index.wnids)) if not wide[k] and 12 <= sizes[k] <= 300]
    bounds = [float(b) for b in args.bounds.split(",")]
    for share in (float(s) for s in args.shares.split(",")):
        rng = np.random.default_rng(0)
        right = dict.fromkeys(bounds, 0)
        wrong = dict.fromkeys(bounds, 0)
        told: list[str] = []
        for k in nodes:
            inside = index.members[kind, k] > 0
            rows = np.arange(len(ids))
            if share:
                times = int(np.ceil(share * (~inside).sum() / ((1 - share) * inside.sum())))
                rows = np.r_[rows[~inside], np.repeat(rows[inside], max(times, 1))]
            library, truth = probs[rows], inside[rows]
            for seed in range(args.seeds):
                yes = rng.choice(np.flatnonzero(inside), 10, replace=False)
                open_ = ~np.isin(rows, yes)
                said = {}
                for bound in bounds:
                    concepts.ADDED_LIFT = bound
                    fit = concepts.fit_concept(probs[yes], np.ones(10, bool), library)
                    if fit is None:
                        said[bound] = ("none", 0, 0)
                        continue
                    tagged = (library @ fit.classes >= 0.5) & open_
                    said[bound] = (
                        " + ".join(fit.names),
                        int((tagged & truth).sum()),
                        int((tagged & ~truth).sum()),
                    )
                    right[bound] += said[bound][1]
                    wrong[bound] += said[bound][2]
                if len({s[0] for s in said.values()}) > 1:
                    each = "; ".join(f"{b:g}: {n} {r}/{w}" for b, (n, r, w) in said.items())
                    told.append(f"  {index.names[k]} (draw {seed}): {each}")
        print(f"node's photos {share:.0%} of the library" if share else "the library as it is")
        for bound in bounds:
            print(f"  bound {bound:g}: tagged {right[bound]} of the node, {wrong[bound]} not")
        print("\n".join(told))


if __name__ == "__main__":
    main()
