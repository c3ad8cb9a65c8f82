"""How far `train --deep` moves the tags the user never touched, and what it costs.

Run: nice .venv/bin/python benchmarks/deep_drift.py [--seeds 0,1] [--distill 64] [--steps N]
                                                   [--check-activation]

On /work/shared/data/det-photos (1,000 photos; scanned once, see benchmarks/new_tags.py, and
copied for each run) a user answers a few tags: the default tag 'monkey' yes on its 5 photos and
no on 5 others (a correction), and a new tag 'strings' yes on 10 of the 25 guitar, violin, cello,
banjo and harp photos and no on 10 of the other instrument photos. Then `train --deep
--no-activate` (train_candidate(deep=True)); the new version is scored over the whole library as
`models use` would re-tag it (the photos decoded again, embedded through the version's own CNN
top, scored by its head against its thresholds: core/model/activation.py, core/reembed.py) and
compared with v1, the default tagger, per default tag no answer touched: how many photos each
gains and loses. Printed per seed: training seconds, the tags that move most, the total number
of (photo, tag) assignments that change, and how the estimate `train --deep` shows (the photos
the run decoded: labelled and distillation sample) compares with the whole library.

The library's top-block features (the frozen lower CNN's 7x7x192 output, which a deep version's
top starts from) are computed once per library and kept in the temp folder, so each run scores
the 1,000 photos without decoding them again; --check-activation also makes the first version
active for real and checks the counts against the re-tagged library.

--distill sets DEEP_DISTILL_SAMPLE (the unlabelled photos decoded for distillation), --steps the
optimiser steps of each fit (default: the product's own rule, ml/deep.fit_deep). On the 2 shared
CPU cores of the development machine a run of the defaults takes a few minutes.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import numpy as np

REPO_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO_ROOT))
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
STRINGS = {"guitar", "violin", "cello", "banjo", "harp"}
OTHER_INSTRUMENTS = {
    "accordion", "drum", "flute", "french_horn", "harmonica", "oboe", "piano", "saxophone",
    "trombone", "trumpet", "maraca", "chime",
}  # fmt: skip
CACHE = Path(tempfile.gettempdir()) / "phototagger-deep-drift"


def category(path: str) -> str:
    """The det-photos category in a file name: n00007846_147031_person.jpg -> person."""
    return Path(path).stem.split("_", 2)[-1]


def library_features(lib: Any) -> tuple[list[int], np.ndarray]:
    """Every photo's top-block features under the base CNN, by id (computed once, cached)."""
    from phototagger.core.jobs import CancelToken
    from phototagger.core.model.tagger import load_tagger
    from phototagger.core.scan import decoded_stream
    from phototagger.core.states import PhotoStatus
    from phototagger.store.photos import all_photos

    cached = CACHE / "features.npz"  # of the photos of CACHE / "home", scanned once
    if cached.exists():
        data = np.load(cached)
        return data["ids"].tolist(), data["features"]
    engine = load_tagger(lib, "v1", runtime="tensorflow")
    photos = [p for p in all_photos(lib.db) if p.status != PhotoStatus.MISSING]
    ids: list[int] = []
    parts: list[np.ndarray] = []
    batch: list[np.ndarray] = []
    started = time.perf_counter()
    for item in decoded_stream(photos, lib.thumbnails_dir, 2, CancelToken(), 96):
        if isinstance(item.result, Exception) or not hasattr(item.result, "model_input"):
            continue
        ids.append(item.photo.id)
        batch.append(item.result.model_input)
        if len(batch) == 32:
            parts.append(engine.features(np.stack(batch)))
            batch = []
    if batch:
        parts.append(engine.features(np.stack(batch)))
    features = np.concatenate(parts)
    np.savez(cached, ids=np.array(ids), features=features)
    print(f"features of {len(ids)} photos: {time.perf_counter() - started:.0f} s", flush=True)
    return ids, features


def tagged(lib: Any, version: str, ids: list[int], features: np.ndarray) -> tuple[list[str], Any]:
    """(tags, the (photos, tags) assignments) of `version` over the library, as a switch to it
    scores them: its CNN top's embeddings through its head, against its thresholds."""
    from phototagger.core.face_signals import face_signals
    from phototagger.core.model.tagger import load_head, load_tagger
    from phototagger.ml.deep import embed_with_top
    from phototagger.ml.trained_head import TrainedHead

    record = lib.models.record(version)
    top = lib.models.load_top(record.top_weights) if record.top_weights else {}
    model = load_tagger(lib, "v1", runtime="tensorflow").keras_model
    head = load_head(lib, version)
    embeddings = embed_with_top(model, top, features)
    if isinstance(head, TrainedHead):
        scores = head.scores(embeddings, faces=face_signals(lib.db, ids))
    else:  # the default tagger
        scores = head.scores(embeddings)
    return list(head.tag_names), scores >= head.thresholds


def label(lib: Any, rng: np.random.Generator) -> dict[str, set[int]]:
    """The answers (module docstring); the photo ids answered, per tag."""
    from phototagger.core.labels import label_paths

    rows = list(lib.db.query("select id, path from photos order by id"))
    by_cat: dict[str, list[tuple[int, str]]] = {}
    for r in rows:
        by_cat.setdefault(category(r["path"]), []).append((r["id"], r["path"]))

    def pick(cats: set[str], n: int) -> list[tuple[int, str]]:
        pool = [p for c in sorted(cats) for p in by_cat.get(c, [])]
        return [pool[i] for i in sorted(rng.choice(len(pool), n, replace=False))]

    monkey_yes = by_cat["monkey"]
    others = set(by_cat) - {"monkey"} - STRINGS - OTHER_INSTRUMENTS
    monkey_no = pick(others, 5)
    strings_yes, strings_no = pick(STRINGS, 10), pick(OTHER_INSTRUMENTS, 10)
    label_paths(lib.db, [p for _, p in monkey_yes], add=["monkey"])
    label_paths(lib.db, [p for _, p in monkey_no], reject=["monkey"])
    label_paths(lib.db, [p for _, p in strings_yes], add=["strings"])
    label_paths(lib.db, [p for _, p in strings_no], reject=["strings"])
    return {
        "monkey": {i for i, _ in monkey_yes + monkey_no},
        "strings": {i for i, _ in strings_yes + strings_no},
    }


def run(template: Path, seed: int, args: argparse.Namespace) -> dict[str, float]:
    work = Path(tempfile.mkdtemp(prefix="deep-drift-"))
    shutil.copytree(template, work / "home")
    os.environ["PHOTOTAGGER_HOME"] = str(work / "home")
    from phototagger.core import retrain_deep
    from phototagger.core.library import open_library
    from phototagger.core.retrain import train_candidate
    from phototagger.ml import deep
    from phototagger.paths import default_home

    if args.distill is not None:
        retrain_deep.DEEP_DISTILL_SAMPLE = args.distill
    real_fit = deep.fit_deep
    fit_steps: list[int] = []

    def fit(*a: Any, **kw: Any) -> Any:
        n = len(a[3])
        steps = args.steps or int(np.clip(-(-n // min(32, n)) * 8, 30, 400))
        fit_steps.append(steps)
        if args.lr is not None:
            kw = {**kw, "learning_rate": args.lr}
        if args.top_rate is not None:
            kw = {**kw, "top_rate": args.top_rate}
        return real_fit(*a, **{**kw, "steps": steps})

    deep.fit_deep = fit
    try:
        with open_library(default_home()) as lib:
            ids, features = library_features(lib)
            path_of = {r["id"]: r["path"] for r in lib.db.query("select id, path from photos")}
            cats = [category(path_of[i]) for i in ids]
            answered = label(lib, np.random.default_rng(seed))
            started = time.perf_counter()
            result = train_candidate(lib, deep=True, seed=seed)
            seconds = time.perf_counter() - started
            old_tags, old_on = tagged(lib, "v1", ids, features)
            new_tags, new_on = tagged(lib, result.version, ids, features)
            if args.check_activation and seed == args.seed_list[0]:
                keep = [j for j, t in enumerate(new_tags) if t not in answered]
                check(lib, result.version, ids, [new_tags[j] for j in keep], new_on[:, keep])
    finally:
        deep.fit_deep = real_fit
        shutil.rmtree(work, ignore_errors=True)
    column = {t: j for j, t in enumerate(old_tags)}
    moved: list[tuple[int, str, int, int, int, int]] = []
    for j, tag in enumerate(new_tags):
        if tag in answered or tag not in column:
            continue
        k = column[tag]
        gained = int((new_on[:, j] & ~old_on[:, k]).sum())
        lost = int((old_on[:, k] & ~new_on[:, j]).sum())
        if gained or lost:
            before, after = int(old_on[:, k].sum()), int(new_on[:, j].sum())
            moved.append((gained + lost, tag, before, after, gained, lost))
    moved.sort(reverse=True)
    flips = sum(m[0] for m in moved)
    untouched = sum(1 for t in new_tags if t not in answered and t in column)
    kept_cols = [column[t] for t in new_tags if t not in answered and t in column]
    before_total = int(old_on[:, kept_cols].sum())
    shown = result.counts.get("sampled_changes")
    print(
        f"seed {seed}: trained {result.version} in {seconds:.0f} s "
        f"({result.counts['labelled_photos']} labelled + {result.counts['distilled_photos']} "
        f"distilled photos, fits of {fit_steps} steps); {len(moved)} of {untouched} untouched "
        f"default tags move, {flips} of their {before_total} (photo, tag) assignments change",
        flush=True,
    )
    for _, tag, before, after, gained, lost in moved[:8]:
        print(f"  {tag}: {before} -> {after} (+{gained} -{lost})")
    truth = {"monkey": {"monkey"}, "strings": STRINGS}
    for tag in answered:
        if tag in new_tags:
            j = new_tags.index(tag)
            known = column.get(tag)
            old = int(old_on[:, known].sum()) if known is not None else 0
            right = np.array([cats[i] in truth[tag] for i in range(len(ids))])
            open_ = ~np.isin(ids, list(answered[tag]))
            on = new_on[:, j]
            print(
                f"  answered '{tag}': {old} -> {int(on.sum())} photos; of the unanswered, "
                f"{int((on & open_ & right).sum())} of {int((open_ & right).sum())} right ones "
                f"tagged, {int((on & open_ & ~right).sum())} wrong ones"
            )
    if shown:
        sampled = [c for c in shown["changes"] if c["tag"] not in answered]
        scale = shown["library"] / max(shown["photos"], 1)
        guess = sum(c["added"] + c["removed"] for c in sampled) * scale
        print(
            f"  shown by train: {len(sampled)} untouched tags change on {shown['photos']} "
            f"photos sampled, about {guess:.0f} assignments in the library (counted: {flips})"
        )
    return {"seconds": seconds, "flips": flips, "moved": len(moved)}


def check(lib: Any, version: str, ids: list[int], tags: list[str], on: np.ndarray) -> None:
    """Make `version` active for real; the library's model tags must be the ones counted."""
    from phototagger.core.model.activation import activate_version

    activate_version(lib, version)
    row = {p: i for i, p in enumerate(ids)}
    found = np.zeros_like(on)
    column = {t.casefold(): j for j, t in enumerate(tags)}
    for r in lib.db.query(
        "select pt.photo_id, t.name from photo_tags pt join tags t on t.id = pt.tag_id "
        "where pt.state is null"
    ):
        j = column.get(str(r["name"]).casefold())
        if j is not None and r["photo_id"] in row:
            found[row[r["photo_id"]], j] = True
    differ = int((found != on).sum())
    print(f"  activation check: {differ} of {int(on.sum())} assignments differ from the count")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", default="0,1")
    parser.add_argument("--distill", type=int, default=None)
    parser.add_argument("--steps", type=int, default=None)
    parser.add_argument("--lr", type=float, default=None, help="the fits' learning rate")
    parser.add_argument("--top-rate", type=float, default=None, help="the top's rate / the head's")
    parser.add_argument("--check-activation", action="store_true")
    args = parser.parse_args()
    args.seed_list = [int(s) for s in args.seeds.split(",")]
    from benchmarks.new_tags import PHOTOS, scanned_library

    # Its own scan (not new_tags' shared one): a library made by another checkout may be of a
    # newer schema than this one reads.
    template = scanned_library(PHOTOS, CACHE / "home")
    runs = [run(template, seed, args) for seed in args.seed_list]
    print(
        f"mean over {len(runs)} seeds: {np.mean([r['flips'] for r in runs]):.0f} assignments "
        f"of untouched tags change, {np.mean([r['moved'] for r in runs]):.0f} tags move; "
        f"training {np.mean([r['seconds'] for r in runs]):.0f} s"
    )


if __name__ == "__main__":
    main()
