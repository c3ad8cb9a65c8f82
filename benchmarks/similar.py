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
   With --joins: the same copies and a half-size copy saved at quality 80 (Pillow's default
   resize: 0.76 to 0.85 with its original), each original also with a byte copy, grouped as Find
   Duplicates did (pixel-checked pairs, exact copies, then groups of one picture joined at
   JOIN_COSINE) and does (copy_groups: each photo's LONE_NEIGHBOURS best partners outside its
   group at JOIN_COSINE, pixel-checked, lone photos too): copies in their original's group and
   false groups; of all pairs of different photos at JOIN_COSINE or more, how many the pixel
   check passes and how long it takes (and trying every crop, not the coarse ones first); and
   on --sizes synthetic libraries with --join-shares of planted copies, the seconds of the
   join as it was and of the grouping now, with the pixel checks it asks for.
4. With --near N: near-copies (resized, recompressed, cropped, cropped in a corner, brighter,
   darker, a camera's own JPEG) and distinct edits (two faces or two objects pasted on) of N
   photos, among all of det-photos and then of --other (ImageNet samples): how many join their
   original with the embeddings alone and with the pixel check (core/same_picture.py) at
   several limits, the spread of its score, and the false groups.
5. With --first-call: Find Similar's first click (building the index: the main axes, the
   projection, the likeness scale) at --sizes synthetic libraries, as it was (the axes'
   factorisations on OpenBLAS's threads) and now (on one), alternately in one run so both see
   the same load (--busy N: with N processes spinning on the CPUs meanwhile, as a scan or the
   rest of a busy machine does); and whether the two give the same similar photos, figures and
   duplicates.
6. With --likeness: what Find Similar's figure (core/similar.py's LikenessScale, on the full
   vectors' cosines since likeness35) reads for pairs
   of photos of one category and of different categories of det-photos, for all pairs of
   --other's photos, and for resized, recompressed and cropped copies of 200 photos of each,
   with the share of each kind under each of the words; and where the 99th percentile of a
   library's pairs lies, in IQRs above its median, for 20 to 1,000 photos of each.
7. With --kept: Find Similar's first call in a fresh process (the CLI's: the ranking, then the
   50 best with their photos) on a real library file of --sizes photos (made once in the temp
   folder, synthetic embeddings), the OS's cache of the files dropped first: as it was (every
   embedding read from SQLite and projected), with no kept ranking (the same, then kept beside
   the library), and with the one kept; the next call in each process, its peak memory, and
   whether all give the same most similar photos.
8. With --kept-changes: the same first call in a fresh process on a copy of that library after
   ordinary changes, the ranking kept before them: after the user trashed 50 photos, and after
   a scan added 200 new ones (the click itself brings the kept ranking up to date; a scan's end
   would do it before); and whether a trashed photo shows among the similar photos.
9. With --sizes-likeness 100,250,300,500,1000: the same pairs in libraries of that many
   det-photos (a larger one holds a smaller one's photos): 20 photos' half-size, JPEG q60,
   10 %-cropped, rotated and brightened, and mirrored copies, two burst-like frames of each (two
   crops 10 % apart), and another photo of each one's category; each kind's figure and words as
   they were (the projections' cosine on their scale, the words of before) and now, `duplicates`
   at its default cut (which copies join their photo, the precision of its groups), Find
   Similar's rank of the copy, how near the grid's figure past EXACT_TOP reads, and the figure
   now at which as many pairs read each word as before (how the words were recalibrated).
10. With --edits 20: a photographer's edited exports of 20 det-photos among all 1,000
   (PHOTOGRAPHER_EDITS: straightened 1 to 3 degrees and cropped to fill, exposure +-0.5 and
   +-1 EV, warmer and cooler, contrast and saturation up, black-and-white, a 3:2 -> 4:5 crop,
   mirrored, two combinations) and two burst-like frames each: per edit, its cosine with the
   original, whether the pixel check passes, whether `duplicates` groups it with its original
   with all the edits in the library and as the photo's only copy; the groups mixing different
   det-photos (two of one category counted apart), and the groups among --other's photos; and
   which of a photo and one edit of it Find Duplicates keeps, as it was and now.
11. With --almost-identical: a real library of det-photos and a resized, a recompressed, a
   5 %-cropped and a black-and-white copy of 200 of them (their real embeddings and the scan's
   thumbnails): beside each of those 200, how many of its copies, of the other photos of its
   category and of other categories read "Almost identical" as it was (the figure alone) and
   now (the pixels too, core/duplicate_copies.similar_pixels); Find Similar's first click on
   each, as it was and now, one after the other, and now's second click (verdicts kept).

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
import multiprocessing
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np
from PIL import Image

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from phototagger.core import similar  # noqa: E402
from phototagger.core.similar import (  # noqa: E402
    DUPLICATE_COSINE,
    EXHAUSTIVE_UP_TO,
    JOIN_COSINE,
    LIKENESS_WORDS,
    LONE_NEIGHBOURS,
    EmbeddingIndex,
    build_index,
    copy_groups,
    duplicate_pairs,
    group_pairs,
    likeness_words,
)
from phototagger.paths import default_home  # noqa: E402

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


def half_size_q80(path: Path) -> bytes:
    """A copy exported for email: half the size with Pillow's default resize, JPEG quality 80
    (it scores 0.76 to 0.85 with its original, under DUPLICATE_COSINE)."""
    img = Image.open(path).convert("RGB")
    buf = io.BytesIO()
    img.resize((max(img.width // 2, 1), max(img.height // 2, 1))).save(buf, "JPEG", quality=80)
    return buf.getvalue()


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


def _made_copies(
    paths: list[Path], chosen: list[int], make: Callable[[Path], dict[str, bytes]], tag: str
) -> tuple[list[tuple[str, bytes | Path]], list[int], list[str]]:
    """The copies `make` makes of each chosen photo, keyed for embed_files ("name#kind" and
    `tag`); each one's photo; each one's kind."""
    files: list[tuple[str, bytes | Path]] = []
    owners: list[int] = []
    kinds: list[str] = []
    for i in chosen:
        for kind, data in make(paths[i]).items():
            files.append((f"{paths[i].name}#{kind}{tag}", data))
            owners.append(i)
            kinds.append(kind)
    return files, owners, kinds


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
    files, owners, kinds = _made_copies(paths, chosen, variants, "")
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


def joins(paths: list[Path], matrix: np.ndarray, count: int) -> float:
    """Find Duplicates' grouping of `count` photos' three copies, a half-size copy at quality
    80 and a byte copy each, then of the half-size copies alone beside their originals (the
    module says what is printed). Returns the seconds one pixel check takes here."""
    from phototagger.core.same_picture import BLOCK_DIFFERENCE, block_difference, same_picture

    rng = np.random.default_rng(0)  # the photos quality() copies
    chosen = sorted(rng.choice(len(paths), size=min(count, len(paths)), replace=False).tolist())
    files: list[tuple[str, bytes | Path]] = [
        (f"{paths[i].name}#{k}", d) for i in chosen for k, d in variants(paths[i]).items()
    ]
    copies = embed_files(list(files), "variants")
    halves: list[tuple[str, bytes | Path]] = [
        (f"{paths[i].name}#half-size q80", half_size_q80(paths[i])) for i in chosen
    ]
    files += halves
    half_vectors = embed_files(halves, "half80")
    copies = np.concatenate([copies, half_vectors])
    n, m, c = len(paths), len(files), len(chosen)
    greys: dict[int, np.ndarray] = {}

    def grey_of(source: int) -> np.ndarray:  # a det-photo, or n + the copy's place in `files`
        if source not in greys:
            greys[source] = _thumbnail_grey(paths[source] if source < n else files[source - n][1])
        return greys[source]

    at = np.einsum(
        "ij,ij->i",
        _unit_rows(half_vectors.astype(np.float32)),
        _unit_rows(matrix[chosen].astype(np.float32)),
    )
    print(
        f"half-size q80 copies: cosine with their original {_spread(sorted(at.tolist()))};"
        f" {int((at < DUPLICATE_COSINE).sum())} of {c} under {DUPLICATE_COSINE},"
        f" {int((at < JOIN_COSINE).sum())} under {JOIN_COSINE}"
    )
    # Rows: the originals, their three copies, their half-size q80 copies, then a byte copy of
    # each chosen original; a row's pixels are its source's (a byte copy's, its original's).
    owner = list(range(n)) + [chosen[j // 3] for j in range(3 * c)] + chosen + chosen
    source = list(range(n + m)) + chosen
    vectors = np.concatenate([matrix, copies, matrix[chosen]]).astype(np.float32)
    exact = [[i, n + m + k] for k, i in enumerate(chosen)]
    wholes = [[n + 3 * k, n + 3 * k + 1, n + 3 * k + 2, n + 3 * c + k, n + m + k] for k in range(c)]
    print(f"{c} photos with their byte copy and four copies among the {n} det-photos:")
    per_check = _grouped(
        build_index(range(len(owner)), vectors),
        owner,
        lambda a, b: same_picture(grey_of(source[a]), grey_of(source[b])),
        exact,
        {i: w for i, w in zip(chosen, wholes, strict=True)},
        {i: n + 3 * c + k for k, i in enumerate(chosen)},
    )
    # The half-size copies alone: rows are the originals, then the copies.
    print(f"{c} photos with only their half-size q80 copy among the {n} det-photos:")
    alone = [n + 3 * c + k for k in range(c)]
    per_check = _grouped(
        build_index(range(n + c), np.concatenate([matrix, half_vectors]).astype(np.float32)),
        list(range(n)) + chosen,
        lambda a, b: same_picture(
            grey_of(a if a < n else alone[a - n]), grey_of(b if b < n else alone[b - n])
        ),
        [],
        {i: [n + k] for k, i in enumerate(chosen)},
        {i: n + k for k, i in enumerate(chosen)},
    )
    full = _unit_rows(matrix.astype(np.float32))
    x, y = np.nonzero(np.triu(full @ full.T >= JOIN_COSINE, 1))
    looks = [(grey_of(int(i)), grey_of(int(j))) for i, j in zip(x, y, strict=True)]
    t0 = time.perf_counter()
    passed = sum(same_picture(a, b) for a, b in looks)
    seconds = time.perf_counter() - t0
    t0 = time.perf_counter()
    every = sum(block_difference(a, b, BLOCK_DIFFERENCE) < BLOCK_DIFFERENCE for a, b in looks)
    every_seconds = time.perf_counter() - t0
    print(
        f"pairs of different det-photos at cosine {JOIN_COSINE:.2f} or more: {len(x)},"
        f" the pixel check passes {passed} ({seconds / max(len(x), 1) * 1000:.1f} ms each;"
        f" trying every crop, not the coarse ones first: {every} pass,"
        f" {every_seconds / max(len(x), 1) * 1000:.1f} ms each)"
    )
    return per_check


def _grouped(
    index: EmbeddingIndex,
    owner: list[int],
    check: Callable[[int, int], bool],
    exact: list[list[int]],
    copies_of: dict[int, list[int]],
    half_of: dict[int, int],
) -> float:
    """Print how Find Duplicates grouped the rows of `index` (index ids are rows; `owner` is
    each row's original) before and now: how many originals are in one group with all their
    `copies_of`, and with their `half_of` copy, and the groups mixing two originals. `check`
    is the pixel check of two rows. Returns the seconds one pixel check under DUPLICATE_COSINE
    took (reading pixels not read before included)."""
    pairs = duplicate_pairs(index, DUPLICATE_COSINE, exhaustive_up_to=10**9)
    confirmed = [(a, b) for a, b, _ in pairs if check(a, b)]
    alone = group_pairs(confirmed, exact)
    t0 = time.perf_counter()
    joined = [(a, b) for a, b in _old_pairs_across(index, alone) if check(a, b)]
    before = group_pairs(joined, alone)
    old_seconds = time.perf_counter() - t0
    results = [
        ("pairs at 0.86 and byte copies", alone),
        (f"before: and groups joined at {JOIN_COSINE:.2f} (join {old_seconds:.2f} s)", before),
    ]
    per_check = 0.0
    for k in sorted({1, 2, 3, LONE_NEIGHBOURS}):
        same = _Counted(check)
        t0 = time.perf_counter()
        now = copy_groups(index, exact, same, exhaustive_up_to=10**9, neighbours=k)
        new_seconds = time.perf_counter() - t0
        at, further = same.split(index)
        if k == LONE_NEIGHBOURS:
            per_check = float(np.mean(further)) if further else 0.0
        results.append(
            (
                f"now: and each photo's {k} best partner{'s' if k > 1 else ''} outside its group"
                f" at {JOIN_COSINE:.2f}+{_default(k == LONE_NEIGHBOURS)} ({len(further)} pixel"
                f" checks under {DUPLICATE_COSINE}, {len(at)} of the {len(pairs)} pairs at it,"
                f" {np.mean(further or [0]) * 1000:.1f} ms each; {new_seconds:.2f} s in all)",
                now,
            )
        )
    for label, groups in results:
        group_of = {row: g for g, members in enumerate(groups) for row in members}
        whole = sum(
            group_of.get(i) is not None and all(group_of.get(r) == group_of[i] for r in rows)
            for i, rows in copies_of.items()
        )
        half = sum(
            group_of.get(i) is not None and group_of.get(r) == group_of[i]
            for i, r in half_of.items()
        )
        false_groups = sum(len({owner[r] for r in members}) > 1 for members in groups)
        print(
            f"  {label}: {whole} of {len(copies_of)} photos in one group with all their copies"
            f" ({half} with their half-size q80 copy); groups mixing different photos:"
            f" {false_groups} of {len(groups)}"
        )
    return per_check


def _knows(truth: set[tuple[int, int]]) -> Callable[[int, int], bool]:
    """A pixel check that knows the planted copies (`truth`: (row, row), row < row)."""
    return lambda a, b: (min(a, b), max(a, b)) in truth


class _Counted:
    """A pixel check that counts its calls and times each."""

    def __init__(self, same: Callable[[int, int], bool]) -> None:
        self.same, self.seconds = same, list[float]()
        self.pairs: list[tuple[int, int]] = []

    @property
    def count(self) -> int:
        return len(self.seconds)

    def __call__(self, a: int, b: int) -> bool:
        t0 = time.perf_counter()
        verdict = self.same(a, b)
        self.seconds.append(time.perf_counter() - t0)
        self.pairs.append((a, b))
        return verdict

    def split(self, index: EmbeddingIndex) -> tuple[list[float], list[float]]:
        """The seconds of the checks of pairs at DUPLICATE_COSINE or more, and under it (since
        edits35 a pair at it that its group already holds is not checked: fewer than the pairs)."""
        at: list[float] = []
        under: list[float] = []
        row = {photo: r for r, photo in enumerate(index.ids.tolist())}
        for (a, b), seconds in zip(self.pairs, self.seconds, strict=True):
            va, vb = index.vectors[row[a]], index.vectors[row[b]]
            cosine = float(va.astype(np.float32) @ vb.astype(np.float32))
            (at if cosine >= DUPLICATE_COSINE else under).append(seconds)
        return at, under


def _old_pairs_across(index: EmbeddingIndex, groups: list[list[int]]) -> list[tuple[int, int]]:
    """The join as it was: every grouped photo's full embedding against every other's, the
    pairs of two groups at JOIN_COSINE or more (index ids are rows here)."""
    members = [(row, g) for g, group in enumerate(groups) for row in group]
    if len(members) < 2:
        return []
    rows = np.array([r for r, _ in members], np.int64)
    owner = np.array([g for _, g in members], np.int64)
    vectors = index.vectors[rows].astype(np.float32)
    pairs: list[tuple[int, int]] = []
    for start in range(0, len(rows), 2048):  # block by block, each pair once
        r, c = np.nonzero(vectors[start : start + 2048] @ vectors[start:].T >= JOIN_COSINE)
        a, b = r + start, c + start
        across = (a < b) & (owner[a] != owner[b])
        pairs.extend(zip(rows[a[across]].tolist(), rows[b[across]].tolist(), strict=True))
    return pairs


def _unit_rows(vectors: np.ndarray) -> np.ndarray:
    return vectors / np.maximum(np.linalg.norm(vectors, axis=1, keepdims=True), 1e-12)


def _exposure(img: Image.Image, factor: float) -> Image.Image:
    """Brighter or darker as a camera's exposure is: linear light times `factor`, clipped."""
    linear = (np.asarray(img, np.float32) / 255.0) ** 2.2 * factor
    return Image.fromarray((np.clip(linear, 0, 1) ** (1 / 2.2) * 255).round().astype(np.uint8))


def _camera_jpeg(img: Image.Image) -> Image.Image:
    """What a camera's JPEG looks like beside its RAW's preview: its own tone curve, colour
    and sharpening, at another size."""
    from PIL import ImageEnhance, ImageFilter

    w, h = img.size
    out = img.resize((w * 3 // 4, h * 3 // 4), Image.Resampling.BICUBIC)
    curve = (np.asarray(out, np.float32) / 255.0) ** 0.85
    out = Image.fromarray((curve * 255).round().astype(np.uint8))
    out = ImageEnhance.Color(out).enhance(1.2)
    return out.filter(ImageFilter.UnsharpMask(radius=1.5, percent=80))


def _pasted(img: Image.Image, tiles: list[Image.Image], rng: np.random.Generator) -> Image.Image:
    """`tiles` pasted on the photo, each a sixth of its width: the coffee cup with two faces."""
    out = img.copy()
    w, h = out.size
    side = max(8, w // 6)
    for i, tile in enumerate(tiles):
        x = int(w * (0.05 + 0.5 * i) + rng.integers(0, max(1, w // 4)))
        y = int(rng.integers(0, max(1, h - side)))
        out.paste(tile.convert("RGB").resize((side, side)), (min(x, w - side), y))
    return out


NEAR_COPIES = (
    "resized",
    "recompressed",
    "cropped",
    "cropped corner",
    "brighter",
    "darker",
    "camera JPEG",
)
DISTINCT_EDITS = ("two faces pasted", "two objects pasted")


def edited(path: Path, others: list[Path], rng: np.random.Generator) -> dict[str, bytes]:
    """Near-copies a library collects, and edits that make another picture (objects pasted
    on it), as JPEG bytes."""
    import skimage.data

    img = Image.open(path).convert("RGB")
    w, h = img.size
    faces = skimage.data.lfw_subset()[:100]
    picks = rng.choice(100, 2, replace=False)
    face_tiles = [Image.fromarray((faces[int(i)] * 255).astype(np.uint8)) for i in picks]
    object_tiles = []
    for other in rng.choice(len(others), 2, replace=False):
        o = Image.open(others[int(other)]).convert("RGB")
        side = min(o.size) // 2
        object_tiles.append(o.crop(((o.width - side) // 2, 0, (o.width + side) // 2, side)))
    images = {
        "resized": (img.resize((max(w // 2, 1), max(h // 2, 1)), Image.Resampling.LANCZOS), 90),
        "recompressed": (img, 40),
        "cropped": (img.crop((w // 20, h // 20, w - w // 20, h - h // 20)), 90),
        "cropped corner": (img.crop((w // 10, h // 10, w, h)), 90),
        "brighter": (_exposure(img, 1.6), 90),
        "darker": (_exposure(img, 0.6), 90),
        "camera JPEG": (_camera_jpeg(img), 88),
        "two faces pasted": (_pasted(img, face_tiles, rng), 92),
        "two objects pasted": (_pasted(img, object_tiles, rng), 92),
    }
    return _jpegs(images)


def _jpegs(images: dict[str, tuple[Image.Image, int]]) -> dict[str, bytes]:
    """Each (picture, JPEG quality) saved, by name."""
    out: dict[str, bytes] = {}
    for name, (picture, quality) in images.items():
        buf = io.BytesIO()
        picture.save(buf, "JPEG", quality=quality)
        out[name] = buf.getvalue()
    return out


def _thumbnail_grey(source: Path | bytes) -> np.ndarray:
    """The grey pixels the duplicate check reads: a thumbnail of the file as the scan makes
    it (320 px, reduced while decoding)."""
    from phototagger.core.imaging import THUMBNAIL_RESAMPLE
    from phototagger.core.same_picture import THUMBNAIL_SIDE, grey

    with Image.open(io.BytesIO(source) if isinstance(source, bytes) else source) as image:
        image.draft("RGB", (THUMBNAIL_SIDE, THUMBNAIL_SIDE))
        rgb = image.convert("RGB")
    rgb.thumbnail((THUMBNAIL_SIDE, THUMBNAIL_SIDE), THUMBNAIL_RESAMPLE, reducing_gap=3.0)
    return grey(rgb)


def near_duplicates(folder: Path, label: str, count: int, same_kind: list[str] | None) -> None:
    """Near-copies found against false groups, with the embeddings alone (before) and with the
    pixel check too (after): `count` photos of `folder` each get NEAR_COPIES (which should join
    their original) and DISTINCT_EDITS (which should not), mixed with all of the folder's
    photos, whose different photos of one category (`same_kind`) are similar but distinct."""
    from phototagger.core.same_picture import BLOCK_DIFFERENCE, block_difference

    paths = sorted(p for p in folder.iterdir() if p.suffix.lower() in (".jpg", ".jpeg"))
    matrix = embed_files([(p.name, p) for p in paths], "det" if folder == DET else f"near-{label}")
    rng = np.random.default_rng(7)
    chosen = sorted(rng.choice(len(paths), size=min(count, len(paths)), replace=False).tolist())
    files: list[tuple[str, bytes | Path]] = []
    owners: list[int] = []
    kinds: list[str] = []
    for i in chosen:
        for kind, data in edited(paths[i], paths, rng).items():
            files.append((f"{paths[i].name}#{kind}#v2", data))
            owners.append(i)
            kinds.append(kind)
    edits = embed_files(files, f"near-edits-{label}")
    n = len(paths)
    index = build_index(range(n + len(files)), np.concatenate([matrix, edits]).astype(np.float32))
    # Who a row is: a near-copy is its original; a distinct edit is a picture of its own.
    who = list(range(n)) + [
        owners[j] if kinds[j] in NEAR_COPIES else n + j for j in range(len(files))
    ]
    pairs = duplicate_pairs(index, DUPLICATE_COSINE, exhaustive_up_to=10**9)
    greys: dict[int, np.ndarray] = {}

    def pixels(row: int) -> np.ndarray:
        if row not in greys:
            greys[row] = _thumbnail_grey(paths[row] if row < n else files[row - n][1])
        return greys[row]

    # Each pair's score, exact wherever it decides: a pair passing uncropped at the lowest
    # limit tried passes at every limit, so only the others are searched over crops.
    limits = sorted({0.4, 0.5, 0.6, 0.7, BLOCK_DIFFERENCE, 0.9})
    score: dict[tuple[int, int], float] = {}
    for done, (a, b, _) in enumerate(pairs, start=1):
        score[(a, b)] = block_difference(pixels(a), pixels(b), enough=limits[0])
        if done % 200 == 0:
            print(f"  checked {done}/{len(pairs)} pairs", file=sys.stderr, end="\r")

    def kind_of(row: int) -> str:
        return "photo" if row < n else kinds[row - n]

    spreads = {
        "an edited copy and its original": [
            v for (a, b), v in score.items() if who[a] == who[b] and (a < n or b < n)
        ],
        "objects pasted, and the photo or its copies": [
            v
            for (a, b), v in score.items()
            if who[a] != who[b] and {kind_of(a), kind_of(b)} & set(DISTINCT_EDITS)
        ],
        "two different photos": [
            v for (a, b), v in score.items() if a < n and b < n and who[a] != who[b]
        ],
    }
    print(
        f"{label}: {n} photos, {len(chosen)} edited; {len(pairs)} pairs at cosine"
        f" {DUPLICATE_COSINE}; the largest block difference of"
    )
    for name, values in spreads.items():
        print(f"    {name} ({len(values)} pairs): {_spread(sorted(values))}")
    for name, keep in [("before (embeddings alone)", [True] * len(pairs))] + [
        (
            f"after (and block difference < {limit}{_default(limit == BLOCK_DIFFERENCE)})",
            [score[(a, b)] < limit for a, b, _ in pairs],
        )
        for limit in limits
    ]:
        kept = [(a, b) for (a, b, _), k in zip(pairs, keep, strict=True) if k]
        groups = group_pairs(kept)
        group_of = {row: g for g, members in enumerate(groups) for row in members}
        found = {k: 0 for k in (*NEAR_COPIES, *DISTINCT_EDITS)}
        for j, kind in enumerate(kinds):
            g = group_of.get(n + j)
            if g is not None and owners[j] in groups[g]:
                found[kind] += 1
        false_groups = [members for members in groups if len({who[m] for m in members}) > 1]
        kinship = ""
        if same_kind is not None:
            kin = sum(
                any(
                    a < n and b < n and same_kind[a] == same_kind[b]
                    for a in members
                    for b in members
                    if a != b
                )
                for members in false_groups
            )
            kinship = f" ({kin} joining two photos of one category)"
        copies = ", ".join(f"{k} {found[k]}" for k in NEAR_COPIES)
        distinct = ", ".join(f"{k} {found[k]}" for k in DISTINCT_EDITS)
        print(
            f"  {name}: near-copies with their original (of {len(chosen)}): {copies};"
            f" edits grouped with their original (should be 0): {distinct};"
            f" false groups {len(false_groups)} of {len(groups)}{kinship}"
        )


def _drawn_categories(
    categories: list[str], count: int, rng: np.random.Generator | int
) -> list[list[int]]:
    """The photos (indices) of `count` categories drawn at random, in the categories' order."""
    by_category: dict[str, list[int]] = {}
    for i, c in enumerate(categories):
        by_category.setdefault(c, []).append(i)
    rng = np.random.default_rng(rng)
    picked = sorted(rng.choice(sorted(by_category), size=count, replace=False).tolist())
    return [by_category[c] for c in picked]


def straightened(img: Image.Image, degrees: float) -> Image.Image:
    """A photo straightened by `degrees` as an editor does it: turned, then cropped to the
    largest frame of its own shape with no blank corner (crop to fill)."""
    w, h = img.size
    turn = np.radians(abs(degrees))
    cos, sin = float(np.cos(turn)), float(np.sin(turn))
    scale = min(w / (w * cos + h * sin), h / (w * sin + h * cos))
    cw, ch = w * scale, h * scale
    turned = img.rotate(degrees, resample=Image.Resampling.BICUBIC)
    return turned.crop(
        (round((w - cw) / 2), round((h - ch) / 2), round((w + cw) / 2), round((h + ch) / 2))
    )


def _white_balance(img: Image.Image, warmer: bool) -> Image.Image:
    """Warmer (or cooler) by about 1,000 K: red up and blue down in linear light (or back)."""
    gains = np.array([1.12, 1.0, 0.86] if warmer else [0.88, 1.0, 1.15], np.float32)
    linear = (np.asarray(img, np.float32) / 255.0) ** 2.2 * gains
    return Image.fromarray((np.clip(linear, 0, 1) ** (1 / 2.2) * 255).round().astype(np.uint8))


def _four_by_five(img: Image.Image) -> Image.Image:
    """A 3:2 frame cropped to 4:5 keeps (5/4) / (3/2) of its long side: that share of the
    photo's long side, centred."""
    w, h = img.size
    if w >= h:
        keep = round(w * (5 / 4) / (3 / 2))
        return img.crop(((w - keep) // 2, 0, (w - keep) // 2 + keep, h))
    keep = round(h * (5 / 4) / (3 / 2))
    return img.crop((0, (h - keep) // 2, w, (h - keep) // 2 + keep))


PHOTOGRAPHER_EDITS = (
    "straighten 1°",
    "straighten 2°",
    "straighten 3°",
    "exposure +0.5 EV",
    "exposure -0.5 EV",
    "exposure +1 EV",
    "exposure -1 EV",
    "warmer",
    "cooler",
    "contrast up",
    "saturation up",
    "black-and-white",
    "3:2 -> 4:5 crop",
    "mirrored",
    "straighten 2° + exposure +0.5 + 4:5 crop",
    "straighten -3° + exposure -1 + warmer",
)


def photographer_edits(path: Path) -> dict[str, bytes]:
    """PHOTOGRAPHER_EDITS of a photo (the JPEG a photographer exports after each), and two
    burst-like frames of it (two crops 10 % apart each way, as sizes_likeness makes them), as
    JPEG bytes."""
    from PIL import ImageEnhance, ImageOps

    img = Image.open(path).convert("RGB")
    w, h = img.size
    images = {
        "straighten 1°": straightened(img, 1),
        "straighten 2°": straightened(img, -2),
        "straighten 3°": straightened(img, 3),
        "exposure +0.5 EV": _exposure(img, 2**0.5),
        "exposure -0.5 EV": _exposure(img, 2**-0.5),
        "exposure +1 EV": _exposure(img, 2.0),
        "exposure -1 EV": _exposure(img, 0.5),
        "warmer": _white_balance(img, True),
        "cooler": _white_balance(img, False),
        "contrast up": ImageEnhance.Contrast(img).enhance(1.35),
        "saturation up": ImageEnhance.Color(img).enhance(1.5),
        "black-and-white": ImageOps.grayscale(img).convert("RGB"),
        "3:2 -> 4:5 crop": _four_by_five(img),
        "mirrored": ImageOps.mirror(img),
        "straighten 2° + exposure +0.5 + 4:5 crop": _four_by_five(
            _exposure(straightened(img, 2), 2**0.5)
        ),
        "straighten -3° + exposure -1 + warmer": _white_balance(
            _exposure(straightened(img, -3), 0.5), True
        ),
        "burst frame 1": img.crop((0, 0, w - w // 10, h - h // 10)),
        "burst frame 2": img.crop((w // 10, h // 10, w, h)),
    }
    return _jpegs({k: (v, 90) for k, v in images.items()})


def photographer_copies(count: int, other: Path) -> None:
    """Find Duplicates on a photographer's edited exports (edits35): `count` det-photos (one
    per category, categories drawn at random) each with PHOTOGRAPHER_EDITS and two burst-like
    frames, among all 1,000 det-photos. Per edit: the cosine with the original (full vectors),
    whether the pixel check (core/same_picture.py) passes on the two thumbnails, and whether
    `duplicates` (copy_groups, pixels checked) puts it in its original's group. Then the false
    groups: groups holding two different photos (two det-photos of one category counted
    apart), the burst frames grouped with each other, and the groups among `other`'s photos,
    all different pictures."""
    from phototagger.core.same_picture import picture_difference, same_picture

    paths, categories, matrix = det_photos()
    chosen = [photos[0] for photos in _drawn_categories(categories, count, 3535)]
    files, owners, kinds = _made_copies(paths, chosen, photographer_edits, "#edits35")
    copies = embed_files(files, "edits35")
    n = len(paths)
    vectors = np.concatenate([matrix, copies]).astype(np.float32)
    index = build_index(range(len(vectors)), vectors)
    unit = _unit_rows(vectors)
    greys: dict[int, np.ndarray] = {}

    def grey_of(r: int) -> np.ndarray:
        if r not in greys:
            greys[r] = _thumbnail_grey(paths[r] if r < n else files[r - n][1])
        return greys[r]

    t0 = time.perf_counter()
    groups = copy_groups(
        index, [], lambda a, b: same_picture(grey_of(a), grey_of(b)), exhaustive_up_to=10**9
    )
    seconds = time.perf_counter() - t0
    group_of = {r: g for g, members in enumerate(groups) for r in members}
    verdicts: dict[tuple[int, int], bool] = {}

    def same(a: int, b: int) -> bool:
        key = (min(a, b), max(a, b))
        if key not in verdicts:
            verdicts[key] = same_picture(grey_of(key[0]), grey_of(key[1]))
        return verdicts[key]

    alone: dict[str, int] = {}  # each edit as the one copy of its photo in the library
    for kind in PHOTOGRAPHER_EDITS:
        rows = [n + j for j, k in enumerate(kinds) if k == kind]
        kept = list(range(n)) + rows
        lone = copy_groups(build_index(kept, vectors[kept]), [], same, exhaustive_up_to=10**9)
        together = {frozenset(g) for g in lone}
        alone[kind] = sum(any({owners[r - n], r} <= g for g in together) for r in rows)
    print(
        f"{count} det-photos, each with {len(PHOTOGRAPHER_EDITS)} edited exports and two burst"
        f" frames, among the {n} det-photos ({n + len(files)} photos; `duplicates` took"
        f" {seconds:.1f} s, load average {os.getloadavg()[0]:.1f})"
    )
    print(
        f"  {'edit':<42} {'cosine min/median/max':<22} pixel check passes  found"
        f" (cosine >= {DUPLICATE_COSINE}: n)  found as its photo's only copy"
    )
    missed: dict[str, list[str]] = {}
    for kind in PHOTOGRAPHER_EDITS:
        rows = [n + j for j, k in enumerate(kinds) if k == kind]
        cos = [float(unit[r] @ unit[owners[r - n]]) for r in rows]
        failed = [r for r in rows if not same_picture(grey_of(owners[r - n]), grey_of(r))]
        passes = len(rows) - len(failed)
        missed[kind] = [paths[owners[r - n]].name for r in failed]
        found = sum(group_of.get(r, -1) == group_of.get(owners[r - n], -2) for r in rows)
        scores = [picture_difference(grey_of(owners[r - n]), grey_of(r)) for r in rows]
        print(
            f"  {kind:<42} {min(cos):.2f} / {np.median(cos):.2f} / {max(cos):.2f}"
            f"     {passes:>2} of {len(rows)} (score median {np.median(scores):.2f})"
            f"   {found:>2} of {len(rows)}  ({sum(c >= DUPLICATE_COSINE for c in cos)})"
            f"  {alone[kind]:>2} of {len(rows)}"
        )
    failing = {k: v if len(v) <= 4 else f"{len(v)} photos" for k, v in missed.items() if v}
    print(f"  the pixel check fails: {failing}")
    kept_originals(paths, chosen)
    frames: dict[int, list[int]] = {}
    for j, k in enumerate(kinds):
        if k.startswith("burst frame"):
            frames.setdefault(owners[j], []).append(n + j)
    burst = sum(group_of.get(a, -1) == group_of.get(b, -2) for a, b in frames.values())
    # Who a row is: an edit is its original; a burst frame a picture of its own.
    who = list(range(n)) + [
        owners[j] if not k.startswith("burst frame") else n + j for j, k in enumerate(kinds)
    ]
    false_groups = [g for g in groups if len({who[r] for r in g}) > 1]
    det_false = [g for g in false_groups if len({who[r] for r in g if who[r] < n}) > 1]
    kin = sum(
        any(categories[who[a]] == categories[who[b]] for a in g for b in g if who[a] != who[b])
        for g in det_false
    )
    print(
        f"  groups: {len(groups)}; mixing two different det-photos: {len(det_false)} ({kin} of"
        f" them two photos of one category); burst frames grouped together (two crops 10 %"
        f" apart: the same pixels, which the check cannot tell from a crop): {burst} of"
        f" {len(frames)}; groups mixing a burst frame with another picture:"
        f" {len(false_groups) - len(det_false)}"
    )
    if other.is_dir():
        others = sorted(p for p in other.iterdir() if p.suffix.lower() in (".jpg", ".jpeg"))
        other_matrix = embed_files([(p.name, p) for p in others], f"near-{other.name}")
        other_greys: dict[int, np.ndarray] = {}

        def other_grey(r: int) -> np.ndarray:
            if r not in other_greys:
                other_greys[r] = _thumbnail_grey(others[r])
            return other_greys[r]

        other_groups = copy_groups(
            build_index(range(len(others)), other_matrix.astype(np.float32)),
            [],
            lambda a, b: same_picture(other_grey(a), other_grey(b)),
            exhaustive_up_to=10**9,
        )
        print(
            f"  {other}: {len(others)} different photos, groups (all false):"
            f" {len(other_groups)} {[[others[r].name for r in g] for g in other_groups]}"
        )


def kept_originals(paths: list[Path], chosen: list[int]) -> None:
    """Which of a photo and one edited export of it Find Duplicates keeps (core/duplicate_keep.py,
    duplicate_copies.kept_by), as it was (the larger file at equal pixels) and now: each
    det-photo (no EXIF, as the export has none either) with its file date, each export saved
    at quality 90 a day later; and a plain copy saved again at quality 95, for which the
    larger file is still the rule."""
    from phototagger.core.duplicate_copies import kept_by
    from phototagger.core.duplicate_keep import keep_order
    from phototagger.core.library import open_library
    from phototagger.core.same_picture import PictureReader
    from phototagger.paths import LibraryHome
    from phototagger.store.records import Photo
    from phototagger.store.states import PhotoStatus

    def photo(pid: int, path: Path) -> Photo:
        with Image.open(path) as img:
            w, h = img.size
        stat = path.stat()
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
        return Photo(
            pid, str(path), str(path.parent), path.name, stat.st_size, stat.st_mtime, digest,
            w, h, None, 1, PhotoStatus.TAGGED, None, None, None,
        )  # fmt: skip

    kinds = [*PHOTOGRAPHER_EDITS, "plain: saved again at q95"]
    before = dict.fromkeys(kinds, 0)
    now = dict.fromkeys(kinds, 0)
    larger = dict.fromkeys(kinds, 0)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        with open_library(LibraryHome.under(folder / "home")) as library:
            for n, i in enumerate(chosen):
                made = photographer_edits(paths[i])
                with Image.open(paths[i]) as img:
                    made["plain: saved again at q95"] = _jpegs({"": (img.convert("RGB"), 95)})[""]
                original = folder / f"{n}" / paths[i].name
                original.parent.mkdir()
                shutil.copyfile(paths[i], original)
                os.utime(original, (1.7e9, 1.7e9))
                for j, kind in enumerate(kinds):
                    export = folder / f"{n}" / f"export{j}.jpg"
                    export.write_bytes(made[kind])
                    os.utime(export, (1.7e9 + 86400, 1.7e9 + 86400))
                    photos = {1: photo(1, original), 2: photo(2, export)}
                    order = keep_order(library.db, photos)
                    ids = sorted(photos, key=order)
                    before[kind] += ids[0] == 1
                    group_order = kept_by(ids, photos, order, PictureReader(None))
                    now[kind] += min(ids, key=group_order) == 1
                    larger[kind] += photos[2].size > photos[1].size  # type: ignore[operator]
    print(
        f"  kept the original over one edited export of it (of {len(chosen)}; the export"
        " the larger file in brackets): as it was -> now"
    )
    for kind in kinds:
        print(f"    {kind:<42} ({larger[kind]:>2})  {before[kind]:>2} -> {now[kind]:>2}")


def _default(default: bool) -> str:
    return ", the default" if default else ""


def _spread(values: list[float]) -> str:
    if not values:
        return "(none)"
    q = np.quantile(values, [0.0, 0.05, 0.5, 0.95, 1.0])
    return f"min {q[0]:.2f} / 5% {q[1]:.2f} / median {q[2]:.2f} / 95% {q[3]:.2f} / max {q[4]:.2f}"


def likeness(folder: Path, label: str, categories: list[str] | None) -> None:
    """Find Similar's figure for kinds of pairs of `folder`'s photos and of copies of 200 of
    them (section 5 of the module's docstring)."""
    paths = sorted(p for p in folder.iterdir() if p.suffix.lower() in (".jpg", ".jpeg"))
    matrix = embed_files([(p.name, p) for p in paths], "det" if folder == DET else f"near-{label}")
    rng = np.random.default_rng(0)
    chosen = sorted(rng.choice(len(paths), size=min(200, len(paths)), replace=False).tolist())
    files: list[tuple[str, bytes | Path]] = [
        (f"{paths[i].name}#{k}", d) for i in chosen for k, d in variants(paths[i]).items()
    ]
    copies = embed_files(files, "variants" if folder == DET else f"variants-{label}")
    n = len(paths)
    index = build_index(range(n + len(files)), np.concatenate([matrix, copies]).astype(np.float32))
    scale = index.scale
    print(
        f"{label}: {n} photos and {len(files)} copies; median pair {scale.typical:.3f} (0 %),"
        f" standout {scale.standout:.3f} (50 %)"
    )
    upper = np.triu_indices(n, 1)
    full = index.vectors.astype(np.float32)  # the figure's cosines (likeness35)
    cosines = (full[:n] @ full[:n].T)[upper]
    kinds: dict[str, np.ndarray] = {}
    if categories is not None:
        named = np.array(categories)
        same = (named[:, None] == named[None, :])[upper]
        kinds = {"same category": cosines[same], "different categories": cosines[~same]}
    else:
        kinds = {"any two photos": cosines}
    owners = np.repeat(chosen, 3)
    copy_scores = np.einsum("ij,ij->i", full[n:], full[owners])
    for j, kind in enumerate(("resized", "recompressed", "cropped")):
        kinds[f"copy {kind}"] = copy_scores[j::3]
    for kind, scores in kinds.items():
        shown = np.array([scale.percent(float(c)) for c in scores])
        q = np.percentile(shown, [5, 25, 50, 75, 95])
        words = [likeness_words(int(p)) for p in shown]
        shares = ", ".join(
            f"{w} {words.count(w) / len(words):.1%}" for _, w in LIKENESS_WORDS if w in words
        )
        print(
            f"  {kind} ({len(scores):,} pairs): 5/25/50/75/95% read"
            f" {' / '.join(f'{v:.0f}' for v in q)} %; {shares}"
        )
    ratios = []
    for size in (20, 50, 100, 300, n):
        found = []
        for seed in range(10 if size < n else 1):
            rows = np.random.default_rng(seed).choice(n, size=size, replace=False)
            part = build_index(range(size), matrix[rows].astype(np.float32)).vectors
            part = part.astype(np.float32)
            pairs = (part @ part.T)[np.triu_indices(size, 1)]
            p25, p50, p75, p99 = np.percentile(pairs, [25, 50, 75, 99])
            found.append((p99 - p50) / (p75 - p25))
        ratios.append(f"{size} photos {np.mean(found):.2f}")
    print(f"  99th percentile of pairs, in IQRs above the median: {', '.join(ratios)}")


# The words as they were (before likeness35), for the figures as they were.
WORDS_AS_THEY_WERE = ((85, "Almost identical"), (70, "Very similar"), (50, "Similar"),
                      (25, "Loosely related"), (0, "Unrelated"))  # fmt: skip
SIZE_COPIES = ("half size", "JPEG q60", "10 % crop", "rotated, brighter", "mirrored")


def _size_copies(path: Path) -> dict[str, bytes]:
    """SIZE_COPIES of a photo and two frames of one picture (two crops, 10 % apart each way:
    a burst's neighbours, another picture for Find Duplicates), as JPEG bytes."""
    from PIL import ImageEnhance, ImageOps

    img = Image.open(path).convert("RGB")
    w, h = img.size
    turned = img.rotate(2, resample=Image.Resampling.BICUBIC)
    turned = turned.crop((w // 25, h // 25, w - w // 25, h - h // 25))
    images = {
        "half size": (img.resize((max(w // 2, 1), max(h // 2, 1))), 85),
        "JPEG q60": (img, 60),
        "10 % crop": (img.crop((w // 20, h // 20, w - w // 20, h - h // 20)), 90),
        "rotated, brighter": (ImageEnhance.Brightness(turned).enhance(1.15), 90),
        "mirrored": (ImageOps.mirror(img), 90),
        "burst frame 1": (img.crop((0, 0, w - w // 10, h - h // 10)), 90),
        "burst frame 2": (img.crop((w // 10, h // 10, w, h)), 90),
    }
    return _jpegs(images)


def _percents(scale: similar.LikenessScale, cosines: np.ndarray) -> np.ndarray:
    """LikenessScale.percent of many cosines at once."""
    low = 0.5 * (cosines - scale.typical) / max(scale.standout - scale.typical, 1e-6)
    high = 0.5 + 0.5 * (cosines - scale.standout) / max(1.0 - scale.standout, 1e-6)
    share = np.where(cosines < scale.standout, low, high)
    return np.clip(np.round(share * 100), 0, 100).astype(np.int64)


def _words_of(percent: int, words: tuple[tuple[int, str], ...]) -> str:
    return next(w for lowest, w in words if percent >= lowest)


def _scale_as_it_was(reduced: np.ndarray) -> similar.LikenessScale:
    """core/similar.likeness_scale before likeness35: on the projections, every pair counted."""
    n = len(reduced)
    rows = reduced[np.linspace(0, n - 1, min(n, similar._SCALE_SAMPLE)).astype(np.int64)]
    pairs = (rows @ rows.T)[np.triu_indices(len(rows), 1)]
    low, typical, high = np.percentile(pairs, [25, 50, 75])
    standout = min(typical + similar.STANDOUT_IQRS * (high - low), 0.99)
    return similar.LikenessScale(float(typical), float(standout))


def sizes_likeness(sizes: list[int], originals: int = 20) -> None:
    """The same pairs' figure, words, duplicates and Find Similar rank in libraries of `sizes`
    det-photos (likeness35): each holds `originals` photos with SIZE_COPIES and two burst frames
    each, another photo of each one's category, and other det-photos up to the size (a larger
    library holds a smaller one's photos). As it was: the figure on the projections' cosine and
    scale, ranked on the projection; now: as core/similar.py reads and ranks it."""
    from phototagger.core.same_picture import same_picture

    paths, categories, matrix = det_photos()
    rng = np.random.default_rng(35)
    drawn = _drawn_categories(categories, originals, rng)
    firsts = [photos[0] for photos in drawn]
    seconds = [photos[1] for photos in drawn]
    files, owners, kinds = _made_copies(paths, firsts, _size_copies, "#likeness35")
    copies = embed_files(files, "sizes-likeness")
    rest = [i for i in rng.permutation(len(paths)).tolist() if i not in set(firsts + seconds)]
    greys: dict[int, np.ndarray] = {}
    print(
        f"{originals} det-photos, each with {', '.join(SIZE_COPIES)} and two burst frames (10 %"
        f" apart), another photo of its category; {len(files)} copies in every library"
    )
    summary: dict[str, list[str]] = {}
    moves: dict[str, list[tuple[list[int], list[int]]]] = {}  # per size, each pair's figures
    rows_all: dict[int, tuple[np.ndarray, np.ndarray]] = {}
    for size in sizes:
        chosen = firsts + seconds + rest[: max(0, size - 2 * originals)]
        n = len(chosen)
        index = build_index(
            range(n + len(files)), np.concatenate([matrix[chosen], copies]).astype(np.float32)
        )
        row = {det: r for r, det in enumerate(chosen)}
        old_scale = _scale_as_it_was(index.reduced)
        pairs: dict[str, list[tuple[int, int]]] = {k: [] for k in SIZE_COPIES}
        pairs["burst frames"] = []
        pairs["same category"] = [(row[a], row[b]) for a, b in zip(firsts, seconds, strict=True)]
        frames: dict[int, int] = {}
        for j, (kind, owner) in enumerate(zip(kinds, owners, strict=True)):
            if kind in SIZE_COPIES:
                pairs[kind].append((row[owner], n + j))
            elif kind == "burst frame 2":
                pairs["burst frames"].append((frames[owner], n + j))
            else:
                frames[owner] = n + j
        # Duplicates at the default cut, pixels checked as the scan's thumbnails read.

        def grey_of(r: int, chosen: list[int] = chosen, n: int = n) -> np.ndarray:
            key = chosen[r] if r < n else -1 - (r - n)
            if key not in greys:
                greys[key] = _thumbnail_grey(paths[chosen[r]] if r < n else files[r - n][1])
            return greys[key]

        groups = copy_groups(index, [], lambda a, b: same_picture(grey_of(a), grey_of(b)))
        group_of = {r: g for g, members in enumerate(groups) for r in members}
        # Who each row is: a copy is its original; a burst frame a picture of its own.
        who = list(range(n)) + [
            row[o] if k in SIZE_COPIES else n + j
            for j, (k, o) in enumerate(zip(kinds, owners, strict=True))
        ]
        grouped = [(a, b) for g in groups for x, a in enumerate(g) for b in g[x + 1 :]]
        true = sum(who[a] == who[b] for a, b in grouped)
        # Counting the burst frames as crops of their photo (they are: 10 % off two sides).
        photo = list(range(n)) + [row[o] for o in owners]
        crops = sum(photo[a] == photo[b] for a, b in grouped)
        print(
            f"{n} det-photos + {len(files)} copies = {n + len(files)} photos; median pair"
            f" {index.scale.typical:.3f}, standout {index.scale.standout:.3f} (projections'"
            f" as it was: {old_scale.typical:.3f}, {old_scale.standout:.3f}); `duplicates`:"
            f" {len(groups)} groups, pairs in them {true} of {len(grouped)} one picture's"
            f" (precision {true / max(len(grouped), 1):.2f}; {crops / max(len(grouped), 1):.2f}"
            f" with the burst frames as crops of their photo)"
        )
        for kind, kind_pairs in pairs.items():
            was = [
                old_scale.percent(float(index.reduced[a] @ index.reduced[b])) for a, b in kind_pairs
            ]
            now = [index.likeness(a, b) for a, b in kind_pairs]
            found = sum(group_of.get(a, -1) == group_of.get(b, -2) for a, b in kind_pairs)
            rank_was, rank_now = [], []
            for a, b in kind_pairs:
                ranked = [r for r, _ in index.similar(int(index.ids[a]))]
                rank_was.append(ranked.index(b) + 1)
                ranked = [r for r, _ in similar.similar_by_likeness(index, a, index.full_rows)]
                rank_now.append(ranked.index(b) + 1)

            def said(values: list[int], words: tuple[tuple[int, str], ...]) -> str:
                named = [_words_of(v, words) for v in values]
                counted = ", ".join(f"{w} {named.count(w)}" for _, w in words if w in named)
                return f"median {int(np.median(values))} ({min(values)}-{max(values)}): {counted}"

            print(
                f"  {kind:<18} was {said(was, WORDS_AS_THEY_WERE)}; rank median"
                f" {np.median(rank_was):.0f} max {max(rank_was)}"
            )
            print(
                f"  {'':<18} now {said(now, LIKENESS_WORDS)}; rank median"
                f" {np.median(rank_now):.0f} max {max(rank_now)}; `duplicates` finds"
                f" {found} of {len(kind_pairs)}"
            )
            summary.setdefault(kind, []).append(
                f"{size}: {int(np.median(was))}->{int(np.median(now))}"
            )
            moves.setdefault(kind, []).append((was, now))
        upper = np.triu_indices(n + len(files), 1)
        rows_all[size] = (
            _percents(old_scale, (index.reduced @ index.reduced.T)[upper]),
            _percents(
                index.scale,
                (index.vectors.astype(np.float32) @ index.vectors.T.astype(np.float32))[upper],
            ),
        )
        if size >= 300:
            # Past EXACT_TOP Find Similar reads the projection's cosine, less its excess over
            # the full one at the last exact rows: how far that reads from the full figure.
            gaps = []
            for a in (row[f] for f in firsts):
                shown = similar.similar_by_likeness(index, a, index.full_rows)[similar.EXACT_TOP :]
                gaps += [
                    abs(index.scale.percent(score) - index.likeness(a, b)) for b, score in shown
                ]
            print(
                f"  past the first {similar.EXACT_TOP} (read on the projection), the figure is"
                f" within {np.percentile(gaps, 50):.0f} / {np.percentile(gaps, 95):.0f} /"
                f" {max(gaps)} points (median / 95 % / max) of the full cosine's"
            )
    print("median figure per kind, as it was -> now, by library size (det-photos):")
    for kind, line in summary.items():
        was_by_size = np.array([w for w, _ in moves[kind]])  # (sizes, pairs)
        now_by_size = np.array([n for _, n in moves[kind]])
        was_move = int((was_by_size.max(axis=0) - was_by_size.min(axis=0)).max())
        now_move = int((now_by_size.max(axis=0) - now_by_size.min(axis=0)).max())
        print(
            f"  {kind:<18} {', '.join(line)}; a pair's figure moves by {was_move} -> {now_move}"
            f" points at most from the smallest library to the largest"
        )
    for size, (all_was, all_now) in rows_all.items():
        # The figure now at which as many pairs read each word as read it before.
        cuts = []
        ranked_now = np.sort(all_now)[::-1]
        for lowest, words in WORDS_AS_THEY_WERE[:-1]:
            k = int(np.count_nonzero(all_was >= lowest))
            cuts.append(f"{words} {lowest} -> {ranked_now[k - 1] if k else '-'} ({k} pairs)")
        print(f"  {size}: as many pairs over each word now as before at: {'; '.join(cuts)}")


def synthetic_library(
    base: np.ndarray, n: int, rng: np.random.Generator, share: float = 0.02
) -> tuple[np.ndarray, np.ndarray]:
    """n embeddings spread like real ones, `share` of them near-copies of another: each photo is a
    random mix of two real photos plus noise (so no two are alike by accident), and a copy is
    its photo plus a little noise (cosine about 0.95, like a recompressed file). Returns the
    embeddings and, for each copy (the last rows), the row of its photo."""
    copies = int(n * share)
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


def join_speed(matrix: np.ndarray, sizes: list[int], share: float, per_check: float) -> None:
    """The steps after the near-duplicate pairs on synthetic embeddings with `share` of them
    planted copies: the join as it was (every grouped photo against every other) and Find
    Duplicates' grouping now (copy_groups: the pairs at JOIN_COSINE, then each photo's
    LONE_NEIGHBOURS best partners outside its group), with a pixel check that knows the planted
    copies; the pixel checks are counted and their time estimated at `per_check` seconds."""
    rng = np.random.default_rng(2)
    base = matrix.astype(np.float32)
    for n in sizes:
        synthetic, picked = synthetic_library(base, n, rng, share)
        index = build_index(np.arange(n), synthetic)
        originals = n - len(picked)
        truth = {(int(o), originals + j) for j, o in enumerate(picked.tolist())}
        t0 = time.perf_counter()
        pairs = duplicate_pairs(index, DUPLICATE_COSINE)
        groups = group_pairs([(a, b) for a, b, _ in pairs])
        t1 = time.perf_counter()
        across = _old_pairs_across(index, groups)
        t2 = time.perf_counter()
        grouped = sum(len(g) for g in groups)
        print(
            f"{n:>7,} photos, {len(picked):,} planted copies: near-duplicate pairs and groups"
            f" {t1 - t0:.2f} s ({grouped:,} photos in {len(groups):,} groups); the join as it"
            f" was (every grouped photo against every other) {t2 - t1:.2f} s, {len(across):,}"
            " pairs to check",
            flush=True,
        )
        for k in sorted({1, LONE_NEIGHBOURS, 3}):
            same = _Counted(_knows(truth))
            t2 = time.perf_counter()
            after = copy_groups(index, [], same, neighbours=k)
            t3 = time.perf_counter()
            at, under = same.split(index)
            further = len(under)
            print(
                f"    copy_groups now, {k} best partner{'s' if k > 1 else ''} a photo"
                f"{_default(k == LONE_NEIGHBOURS)}: {t3 - t2:.2f} s (pairs at"
                f" {JOIN_COSINE:.2f}, joins and lone copies), {len(after):,} groups,"
                f" {len(at):,} (of {len(pairs):,} pairs at {DUPLICATE_COSINE}) + {further:,}"
                f" pixel checks (those under {DUPLICATE_COSINE}:"
                f" about {further * per_check:.1f} s more at {per_check * 1000:.1f} ms each)",
                flush=True,
            )


def _main_axes_as_it_was(moment: np.ndarray, k: int) -> np.ndarray:
    """core/similar.py's _main_axes before: the same steps on the BLAS threads in force."""
    k = min(k, moment.shape[0])
    rng = np.random.default_rng(0)
    basis = np.linalg.qr(moment @ rng.standard_normal((moment.shape[0], k)).astype(np.float32))[0]
    for _ in range(3):
        basis = np.linalg.qr(moment @ basis)[0]
    _, vectors = np.linalg.eigh(basis.T @ moment @ basis)
    return np.ascontiguousarray(basis @ vectors[:, ::-1]).astype(np.float32)


def _timed_index(n: int, synthetic: np.ndarray, as_it_was: bool) -> tuple[EmbeddingIndex, float]:
    now = similar._main_axes
    similar._main_axes = _main_axes_as_it_was if as_it_was else now
    try:
        t0 = time.perf_counter()
        index = build_index(np.arange(n), synthetic)
        return index, time.perf_counter() - t0
    finally:
        similar._main_axes = now


def _seconds(values: list[float]) -> str:
    return " then ".join(f"{v:.2f} s" for v in values)


def _spin(stop: multiprocessing.synchronize.Event) -> None:
    while not stop.is_set():
        sum(range(10_000))


def _busy(processes: int) -> Callable[[], None]:
    """`processes` processes spinning on the CPUs until the returned function is called."""
    stop = multiprocessing.Event()
    spinners = [multiprocessing.Process(target=_spin, args=(stop,)) for _ in range(processes)]
    for spinner in spinners:
        spinner.start()

    def done() -> None:
        stop.set()
        for spinner in spinners:
            spinner.join()

    return done


def first_call(matrix: np.ndarray, sizes: list[int], rounds: int = 2) -> None:
    """Building the index (Find Similar's first click) as it was and now, alternately."""
    rng = np.random.default_rng(1)
    base = matrix.astype(np.float32)
    for n in sizes:
        synthetic, _ = synthetic_library(base, n, rng)
        times: dict[bool, list[float]] = {True: [], False: []}
        built: dict[bool, EmbeddingIndex] = {}
        for _ in range(rounds):
            for as_it_was in (True, False):
                built[as_it_was], seconds = _timed_index(n, synthetic, as_it_was)
                times[as_it_was].append(seconds)
        old, new = built[True], built[False]
        pick = rng.integers(0, n, size=(2, 20_000))
        cosines = np.abs(
            np.einsum("ij,ij->i", old.reduced[pick[0]], old.reduced[pick[1]])
            - np.einsum("ij,ij->i", new.reduced[pick[0]], new.reduced[pick[1]])
        )
        same_top = figures = 0
        for q in rng.integers(0, n, size=20).tolist():
            ranked_old, ranked_new = old.similar(q, 50), new.similar(q, 50)
            same_top += len({i for i, _ in ranked_old} & {i for i, _ in ranked_new})
            figures = max(
                figures,
                max(
                    abs(old.likeness(q, int(a)) - new.likeness(q, int(b)))
                    for (a, _), (b, _) in zip(ranked_old, ranked_new, strict=True)
                ),
            )
        pairs_old = {(a, b) for a, b, _ in duplicate_pairs(old)}
        pairs_new = {(a, b) for a, b, _ in duplicate_pairs(new)}
        print(
            f"{n:>7,} photos: index as it was {_seconds(times[True])}, now"
            f" {_seconds(times[False])}; pair cosines differ by {cosines.max():.1e} at most,"
            f" top 50 of 20 photos the same {same_top / 10:.0f} %, figures differ by"
            f" {figures} point(s) at most, scale {old.scale.typical:.4f}/"
            f"{old.scale.standout:.4f} then {new.scale.typical:.4f}/{new.scale.standout:.4f};"
            f" near-duplicate pairs {len(pairs_old):,} then {len(pairs_new):,}, the same:"
            f" {pairs_old == pairs_new}",
            flush=True,
        )


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


def _kept_library(matrix: np.ndarray, n: int) -> Path:
    """A real library file of `n` photos with synthetic embeddings (made once, in CACHE)."""
    from phototagger.core.embeddings import encode_embedding
    from phototagger.ml.engine import BACKBONE_NAME
    from phototagger.store.connection import open_database, transaction
    from phototagger.store.embeddings import put_embeddings

    path = CACHE / f"kept-{n}" / "library.db"
    if path.exists():
        return path
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name("building.db")
    for leftover in partial.parent.glob("building.db*"):
        leftover.unlink()
    synthetic, _ = synthetic_library(matrix.astype(np.float32), n, np.random.default_rng(5))
    db = open_database(partial)
    with transaction(db):
        db.conn.executemany(
            "INSERT INTO photos (path, folder, name, name_sort, size, mtime, status, added_at,"
            " updated_at) VALUES (?, '/photos', ?, ?, 1, 1.0, 'tagged', '', '')",
            [(f"/photos/{i:06d}.jpg", f"{i:06d}.jpg", f"{i:06d}.jpg") for i in range(n)],
        )
    ids = [row[0] for row in db.execute("SELECT id FROM photos ORDER BY id")]
    for start in range(0, n, 10_000):
        rows = zip(ids[start : start + 10_000], synthetic[start : start + 10_000], strict=True)
        put_embeddings(db, BACKBONE_NAME, [(i, encode_embedding(v)) for i, v in rows])
    db.close()
    partial.rename(path)
    return path


def _uncached(*paths: Path) -> None:
    """Drop the files' pages from the OS cache: the next read comes from the disk."""
    for path in paths:
        if path.exists():
            with open(path, "rb") as file:
                os.posix_fadvise(file.fileno(), 0, 0, os.POSIX_FADV_DONTNEED)


def _kept_child(database: Path, way: str) -> None:
    """One fresh process's first and second Find Similar (the CLI's: the ranking, then the 50
    best with their photos), printed as one line of seconds and peak memory."""
    started = time.perf_counter()  # this module imported numpy and core/similar.py already
    from phototagger.core.similar import IndexCache, load_index, similar_photos
    from phototagger.store.connection import open_database

    db = open_database(database)
    query = int(db.execute("SELECT min(id) + count(*) / 2 FROM photos").fetchone()[0])
    imported = time.perf_counter()
    cache = IndexCache(load_index if way == "as it was" else similar.similar_index)
    first = similar_photos(db, query, 50, cache.get(db))
    t1 = time.perf_counter()
    second = similar_photos(db, query, 50, cache.get(db))
    t2 = time.perf_counter()
    assert first == second
    # The grid's: every photo ranked, the nearest EXACT_TOP on their full vectors (likeness35).
    similar.similar_by_likeness(cache.get(db), query + 1, similar.library_rows(db))
    t3 = time.perf_counter()
    # VmHWM, not ru_maxrss: that survives the exec, and this process's parent is large.
    status = Path("/proc/self/status").read_text()
    peak = int(status.split("VmHWM:")[1].split()[0]) / 1024
    top = ",".join(str(p.id) for p, _ in first[:5])
    print(
        f"{imported - started:.2f} {t1 - imported:.2f} {(t2 - t1) * 1000:.0f} {peak:.0f} {top}"
        f" {(t3 - t2) * 1000:.0f}"
    )


def kept(matrix: np.ndarray, sizes: list[int]) -> None:
    """Find Similar in a fresh process on a real library file (page cache dropped first): as it
    was (every embedding read from SQLite and projected), with no kept ranking (the same, then
    kept beside the library), and with the kept one; and the second call of each."""
    for n in sizes:
        t0 = time.perf_counter()
        database = _kept_library(matrix, n)
        made = time.perf_counter() - t0
        kept_file = Path(f"{database}{similar.KEPT_SUFFIX}")
        print(
            f"{n:,} photos: {database} ({database.stat().st_size / 2**20:,.0f} MB"
            f"{f', made in {made:.0f} s' if made > 1 else ''})",
            flush=True,
        )
        tops = set()
        for way in ("as it was", "none kept", "kept", "kept"):
            if way != "kept" and kept_file.exists():
                kept_file.unlink()
            _uncached(database, Path(f"{database}-wal"), kept_file)
            t0 = time.perf_counter()
            out = subprocess.run(
                [sys.executable, __file__, "--kept-child", str(database), "--way", way],
                check=True,
                capture_output=True,
                text=True,
            ).stdout.split()
            whole = time.perf_counter() - t0
            imports, first, second, peak, top, grid = out
            tops.add(top)
            size = (
                f", kept file {kept_file.stat().st_size / 2**20:.0f} MB"
                if way == "none kept"
                else ""
            )
            print(
                f"  {way:>9}: first Find Similar {first} s (after {imports} s of imports and"
                f" opening; the whole process {whole:.1f} s), the next {second} ms, peak memory"
                f" {peak} MB{size}; the grid's whole ranking of another photo {grid} ms",
                flush=True,
            )
        print(f"  the same 5 most similar every time: {len(tops) == 1}", flush=True)
        _kept_at_scan_end(database, kept_file)


def _kept_at_scan_end(database: Path, kept_file: Path) -> None:
    """A scan's end: the embeddings' copy made (as it is for the next training), then the
    ranking kept from it (core/job_end_copies.py)."""
    from phototagger.core.embedding_matrix import embedding_matrix
    from phototagger.ml.engine import BACKBONE_NAME
    from phototagger.store.connection import open_database

    kept_file.unlink()
    copies = database.parent / "copies"
    shutil.rmtree(copies, ignore_errors=True)
    db = open_database(database)
    try:
        t0 = time.perf_counter()
        matrix = embedding_matrix(db, BACKBONE_NAME, copies)
        t1 = time.perf_counter()
        if matrix is None:
            similar.keep_similar_ranking(db, BACKBONE_NAME)
        else:
            similar.keep_similar_ranking(db, BACKBONE_NAME, matrix.rows, matrix.generation)
        t2 = time.perf_counter()
    finally:
        db.close()
    print(
        f"  at a scan's end: the embeddings' copy {t1 - t0:.1f} s (made for the next training"
        f" already), then the ranking kept from it {t2 - t1:.1f} s",
        flush=True,
    )


def _timed_child(database: Path) -> tuple[str, str, str]:
    """A fresh process's first Find Similar with the kept ranking: (seconds, peak MB, top 5)."""
    kept_file = Path(f"{database}{similar.KEPT_SUFFIX}")
    _uncached(database, Path(f"{database}-wal"), kept_file)
    out = subprocess.run(
        [sys.executable, __file__, "--kept-child", str(database), "--way", "kept"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.split()
    return out[1], out[3], out[4]


def kept_changes(matrix: np.ndarray, sizes: list[int]) -> None:
    """Find Similar's first call in a fresh process after the user trashed 50 photos and after
    a scan added 200, on a copy of --kept's library whose ranking was kept before."""
    from phototagger.core.embeddings import encode_embedding
    from phototagger.core.trash import mark_trashed
    from phototagger.ml.engine import BACKBONE_NAME
    from phototagger.store.connection import open_database, transaction
    from phototagger.store.embeddings import put_embeddings

    for n in sizes:
        source = _kept_library(matrix, n)
        work = source.parent / "changed"
        shutil.rmtree(work, ignore_errors=True)
        work.mkdir()
        database = work / "library.db"
        shutil.copyfile(source, database)
        db = open_database(database)
        t0 = time.perf_counter()
        similar.similar_index(db)  # kept, as the click before the changes left it
        made = time.perf_counter() - t0
        ids = [row[0] for row in db.execute("SELECT id FROM photos ORDER BY id")]
        trashed = ids[7 :: len(ids) // 50][:50]  # not the photo the child asks about
        mark_trashed(db, trashed)
        db.close()
        print(
            f"{n:,} photos, a copy of {source} (its ranking built and kept in {made:.1f} s)",
            flush=True,
        )
        first, peak, _ = _timed_child(database)
        print(
            f"  after trashing 50 photos: first Find Similar {first} s, peak memory {peak} MB",
            flush=True,
        )
        rng = np.random.default_rng(11)
        new = synthetic_library(matrix.astype(np.float32), 200, rng)[0]
        db = open_database(database)
        with transaction(db):
            added = [
                int(
                    db.conn.execute(
                        "INSERT INTO photos (path, folder, name, name_sort, size, mtime, status,"
                        " added_at, updated_at) VALUES (?, '/photos/new', ?, ?, 1, 1.0, 'tagged',"
                        " '', '')",
                        [f"/photos/new/{i:03d}.jpg", f"{i:03d}.jpg", f"{i:03d}.jpg"],
                    ).lastrowid
                    or 0
                )
                for i in range(200)
            ]
        put_embeddings(
            db,
            BACKBONE_NAME,
            [(i, encode_embedding(v)) for i, v in zip(added, new, strict=True)],
        )
        db.close()
        first, peak, _ = _timed_child(database)
        print(
            f"  after scanning 200 new photos: first Find Similar {first} s, peak memory {peak} MB",
            flush=True,
        )
        db = open_database(database)
        ranking = similar.similar_index(db)
        shown = {photo for q in (ids[1], added[0]) for photo, _ in ranking.similar(q)}
        print(
            f"  a trashed photo among the similar photos: {bool(shown & set(trashed))}; the"
            f" new photos ranked: {set(added) <= shown}",
            flush=True,
        )
        db.close()
        shutil.rmtree(work, ignore_errors=True)


def _bw_copy(path: Path) -> dict[str, bytes]:
    """A photo's black-and-white export (JPEG quality 90), as photographer_edits makes it."""
    from PIL import ImageOps

    img = Image.open(path).convert("RGB")
    return _jpegs({"black-and-white": (ImageOps.grayscale(img).convert("RGB"), 90)})


def _det_library(paths: list[Path], chosen: list[int], matrix: np.ndarray) -> Path:
    """A real library file of det-photos and, for each chosen photo, its resized,
    recompressed, cropped (variants) and black-and-white (_bw_copy) copies written beside it;
    their real embeddings, content hashes and the scan's 320-pixel thumbnails (made once, in
    CACHE)."""
    from phototagger.core.embeddings import encode_embedding
    from phototagger.core.file_guard import content_hash_of
    from phototagger.core.imaging import THUMBNAIL_RESAMPLE, save_thumbnail, thumbnail_path
    from phototagger.core.same_picture import THUMBNAIL_SIDE
    from phototagger.ml.engine import BACKBONE_NAME
    from phototagger.store.connection import open_database, transaction
    from phototagger.store.embeddings import put_embeddings

    home = CACHE / f"det-library-{len(chosen)}"
    path = home / "library.db"
    files, _, _ = _made_copies(paths, chosen, variants, "")
    black, _, _ = _made_copies(paths, chosen, _bw_copy, "")
    copies = np.concatenate([embed_files(files, "variants"), embed_files(black, "black-and-white")])
    if path.exists():
        return path
    (home / "copies").mkdir(parents=True, exist_ok=True)
    sources: list[Path] = list(paths)
    for key, data in [*files, *black]:
        written = home / "copies" / key.replace("#", "_").replace(".jpg", "")
        written = written.with_suffix(".jpg")
        written.write_bytes(data)  # type: ignore[arg-type]
        sources.append(written)
    vectors = np.concatenate([matrix, copies]).astype(np.float32)
    partial = home / "building.db"
    for leftover in home.glob("building.db*"):
        leftover.unlink()
    db = open_database(partial)
    rows = []
    for source in sources:
        data = source.read_bytes()
        digest = content_hash_of(data)
        with Image.open(source) as image:
            size = image.size
            image.draft("RGB", (THUMBNAIL_SIDE, THUMBNAIL_SIDE))
            rgb = image.convert("RGB")
        rgb.thumbnail((THUMBNAIL_SIDE, THUMBNAIL_SIDE), THUMBNAIL_RESAMPLE, reducing_gap=3.0)
        save_thumbnail(rgb, thumbnail_path(home / "thumbnails", digest))
        rows.append(
            (str(source), str(source.parent), source.name, source.name, len(data), digest, *size)
        )
    with transaction(db):
        db.conn.executemany(
            "INSERT INTO photos (path, folder, name, name_sort, size, mtime, status, added_at,"
            " updated_at, content_hash, width, height) VALUES (?, ?, ?, ?, ?, 1.0, 'tagged',"
            " '', '', ?, ?, ?)",
            rows,
        )
    ids = [row[0] for row in db.execute("SELECT id FROM photos ORDER BY id")]
    put_embeddings(
        db, BACKBONE_NAME, [(i, encode_embedding(v)) for i, v in zip(ids, vectors, strict=True)]
    )
    db.close()
    partial.rename(path)
    return path


def _ranking_as_it_was(
    db: object, photo_id: int, thumbnails: Path
) -> tuple[list[tuple[int, float]], similar.SimilarRanking]:
    """Find Similar's first click before similar61 (core/queries.similar_ranking as it was):
    the ranking, its byte copies and the cheap pixel check of its 10 best for "mirrored" and
    "black-and-white" (the figure and words came from the cosine alone)."""
    from phototagger.core.duplicate_copies import SIMILAR_EDIT_COSINE, SIMILAR_EDITS, how_edited
    from phototagger.core.queries import _INDEX
    from phototagger.core.same_picture import PictureReader
    from phototagger.store.photos import get_photo, photos_by_ids

    index = _INDEX.get(db)  # type: ignore[arg-type]
    ranked = similar.similar_by_likeness(index, photo_id, similar.library_rows(db))  # type: ignore[arg-type]
    similar.byte_copies(db, get_photo(db, photo_id))  # type: ignore[arg-type]
    near = [pid for pid, cosine in ranked[:SIMILAR_EDITS] if cosine >= SIMILAR_EDIT_COSINE]
    photos = {p.id: p for p in photos_by_ids(db, [photo_id, *near])}  # type: ignore[arg-type]
    read = PictureReader(thumbnails)
    for pid in near:
        how_edited(read, photos[photo_id], photos[pid], edits=False)
    return ranked, index


def almost_identical(rounds: int = 2) -> None:
    """What reads "Almost identical" in Find Similar on a real det-photos library (1,000
    photos, and 200 of them with a resized, a recompressed, a 5 %-cropped and a
    black-and-white copy), before similar61 (the figure alone) and now (the pixels too:
    core/queries.similar_ranking): each copy beside its photo, and each other photo of a
    photo's category beside it; and the first click's time (the ranking, its pixel checks) on
    each of the 200 photos, as it was and now, one after the other on each photo (which goes
    first alternates by round), with the verdicts kept between clicks emptied before each; and
    now's next click on the same photo (its verdicts kept)."""
    from phototagger.core import duplicate_copies
    from phototagger.core.queries import similar_ranking
    from phototagger.store.connection import open_database

    paths, categories, matrix = det_photos()
    rng = np.random.default_rng(0)
    chosen = sorted(rng.choice(len(paths), size=200, replace=False).tolist())
    database = _det_library(paths, chosen, matrix)
    thumbnails = database.parent / "thumbnails"
    db = open_database(database)
    ids = [row[0] for row in db.execute("SELECT id FROM photos ORDER BY id")]
    n = len(paths)
    kinds = ("resized", "recompressed", "cropped")
    copy_of: dict[int, tuple[int, str]] = {}  # copy id -> (its photo's id, its kind)
    for j, i in enumerate(chosen):
        for k, kind in enumerate(kinds):
            copy_of[ids[n + 3 * j + k]] = (ids[i], kind)
        copy_of[ids[n + 3 * len(chosen) + j]] = (ids[i], "black-and-white")
    category_of = {ids[i]: categories[i] for i in range(n)}
    said: dict[str, dict[str, list[str]]] = {"as it was": {}, "now": {}}
    times: dict[str, list[float]] = {"as it was": [], "now": [], "now, clicked again": []}
    similar_ranking(db, ids[0], thumbnails)  # the index built once, as before a first click
    for round_ in range(rounds):  # both ways on each photo in turn, first one then the other
        for i in chosen:
            for way in ("as it was", "now")[:: 1 if round_ % 2 else -1]:
                photo_id = ids[i]
                duplicate_copies._VERDICTS.clear()
                started = time.perf_counter()
                if way == "now":
                    like = similar_ranking(db, photo_id, thumbnails)
                    times[way].append(time.perf_counter() - started)
                    started = time.perf_counter()  # the next click: the verdicts kept
                    similar_ranking(db, photo_id, thumbnails)
                    times["now, clicked again"].append(time.perf_counter() - started)
                    shown = {pid: like.shown(pid) for pid in like.ids[1:]}
                else:
                    ranked, index = _ranking_as_it_was(db, photo_id, thumbnails)
                    times[way].append(time.perf_counter() - started)
                    shown = {}
                    for pid, cosine in ranked:  # the figure and words from the cosine alone
                        percent = min(99, index.scale.percent(cosine))
                        shown[pid] = (percent, likeness_words(percent))
                if round_:
                    continue
                for pid, words in shown.items():
                    assert words is not None
                    if pid in copy_of and copy_of[pid][0] == photo_id:
                        kind = f"copy {copy_of[pid][1]}"
                    elif category_of.get(pid) == categories[i]:
                        kind = "another photo of its category"
                    elif pid in category_of:
                        kind = "a photo of another category"
                    else:
                        continue
                    said[way].setdefault(kind, []).append(words[1])
    print(
        f"det-photos library: {n} photos and {len(copy_of)} copies of {len(chosen)};"
        " reading 'Almost identical' beside each of those 200 photos, as it was -> now:"
    )
    for kind, before in said["as it was"].items():
        after = said["now"][kind]
        print(
            f"  {kind:<32} {before.count('Almost identical'):>4} -> "
            f"{after.count('Almost identical'):>4} of {len(before):,}"
            f" ({before.count('Almost identical') / len(before):.1%} ->"
            f" {after.count('Almost identical') / len(after):.1%})"
        )
    for way, seconds in times.items():
        q = np.percentile(np.array(seconds) * 1000, [50, 90, 100])
        print(
            f"  click {way}: median {q[0]:.0f} ms, 90% {q[1]:.0f} ms, most {q[2]:.0f} ms"
            f" ({len(seconds)} clicks, load average {os.getloadavg()[0]:.1f})"
        )
    db.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10000,100000")
    parser.add_argument("--variants", type=int, default=200)
    parser.add_argument(
        "--near",
        type=int,
        default=0,
        help="photos of det-photos and of --other given near-copies and pasted-object edits",
    )
    parser.add_argument("--other", type=Path, default=Path("/tmp/inet/photos"))
    parser.add_argument("--only-near", action="store_true", help="skip the other measures")
    parser.add_argument(
        "--likeness", action="store_true", help="only what Find Similar's figure reads"
    )
    parser.add_argument(
        "--sizes-likeness",
        default="",
        help="only the same pairs' figures in libraries of these many det-photos (100,250,...)",
    )
    parser.add_argument(
        "--first-call", action="store_true", help="only building the index, as it was and now"
    )
    parser.add_argument(
        "--busy", type=int, default=0, help="with --first-call: processes spinning meanwhile"
    )
    parser.add_argument(
        "--joins", action="store_true", help="only Find Duplicates' groups of one picture"
    )
    parser.add_argument(
        "--join-shares",
        default="0.02,0.2",
        help="with --joins: shares of planted copies in the synthetic libraries timed",
    )
    parser.add_argument(
        "--kept",
        action="store_true",
        help="only Find Similar's first call in a fresh process, with and without the kept ranking",
    )
    parser.add_argument(
        "--kept-changes",
        action="store_true",
        help="only Find Similar's first call after 50 photos trashed and 200 scanned",
    )
    parser.add_argument(
        "--edits",
        type=int,
        default=0,
        help="only Find Duplicates on N det-photos' edited exports (straightened, exposure...)",
    )
    parser.add_argument(
        "--almost-identical",
        action="store_true",
        help="only what reads 'Almost identical' on a det-photos library, and the first click",
    )
    parser.add_argument("--kept-child", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--way", default="kept", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.kept_child:
        _kept_child(args.kept_child, args.way)
        return
    if args.almost_identical:
        almost_identical()
        return
    if args.kept:
        print(f"load average {os.getloadavg()[0]:.1f}, {os.cpu_count()} CPUs")
        kept(det_photos()[2], [int(s) for s in args.sizes.split(",") if s])
        print(f"load average {os.getloadavg()[0]:.1f}")
        return
    if args.edits:
        photographer_copies(args.edits, args.other)
        return
    if args.kept_changes:
        print(f"load average {os.getloadavg()[0]:.1f}, {os.cpu_count()} CPUs")
        kept_changes(det_photos()[2], [int(s) for s in args.sizes.split(",") if s])
        print(f"load average {os.getloadavg()[0]:.1f}")
        return
    if args.first_call:
        print(
            f"load average {os.getloadavg()[0]:.1f}, {os.cpu_count()} CPUs, BLAS threads "
            f"{os.environ.get('OPENBLAS_NUM_THREADS', 'default')}, {args.busy} busy processes"
        )
        matrix = det_photos()[2]
        done = _busy(args.busy)
        try:
            first_call(matrix, [int(s) for s in args.sizes.split(",") if s])
        finally:
            done()
        print(f"load average {os.getloadavg()[0]:.1f}")
        return
    if args.joins:
        paths, _, matrix = det_photos()
        per_check = joins(paths, matrix, args.variants)
        for share in (float(s) for s in args.join_shares.split(",") if s):
            join_speed(matrix, [int(s) for s in args.sizes.split(",") if s], share, per_check)
        return
    if args.sizes_likeness:
        sizes_likeness([int(s) for s in args.sizes_likeness.split(",") if s])
        return
    if args.likeness:
        _, categories, _ = det_photos()
        likeness(DET, "det-photos", categories)
        if args.other.is_dir():
            likeness(args.other, args.other.name, None)
        return
    if args.near:
        paths, categories, _ = det_photos()
        near_duplicates(DET, "det-photos", args.near, categories)
        if args.other.is_dir():
            near_duplicates(args.other, args.other.name, args.near, None)
        if args.only_near:
            return
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
