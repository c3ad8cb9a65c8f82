"""Where `phototagger train --deep` spends its time, with the CNN built once per process (now)
and built again for the activation (before: --old).

Run: nice .venv/bin/python benchmarks/deep_train_load.py [--repeat 1] [--photos 125]

The library: --photos det-photos (every 10th of the 1,000, the answered ones, then the first
others), scanned once and kept in the temp folder; a new tag "hoofed animals" answered yes on 10
photos (2 each of swine, cattle, sheep, zebra, camel) and no on 10 others. Each run copies that
library and runs `phototagger train --deep --force` (trained, then made active, as the command
does) in a fresh process, once the old way (the built CNN forgotten before every load:
ml/backbone.load_backbone as before) and once now, alternately, --repeat times each.

Printed per run, in seconds of wall time (the whole process's CPU time too): the imports
(phototagger's command line and TensorFlow), building the CNN and loading its weights (each
load), the CNN's passes (the first call of a newly built model traces its graph), the deep
trainer's set-up (the load, the photos decoded, one pass of the CNN), each fit, the activation
(the photos embedded again through the new top, the re-tag) and the save.

Measured 2026-12-07 on the shared 2-core development machine (load 4-5 from other engineers'
jobs: compare within a run), 125 photos, two runs each way, wall / CPU seconds:
- before: imports 4.7-5.5; the CNN built and loaded twice, 1.33 + 1.52 and 1.53 + 1.80 s wall
  (build 0.9-1.1 s, weights 0.4-0.7 s each; 2.45 and 2.56 s CPU in all); the trainer's set-up
  8.6-11.2 (its CNN pass 5.6-5.7 s CPU: the first batch and the smaller last one each trace the
  model's graph, 2.2-2.9 and 2.1-2.5 s wall against 0.7-1.0 for a batch after); fits 6.2-8.0 s
  each; save under 0.1; the activation's embedding again 9.4 / 8.3 and 12.9 / 8.9 (its CNN
  pass 6.5 and 7.3 s CPU, the new model's graph traced again); re-tag under 0.1; the whole run
  44.9 / 35.8 and 45.1 / 37.8.
- now: the CNN built and loaded once (1.71 and 1.87 s wall; the activation's load 0.02-0.03 s);
  the activation's embedding again 6.4 / 5.2 and 5.5 / 4.6 (its CNN pass 4.8 and 4.3 s CPU:
  only the new top's graph is traced); the whole run 37.0 / 30.3 and 44.8 / 28.6.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

REPO_ROOT = Path(__file__).resolve().parent.parent
DET = Path("/work/shared/data/det-photos")
CACHE = Path(tempfile.gettempdir()) / "phototagger-deep-train-load"
TAG = "hoofed animals"
YES = ["swine", "cattle", "sheep", "zebra", "camel"]  # 2 of each
NO = ["goldfish", "banana", "violin", "lemon", "tiger", "dog", "car", "chair", "bird", "lion"]


def _category(path: Path) -> str:
    return path.stem.split("_", 2)[-1]


def answered_library(photos: int) -> Path:
    """The scanned and answered library's home (made once per --photos)."""
    root = CACHE / f"library-{photos}"
    home = root / "home"
    if (root / "done").exists():
        return home
    shutil.rmtree(root, ignore_errors=True)
    pics = root / "pics"
    pics.mkdir(parents=True)
    source = sorted(DET.glob("*.jpg"))
    by_kind: dict[str, list[Path]] = {}
    for path in source:
        by_kind.setdefault(_category(path), []).append(path)
    yes = [p for k in YES for p in by_kind[k][:2]]
    no = [by_kind[k][0] for k in NO]
    chosen = [*yes, *no, *(p for p in source[::10] if p not in yes and p not in no)]
    chosen += [p for p in source if p not in chosen]
    for path in chosen[:photos]:
        shutil.copy(path, pics / path.name)
    env = {**os.environ, "PHOTOTAGGER_HOME": str(home), "PYTHONPATH": str(REPO_ROOT)}
    subprocess.run([sys.executable, "-m", "phototagger", "scan", str(pics)], env=env, check=True)
    answer = (
        "from phototagger.core.labels import label_paths\n"
        "from phototagger.core.library import open_library\n"
        "from phototagger.paths import default_home\n"
        "import sys\n"
        "with open_library(default_home()) as lib:\n"
        f"    label_paths(lib.db, sys.argv[1:{1 + len(yes)}], add=[{TAG!r}])\n"
        f"    label_paths(lib.db, sys.argv[{1 + len(yes)}:], reject=[{TAG!r}])\n"
    )
    said = [str(pics / p.name) for p in [*yes, *no]]
    subprocess.run([sys.executable, "-c", answer, *said], env=env, check=True)
    (root / "done").touch()
    return home


class Phases:
    """Each wrapped call's seconds, in the order they ended."""

    def __init__(self) -> None:
        self.times: list[tuple[str, float, float]] = []  # (label, wall, CPU of the process)

    def wrap(
        self, owner: Any, name: str, label: str, before: Callable[[], None] | None = None
    ) -> None:
        real = getattr(owner, name)

        def timed(*args: Any, **kwargs: Any) -> Any:
            if before is not None:
                before()
            start, cpu = time.perf_counter(), time.process_time()
            try:
                return real(*args, **kwargs)
            finally:
                took = time.perf_counter() - start, time.process_time() - cpu
                self.times.append((label, *took))

        setattr(owner, name, timed)


def child(old: bool) -> None:
    """One `train --deep --force` in this process; its phases as JSON on the last line."""
    started, cpu = time.perf_counter(), time.process_time()
    phases = Phases()
    from phototagger.cli import main
    from phototagger.ml.device import import_tensorflow

    import_tensorflow()
    phases.times.append(("imports", time.perf_counter() - started, time.process_time() - cpu))
    import keras

    from phototagger.core import reembed, retrain_deep
    from phototagger.core.model import activation
    from phototagger.ml import backbone, deep, registry

    def forget() -> None:
        backbone._built = None  # the old way: every load builds the CNN again

    phases.wrap(backbone, "load_backbone", "CNN load (build + weights)", forget if old else None)
    phases.wrap(backbone, "build_lite0", "  of which: build")
    phases.wrap(keras.Model, "load_weights", "  of which: weights")
    phases.wrap(backbone.Backbone, "features", "CNN pass: trainer's features")
    phases.wrap(backbone.Backbone, "predict_all", "CNN pass: activation's embeddings")
    phases.wrap(retrain_deep.DeepTrainer, "__init__", "deep trainer set-up")
    phases.wrap(deep, "fit_deep", "fit")
    phases.wrap(deep, "embed_with_top", "embeddings through a top")
    phases.wrap(registry.ModelVersions, "save", "save")
    phases.wrap(reembed, "embed_missing", "activation: embed again")
    phases.wrap(activation, "retag", "activation: re-tag")
    phases.wrap(activation, "_retag_changed", "activation: re-tag")
    code = main(["train", "--deep", "--force"])
    assert code == 0, code
    usage = resource.getrusage(resource.RUSAGE_SELF)
    phases.times.append(
        ("whole run", time.perf_counter() - started, usage.ru_utime + usage.ru_stime)
    )
    print(json.dumps(phases.times))


def run(
    home: Path, old: bool, child_args: list[str] | None = None
) -> list[tuple[str, float, float]]:
    """A copy of `home` trained in a child process (this script's, else `child_args`): the
    (label, wall, CPU) rows it printed."""
    work = CACHE / "run-home"
    shutil.rmtree(work, ignore_errors=True)
    shutil.copytree(home, work)
    env = {
        **os.environ,
        "PHOTOTAGGER_HOME": str(work),
        "PYTHONPATH": str(REPO_ROOT),
        "TF_CPP_MIN_LOG_LEVEL": "2",
    }
    args = [sys.executable, *(child_args or [__file__, "--child", "old" if old else "now"])]
    done = subprocess.run(args, env=env, check=True, capture_output=True, text=True)
    shutil.rmtree(work, ignore_errors=True)
    rows = json.loads(done.stdout.strip().splitlines()[-1])
    return [(str(a), float(b), float(c)) for a, b, c in rows]


def summed(times: list[tuple[str, float, float]]) -> dict[str, list[tuple[float, float]]]:
    out: dict[str, list[tuple[float, float]]] = {}
    for label, wall, cpu in times:
        out.setdefault(label, []).append((wall, cpu))
    return out


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--photos", type=int, default=125)
    parser.add_argument("--child", choices=["old", "now"])
    args = parser.parse_args()
    if args.child:
        child(args.child == "old")
        return
    home = answered_library(args.photos)
    for i in range(args.repeat):
        for old in (True, False):
            rows = summed(run(home, old))
            print(f"\nrun {i + 1}, {'before (CNN built for each load)' if old else 'now'}:")
            print(f"  {'':<36} {'wall s':>7} {'CPU s':>7}  (wall of each call)")
            for label, took in rows.items():
                walls = [w for w, _ in took]
                each = " + ".join(f"{w:.2f}" for w in walls) if len(walls) > 1 else ""
                cpu = sum(c for _, c in took)
                line = f"  {label:<36} {sum(walls):7.2f} {cpu:7.2f}"
                print(line + (f"  ({each})" if each else ""))


if __name__ == "__main__":
    main()
