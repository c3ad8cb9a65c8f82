"""What the face detector costs per photo, and what cheaper variants lose. One run prints all.

Run: .venv/bin/python benchmarks/face_cost.py [--count 300] [--det-photos DIR] [--batch 32]

The photos go through the scan's path (core.imaging.decode_photo's 320-px thumbnail, then
core.people.detector_input), then each detector variant (OpenVINO nets, as a CPU scan runs them)
over the same views in batches like the scan's. Per variant: CPU ms per photo (process time, all
threads) and wall ms per photo, where the CPU goes (P-Net, its numpy area resize, R-Net and O-Net,
their numpy crops, the rest: canvases, NMS and boxes; OpenVINO's threads may spin past a call, so
`rest` is rough), faces counted (at
people.json's min_confidence), photos with people, people-tag decisions (core.people.people_scores'
suggested tags) identical to the reference detector's, `people` recall on the photos labelled
with a face of 40 px or more and the false `people` rate on photos labelled without people
(benchmarks/people.py's hand labels), and faces found in the 100 LFW faces the
tests use (tests/photo_factory.lfw_face, 224 px). The reference is the shipped detector
(models/people.json's settings); the "mtcnn-1.0.0" row is the detector shipped before it (a canvas
per 32-px bucket of each side, pyramid factor 0.709, R-Net and O-Net once per canvas shape), the
"mtcnn-1.1.0" row the shipped detector on Lanczos thumbnails (as scans made them before 1.1.1). Each
variant runs --rounds times, alternating, and the least CPU time is printed. A variant that
changes the boxes is worth shipping only if its people tags agree with the reference's as often
as the "1 px cropped" row, the noise floor: the same detector on the photos less one row and
column of pixels. On a shared machine read the ratios.
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

from PIL import Image  # noqa: E402

from benchmarks.people import DET_PHOTOS, det_photo_labels  # noqa: E402
from phototagger.core import imaging  # noqa: E402
from phototagger.core.imaging import decode_photo  # noqa: E402
from phototagger.core.people import (  # noqa: E402
    detector_input,
    kept_faces,
    load_finder,
    load_rules,
    people_scores,
)
from phototagger.ml import faces as faces_module  # noqa: E402
from phototagger.ml.faces import LEGACY_PYRAMID_FACTOR, DetectorSettings, FaceDetector  # noqa: E402
from phototagger.ml.runtimes import mtcnn_openvino  # noqa: E402


class RefinePerCanvas(FaceDetector):
    """R-Net and O-Net once per canvas shape of the batch (as mtcnn-1.0.0 ran them), not once
    for the whole batch: the same boxes, more calls."""

    def detect(self, images: Sequence[np.ndarray]) -> list[list[Any]]:
        results: list[list[Any]] = [[] for _ in images]
        groups: dict[tuple[int, int], list[int]] = defaultdict(list)
        for i, image in enumerate(images):
            groups[self.canvas_shape(*image.shape[:2])].append(i)
        for members in groups.values():
            for i, found in zip(members, super().detect([images[i] for i in members]), strict=True):
                results[i] = found
        return results


def _views(folder: Path, count: int, lanczos: bool = False) -> tuple[list[np.ndarray], list[str]]:
    """The detector's views of the first `count` photos, and their hand labels; `lanczos`: from
    thumbnails made as before mtcnn-1.1.1 (Lanczos, not bicubic)."""
    labels = det_photo_labels(folder)
    files = sorted(labels)[:count]
    return [_view(p, lanczos) for p in files], [labels[p] for p in files]


def _view(path: Path, lanczos: bool) -> np.ndarray:
    shipped = imaging.THUMBNAIL_RESAMPLE
    imaging.THUMBNAIL_RESAMPLE = Image.Resampling.LANCZOS if lanczos else shipped
    try:
        return detector_input(decode_photo(path).thumbnail)
    finally:
        imaging.THUMBNAIL_RESAMPLE = shipped


def _lfw_views(lanczos: bool = False) -> list[np.ndarray]:
    from tests.photo_factory import lfw_face

    with tempfile.TemporaryDirectory() as tmp:
        paths = [lfw_face(Path(tmp) / f"{i}.jpg", i) for i in range(100)]
        return [_view(p, lanczos) for p in paths]


SPENT: dict[str, float] = defaultdict(float)  # CPU seconds per step of the detector now running


def _timed(name: str, run: Callable[..., Any]) -> Callable[..., Any]:
    def timed(*args: Any) -> Any:
        start = time.process_time()
        try:
            return run(*args)
        finally:
            SPENT[name] += time.process_time() - start

    return timed


def _timed_nets(nets: dict[str, Callable[..., list[np.ndarray]]]) -> dict[str, Any]:
    return {name: _timed(name, run) for name, run in nets.items()}


def _run(
    detector: FaceDetector, views: Sequence[np.ndarray], batch: int
) -> tuple[list[Any], dict[str, float]]:
    detector.detect(views[:batch])  # warm: kernels for this batch's shapes
    SPENT.clear()
    found: list[Any] = []
    start, wall = time.process_time(), time.perf_counter()
    for i in range(0, len(views), batch):
        found += detector.detect(views[i : i + batch])
    SPENT["total"] = time.process_time() - start
    SPENT["wall"] = time.perf_counter() - wall
    return found, dict(SPENT)


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
    parser.add_argument(
        "--only",
        default="",
        help="comma-separated label prefixes: only those variants (and the reference)",
    )
    args = parser.parse_args()

    rules = load_rules()
    shipped = load_finder(rules, runtime="openvino", device="cpu")
    assert isinstance(shipped, FaceDetector)
    base = shipped.settings
    views, labels = _views(args.det_photos, args.count)
    lfw = _lfw_views()
    lanczos_views, lanczos_lfw = _views(args.det_photos, args.count, True)[0], _lfw_views(True)
    # The numpy steps, timed wherever they are called from (module globals, looked up per call).
    mtcnn_openvino.area_resize = _timed("resize", mtcnn_openvino.area_resize)
    faces_module.crop_and_resize = _timed("crop", faces_module.crop_and_resize)

    def variant(
        cls: type[FaceDetector] = FaceDetector,
        threads: int | None = None,
        precision: str = mtcnn_openvino.PRECISION,
        **change: Any,
    ) -> FaceDetector:
        nets = _timed_nets(mtcnn_openvino.load_nets(threads, precision))
        return cls(nets, DetectorSettings(**{**base.__dict__, **change}), "openvino")

    legacy: dict[str, Any] = {"canvas": "bucket", "pyramid_factor": LEGACY_PYRAMID_FACTOR}
    variants: list[tuple[str, FaceDetector]] = [
        ("shipped (people.json)", variant()),
        ("shipped, photos 1 px cropped", variant()),
        ("mtcnn-1.1.0 (Lanczos thumbs)", variant()),
        ("mtcnn-1.0.0 (before)", variant(RefinePerCanvas, **legacy)),
        ("R/O-Net per canvas shape", variant(RefinePerCanvas)),
        ("1 OpenVINO thread", variant(threads=1)),
        ("bf16", variant(precision="bf16")),
        ("pyramid factor 0.5", variant(pyramid_factor=0.5)),
        ("min_face 32", variant(min_face=32)),
    ]
    wanted = [w.strip() for w in args.only.split(",") if w.strip()]
    if wanted:
        variants = variants[:1] + [v for v in variants[1:] if v[0].startswith(tuple(wanted))]
    print(f"{len(views)} det-photos from {args.det_photos}, 100 LFW faces, batch {args.batch}")
    steps = ("pnet", "resize", "rnet", "onet", "crop")
    print(
        f"{'variant':28} {'ms/photo':>8} {'wall':>5} {'pnet':>5} {'resize':>6} {'rnet':>5}"
        f" {'onet':>5} {'crop':>5} {'rest':>5}"
        f" {'faces':>5} {'people':>6} {'tags agree':>10} {'recall':>6} {'false':>5} {'LFW':>4}"
    )
    runs: dict[str, list[tuple[list[Any], dict[str, float]]]] = defaultdict(list)
    for _ in range(args.rounds):
        for label, detector in variants:
            # The noise floor: the same detector on views without their top row and left
            # column, so how often people tags flip from nothing that matters to a user.
            seen = [v[1:, 1:] for v in views] if "cropped" in label else views
            seen = lanczos_views if "Lanczos" in label else seen
            runs[label].append(_run(detector, seen, args.batch))
    reference = [people_scores(faces, rules)[1] for faces in runs[variants[0][0]][0][0]]
    for label, detector in variants:
        found, spent = min(runs[label], key=lambda run: run[1]["total"])
        lfw_found, _ = _run(detector, lanczos_lfw if "Lanczos" in label else lfw, args.batch)
        tags = [people_scores(faces, rules)[1] for faces in found]
        agree = sum(a == b for a, b in zip(tags, reference, strict=True)) / len(tags)
        ms = {k: spent.get(k, 0.0) / len(views) * 1000 for k in (*steps, "total", "wall")}
        ms["pnet"] -= ms["resize"]  # the resize runs inside the P-Net runner
        rest = ms["total"] - sum(ms[k] for k in steps)
        print(
            f"{label:28} {ms['total']:8.1f} {ms['wall']:5.1f} {ms['pnet']:5.1f}"
            f" {ms['resize']:6.1f} {ms['rnet']:5.1f} {ms['onet']:5.1f} {ms['crop']:5.1f}"
            f" {rest:5.1f}"
            f" {sum(len(kept_faces(f, rules)) for f in found):5d}"
            f" {sum('people' in t for t in tags):6d} {agree:10.1%}"
            f" {_share(tags, labels, ('face', 'group')):6.1%}"
            f" {_share(tags, labels, ('none',)):5.1%}"
            f" {sum(bool(kept_faces(f, rules)) for f in lfw_found):4d}"
        )


if __name__ == "__main__":
    main()
