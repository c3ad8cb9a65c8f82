"""How often a photo the review queue says "may be missed" (core/review_mix.likely_missed; it
read "likely missed" before words49) truly has the tag, for new tags taught on real photos.

Run: PYTHONPATH=. .venv/bin/python benchmarks/likely_missed.py [--seeds 3] [--tags a,b]

On /work/shared/data/det-photos, the tags of benchmarks/new_tags.py are taught as it teaches
them (10 yes and 30 no answers drawn per seed, then `train` and activation); then, per tag, on
the photos the user has not answered: those just below the tag's cut (within 5 points of it, and
not under half of it), how many truly have the tag, by how far below the cut they score, by the
cut (under 50% or not) and by their kind (likeliest ImageNet class) against the answers' kinds;
beside them, for comparison, the photos just above the cut (within 5 points over it). Then the
photos the queue's first 4 rounds (40 photos) mark so, and how many truly have the tag. The
library is benchmarks/new_tags.py's cached scan (a copy, as it makes it).

Measured (words49, 3 seeds, 7 tags): 34 of the 89 photos just below a cut had the tag (38%): 0
of 27 under a cut below 50%, 10 of the 20 within a point of the cut; 30 of the queue's 71 (42%);
just above the cut 638 of 737 (87%). No split by kind or distance reached two in three.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks import new_tags  # noqa: E402

# Bands below the cut, in points: the photos within each, and those of them truly positive.
BANDS = (0.01, 0.02, 0.03, 0.05)
QUEUED = 40  # the queue's first 4 rounds of 10
KINDS = ("yes kind", "no kind", "tagged kind", "other kind")


@dataclass
class Tagged:
    """One tag on one seed: its cut, the unanswered photos just below it (score, truly the
    tag, kind as KINDS names it) and just above it (score, truly the tag), and whether each
    photo the queue's first QUEUED say "may be missed" truly has the tag."""

    seed: int
    tag: str
    cut: float
    below: list[tuple[float, bool, str]]
    above: list[tuple[float, bool]]
    queued: list[bool]


def kind_word(kind: int, yes: set[int], no: set[int], tagged: set[int]) -> str:
    """A photo's kind against the answers': one a yes answer shows, else one a no answer
    shows, else one of a photo the tag takes, else another."""
    if kind in yes:
        return KINDS[0]
    if kind in no:
        return KINDS[1]
    return KINDS[2] if kind in tagged else KINDS[3]


def run(seed: int) -> list[Tagged]:
    """One seed: each tag taught, trained, and the photos around its cut."""
    from phototagger.core.face_signals import face_signals
    from phototagger.core.labels import label_paths
    from phototagger.core.library import open_library
    from phototagger.core.model.activation import activate_version
    from phototagger.core.model.review import review_queue
    from phototagger.core.model.tagger import load_default_head, load_head
    from phototagger.core.retrain import train_candidate
    from phototagger.core.review_mix import MISSED, likely_missed
    from phototagger.core.training_set import embeddings_of
    from phototagger.ml.engine import BACKBONE_NAME
    from phototagger.ml.trained_head import TrainedHead
    from phototagger.paths import default_home

    work = Path(tempfile.mkdtemp(prefix="likely-missed-"))
    shutil.copytree(new_tags.faces_home(), work / "home")
    os.environ["PHOTOTAGGER_HOME"] = str(work / "home")
    found: list[Tagged] = []
    try:
        with open_library(default_home()) as lib:
            ids, emb = embeddings_of(lib.db, None, BACKBONE_NAME)
            path_of = {r["id"]: str(r["path"]) for r in lib.db.query("select id, path from photos")}
            paths = [path_of[i] for i in ids]
            truth = new_tags.tag_truths(paths)
            answered = {}
            for tag in truth:
                pos, neg = new_tags.first_answers(seed, tag, paths, truth[tag])
                label_paths(lib.db, [paths[i] for i in pos], add=[tag])
                label_paths(lib.db, [paths[i] for i in neg], reject=[tag])
                answered[tag] = np.zeros(len(ids), bool)
                answered[tag][np.r_[pos, neg]] = True
            activate_version(lib, train_candidate(lib, seed=seed).version)
            head = load_head(lib)
            assert isinstance(head, TrainedHead)
            scores = head.scores(emb, faces=face_signals(lib.db, ids))
            kinds = np.argmax(load_default_head().imagenet_probabilities(emb), axis=1)
            names = list(head.tag_names)
            index_of = {p: i for i, p in enumerate(ids)}
            for tag in truth:
                j = names.index(tag)
                cut = float(head.thresholds[j])
                s, t, unanswered = scores[:, j], truth[tag], np.flatnonzero(~answered[tag])
                yes = {int(kinds[i]) for i in np.flatnonzero(answered[tag] & t)}
                no = {int(kinds[i]) for i in np.flatnonzero(answered[tag] & ~t)}
                tagged = {int(kinds[i]) for i in unanswered if s[i] >= cut}
                queue = review_queue(lib, tag, limit=QUEUED)
                found.append(
                    Tagged(
                        seed,
                        tag,
                        cut,
                        [
                            (float(s[i]), bool(t[i]), kind_word(int(kinds[i]), yes, no, tagged))
                            for i in unanswered
                            if likely_missed(float(s[i]), cut)
                        ],
                        [(float(s[i]), bool(t[i])) for i in unanswered if cut <= s[i] < cut + 0.05],
                        [bool(t[index_of[item.photo_id]]) for item in queue if item.why == MISSED],
                    )
                )
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return found


def share(found: list[bool]) -> str:
    """'34/89 (38%)': how many of the photos have the tag."""
    return f"{sum(found)}/{len(found)}" + (f" ({sum(found) / len(found):.0%})" if found else "")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=int, default=3)
    parser.add_argument("--tags", default="", help="comma-separated subset of the tags")
    args = parser.parse_args()
    if args.tags:
        wanted = {t.strip() for t in args.tags.split(",")}
        for tag in list(new_tags.TAGS):
            if tag not in wanted:
                del new_tags.TAGS[tag]
    rows = [row for seed in range(args.seeds) for row in run(seed)]
    for row in rows:
        print(
            f"seed {row.seed} {row.tag:<16} cut {row.cut:.3f}: just below "
            f"{share([t for _, t, _ in row.below])}, just above "
            f"{share([t for _, t in row.above])}, queue's first {QUEUED}: "
            f"{share(row.queued)}",
            flush=True,
        )
    below = [(s, t, k, row.cut) for row in rows for s, t, k in row.below]
    print(f"just below the cut (within 5 points, over half of it): {share([b[1] for b in below])}")
    for which in KINDS:
        print(f"  of a {which}: {share([t for _, t, k, _ in below if k == which])}")
    print(f"  under a cut below 50%: {share([t for _, t, _, cut in below if cut < 0.5])}")
    print(f"  under a cut of 50% or more: {share([t for _, t, _, cut in below if cut >= 0.5])}")
    for band in BANDS:
        within = [t for s, t, _, cut in below if s >= cut - band]
        print(f"  within {band * 100:.0f} points under the cut: {share(within)}")
    above = [t for row in rows for _, t in row.above]
    print(f"just above the cut (within 5 points over it): {share(above)}")
    queued = [q for row in rows for q in row.queued]
    print(f"the queue's first {QUEUED} per tag, said to be missed: {share(queued)}")


if __name__ == "__main__":
    main()
