"""Retraining from corrections: how well a new tag is learned, what else changes, how long it takes.

Run: .venv/bin/python benchmarks/retrain.py [--quick] [--seeds 3] [--sizes 1000,10000,100000]
                                            [--train-limit 120]

1. Learning a new tag: a library of 100 real LFW faces, 100 real-photo patches degraded the same
   way and the real scikit-image photos, scanned with the real engine. 10 faces are labelled
   'face' and 'face' is rejected on 30 patches; after train_candidate + activate_version, the
   average precision and F1 (at the version's threshold) of 'face' on every photo not labelled
   (90 faces against the rest). Three random choices of the labelled photos; then the first
   5 and 15 of the same choices, scored on the same held-out photos.
2. Forgetting: the default tags (the 59 vocabulary tags) before and after that retrain, which
   touched only 'face': photos whose set of suggested default tags is unchanged, and the mean
   absolute change of a default tag's confidence.
3. Training time for 1,000 / 10,000 / 100,000 labelled photos with synthetic embeddings (real
   embeddings plus noise, three user tags with a clear signal), the library built through the
   store API: train_candidate (in a child process, stopped after --train-limit seconds), and
   inside it the head path's own steps: the per-tag trainer's set-up (reading the labels'
   embeddings, their ImageNet probabilities and principal basis: ConceptTrainer.__init__), its
   validation fit on three quarters of the labelled photos, its final fit on all of them
   (ConceptTrainer.fit, once each) and scoring the library with the changed tags
   (library_changes).
4. Re-tagging the largest library from cached embeddings (activate_version): total, and inside it
   the database writes, the head's scoring, reading the embeddings and picking suggestions; then
   load_head(...).scores over all embeddings on its own.

Timings are wall-clock on a machine that may be shared: the load average is printed at both ends.

The engine's converted weights are cached under benchmarks/out/home/ (git-ignored); every
library lives in a temporary folder.
"""

from __future__ import annotations

import argparse
import inspect
import multiprocessing
import os
import platform
import shutil
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

import numpy as np

REPO_ROOT = Path(__file__).resolve().parent.parent
HOME = REPO_ROOT / "benchmarks" / "out" / "home"

sys.path.insert(0, str(REPO_ROOT))  # phototagger and tests.photo_factory from this checkout
os.environ.setdefault("PHOTOTAGGER_HOME", str(HOME))
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")

from phototagger.core.embeddings import embedded_chunks, encode_embedding  # noqa: E402
from phototagger.core.labels import label_paths  # noqa: E402
from phototagger.core.library import Library, open_library  # noqa: E402
from phototagger.core.model.activation import activate_version  # noqa: E402
from phototagger.core.model.review import tag_scores  # noqa: E402
from phototagger.core.model.tagger import load_head  # noqa: E402
from phototagger.core.retrain import train_candidate  # noqa: E402
from phototagger.core.scan import scan  # noqa: E402
from phototagger.ml.heads import DEFAULT_VERSION, suggestions  # noqa: E402
from phototagger.ml.metrics import tag_metrics  # noqa: E402
from phototagger.ml.vocabulary import load_vocabulary  # noqa: E402
from phototagger.paths import default_home  # noqa: E402
from phototagger.store import photos as photo_store  # noqa: E402
from phototagger.store import tags as tag_store  # noqa: E402
from phototagger.store.connection import transaction  # noqa: E402
from phototagger.store.embeddings import put_embeddings  # noqa: E402

FACE = "face"
FACES = PATCHES = 100
TARGET_TRAIN_S = 10.0  # for 10,000 labelled photos
USER_TAGS = ("grandma", "allotment", "receipts")


def against(seconds: float, target: float | None) -> str:
    """'  MISSES target ...' where a figure with a target misses it."""
    return f"  MISSES target {target:.0f} s" if target is not None and seconds > target else ""


@contextmanager
def library_home(home: Path) -> Iterator[Library]:
    """Open the library in `home`; model versions are written there too."""
    previous = os.environ.get("PHOTOTAGGER_HOME")
    os.environ["PHOTOTAGGER_HOME"] = str(home)
    try:
        with open_library(default_home()) as lib:
            yield lib
    finally:
        if previous is None:
            os.environ.pop("PHOTOTAGGER_HOME", None)
        else:
            os.environ["PHOTOTAGGER_HOME"] = previous


@contextmanager
def timed(
    owner: Any, name: str, totals: dict[str, float], key: str | None = None
) -> Iterator[None]:
    """Add the time spent in owner.name (a module's function or a class's method) to
    totals[key or name] while the block runs; for a generator, the time spent in its items."""
    original: Callable[..., Any] = getattr(owner, name)
    key = key or name

    def add(since: float) -> None:
        totals[key] = totals.get(key, 0.0) + time.perf_counter() - since

    def items(generator: Iterator[Any]) -> Iterator[Any]:
        while True:
            start = time.perf_counter()
            try:
                item = next(generator)
            except StopIteration:
                return
            finally:
                add(start)
            yield item

    def wrapper(*args: Any, **kwargs: Any) -> Any:
        start = time.perf_counter()
        try:
            result = original(*args, **kwargs)
        finally:
            add(start)
        return items(result) if inspect.isgenerator(result) else result

    setattr(owner, name, wrapper)
    try:
        yield
    finally:
        setattr(owner, name, original)


# 1 and 2: a real library, a new tag, and the default tags around it.


def write_photos(pics: Path) -> None:
    import skimage.data
    from PIL import Image

    from tests.photo_factory import NO_PEOPLE, REAL_PHOTOS, degraded_patch, lfw_face

    for i in range(FACES):
        lfw_face(pics / f"face{i:03d}.jpg", i)
    for i in range(PATCHES):
        degraded_patch(pics / f"patch{i:03d}.jpg", i)
    for name in dict.fromkeys((*REAL_PHOTOS, *NO_PEOPLE)):
        try:
            array = getattr(skimage.data, name)()
        except Exception as exc:  # some need a download: left out, not fatal
            print(f"  (left out {name}: {exc})")
            continue
        array = array[0] if isinstance(array, tuple) else array
        Image.fromarray(np.asarray(array)).convert("RGB").save(pics / f"{name}.jpg", quality=92)


def build_real_library(root: Path, engine: Any) -> tuple[Path, Path]:
    """Scan the photos into root/home once; each run below works on a copy."""
    pics, home = root / "pics", root / "home"
    pics.mkdir(parents=True)
    write_photos(pics)
    with library_home(home) as lib:
        start = time.perf_counter()
        summary = scan(lib, [str(pics)], lambda: engine, batch_size=32)
        elapsed = time.perf_counter() - start
    print(
        f"real library: {summary.tagged} photos scanned and tagged in {elapsed:.1f} s "
        f"({summary.tagged / elapsed:.1f} photos/s)"
    )
    return home, pics


def default_suggestions(lib: Library, vocabulary: set[str]) -> dict[int, frozenset[str]]:
    """photo id -> the default tags the library currently suggests on it."""
    ids = [p.id for p in photo_store.all_photos(lib.db)]
    rows = tag_store.tags_of_photos(lib.db, ids)
    return {
        pid: frozenset(t.name for t in tags if t.state is None and t.name in vocabulary)
        for pid, tags in rows.items()
    }


def all_embeddings(lib: Library) -> tuple[list[int], np.ndarray]:
    ids: list[int] = []
    parts = []
    for chunk_ids, matrix in embedded_chunks(lib.db):
        ids += chunk_ids
        parts.append(matrix)
    return ids, np.concatenate(parts)


@dataclass
class LearnResult:
    ap: float
    f1: float
    threshold: float
    seconds: float
    same_tags: float  # forgetting: share of photos with an unchanged set of default suggestions
    mean_change: float  # mean |change| of a default tag's confidence, over photos and tags
    max_change: float


def learn_face(
    template: Path,
    pics: Path,
    work: Path,
    faces: list[int],
    patches: list[int],
    held_out_names: set[str],
    vocabulary: list[str],
) -> LearnResult:
    home = work / "home"
    shutil.rmtree(home, ignore_errors=True)
    shutil.copytree(template, home)
    with library_home(home) as lib:
        before = default_suggestions(lib, set(vocabulary))
        label_paths(lib.db, [str(pics / f"face{i:03d}.jpg") for i in faces], add=[FACE])
        label_paths(lib.db, [str(pics / f"patch{i:03d}.jpg") for i in patches], reject=[FACE])
        start = time.perf_counter()
        result = train_candidate(lib)
        activate_version(lib, result.version)
        seconds = time.perf_counter() - start
        after = default_suggestions(lib, set(vocabulary))

        names = {p.id: Path(p.path).name for p in photo_store.all_photos(lib.db)}
        head = load_head(lib)
        threshold = float(head.thresholds[head.tag_names.index(FACE)])
        scored = [
            (names[pid], s)
            for pid, s in tag_scores(lib, FACE, head)
            if names[pid] in held_out_names
        ]
        y = np.array([n.startswith("face") for n, _ in scored])
        s = np.array([score for _, score in scored])
        metrics = tag_metrics(y, s, threshold)

        ids, embeddings = all_embeddings(lib)
        old = load_head(lib, DEFAULT_VERSION).scores(embeddings)
        new = head.scores(embeddings)[:, [head.tag_names.index(t) for t in vocabulary]]
    same = float(np.mean([before[pid] == after[pid] for pid in ids]))
    change = np.abs(new - old)
    return LearnResult(
        metrics.average_precision,
        metrics.f1,
        threshold,
        seconds,
        same,
        float(change.mean()),
        float(change.max()),
    )


def bench_learning(engine: Any, root: Path, seeds: int) -> np.ndarray:
    """Sections 1 and 2; returns the real library's embeddings for section 3."""
    template, pics = build_real_library(root / "real", engine)
    vocabulary = load_vocabulary().tag_names
    all_names = {p.name for p in pics.iterdir()}
    runs: dict[tuple[int, int], list[LearnResult]] = {(10, 30): [], (5, 15): []}
    for seed in range(seeds):
        rng = np.random.default_rng(seed)
        faces = [int(i) for i in rng.choice(FACES, 10, replace=False)]
        patches = [int(i) for i in rng.choice(PATCHES, 30, replace=False)]
        labelled = {f"face{i:03d}.jpg" for i in faces} | {f"patch{i:03d}.jpg" for i in patches}
        held_out = all_names - labelled
        for pos, neg in runs:
            r = learn_face(
                template,
                pics,
                root / f"seed{seed}",
                faces[:pos],
                patches[:neg],
                held_out,
                vocabulary,
            )
            runs[pos, neg].append(r)
            print(
                f"  seed {seed}, {pos} faces / {neg} patches: AP {r.ap:.3f}, F1 {r.f1:.3f} "
                f"(threshold {r.threshold:.3f}), train + activate {r.seconds:.1f} s"
            )
    held = len(all_names) - 40
    for (pos, neg), results in runs.items():
        ap = [r.ap for r in results]
        f1 = [r.f1 for r in results]
        print(
            f"new tag 'face' from {pos} faces + {neg} rejected patches, on {held} held-out "
            f"photos ({FACES - 10} faces): AP mean {np.mean(ap):.3f} min {min(ap):.3f}; "
            f"F1 mean {np.mean(f1):.3f} min {min(f1):.3f} "
            f"({seeds} seed{'s' if seeds != 1 else ''})"
        )
    results = runs[10, 30]
    same = [r.same_tags for r in results]
    mean_change = [r.mean_change for r in results]
    print(
        f"forgetting, default tags after the 'face' retrain (10/30): photos with the same "
        f"suggested default tags {100 * np.mean(same):.1f}% (worst seed {100 * min(same):.1f}%)"
    )
    print(
        f"forgetting, mean |confidence change| of the {len(vocabulary)} default tags: "
        f"{np.mean(mean_change):.4f} (worst seed {max(mean_change):.4f}; largest single "
        f"change {max(r.max_change for r in results):.3f})"
    )
    with library_home(template) as lib:
        return all_embeddings(lib)[1]


# 3 and 4: synthetic libraries of many labelled photos.


class SyntheticPhotos:
    """Real embeddings resampled with noise (non-negative, at most 6 like ReLU6), three user
    tags each marked by a shift along its own 64 embedding dimensions."""

    def __init__(self, real: np.ndarray, seed: int = 0) -> None:
        self.rng = np.random.default_rng(seed)
        self.real = real.astype(np.float32)
        self.std = real.std(axis=0).astype(np.float32) + 0.01
        self.signal = np.zeros((len(USER_TAGS), real.shape[1]), np.float32)
        for k in range(len(USER_TAGS)):
            dims = self.rng.choice(real.shape[1], 64, replace=False)
            self.signal[k, dims] = 1.5 * self.std[dims]

    def batch(self, n: int) -> tuple[np.ndarray, np.ndarray]:
        """(n, 1280) embeddings and (n, 3) bool tag membership."""
        picks = self.rng.integers(0, len(self.real), n)
        noise = self.rng.standard_normal((n, self.real.shape[1]), np.float32) * 0.5 * self.std
        member = self.rng.random((n, len(USER_TAGS))) < 0.2
        embeddings = self.real[picks] + noise + member.astype(np.float32) @ self.signal
        return np.clip(embeddings, 0.0, 6.0), member


def grow_library(lib: Library, photos: SyntheticPhotos, start: int, stop: int) -> None:
    """Add photos start..stop-1, tagged, each with one user decision about one user tag."""
    from phototagger.ml.engine import BACKBONE_NAME

    chunk = 5000
    with transaction(lib.db):
        for first in range(start, stop, chunk):
            n = min(chunk, stop - first)
            embeddings, member = photos.batch(n)
            ids = [
                photo_store.insert_photo(
                    lib.db,
                    path=f"/synthetic/{i // 1000:03d}/IMG_{i:06d}.jpg",
                    size=3_500_000,
                    mtime=1.7e9 + i,
                    content_hash=f"{i:064x}",
                    width=4000,
                    height=3000,
                    taken_at=None,
                    orientation=1,
                    status="tagged",
                )
                for i in range(first, first + n)
            ]
            put_embeddings(
                lib.db,
                BACKBONE_NAME,
                [(pid, encode_embedding(e)) for pid, e in zip(ids, embeddings, strict=True)],
            )
            for row, (pid, has) in enumerate(zip(ids, member, strict=True)):
                k = (first + row) % len(USER_TAGS)
                if has[k]:
                    tag_store.add_user_tag(lib.db, pid, USER_TAGS[k])
                else:
                    tag_store.reject_tag(lib.db, pid, USER_TAGS[k])


@dataclass
class Trained:
    """One train_candidate run and where its time went (seconds)."""

    version: str
    total: float
    setup: float  # ConceptTrainer.__init__
    fits: list[float]  # ConceptTrainer.fit: the validation fit (when photos are held out), final
    diff: float  # library_changes: the library scored by the changed tags
    rows: int  # the photos the trainer fits on (labelled + an unlabelled sample)


def _train_child(home: str, conn: Connection) -> None:
    """train_candidate in a process of its own, so a run over the time limit can be stopped.
    The head path is numpy only, as in the app: no TensorFlow is imported here."""
    from phototagger.core import retrain
    from phototagger.core.tag_learning import ConceptTrainer

    totals: dict[str, float] = {}
    fits: list[float] = []
    rows: list[int] = []
    original_fit = ConceptTrainer.fit

    def fit(self: ConceptTrainer, *args: Any, **kwargs: Any) -> Any:
        rows.append(len(self.ids))
        started = time.perf_counter()
        try:
            return original_fit(self, *args, **kwargs)
        finally:
            fits.append(time.perf_counter() - started)

    with (
        library_home(Path(home)) as lib,
        timed(ConceptTrainer, "__init__", totals, "setup"),
        timed(retrain, "library_changes", totals, "diff"),
    ):
        ConceptTrainer.fit = fit  # type: ignore[method-assign]
        try:
            start = time.perf_counter()
            result = train_candidate(lib)
            total = time.perf_counter() - start
        finally:
            ConceptTrainer.fit = original_fit  # type: ignore[method-assign]
    conn.send(
        Trained(
            result.version,
            total,
            totals.get("setup", 0.0),
            fits,
            totals.get("diff", 0.0),
            rows[-1] if rows else 0,
        )
    )


def train_with_limit(home: Path, limit: float) -> Trained | None:
    """The run's figures, or None if it ran past `limit` s."""
    context = multiprocessing.get_context("spawn")
    receive, send = context.Pipe(duplex=False)
    child = context.Process(target=_train_child, args=(str(home), send))
    child.start()
    try:
        # The child's start-up (imports) is not part of the limit.
        if receive.poll(limit + 60):
            found: Trained = receive.recv()
            return found
        return None
    finally:
        child.kill()
        child.join()


def bench_training(home: Path, photos: SyntheticPhotos, sizes: list[int], limit: float) -> str:
    """Section 3; returns the last version trained."""
    version = DEFAULT_VERSION
    have = 0
    for size in sizes:
        with library_home(home) as lib:
            start = time.perf_counter()
            grow_library(lib, photos, have, size)
            build_s = time.perf_counter() - start
            have = size
        trained = train_with_limit(home, limit)
        target = TARGET_TRAIN_S if size == 10_000 else None
        if trained is None:
            print(
                f"train {size:>7,} labelled photos: train_candidate over {limit:.0f} s, "
                f"stopped{against(limit, target)}"
            )
        else:
            version = trained.version
            *validation, final = trained.fits
            rest = trained.total - trained.setup - sum(trained.fits) - trained.diff
            print(
                f"train {size:>7,} labelled photos: train_candidate {trained.total:6.2f} s"
                f"{against(trained.total, target)}, of which trainer set-up "
                f"{trained.setup:5.2f} s, validation fit "
                + (f"{validation[0]:5.2f} s" if validation else "none")
                + f", final fit on all {trained.rows:,} photos {final:5.2f} s, scoring the "
                f"library with the changed tags {trained.diff:5.2f} s, the rest {rest:5.2f} s"
            )
        print(f"  (library grown to {size:,} photos in {build_s:.1f} s)")
    return version


def bench_retag(lib: Library, version: str, size: int) -> None:
    """Section 4: activate_version on the whole library, and where its time goes."""
    start = time.perf_counter()
    activate_version(lib, DEFAULT_VERSION)
    print(
        f"tag {size:,} photos with {DEFAULT_VERSION} from cached embeddings (no model rows yet):"
        f" {time.perf_counter() - start:.2f} s"
    )
    from benchmarks.retag import timed_activate

    timed_activate(lib, version, size)  # with where its time goes
    ids, embeddings = all_embeddings(lib)
    head = load_head(lib, version)
    start = time.perf_counter()
    scores = head.scores(embeddings)
    score_s = time.perf_counter() - start
    suggested = sum(len(s) for s in suggestions(head.tag_names, head.thresholds, scores))
    print(
        f"  load_head({version}).scores over all {len(ids):,} embeddings on its own: "
        f"{score_s:.2f} s; {suggested / len(ids):.1f} suggested tags per photo"
    )


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--quick",
        action="store_true",
        help="1 seed and 1,000 / 5,000 photos: a smoke run of a minute or two",
    )
    parser.add_argument("--seeds", type=int, default=3, help="random choices of labelled photos")
    parser.add_argument(
        "--sizes",
        default="1000,10000,100000",
        help="labelled photos for the training and re-tagging figures",
    )
    parser.add_argument(
        "--train-limit",
        type=float,
        default=120,
        help="seconds after which a train_candidate run is stopped",
    )
    args = parser.parse_args()
    seeds = 1 if args.quick else args.seeds
    sizes = [1000, 5000] if args.quick else sorted(int(s) for s in args.sizes.split(","))

    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    started = time.perf_counter()
    from phototagger.ml.engine import load_engine

    engine = load_engine("auto", weights_cache=default_home().weights_cache)
    import tensorflow as tf

    print(
        f"machine: {cores} usable cores ({os.cpu_count()} in all), {platform.machine()}, "
        f"Python {platform.python_version()}, TensorFlow {tf.__version__}, "
        f"device {engine.device}; load average {os.getloadavg()[0]:.1f}; "
        f"engine loaded in {time.perf_counter() - started:.1f} s"
    )
    with tempfile.TemporaryDirectory(prefix="phototagger-retrain-") as tmp:
        root = Path(tmp)
        real = bench_learning(engine, root, seeds)
        home = root / "synthetic"
        version = bench_training(home, SyntheticPhotos(real), sizes, args.train_limit)
        with library_home(home) as lib:
            bench_retag(lib, version, sizes[-1])
    print(f"total {time.perf_counter() - started:.0f} s; load average {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
