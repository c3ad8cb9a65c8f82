"""False faces: what the face detector's wrong `people` look like next to its right ones, and
whether a rule could tell them apart. One run prints every figure.

Run: .venv/bin/python benchmarks/false_faces.py [--det-photos DIR] [--inet DIR]

Photos: det-photos with benchmarks/people.py's hand labels, and (--inet) the 1,000 photos of
imagenet-sample-images (github.com/EliSchwartz/imagenet-sample-images, one photo per ImageNet
class; its file names are `<wnid>_<class>.JPEG`), a set the detector was never tuned on. On that
set only the photos the shipped detector calls `people` are labelled (by eye, INET_NOT_PEOPLE
below: every other one shows a person), so its figures are how many of those a rule keeps or
removes, not a recall.

For every counted face (the shipped code path: core.people's detector and models/people.json's
confidence line) it prints, for the photos without people, and as quantiles for the photos with
a face: the box's height in the detector's 320-px view, its confidence, its landmark geometry
(O-Net's five points for the box: eye distance and mouth width in box widths, eye-to-mouth height
in box heights, where the nose sits between the eye line and the mouth line), the CNN's top
classes for the photo and its `animal` share (the default vocabulary's `animal` classes), and
the CNN's top class for the face's own crop. Then candidate rules, each as: photos with people
still called `people` / photos without people no longer called `people`, on both sets:
  a. a confidence floor for faces under a size;
  b. no face counted where the CNN takes the photo for an animal;
  c. landmark geometry inside the range of det-photos' true faces;
  d. no face counted where the CNN takes the face's crop for an animal other than a primate
     (close-up human faces often read as monkeys: ImageNet has no person class).
About 4 minutes on 2 cores.
"""

from __future__ import annotations

import argparse
import functools
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from PIL import Image

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # run as a script
# people.py sets the benchmarks' library home and TensorFlow's quiet before anything loads.
from benchmarks.people import DET_PHOTOS, det_photo_labels  # noqa: E402

# The imagenet-sample-images photos the shipped detector (mtcnn-1.1.1/min24/o0.8, faces >= 0.95)
# calls `people` without a person in them, seen by eye: a dog's face, a cockroach in a box, a
# drawn figure on a Christmas stocking, a Venetian mask, a computer-game knight, a photo of a man
# on a web page. Its other 77 `people` photos all hold people (dog shows, anglers with their
# catch, a hunter with his deer: the CNN takes 14 of them for an animal).
INET_NOT_PEOPLE = frozenset(
    {"vizsla", "cockroach", "Christmas_stocking", "mask", "breastplate", "web_site"}
)
GEOMETRY = ("eye_distance", "mouth_width", "eye_to_mouth", "nose_between")


@dataclass
class FoundFace:
    height_px: float  # in the detector's view (long side 320)
    share_of_height: float  # of the photo's
    confidence: float
    geometry: dict[str, float]
    crop_top: tuple[str, float]
    crop_animal: float  # the crop's top class is an animal's, not a primate's: its probability


@dataclass
class Photo:
    path: Path
    people: bool | None  # None: not scored (people too small, or not looked at)
    faces: list[FoundFace] = field(default_factory=list)
    top: list[tuple[str, float]] = field(default_factory=list)
    animal: float = 0.0


def _geometry(marks: np.ndarray) -> dict[str, float]:
    """O-Net's landmarks (x of eyes, nose, mouth corners, then their y; 0-1 of the box)."""
    xs, ys = marks[:5], marks[5:]
    eye_y, mouth_y = (ys[0] + ys[1]) / 2, (ys[3] + ys[4]) / 2
    return {
        "eye_distance": float(np.hypot(xs[1] - xs[0], ys[1] - ys[0])),
        "mouth_width": float(np.hypot(xs[4] - xs[3], ys[4] - ys[3])),
        "eye_to_mouth": float(mouth_y - eye_y),
        "nose_between": float((ys[2] - eye_y) / max(mouth_y - eye_y, 1e-6)),
    }


def measure(paths: Sequence[Path], people: Sequence[bool | None]) -> list[Photo]:
    from phototagger.core.imaging import decode_photo
    from phototagger.core.people import PeopleStep, detector_input, kept_faces
    from phototagger.ml.engine import load_engine
    from phototagger.ml.faces import crop_and_resize
    from phototagger.ml.vocabulary import load_vocabulary
    from phototagger.paths import default_home

    engine = load_engine("cpu", weights_cache=default_home().weights_cache)
    tags = {t.name: t.classes for t in load_vocabulary().tags}
    animal = np.zeros(1000, bool)
    animal[list(tags["animal"])] = True
    not_primate = animal.copy()
    not_primate[list(tags["monkey"])] = False
    step = PeopleStep()
    onet = step.finder()._nets["onet"]  # type: ignore[attr-defined]  # the shipped nets
    photos: list[Photo] = []
    for start in range(0, len(paths), 32):
        chunk = [decode_photo(p) for p in paths[start : start + 32]]
        found = step.detect([d.thumbnail for d in chunk])
        _, probs = engine.imagenet(np.stack([d.model_input for d in chunk]))
        for i, (decoded, faces) in enumerate(zip(chunk, found, strict=True)):
            photo = Photo(paths[start + i], people[start + i])
            photo.top = [
                (engine.class_names[c], float(probs[i, c])) for c in (-probs[i]).argsort()[:3]
            ]
            photo.animal = float(probs[i, animal].sum())
            view = detector_input(decoded.thumbnail)
            height, width = view.shape[:2]
            for face in kept_faces(faces, step.rules):
                x1, y1 = face.x * width, face.y * height
                side = max(face.w * width, face.h * height)
                cx, cy = x1 + face.w * width / 2, y1 + face.h * height / 2
                box = np.array([[cy - side / 2, cx - side / 2, cy + side / 2, cx + side / 2]])
                normalised = (view.astype(np.float32)[None] - 127.5) / 128.0
                relative = box / np.array([height, width, height, width])
                crop = crop_and_resize(normalised, relative, np.zeros(1, np.intp), 48)
                marks = onet(crop)[1][0]
                pixels = Image.fromarray(view).crop(
                    (cx - side / 2, cy - side / 2, cx + side / 2, cy + side / 2)
                )
                _, crop_probs = engine.imagenet(
                    np.asarray(pixels.resize((224, 224), Image.Resampling.BICUBIC))[None]
                )
                best = int(crop_probs[0].argmax())
                photo.faces.append(
                    FoundFace(
                        face.h * height,
                        face.h,
                        face.confidence,
                        _geometry(marks),
                        (engine.class_names[best], float(crop_probs[0, best])),
                        float(crop_probs[0, best]) if not_primate[best] else 0.0,
                    )
                )
            photos.append(photo)
        print(f"  {start + len(chunk)}/{len(paths)}", file=sys.stderr, flush=True)
    return photos


def report(name: str, photos: list[Photo]) -> None:
    false = [p for p in photos if p.people is False and p.faces]
    right = [p for p in photos if p.people and p.faces]
    print(
        f"\n== {name}: {len(right)} photos with people called `people`, "
        f"{len(false)} without people called `people`"
    )
    print("false faces (photo: box px, confidence, geometry, crop's top class; photo's top 3):")
    for photo in false:
        print(f"  {photo.path.name}  animal {photo.animal:.2f}  {photo.top}")
        for f in photo.faces:
            geometry = " ".join(f"{k} {v:.2f}" for k, v in f.geometry.items())
            print(
                f"    {f.height_px:5.0f} px  conf {f.confidence:.4f}  {geometry}  "
                f"crop: {f.crop_top[0]} {f.crop_top[1]:.2f}"
            )
    print("quantiles 0 / 2 / 10 / 50 / 90 / 98 / 100 %, faces in photos with people | without:")
    for key, value in _features().items():
        cells = []
        for group in (right, false):
            values = [value(f) for p in group for f in p.faces]
            cells.append(
                " ".join(
                    f"{q:6.3f}" for q in np.quantile(values, [0, 0.02, 0.1, 0.5, 0.9, 0.98, 1])
                )
            )
        print(f"  {key:13s} {cells[0]}  |  {cells[1]}")
    print(
        "the photo's animal share, photos with people: "
        + " ".join(f"{q:.2f}" for q in np.quantile([p.animal for p in right], [0.5, 0.9, 0.98, 1]))
        + f" (50/90/98/100 %); {sum(p.animal >= 0.5 for p in right)} at 0.5 or more"
    )


def _features() -> dict[str, Callable[[FoundFace], float]]:
    features: dict[str, Callable[[FoundFace], float]] = {
        "height px": lambda f: f.height_px,
        "confidence": lambda f: f.confidence,
    }
    for key in GEOMETRY:
        features[key] = functools.partial(_geometry_of, key)
    return features


def _geometry_of(key: str, face: FoundFace) -> float:
    return face.geometry[key]


Rule = Callable[[Photo, FoundFace], bool]


def _floor(floor: float, under: float) -> Rule:
    return lambda p, f: f.height_px >= under or f.confidence >= floor


def _photo_animal(share: float, large: float) -> Rule:
    return lambda p, f: p.animal < share or f.share_of_height >= large


def _crop_animal(share: float) -> Rule:
    return lambda p, f: f.crop_animal < share


def rules(sets: dict[str, list[Photo]]) -> None:
    true_faces = [f for p in sets["det-photos"] if p.people for f in p.faces]
    bounds = {
        key: np.quantile([f.geometry[key] for f in true_faces], [0.01, 0.99]) for key in GEOMETRY
    }
    candidates: list[tuple[str, Rule]] = [
        ("shipped (every face >= 0.95 counts)", lambda p, f: True)
    ]
    for floor, under in ((0.97, 30), (0.98, 30), (0.98, 40), (0.99, 30), (0.99, 10_000)):
        candidates.append((f"a. faces under {under} px need {floor}", _floor(floor, under)))
    for share, large in ((0.5, 1.0), (0.9, 1.0), (0.9, 0.3)):
        unless = f" under {large:.0%} of its height" if large < 1 else ""
        candidates.append(
            (f"b. photo's animal share >= {share}: no face{unless}", _photo_animal(share, large))
        )
    candidates.append(
        (
            "c. geometry inside det-photos' true faces' 1-99 %",
            lambda p, f: all(bounds[k][0] <= f.geometry[k] <= bounds[k][1] for k in GEOMETRY),
        )
    )
    for share in (0.5, 0.8):
        candidates.append(
            (f"d. crop's top class an animal (not a primate) >= {share}", _crop_animal(share))
        )
    print("\n== candidate rules: photos with people kept / photos without people removed")
    print(f"  {'rule':64s} " + "  ".join(f"{name:>22s}" for name in sets))
    for label, keep in candidates:
        cells = []
        for photos in sets.values():
            right = [p for p in photos if p.people and p.faces]
            false = [p for p in photos if p.people is False and p.faces]
            kept = sum(any(keep(p, f) for f in p.faces) for p in right)
            removed = sum(not any(keep(p, f) for f in p.faces) for p in false)
            cells.append(f"{kept:3d}/{len(right):3d}  {removed:2d}/{len(false):2d}")
        print(f"  {label:64s} " + "  ".join(f"{c:>22s}" for c in cells))


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--det-photos", type=Path, default=DET_PHOTOS)
    parser.add_argument("--inet", type=Path, help="imagenet-sample-images' folder of photos")
    args = parser.parse_args(argv)
    labels = det_photo_labels(args.det_photos)
    scored: dict[str, bool | None] = {"face": True, "group": True, "small": None, "none": False}
    sets: dict[str, list[Photo]] = {
        "det-photos": measure(list(labels), [scored[v] for v in labels.values()])
    }
    if args.inet is not None:
        paths = sorted(args.inet.glob("*.JPEG"))
        # Labelled where the detector says `people` (see INET_NOT_PEOPLE): the rest unscored,
        # which only the photos with counted faces are used for.
        people: list[bool | None] = [p.stem.split("_", 1)[1] not in INET_NOT_PEOPLE for p in paths]
        sets["imagenet samples"] = measure(paths, people)
    for name, photos in sets.items():
        report(name, photos)
    rules(sets)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
