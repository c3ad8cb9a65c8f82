"""Correcting the tags the tagger already has: do answers that agree with a default tag keep it
as right as it was, and do answers that disagree make it better?

Run: .venv/bin/python benchmarks/corrected_tags.py [FOLDER] [--seeds 3] [--rounds 1]

FOLDER holds photos named "<ImageNet wnid>_<name>.<ext>", one per ImageNet class, such as
github.com/EliSchwartz/imagenet-sample-images (default $IMAGENET_SAMPLES, else /tmp/inet/photos;
see benchmarks/monkeys.py). There, each default tag's truth is exact: a photo has the tag when
its class is one the tag sums (models/vocabulary.json), which is what the user is simulated to
mean. Every default tag with at least MIN_PHOTOS such photos is corrected at once, as a user
who works through their tags would: 10 of its photos accepted and 30 random other photos
rejected (R on any photo), then `train` and activation; then --rounds review rounds in which the
first 10 photos of `review TAG` are answered truthfully, each followed by train + activation.
After each step, per tag, F1 on the photos not answered for it so far at the version's own
threshold, beside v1's (the default tagger, before any answer) on the same photos. The tags
without any decision are checked unchanged (their scores bit for bit).

These photos come from ImageNet, which the backbone was trained on, so v1 is better here than on
a user's own photos; what this measures is what answers do to a tag, not how right it is.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import tempfile
from pathlib import Path

import numpy as np

REPO_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO_ROOT))
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
EXAMPLES, REJECTED, REVIEW = 10, 30, 10
MIN_PHOTOS = 15  # a tag needs photos left unanswered after the examples and the rounds


def f1(tagged: np.ndarray, truth: np.ndarray, open_: np.ndarray) -> tuple[float, int, int]:
    tp = int((tagged & truth & open_).sum())
    fp = int((tagged & ~truth & open_).sum())
    fn = int((~tagged & truth & open_).sum())
    # Nothing left to find and nothing tagged: right.
    return (2 * tp / (2 * tp + fp + fn) if tp + fp + fn else 1.0), tp, fp


def main() -> None:
    from benchmarks.monkeys import parse_with_folder, scanned

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=int, default=3)
    parser.add_argument("--rounds", type=int, default=1)
    args, folder = parse_with_folder(parser)

    template = scanned(folder)
    rows: dict[str, list[list[float]]] = {}
    for seed in range(args.seeds):
        work = Path(tempfile.mkdtemp(prefix="corrected-"))
        shutil.copytree(template, work / "home")
        os.environ["PHOTOTAGGER_HOME"] = str(work / "home")
        for tag, line in run(seed, args.rounds).items():
            rows.setdefault(tag, []).append(line)
        shutil.rmtree(work, ignore_errors=True)
    steps = ["10 + 30"] + [f"round {r + 1}" for r in range(args.rounds)]
    print(
        f"\nF1 on the photos not answered for the tag at that step, mean over {args.seeds} "
        "seeds: v1 (the default tagger) -> the version trained on the answers so far"
    )
    print(f"{'tag':14s} " + " ".join(f"{s:>13s}" for s in steps))
    table = np.array([np.mean(v, axis=0) for v in rows.values()])
    for tag, line in [*zip(rows, table, strict=True), ("mean", table.mean(axis=0))]:
        cells = [f"{line[2 * i]:.2f} -> {line[2 * i + 1]:.2f}" for i in range(len(steps))]
        print(f"{tag:14s} " + " ".join(f"{c:>13s}" for c in cells))
    worse = [t for t, m in zip(rows, table, strict=True) if m[1] < m[0] - 0.02]
    print("tags worse after 10 + 30 than v1 by over 0.02: " + (", ".join(worse) or "none"))


def run(seed: int, rounds: int) -> dict[str, list[float]]:
    from phototagger.core.labels import label_paths
    from phototagger.core.library import open_library
    from phototagger.core.model.activation import activate_version
    from phototagger.core.model.review import review_queue
    from phototagger.core.model.tagger import load_head
    from phototagger.core.retrain import train_candidate
    from phototagger.core.training_set import embeddings_of
    from phototagger.ml.engine import BACKBONE_NAME
    from phototagger.ml.trained_head import TrainedHead
    from phototagger.ml.vocabulary import load_vocabulary
    from phototagger.paths import default_home
    from phototagger.store.tags import user_decisions

    classes = json.loads((REPO_ROOT / "models" / "imagenet_classes.json").read_text("utf-8"))
    index = {c["wnid"]: c["index"] for c in classes}
    result: dict[str, list[float]] = {}
    with open_library(default_home()) as lib:
        ids, emb = embeddings_of(lib.db, None, BACKBONE_NAME)
        path_of = {r["id"]: str(r["path"]) for r in lib.db.query("select id, path from photos")}
        paths = [path_of[i] for i in ids]
        cls = np.array([index.get(Path(p).name.split("_", 1)[0], -1) for p in paths])
        v1 = load_head(lib)  # the default head (ml/heads.py): column k is vocabulary tag k
        member = load_vocabulary().membership()
        rng = np.random.default_rng(seed)
        truth: dict[str, np.ndarray] = {}
        answered: dict[str, np.ndarray] = {}
        names = v1.tag_names
        for k, tag in enumerate(names):
            t = (cls >= 0) & (member[np.maximum(cls, 0), k] > 0)
            if t.sum() < MIN_PHOTOS:
                continue
            truth[tag] = t
            yes = rng.choice(np.flatnonzero(t), EXAMPLES, replace=False)
            no = rng.choice(np.flatnonzero(~t), REJECTED, replace=False)
            label_paths(lib.db, [paths[i] for i in yes], add=[tag])
            label_paths(lib.db, [paths[i] for i in no], reject=[tag])
            a = np.zeros(len(ids), bool)
            a[yes] = a[no] = True
            answered[tag] = a
        v1_scores = v1.scores(emb)
        untouched = [k for k, t in enumerate(names) if t not in truth]
        print(f"seed {seed}: {len(truth)} default tags corrected: {', '.join(truth)}")
        lines: dict[str, list[float]] = {tag: [] for tag in truth}
        for step in range(rounds + 1):
            trained = train_candidate(lib, seed=seed)
            activate_version(lib, trained.version)
            head = load_head(lib)
            assert isinstance(head, TrainedHead)
            scores = head.scores(emb)
            # Untouched: no decision at all (a keyword read from a file is one, issue 13).
            decided = {name for _, name, _ in user_decisions(lib.db)}
            changed = [
                names[k]
                for k in untouched
                if names[k] not in decided
                and not np.array_equal(scores[:, head.tags.index(names[k])], v1_scores[:, k])
            ]
            for tag, t in truth.items():
                j, k = head.tags.index(tag), names.index(tag)
                before = f1(v1_scores[:, k] >= v1.thresholds[k], t, ~answered[tag])[0]
                score, tp, fp = f1(scores[:, j] >= head.thresholds[j], t, ~answered[tag])
                lines[tag] += [before, score]
                if score < before - 0.02:
                    print(
                        f"  {tag}: v1 {before:.2f} -> {score:.2f} (tp {tp}, fp {fp}, "
                        f"threshold {v1.thresholds[k]:.2f} -> {head.thresholds[j]:.2f})"
                    )
            print(f"  step {step}: tags without any decision changed: {changed or 'none'}")
            if step == rounds:
                break
            for tag, t in truth.items():
                rows = [ids.index(item.photo_id) for item in review_queue(lib, tag, limit=REVIEW)]
                label_paths(lib.db, [paths[i] for i in rows if t[i]], add=[tag])
                label_paths(lib.db, [paths[i] for i in rows if not t[i]], reject=[tag])
                answered[tag][rows] = True
        result = lines
    return result


if __name__ == "__main__":
    main()
