"""What the face detector costs per photo, and what cheaper variants lose. One run prints all.

Run: .venv/bin/python benchmarks/face_cost.py [--count 300] [--det-photos DIR] [--batch 32]

The photos go through the scan's path (core.imaging.decode_photo's 320-px thumbnail, then
core.people.detector_input), then each detector variant (OpenVINO nets, as a CPU scan runs them)
over the same views in batches like the scan's. Per variant: CPU ms per photo (process time, all
threads), where it goes (P-Net with its numpy resize, R-Net and O-Net with their crops, the rest:
NMS and boxes; OpenVINO's threads may spin past a call, so `rest` is rough), faces counted (at
people.json's min_confidence), photos with people, people-tag decisions (core.people.people_scores'
suggested tags) identical to the reference detector's, `people` recall on the photos labelled
with a face of 40 px or more and the false `people` rate on photos labelled without people
(benchmarks/people.py's hand labels), and faces found in the 100 LFW faces the
tests use (tests/photo_factory.lfw_face, 224 px). The reference is the shipped detector
(models/people.json's settings). Each variant runs --rounds times, alternating, and the least
CPU time is printed. A variant is worth shipping only if
its people tags agree on >= 99 % of photos; the "1 px cropped" row is the noise floor: the
same detector on the photos less one row and column of pixels. On a shared machine read the ratios.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import numpy as np

REPO_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO_ROOT))
os.environ.setdefault("PHOTOTAGGER_HOME", str(REPO_ROOT / "benchmarks" / "out" / "home"))

from benchmarks.people import DET_PHOTOS, det_photo_labels  # noqa: E402
from phototagger.core.imaging import decode_photo  # noqa: E402
from phototagger.core.people import (  # noqa: E402
    detector_input,
    kept_faces,
    load_finder,
    load_rules,
    people_scores,
)
from phototagger.ml.faces import DetectorSettings, FaceDetector  # noqa: E402


class SquareCanvas(FaceDetector):
    """Landscape and portrait padded to one square canvas: one P-Net shape per level a batch."""

    @staticmethod
    def canvas_shape(height: int, width: int) -> tuple[int, int]:
        side = -(-max(height, width) // 64) * 64
        return side, side


def _views(folder: Path, count: int) -> tuple[list[np.ndarray], list[str]]:
    """The detector's views of the first `count` photos, and their hand labels."""
    labels = det_photo_labels(folder)
    files = sorted(labels)[:count]
    return [detector_input(decode_photo(p).thumbnail) for p in files], [labels[p] for p in files]


def _lfw_views() -> list[np.ndarray]:
    from tests.photo_factory import lfw_face

    with tempfile.TemporaryDirectory() as tmp:
        paths = [lfw_face(Path(tmp) / f"{i}.jpg", i) for i in range(100)]
        return [detector_input(decode_photo(p).thumbnail) for p in paths]


def _timed_nets(detector: FaceDetector) -> dict[str, float]:
    """Wraps the detector's nets (once) to add their CPU time to the dict returned."""
    spent: dict[str, float] = defaultdict(float)
    nets: dict[str, Callable[..., list[np.ndarray]]] = detector._nets  # noqa: SLF001

    def wrap(name: str, run: Callable[..., list[np.ndarray]]) -> Callable[..., list[np.ndarray]]:
        def timed(*args: Any) -> list[np.ndarray]:
            start = time.process_time()
            try:
                return run(*args)
            finally:
                spent[name] += time.process_time() - start

        return timed

    for name, run in list(nets.items()):
        nets[name] = wrap(name, run)
    return spent


def _run(
    detector: FaceDetector, spent: dict[str, float], views: Sequence[np.ndarray], batch: int
) -> tuple[list[Any], dict[str, float]]:
    detector.detect(views[:batch])  # warm: kernels for this batch's shapes
    spent.clear()
    found: list[Any] = []
    start = time.process_time()
    for i in range(0, len(views), batch):
        found += detector.detect(views[i : i + batch])
    spent["total"] = time.process_time() - start
    return found, dict(spent)


def _share(tags: list[list[str]], labels: list[str], kinds: tuple[str, ...]) -> float:
    """The share of the photos labelled `kinds` that get the people tag."""
    chosen = [("people" in t) for t, label in zip(tags, labels, strict=True) if label in kinds]
    return sum(chosen) / max(len(chosen), 1)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=300)
    parser.add_argument("--det-photos", type=Path, default=DET_PHOTOS)
    parser.add_argument("--batch", type=int, default=32)
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args()

    rules = load_rules()
    shipped = load_finder(rules, runtime="openvino", device="cpu")
    assert isinstance(shipped, FaceDetector)
    nets, base = shipped._nets, shipped.settings  # noqa: SLF001
    views, labels = _views(args.det_photos, args.count)
    lfw = _lfw_views()

    def variant(cls: type[FaceDetector] = FaceDetector, **change: float) -> FaceDetector:
        return cls(dict(nets), DetectorSettings(**{**base.__dict__, **change}), "openvino")

    variants: list[tuple[str, FaceDetector]] = [
        ("shipped (people.json)", variant()),
        ("shipped, photos 1 px cropped", variant()),
        ("pyramid factor 0.6", variant(pyramid_factor=0.6)),
        ("pyramid factor 0.5", variant(pyramid_factor=0.5)),
        ("min_face 32", variant(min_face=32)),
        ("square canvas", variant(SquareCanvas)),
        ("square canvas, pyramid 0.6", variant(SquareCanvas, pyramid_factor=0.6)),
    ]
    print(f"{len(views)} det-photos from {args.det_photos}, 100 LFW faces, batch {args.batch}")
    print(
        f"{'variant':28} {'ms/photo':>8} {'pnet':>5} {'rnet':>5} {'onet':>5} {'rest':>5}"
        f" {'faces':>5} {'people':>6} {'tags agree':>10} {'recall':>6} {'false':>5} {'LFW':>4}"
    )
    timers = {label: _timed_nets(detector) for label, detector in variants}
    runs: dict[str, list[tuple[list[Any], dict[str, float]]]] = defaultdict(list)
    for _ in range(args.rounds):
        for label, detector in variants:
            # The noise floor: the same detector on views without their top row and left
            # column, so how often people tags flip from nothing that matters to a user.
            seen = [v[1:, 1:] for v in views] if "cropped" in label else views
            runs[label].append(_run(detector, timers[label], seen, args.batch))
    reference = [people_scores(faces, rules)[1] for faces in runs[variants[0][0]][0][0]]
    for label, detector in variants:
        found, spent = min(runs[label], key=lambda run: run[1]["total"])
        lfw_found, _ = _run(detector, timers[label], lfw, args.batch)
        tags = [people_scores(faces, rules)[1] for faces in found]
        agree = sum(a == b for a, b in zip(tags, reference, strict=True)) / len(tags)
        ms = {k: spent[k] / len(views) * 1000 for k in ("pnet", "rnet", "onet", "total")}
        rest = ms["total"] - ms["pnet"] - ms["rnet"] - ms["onet"]
        print(
            f"{label:28} {ms['total']:8.1f} {ms['pnet']:5.1f} {ms['rnet']:5.1f}"
            f" {ms['onet']:5.1f} {rest:5.1f}"
            f" {sum(len(kept_faces(f, rules)) for f in found):5d}"
            f" {sum('people' in t for t in tags):6d} {agree:10.1%}"
            f" {_share(tags, labels, ('face', 'group')):6.1%}"
            f" {_share(tags, labels, ('none',)):5.1%}"
            f" {sum(bool(kept_faces(f, rules)) for f in lfw_found):4d}"
        )


if __name__ == "__main__":
    main()
