"""Would the library itself lift the taught tags that miss their targets? Transductive learning
over the library's photos, measured against the tags as the product learns them.

Run: .venv/bin/python benchmarks/transductive.py [--seeds 10] [--unseen-seeds 5] [FOLDER]
(FOLDER: the ImageNet sample photos of benchmarks/new_tags_unseen.py; without them, or with
--unseen-seeds 0, det-photos only). About 20 s per seed: det-photos' 10 seeds took 157 s, the
samples' 5 took 95 s (2 shared cores, load 1-5).

A tag is only ever applied to the user's library and to the photos scanned next, and the whole
library is there when a version is trained: a learner may use the photos nobody answered
(transductive learning). The idea measured here: spread the user's answers over the library's
k-nearest-neighbour graph (label spreading, Zhou et al. 2004, "Learning with local and global
consistency"; yes +1/n_yes, no -1/n_no, F = (1 - alpha)(I - alpha S)^-1 Y, S the symmetrically
normalised cosine kNN graph) and blend it with the version's own score: logit(score) + w * sd *
F (F standardised over the unanswered photos, sd the spread of the version's logits there).

Each seed runs benchmarks/new_tags.run (det-photos, then the ImageNet samples): 10 yes + 30 no
per tag, then 3 review rounds of 10 answers from the product's own queue, train + activate after
each. At every step it keeps, per tag, the version's scores of every photo and the inputs of its
threshold (core/tag_threshold.py: the chosen candidate's out-of-fold scores of the answers and
of the unanswered photos). Offline, per step and tag, on the photos unanswered at that step:
- product: the version as it is (AP, F1 at the best threshold, F1 at its own threshold);
- spread, w 0.5: the blend at a fixed weight, its threshold from tag_threshold fed the blend's
  own out-of-fold scores (the answers' label spreading from the other folds' answers), as the
  product places any cut;
- spread, chosen: the weight (0, 0.25, 0.5, 1, 2) chosen out of fold as the product chooses a
  tag's base: a larger weight only if its out-of-fold AP is clearly better
  (core/candidate_choice.clearly_better, margin 0.05), then the same threshold;
- close, w 0.5 / close, chosen: the same on a graph of close photos only (the kNN edges of a
  similarity of at least 0.7: on det-photos 85 % of them join photos of one kind, while most
  of a photo's 10 neighbours are of other kinds, 5 photos a kind), chosen with no margin beyond
  clearly_better's standard error;
- correct: the residuals of the version's out-of-fold scores on its answers spread instead
  (the "correct" step of Huang et al. 2020, "Combining label propagation and simple models
  out-performs graph neural networks"), added at a fixed 64 x (of 16, 64 and 256 on
  det-photos, the one with the largest gains for the smallest costs), with the same threshold.
The graph is on the ImageNet probabilities (Hellinger: the cosine of their square roots), k 10,
alpha 0.9: of 8 graphs (k 10/30, alpha 0.9/0.99, Hellinger or standardised-embedding), one of
the two whose blends raised det-photos' F1 at the best threshold most over all tags and steps.
The review answers are the product's queue's: a blend that changed the queue would be asked
other photos; that is not simulated.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import os
import shutil
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np

REPO_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO_ROOT))
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")

NEIGHBOURS = 10
ALPHA = 0.9
CLOSE = 0.7  # the "close" graph keeps the kNN edges of at least this similarity
WEIGHTS = (0.25, 0.5, 1.0, 2.0)
CORRECT_SCALE = 64.0
FOLDS = 5
# name: (graph, weight (a number, or "chosen" out of fold with that margin), residual?)
VARIANTS: dict[str, tuple[str, float | tuple[str, float], bool]] = {
    "spread, w 0.5": ("kNN", 0.5, False),
    "spread, chosen": ("kNN", ("chosen", 0.05), False),
    "close, w 0.5": ("close", 0.5, False),
    "close, chosen": ("close", ("chosen", 0.0), False),
    "correct": ("kNN", CORRECT_SCALE, True),
}


@contextlib.contextmanager
def recorded() -> Iterator[dict[str, list[Any]]]:
    """While open: the benchmark's evaluate calls (scores, threshold, answered), the final fit
    of every training (per tag: its answers' photo ids, the unanswered photos' ids and
    tag_threshold's arguments), recorded in the dict it yields."""
    import benchmarks.new_tags as nt
    from phototagger.core import tag_learning as tl

    record: dict[str, list[Any]] = {"scores": [], "fits": []}
    evaluate, fit, plan, threshold = (
        nt.evaluate,
        tl.ConceptTrainer.fit,
        tl.ConceptTrainer._plan,
        tl.tag_threshold,
    )
    current: dict[str, list[Any]] = {"plans": [], "thresholds": []}

    def evaluating(truth: np.ndarray, scores: np.ndarray, cut: float, unseen: np.ndarray) -> Any:
        record["scores"].append((scores.copy(), float(cut), ~unseen))
        return evaluate(truth, scores, cut, unseen)

    def fitting(self: Any, mask: np.ndarray, *args: Any) -> Any:
        current["plans"], current["thresholds"] = [], []
        result = fit(self, mask, *args)
        if mask.all():  # the saved fit (not the validation run's)
            ids = np.array(self.ids)
            record["fits"].append(
                {
                    p.tag: {
                        "rows": ids[p.rows],
                        "others": ids[np.flatnonzero(mask & ~p.decided)],
                        **t,
                    }
                    for p, t in zip(current["plans"], current["thresholds"], strict=True)
                }
            )
        return result

    def planning(self: Any, *args: Any) -> Any:
        current["plans"].append(plan(self, *args))
        return current["plans"][-1]

    def thresholding(*args: Any, **kwargs: Any) -> float:
        names = ("current", "known", "y", "weights", "held_out", "unlabelled_total", "examples")
        given = dict(zip(names, args, strict=False))
        given["final_unlabelled"] = args[7] if len(args) > 7 else kwargs.get("final_unlabelled")
        given["same_scale"] = kwargs.get("same_scale", False)
        given["final_labelled"] = kwargs.get("final_labelled")
        current["thresholds"].append(given)
        return threshold(*args, **kwargs)

    nt.evaluate = evaluating  # type: ignore[assignment]
    tl.ConceptTrainer.fit = fitting  # type: ignore[method-assign,assignment]
    tl.ConceptTrainer._plan = planning  # type: ignore[method-assign,assignment]
    tl.tag_threshold = thresholding
    try:
        yield record
    finally:
        nt.evaluate = evaluate
        tl.ConceptTrainer.fit = fit  # type: ignore[method-assign]
        tl.ConceptTrainer._plan = plan  # type: ignore[method-assign]
        tl.tag_threshold = threshold


def probabilities(home: Path) -> tuple[np.ndarray, np.ndarray]:
    """(photo ids, ImageNet probabilities) of the scanned library `home`, in run()'s order."""
    from phototagger.core.library import open_library
    from phototagger.core.model.tagger import load_default_head
    from phototagger.core.training_set import embeddings_of
    from phototagger.ml.engine import BACKBONE_NAME
    from phototagger.paths import default_home

    work = Path(tempfile.mkdtemp(prefix="transductive-"))
    shutil.copytree(home, work / "home")
    os.environ["PHOTOTAGGER_HOME"] = str(work / "home")
    try:
        with open_library(default_home()) as lib:
            ids, emb = embeddings_of(lib.db, None, BACKBONE_NAME)
        return np.array(ids), load_default_head().imagenet_probabilities(emb)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def spreading(probs: np.ndarray, floor: float = 0.0) -> np.ndarray:
    """(1 - ALPHA)(I - ALPHA S)^-1 for the library's Hellinger kNN graph, without the edges
    of a similarity under `floor`."""
    unit = np.sqrt(probs)
    unit /= np.linalg.norm(unit, axis=1, keepdims=True)
    similar = unit @ unit.T
    np.fill_diagonal(similar, -np.inf)
    near = np.argpartition(-similar, NEIGHBOURS, axis=1)[:, :NEIGHBOURS]
    rows = np.repeat(np.arange(len(probs)), NEIGHBOURS)
    w = np.zeros_like(similar)
    w[rows, near.ravel()] = np.maximum(similar[rows, near.ravel()], 0)
    w = np.maximum(w, w.T)
    w[w < floor] = 0.0
    d = np.sqrt(np.maximum(w.sum(axis=1), 1e-12))
    return (1 - ALPHA) * np.linalg.inv(np.eye(len(w)) - ALPHA * w / d[:, None] / d[None, :])


def _logit(p: np.ndarray) -> np.ndarray:
    p = np.clip(p, 1e-6, 1 - 1e-6)
    return np.asarray(np.log(p / (1 - p)))


def _sigmoid(z: np.ndarray) -> np.ndarray:
    return np.asarray(1 / (1 + np.exp(-np.clip(z, -30, 30))))


def variants(
    graphs: dict[str, np.ndarray],
    fit: dict[str, Any],
    rows: np.ndarray,
    others: np.ndarray,
    scores: np.ndarray,
) -> dict[str, tuple[np.ndarray, float]]:
    """Per variant (VARIANTS): its scores of every photo and its threshold, from the version's
    `scores` and its final fit's threshold inputs `fit` (answers at the library rows `rows`,
    unanswered photos at `others`); `graphs`: per graph, its spreading matrix."""
    from phototagger.core.candidate_choice import clearly_better
    from phototagger.core.tag_threshold import tag_threshold

    y = fit["y"]
    held_labels, held_others = (_logit(s) for s in fit["held_out"])
    # Stratified folds of the answers for the spread's own out-of-fold scores.
    fold = np.zeros(len(rows), int)
    for group in (y, ~y):
        fold[np.flatnonzero(group)] = np.arange(int(group.sum())) % FOLDS

    def spread_of(graph: str, labelled: np.ndarray, residual: bool) -> np.ndarray:
        seeds = np.zeros(len(scores))
        if residual:  # the version's honest errors on its answers
            seeds[rows[labelled]] = y[labelled] - fit["held_out"][0][labelled]
            return graphs[graph] @ seeds
        yes, no = rows[labelled & y], rows[labelled & ~y]
        seeds[yes], seeds[no] = 1 / max(len(yes), 1), -1 / max(len(no), 1)
        f = graphs[graph] @ seeds
        return (f - f[others].mean()) / (f[others].std() + 1e-12)

    logits = _logit(scores)
    sd = float(logits[others].std())
    found: dict[tuple[str, bool], tuple[np.ndarray, np.ndarray, np.ndarray]] = {}
    for graph, _, residual in VARIANTS.values():
        if (graph, residual) in found:
            continue
        full = spread_of(graph, np.ones(len(rows), bool), residual)
        on_labels, on_others = np.zeros(len(rows)), np.zeros(len(others))
        for f in range(FOLDS):
            part = spread_of(graph, fold != f, residual)
            on_labels[fold == f] = part[rows[fold == f]]
            on_others += part[others] / FOLDS
        found[(graph, residual)] = (full, on_labels, on_others)

    made = {}
    for name, (graph, weight, residual) in VARIANTS.items():
        full, on_labels, on_others = found[(graph, residual)]
        if isinstance(weight, tuple):  # chosen as the product chooses a tag's base
            chosen, best = 0.0, held_labels
            for w in WEIGHTS:
                candidate = held_labels + w * sd * on_labels
                if clearly_better(y, candidate, best, weight[1]):
                    chosen, best = w, candidate
            if not chosen:
                made[name] = (scores, fit["threshold"])
                continue
            weight = chosen
        scale = weight if residual else weight * sd
        z = logits + scale * full
        held = (
            _sigmoid(held_labels + scale * on_labels),
            _sigmoid(held_others + scale * on_others),
        )
        cut = tag_threshold(
            fit["current"],
            fit["known"],
            y,
            fit["weights"],
            held,
            fit["unlabelled_total"],
            fit["examples"],
            _sigmoid(z[others]),
            same_scale=fit["same_scale"],
            final_labelled=_sigmoid(z[rows]),
        )
        made[name] = (_sigmoid(z), cut)
    return made


def measure(
    seed: int, home: Path, truths: Any, kind_of: Any, ids: np.ndarray, graphs: dict[str, np.ndarray]
) -> dict[tuple[str, int, str], tuple[float, float, float]]:
    """One seed of benchmarks/new_tags.run on `home`: per (tag, step, variant), AP, F1 at the
    best threshold and F1 at its own threshold on the photos unanswered at that step."""
    import benchmarks.new_tags as nt
    from phototagger.ml.metrics import average_precision, best_f1, tag_metrics

    with recorded() as record, contextlib.redirect_stdout(io.StringIO()):
        nt.run(seed, 3, home, truths, kind_of)
    index = {int(p): i for i, p in enumerate(ids)}
    paths_truth = truths_by_id(home, truths, ids)
    tags = list(paths_truth)  # run()'s order (other tags a file's keywords name are trained too)
    figures = {}
    for step, fits in enumerate(record["fits"]):
        for k, tag in enumerate(tags):
            scores, cut, answered = record["scores"][2 * (step * len(tags) + k)]  # then probe's
            fit = dict(fits[tag], threshold=cut)
            rows = np.array([index[int(p)] for p in fit["rows"]])
            others = np.array([index[int(p)] for p in fit["others"]])
            truth, unseen = paths_truth[tag], ~answered
            made = {"product": (scores, cut), **variants(graphs, fit, rows, others, scores)}
            for name, (s, t) in made.items():
                figures[(tag, step, name)] = (
                    average_precision(truth[unseen], s[unseen]),
                    best_f1(truth[unseen], s[unseen]),
                    tag_metrics(truth[unseen], s[unseen], t).f1,
                )
    return figures


def truths_by_id(home: Path, truths: Any, ids: np.ndarray) -> dict[str, np.ndarray]:
    """Per tag, which photos (`ids`, in that order) of the library `home` are truly positive."""
    import sqlite3

    from phototagger.paths import LibraryHome

    database = LibraryHome.under(home).database
    with contextlib.closing(sqlite3.connect(f"file:{database}?mode=ro", uri=True)) as db:
        path_of = dict(db.execute("SELECT id, path FROM photos"))
    result: dict[str, np.ndarray] = truths([str(path_of[int(p)]) for p in ids])
    return result


def report(name: str, seeds: list[dict[tuple[str, int, str], tuple[float, float, float]]]) -> None:
    tags = list(dict.fromkeys(tag for tag, _, _ in seeds[0]))
    print(
        f"\n{name}, {len(seeds)} seeds: per tag and step (10 + 30, rounds 1-3), F1 at the own "
        "threshold on the unanswered photos, mean over seeds (change against the product: mean, "
        "worst seed) [AP] {F1 at the best threshold}"
    )
    for tag in tags:
        print(f"  {tag}")
        for variant in ("product", *VARIANTS):
            cells = []
            for step in range(4):
                got = np.array([s[(tag, step, variant)] for s in seeds])
                was = np.array([s[(tag, step, "product")] for s in seeds])
                change = got[:, 2] - was[:, 2]
                mean = got.mean(axis=0)
                delta = (
                    "" if variant == "product" else f" ({change.mean():+.3f}, {change.min():+.2f})"
                )
                cells.append(f"{mean[2]:.3f}{delta} [{mean[0]:.2f}] {{{mean[1]:.2f}}}")
            print(f"    {variant:<15} " + " | ".join(cells))


def main() -> None:
    import benchmarks.new_tags as nt
    import benchmarks.new_tags_unseen as unseen

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=int, default=10)
    parser.add_argument("--unseen-seeds", type=int, default=5)
    parser.add_argument(
        "folder", nargs="?", default=os.environ.get("IMAGENET_SAMPLES", "/tmp/inet/photos")
    )
    args = parser.parse_args()
    print(f"load average {os.getloadavg()[0]:.1f}", flush=True)
    sets = [("det-photos", nt.faces_home(), nt.tag_truths, nt.category, args.seeds)]
    folder = Path(args.folder)
    if args.unseen_seeds and folder.is_dir():
        home = unseen.library(folder)
        unseen.spell_as_held(home)
        sets.append(
            ("ImageNet samples", home, unseen.tag_truths, unseen.wnid_of, args.unseen_seeds)
        )
    elif args.unseen_seeds:
        print(f"{folder}: no ImageNet sample photos there; det-photos only")
    for name, home, truths, kind_of, seeds in sets:
        started = time.perf_counter()
        ids, probs = probabilities(home)
        graphs = {"kNN": spreading(probs), "close": spreading(probs, CLOSE)}
        report(name, [measure(seed, home, truths, kind_of, ids, graphs) for seed in range(seeds)])
        print(f"  ({time.perf_counter() - started:.0f} s)", flush=True)
    print(f"load average {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
