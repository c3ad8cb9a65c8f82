"""What `models`' check of each version's weights costs, on real model files.

Run: PYTHONPATH=. .venv/bin/python benchmarks/models_check.py HOME [--versions 30] [--rounds 3]

HOME: a library home whose versions `phototagger train` (and `train --deep`) wrote, left as it
is: it is copied. For each of its saved versions, the milliseconds (median of 20) of the check
of its file's size and arrays' headers alone, of the same with each array's bytes read through
against the zip's CRC-32 (what `models` makes of a version whose record keeps no SHA-256: one
saved before records kept it), of a sha256 of the whole file, and of the sha256 and the headers
(what it makes of a version saved now: its file is the one saved, its CRC-32s as saved). Then,
in the copy, its versions copied up to --versions in all, `phototagger models` run end to end
--rounds times with ModelVersions.weights_problem timed on them all in this process first
(median of 5: the checkout's code; run `models_run` from an older checkout for the old
figures). --digests: each record in the copy keeps its weights' SHA-256, as `train` writes it
now (the older code reads past it); without, the records are as HOME's.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import zipfile
from collections.abc import Callable
from functools import partial
from pathlib import Path

from phototagger.ml.registry import ModelVersions
from phototagger.ml.version_check import check_weights, weights_digest
from phototagger.paths import LibraryHome

REPO = Path(__file__).resolve().parent.parent


def _ms(work: Callable[[], object], repeats: int = 20) -> float:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def per_version(folder: Path) -> None:
    models = ModelVersions(folder)
    print(
        f"{'version':<8} {'MB':>5} {'headers ms':>11} {'+ CRC ms':>9} {'sha256 ms':>10} "
        f"{'sha256 + headers ms':>20}"
    )
    for version in models.saved():
        path = models.weights_path(version)
        every = _arrays(path)
        headers = _ms(partial(check_weights, path, version, optional=every))
        whole = _ms(partial(check_weights, path, version, optional=every, whole=True))
        digest = _ms(partial(weights_digest, path))
        both = _ms(partial(_as_saved_now, path, version, every))
        size = path.stat().st_size / 2**20
        print(f"{version:<8} {size:5.1f} {headers:11.2f} {whole:9.2f} {digest:10.2f} {both:20.2f}")


def _as_saved_now(path: Path, version: str, every: frozenset[str]) -> None:
    """What `models` checks of a version whose record keeps its SHA-256: the file's digest,
    its size and arrays' headers (a file that is the one saved has its CRC-32s as saved)."""
    weights_digest(path)
    check_weights(path, version, optional=every)


def _keep_digests(folder: Path) -> None:
    """Each record in `folder` with its weights' SHA-256, as a version saved now keeps it."""
    for record_path in folder.glob("v*.json"):
        record = json.loads(record_path.read_text(encoding="utf-8"))
        record["weights_sha256"] = weights_digest(record_path.with_suffix(".npz"))
        record_path.write_text(json.dumps(record), encoding="utf-8")


def _arrays(path: Path) -> frozenset[str]:
    """The names of every array in a version's file (its head's and its CNN top's)."""
    with zipfile.ZipFile(path) as archive:
        return frozenset(n.removesuffix(".npy") for n in archive.namelist())


def models_run(home: Path, versions: int, rounds: int, digests: bool = False) -> None:
    with tempfile.TemporaryDirectory() as scratch:
        copy = Path(scratch) / "home"
        shutil.copytree(home, copy)
        folder = LibraryHome.under(copy).model_versions
        saved = ModelVersions(folder).saved()
        number = max(int(v[1:]) for v in saved)
        while len(ModelVersions(folder).saved()) < versions - 1:  # v1 has no file
            source = saved[number % len(saved)]
            number += 1
            name = f"v{number}"
            record = json.loads((folder / f"{source}.json").read_text(encoding="utf-8"))
            record["version"] = name
            if record.get("top_weights") == source:
                record["top_weights"] = name
            shutil.copy(folder / f"{source}.npz", folder / f"{name}.npz")
            (folder / f"{name}.json").write_text(json.dumps(record), encoding="utf-8")
        if digests:
            _keep_digests(folder)
        total = sum(p.stat().st_size for p in folder.glob("*.npz")) / 2**20
        models = ModelVersions(folder)
        records = [models.record(v) for v in models.saved()]
        checks = _ms(lambda: [models.weights_problem(r) for r in records], repeats=5)
        print(f"weights_problem on the {len(records)} saved versions: {checks:.0f} ms")
        env = {**os.environ, "PHOTOTAGGER_HOME": str(copy), "PYTHONPATH": str(REPO)}
        print(f"`phototagger models`, {versions} versions ({total:.0f} MB of weights):")
        for _ in range(rounds):
            start = time.perf_counter()
            done = subprocess.run(
                [sys.executable, "-m", "phototagger", "models"], env=env, capture_output=True
            )
            took = time.perf_counter() - start
            print(f"  {took:.2f} s (exit {done.returncode})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("home", type=Path)
    parser.add_argument("--versions", type=int, default=30)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--digests", action="store_true")
    args = parser.parse_args()
    per_version(LibraryHome.under(args.home).model_versions)
    models_run(args.home, args.versions, args.rounds, args.digests)


if __name__ == "__main__":
    main()
