"""Similar photos and duplicates: speed at 100,000 photos, quality on real photos.

Run: .venv/bin/python benchmarks/similar.py [--sizes 10000,100000] [--variants 200]

1. Speed, synthetic embeddings (real det-photos embeddings repeated with noise, so the spread is
   a real library's): building the index, one "similar to this photo" query, and grouping the
   whole library into near-duplicates (core/similar.py).
2. Precision of "similar" on det-photos (1,000 real photos, 200 categories of 5): of the 10 most
   similar to a photo, how many share its category, averaged per category then over categories.
   Only 4 other photos share a category, so 0.4 is the ceiling; precision at 4 is also printed.
3. Duplicates: for --variants photos, three copies each (resized to half, recompressed at JPEG
   quality 40, cropped 5% on each side), mixed with the 1,000 originals: how many copies land in
   their original's group, and groups holding photos of different originals (false groups).

Timings depend on the BLAS threads: on a machine shared with other work, OpenBLAS threads spin
against each other (a 1,280-d eigendecomposition took 30 s instead of 0.7 s); the figures below
are printed with the thread count in force (set OPENBLAS_NUM_THREADS to compare).

Embeddings of det-photos are computed with the real engine once and cached in the system's temp
folder (phototagger-bench-similar/), so later runs take seconds.
"""

from __future__ import annotations

import argparse
import hashlib
import io
import os
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
from PIL import Image

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from phototagger.core.similar import (  # noqa: E402
    DUPLICATE_COSINE,
    EXHAUSTIVE_UP_TO,
    build_index,
    duplicate_pairs,
    group_pairs,
)
from phototagger.paths import default_home

DET = Path(os.environ.get("DET_PHOTOS", "/work/shared/data/det-photos"))
CACHE = Path(tempfile.gettempdir()) / "phototagger-bench-similar"


def variants(path: Path) -> dict[str, bytes]:
    """Three edits a library collects: resized, recompressed, slightly cropped."""
    img = Image.open(path).convert("RGB")
    w, h = img.size
    out: dict[str, bytes] = {}
    for name, edited, quality in (
        ("resized", img.resize((max(w // 2, 1), max(h // 2, 1)), Image.Resampling.LANCZOS), 90),
        ("recompressed", img, 40),
        ("cropped", img.crop((w // 20, h // 20, w - w // 20, h - h // 20)), 90),
    ):
        buf = io.BytesIO()
        edited.save(buf, "JPEG", quality=quality)
        out[name] = buf.getvalue()
    return out


def embed_files(files: list[tuple[str, bytes | Path]], cache_name: str) -> np.ndarray:
    """Embeddings of (key, file) pairs with the real engine, cached by the keys' digest."""
    digest = hashlib.sha1("\n".join(k for k, _ in files).encode()).hexdigest()[:12]
    cached = CACHE / f"{cache_name}-{digest}.npy"
    if cached.exists():
        return np.load(cached)
    from phototagger.core.imaging import decode_photo
    from phototagger.ml.engine import load_engine

    os.environ.setdefault("PHOTOTAGGER_HOME", str(CACHE / "home"))
    engine = load_engine("cpu", weights_cache=default_home().weights_cache)
    out: list[np.ndarray] = []
    work = CACHE / "work"
    work.mkdir(parents=True, exist_ok=True)
    batch: list[np.ndarray] = []
    for i, (_, source) in enumerate(files):
        if isinstance(source, bytes):
            tmp = work / "variant.jpg"
            tmp.write_bytes(source)
            source = tmp
        batch.append(decode_photo(source).model_input)
        if len(batch) == 32 or i == len(files) - 1:
            out.append(engine.embed(np.stack(batch)))
            batch = []
            print(f"  embedded {i + 1}/{len(files)}", file=sys.stderr, end="\r")
    matrix = np.concatenate(out).astype(np.float16)
    CACHE.mkdir(parents=True, exist_ok=True)
    np.save(cached, matrix)
    return matrix


def det_photos() -> tuple[list[Path], list[str], np.ndarray]:
    paths = sorted(DET.glob("*.jpg"))
    categories = [p.stem.split("_", 2)[2] for p in paths]
    return paths, categories, embed_files([(p.name, p) for p in paths], "det")


def precision(matrix: np.ndarray, categories: list[str], k: int) -> float:
    index = build_index(range(len(categories)), matrix.astype(np.float32))
    per_category: dict[str, list[float]] = {}
    for i, category in enumerate(categories):
        ranked = index.similar(i, k)
        hits = sum(categories[j] == category for j, _ in ranked)
        per_category.setdefault(category, []).append(hits / k)
    return float(np.mean([np.mean(v) for v in per_category.values()]))


def quality(paths: list[Path], categories: list[str], matrix: np.ndarray, count: int) -> None:
    p10 = precision(matrix, categories, 10)
    p4 = precision(matrix, categories, 4)
    print(
        f"similar: precision@10 {p10:.3f} (ceiling 0.400), precision@4 {p4:.3f}"
        f" over {len(set(categories))} categories of det-photos"
    )
    rng = np.random.default_rng(0)
    chosen = sorted(rng.choice(len(paths), size=min(count, len(paths)), replace=False).tolist())
    files: list[tuple[str, bytes | Path]] = []
    owners: list[int] = []
    kinds: list[str] = []
    for i in chosen:
        for kind, data in variants(paths[i]).items():
            files.append((f"{paths[i].name}#{kind}", data))
            owners.append(i)
            kinds.append(kind)
    copies = embed_files(files, "variants")
    all_vectors = np.concatenate([matrix, copies]).astype(np.float32)
    owner = list(range(len(paths))) + owners
    index = build_index(range(len(owner)), all_vectors)
    runs = [(t, False) for t in sorted({0.80, DUPLICATE_COSINE, 0.90})] + [(DUPLICATE_COSINE, True)]
    for threshold, clustered in runs:
        pairs = duplicate_pairs(index, threshold, exhaustive_up_to=0 if clustered else 10**9)
        groups = group_pairs([(a, b) for a, b, _ in pairs])
        group_of = {item: g for g, members in enumerate(groups) for item in members}
        found: dict[str, int] = {}
        for j, kind in enumerate(kinds):
            row = len(paths) + j
            g = group_of.get(row)
            if g is not None and owner[row] in groups[g] and owners[j] == owner[row]:
                found[kind] = found.get(kind, 0) + 1
        false_groups = sum(len({owner[m] for m in members}) > 1 for members in groups)
        per_kind = ", ".join(
            f"{k} {found.get(k, 0)}/{len(chosen)}" for k in ("resized", "recompressed", "cropped")
        )
        mark = " (default)" if threshold == DUPLICATE_COSINE else ""
        mark += f", by clusters as above {EXHAUSTIVE_UP_TO:,} photos" if clustered else ""
        print(
            f"duplicates at cosine {threshold:.2f}{mark}: copies grouped with their original:"
            f" {per_kind}; groups mixing different photos: {false_groups} of {len(groups)}"
        )


def synthetic_library(
    base: np.ndarray, n: int, rng: np.random.Generator
) -> tuple[np.ndarray, np.ndarray]:
    """n embeddings spread like real ones, 2% of them near-copies of another: each photo is a
    random mix of two real photos plus noise (so no two are alike by accident), and a copy is
    its photo plus a little noise (cosine about 0.95, like a recompressed file). Returns the
    embeddings and, for each copy (the last rows), the row of its photo."""
    copies = n // 50
    originals = n - copies
    a, b = rng.integers(0, len(base), size=(2, originals))
    weight = rng.uniform(0.3, 0.7, size=(originals, 1)).astype(np.float32)
    scale = float(base.std())
    photos = weight * base[a] + (1 - weight) * base[b]
    photos += rng.normal(0, scale * 0.6, size=photos.shape).astype(np.float32)
    picked = rng.integers(0, originals, size=copies)
    near = photos[picked] + rng.normal(0, scale * 0.15, size=(copies, base.shape[1])).astype(
        np.float32
    )
    return np.concatenate([photos, near]), picked


def speed(matrix: np.ndarray, sizes: list[int]) -> None:
    rng = np.random.default_rng(1)
    base = matrix.astype(np.float32)
    for n in sizes:
        synthetic, picked = synthetic_library(base, n, rng)
        planted = len(picked)
        t0 = time.perf_counter()
        index = build_index(np.arange(n), synthetic)
        t1 = time.perf_counter()
        queries = rng.integers(0, n, size=20)
        for q in queries:
            index.similar(int(q), 50)
        t2 = time.perf_counter()
        pairs = duplicate_pairs(index, DUPLICATE_COSINE)
        groups = group_pairs([(a, b) for a, b, _ in pairs])
        t3 = time.perf_counter()
        group_of = {row: g for g, members in enumerate(groups) for row in members}
        copies = np.arange(n - planted, n)
        found = sum(
            group_of.get(int(c), -1) == group_of.get(int(o), -2)
            for c, o in zip(copies, picked, strict=True)
        )
        recall = f"; planted copies grouped with their photo: {found:,} of {planted:,}"
        if n <= 20_000:  # every pair is affordable here: what the clusters miss
            every = {
                (a, b)
                for a, b, _ in duplicate_pairs(index, DUPLICATE_COSINE, exhaustive_up_to=10**9)
            }
            method_pairs = {(a, b) for a, b, _ in pairs}
            recall += (
                f"; pairs found {len(method_pairs & every):,} of {len(every):,} (every"
                f" pair compared), none wrong: {method_pairs <= every}"
            )
        method = "every pair" if n <= EXHAUSTIVE_UP_TO else "by clusters"
        print(
            f"{n:>7,} photos ({planted:,} planted copies): index {t1 - t0:6.2f} s, similar"
            f" query {(t2 - t1) / 20 * 1000:6.1f} ms, duplicate grouping ({method})"
            f" {t3 - t2:6.2f} s: {len(groups):,} groups,"
            f" index memory {(index.vectors.nbytes + index.reduced.nbytes) / 2**20:,.0f} MiB"
            f"{recall}",
            flush=True,
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10000,100000")
    parser.add_argument("--variants", type=int, default=200)
    args = parser.parse_args()
    print(
        f"load average {os.getloadavg()[0]:.1f}, {os.cpu_count()} CPUs, BLAS threads "
        f"{os.environ.get('OPENBLAS_NUM_THREADS', 'default')}"
    )
    paths, categories, matrix = det_photos()
    quality(paths, categories, matrix, args.variants)
    speed(matrix, [int(s) for s in args.sizes.split(",") if s])
    print(f"load average {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
