"""How often `train`'s base-rate warning fires, on real tags and on tags that spread.

Run: .venv/bin/python benchmarks/base_rate_warning.py [--seeds 3] [--rounds 3] [--no-monkeys]

core/version_diff.base_rate_notes warns "X would be on N photos, more than its labels suggest (at
most ~C: P yes / Q no)" with C = P / (P + Q) x the library's photos. Every training of these
benchmarks goes through the product's own train_candidate, wrapped here to read each tag the
version changes (as base_rate_notes does: a tag with answers that adds photos):
- real tags: benchmarks/new_tags.py's (det-photos, 10 yes + 30 no, then review rounds of 10
  answers, `--seeds` seeds) and benchmarks/monkeys.py's "monkeys" (any primate, the ImageNet
  sample photos; skipped with --no-monkeys or without the photos);
- tags that spread: benchmarks/yes_only_leak.py's random 10- and 30-yes tags on det-photos (one
  training per seed, under the AUC line alone, so that some take photos) beside its real tags.
Per tag and step: yes and no answers, photos the version puts it on ("after"), the ceiling C,
the library's photos truly the tag's (real tags), of the unanswered photos it takes how many
are ("right"), and whether the warning fires. Then the counts: real tag steps that fire, and
random tags that take unanswered photos that fire.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

Truths = Callable[[list[str]], dict[str, np.ndarray]]
ROWS: list[dict[str, Any]] = []


@contextmanager
def read_warnings(source: str, truths: Truths) -> Iterator[None]:
    """Every train_candidate call in the block: a row per tag it changes, into ROWS."""
    import phototagger.core.retrain as retrain

    train = retrain.train_candidate
    step = [-1]

    def logged(lib: Any, *args: Any, **kwargs: Any) -> Any:
        result = train(lib, *args, **kwargs)
        step[0] += 1
        rows = list(lib.db.query("select id, path from photos"))
        ids = [r["id"] for r in rows]
        truth = truths([str(r["path"]) for r in rows])
        pos, neg = result.counts["positives"], result.counts["negatives"]
        for c in result.changes:
            p, n = pos.get(c.tag, 0), neg.get(c.tag, 0)
            if p + n == 0 or c.added == 0:
                continue  # as base_rate_notes: nothing to say
            ceiling = p / (p + n) * len(ids)
            taken = set(c.added_ids) | set(c.kept_ids)  # unanswered photos it tags
            real = c.tag in truth
            ROWS.append(
                {
                    "source": source,
                    "tag": c.tag,
                    "step": step[0],
                    "yes": p,
                    "no": n,
                    "after": c.after,
                    "ceiling": ceiling,
                    "truth": int(truth[c.tag].sum()) if real else None,
                    "taken": len(taken),
                    "right": sum(1 for i, pid in enumerate(ids) if pid in taken and truth[c.tag][i])
                    if real
                    else None,
                    "fired": c.after > ceiling,
                }
            )
        return result

    retrain.train_candidate = logged  # type: ignore[assignment]
    try:
        yield
    finally:
        retrain.train_candidate = train


def monkeys(rounds: int) -> None:
    import benchmarks.monkeys as mk

    primates = mk.below(mk.PRIMATE)

    def truth(paths: list[str]) -> dict[str, np.ndarray]:
        return {mk.TAG: np.array([Path(p).name.split("_", 1)[0] in primates for p in paths])}

    argv = sys.argv
    sys.argv = ["monkeys.py", "--rounds", str(rounds)]
    try:
        with read_warnings("monkeys", truth):
            mk.main()
    finally:
        sys.argv = argv


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=int, default=3)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--no-monkeys", action="store_true")
    args = parser.parse_args()
    import benchmarks.new_tags as new_tags
    import benchmarks.yes_only_leak as leak

    for seed in range(args.seeds):
        with read_warnings(f"new_tags {seed}", new_tags.tag_truths):
            new_tags.run(seed, args.rounds)
    for seed in range(min(args.seeds, 2)):
        with read_warnings(f"yes_only {seed}", lambda paths: leak.real_truths("det", paths)):
            leak.teach("det", seed, 16, chance=0)
    samples = Path(os.environ.get("IMAGENET_SAMPLES", "/tmp/inet/photos"))
    if not args.no_monkeys and samples.is_dir():
        monkeys(args.rounds)
    print(
        f"\n{'source':11} {'tag':16} {'step':>4} {'yes':>3} {'no':>3} {'after':>5} "
        f"{'ceiling':>7} {'truth':>5} {'right/taken':>11} fired"
    )
    for r in ROWS:
        truth = "-" if r["truth"] is None else str(r["truth"])
        right = "-" if r["right"] is None else str(r["right"])
        print(
            f"{r['source']:11} {r['tag'][:16]:16} {r['step']:4} {r['yes']:3} {r['no']:3} "
            f"{r['after']:5} {r['ceiling']:7.0f} {truth:>5} {right + '/' + str(r['taken']):>11} "
            f"{'yes' if r['fired'] else 'no'}"
        )
    real = [r for r in ROWS if r["truth"] is not None]
    spread = [r for r in ROWS if r["truth"] is None]
    print(
        f"\nreal tag steps: {sum(r['fired'] for r in real)} of {len(real)} fire; random tags "
        f"that take unanswered photos: {sum(r['fired'] for r in spread)} of {len(spread)} fire"
    )


if __name__ == "__main__":
    main()
