"""Does the same photo get the same figures whichever runtime runs the model?

Run: nice .venv/bin/python benchmarks/runtimes_agree.py [--det 200] [--inet 100] [--copies 30]

On --det det-photos (/work/shared/data/det-photos, every 5th) and --inet ImageNet samples
(/tmp/inet/photos, every 10th), through the scan's own path: core/imaging.decode_photo's
model_input (decoded once, before and apart from the runtime: every runtime takes the same uint8
(N, 224, 224, 3) and normalises in its own graph), then each runtime's backbone (TensorFlow fp32,
the reference, as ml/engine.load_engine loads it; every converted candidate installed, as
ml/runtimes/candidates converts and loads them for a scan). For each runtime against TensorFlow:
max / mean absolute difference of the 1,000 ImageNet probabilities and of the 1,280-d embedding,
the embedding cosine (lowest, mean), top-1 agreement, and how many photos have a default tag
(at its threshold, ml/heads.DefaultHead) flipped; and the scan check's own verdict
(ml/runtimes/agreement.measure_agreement: what `auto` accepts).

The inputs: each file decoded twice (same bytes?), and the sha256 of the batch each runtime was
given.

--copies N: N det-photos get a near-duplicate (half size, JPEG quality 85, as benchmarks/similar.py
makes them); each runtime's embeddings of the library (the photos above and the copies) go through
core/similar.build_index and core/duplicate_copies.copy_likeness, the figure `phototagger
duplicates` prints beside a copy: per runtime, the likeness of each copy to its original.
"""

from __future__ import annotations

import argparse
import hashlib
import io
import os
import sys
import tempfile
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from phototagger.ml.engine import BackboneRunner  # noqa: E402

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")

DET = Path("/work/shared/data/det-photos")
INET = Path("/tmp/inet/photos")
CACHE = Path(tempfile.gettempdir()) / "phototagger-runtimes-agree"
# Library sizes the copies' likeness is shown at beside the whole set's (TensorFlow's embeddings):
# core/similar.build_index projects on REDUCED_DIMS (256) main axes, all of a library's own
# directions up to 256 photos and fewer of them past it. The figure read the projections'
# cosine and so moved with the size (4.5 points on average here); since likeness35 it reads the
# full vectors' (benchmarks/similar.py --sizes-likeness), and these lines should agree.
GROWTH = (100, 256, 270)


def every(folder: Path, pattern: str, count: int) -> list[Path]:
    files = sorted(p for p in folder.glob(pattern) if p.is_file())
    step = max(1, len(files) // max(count, 1))
    return files[::step][:count]


def half_size_copy(path: Path, dest: Path) -> Path:
    from PIL import Image

    with Image.open(path) as im:
        rgb = im.convert("RGB")
        small = rgb.resize(
            (max(1, rgb.width // 2), max(1, rgb.height // 2)), Image.Resampling.BICUBIC
        )
    buffer = io.BytesIO()
    small.save(buffer, "JPEG", quality=85)
    out = dest / f"copy-{path.stem}.jpg"
    out.write_bytes(buffer.getvalue())
    return out


def inputs(files: list[Path]) -> np.ndarray:
    """The scan's model inputs of `files`; decoded twice to show the decode is deterministic."""
    from phototagger.core.imaging import decode_photo

    first = np.stack([decode_photo(f).model_input for f in files])
    again = np.stack([decode_photo(f).model_input for f in files])
    same = int((first == again).all(axis=(1, 2, 3)).sum())
    print(f"  decoded twice: {same} of {len(files)} inputs byte-identical")
    return first


def runners(cache: Path) -> dict[str, BackboneRunner]:
    """{title: backbone with predict(pixels) -> (embeddings, probabilities)}, TensorFlow first."""
    from phototagger.ml.engine import load_engine
    from phototagger.ml.runtimes.candidates import installed_candidates
    from phototagger.ml.runtimes.conversion_check import load_converted
    from phototagger.ml.weights_source import file_digest, source_weights_path
    from phototagger.paths import default_home

    engine = load_engine("cpu", weights_cache=default_home().weights_cache)
    found: dict[str, BackboneRunner] = {"TensorFlow fp32": engine.backbone}
    for candidate in installed_candidates(file_digest(source_weights_path()), cache):
        found[f"{candidate.title} [{candidate.name}]"] = load_converted(engine, candidate)
    return found


def run(
    backbone: BackboneRunner, pixels: np.ndarray, batch: int = 32
) -> tuple[np.ndarray, np.ndarray]:
    embeddings, probabilities = [], []
    for start in range(0, len(pixels), batch):
        chunk = np.ascontiguousarray(pixels[start : start + batch])
        e, p = backbone.predict(chunk)
        embeddings.append(np.asarray(e, np.float32))
        probabilities.append(np.asarray(p, np.float32))
    return np.concatenate(embeddings), np.concatenate(probabilities)


def compare(label: str, outputs: dict[str, tuple[np.ndarray, np.ndarray]]) -> None:
    from phototagger.ml.heads import load_default_head
    from phototagger.ml.runtimes.agreement import measure_agreement

    head = load_default_head()
    ref_e, ref_p = outputs["TensorFlow fp32"]
    ref_tags = head.scores(ref_e) >= head.thresholds
    print(f"\n{label}: against TensorFlow fp32 ({len(ref_e)} photos)")
    print(
        f"  {'runtime':<34} {'prob max':>9} {'prob mean':>9} {'emb max':>8} {'emb mean':>9} "
        f"{'cos min':>8} {'cos mean':>8} {'top-1':>6} {'tag flips':>14}"
    )
    for name, (emb, prob) in outputs.items():
        if name == "TensorFlow fp32":
            continue
        cos = (emb * ref_e).sum(1) / np.maximum(
            np.linalg.norm(emb, axis=1) * np.linalg.norm(ref_e, axis=1), 1e-12
        )
        flips = ((head.scores(emb) >= head.thresholds) != ref_tags).sum(axis=1)
        top1 = (prob.argmax(1) == ref_p.argmax(1)).mean()
        print(
            f"  {name:<34} {np.abs(prob - ref_p).max():9.2e} {np.abs(prob - ref_p).mean():9.2e} "
            f"{np.abs(emb - ref_e).max():8.2e} {np.abs(emb - ref_e).mean():9.2e} "
            f"{cos.min():8.5f} {cos.mean():8.5f} {top1:6.1%} "
            f"{int((flips > 0).sum()):>4} ph / {int(flips.sum()):>3} tg"
        )
        print(f"  {'':<34} scan check: {measure_agreement(ref_e, emb, head).describe()}")


def likeness(
    outputs: dict[str, np.ndarray], originals: list[int], copies: list[int], names: list[str]
) -> None:
    """The duplicates figure of each copy against its original, per runtime's embeddings."""
    from phototagger.core.embeddings import decode_embeddings, encode_embedding
    from phototagger.core.similar import build_index

    ids = np.arange(len(next(iter(outputs.values()))))
    per: dict[str, list[int]] = {}
    for name, emb in outputs.items():
        # As the library keeps them (float16) and core/duplicate_copies.copy_likeness reads them.
        index = build_index(ids, decode_embeddings([encode_embedding(v) for v in emb]))
        per[name] = [min(99, index.likeness(a, b)) for a, b in zip(originals, copies, strict=True)]
        print(
            f"  {name:<34} scale typical {index.scale.typical:.3f} standout "
            f"{index.scale.standout:.3f}; copies' likeness mean {np.mean(per[name]):.1f} %"
        )
    ref = np.array(per["TensorFlow fp32"])
    for name, values in per.items():
        if name != "TensorFlow fp32":
            diff = np.array(values) - ref
            print(
                f"  {name:<34} likeness minus TensorFlow's: max |d| {np.abs(diff).max()} "
                f"points, mean {diff.mean():+.2f}"
            )
    moved = np.abs(np.array(list(per.values())) - ref).max(axis=0)
    worst = int(np.argmax(moved))  # the copy some runtime moved most
    print(f"  e.g. {names[worst]}: " + ", ".join(f"{n} {v[worst]} %" for n, v in per.items()))
    # The same pairs, TensorFlow's embeddings unchanged, in libraries of fewer photos (the
    # originals, their copies and the first others): what a library that grew held before.
    emb = outputs["TensorFlow fp32"]
    pairs = sorted(set(originals) | set(copies))
    others = [i for i in range(len(emb)) if i not in set(pairs)]
    for size in (*GROWTH, len(emb)):
        rows = sorted(pairs + others[: max(0, size - len(pairs))])
        at = {r: n for n, r in enumerate(rows)}
        index = build_index(
            np.arange(len(rows)), decode_embeddings([encode_embedding(emb[r]) for r in rows])
        )
        small = np.array(
            [min(99, index.likeness(at[a], at[b])) for a, b in zip(originals, copies, strict=True)]
        )
        diff = small - ref
        print(
            f"  TensorFlow fp32 in a library of {len(rows)} of these photos: copies' likeness "
            f"mean {small.mean():.1f} %, {diff.mean():+.2f} points from all {len(emb)} "
            f"(max |d| {np.abs(diff).max()}); scale typical {index.scale.typical:.3f} "
            f"standout {index.scale.standout:.3f}"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--det", type=int, default=200)
    parser.add_argument("--inet", type=int, default=100)
    parser.add_argument("--copies", type=int, default=30)
    args = parser.parse_args()
    CACHE.mkdir(parents=True, exist_ok=True)
    sets = {
        "det-photos": every(DET, "*.jpg", args.det),
        "ImageNet samples": every(INET, "*.JPEG", args.inet) if INET.is_dir() else [],
    }
    found = runners(CACHE / "runtimes")
    print("runtimes: " + ", ".join(found))
    embeddings: dict[str, list[np.ndarray]] = {name: [] for name in found}
    for label, files in sets.items():
        if not files:
            print(f"\n{label}: none found")
            continue
        print(f"\n{label}: {len(files)} files")
        pixels = inputs(files)
        digest = hashlib.sha256(pixels.tobytes()).hexdigest()[:16]
        outputs = {}
        for name, backbone in found.items():
            given = pixels.copy()
            outputs[name] = run(backbone, given)
            same = "same" if hashlib.sha256(given.tobytes()).hexdigest()[:16] == digest else "DIFF"
            print(f"  {name:<34} input sha256 {digest} ({same} bytes)")
            embeddings[name].append(outputs[name][0])
        compare(label, outputs)
    if args.copies and sets["det-photos"]:
        originals = sets["det-photos"][: args.copies]
        made = CACHE / "copies"
        made.mkdir(exist_ok=True)
        copy_files = [half_size_copy(p, made) for p in originals]
        print(f"\nnear-duplicates: {len(copy_files)} half-size JPEG q85 copies of det-photos")
        pixels = inputs(copy_files)
        library = {}
        copied = {}
        for name, backbone in found.items():
            copied[name] = run(backbone, pixels)[0]
            library[name] = np.concatenate([*embeddings[name], copied[name]])
        # A library scanned on TensorFlow whose copies were added after the runtime moved:
        # the originals' embeddings TensorFlow's, the copies' the other runtime's.
        for name in list(found)[1:]:
            tf = embeddings["TensorFlow fp32"]
            library[f"{name.split(' [')[-1][:-1]}: copies only"] = np.concatenate(
                [*tf, copied[name]]
            )
        base = sum(len(files) for files in sets.values())
        likeness(
            library,
            list(range(len(originals))),
            list(range(base, base + len(originals))),
            [p.name for p in originals],
        )


if __name__ == "__main__":
    main()
